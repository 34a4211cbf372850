"""Django's file cache, made to survive damaged files.

Django's ``FileBasedCache`` unpickles each file and lets any error through: one file of
random bytes (a full disk, a crash mid-copy, a restored backup of the wrong version) made
every public page answer 500 (``UnpicklingError``), because the page cache reads the cache
on every request. Here an unreadable file is a miss: it is deleted, logged once, and the
value is computed and stored again by the caller."""

import logging
import numbers
import os
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

    def get_hot(self, key, default=None):
        """``get`` for a small value read on every request and rarely written (the page
        cache's generation token): remembered in this process with its file's identity
        (inode, modification time, size), so one ``stat`` replaces an open, a read, an
        inflate and an unpickle. Every write replaces the file (a new inode), so a change
        made by any process is seen at the next call. Values with an expiry are not kept."""
        fname = self._hot_files.get(key)
        if fname is None:
            fname = self._hot_files[key] = self._key_to_file(key)
        try:
            info = os.stat(fname)
        except FileNotFoundError:
            self._hot.pop(key, None)
            return default
        identity = (info.st_ino, info.st_mtime_ns, info.st_size)
        known = self._hot.get(key)
        if known is not None and known[0] == identity:
            return known[1]
        value = self.get(key, default)
        try:
            with open(fname, "rb") as f:
                never_expires = pickle.load(f) is None
        except (OSError, *_DAMAGE):
            never_expires = False
        if never_expires and value is not default:
            self._hot[key] = (identity, value)
        return value

    @property
    def _hot(self):
        return self.__dict__.setdefault("_hot_values", {})

    @property
    def _hot_files(self):
        return self.__dict__.setdefault("_hot_names", {})

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except _DAMAGE as error:
            logger.warning("file cache: could not touch %s (%s)", key, error)
            self.delete(key, version)
            return False
