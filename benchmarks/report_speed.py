"""How long `packgen report` takes for one hub, warm: both PDFs from the bundled example's results.

Run:  .venv/bin/python benchmarks/report_speed.py [RUNS]

Reads the sample results once, builds both reports once to warm up (imports, fonts, the report
templates compiled into the run's store, as a batch worker has them after its first event), then
takes RUNS turns (default 7) of four things: a call of `build_reports`; the floor, WeasyPrint alone
rendering the very HTML and images of that build (no packgen finisher), run as build_reports runs
its work, in a pause of Python's cycle collector; WeasyPrint alone again with the collector on
throughout, as it runs by itself; and a build step by step. It prints the fastest and median time
of each, the ratio of the build to the floor, turn by turn (goal, issue 13: at most 1.15), what
compiling the report templates costs once a run, and how long `packgen --help` takes in a fresh
process (goal: under 0.2 s). Nothing is asserted: this is a measurement.

The collection a pause puts off runs at the first allocation after it: inside the timing of the
build and of the floor alike, but after the steps, whose WeasyPrint figures leave it out.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from packgen.config import load_config  # noqa: E402
from packgen.stages.demo import sample_sources  # noqa: E402
from packgen.evaluation import evaluate  # noqa: E402
from packgen import report  # noqa: E402
from packgen.report import pdf_tags  # noqa: E402
from packgen.report import REPORTS, _garbage_collection_paused, base_context, build_reports, make_charts  # noqa: E402
from packgen.report.evaluation_report import evaluation_context  # noqa: E402
from packgen.report.html import render_html, report_environment  # noqa: E402
from packgen.report.pdf import PDF_VARIANT, Asset, AssetPolicy, render_pdf, url_fetcher  # noqa: E402
from packgen.report.you_said_we_did import update_context  # noqa: E402
from packgen.resources import REPORT_TEMPLATES, example_folder, report_folders  # noqa: E402
from packgen.results import ingest  # noqa: E402
from packgen.store import TemplateStore  # noqa: E402


def timed(step, times: dict[str, list[float]], name: str):
    start = time.perf_counter()
    result = step()
    times.setdefault(name, []).append(time.perf_counter() - start)
    return result


class FinisherClock:
    """Times packgen's finisher of the tag tree, which WeasyPrint calls inside ``write_pdf``
    (before 2026-12-01 it took the written PDF), so that it counts as packgen's work."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.finish = pdf_tags.finish_tags

    def __call__(self, *args):
        start = time.perf_counter()
        try:
            return self.finish(*args)
        finally:
            self.spent += time.perf_counter() - start

    def __enter__(self) -> "FinisherClock":
        pdf_tags.finish_tags = self  # render_pdf looks it up each time it runs
        return self

    def __exit__(self, *exc) -> None:
        pdf_tags.finish_tags = self.finish


def rendered_documents(event, dataset, store: TemplateStore) -> list[tuple[str, AssetPolicy]]:
    """Return the HTML and the asset policy (the charts, the logo) of each PDF a build renders."""
    documents = []
    render = report.render_pdf

    def keep(html: str, policy: AssetPolicy):
        documents.append((html, policy))
        return render(html, policy)

    report.render_pdf = keep  # build_reports looks it up in packgen.report each time it runs
    try:
        build_reports(event, dataset, store=store)
    finally:
        report.render_pdf = render
    return documents


def weasyprint_alone(documents: list[tuple[str, AssetPolicy]]) -> None:
    """Render each document with WeasyPrint alone: its own HTML parsing, layout and PDF, with no
    packgen finisher. This is the reports' floor when run as build_reports runs it, in a pause of
    Python's cycle collector (the collection the pause puts off then falls in the floor's time, as
    the build's falls in the build's: at the first allocation after it)."""
    from weasyprint import HTML

    for html, policy in documents:
        HTML(string=html, base_url=policy.base_url, url_fetcher=url_fetcher(policy)).write_pdf(pdf_variant=PDF_VARIANT)


def paused(step):
    """Return ``step`` run in a pause of the cycle collector, as build_reports runs its work."""
    def run():
        with _garbage_collection_paused():
            return step()
    return run


def one_build(event, dataset, times: dict[str, list[float]], store: TemplateStore) -> None:
    """Build both reports the way build_reports does, timing each step (inside one pause of the
    cycle collector, as build_reports is; the collection after it is not in any step)."""
    evaluation = timed(lambda: evaluate(event, dataset), times, "evaluate (scipy)")
    charts = timed(lambda: make_charts(event, evaluation), times, f"{len(evaluation.questions)} charts (matplotlib)")
    images = {chart.name: Asset(chart.png, "image/png") for chart in charts.values()}
    folders = report_folders()
    base = base_context(event)
    names = {"evaluation-report": {**base, "report": evaluation_context(event, dataset, evaluation, charts)},
             "you-said-we-did": {**base, "update": update_context(event, dataset, evaluation)}}
    for output, template in REPORTS.items():
        html = timed(lambda: render_html(REPORT_TEMPLATES[template], names[template], folders, store), times,
                     f"{template}: HTML (Jinja)")
        with FinisherClock() as finisher:
            whole = time.perf_counter()
            render_pdf(html, AssetPolicy(folders, images))
            whole = time.perf_counter() - whole
        times.setdefault(f"{output}: WeasyPrint, steps, in the pause", []).append(whole - finisher.spent)
        times.setdefault(f"{output}: tag tree finished (packgen)", []).append(finisher.spent)


def help_time() -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "packgen", "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(runs: int = 7) -> None:
    loaded = load_config(example_folder() / "hub.yaml")
    dataset = ingest(loaded, sample_sources())
    cold = time.perf_counter()
    store = TemplateStore()
    build_reports(loaded.event, dataset, store=store)  # warm up: imports, fonts, the templates compiled
    cold = time.perf_counter() - cold
    compiling = time.perf_counter()
    fresh = TemplateStore()
    for template in REPORTS.values():
        report_environment(report_folders(), fresh).get_template(REPORT_TEMPLATES[template])
    compiling = time.perf_counter() - compiling
    documents = rendered_documents(loaded.event, dataset, store)
    times: dict[str, list[float]] = {}
    end_to_end = "both PDFs: build_reports, end to end"
    floor = "both PDFs: WeasyPrint alone, in the pause (the floor)"
    unpaused = "both PDFs: WeasyPrint alone, collector on throughout"
    for _ in range(runs):  # in turns, so a drift in the machine's speed falls on all alike
        timed(lambda: build_reports(loaded.event, dataset, store=store), times, end_to_end)
        timed(paused(lambda: weasyprint_alone(documents)), times, floor)
        timed(lambda: weasyprint_alone(documents), times, unpaused)
        with _garbage_collection_paused():  # as build_reports does
            one_build(loaded.event, dataset, times, store)
    width = len("ratio end to end / WeasyPrint alone, turn by turn, median (goal <= 1.15)")
    print(f"packgen report, one hub (the bundled example), warm, {runs} runs")
    print(f"{'step':<{width}}  {'fastest':>8}  {'median':>8}")
    for name, values in times.items():
        print(f"{name:<{width}}  {min(values):>7.3f}s  {statistics.median(values):>7.3f}s")
    # A build over the floor of the same turn: a change in the machine's speed from one turn to the
    # next, which moves a step's figures by a quarter here, falls on both alike.
    ratios = [whole / alone for whole, alone in zip(times[end_to_end], times[floor])]
    print(f"{'ratio end to end / WeasyPrint alone, turn by turn, median (goal <= 1.15)':<{width}}  "
          f"{statistics.median(ratios):>7.2f}x")
    print(f"{'ratio of the fastest build to the fastest floor':<{width}}  "
          f"{min(times[end_to_end]) / min(times[floor]):>7.2f}x")
    # Stricter: against WeasyPrint's part of the step-by-step builds, which leaves out the collection.
    parts = [sum(values) for values in zip(*(times[name] for name in times if name.endswith(", in the pause")))]
    print(f"{'ratio end to end / the steps WeasyPrint, turn by turn, median':<{width}}  "
          f"{statistics.median([whole / part for whole, part in zip(times[end_to_end], parts)]):>7.2f}x")
    print(f"{'first build of a run (imports, fonts, compiling)':<{width}}  {cold:>7.3f}s")
    print(f"{'compiling the report templates, once a run':<{width}}  {compiling:>7.3f}s")
    print(f"{'packgen --help (fresh process)':<{width}}  {help_time():>7.3f}s")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=7, help="how many times each step is timed (7)")
    main(parser.parse_args().runs)
