"""List filters. The dashboard links to these lists with the same parameters, so every
number on the dashboard equals the length of the list behind it."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    COLOUR_CHOICES,
    Commitment,
    DowngradeProposal,
    Enterprise,
    Hazard,
    Industry,
    Interview,
    Jurisdiction,
    SupervisionCase,
)
from ..services.queries import report_overdue_ids
from ..services.scoping import visible
from .base import ArchivedFilterSet


def _district_choices(request):
    if request is None:
        return Jurisdiction.objects.none()
    return visible(request.user, Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT))


def _under(prefix, jurisdiction):
    return Q(**{f"{prefix}path": jurisdiction.path}) | Q(
        **{f"{prefix}path__startswith": jurisdiction.path + "/"}
    )


class DistrictMixin(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District/county"), queryset=_district_choices, method="filter_district"
    )
    district_prefix = "enterprise__jurisdiction__"

    def filter_district(self, queryset, name, value):
        return queryset.filter(_under(self.district_prefix, value)) if value else queryset


class EnterpriseFilterSet(DistrictMixin, ArchivedFilterSet):
    district_prefix = "jurisdiction__"
    colour = django_filters.ChoiceFilter(
        label=_("Listing colour"),
        choices=[*COLOUR_CHOICES, ("none", _("Not rated"))],
        method="filter_colour",
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"), queryset=Industry.objects.all()
    )

    inspection_overdue = django_filters.BooleanFilter(
        label=_("Inspection overdue"), method="filter_inspection_overdue"
    )

    def filter_colour(self, queryset, name, value):
        return queryset.filter(colour="" if value == "none" else value)

    def filter_inspection_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.inspection_overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    class Meta:
        model = Enterprise
        fields = ["colour", "industry", "district", "risk_level", "standardisation_level",
                  "inspection_overdue"]  # fmt: skip


class OpenOverdueMixin(django_filters.FilterSet):
    open = django_filters.BooleanFilter(label=_("Open"), method="filter_open")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        done = Q(status__in=queryset.model.DONE_STATUSES)
        return queryset.exclude(done) if value else queryset.filter(done)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class HazardFilterSet(OpenOverdueMixin, DistrictMixin, ArchivedFilterSet):
    class Meta:
        model = Hazard
        fields = ["status", "level", "district", "open", "overdue"]


class SupervisionFilterSet(OpenOverdueMixin, DistrictMixin, ArchivedFilterSet):
    class Meta:
        model = SupervisionCase
        fields = ["status", "district", "open", "overdue", "is_public"]


class InterviewFilterSet(DistrictMixin, ArchivedFilterSet):
    open = django_filters.BooleanFilter(label=_("Open"), method="filter_open")
    overdue = django_filters.BooleanFilter(label=_("Report overdue"), method="filter_overdue")

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        closed = Q(status=Interview.CLOSED)
        return queryset.exclude(closed) if value else queryset.filter(closed)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        ids = report_overdue_ids(queryset)
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    broken = django_filters.BooleanFilter(label=_("Commitment broken"), method="filter_broken")

    def filter_broken(self, queryset, name, value):
        if value is None:
            return queryset
        ids = Commitment.objects.broken().values("interview_id")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    class Meta:
        model = Interview
        fields = ["status", "district", "open", "overdue", "broken"]


class ProposalFilterSet(DistrictMixin, ArchivedFilterSet):
    class Meta:
        model = DowngradeProposal
        fields = ["status", "trigger", "district"]
