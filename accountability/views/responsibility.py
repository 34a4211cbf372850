"""Views of responsibility lists and their fulfilment records.

- The list's inspect view is its annual summary: per post the duties with requirement,
  achieved (computed from the records), met and behind schedule, and the list's records,
  with a "record fulfilment" link per duty.
- The list form refuses to delete a duty that has fulfilment records (archive it
  instead) and to move the list to a year that would leave records outside it.
- Copying a list copies its duties, never their records.
- The record form offers only duties the user may see and sets "recorded by" to the
  user; after saving, the list's summary opens."""

import django_filters
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from .. import models as m
from ..services import fulfilment
from ..services.scoping import visible
from .base import ArchivedFilterSet, CopyView, IndexView, InspectView, ScopedForm


class ResponsibilityListForm(ScopedForm):
    YEARS = (2000, 2100)

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is not None and not self.YEARS[0] <= year <= self.YEARS[1]:
            self.add_error(
                "year",
                _("Enter a year between %(first)s and %(last)s.")
                % {"first": self.YEARS[0], "last": self.YEARS[1]},
            )
        elif self.instance.pk and year and year != self.instance.year:
            outside = fulfilment.records_outside_year(self.instance, year)
            if outside:
                self.add_error(
                    "year",
                    _(
                        "%(count)s fulfilment records are dated outside %(year)s. Keep the "
                        "year, or copy the list to start a new year."
                    )
                    % {"count": outside, "year": year},
                )
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("duties") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_bound:
            return valid
        for form in formset.forms:
            duty = form.instance
            deleting = form in getattr(formset, "deleted_forms", [])
            if deleting and duty.pk and duty.records.exists():
                self.add_error(
                    None,
                    _(
                        "The duty “%(post)s: %(duty)s” has fulfilment records and cannot be "
                        "removed. Archive it instead."
                    )
                    % {"post": duty.post, "duty": duty.duty[:30]},
                )
                valid = False
        return valid


class ResponsibilityIndexView(IndexView):
    """Lists with met/total and percentage computed in one extra query per page."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related(fulfilment.prefetch_active_duties())


class ResponsibilityInspectView(InspectView):
    """The annual summary of a list."""

    template_name = "accountability/admin/responsibility_inspect.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        unused = "jurisdiction" if self.object.enterprise_id else "enterprise"
        self.fields = [f for f in self.fields if f != unused]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lst = self.object
        user = self.request.user
        context["summary"] = fulfilment.summarise(lst)
        context["records"] = fulfilment.list_records(lst)
        context["can_record"] = not lst.archived and user.has_perm(
            "accountability.add_fulfilmentrecord"
        )
        context["can_change_record"] = user.has_perm("accountability.change_fulfilmentrecord")
        return context


class ResponsibilityCopyView(CopyView):
    """Prefills the form from the original; on save the new list gets fresh copies of the
    original's duties, never its fulfilment records."""

    def get_initial_form_instance(self):
        original = self.get_object()
        self.original = original
        return m.ResponsibilityList(
            title=original.title,
            year=original.year + 1,
            jurisdiction_id=original.jurisdiction_id,
            enterprise_id=original.enterprise_id,
        )

    def get_add_url(self):
        return self.request.get_full_path()  # post back here, so the duties get copied

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        count = self.original.duties.filter(archived=False).count()
        messages.info(
            request,
            _(
                "Saving creates a new list with copies of the %(count)s duties of “%(list)s”; "
                "fulfilment records are not copied."
            )
            % {"count": count, "list": self.original},
        )
        return response

    def save_instance(self):
        instance = super().save_instance()
        copied = fulfilment.copy_duties(self.original, instance)
        messages.info(
            self.request,
            _("%(count)s duties copied from %(year)s; fulfilment records start empty.")
            % {"count": copied, "year": self.original.year},
        )
        return instance


class FulfilmentRecordForm(ScopedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("duty")
        if field is not None:
            field.queryset = field.queryset.select_related(
                "responsibility_list__enterprise", "responsibility_list__jurisdiction"
            ).order_by("-responsibility_list__year", "responsibility_list__title", "pk")
            field.label_from_instance = duty_label


def duty_label(duty) -> str:
    lst = duty.responsibility_list
    owner = lst.enterprise or lst.jurisdiction
    text = duty.duty if len(duty.duty) <= 40 else duty.duty[:40] + "…"
    return f"{lst.year} {owner}《{lst.title}》· {duty.post}：{text}"


class FulfilmentRecordCreateView(generic.CreateView):
    """``?duty=<id>`` preselects a duty the user may see; the recorder is the user."""

    def get_initial(self):
        initial = super().get_initial()
        duty_id = self.request.GET.get("duty", "")
        if not duty_id:
            return initial
        duty = None
        if duty_id.isdigit():
            duty = (
                visible(self.request.user, m.Duty.objects.filter(archived=False))
                .select_related("responsibility_list")
                .filter(pk=duty_id, responsibility_list__archived=False)
                .first()
            )
        if duty is None:
            messages.warning(
                self.request, _("That duty does not exist or is outside your jurisdiction.")
            )
            return initial
        initial["duty"] = duty.pk
        today = timezone.localdate()
        if duty.responsibility_list.year == today.year:
            initial["performed_on"] = today
        return initial

    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse(
            "accountability_responsibilitylist:inspect",
            args=[self.object.duty.responsibility_list_id],
        )


def _visible_lists(request):
    if request is None:
        return m.ResponsibilityList.objects.none()
    return visible(request.user, m.ResponsibilityList.objects.filter(archived=False))


class FulfilmentRecordFilterSet(ArchivedFilterSet):
    year = django_filters.NumberFilter(
        label=gettext_lazy("List year"), field_name="duty__responsibility_list__year"
    )
    responsibility_list = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Responsibility list"),
        queryset=_visible_lists,
        field_name="duty__responsibility_list",
    )
    post = django_filters.CharFilter(
        label=gettext_lazy("Post"), field_name="duty__post", lookup_expr="icontains"
    )
    performed_on = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Performed between"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = m.FulfilmentRecord
        fields = ["year", "responsibility_list", "post", "performed_on"]
