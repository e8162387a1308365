"""The in-process store of the page and feed caches: cachetools' LRU map behind a lock, since
a worker's threads share it and cachetools' maps are not safe across threads."""

from __future__ import annotations

import threading

from cachetools import LRUCache


class LRU:
    """A least-recently-used map of at most `size` entries, safe across threads."""

    def __init__(self, size: int):
        self._data: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            return self._data.get(key, default)

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
