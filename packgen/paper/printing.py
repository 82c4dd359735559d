"""Print-ready forms: N numbered copies of each stage's form as one PDF, and the layout printed.

The form is an HTML template (``templates/paper/form.html`` and ``paper.css``, or a force's own
``paper/`` folder) filled with the names every template sees (:func:`packgen.context.build_context`),
so the questions, their labels, the sectors and the privacy notice are the Word forms' own. Every
tick box and writing area carries an id; WeasyPrint reports where each landed
(``Page.anchors``: the border box, in CSS pixels from the page's top-left), and that is the layout
recorded (:class:`~packgen.paper.layout.FormLayout`). Nothing is placed by guesswork.

packgen itself draws what the scan reader needs and a template must not move: the A4 page and its
margins, the four corner marks and the QR code (page backgrounds, exactly where
:data:`~packgen.paper.layout.MARK_CENTRES` and :data:`QR_SQUARE` say), and the form number in the
top-left of every page.

Making N copies: the form is laid out and drawn once (WeasyPrint), the form numbers are drawn
once each on pages of their own (WeasyPrint, nothing to lay out), and each page's QR code by
segno. pikepdf then assembles every page of every copy from those drawings, each held once in the
PDF as a form XObject: every copy is the same drawing at the same place, so the layout read from
the one form holds for all of them, and 60 copies cost little more in time or bytes than one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packgen.context import build_context
from packgen.errors import TemplateError
from packgen.model import Event
from packgen.paper.layout import (
    MARK_CENTRES,
    MARK_DIAMETER,
    MIN_BOX,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Box,
    FormLayout,
    PageCode,
    PageLayout,
    Square,
    Stage,
    Writing,
)
from packgen.report.html import render_html
from packgen.report.pdf import Asset, AssetPolicy, url_fetcher, weasyprint_messages
from packgen.resources import PAPER_FOLDER, PAPER_TEMPLATE, paper_folders
from packgen.wording import CONSENT, FORM_FIELDS, SECTOR, STAGE_FIELDS, TEXT_FIELDS

STAGES: tuple[Stage, ...] = ("pre", "post")

FORMS_PDF = {"pre": "pre-event-forms.pdf", "post": "post-event-forms.pdf"}
LAYOUT_JSON = {"pre": "pre-event-forms.layout.json", "post": "post-event-forms.layout.json"}

PAPER_FILES = (PAPER_TEMPLATE, "paper.css")
"""The paper form's templates, relative to the paper templates folder: a force's own replaces either."""

STAGE_NAMES = {"pre": "Before the hub", "post": "After the hub"}
"""What each stage's form is called at its head (as on the Word forms)."""

NUMBER_WORDS = "Form {form}"
"""The form number as printed at the top left of every page (large, in paper.css)."""

QR_SQUARE = Square(x=164.0, y=4.0, size=24.0)
"""Where every page's QR code is printed, its quiet zone included (mm from the top-left)."""

QR_ERROR = "m"
"""segno's error correction level: M recovers 15% of a smudged or folded code."""

MARGINS = (30.0, 20.0, 19.0, 20.0)
"""Page margins in mm (top, right, bottom, left): the corner marks, the QR code and the number sit
outside them, every box and writing area inside."""

PX_PER_MM = 96 / 25.4
"""CSS pixels (96 an inch, what WeasyPrint measures in) per millimetre."""

TOLERANCE_MM = 0.01
"""How far a box may be from square, or past a margin, and still count as inside it."""


@dataclass
class PrintedForms:
    """One stage's forms: the PDF of every copy, and the layout each copy was printed with."""

    stage: Stage
    pdf: bytes
    layout: FormLayout
    copies: int
    messages: list[str] = field(default_factory=list)
    """What WeasyPrint reported while printing (a URL the template asked for and was refused)."""


def default_copies(event: Event) -> int:
    """Return how many forms of each stage to print when not told: one for everyone invited,
    rounded up to the next ten for spares (ten when nobody is listed yet)."""
    return max(10, -(-len(event.invitees) // 10) * 10)


def form_layout(event: Event, stage: Stage, templates: Path | None = None) -> FormLayout:
    """Return where every box and writing area of ``stage``'s printed form sits."""
    return _Printer(event, stage, templates).layout()


def print_stage(event: Event, stage: Stage, copies: int, templates: Path | None = None) -> PrintedForms:
    """Return ``copies`` forms of ``stage``, numbered 1 to ``copies``, as one PDF."""
    printer = _Printer(event, stage, templates)
    layout = printer.layout()
    pdf = printer.print(layout, copies)
    return PrintedForms(stage=stage, pdf=pdf, layout=layout, copies=copies, messages=printer.messages)


def check_paper_templates(event: Event, templates: Path) -> tuple[list[Path], list[str]]:
    """Return the force's own paper templates in ``templates/paper/`` that were checked, and every
    problem found: syntax errors with their line, names packgen cannot fill, and what printing
    would refuse (an answer box missing by its id, a box under 5mm or not square, a box in the
    margins), for the forms of both stages."""
    from jinja2 import ChoiceLoader, FileSystemLoader, TemplateSyntaxError

    from packgen.render.jinja import RecordingUndefined, make_environment, missing_message, recording_missing

    own = templates / PAPER_FOLDER
    checked = [own / name for name in PAPER_FILES if (own / name).is_file()]
    if not checked:
        return [], []
    folders = paper_folders(templates)
    template = next((folder / PAPER_TEMPLATE for folder in folders if (folder / PAPER_TEMPLATE).is_file()),
                    folders[0] / PAPER_TEMPLATE)
    environment = make_environment(autoescape=True, undefined=RecordingUndefined,
                                   loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]))
    problems = []
    for stage in STAGES:
        with recording_missing() as names:
            try:
                environment.get_template(PAPER_TEMPLATE).render({**build_context(event), **paper_context(event, stage)})
            except TemplateSyntaxError as error:
                problems.append(f"{error.filename or template}, line {error.lineno}: {error.message}")
                break  # the same for both stages
            except Exception as error:  # the sandbox refusing something, a filter failing...
                problems.append(f"{template}: cannot be filled ({error})")
                continue
        missing = [f"{template}: {missing_message(message)}" for message in dict.fromkeys(names)]
        problems += missing
        if not missing:  # only a form that fills can be laid out
            problems += _layout_problems(event, stage, templates, own)
    return checked, list(dict.fromkeys(problems))


def _layout_problems(event: Event, stage: Stage, templates: Path, own: Path) -> list[str]:
    """Return what printing ``stage``'s form would refuse, and what WeasyPrint reported (a CSS
    rule it ignored, with its line and column; a URL refused), under the force's ``own`` folder:
    WeasyPrint does not say which of its files a rule came from."""
    printer = _Printer(event, stage, templates)
    try:
        printer.layout()
    except TemplateError as error:
        return [str(error)]
    return [f"{own}: {message}" for message in printer.messages]


# -- What the template sees -----------------------------------------------------------------------


def paper_context(event: Event, stage: Stage) -> dict[str, Any]:
    """Return the context the paper form template sees besides the shared ones: ``stage``,
    ``stage_name``, ``fields`` (the printed wording of the form's fields) and ``paper``, every box
    and writing area with the id that places it."""
    context = build_context(event)
    questions = context[f"{stage}_questions"]
    takeaway = FORM_FIELDS["takeaway_1"].rsplit(" (", 1)[0]
    writing = []
    for name in STAGE_FIELDS[stage]:
        if name not in TEXT_FIELDS:
            continue
        entry = {"field": name, "id": _writing_id(name), "label": FORM_FIELDS[name], "mark": ""}
        if name.startswith("takeaway_"):
            number = name.rsplit("_", 1)[1]
            entry.update(label=takeaway if number == "1" else "", mark=number)
        writing.append(entry)
    return {
        "stage": stage,
        "stage_name": STAGE_NAMES[stage],
        "fields": dict(FORM_FIELDS),
        "paper": {
            "questions": [
                {
                    "number": number,
                    "id": q["id"],
                    "text": q[stage],
                    "low_label": q["low_label"],
                    "high_label": q["high_label"],
                    "agree": q["agree"],
                    "boxes": [{"id": _box_id(q["id"], str(o["value"])), "value": str(o["value"]), "label": o["label"]}
                              for o in q["options"]],
                }
                for number, q in enumerate(questions, start=1)
            ],
            "sectors": [{"id": f"box-sector-{i}", "name": name} for i, name in enumerate(event.sectors, start=1)],
            "consent": {"id": _box_id(CONSENT, "yes")},
            "writing": [area for area in writing if area["field"] != "contact_details"],
            "contact": next(({"id": area["id"]} for area in writing if area["field"] == "contact_details"), None),
        },
    }


def _box_id(name: str, value: str) -> str:
    return f"box-{name}-{value}"


def _writing_id(name: str) -> str:
    return f"write-{name}"


def _expected(event: Event, context: dict[str, Any]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Return box id → (field, value) and writing id → field, for every place the form must have."""
    paper = context["paper"]
    boxes = {box["id"]: (q["id"], box["value"]) for q in paper["questions"] for box in q["boxes"]}
    for i, name in enumerate(event.sectors, start=1):
        boxes[f"box-sector-{i}"] = (SECTOR, name)
    boxes[paper["consent"]["id"]] = (CONSENT, "yes")
    areas = {area["id"]: area["field"] for area in paper["writing"]}
    if paper["contact"]:
        areas[paper["contact"]["id"]] = "contact_details"
    return boxes, areas


# -- Printing -------------------------------------------------------------------------------------


def _fixed_css() -> str:
    """Return packgen's own page rules, which a template's stylesheet cannot override."""
    top, right, bottom, left = MARGINS
    return (
        f"@page {{ size: {PAGE_WIDTH:g}mm {PAGE_HEIGHT:g}mm !important;"
        f" margin: {top:g}mm {right:g}mm {bottom:g}mm {left:g}mm !important;"
        # A page's background is positioned from the page area's corner, inside the margins.
        f" background: url(\"packgen:marks.svg\") {-left:g}mm {-top:g}mm / {PAGE_WIDTH:g}mm {PAGE_HEIGHT:g}mm"
        " no-repeat !important;"
        " @top-left { content: none !important; } }\n"
    )


_NUMBER_CSS = f"""
@page {{
  size: {PAGE_WIDTH:g}mm {PAGE_HEIGHT:g}mm;
  margin: {MARGINS[0]:g}mm {MARGINS[1]:g}mm {MARGINS[2]:g}mm {MARGINS[3]:g}mm;
  @top-left {{
    font: bold 28pt "Liberation Sans", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
    color: #000;
    vertical-align: middle;
  }}
}}
body {{ margin: 0; }}
div {{ break-before: page; }}
"""
"""The form number's page: packgen's own, in the top-left margin of every page."""


def _number_css(form: int) -> str:
    """Return the rule that prints form ``form``'s number on its page of the number pages."""
    return f"@page :nth({form}) {{ @top-left {{ content: \"{NUMBER_WORDS.format(form=form)}\"; }} }}\n"


def _copy_page(pdf, width: float, height: float, *drawings):
    """Return a new page of ``pdf`` that draws each of ``drawings`` (form XObjects) in turn: the
    form, its number, its QR code. Each is drawn where it was made, but the QR code, which is
    scaled into :data:`QR_SQUARE`.

    pikepdf holds each drawing once, however many pages use it; assembling the pages is these few
    lines of PDF (``cm`` places a drawing, ``Do`` draws it).
    """
    import pikepdf

    names = {f"/Drawing{number}": drawing for number, drawing in enumerate(drawings, start=1)}
    content = []
    for name, drawing in names.items():
        placed = b""
        if name == "/Drawing3":  # the QR code: a square of its modules, scaled and moved
            side = float(drawing.BBox[2])
            scale = QR_SQUARE.size * 72 / 25.4 / side
            x, y = QR_SQUARE.x * 72 / 25.4, height - (QR_SQUARE.y + QR_SQUARE.size) * 72 / 25.4
            placed = f"{scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm ".encode("ascii")
        content.append(b"q " + placed + name.encode("ascii") + b" Do Q")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(names)),
        Contents=pikepdf.Stream(pdf, b"\n".join(content)),
    )
    return pikepdf.Page(pdf.make_indirect(page))


def _qr_xobject(pdf, code: PageCode):
    """Return the page's QR code (segno, error correction M or higher, quiet zone included) as a
    form XObject of ``pdf``, one unit a module."""
    import pikepdf
    import segno  # heavy: only when printing

    buffer = io.BytesIO()
    segno.make(str(code), error=QR_ERROR, micro=False).save(buffer, kind="pdf", border=4, scale=1)
    with pikepdf.open(buffer) as symbol:
        return pdf.copy_foreign(pikepdf.Page(symbol.pages[0]).as_form_xobject())


def marks_svg() -> bytes:
    """Return the four corner marks as one A4-sized SVG (solid black discs)."""
    radius = MARK_DIAMETER / 2
    discs = "".join(f'<circle cx="{x}" cy="{y}" r="{radius}"/>' for x, y in MARK_CENTRES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH}mm" height="{PAGE_HEIGHT}mm"'
            f' viewBox="0 0 {PAGE_WIDTH} {PAGE_HEIGHT}"><g fill="#000">{discs}</g></svg>').encode("ascii")


class _Printer:
    """Prints one stage's form of one event: its layout first, then its numbered copies."""

    def __init__(self, event: Event, stage: Stage, templates: Path | None):
        self.event = event
        self.stage = stage
        self.folders = paper_folders(templates)
        self.context = {**build_context(event), **paper_context(event, stage)}
        self.boxes, self.areas = _expected(event, self.context)
        self.messages: list[str] = []
        self.template = next((f / PAPER_TEMPLATE for f in self.folders if (f / PAPER_TEMPLATE).is_file()),
                             self.folders[0] / PAPER_TEMPLATE)
        self._document = None

    def layout(self) -> FormLayout:
        """Return the layout of the form: where WeasyPrint put every box and writing area."""
        from weasyprint import CSS, HTML  # heavy: only when printing

        html = render_html(PAPER_TEMPLATE, self.context, self.folders)
        policy = AssetPolicy(self.folders, {"marks.svg": Asset(marks_svg(), "image/svg+xml")})
        with self._collecting():
            fixed = CSS(string=_fixed_css(), url_fetcher=url_fetcher(policy))
            self._document = HTML(string=html, base_url=policy.base_url, url_fetcher=url_fetcher(policy)).render(
                stylesheets=[fixed])
        pages = tuple(self._page_layout(number, page) for number, page in enumerate(self._document.pages, start=1))
        self._check_complete(pages)
        return FormLayout(event=self.event.key, stage=self.stage, pages=pages)

    def print(self, layout: FormLayout, copies: int) -> bytes:
        """Return ``copies`` forms numbered 1 to ``copies`` and laid out as ``layout``, as PDF bytes:
        each form on its own sheets (a blank page ends a form of an odd number of pages)."""
        import pikepdf  # heavy: only when printing

        if self._document is None:
            self.layout()
        with self._collecting():
            form = self._document.write_pdf()
            numbers = self._numbers(copies)
        digest = layout.digest
        output = pikepdf.new()
        with pikepdf.open(io.BytesIO(form)) as drawn, pikepdf.open(io.BytesIO(numbers)) as stamped:
            width, height = (float(v) for v in drawn.pages[0].mediabox[2:])
            pages = [output.copy_foreign(pikepdf.Page(page).as_form_xobject()) for page in drawn.pages]
            stamps = [output.copy_foreign(pikepdf.Page(page).as_form_xobject()) for page in stamped.pages]
            for form_number, stamp in enumerate(stamps, start=1):
                for page, drawing in zip(layout.pages, pages):
                    qr = _qr_xobject(output, PageCode(self.event.key, self.stage, form_number, page.page, digest))
                    output.pages.append(_copy_page(output, width, height, drawing, stamp, qr))
                if len(pages) % 2 and form_number < copies:
                    output.pages.append(_copy_page(output, width, height))
            output.docinfo["/Title"] = drawn.docinfo.get("/Title", "")
            output.docinfo["/Producer"] = drawn.docinfo.get("/Producer", "")
            buffer = io.BytesIO()
            output.save(buffer, deterministic_id=True)
        return buffer.getvalue()

    def _numbers(self, copies: int) -> bytes:
        """Return one page for each copy with only its form number, where every page prints it."""
        from weasyprint import CSS, HTML

        policy = AssetPolicy(self.folders)
        rules = "".join(_number_css(form) for form in range(1, copies + 1))
        html = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title></title></head><body>'
                + "<div></div>" * copies + "</body></html>")
        css = CSS(string=_NUMBER_CSS + rules, url_fetcher=url_fetcher(policy))
        return HTML(string=html, base_url=policy.base_url, url_fetcher=url_fetcher(policy)).write_pdf(stylesheets=[css])

    def _collecting(self):
        return weasyprint_messages(self.messages)

    def _page_layout(self, number: int, page) -> PageLayout:
        boxes, writing = [], []
        for name, place in page.anchors.items():
            if name in self.boxes:
                boxes.append(self._box(name, place))
            elif name in self.areas:
                x, y, width, height = _rectangle_mm(place)
                self._check_inside(name, x, y, width, height)
                writing.append(Writing(self.areas[name], x, y, width, height))
        return PageLayout(page=number, qr=QR_SQUARE, boxes=tuple(boxes), writing=tuple(writing))

    def _box(self, name: str, place) -> Box:
        field_name, value = self.boxes[name]
        x, y, width, height = _rectangle_mm(place)
        if abs(width - height) > TOLERANCE_MM or width < MIN_BOX:
            raise TemplateError(f"{self.template}: the box '{name}' is {width:g}mm by {height:g}mm;"
                                f" expected a square of at least {MIN_BOX:g}mm")
        self._check_inside(name, x, y, width, height)
        return Box(field_name, value, x, y, width)

    def _check_inside(self, name: str, x: float, y: float, width: float, height: float) -> None:
        top, right, bottom, left = MARGINS
        if (x < left - TOLERANCE_MM or y < top - TOLERANCE_MM or x + width > PAGE_WIDTH - right + TOLERANCE_MM
                or y + height > PAGE_HEIGHT - bottom + TOLERANCE_MM):
            raise TemplateError(f"{self.template}: '{name}' is printed outside the page's margins, where"
                                " the corner marks and the QR code go; keep every box inside them")

    def _check_complete(self, pages: Sequence[PageLayout]) -> None:
        found = [(box.field, box.value) for page in pages for box in page.boxes]
        missing = [name for name, place in self.boxes.items() if place not in found]
        found_areas = [area.field for page in pages for area in page.writing]
        missing += [name for name, area in self.areas.items() if area not in found_areas]
        if missing:
            listed = ", ".join(f"'{name}'" for name in missing)
            raise TemplateError(f"{self.template}: the form must print every answer box; no element has"
                                f" the id {listed}")


def _rectangle_mm(place: Sequence[float]) -> tuple[float, float, float, float]:
    """Return a WeasyPrint anchor's border box ``(x1, y1, x2, y2)`` in CSS px as (x, y, width,
    height) in mm."""
    x1, y1, x2, y2 = (value / PX_PER_MM for value in place)
    return round(x1, 3), round(y1, 3), round(x2 - x1, 3), round(y2 - y1, 3)
