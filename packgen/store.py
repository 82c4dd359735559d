"""What one run makes from its template files: each file parsed once while it is unchanged.

A run — one ``packgen pack``, one ``templates check``, one batch worker — creates a
:class:`TemplateStore` and hands it to every renderer it calls. Nothing is kept between runs in the
process, so an edited template is always seen by the next run; inside a run (a batch worker filling
the same templates for hundreds of events) each file is parsed once. A file counts as changed when
its modified time or size does, so an edit made while a long batch runs is picked up at the next use.

Renderers never keep a parsed file in a module-level variable: they take ``store`` and call
:meth:`TemplateStore.get` with the function that parses it. A renderer called without a store gets
a fresh one (everything parsed again), which is what a single call wants.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class TemplateStore:
    """Values made from files, by (what made them, path, modified time, size), for one run."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], tuple[tuple[int, int], Any]] = {}
        self.made = 0
        """How many values were made (parsed) rather than reused: for tests and benchmarks."""

    def get(self, path: Path, make: Callable[[Path], T]) -> T:
        """Return ``make(path)``, made once while ``path`` is unchanged.

        ``make`` names the kind of value (a parsed template, the headers found in it …), so one
        store holds every kind for every file; it must be a named function, not a lambda. Whatever ``make`` raises is raised and nothing is
        kept. Only the newest version of each file is kept, so a long run never grows.
        """
        if make.__name__ == "<lambda>":
            raise ValueError("TemplateStore.get needs a named function: a lambda names no kind of value")
        stat = path.stat()
        key = (f"{make.__module__}.{make.__qualname__}", str(path.resolve()))
        version = (stat.st_mtime_ns, stat.st_size)
        kept = self._values.get(key)
        if kept is None or kept[0] != version:
            value = make(path)
            self.made += 1
            self._values[key] = (version, value)
            return value
        return kept[1]


def store_or_new(store: TemplateStore | None) -> TemplateStore:
    """Return ``store``, or a fresh one for a caller that has none."""
    return store if store is not None else TemplateStore()
