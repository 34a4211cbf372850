"""Turn an imported body (plain text or HTML) into safe StreamField paragraphs.

HTML is reduced to what the rich-text editor allows (paragraphs, headings, lists, bold,
italic, links with safe schemes); scripts, styles, frames, images with remote sources and
event-handler attributes are dropped. Plain text becomes one paragraph per blank-line
separated block, with single line breaks kept."""

import re

from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
DROP_WITH_CONTENT = [
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "head",
    "title",
    "svg",
    "math",
    "form",
    "button",
    "select",
    "textarea",
]


class ImportWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        "b": allow_without_attributes,
        "br": allow_without_attributes,
        "em": allow_without_attributes,
        "h2": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
        "hr": allow_without_attributes,
        "i": allow_without_attributes,
        "li": allow_without_attributes,
        "ol": allow_without_attributes,
        "p": allow_without_attributes,
        "strong": allow_without_attributes,
        "sub": allow_without_attributes,
        "sup": allow_without_attributes,
        "ul": allow_without_attributes,
    }


def sanitise_html(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROP_WITH_CONTENT):
        tag.decompose()
    for heading in soup.find_all("h1"):
        heading.name = "h2"
    for link in soup.find_all("a"):
        if not link.get("href") or check_url(link.get("href")) is None:
            link.unwrap()
    cleaned = ImportWhitelister().clean(str(soup))
    return cleaned.strip()


def text_to_html(text: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return "".join("<p>" + escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


def body_blocks(body: str) -> list:
    """StreamField data for ``body`` ([] when nothing readable remains)."""
    html = sanitise_html(body) if HTML_RE.search(body) else text_to_html(body)
    if not BeautifulSoup(html, "html.parser").get_text(strip=True):
        return []
    if not html.lstrip().startswith("<"):
        html = f"<p>{html}</p>"
    return [{"type": "paragraph", "value": html}]
