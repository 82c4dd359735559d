"""Make the sample scans of the bundled example hub (config/example/results/scans/).

One PDF, as a multifunction printer gives it back: three pre-event and three post-event forms as
``packgen print`` prints them
(two pages each, duplex, so some blank backs), shuffled, one page upside down, all slightly
skewed, in grey at 150 dpi. The marks show what the reader does: ticks, crosses, a filled box
beside the right tick (a corrected answer), a question ticked twice (left for review), and
handwriting (always left for review, to be typed). The layouts the forms were drawn by are
written beside the PDF (``pre-event-forms.layout.json``, ``post-event-forms.layout.json``), as
printing writes them beside the printed forms.

Run it again after changing the example: ``python tools/make_sample_scans.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packgen.config import load_config  # noqa: E402
from packgen.resources import example_folder  # noqa: E402
from tests.paper.scanning import Scanner, degrade, draw_page, mark, synthetic_layout, write  # noqa: E402

OUT = ROOT / "config" / "example" / "results" / "scans"

# form number: {question id: score}, sector, consent, handwriting; "2+7" is two ticks, "3>8" a
# filled 3 beside a ticked 8
PRE = {
    1: ({"trust": "4", "awareness": "3", "heard": "5", "join": "6"}, "Resident", True, {"hopes": "To be listened to"}),
    2: ({"trust": "7", "awareness": "2+7", "heard": "3>8", "join": "8"}, "Business", False, {}),
    3: ({"trust": "5", "awareness": "6", "heard": "6", "join": "4"}, "Young person (under 25)", True, {}),
}
POST = {
    1: ({"trust": "7", "awareness": "8", "heard": "9", "join": "8", "return": "9", "recommend": "10"}, "Resident",
        True, {"takeaway_1": "Who my neighbourhood team is"}),
    2: ({"trust": "8", "awareness": "8", "heard": "9", "join": "9", "return": "8", "recommend": "9"}, "Business",
        False, {}),
    3: ({"trust": "6", "awareness": "9", "heard": "8", "join": "7", "return": "10", "recommend": "8"},
        "Young person (under 25)", True, {"next_steps": "Join the youth panel"}),
}


def printed(stage: str, copies: int):
    """Return the example's layout for ``stage`` and a function giving the pages of form *n*:
    rendered from the printed PDF when packgen can print, else drawn from the test layout."""
    event = load_config(example_folder() / "hub.yaml").event
    try:
        import pypdfium2

        from packgen.paper.printing import print_stage
        from tests.paper.scanning import render_pdf_page
    except ImportError:
        questions = [q.id for q in event.evaluation.questions if getattr(q, stage)]
        layout = synthetic_layout(stage, event.key, questions, sectors=event.sectors)
        return layout, lambda number: {p.page: draw_page(layout, p.page, number) for p in layout.pages}
    forms = print_stage(event, stage, copies)
    document = pypdfium2.PdfDocument(forms.pdf)
    per_form = len(forms.layout.pages)

    def pages(number: int) -> dict[int, np.ndarray]:
        return {p.page: render_pdf_page(document, (number - 1) * per_form + p.page - 1) for p in forms.layout.pages}

    return forms.layout, pages


def filled_pages(layout, draw, number: int, answers, rng: random.Random) -> list[np.ndarray]:
    scores, sector, consent, words = answers
    pages = draw(number)
    for spec in layout.pages:
        boxes = {(b.field, b.value): b for b in spec.boxes}
        image = pages[spec.page]

        def put(field, value, kind):
            if (field, value) in boxes:
                mark(image, boxes[(field, value)], kind, rng=rng)

        for question, score in scores.items():
            if "+" in score:
                for value in score.split("+"):
                    put(question, value, "tick")
            elif ">" in score:
                wrong, right = score.split(">")
                put(question, wrong, "fill")
                put(question, right, "tick")
            else:
                put(question, score, rng.choice(["tick", "tick", "cross"]))
        put("sector", sector, "tick")
        if consent:
            put("consent", "yes", "cross")
        for area in spec.writing:
            if area.field in words:
                write(image, area, words[area.field])
    return [pages[n] for n in sorted(pages)]


def main() -> None:
    rng = random.Random(7)
    OUT.mkdir(parents=True, exist_ok=True)
    sheets: list[np.ndarray] = []
    for stage, forms in (("pre", PRE), ("post", POST)):
        layout, draw = printed(stage, len(forms))
        (OUT / f"{stage}-event-forms.layout.json").write_text(layout.to_json(), encoding="utf-8")
        for number, answers in forms.items():
            for page in filled_pages(layout, draw, number, answers, rng):
                sheets.append(page)
                sheets.append(np.full_like(page, 255))  # duplex: the blank back
    order = list(range(len(sheets)))
    rng.shuffle(order)
    images = []
    for position, index in enumerate(order):
        scanner = Scanner(angle=rng.uniform(-2, 2), scale=0.97, upside_down=position == 3, noise=4)
        images.append(Image.fromarray(degrade(sheets[index], scanner, rng)))
    images[0].save(OUT / "scanned-forms.pdf", save_all=True, append_images=images[1:], resolution=150, quality=35)
    print(f"Wrote {OUT / 'scanned-forms.pdf'} ({len(images)} pages) and the two layouts beside it")


if __name__ == "__main__":
    main()
