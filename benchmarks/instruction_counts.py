"""Count the instructions the pack and the reports take, against their floors, with callgrind.

    python benchmarks/instruction_counts.py [--runs 1]

Wall-clock ratios on a shared machine move by a quarter from one run to the next; valgrind's
callgrind counts instructions, which do not, whatever else the machine is doing (and valgrind is
on every machine this project runs on). Each figure is one process under callgrind, counting only
while the measured work runs (switched on and off with ``callgrind_control``), after the same work
has run to warm up (a pack twice, the reports once):

- one pack (packgen, warm with a run's store) and the floor of ``batch_speed.py`` (the four
  templates loaded and saved by their libraries alone);
- both reports, end to end (warm with a run's store); their floor, WeasyPrint alone rendering the
  same HTML and images in a pause of the cycle collector, as ``report_speed.py`` takes it; and,
  stricter, WeasyPrint's part of the build itself (its ``render_pdf`` calls, less packgen's
  finisher of the tag tree inside them, and without the collection the pause puts off).

Instructions are not seconds (WeasyPrint's share is memory-heavy, a chart's is not), so these
figures stand beside the timed ones of ``batch_speed.py`` and ``report_speed.py``, not for them.
Nothing is asserted. Takes a few minutes: the work runs about fifty times slower under valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def counting(on: bool) -> None:
    """Switch callgrind's counting on or off for this process."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True,
                   check=False)
    time.sleep(0.3)  # callgrind takes the request at its next check: wait for it, either way


def measure(work: str, runs: int) -> None:
    """Inside valgrind: warm up ``work``, then count it ``runs`` times."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from packgen.config import load_config
    from packgen.resources import example_folder
    from packgen.store import TemplateStore

    loaded = load_config(example_folder() / "hub.yaml")
    store = TemplateStore()
    if work in ("pack", "floor"):
        import batch_speed
        from packgen.stages.pack import render_pack

        step = (lambda: render_pack(loaded, store=store)) if work == "pack" else batch_speed.floor_pack
        step(), step()
        counting(True)
        for _ in range(runs):
            step()
        counting(False)
        return
    import packgen.report as report
    from packgen.results import ingest
    from packgen.stages.demo import sample_sources

    dataset = ingest(loaded, sample_sources())
    report.build_reports(loaded.event, dataset, store=store)  # warm: imports, fonts, templates compiled
    if work == "floor of the reports":  # WeasyPrint alone on the same documents, as report_speed.py's floor
        import report_speed

        documents = report_speed.rendered_documents(loaded.event, dataset, store)
        counting(True)
        for _ in range(runs):
            report_speed.paused(lambda: report_speed.weasyprint_alone(documents))()
        counting(False)
        return
    if work == "weasyprint":  # count inside WeasyPrint's calls only, not in packgen's finisher within them
        from packgen.report import pdf_tags

        render_pdf, finish_tags = report.render_pdf, pdf_tags.finish_tags

        def counted(*args, **options):
            counting(True)
            try:
                return render_pdf(*args, **options)
            finally:
                counting(False)

        def not_counted(*args):
            counting(False)
            try:
                return finish_tags(*args)
            finally:
                counting(True)

        report.render_pdf, pdf_tags.finish_tags = counted, not_counted
        for _ in range(runs):
            report.build_reports(loaded.event, dataset, store=store)
        return
    counting(True)
    for _ in range(runs):
        report.build_reports(loaded.event, dataset, store=store)
    counting(False)


def instructions(work: str, runs: int) -> int:
    """Return the instructions callgrind counted for ``runs`` of ``work`` in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        finished = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--inside", work, "--runs", str(runs)],
            capture_output=True, text=True, check=False)
        found = re.search(r"Collected : (\d+)", finished.stderr)
        if finished.returncode != 0 or not found:
            raise SystemExit(f"callgrind failed for {work}:\n{finished.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="how many times each piece of work is counted (1)")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        measure(args.inside, args.runs)
        return
    if not shutil.which("valgrind"):  # `make bench` runs every benchmark: say so and let the others run
        print("instruction counts skipped: valgrind is not installed (Debian: apt-get install valgrind)",
              file=sys.stderr)
        return
    works = ("pack", "floor", "reports", "floor of the reports", "weasyprint")
    counts = {work: instructions(work, args.runs) / args.runs for work in works}
    rows = [("one pack, packgen (warm)", f"{counts['pack'] / 1e6:,.0f} M"),
            ("one pack, floor: load + save the 4 templates", f"{counts['floor'] / 1e6:,.0f} M"),
            ("ratio packgen / floor", f"{counts['pack'] / counts['floor']:.2f}x"),
            ("both reports, end to end (warm)", f"{counts['reports'] / 1e6:,.0f} M"),
            ("floor: WeasyPrint alone on the same HTML, in the pause", f"{counts['floor of the reports'] / 1e6:,.0f} M"),
            ("ratio end to end / floor", f"{counts['reports'] / counts['floor of the reports']:.2f}x"),
            ("WeasyPrint's part of the build, without the collection", f"{counts['weasyprint'] / 1e6:,.0f} M"),
            ("ratio end to end / that part (stricter)", f"{counts['reports'] / counts['weasyprint']:.2f}x")]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from batch_speed import print_table

    print_table(rows, "instructions (callgrind), each")


if __name__ == "__main__":
    main()
