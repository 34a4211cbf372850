"""What the knowledge base contributes to search (contract: ``search/sources.py``).

Every public page type is a source. A document's body includes the text of its attached
PDF and Word files (see :mod:`knowledge.attachments`)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from portal.core.districts import place_names
from search.sources import SearchDocument, SearchSource
from search.text import streamfield_text

from .attachments import attachments_text
from .models import (
    ArticlePage,
    DemonstrationSitePage,
    DrillPage,
    PlanPage,
    RegulationPage,
    ShelterPage,
)


def stream_text(value) -> str:
    """Plain text of a StreamField value (headings, paragraphs, tables, callouts). Not
    Wagtail's ``get_searchable_content``: it adds the labels of choice values (a heading's
    level "H2", a callout's kind "Tip"), which then showed in snippets and matched q=h2."""
    return streamfield_text(value) if value else ""


class KnowledgeSource(SearchSource):
    """Live, public pages of ``model``; subclasses add their metadata."""

    def queryset(self):
        return self.model.objects.live().public()

    def body(self, page) -> str:
        return stream_text(getattr(page, "body", None))

    def extra_fields(self, page) -> dict:
        return {}

    def to_document(self, obj) -> SearchDocument:
        fields = {
            "key": self.key_for(obj),
            "source": self.name,
            "type": self.type,
            "type_label": str(self.type_label),
            "title": obj.title,
            "url": obj.get_url() or obj.url_path,
            "body": self.body(obj),
            "summary": getattr(obj, "summary", "") or "",
        }
        fields.update(self.extra_fields(obj))
        return SearchDocument(**fields)


class RegulationSource(KnowledgeSource):
    name = "knowledge.regulation"
    model = RegulationPage
    type = "regulation"
    type_label = _("Regulations and policy documents")

    def body(self, page):
        return "\n".join(
            filter(None, [page.doc_number, stream_text(page.body), attachments_text(page)])
        )

    def extra_fields(self, page):
        return {
            "date": page.issued_on,
            "topic": page.get_topic_display(),
            "issuer": page.issuer,
            "status": page.get_status_display(),
            "extra": {"doc_number": page.doc_number, "doc_type": page.get_doc_type_display()},
        }


class PlanSource(KnowledgeSource):
    name = "knowledge.plan"
    model = PlanPage
    type = "plan"
    type_label = _("Emergency plans")

    def body(self, page):
        return "\n".join(
            filter(None, [page.department, stream_text(page.body), attachments_text(page)])
        )

    def extra_fields(self, page):
        return {
            "date": page.issued_on,
            "topic": page.get_topic_display(),
            "issuer": page.issuer or page.department,
            "status": page.get_status_display(),
            "extra": {"level": page.get_level_display(), "class": page.get_plan_class_display()},
        }


class DrillSource(KnowledgeSource):
    name = "knowledge.drill"
    model = DrillPage
    type = "drill"
    type_label = _("Drills")

    def body(self, page):
        return "\n".join(
            filter(
                None, [page.participants, page.location, page.scenario, strip_tags(page.findings)]
            )
        )

    def extra_fields(self, page):
        return {"date": page.drilled_on, "issuer": page.organiser}


class ArticleSource(KnowledgeSource):
    name = "knowledge.article"
    model = ArticlePage
    type = "article"
    type_label = _("Safety knowledge")

    def extra_fields(self, page):
        return {"date": page.published_on, "topic": page.get_topic_display(), "issuer": page.source}


class ShelterSource(KnowledgeSource):
    name = "knowledge.shelter"
    model = ShelterPage
    type = "shelter"
    type_label = _("Emergency shelters")

    def body(self, page):
        return "\n".join(
            [place_names(page.district), page.address, page.facilities, page.managing_unit]
        )

    def extra_fields(self, page):
        return {
            "summary": f"{page.get_district_display()} {page.address}",
            "extra": {"district": page.district, "capacity": page.capacity},
        }


class DemonstrationSource(KnowledgeSource):
    name = "knowledge.demonstration"
    model = DemonstrationSitePage
    type = "demonstration"
    type_label = _("Demonstration communities and schools")

    def body(self, page):
        return "\n".join([page.get_kind_display(), place_names(page.district), page.description])

    def extra_fields(self, page):
        return {"summary": page.get_kind_display(), "extra": {"district": page.district}}
