"""The entry sheet stage (``packgen entry-sheet``): a blank sheet for typing in paper forms, headed
exactly as the forms are printed (:mod:`packgen.results.entry`), written as .xlsx or .csv.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packgen.config import LoadedConfig, load_config
from packgen.output import WriteReport

SUFFIXES = (".csv", ".xlsx")
"""The kinds of sheet written, by the name's ending."""


@dataclass
class EntrySheet:
    """What :func:`run_entry_sheet` wrote."""

    config: LoadedConfig
    out: Path
    written: WriteReport


def run_entry_sheet(config_path: Path, stage: str, out: Path, force: bool = False,
                    warn: Callable[[list[str]], None] | None = None) -> EntrySheet:
    """Write the blank typing-in sheet of ``stage``'s form ("pre" or "post") to ``out``; ``warn`` is
    given the config's warnings once it is read, before anything is written.

    Raises a :class:`~packgen.errors.PackgenError`, and writes nothing, when the config is invalid,
    or ``out`` holds typing or is a file packgen did not write (without ``force``).
    """
    from packgen.results.entry import write_entry_sheet

    loaded = load_config(config_path)
    if warn is not None:
        warn(loaded.warnings)
    return EntrySheet(config=loaded, out=out, written=write_entry_sheet(loaded, stage, out, force=force))
