"""The print stage (``packgen print``): numbered paper forms of both stages printed
(:mod:`packgen.paper.printing`) and written, each with the layout that scans are read by.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packgen.config import LoadedConfig, load_config
from packgen.errors import PackgenError
from packgen.output import WriteReport, check_folder, write_outputs
from packgen.paper.printing import FORMS_PDF, LAYOUT_JSON, STAGES, PrintedForms, default_copies, print_stage


@dataclass
class PrintResult:
    """What :func:`print_forms` built and where."""

    config: LoadedConfig
    folder: Path
    forms: dict[str, PrintedForms]
    """Stage → its forms."""
    written: WriteReport
    copies: int
    """How many forms of each stage were printed."""

    @property
    def warnings(self) -> list[str]:
        return [message for printed in self.forms.values() for message in printed.messages]

    def summary(self) -> str:
        """Return the line saying how many forms were printed, of how many pages."""
        pages = {stage: len(printed.layout.pages) for stage, printed in self.forms.items()}
        return (f"{self.copies} numbered forms of each stage ({pages['pre']} pages before the hub,"
                f" {pages['post']} after).")


def print_forms(config_path: Path, out: Path, copies: int | None = None, templates: Path | None = None,
                force: bool = False) -> PrintResult:
    """Validate the config, print ``copies`` numbered forms of each stage and write them into ``out``:
    ``pre-event-forms.pdf`` and ``post-event-forms.pdf``, and the layout of each
    (``pre-event-forms.layout.json``, ``post-event-forms.layout.json``) that scans are read by.

    ``copies`` defaults to :func:`packgen.paper.printing.default_copies`. Raises a
    :class:`~packgen.errors.PackgenError`, and writes nothing, when the config is invalid, the
    template fails, or a file in ``out`` holds the organiser's own work.
    """
    loaded = load_config(config_path)
    count = default_copies(loaded.event) if copies is None else copies
    if count < 1:
        raise PackgenError(f"copies: expected a number of forms of 1 or more, but found {count}")
    check_folder(out)
    forms = {stage: print_stage(loaded.event, stage, count, templates) for stage in STAGES}
    files: dict[str, bytes] = {}
    for stage, printed in forms.items():
        files[FORMS_PDF[stage]] = printed.pdf
        files[LAYOUT_JSON[stage]] = printed.layout.to_json().encode("utf-8")
    written = write_outputs(out, files, force=force)
    return PrintResult(config=loaded, folder=out, forms=forms, written=written, copies=count)
