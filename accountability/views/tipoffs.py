"""Admin for public tip-offs (举报线索): a list scoped like every accountability list, an
inspect page with the report, the photos, the deadlines and one form per workflow step
the user may take, and a small edit form for the handling fields.

The reporter's name and phone appear only for the supervisors of the handling district
(``services.tipoffs.may_see_contact``); nothing else of the record is personal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column

from ..models import Enterprise, Tipoff
from ..services import tipoffs, workflow
from ..services.audit import history
from ..services.scoping import may_write, visible, writable
from .base import ArchivedFilterSet, InspectView, NoDeletePolicy, ScopedViewSet, record_url
from .filters import OpenOverdueMixin

# Fields a step's form carries besides the reason: they are set on the record and saved
# by the step itself, so the audit entry of the step shows them.
STEP_FIELDS = {"verify": ("findings",), "register": ("enterprise",), "reply": ("public_reply",)}


class TipoffPolicy(NoDeletePolicy):
    """Tip-offs come from the public form only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class TipoffFilterSet(OpenOverdueMixin, ArchivedFilterSet):
    class Meta:
        model = Tipoff
        fields = ["status", "district", "open", "overdue"]


class OverdueFlag(Column):
    def get_value(self, instance):
        return gettext_lazy("Overdue") if instance.is_overdue else ""


class TipoffInspectView(InspectView):
    template_name = "accountability/admin/tipoff_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        steps = workflow.allowed_transitions(obj, user) if may_write(user, obj) else []
        context.update(
            {
                "tipoff": obj,
                "steps": steps,
                "step_url": reverse("accountability_tipoff:step", args=[obj.pk]),
                "enterprises": writable(user, Enterprise.objects.filter(archived=False))
                if any(t.action == "register" for t in steps)
                else [],
                "show_contact": tipoffs.may_see_contact(user, obj),
                "photos": obj.photos.select_related("document"),
                "audit": _audit(obj, user),
                "hazard_url": record_url(user, obj.hazard) if obj.hazard_id else "",
            }
        )
        return context


def _audit(obj, user):
    return visible(user, history(obj))[:30]


@require_POST
def step(request, pk):
    """Take one workflow step from the inspect page (fields of the step, then the step)."""
    tipoff = get_object_or_404(visible(request.user, Tipoff.objects.all()), pk=pk)
    if not may_write(request.user, tipoff):
        raise PermissionDenied
    action = request.POST.get("action", "")
    back = redirect(reverse("accountability_tipoff:inspect", args=[tipoff.pk]))
    for name in STEP_FIELDS.get(action, ()):
        value = request.POST.get(name, "").strip()
        if name == "enterprise":
            choices = writable(request.user, Enterprise.objects.filter(archived=False))
            enterprise = choices.filter(pk=value).first() if value.isdigit() else None
            if enterprise is None:
                messages.error(request, _("Choose the verified enterprise from the list."))
                return back
            tipoff.enterprise = enterprise
        else:
            setattr(tipoff, name, value[:5000])
    try:
        workflow.apply(tipoff, action, request.user, reason=request.POST.get("reason", ""))
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Status changed to “%(s)s”.") % {"s": tipoff.get_status_display()}
        )
    return back


class TipoffViewSet(ScopedViewSet):
    model = Tipoff
    icon = "mail"
    menu_label = gettext_lazy("Public tip-offs")
    filterset_class = TipoffFilterSet
    inspect_view_class = TipoffInspectView
    list_select_related = ("jurisdiction",)
    search_fields = ["description", "address", "enterprise_name"]
    list_display = [
        "__str__",
        "district",
        "status",
        "received_on",
        "deadline",
        OverdueFlag("is_overdue", label=gettext_lazy("Overdue")),
    ]
    # No contact data: an export leaves the handling district's hands.
    list_export = ["reference", "received_on", "district", "address", "description",
                   "enterprise_name", "enterprise", "status", "deadline", "is_overdue",
                   "replied_on"]  # fmt: skip
    form_fields = ["district", "enterprise", "findings", "public_reply", "archived"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/step/", step, name="step")]
