"""What the campaign desk contributes to search (contract: ``search/sources.py``): every
live campaign page, with its theme, key messages, body, activities and news as text.
Quiz questions and answers are deliberately left out (they would leak the answers)."""

from django.utils.translation import gettext_lazy as _

from search.sources import SearchDocument, SearchSource
from search.text import streamfield_text

from .models import CampaignPage


def _stream_text(value) -> str:
    # Not Wagtail's get_searchable_content: it adds choice labels ("H2", "Tip") as text.
    return streamfield_text(value) if value else ""


class CampaignSource(SearchSource):
    name = "campaigns.campaign"
    model = CampaignPage
    type = "campaign"
    type_label = _("Publicity campaigns")

    def queryset(self):
        return CampaignPage.objects.live().public().select_related("kind")

    def to_document(self, obj) -> SearchDocument:
        activities = [
            " ".join(filter(None, [a.title, a.venue, a.organiser, a.description]))
            for a in obj.activities.all()
        ]
        news = [f"{n.title} {n.text}" for n in obj.news.all()]
        body = "\n".join(
            filter(
                None,
                [
                    obj.theme,
                    obj.organisers,
                    _stream_text(obj.key_messages),
                    _stream_text(obj.body),
                    *activities,
                    *news,
                ],
            )
        )
        return SearchDocument(
            key=self.key_for(obj),
            source=self.name,
            type=self.type,
            type_label=str(self.type_label),
            title=obj.title,
            url=obj.get_url() or obj.url_path,
            body=body,
            summary=obj.summary or obj.theme,
            date=obj.start_date,
            topic=obj.kind.name,
            issuer=obj.organisers,
            extra={"year": obj.year},
        )
