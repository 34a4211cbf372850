"""Controlled changes in the admin: locked form fields, the request form, the decision
buttons and the list of change requests (待审批的变更申请 with who must act).

The rules are in :mod:`accountability.services.changes`; these views only draw them."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from .. import models as m
from ..services import changes
from ..services.audit import history
from ..services.scoping import can_see, user_scope, visible
from .base import EditView, InspectView, ScopedForm, ScopedViewSet, record_url

MODELS = {"hazard": m.Hazard, "supervisioncase": m.SupervisionCase, "assessment": m.Assessment}


class ControlledForm(ScopedForm):
    """Fields that only a change request may change are read-only (a posted value is
    ignored), and existing veto items can neither be deleted nor rewritten here."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        labels = dict(m.ChangeRequest.KIND_CHOICES)
        for name, kind in changes.locked_fields(self.instance).items():
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Locked: change it through a “%(kind)s” request."
                ) % {"kind": labels[kind]}
        for child in self._existing_veto_forms():
            for name, field in child.fields.items():
                if name not in ("id", "DELETE", "ORDER"):
                    field.disabled = True

    def _existing_veto_forms(self):
        formset = getattr(self, "formsets", {}).get("veto_items")
        return [f for f in formset.forms if f.instance.pk] if formset is not None else []

    def clean(self):
        cleaned = super().clean()
        for child in self._existing_veto_forms():
            if self.is_bound and child.data.get(child.add_prefix("DELETE")) not in (None, "", "0"):
                raise ValidationError(
                    _(
                        "A veto item cannot be deleted here: file a “%(kind)s” request with "
                        "your reason; a city supervisor decides."
                    )
                    % {"kind": dict(m.ChangeRequest.KIND_CHOICES)[m.ChangeRequest.REMOVE_VETO]}
                )
        self._check_self_assessment()
        return cleaned

    def _check_self_assessment(self):
        """A district (or department) does not grade itself: its staff may only assess
        units below their own."""
        if not isinstance(self.instance, m.Assessment) or self.instance.pk:
            return
        unit = self.cleaned_data.get("jurisdiction")
        scope = user_scope(self.for_user) if self.for_user else None
        if unit is None or scope is None or scope.everything:
            return
        mine = scope.path or ""
        if unit.path == mine or mine.startswith(unit.path + "/"):
            self.add_error(
                "jurisdiction",
                _("A unit may not assess itself: a higher level records this assessment."),
            )


def controlled_edit_handler(viewset):
    """The viewset's panels on :class:`ControlledForm` (used by the viewsets of the
    records with controlled fields)."""
    panels = viewset.panels if getattr(viewset, "panels", None) else None
    if panels is None:
        panels = [FieldPanel(name) for name in viewset.form_fields]
    return ObjectList(panels, base_form_class=ControlledForm).bind_to_model(viewset.model)


class ChangeContextMixin:
    """Adds the change requests of the record to an edit page: the kinds the user may
    request and the ones still pending."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        context["change_kinds"] = changes.requestable(obj, user)
        context["change_url"] = reverse(
            "accountability_change_request", args=[obj._meta.model_name, obj.pk]
        )
        kinds = changes.kinds_for(obj)
        context["pending_changes"] = (
            m.ChangeRequest.objects.filter(
                status=m.ChangeRequest.PENDING, **{changes.RULES[kinds[0]].target: obj}
            )
            if kinds
            else []
        )
        return context


class AssessmentEditView(ChangeContextMixin, EditView):
    template_name = "accountability/admin/assessment_edit.html"


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Why the change is needed; the approver and the audit read it."),
    )
    value = forms.CharField(label=gettext_lazy("New value"), required=False, max_length=20)
    veto_item = forms.ModelChoiceField(
        label=gettext_lazy("Veto item"), queryset=m.VetoItem.objects.none(), required=False
    )

    def __init__(self, *args, rule, obj, **kwargs):
        super().__init__(*args, **kwargs)
        if rule.asks == "days":
            self.fields["value"].label = _("New rectification period (days)")
            self.fields["value"].required = True
            self.fields["value"].help_text = _("Now %(d)d days; the deadline follows from it.") % {
                "d": getattr(obj, rule.field)
            }
        elif rule.asks == "score":
            self.fields["value"].label = _("New score")
            self.fields["value"].required = True
            self.fields["value"].help_text = _("Now %(s)s.") % {"s": obj.score}
        else:
            del self.fields["value"]
        if rule.asks == "veto":
            self.fields["veto_item"].queryset = obj.veto_items.all()
            self.fields["veto_item"].required = True
        else:
            del self.fields["veto_item"]


def request_view(request, model, pk):
    """The request form for one record and one kind (``?kind=``)."""
    if model not in MODELS:
        raise Http404
    obj = get_object_or_404(visible(request.user, MODELS[model].objects.all()), pk=pk)
    kind = request.GET.get("kind", "")
    rule = changes.RULES.get(kind)
    if rule is None or rule.model is not type(obj):
        raise Http404
    if kind not in dict(changes.requestable(obj, request.user)):
        messages.error(request, _("Your role may not request this change."))
        return redirect(reverse(f"accountability_{model}:edit", args=[obj.pk]))
    form = RequestForm(request.POST or None, rule=rule, obj=obj)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = changes.request_change(
                obj, kind, request.user, data["reason"], data.get("value"), data.get("veto_item")
            )
        except changes.ChangeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Request filed; it waits for: %(who)s.")
                % {"who": changes.approver_label(created)},
            )
            return redirect(reverse("accountability_changerequest:inspect", args=[created.pk]))
    title = dict(m.ChangeRequest.KIND_CHOICES)[kind]
    return render(
        request,
        "accountability/admin/change_request_form.html",
        {"form": form, "object": obj, "title": title, "page_title": title},
    )


@require_POST
def decide_view(request, pk):
    obj = get_object_or_404(visible(request.user, m.ChangeRequest.objects.all()), pk=pk)
    decision = request.POST.get("decision")
    try:
        if decision == "withdraw":
            changes.withdraw(obj, request.user)
        elif decision in ("approve", "reject"):
            changes.decide(obj, request.user, decision == "approve", request.POST.get("note", ""))
        else:
            raise PermissionDenied
    except changes.ChangeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Request %(s)s.") % {"s": obj.get_status_display()})
    return redirect(reverse("accountability_changerequest:inspect", args=[obj.pk]))


class ChangeRequestInspectView(InspectView):
    template_name = "accountability/admin/change_request_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obj = self.request.user, self.object
        context["must_act"] = changes.must_act(obj)
        context["can_decide"] = changes.may_decide(obj, user)
        context["can_withdraw"] = obj.status == obj.PENDING and obj.requested_by_id == user.pk
        context["decide_url"] = reverse("accountability_change_decide", args=[obj.pk])
        context["audit"] = visible(user, history(obj))[:20]
        target = obj.target
        if target is not None and can_see(user, target):
            context["target_url"] = record_url(user, target)
        return context


class ChangeRequestFilterSet(WagtailFilterSet):
    mine = django_filters.BooleanFilter(label=gettext_lazy("Awaiting my decision"),
                                        method="filter_mine")  # fmt: skip

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        ids = changes.awaiting(self.request.user).values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    class Meta:
        model = m.ChangeRequest
        fields = ["status", "kind", "mine"]


class ChangeRequestViewSet(ScopedViewSet):
    """Change requests; the list filtered to 待审批 shows who must act on each."""

    model = m.ChangeRequest
    icon = "resubmit"
    menu_label = gettext_lazy("Change requests")
    filterset_class = ChangeRequestFilterSet
    inspect_view_class = ChangeRequestInspectView
    list_select_related = ("hazard__enterprise", "supervision_case__enterprise", "assessment")
    list_display = [
        "kind",
        Column("target_repr", label=gettext_lazy("record")),
        "summary",
        "requested_by_name",
        "created_at",
        "status",
        Column("must_act", label=gettext_lazy("who must act"), accessor=changes.must_act),
    ]
    list_export = ["kind", "target_repr", "summary", "reason", "requested_by_name", "created_at",
                   "status", "decided_by_name", "decided_at", "decision_note"]  # fmt: skip
    inspect_view_fields = ["kind", "status", "old_value", "new_value"]
    search_fields = ["reason", "summary"]
    form_fields = ["reason"]  # never editable: the policy is read-only
