"""A small in-process copy of the hottest page-cache entries, in front of the shared cache.

The shared cache (files, Redis) stays the truth: every entry's key carries the site
generation, which is read from the shared cache on every request, so a publication in any
process makes every copy here unreachable at once; an entry past its ``expires_at`` is never
served from here either. What this saves is reading and decoding the page itself (the file
cache inflates and unpickles the whole page on every read; Redis adds a round trip).

Bounded by ``PAGE_CACHE_MEMORY_MB`` per worker process (0 turns it off): the least recently
served entries are dropped first."""

import threading
from collections import OrderedDict


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
