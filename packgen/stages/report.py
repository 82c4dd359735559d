"""The report stage (``packgen report``, and ``packgen batch --reports`` for each event): the config
and the results read, both reports built (:func:`packgen.report.build_reports`) and written.

Nothing is written unless both build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from packgen.config import LoadedConfig, load_config
from packgen.errors import ResultsError
from packgen.output import WriteReport, write_outputs
from packgen.report import Reports, build_reports
from packgen.results.dataset import Dataset, read_dataset
from packgen.store import TemplateStore


@dataclass
class ReportResult:
    """What :func:`write_reports` built and where."""

    config: LoadedConfig
    dataset: Dataset
    reports: Reports
    written: WriteReport
    warnings: list[str] = field(default_factory=list)


def read_results(loaded: LoadedConfig, results: Path | None = None, sources=None) -> tuple[Dataset, list[str]]:
    """Return the hub's dataset, from a results file (``packgen results``) or read afresh from
    ``sources`` (:class:`packgen.results.Sources`), and warnings about it."""
    if results is not None and sources is not None and not sources.is_empty():
        raise ResultsError("give either a results file (--results) or the sources (--pre, --post, ...),"
                           " not both")
    if results is None:
        if sources is None or sources.is_empty():
            raise ResultsError("no results given: name a results file with --results (made by"
                               " 'packgen results'), or the forms with --pre and --post, or --workbook")
        from packgen.results import ingest

        return ingest(loaded, sources), []
    dataset = read_dataset(results)
    warnings = []
    title = dataset.event.get("title")
    if title and title != loaded.event.title:
        warnings.append(f"{results} holds the results of '{title}', but {loaded.path} describes"
                        f" '{loaded.event.title}'")
    return dataset, warnings


def write_reports(config_path: Path, out: Path, results: Path | None = None, sources=None,
                  templates: Path | None = None, force: bool = False, as_of: date | None = None) -> ReportResult:
    """Read the config and results, build both reports and write them into ``out`` (what
    ``packgen report`` runs). Scans are read with the review workbook :func:`default_review` unless
    ``sources`` names one.

    Raises a :class:`~packgen.errors.PackgenError`, and writes nothing, when the config or results
    cannot be read, a template fails, or a file in ``out`` holds the organiser's own work.
    """
    if sources is not None and sources.scans and sources.review is None:
        sources = replace(sources, review=default_review(out))
    return write_loaded_reports(load_config(config_path), out, results, sources, templates, force, as_of)


def default_review(out: Path) -> Path:
    """Return the scan review workbook read when reports are built from scans in ``out`` and none
    is named: where ``packgen results`` writes it beside a results file in the folder holding ``out``."""
    from packgen.stages.results import REVIEW

    return Path(os.path.abspath(out)).parent / REVIEW


def write_loaded_reports(loaded: LoadedConfig, out: Path, results: Path | None = None, sources=None,
                         templates: Path | None = None, force: bool = False,
                         as_of: date | None = None, store: TemplateStore | None = None) -> ReportResult:
    """As :func:`write_reports`, for a config already loaded (a batch's event, with its defaults;
    ``store``: the run's compiled templates)."""
    dataset, warnings = read_results(loaded, results, sources)
    reports = build_reports(loaded.event, dataset, templates, as_of=as_of, store=store)
    reads = [loaded.path, loaded.defaults, loaded.event.branding.logo, results]
    if sources is not None:
        reads += [*sources.pre, *sources.post, *sources.notes, *sources.actions, sources.workbook,
                  *sources.scans, *sources.layouts, sources.review]
    written = write_outputs(out, reports.files, force=force, reads=reads)
    return ReportResult(config=loaded, dataset=dataset, reports=reports, written=written,
                        warnings=warnings + reports.messages)

