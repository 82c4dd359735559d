"""Measure how well packgen reads scanned forms, and how fast, and print one table of figures.

    python benchmarks/scan_accuracy.py [--forms 240] [--pdf-pages 200] [--seed 1] [--mix people|hard]
                                       [--threads N] [--big-pdf 2000]

1. Accuracy: --forms forms are drawn from a layout, marked as people mark them (ticks, crosses,
   small crosses, light pen, ticks running over the border, a filled box beside the right tick,
   two ticks, a stray mark, a speck alone or beside a tick, unanswered questions, in the mix
   :data:`MIXES` says is how people mark forms), degraded as scanners degrade them
   (condition by condition, below), saved as image files and read back through packgen's page
   reader. Figures: box accuracy (each box read as what was put in it: ink or none; a doubtful
   box counts as wrong), questions decided without review (overall, and by how they were marked:
   marked clearly, less clearly, or doubtful by design, which must go to review, so that the
   figure for clear marks measures packgen rather than the mix), and wrong answers accepted
   without review (the one figure that must be 0).
2. Speed: the same pages, read one at a time (pages per minute, one process).
3. Memory: a --pdf-pages page PDF of JPEG scans read through ``read_scans`` in a fresh process
   (peak resident memory); with --big-pdf, a PDF of that many pages (ten scans repeated), read
   with progress, its time and peak memory.

Figures are printed, never asserted; they are quoted in issue notes.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

DEBUG = "--debug" in sys.argv
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from packgen.paper import omr  # noqa: E402
from packgen.paper.pages import iter_pages  # noqa: E402
from tests.paper.scanning import Scanner, degrade, draw_page, mark, synthetic_layout  # noqa: E402

LAYOUT = synthetic_layout("pre", questions=("trust", "awareness", "heard", "join", "return", "recommend"))
PAGE = LAYOUT.pages[0]
PRINTED = None
"""With --printed: the example's printed post-event PDF (pypdfium2), whose page 1 every form uses."""


def use_printed(copies: int) -> None:
    """Read the example's printed post-event forms instead of pages drawn from the test layout."""
    global LAYOUT, PAGE, PRINTED
    import pypdfium2

    from packgen.config import load_config
    from packgen.paper.printing import print_stage
    from packgen.resources import example_folder

    forms = print_stage(load_config(example_folder() / "hub.yaml").event, "post", copies)
    LAYOUT, PRINTED = forms.layout, pypdfium2.PdfDocument(forms.pdf)
    PAGE = LAYOUT.pages[0]


def blank_page(number: int, dpi: int) -> np.ndarray:
    if PRINTED is None:
        return draw_page(LAYOUT, 1, number, dpi)
    from tests.paper.scanning import render_pdf_page

    copies = len(PRINTED) // len(LAYOUT.pages)
    return render_pdf_page(PRINTED, (number - 1) % copies * len(LAYOUT.pages), dpi)

CONDITIONS: dict[str, tuple[int, Scanner | None]] = {
    "clean 150 dpi": (150, None),
    "clean 300 dpi": (300, None),
    "skewed ±5°, 90–95%": (150, "skew"),
    "upside down, skewed ±3°": (150, "upside"),
    "blur + noise + JPEG q40": (150, "rough"),
    "black and white 300 dpi": (300, "bw"),
    "JPEG q30 300 dpi, 97%": (300, "jpeg"),
    "phone photo (perspective)": (150, "photo"),
}

MIXES = {
    "people": [("tick", 34), ("cross", 18), ("small_cross", 8), ("light_tick", 6), ("edge_tick", 6), ("fill", 4),
               ("correction", 6), ("two_ticks", 1), ("none", 10), ("stray", 3), ("speck", 0.5),
               ("speck_beside", 2)],
    "hard": [("tick", 34), ("cross", 18), ("small_cross", 8), ("light_tick", 6), ("edge_tick", 6), ("fill", 4),
             ("correction", 6), ("two_ticks", 3), ("none", 10), ("stray", 3), ("speck", 2)],
}
"""How often each way of marking a 0–10 question is drawn (weights, about per cent).

``people`` (the default) is our estimate of how people mark a form with one box per question:
mostly one tick or cross, a tenth left blank, some corrections as the form asks, and the less
tidy marks (small crosses, light pens, ticks over the border, a stray line). Two boxes ticked on one
question are about one question in a hundred, and a dot alone in a box (the pen rested there,
nothing else on the question) one in two hundred; a dot beside a clear tick is commoner (two in a
hundred), and packgen decides it (:data:`packgen.paper.omr.SPECK_BELOW`). These rates are an
estimate, not a measurement: the figures printed for each way of marking, and the ``hard`` mix,
show what a different mix would give.

``hard`` is the mix measured before: three times as many double ticks and four times as many lone
dots (5% of questions doubtful by design, so at most 95% can be decided without review), and no
dot beside a tick."""
BEHAVIOURS = MIXES["people"]

GROUPS = {
    "marked clearly": ("tick", "cross", "fill", "correction", "none"),
    "marked less clearly": ("small_cross", "light_tick", "edge_tick", "stray"),
    "speck beside a tick": ("speck_beside",),
    "doubtful by design": ("two_ticks", "speck"),
}
"""How each question was marked, grouped: one tick, cross, fill or correction (or left blank) is
what packgen should decide alone; a small cross, a light pen, a tick over the border or a stray
mark beside the tick it may send to review; a dot beside one clear tick it should decide; two
ticks and a lone dot it must send to review."""


@dataclass
class Truth:
    ink: set[tuple[str, str]]
    """Boxes with ink put in them."""
    answers: dict[str, str | None]
    """What each question's marks mean; ``"?"`` where they are ambiguous by design."""
    how: dict[str, str]
    """How each question was marked."""
    specks: set[tuple[str, str]] = field(default_factory=set)
    """Boxes whose only ink is a speck."""


def scanner_for(kind: str | None, rng: random.Random) -> Scanner:
    if kind is None:
        return Scanner()
    if kind == "skew":
        return Scanner(angle=rng.uniform(-5, 5), scale=rng.uniform(0.9, 0.95))
    if kind == "upside":
        return Scanner(angle=rng.uniform(-3, 3), scale=rng.uniform(0.95, 1.0), upside_down=True)
    if kind == "rough":
        return Scanner(angle=rng.uniform(-2, 2), blur=rng.uniform(0.6, 1.2), noise=rng.uniform(5, 12), jpeg=40)
    if kind == "bw":
        return Scanner(angle=rng.uniform(-2, 2), threshold=True)
    if kind == "jpeg":
        return Scanner(scale=0.97, jpeg=30)
    if kind == "photo":
        return Scanner(perspective=0.03, blur=0.8, scale=0.92)
    raise ValueError(kind)


def marked_form(number: int, dpi: int, rng: random.Random, light: tuple[int, int] = (110, 160)
                ) -> tuple[np.ndarray, Truth]:
    image = blank_page(number, dpi)
    truth = Truth(set(), {}, {})
    by_field: dict[str, list] = {}
    for box in PAGE.boxes:
        by_field.setdefault(box.field, []).append(box)
    names, weights = zip(*BEHAVIOURS)
    for field_id, boxes in by_field.items():
        pen = rng.randint(0, 70)
        width = rng.uniform(0.3, 0.7)
        behaviour = rng.choices(names, weights)[0] if len(boxes) > 2 else rng.choice(["tick", "none", "cross"])
        chosen = rng.choice(boxes)
        truth.how[field_id] = behaviour

        def put(box, kind):
            mark(image, box, kind, dpi, rng, pen=pen, width=width, light=rng.randint(*light))
            truth.ink.add((box.field, box.value))

        if behaviour == "none":
            truth.answers[field_id] = None
        elif behaviour in ("tick", "cross", "small_cross", "light_tick", "edge_tick", "fill"):
            put(chosen, behaviour)
            truth.answers[field_id] = chosen.value
        elif behaviour == "correction":
            wrong = rng.choice([b for b in boxes if b is not chosen])
            put(wrong, "fill")
            put(chosen, rng.choice(["tick", "cross"]))
            truth.answers[field_id] = chosen.value
        elif behaviour == "two_ticks":
            other = rng.choice([b for b in boxes if b is not chosen])
            put(chosen, "tick")
            put(other, "tick")
            truth.answers[field_id] = "?"
        elif behaviour == "stray":
            put(chosen, "tick")
            mark(image, rng.choice(boxes), "stray", dpi, rng, pen=pen, width=width)
            truth.answers[field_id] = chosen.value
        elif behaviour == "speck":
            scale = dpi / 25.4
            centre = (round((chosen.x + chosen.size / 2) * scale), round((chosen.y + chosen.size / 2) * scale))
            cv2.circle(image, centre, max(1, round(0.5 * scale)), pen, -1)
            truth.ink.add((chosen.field, chosen.value))
            truth.specks.add((chosen.field, chosen.value))
            truth.answers[field_id] = "?"  # a dot: not a mark anyone should count unseen
        elif behaviour == "speck_beside":
            put(chosen, rng.choice(["tick", "cross"]))
            other = rng.choice([b for b in boxes if b is not chosen])
            speck(image, other, dpi, rng, pen)
            truth.ink.add((other.field, other.value))
            truth.specks.add((other.field, other.value))
            truth.answers[field_id] = chosen.value  # the pen rested on another box: the tick is the answer
    return image, truth


def speck(image: np.ndarray, box, dpi: int, rng: random.Random, pen: int) -> None:
    """Put a dot where a pen rested on a box: 0.6 to 1.2 mm across, somewhere inside it."""
    scale = dpi / 25.4
    x = box.x + box.size * rng.uniform(0.3, 0.7)
    y = box.y + box.size * rng.uniform(0.3, 0.7)
    cv2.circle(image, (round(x * scale), round(y * scale)), max(1, round(rng.uniform(0.3, 0.6) * scale)), pen, -1)


def accuracy(forms: int, seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    truths: dict[str, tuple[str, Truth]] = {}
    names = list(CONDITIONS)
    for number in range(1, forms + 1):
        condition = names[(number - 1) % len(names)]
        dpi, kind = CONDITIONS[condition]
        # a black-and-white scan keeps only what is darker than its threshold (140): lighter pens
        # vanish from it entirely (nothing left to read), so its light pens are those it keeps
        image, truth = marked_form(number, dpi, rng, (100, 125) if kind == "bw" else (110, 160))
        scan = degrade(image, scanner_for(kind, rng), rng)
        name = f"{number:04d}.{'jpg' if kind in ('rough', 'jpeg') else 'png'}"
        if name.endswith("jpg"):
            cv2.imwrite(str(folder / name), scan, [cv2.IMWRITE_JPEG_QUALITY, 85])
        else:
            cv2.imwrite(str(folder / name), scan)
        truths[name] = (condition, truth)
    boxes = Counter()
    questions = Counter()
    marked = Counter()
    """(how the question was marked, "total" or "decided") → questions"""
    wrong_accepted: list[str] = []
    failures: Counter = Counter()
    fills: dict[str, list] = {"marked": [], "empty": []}
    by_mark: dict[str, list[float]] = {}
    """What kind of ink was put in a box ("empty" for none) → the fills read"""
    started = time.perf_counter()
    for page in iter_pages(folder):
        condition, truth = truths[page.file.name]
        try:
            reading = omr.read_page(page.image, lambda code: LAYOUT)
        except (omr.PageNotFound, omr.CodeNotRead) as error:
            failures[(condition, str(error))] += 1
            boxes[(condition, "total")] += len(PAGE.boxes)
            questions[(condition, "total")] += len(truth.answers)
            continue
        for answer in reading.answers.values():
            for box_reading in answer.readings:
                key = (box_reading.box.field, box_reading.box.value)
                expected = "marked" if key in truth.ink else "empty"
                boxes[(condition, "total")] += 1
                if key in truth.specks:  # a dot is no mark: read right when not read as one
                    boxes[(condition, "right")] += box_reading.state != "marked"
                else:
                    boxes[(condition, "right")] += box_reading.state == expected
                fills[expected].append((box_reading.fill, condition, truth.how[box_reading.box.field]))
                kind = "speck" if key in truth.specks else truth.how[box_reading.box.field] if expected == "marked" \
                    else "empty"
                by_mark.setdefault(kind, []).append(box_reading.fill)
            intended = truth.answers[answer.field]
            questions[(condition, "total")] += 1
            marked[(truth.how[answer.field], "total")] += 1
            marked[(truth.how[answer.field], "decided")] += not answer.doubtful
            if answer.doubtful and intended != "?" and DEBUG:
                print("review:", page.file.name, condition, truth.how[answer.field], answer.doubt,
                      [(r.box.value, r.fill) for r in answer.readings if r.fill])
            if not answer.doubtful:
                questions[(condition, "decided")] += 1
                if answer.value != intended:
                    wrong_accepted.append(f"{page.file.name} ({condition}) {answer.field}: read {answer.value}, meant"
                                          f" {intended} ({truth.how[answer.field]};"
                                          f" {[(r.box.value, r.fill) for r in answer.readings if r.fill]})")
    elapsed = time.perf_counter() - started
    if DEBUG:
        print("emptiest marked", sorted(fills["marked"])[:12])
        print("fullest empty", sorted(fills["empty"])[-12:])
    print(f"{'condition':<28} {'box accuracy':>13} {'decided':>9} {'pages unread':>13}")
    for condition in names:
        total_boxes = boxes[(condition, "total")]
        total_questions = questions[(condition, "total")]
        unread = sum(n for (c, _), n in failures.items() if c == condition)
        print(f"{condition:<28} {boxes[(condition, 'right')] / total_boxes:>12.2%}"
              f" {questions[(condition, 'decided')] / total_questions:>9.2%} {unread:>13}")
    all_boxes = sum(n for (c, k), n in boxes.items() if k == "total")
    right = sum(n for (c, k), n in boxes.items() if k == "right")
    all_questions = sum(n for (c, k), n in questions.items() if k == "total")
    decided = sum(n for (c, k), n in questions.items() if k == "decided")
    ambiguous = sum(1 for _, t in truths.values() for v in t.answers.values() if v == "?")
    print(f"{'all ' + str(forms) + ' forms':<28} {right / all_boxes:>12.2%} {decided / all_questions:>9.2%}"
          f" {sum(failures.values()):>13}")
    print(f"Questions: {all_questions} ({ambiguous} ambiguous by design, which must go to review);"
          f" decided without review {decided / all_questions:.2%},"
          f" of the unambiguous {decided / (all_questions - ambiguous):.2%}")
    print("Decided without review, by how the question was marked (questions on pages read):")
    for group, behaviours in GROUPS.items():
        total = sum(marked[(b, "total")] for b in behaviours)
        share = sum(marked[(b, "decided")] for b in behaviours) / total if total else 0
        each = ", ".join(f"{b} {marked[(b, 'decided')]}/{marked[(b, 'total')]}" for b in behaviours)
        print(f"  {group:<20} {share:>8.2%} of {total:>5}  ({each})")
    print(f"Box fills read, by what was put in the box (doubtful from {omr.EMPTY_BELOW}, marked from"
          f" {omr.MARKED_FROM}; lowest, 1st percentile, median, highest):")
    for kind, values in sorted(by_mark.items(), key=lambda item: np.median(item[1])):
        low, p1, median, high = np.min(values), np.percentile(values, 1), np.median(values), np.max(values)
        print(f"  {kind:<14} {len(values):>6} boxes  {low:.3f} {p1:.3f} {median:.3f} {high:.3f}")
    print(f"Wrong answers accepted without review: {len(wrong_accepted)}")
    for line in wrong_accepted[:20]:
        print(f"  {line}")
    for (condition, why), count in failures.items():
        print(f"  unread: {count} page(s) of '{condition}': {why}")
    print(f"Speed: {forms} pages read in {elapsed:.1f} s: {forms / elapsed * 60:.0f} pages per minute (one process)")


def memory(pages: int, seed: int, folder: Path) -> None:
    from PIL import Image

    rng = random.Random(seed)
    pdf = folder / "scan.pdf"
    images = []
    for number in range(1, pages + 1):
        image, _ = marked_form(number, 150, rng)
        images.append(Image.fromarray(degrade(image, scanner_for("skew", rng), rng)))
    images[0].save(pdf, save_all=True, append_images=images[1:], resolution=150, quality=75)
    del images
    layout_file = folder / "form.layout.json"
    layout_file.write_text(LAYOUT.to_json(), encoding="utf-8")
    script = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from packgen.paper.layout import layout_from_json\n"
        "from packgen.paper.scans import read_scans\n"
        f"layout = layout_from_json(Path({str(layout_file)!r}).read_text())\n"
        "start = time.perf_counter()\n"
        f"result = read_scans([Path({str(pdf)!r})], layout.event, {{}}, {{layout.stage: layout}})\n"
        "seconds = time.perf_counter() - start\n"
        "# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec\n"
        "peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
        "print(len(result.sources[0].pages), seconds, peak / 1024)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    read, seconds, peak = output.stdout.split()
    print(f"Memory: a {read}-page PDF ({pdf.stat().st_size / 1e6:.0f} MB of JPEG scans) read in {float(seconds):.0f} s"
          f" ({int(read) / float(seconds) * 60:.0f} pages per minute, rendering included), peak {float(peak):.0f} MB")


def big_pdf(pages: int, seed: int, folder: Path) -> None:
    """Read a ``pages``-page PDF made cheaply: ten marked scans, repeated with pikepdf (each page
    its own page object, the scans' images shared), in a fresh process, with progress."""
    import pikepdf
    from PIL import Image

    rng = random.Random(seed)
    scans = folder / "ten.pdf"
    images = [Image.fromarray(degrade(marked_form(n, 150, rng)[0], scanner_for("skew", rng), rng))
              for n in range(1, 11)]
    images[0].save(scans, save_all=True, append_images=images[1:], resolution=150, quality=75)
    pdf = folder / "big.pdf"
    with pikepdf.open(scans) as source, pikepdf.new() as big:
        for index in range(pages):
            big.pages.append(source.pages[index % len(source.pages)])
        big.save(pdf)
    layout_file = folder / "form.layout.json"
    layout_file.write_text(LAYOUT.to_json(), encoding="utf-8")
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from packgen.paper.layout import layout_from_json\n"
        "from packgen.paper.scans import read_scans\n"
        f"layout = layout_from_json(Path({str(layout_file)!r}).read_text())\n"
        "start = time.perf_counter()\n"
        "def progress(page):\n"
        "    if page.number % 250 == 0:\n"
        "        peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "        print(f'  page {page.number}: {time.perf_counter() - start:.0f} s, peak {peak / 1024:.0f} MB',"
        " file=sys.stderr, flush=True)\n"
        f"result = read_scans([Path({str(pdf)!r})], layout.event, {{}}, {{layout.stage: layout}}, progress=progress)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
        "print(len(result.sources[0].pages), seconds, peak / 1024)\n"
    )
    print(f"A {pages}-page PDF ({pdf.stat().st_size / 1e6:.1f} MB: ten scans repeated), read with progress:",
          flush=True)
    output = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT, check=True)
    read, seconds, peak = output.stdout.split()
    print(f"Big PDF: {read} pages read in {float(seconds):.0f} s ({int(read) / float(seconds) * 60:.0f} pages per"
          f" minute, rendering included), peak {float(peak):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=240)
    parser.add_argument("--pdf-pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mix", choices=sorted(MIXES), default="people", help="how the forms are marked (MIXES)")
    parser.add_argument("--threads", type=int, default=0, help="OpenCV threads (0: its default); 1 for the time"
                                                                " one page takes on one core")
    parser.add_argument("--big-pdf", type=int, default=0, metavar="PAGES",
                        help="also read a PDF of this many pages (e.g. 2000), made by repeating ten scans")
    parser.add_argument("--printed", action="store_true",
                        help="mark the example's printed post-event form (packgen print) instead of the test layout")
    parser.add_argument("--debug", action="store_true", help="print the fills nearest the thresholds")
    args = parser.parse_args()
    global BEHAVIOURS
    BEHAVIOURS = MIXES[args.mix]
    if args.threads:
        cv2.setNumThreads(args.threads)
    print(f"Mix of marks: {args.mix}; OpenCV threads: {cv2.getNumThreads()}")
    if args.printed:
        use_printed(20)
    if args.forms:
        with tempfile.TemporaryDirectory() as folder:
            accuracy(args.forms, args.seed, Path(folder))
    if args.pdf_pages:
        with tempfile.TemporaryDirectory() as folder:
            memory(args.pdf_pages, args.seed, Path(folder))
    if args.big_pdf:
        with tempfile.TemporaryDirectory() as folder:
            big_pdf(args.big_pdf, args.seed, Path(folder))
    print(f"(this process's peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
