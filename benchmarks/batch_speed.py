"""Measure packgen's speed on this machine and print one table of figures.

    python benchmarks/batch_speed.py [--events 500] [--report-events 50] [--quick]

1. One pack (four artefacts, in memory) against the floor of the same stack: loading and saving the
   same four templates with python-docx, python-pptx and openpyxl and nothing else. The two take
   turns for --runs warm rounds; the medians give the ratio, measured in this one run.
2. N synthetic BCU events (the example batch's defaults, N configs): wall time of
   ``packgen batch`` with -j1 and -j2 (each a fresh process, start-up included; twice each, in
   the order -j1, -j2, -j2, -j1, so that a drift in the machine's speed falls on both), the speed-up
   beside the machine's own for the floor's work (two processes against one: what two cores
   shared with everything else on the machine give), the peak memory of any one process, and a
   re-run with nothing changed.
3. With --reports, M events that have results: seconds per event.

Timings are not asserted anywhere; they are reported in issue notes.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packgen.config import load_config  # noqa: E402
from packgen.stages.pack import render_pack  # noqa: E402
from packgen.resources import example_folder, template_path  # noqa: E402
from packgen.store import TemplateStore  # noqa: E402

BATCH_EXAMPLE = ROOT / "config" / "batch-example"


def median_seconds(works: dict[str, Callable[[], object]], runs: int,
                   fastest: dict[str, float] | None = None) -> dict[str, float]:
    """Return the median time of each piece of work, run in turn ``runs`` times (and put the
    fastest time of each in ``fastest``, when given).

    Taking turns, rather than timing one piece and then the other, keeps the ratio true when the
    machine's speed drifts during the run.
    """
    for work in works.values():
        work()  # warm: imports, caches
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    if fastest is not None:
        fastest.update({name: min(spent) for name, spent in times.items()})
    return {name: statistics.median(spent) for name, spent in times.items()}


def floor_pack() -> None:
    """Load and save the four templates with the libraries alone: the stack's floor."""
    from docx import Document
    from openpyxl import load_workbook
    from pptx import Presentation

    for name in ("pre-event-form", "post-event-form"):
        Document(template_path(name)).save(io.BytesIO())
    Presentation(template_path("presentation")).save(io.BytesIO())
    load_workbook(template_path("planning")).save(io.BytesIO())


def floor_packs(count: int) -> int:
    """Run ``floor_pack`` ``count`` times (in a worker process)."""
    for _ in range(count):
        floor_pack()
    return count


def machine_speed_up(packs: int) -> float:
    """Return how much faster two processes do ``packs`` floor packs than one: the most -j2 can
    gain on this machine for this kind of work (both cores shared with whatever else runs)."""
    from concurrent.futures import ProcessPoolExecutor

    def in_one() -> float:
        start = time.perf_counter()
        floor_packs(packs)
        return time.perf_counter() - start

    def in_two() -> float:
        start = time.perf_counter()
        list(pool.map(floor_packs, [packs // 2, packs - packs // 2]))
        return time.perf_counter() - start

    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(floor_packs, [1, 1]))  # warm: each worker's imports, and this process's
        floor_packs(1)
        one, two = in_turns(in_one, in_two)
    return one / two


def in_turns(first: Callable[[], float], second: Callable[[], float]) -> tuple[float, float]:
    """Return the seconds ``first`` and ``second`` take, each run twice in the order first, second,
    second, first: a steady drift in the machine's speed (which moves a figure by a quarter here in
    a few minutes) then falls on both alike."""
    a, b, c, d = first(), second(), second(), first()
    return (a + d) / 2, (b + c) / 2


def make_batch(folder: Path, events: int, with_results: bool) -> Path:
    """Write ``events`` BCU configs extending the example batch's defaults."""
    folder.mkdir(parents=True)
    shutil.copy(BATCH_EXAMPLE / "defaults.yaml", folder)
    shutil.copy(BATCH_EXAMPLE / "logo.png", folder)
    source = (BATCH_EXAMPLE / "central-south.yaml").read_text(encoding="utf-8")
    results = (BATCH_EXAMPLE / "central-south.results.json").read_text(encoding="utf-8")
    for number in range(events):
        name = f"bcu-{number:03d}"
        (folder / f"{name}.yaml").write_text(source.replace("Central South BCU", f"BCU {number:03d}"),
                                             encoding="utf-8")
        if with_results:
            (folder / f"{name}.results.json").write_text(results, encoding="utf-8")
    return folder


def timed_batch(folder: Path, out: Path, jobs: int, reports: bool = False) -> float:
    """Return the seconds ``packgen batch`` takes, run as a user runs it: a fresh process, start-up
    and imports included (so -j1 does not inherit this script's warm caches or its heap)."""
    command = [sys.executable, "-m", "packgen", "batch", str(folder), "-o", str(out), "-j", str(jobs)]
    if reports:
        command.append("--reports")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    elapsed = time.perf_counter() - start
    if finished.returncode != 0:
        raise SystemExit(f"packgen batch failed ({finished.returncode}):\n{finished.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--report-events", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="50 events, 10 with reports, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.events, args.report_events, args.runs = 50, 10, 3
    rows: list[tuple[str, str]] = []

    loaded = load_config(example_folder() / "hub.yaml")
    store = TemplateStore()  # warm as a batch worker is: the templates parsed by an earlier event
    fastest: dict[str, float] = {}
    medians = median_seconds({"ours": lambda: render_pack(loaded, store=store), "floor": floor_pack}, args.runs,
                             fastest)
    ours, floor = medians["ours"], medians["floor"]
    rows += [("one pack, packgen (median, warm)", f"{ours:.3f} s"),
             ("one pack, floor: load + save the 4 templates", f"{floor:.3f} s"),
             ("ratio packgen / floor (goal <= 1.2)", f"{ours / floor:.2f}x"),
             ("ratio of the fastest runs", f"{fastest['ours'] / fastest['floor']:.2f}x")]

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        folder = make_batch(work / "events", args.events, with_results=True)
        turn = iter(range(4))  # each build into a folder of its own: a fresh build, not a re-run
        one, two = in_turns(lambda: timed_batch(folder, work / f"out-j1-{next(turn)}", jobs=1),
                            lambda: timed_batch(folder, work / f"out-j2-{next(turn)}", jobs=2))
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        again = timed_batch(folder, work / "out-j2-1", jobs=2)
        rows += [(f"{args.events} packs, -j1 (mean of 2, in turns with -j2)", f"{one:.1f} s"),
                 (f"{args.events} packs, -j2 (mean of 2)", f"{two:.1f} s"),
                 ("speed-up -j2 over -j1 (goal >= 1.9)", f"{one / two:.2f}x"),
                 ("the machine's own: the floor in 2 processes over 1", f"{machine_speed_up(args.events // 5):.2f}x"),
                 ("peak memory of one process (goal < 300 MB)", f"{peak_mb:.0f} MB"),
                 ("re-run, nothing changed (goal < 2 s)", f"{again:.2f} s")]
        if args.report_events:
            folder = make_batch(work / "reported", args.report_events, with_results=True)
            seconds = timed_batch(folder, work / "out-reports", jobs=2, reports=True)
            rows.append((f"{args.report_events} events with --reports, -j2",
                         f"{seconds:.1f} s ({seconds / args.report_events:.2f} s an event)"))

    print_table(rows)


def print_table(rows: list[tuple[str, str]], heading: str = "measure") -> None:
    """Print (label, figure) rows as two aligned columns under ``heading`` and "figure"."""
    width = max(len(label) for label, _ in [(heading, ""), *rows])
    print(f"{heading:<{width}}  figure")
    for label, figure in rows:
        print(f"{label:<{width}}  {figure}")


if __name__ == "__main__":
    main()
