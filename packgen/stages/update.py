"""The update stage (``packgen update``): the actions as they stand read from the planning workbook,
one dated entry appended to ``actions-history.json`` and the next edition of "You said, we did"
written (see :mod:`packgen.editions` for the history and the editions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from packgen.editions import HISTORY, Entry, HistoryError, edition_file, read_history
from packgen.errors import OverwriteRefused
from packgen.report.update_edition import build_update
from packgen.text import uk_date


@dataclass
class UpdateResult:
    """What :func:`write_update` did: the entry appended (None when nothing changed), and the files."""

    entry: Entry | None
    last: Entry
    """The entry before this update: the last edition's."""
    written: list[Path] = field(default_factory=list)
    kept_copies: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def unchanged(self) -> str | None:
        """Return what to say when nothing has changed since the last edition (None when something has)."""
        if self.entry is not None:
            return None
        return (f"Nothing has changed since update {self.last.edition}"
                f" ({uk_date(date.fromisoformat(self.last.date))}): no new update was built.")


def write_update(config_path: Path, workbook: Path, out: Path, as_of: date, results: Path | None = None,
                 templates: Path | None = None, force: bool = False) -> UpdateResult:
    """Read the actions from ``workbook``, append to ``out/actions-history.json`` and build the next
    edition into ``out`` (what ``packgen update`` runs).

    Raises a :class:`~packgen.errors.PackgenError`, and writes nothing, when the config, workbook,
    results or history cannot be read, an edition's files are already there, or a file in ``out``
    holds the organiser's own work.
    """
    from packgen.config import load_config
    from packgen.output import write_outputs
    from packgen.results import Sources, ingest
    from packgen.results.dataset import read_dataset

    loaded = load_config(config_path)
    dataset = ingest(loaded, Sources(actions=[workbook]))
    problems = [str(i) for i in dataset.issues if i.kind in ("bad_value", "duplicate_id", "missing_sheet", "no_header")]
    if problems:
        raise HistoryError(f"{workbook}: the actions cannot be tracked until these are put right", problems)
    path = out / HISTORY
    history = read_history(path)
    text = path.read_text(encoding="utf-8") if path.exists() else None
    first = read_dataset(results).actions if results is not None and not history.entries else None
    _refuse_built(out, history.entries[-1].edition + 1 if history.entries else 2, path)
    update = build_update(loaded.event, dataset.actions, text, history, as_of, first, templates)
    result = UpdateResult(entry=update.entries[-1] if update.edition else None,
                          last=history.entries[-1] if history.entries else update.entries[0])
    if update.history is None:
        return result
    files = {HISTORY: update.history.encode("utf-8")}
    if update.edition is not None:
        files.update(update.edition.files)
        result.warnings = update.edition.messages
    reads = [loaded.path, loaded.defaults, loaded.event.branding.logo, workbook, results]
    written = write_outputs(out, files, force=force, reads=reads)
    result.written, result.kept_copies = written.written, written.kept_copies
    return result


def _refuse_built(out: Path, number: int, history: Path) -> None:
    """Raise :class:`OverwriteRefused` when edition ``number``'s files are already in ``out``."""
    for suffix in (".pdf", ".eml"):
        if (out / edition_file(number, suffix)).exists():
            raise OverwriteRefused(f"{out / edition_file(number, suffix)}: update {number} is already built, and"
                                   " packgen never writes over an update; it is missing from the history"
                                   f" {history}: put back the history that goes with it, or use another folder")
