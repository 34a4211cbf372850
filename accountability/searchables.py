"""Staff-only search documents (audience STAFF, with the jurisdiction path so search can
filter results to the user's jurisdiction)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search.sources import STAFF, Dependency, SearchDocument, SearchSource

from .models import Enterprise, Hazard, Interview, Jurisdiction, SupervisionCase

# Documents filed under an enterprise show its name and its jurisdiction's path: when
# either changes (an enterprise moves district), they are re-indexed.
VIA_ENTERPRISE = (
    Dependency(Enterprise, "enterprise", ("name", "jurisdiction")),
    Dependency(Jurisdiction, "enterprise__jurisdiction", ("path",)),
)


class _Staff(SearchSource):
    audience = STAFF
    viewset = ""

    def url(self, obj):
        return reverse(f"accountability_{self.viewset}:edit", args=[obj.pk])


class EnterpriseSource(_Staff):
    name = "accountability.enterprise"
    model = Enterprise
    type = "enterprise"
    type_label = _("Enterprise")
    viewset = "enterprise"
    dependencies = (Dependency(Jurisdiction, "jurisdiction", ("name", "path")),)

    def queryset(self):
        return Enterprise.objects.filter(archived=False).select_related("industry", "jurisdiction")

    def to_document(self, obj):
        return SearchDocument(
            key=self.key_for(obj), source=self.name, type=self.type,
            type_label=str(self.type_label), title=obj.name, url=self.url(obj),
            body=" ".join([obj.credit_code, obj.address, obj.principal, obj.legal_representative,
                           obj.industry.name, obj.jurisdiction.name]),
            summary=f"{obj.credit_code} · {obj.industry.name} · {obj.jurisdiction.name}",
            topic=obj.industry.name, status=obj.get_colour_display() if obj.colour else "",
            audience=STAFF, jurisdiction=obj.jurisdiction.path,
        )  # fmt: skip


class _EnterpriseRecord(_Staff):
    """A record filed under an enterprise (hazard, case, interview): found in the staff
    index by its enterprise's name and jurisdiction, re-indexed when either changes."""

    dependencies = VIA_ENTERPRISE

    def queryset(self):
        return self.model.objects.filter(archived=False).select_related("enterprise__jurisdiction")

    def document(self, obj, *, title, body, date):
        """The document every enterprise record shares; each source gives what differs."""
        status = obj.get_status_display()
        return SearchDocument(
            key=self.key_for(obj), source=self.name, type=self.type,
            type_label=str(self.type_label), title=title, url=self.url(obj),
            body=f"{body} {obj.enterprise.name}", date=date, status=status,
            summary=" · ".join([obj.enterprise.name, *self.summary_extra(obj), status]),
            issuer=obj.enterprise.name, audience=STAFF,
            jurisdiction=obj.enterprise.jurisdiction.path,
        )  # fmt: skip

    def summary_extra(self, obj) -> list[str]:
        return []


class HazardSource(_EnterpriseRecord):
    name = "accountability.hazard"
    model = Hazard
    type = "hazard"
    type_label = _("Hazard")
    viewset = "hazard"

    def summary_extra(self, obj):
        return [obj.get_level_display()]

    def to_document(self, obj):
        return self.document(
            obj, title=obj.title, body=f"{obj.description} {obj.measures}", date=obj.found_on
        )


class SupervisionSource(_EnterpriseRecord):
    name = "accountability.supervision"
    model = SupervisionCase
    type = "supervision"
    type_label = _("Listed supervision case")
    viewset = "supervisioncase"

    def to_document(self, obj):
        return self.document(
            obj,
            title=f"{obj.notice_number} {obj.title}",
            body=f"{obj.measures} {obj.contingency_plan}",
            date=obj.listed_on,
        )


class InterviewSource(_EnterpriseRecord):
    name = "accountability.interview"
    model = Interview
    type = "interview"
    type_label = _("Warning interview")
    viewset = "interview"

    def to_document(self, obj):
        return self.document(
            obj,
            title=f"{obj.enterprise.name} {self.type_label}",
            body=f"{obj.reason} {obj.minutes} {obj.interviewees} {obj.location}",
            date=obj.held_on,
        )
