"""Campaign kinds: a list staff can extend under Snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CampaignKind(models.Model):
    """A recurring kind of campaign, e.g. the "5.12" 防灾减灾日 publicity week or the
    June 安全生产月. Staff add new kinds (e.g. 消防宣传月) under Snippets → Campaign kinds;
    every campaign page picks one, and statistics compare campaigns of a kind year by year."""

    name = models.CharField(
        _("name"), max_length=40, unique=True, help_text=_("Short name, e.g. 安全生产月.")
    )
    slug = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Latin letters, digits and hyphens; used in filters, e.g. safety-month."),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("When the campaign usually takes place and what it is about."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Lower numbers are listed first.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("campaign kind")
        verbose_name_plural = _("campaign kinds")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
