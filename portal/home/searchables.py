"""Search source for the plain content pages (about the bureau, contacts…)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from search.sources import SearchDocument, SearchSource
from search.text import streamfield_text

from .models import StandardPage


class StandardPageSource(SearchSource):
    name = "home.standardpage"
    model = StandardPage
    type = "page"
    type_label = _("Page")

    def queryset(self):
        return StandardPage.objects.live().public()

    def to_document(self, obj) -> SearchDocument:
        date = obj.last_published_at or obj.first_published_at
        parent = Page.objects.parent_of(obj).first() if obj.depth > 3 else None
        return SearchDocument(
            key=self.key_for(obj),
            source=self.name,
            type=self.type,
            type_label=str(self.type_label),
            title=obj.title,
            url=obj.get_url() or obj.url_path,
            body=streamfield_text(obj.body),
            summary=obj.summary or obj.search_description,
            date=date.date() if date else None,
            topic=parent.title if parent else "",
        )
