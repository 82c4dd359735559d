"""What a process makes from a file, kept while the file is unchanged.

A batch fills the same templates and reads the same defaults file for hundreds of events; parsing
each once per process, not once per event, is most of what makes a batch quick. A file counts as
changed when its modified time or size does, so an organiser's edit is picked up at the next use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class FileCache(Generic[T]):
    """A small store of values made from files, by (path, modified time, size)."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._values: dict[tuple[str, int, int], T] = {}

    def get(self, path: Path, make: Callable[[Path], T]) -> T:
        """Return the value made from ``path``, calling ``make(path)`` when the file is new or has
        changed. Whatever ``make`` raises is raised, and nothing is kept."""
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if key not in self._values:
            value = make(path)
            if len(self._values) >= self.limit:
                self._values.clear()  # a handful of files at most; never grow without bound
            self._values[key] = value
        return self._values[key]

    def clear(self) -> None:
        self._values.clear()
