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


class HazardSource(_Staff):
    name = "accountability.hazard"
    model = Hazard
    type = "hazard"
    type_label = _("Hazard")
    viewset = "hazard"
    dependencies = VIA_ENTERPRISE

    def queryset(self):
        return Hazard.objects.filter(archived=False).select_related("enterprise__jurisdiction")

    def to_document(self, obj):
        return SearchDocument(
            key=self.key_for(obj), source=self.name, type=self.type,
            type_label=str(self.type_label), title=obj.title, url=self.url(obj),
            body=f"{obj.description} {obj.measures} {obj.enterprise.name}",
            summary=f"{obj.enterprise.name} · {obj.get_level_display()} · {obj.get_status_display()}",
            date=obj.found_on, status=obj.get_status_display(), issuer=obj.enterprise.name,
            audience=STAFF, jurisdiction=obj.enterprise.jurisdiction.path,
        )  # fmt: skip


class SupervisionSource(_Staff):
    name = "accountability.supervision"
    model = SupervisionCase
    type = "supervision"
    type_label = _("Listed supervision case")
    viewset = "supervisioncase"
    dependencies = VIA_ENTERPRISE

    def queryset(self):
        return SupervisionCase.objects.filter(archived=False).select_related(
            "enterprise__jurisdiction"
        )

    def to_document(self, obj):
        return SearchDocument(
            key=self.key_for(obj), source=self.name, type=self.type,
            type_label=str(self.type_label), title=f"{obj.notice_number} {obj.title}",
            url=self.url(obj), body=f"{obj.measures} {obj.contingency_plan} {obj.enterprise.name}",
            summary=f"{obj.enterprise.name} · {obj.get_status_display()}", date=obj.listed_on,
            status=obj.get_status_display(), issuer=obj.enterprise.name,
            audience=STAFF, jurisdiction=obj.enterprise.jurisdiction.path,
        )  # fmt: skip


class InterviewSource(_Staff):
    name = "accountability.interview"
    model = Interview
    type = "interview"
    type_label = _("Warning interview")
    viewset = "interview"
    dependencies = VIA_ENTERPRISE

    def queryset(self):
        return Interview.objects.filter(archived=False).select_related("enterprise__jurisdiction")

    def to_document(self, obj):
        return SearchDocument(
            key=self.key_for(obj), source=self.name, type=self.type,
            type_label=str(self.type_label), title=f"{obj.enterprise.name} {self.type_label}",
            url=self.url(obj),
            body=f"{obj.reason} {obj.minutes} {obj.interviewees} {obj.location}",
            summary=f"{obj.enterprise.name} · {obj.get_status_display()}", date=obj.held_on,
            status=obj.get_status_display(), issuer=obj.enterprise.name,
            audience=STAFF, jurisdiction=obj.enterprise.jurisdiction.path,
        )  # fmt: skip
