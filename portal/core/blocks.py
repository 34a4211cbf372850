"""StreamField blocks shared by every content type (bakerydemo's base.blocks pattern)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"
        label = _("Heading")


class CalloutBlock(blocks.StructBlock):
    """A boxed tip or warning (e.g. “地震来了怎么办”)."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip", label=_("Kind")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=80, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        icon = "help"
        template = "core/blocks/callout.html"
        label = _("Callout")


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        template = "core/blocks/attachment.html"
        label = _("Attachment")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"))
    callout = CalloutBlock()
    table = TableBlock(label=_("Table"))
    attachment = AttachmentBlock()
    video = EmbedBlock(
        label=_("Video or embed"),
        help_text=_("Link to a video page (e.g. a bureau video channel)."),
    )

    class Meta:
        label = _("Body")
