"""Workflow buttons (status transitions) and downgrade-proposal decisions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import DowngradeProposal, Hazard, Interview, SupervisionCase, Tipoff
from ..services import ratings, workflow
from ..services.audit import history
from ..services.roles import SUPERVISORS, has_role
from ..services.scoping import visible
from .base import EditView
from .changes import ChangeContextMixin

MODELS = {
    "hazard": Hazard,
    "supervisioncase": SupervisionCase,
    "interview": Interview,
    "tipoff": Tipoff,
}
# Where each model's workflow buttons live (tip-offs: on the inspect page, views/tipoffs.py).
RETURN_VIEW = {"tipoff": "inspect"}


class WorkflowEditView(ChangeContextMixin, EditView):
    """Edit form with the record's status, computed deadlines and workflow buttons."""

    template_name = "accountability/admin/workflow_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transitions"] = workflow.allowed_transitions(self.object, self.request.user)
        context["transition_url"] = reverse(
            "accountability_transition", args=[self.object._meta.model_name, self.object.pk, "-"]
        )[:-2]
        context["audit"] = _audit(self.object, self.request.user)
        return context


def _audit(obj, user):
    return visible(user, history(obj))[:20]


@require_POST
def transition(request, model, pk, action):
    if model not in MODELS:
        raise Http404
    obj = get_object_or_404(visible(request.user, MODELS[model].objects.all()), pk=pk)
    try:
        workflow.apply(obj, action, request.user, reason=request.POST.get("reason", ""))
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status changed to “%(s)s”.") % {"s": obj.get_status_display()})
    view = RETURN_VIEW.get(model, "edit")
    return redirect(reverse(f"accountability_{model}:{view}", args=[obj.pk]))


@require_POST
def decide_proposal(request, pk):
    proposal = get_object_or_404(visible(request.user, DowngradeProposal.objects.all()), pk=pk)
    if not has_role(request.user, SUPERVISORS):
        messages.error(request, _("Your role may not decide downgrade proposals."))
    else:
        confirm = request.POST.get("decision") == "confirm"
        try:
            ratings.decide(proposal, request.user, confirm, request.POST.get("note", "").strip())
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Proposal confirmed: a new rating was recorded.")
                if confirm
                else _("Proposal rejected."),
            )
    return redirect(reverse("accountability_downgradeproposal:edit", args=[proposal.pk]))


class ProposalEditView(EditView):
    template_name = "accountability/admin/proposal_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = self.object.status == DowngradeProposal.PENDING and has_role(
            self.request.user, SUPERVISORS
        )
        context["decide_url"] = reverse("accountability_decide_proposal", args=[self.object.pk])
        return context
