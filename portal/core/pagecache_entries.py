"""Stored page-cache entries: how an entry becomes an answer, and a small in-process copy of the hottest page-cache entries, in front of the shared cache.

The shared cache (files, Redis) stays the truth: every entry's key carries the site
generation, which is read from the shared cache on every request, so a publication in any
process makes every copy here unreachable at once; an entry past its ``expires_at`` is never
served from here either. What this saves is reading and decoding the page itself (the file
cache inflates and unpickles the whole page on every read; Redis adds a round trip).

Bounded by ``PAGE_CACHE_MEMORY_MB`` per worker process (0 turns it off): the least recently
served entries are dropped first."""

import base64
import math
import os
import threading
from collections import OrderedDict

from . import compression


def _public_headers(entry, now, gzipped, max_age_setting, frontend_cache):
    """Validators and a browser lifetime that never outlasts the entry."""
    remaining = max(0, math.floor(entry["expires_at"] - now))
    max_age = min(max_age_setting, remaining)
    if entry.get("max_age") is not None:
        max_age = min(max_age, entry["max_age"])
        remaining = min(remaining, entry["max_age"])
    control = f"public, max-age={max_age}"
    if frontend_cache:
        # A purgeable front-end cache may keep pages as long as we do.
        control += f", s-maxage={remaining}"
    etag = entry["etag"]
    if gzipped:  # another representation, another validator
        etag = etag[:-1] + '-gzip"'
    return etag, [
        ("Cache-Control", control),
        ("ETag", etag),
        ("Last-Modified", entry["last_modified"]),
    ]


def render(entry, gzipped, now, state, max_age_setting, frontend_cache):
    """``(etag, headers, body)`` of a stored page, with a fresh CSP nonce: the page was
    rendered with the nonce of the request that filled the cache; it is swapped for a new
    random one in both the page and the header, so no two answers share a nonce (a nonce
    read from one answer is useless against the next). The swap only touches ``nonce="…"``
    attributes and the header's ``'nonce-…'`` source, which cannot collide with content
    (the old nonce is 128 random bits). ``gzipped``: the stored gzip stream with the new
    nonce (see ``compression.py``)."""
    parts, headers, token = entry["parts"], entry["headers"], b""
    old = entry.get("nonce")
    if old:
        new = base64.b64encode(os.urandom(16)).decode("ascii")
        token = f'nonce="{new}"'.encode()
        headers = [
            (
                name,
                value.replace(f"'nonce-{old}'", f"'nonce-{new}'") if "nonce-" in value else value,
            )
            for name, value in headers
        ]
    else:
        headers = list(headers)
    if gzipped:
        content = compression.gzip_body(entry["gzip"], parts, token)
        headers.append(("Content-Encoding", "gzip"))
    else:
        content = token.join(parts)
    etag, public = _public_headers(entry, now, gzipped, max_age_setting, frontend_cache)
    headers += public
    headers.append(("Content-Length", str(len(content))))
    headers.append(("X-Page-Cache", state))
    return etag, headers, content


class EntryMemory:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.used = 0
        self._entries = OrderedDict()  # key -> (entry, size)
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key, entry, size: int):
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._entries[key] = (entry, size)
            self.used += size
            while self.used > self.max_bytes:
                _key, (_entry, dropped) = self._entries.popitem(last=False)
                self.used -= dropped

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.used = 0

    def __len__(self):
        return len(self._entries)
