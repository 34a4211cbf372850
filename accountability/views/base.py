"""Scoped Wagtail viewsets: every list, export, form choice and object view is filtered
by :func:`accountability.services.scoping.visible`; out-of-scope objects give 404.
Delete is never offered: records are archived instead."""

from dataclasses import dataclass

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.documents import get_document_model
from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.admin_display import ReadableColumn, YesNoColumn, display_value
from portal.core.exports import ExportRulesMixin

from ..evidence import attachable
from ..services.scoping import can_see, may_write, visible, writable

# The two lists of a model with the archive flag; each bulk action is offered on one of them.
ACTIVE, ARCHIVED = "active", "archived"


def has_archive_flag(model):
    return any(f.name == "archived" for f in model._meta.fields)


@dataclass
class FooterAction:
    button: ListingButton
    offered_on: str
    shown: bool


def footer_actions(model, archived_list):
    """The footer buttons of ``model``'s list. Each action belongs to the default list or
    to the archived one; the other list's actions are drawn hidden, and the list page
    shows them when the "archived" filter changes."""
    actions = sorted(
        bulk_action_registry.get_bulk_actions_for_model(
            model._meta.app_label, model._meta.model_name
        ),
        key=lambda action: action.action_priority,
    )
    current = ARCHIVED if archived_list else ACTIVE
    return [
        FooterAction(
            ListingButton(
                action.display_name,
                reverse(
                    "wagtail_bulk_action",
                    args=[model._meta.app_label, model._meta.model_name, action.action_type],
                ),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname="bulk-action-btn",
            ),
            action.offered_on,
            action.offered_on == current,
        )
        for action in actions
    ]


class NoDeletePolicy(ModelPermissionPolicy):
    """Django model permissions, minus delete (nothing is hard-deleted in the UI)."""

    read_only = False

    def user_has_permission(self, user, action):
        if action == "delete" or (self.read_only and action != "view"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class ReadOnlyPolicy(NoDeletePolicy):
    read_only = True


class ScopedForm(WagtailAdminModelForm):
    """Restricts every foreign-key choice to records the user may write (not merely see),
    and refuses to save a record that its choices would place outside that scope."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.scope_user = for_user
        if for_user is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model._meta.app_label == "accountability":
                field.queryset = writable(for_user, queryset)
            elif queryset.model is get_document_model():
                # Evidence: only files in the user's own evidence folders (and the one
                # already attached), never a public document or another district's file.
                current = getattr(self.instance, f"{name}_id", None)
                field.queryset = attachable(for_user, [current])

    def _post_clean(self):
        super()._post_clean()
        if (
            self.scope_user is not None
            and not self.errors
            and not may_write(self.scope_user, self.instance)
        ):
            self.add_error(
                None, _("You may only file records in your own jurisdiction; check the choices.")
            )


class ScopeMixin:
    def get_base_queryset(self):
        return visible(self.request.user, super().get_base_queryset())

    def get_object(self, *args, **kwargs):
        # Wagtail's views differ in signature: the edit and inspect views take an optional
        # queryset, the history and usage views take nothing. Pass through what we got.
        obj = super().get_object(*args, **kwargs)
        if not can_see(self.request.user, obj):
            raise Http404
        return obj


class IndexView(ExportRulesMixin, ScopeMixin, generic.IndexView):
    """Scoped list. Lists of records with the archive flag show either the default or the
    archived records (``?archived=true``), always offer the "archived" filter, and give
    users who may change the model a checkbox column and the bulk-action footer
    (:mod:`accountability.views.bulk`). Exports follow :mod:`portal.core.exports`."""

    template_name = "accountability/admin/index.html"
    list_select_related = ()

    @cached_property
    def filterset_class(self):
        if not has_archive_flag(self.model):
            return super().filterset_class
        meta = type("Meta", (), {"model": self.model, "fields": self.list_filter or []})
        return type(f"{self.model.__name__}FilterSet", (ArchivedFilterSet,), {"Meta": meta})

    @cached_property
    def bulk_footer_actions(self):
        if not self.user_has_permission("change"):
            return []
        return footer_actions(self.model, self.request.GET.get("archived") == "true")

    @cached_property
    def columns(self):
        columns = [_yes_no(self.model, c) for c in super().columns]
        if self.bulk_footer_actions:
            columns = [BulkActionsCheckboxColumn("bulk_actions", obj_type="record"), *columns]
        return columns

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        kwargs.setdefault("get_title_id", lambda obj: f"record_{quote(obj.pk)}_title")
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_edit_url(self, instance):
        """Records the user sees but may not change (another district's, a department's
        view of a case) link to their read-only view instead of a refused edit form."""
        url = super().get_edit_url(instance)
        if url and not may_write(self.request.user, instance):
            return self.get_inspect_url(instance)
        return url

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if any(f.name == "archived" for f in queryset.model._meta.fields):
            queryset = queryset.filter(archived=self.request.GET.get("archived") == "true")
        return queryset


def record_url(user, obj):
    """The link a record gets for ``user``: its edit form for those who may change it,
    its read-only view for the others (never a link that answers "no permission")."""
    name = obj._meta.model_name
    writes = user.has_perm(f"accountability.change_{name}") and may_write(user, obj)
    return reverse(f"accountability_{name}:{'edit' if writes else 'inspect'}", args=[obj.pk])


def with_urls(user, records):
    """``records`` as a list, each with ``admin_url`` set by :func:`record_url`."""
    records = list(records)
    for record in records:
        record.admin_url = record_url(user, record)
    return records


class EditView(ScopeMixin, generic.EditView):
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not may_write(self.request.user, obj):
            raise PermissionDenied  # seen but not the user's to change
        return obj


class InspectView(ScopeMixin, generic.InspectView):
    def get_edit_url(self):
        # No "edit" button on a record the user sees but may not change.
        return super().get_edit_url() if may_write(self.request.user, self.object) else None

    def get_field_display_value(self, field_name, field):
        if field is not None and getattr(self.object, field_name, None) is None:
            return display_value(None)  # Wagtail's document display prints None
        return display_value(super().get_field_display_value(field_name, field))


def _yes_no(model, column):
    """Boolean fields print 是/否 as text (Wagtail prints True/False); other plain columns
    print dates the Chinese way and empty values as a dash."""
    if isinstance(column, BooleanColumn) or (
        type(column) is Column and _is_boolean(model, column.accessor)
    ):
        return YesNoColumn(
            column.name, label=column.label, accessor=column.accessor, sort_key=column.sort_key
        )
    if type(column) is Column:  # dates as 2026年5月12日, None as a dash
        return ReadableColumn(
            column.name, label=column.label, accessor=column.accessor, sort_key=column.sort_key
        )
    return column


def _is_boolean(model, name):
    try:
        field = model._meta.get_field(name) if isinstance(name, str) else None
    except FieldDoesNotExist:  # a property or method column
        return False
    return getattr(field, "get_internal_type", lambda: "")() == "BooleanField"


class HistoryView(ScopeMixin, generic.HistoryView):
    pass


class UsageView(ScopeMixin, generic.UsageView):
    pass


class CopyView(ScopeMixin, generic.CopyView):
    pass


class ArchivedFilterSet(WagtailFilterSet):
    """Adds the "archived" filter; lists hide archived records unless it is set."""

    archived = django_filters.BooleanFilter(label=_("Archived"), method="filter_archived")

    def filter_archived(self, queryset, name, value):
        return queryset  # applied by IndexView.get_base_queryset


class ScopedViewSet(ModelViewSet):
    """Base viewset: scoped views, no delete, Chinese labels from the model."""

    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = IndexView
    edit_view_class = EditView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_class = CopyView
    search_backend_name = None
    list_per_page = 30

    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)

    def get_edit_handler(self):
        """Panels from ``panels`` or ``form_fields``, always on the scoped form."""
        panels = getattr(self, "panels", None) or [
            FieldPanel(name) for name in getattr(self, "form_fields", [])
        ]
        return ObjectList(panels, base_form_class=ScopedForm).bind_to_model(self.model)
