"""gzip for HTML and other text answers to anonymous visitors.

Cached pages (``pagecache.py``) are compressed once, when they are stored, in a form that
lets every hit swap the CSP nonce without compressing again: the page is split at its nonce
attributes, each piece is deflated after a full flush (so no piece refers back into another),
and each nonce goes in as a *stored* (uncompressed) deflate block. A hit writes the new
nonce into those blocks (same length) and recomputes the gzip trailer's CRC-32: one pass
over the page, no compression.

Uncached answers are compressed per request with Django's ``GZipMiddleware`` (which pads
each answer with random bytes against length attacks), under a BREACH rule: only answers
that carry no secret. An anonymous visitor's answer has one possible secret, the CSRF token
of a form, and those answers (they set the CSRF cookie; any answer setting a cookie) are
left uncompressed; staff answers (a session cookie) are
never compressed, since their pages show private data next to what they typed. Static
files are compressed ahead by WhiteNoise and never pass here (streaming answers are skipped).
"""

import re
import struct
import zlib

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, no mtime, OS unknown
MIN_SIZE = 200  # below this gzip's 18 bytes of framing rarely pay off (Django's threshold)
LEVEL = 6
_TYPES = re.compile(r"^(text/|application/(json|javascript|xml|xhtml\+xml|rss\+xml)|image/svg)")
_GZIP = re.compile(r"(?:^|,)\s*gzip\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*(?:,|$)", re.IGNORECASE)


def accepts_gzip(request) -> bool:
    """``Accept-Encoding`` names gzip with a non-zero quality."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if "gzip" not in header.lower():
        return False
    match = _GZIP.search(header)
    if match is None:
        return False
    try:
        return match.group(1) is None or float(match.group(1)) > 0
    except ValueError:
        return False


def compressible(response) -> bool:
    """A complete text answer worth compressing that nobody compressed yet."""
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and bool(_TYPES.match(response.get("Content-Type", "")))
        and len(response.content) >= MIN_SIZE
    )


def _stored_block(data: bytes) -> bytes:
    """A non-final stored deflate block; the stream must be at a byte boundary."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def gzip_pieces(parts: list[bytes], token: bytes) -> list[bytes]:
    """The gzip stream of ``token.join(parts)`` without its trailer, cut where each token
    starts and ends: ``new.join(pieces) + trailer(...)`` is the gzip of ``new.join(parts)``
    for any ``new`` as long as ``token``."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    pieces, current = [], GZIP_HEADER
    for index, part in enumerate(parts):
        if index:
            # Full flush: byte-aligned, and nothing after it refers to earlier bytes.
            current += compressor.flush(zlib.Z_FULL_FLUSH) + _stored_block(token)[:5]
            pieces.append(current)
            current = b""
        current += compressor.compress(part)
    pieces.append(current + compressor.flush(zlib.Z_FINISH))
    return pieces


def gzip_body(pieces: list[bytes], parts: list[bytes], token: bytes) -> bytes:
    """The stored stream with ``token`` in every slot, and its CRC-32 and size."""
    crc, size = 0, 0
    for index, part in enumerate(parts):
        if index:
            crc = zlib.crc32(token, crc)
        crc = zlib.crc32(part, crc)
        size += len(part)
    size += len(token) * (len(parts) - 1)
    return token.join(pieces) + struct.pack("<II", crc, size & 0xFFFFFFFF)


def anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


_gzip_middleware = GZipMiddleware(lambda request: None)


def compress_uncached(request, response):
    """gzip an answer the page cache did not store, when the BREACH rule allows it."""
    if (
        request.method in ("GET", "HEAD")
        and anonymous(request)
        # Django's CSRF middleware sets its cookie on every answer whose page used the token
        # (and clears the request's flag): an answer setting any cookie is not compressed.
        and not response.cookies
        and compressible(response)
    ):
        return _gzip_middleware.process_response(request, response)
    return response
