"""Django's file cache, with room made at most every few seconds.

Django's FileBasedCache lists its whole directory on every write to see whether it must make
room, so each write costs more the fuller the cache is (about 5 ms at 2,000 entries). This one
looks at most once every CULL_SECONDS in each process: between two looks the cache may hold a
few entries more than MAX_ENTRIES. Everything else is Django's.
"""

from __future__ import annotations

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_SECONDS = 30.0

_last_cull = {"at": float("-inf")}


class FileCache(FileBasedCache):
    def _cull(self) -> None:
        now = time.monotonic()
        if now - _last_cull["at"] < CULL_SECONDS:
            return
        _last_cull["at"] = now
        super()._cull()
