"""Bulk actions on the accountability admin lists, built on Wagtail's bulk-action framework
(registered with the ``register_bulk_action`` hook, dispatched at ``wagtail_bulk_action``).

Editors tick records in a list (or "select all in listing"), choose an action in the
footer, confirm on a page that lists the selected records, and return to the list with a
message. Records that do not qualify are listed with the reason. The rules live in
:mod:`accountability.services.bulk`; this module loads the selection (always through
:func:`~accountability.services.scoping.visible`) and draws the pages."""

from abc import abstractmethod
from dataclasses import dataclass

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.widgets import AdminDateInput
from wagtail.permissions import policy_registry

from .. import models as m
from ..services import bulk as rules
from ..services import workflow
from ..services.roles import has_role
from ..services.scoping import writable
from .base import ACTIVE, ARCHIVED, has_archive_flag
from .settings_viewsets import AccountabilitySettingsGroup
from .viewsets import AccountabilityGroup


def listed_viewsets():
    """{model: viewset} of every accountability admin list."""
    items = [*AccountabilityGroup.items, *AccountabilitySettingsGroup.items]
    return {viewset.model: viewset for viewset in items}


def can_change(user, model):
    return policy_registry.get_by_type(model).user_has_permission(user, "change")


@dataclass
class Selection:
    queryset: object
    total: int
    missing: int  # requested ids that are unknown or outside the user's jurisdiction


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the audit trail"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Optional: why these records change. Saved with each change."),
    )


class AccountabilityBulkAction(BulkAction):
    """Base of the accountability bulk actions: the user needs the model's change
    permission, and only records inside their jurisdiction are ever loaded."""

    template_name = "accountability/admin/bulk/confirm.html"
    result_template_name = "accountability/admin/bulk/result.html"
    form_class = NoteForm
    offered_on = ACTIVE
    submit_label = gettext_lazy("Apply")
    detail_heading = ""
    intro = ""
    outcome = None

    def dispatch(self, request, *args, **kwargs):
        if not can_change(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def viewset(self):
        return listed_viewsets()[self.model]

    def get_all_objects_in_listing_query(self, parent_id):
        """The list as the user sees it: same scope, archived flag, filters and search."""
        vs = self.viewset
        kwargs = {**vs.get_common_view_kwargs(), **vs.get_index_view_kwargs()}
        view_class = vs.index_view_class
        view = view_class(
            **{k: v for k, v in kwargs.items() if hasattr(view_class, k) and v is not vs.UNDEFINED}
        )
        view.setup(self.request)
        return view.get_queryset()

    @cached_property
    def selection(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            queryset, requested = self.get_all_objects_in_listing_query(None), None
        else:
            pks = {int(v) for v in ids if v.isascii() and v.isdigit() and len(v) < 16}
            queryset, requested = self.model._default_manager.filter(pk__in=pks), len(pks)
            if self.viewset.list_select_related:
                queryset = queryset.select_related(*self.viewset.list_select_related)
        queryset = writable(self.request.user, queryset)
        total = queryset.count()
        if not total:
            raise Http404(_("None of the selected records exists in your jurisdiction."))
        return Selection(queryset, total, (requested - total) if requested else 0)

    @property
    def too_many(self):
        return self.selection.total > rules.MAX_RECORDS

    def get_actionable_objects(self):
        return list(self.selection.queryset[: rules.MAX_RECORDS]), {"items_with_no_access": []}

    def describe(self, obj):
        """Extra information shown next to each record on the confirmation page."""
        return obj.get_status_display() if hasattr(obj, "get_status_display") else ""

    def preview_problem(self, obj):
        """Why the record will be skipped, when that is known before the form is sent."""
        return None

    def object_context(self, obj):
        return {
            "item": obj,
            "url": self.record_url(obj),
            "detail": self.describe(obj),
            "problem": self.preview_problem(obj),
        }

    def record_url(self, obj):
        return reverse(self.viewset.get_url_name("edit"), args=[quote(obj.pk)])

    def get_context_data(self, **kwargs):
        context = FormView.get_context_data(self, **kwargs)
        selection = self.selection
        shown = list(selection.queryset[: rules.MAX_RECORDS])
        context.update(
            action=self,
            items=[self.object_context(obj) for obj in shown],
            total=selection.total,
            missing=selection.missing,
            not_listed=selection.total - len(shown),
            too_many=self.too_many,
            max_records=rules.MAX_RECORDS,
            next=self.next_url,
            submit_url=self.request.path + "?" + self.request.META["QUERY_STRING"],
            model_opts=self.model._meta,
            header_icon=self.viewset.icon,
        )
        return context

    @abstractmethod
    def perform(self, objects, data):
        """Apply the action to ``objects`` with the confirmed form's ``data``; returns the
        :class:`~accountability.services.bulk.Outcome`."""

    def execute_action(self, objects, **kwargs):
        self.outcome = self.perform(objects, self.cleaned_form.cleaned_data)
        return len(self.outcome.changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return _("%(action)s: %(count)d record(s) changed.") % {
            "action": self.display_name,
            "count": num_parent_objects,
        }

    def form_valid(self, form):
        if self.too_many:
            form.add_error(
                None,
                _("More than %(max)s records are selected. Narrow the list with filters first.")
                % {"max": rules.MAX_RECORDS},
            )
            return self.form_invalid(form)
        response = super().form_valid(form)
        if self.outcome is not None and self.outcome.skipped:
            return self.response_class(
                request=self.request,
                template=[self.result_template_name],
                context={
                    "action": self,
                    "changed": len(self.outcome.changed),
                    "skipped": [
                        {"item": s.obj, "url": self.record_url(s.obj), "reason": s.reason}
                        for s in self.outcome.skipped
                    ],
                    "next": self.next_url,
                    "model_opts": self.model._meta,
                    "header_icon": self.viewset.icon,
                },
            )
        return response


class ArchiveBulkAction(AccountabilityBulkAction):
    display_name = gettext_lazy("Archive")
    action_type = "archive"
    aria_label = gettext_lazy("Archive the selected records")
    action_priority = 90
    submit_label = gettext_lazy("Yes, archive")
    intro = gettext_lazy(
        "Archived records leave the default list. They are kept, with their audit trail, "
        "and can be restored from the archived list."
    )

    @classproperty
    def models(cls):
        return [model for model in listed_viewsets() if has_archive_flag(model)]

    def preview_problem(self, obj):
        return rules.archive_problem(obj, self.request.user)

    def perform(self, objects, data):
        return rules.archive(objects, self.request.user, data.get("note", ""))


class RestoreBulkAction(ArchiveBulkAction):
    display_name = gettext_lazy("Restore")
    action_type = "restore"
    aria_label = gettext_lazy("Restore the selected records")
    offered_on = ARCHIVED
    submit_label = gettext_lazy("Yes, restore")
    intro = gettext_lazy("Restored records return to the default list.")

    def preview_problem(self, obj):
        return rules.restore_problem(obj)

    def perform(self, objects, data):
        return rules.restore(objects, self.request.user, data.get("note", ""))


class StepForm(forms.Form):
    step = forms.ChoiceField(
        label=gettext_lazy("Step"),
        help_text=gettext_lazy(
            "Each selected record takes this step if its status, its filled-in fields and "
            "your role allow it; the others stay as they are and are listed with the reason."
        ),
    )

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", "---------"), *rules.step_choices(model)]


class WorkflowBulkAction(AccountabilityBulkAction):
    display_name = gettext_lazy("Workflow step")
    action_type = "workflow_step"
    aria_label = gettext_lazy("Take one workflow step on the selected records")
    action_priority = 10
    form_class = StepForm
    submit_label = gettext_lazy("Take this step")
    detail_heading = gettext_lazy("Status / steps you may take now")
    intro = gettext_lazy(
        "Choose one step of the workflow. It is taken on every selected record where it "
        "is possible; the others are listed with the reason."
    )
    models = [m.Hazard, m.SupervisionCase, m.Interview]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "model": self.model}

    @cached_property
    def permitted_steps(self):
        """Steps the user's role allows (asked once, not once per listed record)."""
        user = self.request.user
        return {t.action for t in workflow.TABLES[self.model] if has_role(user, t.roles)}

    def describe(self, obj):
        """Current status and the steps the user may take now (as on the edit page)."""
        steps = [] if obj.archived else workflow.transitions_for(obj)
        steps = [step for step in steps if step.action in self.permitted_steps]
        names = "、".join(str(step.label) for step in steps) or _("no step")
        return f"{obj.get_status_display()} / {names}"

    def perform(self, objects, data):
        return rules.apply_step(objects, data["step"], self.request.user)

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        label = dict(rules.step_choices(self.model))[self.cleaned_form.cleaned_data["step"]]
        return _("%(step)s: %(count)d record(s) changed.") % {
            "step": label,
            "count": num_parent_objects,
        }


class InspectionForm(NoteForm):
    inspected_on = forms.DateField(
        label=gettext_lazy("Inspection date"),
        initial=timezone.localdate,
        widget=AdminDateInput,
        help_text=gettext_lazy(
            "Day of the on-site inspection. The next inspection date follows from it and "
            "the enterprise's listing colour."
        ),
    )
    field_order = ["inspected_on", "note"]

    def clean_inspected_on(self):
        value = self.cleaned_data["inspected_on"]
        rules.check_inspection_date(value)
        return value


class InspectionBulkAction(AccountabilityBulkAction):
    display_name = gettext_lazy("Record inspection")
    action_type = "record_inspection"
    aria_label = gettext_lazy("Record an on-site inspection for the selected enterprises")
    action_priority = 10
    form_class = InspectionForm
    submit_label = gettext_lazy("Record inspection")
    detail_heading = gettext_lazy("Last / next inspection")
    intro = gettext_lazy(
        "Records the inspection date as each enterprise's last inspection; its next "
        "inspection date is recomputed. An older date never replaces a newer one."
    )
    models = [m.Enterprise]

    def describe(self, obj):
        def fmt(day):
            return date_format(day, "SHORT_DATE_FORMAT") if day else "—"

        return f"{fmt(obj.last_inspected_on)} / {fmt(obj.next_inspection_on)}"

    def preview_problem(self, obj):
        return _("Archived records cannot be changed.") if obj.archived else None

    def perform(self, objects, data):
        return rules.record_inspection(
            objects, data["inspected_on"], self.request.user, data.get("note", "")
        )


ACTIONS = [WorkflowBulkAction, InspectionBulkAction, ArchiveBulkAction, RestoreBulkAction]
