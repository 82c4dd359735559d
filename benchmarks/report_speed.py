"""How long `packgen report` takes for one hub, warm: both PDFs from the bundled example's results.

Run:  .venv/bin/python benchmarks/report_speed.py [RUNS]

Reads the sample results once, builds both reports once to warm up (imports, fonts, the report
templates compiled into the run's store, as a batch worker has them after its first event), then
times RUNS calls of `build_reports` (default 7) and RUNS more builds step by step, taking turns, and
prints the fastest and median time of the whole and of each step, the ratio of the whole to
WeasyPrint's own time for the two PDFs (its ``write_pdf``, less packgen's finisher of the tag tree
that runs inside it) (goal, issue 13: at most 1.15), what compiling the report
templates costs once a run, and how long `packgen --help` takes in a fresh process (goal: under
0.2 s). Nothing is asserted: this is a measurement.
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
from packgen.report import pdf_tags  # noqa: E402
from packgen.report import REPORTS, _garbage_collection_paused, base_context, build_reports, make_charts  # noqa: E402
from packgen.report.evaluation_report import evaluation_context  # noqa: E402
from packgen.report.html import render_html, report_environment  # noqa: E402
from packgen.report.pdf import Asset, AssetPolicy, render_pdf  # noqa: E402
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
    """Times packgen's finisher of the tag tree, which WeasyPrint calls inside ``write_pdf``, so that
    it counts as packgen's work and not WeasyPrint's (it took the written PDF, before 2026-12-01)."""

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


def one_build(event, dataset, times: dict[str, list[float]], store: TemplateStore) -> None:
    """Build both reports the way build_reports does, timing each step; WeasyPrint's own time is
    its ``write_pdf`` less packgen's finisher inside it."""
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
        times.setdefault(f"{output} (WeasyPrint)", []).append(whole - finisher.spent)
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
    times: dict[str, list[float]] = {}
    end_to_end = "both PDFs: build_reports, end to end"
    for _ in range(runs):  # in turns, so a drift in the machine's speed falls on both alike
        timed(lambda: build_reports(loaded.event, dataset, store=store), times, end_to_end)
        with _garbage_collection_paused():  # as build_reports does
            one_build(loaded.event, dataset, times, store)
    width = len("ratio end to end / WeasyPrint, fastest (goal <= 1.15)")
    print(f"packgen report, one hub (the bundled example), warm, {runs} runs")
    print(f"{'step':<{width}}  {'fastest':>8}  {'median':>8}")
    for name, values in times.items():
        print(f"{name:<{width}}  {min(values):>7.3f}s  {statistics.median(values):>7.3f}s")
    pdf_steps = [name for name in times if name.endswith("(WeasyPrint)")]
    for label, pick in (("fastest", min), ("median", statistics.median)):
        weasyprint = sum(pick(times[name]) for name in pdf_steps)
        print(f"{'ratio end to end / WeasyPrint, ' + label + ' (goal <= 1.15)':<{width}}  "
              f"{pick(times[end_to_end]) / weasyprint:>7.2f}x")
    print(f"{'first build of a run (imports, fonts, compiling)':<{width}}  {cold:>7.3f}s")
    print(f"{'compiling the report templates, once a run':<{width}}  {compiling:>7.3f}s")
    print(f"{'packgen --help (fresh process)':<{width}}  {help_time():>7.3f}s")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=7, help="how many times each step is timed (7)")
    main(parser.parse_args().runs)
