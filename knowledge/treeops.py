"""Fast creation of many pages under one parent.

``parent.add_child()`` asks the database for the parent's last child and updates the
parent's child count for every page (slow for thousands of pages). :class:`ChildAppender`
reads the last child once, hands out the next tree paths in memory and updates the count
once at the end. Use it inside a transaction so no other writer adds children meanwhile."""

from django.db.models import F
from wagtail.models import Page


class ChildAppender:
    def __init__(self, parent: Page):
        self.parent = parent
        last = parent.get_last_child()
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.added = 0

    def place(self, page: Page) -> Page:
        """Give an unsaved ``page`` its tree position and URL path under the parent."""
        page.depth = self.parent.depth + 1
        page.path = Page._get_path(self.parent.path, page.depth, self.next_step)
        page.numchild = 0
        page.locale_id = self.parent.locale_id
        page._cached_parent_obj = self.parent
        page.set_url_path(self.parent)
        self.next_step += 1
        self.added += 1
        return page

    def finish(self):
        """Write the parent's new child count."""
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
            self.parent.numchild += self.added
            self.added = 0
