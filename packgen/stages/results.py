"""The results stage (``packgen results``): every source of a hub's results read into one dataset
(:func:`packgen.results.ingest`), what the scans leave to a person's eye written to the scan review
workbook, and the dataset written to the results file (``results.json``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from packgen.config import LoadedConfig, load_config
from packgen.errors import ResultsError
from packgen.output import WriteReport
from packgen.results.dataset import Dataset

REVIEW = "scan-review.xlsx"
"""The scan review workbook's name, beside the results file, when none is named."""

Say = Callable[[str], None]


@dataclass
class ResultsRun:
    """What :func:`run_results` read and wrote."""

    config: LoadedConfig
    out: Path
    """The results file."""
    dataset: Dataset
    summary: list[str]
    """What was read from each source, the pairs, and every value that could not be used."""
    written: WriteReport
    review: Path | None = None
    """The scan review workbook, when it was written."""
    review_items: int = 0
    """How many answers the scans left to check by eye."""


def default_review(out: Path) -> Path:
    """Return the scan review workbook of the results file ``out`` when none is named: beside it."""
    return out.with_name(REVIEW)


def run_results(config_path: Path, sources, out: Path, strict: bool = False, force: bool = False,
                say: Say | None = None, warn: Callable[[list[str]], None] | None = None,
                progress: Say | None = None) -> ResultsRun:
    """Read the results of the hub ``config_path`` describes from ``sources``
    (:class:`packgen.results.Sources`), write the scan review workbook when scans leave anything to
    check (:func:`default_review` unless ``sources`` names one) and write the dataset to ``out``.

    ``warn`` is given the config's warnings once it is read; ``say`` each line of the summary, then
    the line naming the review workbook, as they are known (before ``--strict`` may refuse);
    ``progress`` how many pages of each scan file have been read, as a long file is read.
    Raises :class:`~packgen.errors.ResultsError` when ``strict`` and a value could not be used (the
    review workbook is written all the same, the results file not), and any other
    :class:`~packgen.errors.PackgenError` when a source or the config cannot be read or ``out``
    cannot be written.
    """
    from packgen.paper.review import read_decisions, write_review
    from packgen.results import ingest
    from packgen.results.dataset import write_dataset
    from packgen.results.summary import summary_lines

    say = say or (lambda line: None)
    loaded = load_config(config_path)
    if warn is not None:
        warn(loaded.warnings)
    if sources.scans and sources.review is None:
        sources = replace(sources, review=default_review(out))
    items: list = []
    dataset = ingest(loaded, sources, items, progress)
    summary = summary_lines(dataset)
    for line in summary:
        say(line)
    review = None
    if sources.scans and write_review(sources.review, items, read_decisions(sources.review)):
        review = sources.review
        say(f"Wrote {review} ({len(items)} item(s) to check; decisions typed there are kept)")
    if dataset.issues and strict:
        written = f"{out} not written" if sources.scans else "nothing written"  # the review workbook is written
        raise ResultsError(f"--strict: {len(dataset.issues)} problem(s) in the results; {written}")
    reads = [config_path, loaded.defaults, loaded.event.branding.logo, *sources.pre, *sources.post,
             *sources.notes, *sources.actions, sources.workbook, *sources.scans, *sources.layouts]
    written = write_dataset(dataset, out, force=force, reads=reads)
    return ResultsRun(config=loaded, out=out, dataset=dataset, summary=summary, written=written, review=review,
                      review_items=len(items))
