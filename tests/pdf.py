"""Reading PDFs back in tests, with pypdf (the reader the product itself uses for
attachments, so the tests need no second PDF library and no poppler-utils)."""

import io

from pypdf import PdfReader


def _reader(source) -> PdfReader:
    return PdfReader(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def pdf_text(source) -> str:
    """The text of every page of a PDF (a path or the file's bytes), page after page."""
    return "\n".join(page.extract_text() or "" for page in _reader(source).pages)


def pdf_pages(source) -> int:
    return len(_reader(source).pages)


def _fonts(resources, found, seen):
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        name = str(font.get("/BaseFont", ""))
        # A subset font is named ABCDEF+Name: the name without the tag, as pdffonts shows it.
        name = name.lstrip("/").split("+", 1)[-1]
        found[name] = found.get(name, True) and embedded
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(id(xobject))
            _fonts(xobject.get("/Resources"), found, seen)


def pdf_fonts(source) -> dict[str, bool]:
    """Every font the pages use (also inside form objects): its name, and whether the font
    program is embedded in the file."""
    found, seen = {}, set()
    for page in _reader(source).pages:
        _fonts(page.get("/Resources"), found, seen)
    return found
