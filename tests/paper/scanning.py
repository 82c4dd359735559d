"""Making scans for the tests and the benchmark: draw a form from its layout, mark it as people
do, degrade it as scanners do.

Pages are drawn at a given dpi straight from a :class:`FormLayout` (the corner marks, the QR code,
box borders, writing areas and some printed words), so the reading can be tested before and
independently of the printed PDFs; :func:`render_pdf_page` takes a printed page instead.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import cv2
import numpy as np
import segno

from packgen.paper.layout import (
    MARK_CENTRES,
    MARK_DIAMETER,
    Box,
    FormLayout,
    PageCode,
    PageLayout,
    Square,
    Writing,
)

A4_MM = (210.0, 297.0)
QUESTIONS = ("trust", "confidence", "understanding")
SECTORS = ("Police", "Charity", "Business", "Other")
EVENT = "central-south-2022-02-25"


def synthetic_layout(stage: str = "pre", event: str = EVENT, questions=QUESTIONS, pages: int = 2,
                     sectors=SECTORS) -> FormLayout:
    """Return a layout like the printed ones: 11 boxes per question, sectors and consent on
    page 1, writing areas on the last page."""
    first_boxes, y = [], 60.0
    for question in questions:
        first_boxes += [Box(question, str(v), 30.0 + v * 14.0, y, 6.0) for v in range(11)]
        y += 22.0
    first_boxes += [Box("sector", s, 30.0 + i % 4 * 40.0, y + i // 4 * 12.0, 6.0) for i, s in enumerate(sectors)]
    y += (len(sectors) + 3) // 4 * 12.0
    first_boxes.append(Box("consent", "yes", 30.0, y + 8.0, 6.0))
    first = PageLayout(page=1, qr=Square(168.0, 22.0, 22.0), boxes=tuple(first_boxes))
    fields = ("takeaway_1", "next_steps", "comments") if stage == "post" else ("hopes", "comments")
    writing = tuple(Writing(f, 25.0, 60.0 + i * 55.0, 160.0, 40.0) for i, f in enumerate(fields))
    if pages == 1:
        return FormLayout(event=event, stage=stage, pages=(PageLayout(1, first.qr, first.boxes, writing),))
    second = PageLayout(page=2, qr=Square(168.0, 22.0, 22.0), writing=writing)
    return FormLayout(event=event, stage=stage, pages=(first, second))


def draw_page(layout: FormLayout, page: int, form: int, dpi: int = 150) -> np.ndarray:
    """Return a blank printed page (grey, 0–255) of form number ``form`` at ``dpi``."""
    scale = dpi / 25.4
    width, height = round(A4_MM[0] * scale), round(A4_MM[1] * scale)
    image = np.full((height, width), 255, np.uint8)
    spec = next(p for p in layout.pages if p.page == page)

    def px(value: float) -> int:
        return round(value * scale)

    for x, y in MARK_CENTRES:
        cv2.circle(image, (px(x), px(y)), px(MARK_DIAMETER / 2), 0, -1, cv2.LINE_AA)
    code = PageCode(layout.event, layout.stage, form, page, layout.digest)
    qr = segno.make(str(code), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=1, border=0)
    modules = cv2.imdecode(np.frombuffer(buffer.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
    side = px(spec.qr.size)
    image[px(spec.qr.y): px(spec.qr.y) + side, px(spec.qr.x): px(spec.qr.x) + side] = cv2.resize(
        modules, (side, side), interpolation=cv2.INTER_NEAREST)
    thickness = max(1, round(0.35 * scale))
    cv2.putText(image, f"Form {form}  page {page}", (px(25), px(25)), cv2.FONT_HERSHEY_SIMPLEX, 0.06 * scale, 0,
                max(1, round(0.25 * scale)), cv2.LINE_AA)
    for box in spec.boxes:
        cv2.rectangle(image, (px(box.x), px(box.y)), (px(box.x + box.size), px(box.y + box.size)), 0, thickness)
        cv2.putText(image, box.value[:8], (px(box.x), px(box.y - 1.5)), cv2.FONT_HERSHEY_SIMPLEX, 0.03 * scale, 0,
                    1, cv2.LINE_AA)
    for area in spec.writing:
        cv2.rectangle(image, (px(area.x), px(area.y)), (px(area.x + area.width), px(area.y + area.height)), 80,
                      thickness)
        cv2.putText(image, area.field, (px(area.x), px(area.y - 2)), cv2.FONT_HERSHEY_SIMPLEX, 0.04 * scale, 0, 1,
                    cv2.LINE_AA)
    return image


def render_pdf_page(pdf, index: int, dpi: int = 150) -> np.ndarray:
    """Return page ``index`` (from 0) of a printed PDF (pypdfium2 document) as a grey image."""
    bitmap = pdf[index].render(scale=dpi / 72, grayscale=True)
    return np.array(bitmap.to_pil().convert("L"))


# --- Marking ---------------------------------------------------------------------------------

MARK_KINDS = ("tick", "cross", "fill", "light_tick", "edge_tick", "small_cross")


def mark(image: np.ndarray, box: Box, kind: str, dpi: int = 150, rng: random.Random | None = None,
         pen: int = 20, width: float = 0.5, light: int = 150) -> None:
    """Draw a mark of ``kind`` in ``box`` on an upright page, as a person would (``pen`` is the
    ink's grey, ``light`` a light pen's, ``width`` the stroke in mm)."""
    rng = rng or random.Random(0)
    scale = dpi / 25.4
    x, y, s = box.x * scale, box.y * scale, box.size * scale

    def jitter(value: float) -> float:
        return value + rng.uniform(-0.06, 0.06) * s

    def line(points, colour=pen, w=width) -> None:
        pts = np.array([(jitter(px), jitter(py)) for px, py in points], np.int32)
        cv2.polylines(image, [pts], False, colour, max(1, round(w * scale)), cv2.LINE_AA)

    if kind in ("tick", "light_tick"):
        colour = light if kind == "light_tick" else pen
        line([(x + 0.2 * s, y + 0.55 * s), (x + 0.42 * s, y + 0.8 * s), (x + 0.85 * s, y + 0.15 * s)], colour)
    elif kind == "edge_tick":  # a tick whose long stroke runs out over the border
        line([(x + 0.25 * s, y + 0.5 * s), (x + 0.45 * s, y + 0.8 * s), (x + 1.3 * s, y - 0.4 * s)])
    elif kind in ("cross", "small_cross"):
        a, b = (0.2, 0.8) if kind == "cross" else (0.3, 0.7)
        line([(x + a * s, y + a * s), (x + b * s, y + b * s)])
        line([(x + b * s, y + a * s), (x + a * s, y + b * s)])
    elif kind == "fill":
        inset = 0.08 * s
        pts = np.array([(x + inset, y + inset), (x + s - inset, y + inset), (x + s - inset, y + s - inset),
                        (x + inset, y + s - inset)], np.int32)
        cv2.fillPoly(image, [pts], pen)
    elif kind == "stray":  # a short line in the margin beside the box
        line([(x - 1.2 * s, y + 0.2 * s), (x - 0.4 * s, y + 0.9 * s)])
    else:
        raise ValueError(kind)


def write(image: np.ndarray, area: Writing, text: str, dpi: int = 150) -> None:
    """Write ``text`` in a writing area (printed letters stand in for handwriting)."""
    scale = dpi / 25.4
    cv2.putText(image, text, (round((area.x + 4) * scale), round((area.y + area.height / 2) * scale)),
                cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 0.18 * scale, 30, max(1, round(0.4 * scale)), cv2.LINE_AA)


# --- Degrading -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scanner:
    """How a scan differs from the printed page."""

    angle: float = 0.0
    """Skew in degrees."""
    scale: float = 1.0
    """Fit to page: 0.9 to 1.0."""
    upside_down: bool = False
    blur: float = 0.0
    """Gaussian sigma in pixels."""
    noise: float = 0.0
    """Gaussian noise, in grey levels."""
    jpeg: int | None = None
    """JPEG quality, or None for none."""
    threshold: bool = False
    """Black and white (fax, JBIG2, CCITT)."""
    perspective: float = 0.0
    """A phone photo: corners moved by up to this share of the page."""


def degrade(image: np.ndarray, scanner: Scanner, rng: random.Random | None = None) -> np.ndarray:
    """Return the page as a scanner gives it back."""
    rng = rng or random.Random(0)
    height, width = image.shape
    centre = (width / 2, height / 2)
    matrix = cv2.getRotationMatrix2D(centre, scanner.angle + (180 if scanner.upside_down else 0), scanner.scale)
    out = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    if scanner.perspective:
        d = scanner.perspective * width
        source = np.float32([(0, 0), (width, 0), (width, height), (0, height)])
        target = np.float32([(p[0] + rng.uniform(-d, d), p[1] + rng.uniform(-d, d)) for p in source])
        out = cv2.warpPerspective(out, cv2.getPerspectiveTransform(source, target), (width, height),
                                  borderValue=200)
    if scanner.blur:
        out = cv2.GaussianBlur(out, (0, 0), scanner.blur)
    if scanner.noise:
        noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, scanner.noise, out.shape)
        out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if scanner.threshold:
        out = np.where(out < 140, 0, 255).astype(np.uint8)
    if scanner.jpeg:
        _, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, scanner.jpeg])
        out = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    return out
