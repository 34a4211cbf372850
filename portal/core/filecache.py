"""Django's file cache, made to survive damaged files.

Django's ``FileBasedCache`` unpickles each file and lets any error through: one file of
random bytes (a full disk, a crash mid-copy, a restored backup of the wrong version) made
every public page answer 500 (``UnpicklingError``), because the page cache reads the cache
on every request. Here an unreadable file is a miss: it is deleted, logged once, and the
value is computed and stored again by the caller."""

import logging
import numbers
import pickle
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)

# What unpickling or decompressing arbitrary bytes can raise (pickle alone raises many types).
_DAMAGE = (pickle.UnpicklingError, zlib.error, EOFError, ValueError, TypeError, KeyError,
           AttributeError, ImportError, IndexError, MemoryError, OverflowError, UnicodeError)  # fmt: skip


class RobustFileBasedCache(FileBasedCache):
    """``FileBasedCache`` that treats damaged entries as misses and removes them."""

    def _discard(self, f, error):
        logger.warning("file cache: discarding unreadable entry %s (%s)", f.name, error)
        f.close()
        self._delete(f.name)

    def _is_expired(self, f):
        try:
            expiry = pickle.load(f)
        except EOFError:
            expiry = 0  # an empty file counts as expired, as in Django
        except _DAMAGE as error:
            self._discard(f, error)
            return True
        if expiry is not None and not isinstance(expiry, numbers.Real):
            self._discard(f, f"expiry of type {type(expiry).__name__}")
            return True
        if expiry is not None and expiry < time.time():
            f.close()
            self._delete(f.name)
            return True
        return False

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if self._is_expired(f):
                    return default
                try:
                    return pickle.loads(zlib.decompress(f.read()))
                except _DAMAGE as error:
                    self._discard(f, error)
        except FileNotFoundError:
            pass
        return default

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except _DAMAGE as error:
            logger.warning("file cache: could not touch %s (%s)", key, error)
            self.delete(key, version)
            return False
