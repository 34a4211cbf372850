"""Posters (PNG) and leaflets (PDF) for the demo campaigns, drawn with Pillow."""

import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
COLOURS = {"disaster-reduction-day": "#0b57a4", "safety-month": "#b3261e"}


def _font(size, bold=False):
    path = FONT_DIR / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    try:
        # index 2 of the collection is the Simplified Chinese face
        return ImageFont.truetype(str(path), size, index=2)
    except OSError:
        return ImageFont.load_default()


def _existing(model, title):
    """The stored asset with ``title`` if its file is still there (a media directory may
    have been wiped while the database kept the row); a row without a file is removed."""
    found = model.objects.filter(title=title).first()
    if found is not None and not found.file.storage.exists(found.file.name):
        found.delete()
        return None
    return found


# Chinese typesetting: these never begin a line (they stay with the character before).
NO_LINE_START = "。，、；：！？）》」』”’…%"


def _lines(text, width):
    """``text`` cut into lines of at most ``width`` characters (one more when a closing
    mark is pulled back), no line starting with a closing punctuation mark."""
    lines = textwrap.wrap(text, width)
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in NO_LINE_START:
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [line for line in lines if line]


def _draw(size, colour, heading, lines, footer):
    image = PILImage.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle([0, 0, width, int(height * 0.36)], fill=colour)
    y = 40
    for part in _lines(heading, 11):
        draw.text((40, y), part, font=_font(46, bold=True), fill="white")
        y += 64
    y = int(height * 0.36) + 30
    for line in lines:
        for part in _lines(line, 20):
            draw.text((40, y), part, font=_font(26), fill="#1f1f1f")
            y += 40
        y += 14
    draw.text((40, height - 60), footer, font=_font(22), fill="#555555")
    return image


def poster(key, kind_slug, title, theme, messages):
    """A wagtail Image for the campaign poster (created once, found by title afterwards)."""
    image_title = f"{title} 宣传海报"
    existing = _existing(Image, image_title)
    if existing:
        return existing
    drawn = _draw(
        (600, 800), COLOURS.get(kind_slug, "#2e7d32"), title, [theme, *messages], "郑州市应急管理局"
    )
    buffer = io.BytesIO()
    drawn.save(buffer, "PNG")
    return Image.objects.create(
        title=image_title, file=ContentFile(buffer.getvalue(), name=f"campaign-{key}-poster.png")
    )


def banner(key, kind_slug, title, theme):
    image_title = f"{title} 横幅"
    existing = _existing(Image, image_title)
    if existing:
        return existing
    image = PILImage.new("RGB", (1200, 400), COLOURS.get(kind_slug, "#2e7d32"))
    draw = ImageDraw.Draw(image)
    draw.text((60, 110), title, font=_font(56, bold=True), fill="white")
    draw.text((60, 220), theme, font=_font(34), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return Image.objects.create(
        title=image_title, file=ContentFile(buffer.getvalue(), name=f"campaign-{key}-banner.png")
    )


def leaflet(key, kind_slug, title, messages, tips):
    """A two-page PDF leaflet as a wagtail Document."""
    doc_title = f"{title} 宣传折页"
    existing = _existing(Document, doc_title)
    if existing:
        return existing
    colour = COLOURS.get(kind_slug, "#2e7d32")
    pages = [
        _draw((1240, 1754), colour, title, messages, "郑州市应急管理局 印制"),
        _draw((1240, 1754), colour, "安全小贴士", tips, "遇到紧急情况请拨打 119 / 120 / 110"),
    ]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    return Document.objects.create(
        title=doc_title,
        file=ContentFile(buffer.getvalue(), name=f"campaign-{key}-leaflet.pdf"),
        file_size=len(buffer.getvalue()),
    )
