"""``packgen demo``: the whole pipeline on the bundled example hub and its sample results:
init → pack → results → report → update, and the paper round trip: print → read the sample scans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from packgen.output import WriteReport, write_outputs
from packgen.resources import example_folder
from packgen.stages.pack import PackResult, pack
from packgen.stages.results import REVIEW, run_results
from packgen.stages.update import UpdateResult
from packgen.stages.starter import STARTER_FILES

Say = Callable[[str], None]


@dataclass
class DemoResult:
    config: Path
    pack: PackResult
    results: Path
    summary: list[str]
    reports: WriteReport
    """The evaluation report and "You said, we did" PDFs."""
    report_messages: list[str]
    update: UpdateResult | None = None
    """The second "You said, we did" (:func:`second_edition`)."""
    paper: PaperDemo | None = None
    """The paper round trip: the printed forms and the sample scans read back."""


@dataclass
class PaperDemo:
    """The demo's paper step: the example's numbered forms printed, its sample scans read back."""

    printed: WriteReport
    results: Path
    """The dataset of the sample scans alone (``paper/results.json``)."""
    review: Path | None
    """The scan review workbook, when anything was left to review."""
    summary: list[str]


def sample_sources():
    """Return the bundled sample results as sources: every kind packgen reads."""
    from packgen.results import Sources

    samples = example_folder() / "results"
    planning = samples / "planning.xlsx"
    return Sources(pre=[samples / "pre-microsoft-forms.xlsx", planning],
                   post=[samples / "post-google-forms.csv", planning, samples / "returned"],
                   workbook=planning)


def sample_scans():
    """Return the bundled sample scans as sources: the scanned PDF and the layouts of the forms
    it is a scan of (written beside it, as printing writes them beside the printed forms)."""
    from packgen.results import Sources

    scans = example_folder() / "results" / "scans"
    return Sources(scans=[scans / "scanned-forms.pdf"], layouts=sorted(scans.glob("*.layout.json")))


def run_paper_demo(config: Path, out: Path, force: bool = False, say: Say | None = None) -> PaperDemo:
    """Print the numbered forms of ``config`` into ``out``, read the sample scans into
    ``out/results.json`` and leave what needs a person's eye in ``out/scan-review.xlsx``.

    The scans have a results file of their own: they deliberately leave answers to review (a
    question ticked twice, handwriting), so the example's reports are not built on undecided answers.
    """
    from dataclasses import replace

    from packgen.stages.print_forms import print_forms

    say = say or (lambda message: None)
    say("  printing the numbered paper forms")
    printed = print_forms(config, out, force=force)
    for path in printed.written.written:
        say(f"Wrote {path}")
    say("  reading the sample scans")
    read = run_results(config, replace(sample_scans(), review=out / REVIEW), out / "results.json", force=force)
    return PaperDemo(printed=printed.written, results=read.out, review=read.review, summary=read.summary)


def run_demo(out: Path, force: bool = False, say: Say | None = None) -> DemoResult:
    """Write the example's config into ``out/example``, its pack into ``out``, the dataset of its
    sample results into ``out/results.json``, the two report PDFs into ``out``, and its numbered
    paper forms, with the sample scans read back, into ``out/paper``."""
    from packgen.report import build_reports

    say = say or (lambda message: None)
    starter = {name: (example_folder() / name).read_bytes() for name in STARTER_FILES}
    write_outputs(out / "example", starter, force=force)  # an example edited since is kept, as any file
    config = out / "example" / "hub.yaml"
    say(f"Wrote the example config {config}")
    packed = pack(config, out, force=force, progress=lambda name: say(f"  building {name}"))
    read = run_results(config, sample_sources(), out / "results.json", force=force)
    results = read.out
    say("  building the evaluation report and \"You said, we did\"")
    reports = build_reports(packed.config.event, read.dataset)
    written = write_outputs(out, reports.files, force=force, reads=[config, results])
    update = second_edition(out, config, results, force, say)
    paper = run_paper_demo(config, out / "paper", force=force, say=say)
    for line in [*paper.summary, f"Wrote {paper.results}"]:
        say(line)
    if paper.review is not None:
        say(f"Wrote {paper.review} (the answers to check by eye; type decisions there and run"
            " 'packgen results' again)")
    return DemoResult(config=config, pack=packed, results=results, summary=read.summary,
                      reports=written, report_messages=reports.messages, update=update, paper=paper)


DEMO_UPDATE_DATE = date(2022, 7, 8)
"""The date of the example's second "You said, we did": the sample workbook's actions as they stood
then (``planning-update.xlsx``), one of them overdue."""


def second_edition(out: Path, config: Path, results: Path, force: bool, say: Say) -> UpdateResult:
    """Record the example's actions as they stood on :data:`DEMO_UPDATE_DATE` in
    ``out/actions-history.json`` and build the second edition into ``out`` (nothing when it is there)."""
    from packgen.stages.update import write_update

    say("  building the second \"You said, we did\" (packgen update)")
    workbook = example_folder() / "results" / "planning-update.xlsx"
    return write_update(config, workbook, out, DEMO_UPDATE_DATE, results=results, force=force)
