"""The file cache makes room at most every few seconds, not on every write."""

from __future__ import annotations

from lib import filecache


def _files(path) -> int:
    return len(list(path.glob("*.djcache")))


def test_room_is_made_at_most_every_few_seconds(tmp_path, monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(filecache.time, "monotonic", lambda: clock["now"])
    monkeypatch.setitem(filecache._last_cull, "at", float("-inf"))
    cache = filecache.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})
    for n in range(10):
        cache.set(f"key-{n}", n)
    # The first write looked (the cache was empty); the next ones within the interval did not.
    assert _files(tmp_path) == 10
    assert cache.get("key-9") == 9
    clock["now"] += filecache.CULL_SECONDS
    cache.set("key-10", 10)
    # Past the interval the next write makes room as Django's file cache does: half of it goes.
    assert _files(tmp_path) == 6
    assert cache.get("key-10") == 10
