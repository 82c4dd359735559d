"""Reading one scanned page: where it sits, what its QR code says, which boxes are marked.

A page is found by its four corner marks (:data:`~packgen.paper.layout.MARK_CENTRES`): they give
the homography from the page's millimetres to the scan's pixels, whatever the skew, scale or
perspective. The marks are symmetric, so the QR code decides between upright and upside down.
The page is then redrawn upright at :data:`PX_PER_MM` and every box of its layout measured there:
the share of its interior (border excluded) covered by ink, less what the page's unmarked boxes
show (the paper's own grey, the scanner's noise).

A box is *marked*, *empty* or *doubtful*; a question is answered only when its marks leave no
doubt (:func:`decide`). Nothing here guesses: what it cannot be sure of it calls doubtful.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING, Callable, Literal

from packgen.paper.layout import (
    MARK_CENTRES,
    MARK_DIAMETER,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Box,
    FormLayout,
    PageCode,
    PageLayout,
    Writing,
)

if TYPE_CHECKING:
    import numpy as np

PX_PER_MM = 6.0
"""Resolution pages are redrawn at for measuring (about 150 dpi)."""

INK = 0.2
"""A pixel is ink when it is this far from the paper's white towards the marks' black."""

EMPTY_BELOW = 0.04
"""A box whose interior ink covers less than this share is empty."""
MARKED_FROM = 0.10
"""... and from this share marked; in between it is doubtful."""
SOLID_FROM = 0.92
"""A box this full is filled in (on the form: a wrong answer crossed out by filling the box)."""
TICK_BELOW = 0.85
"""A mark covering less than this is a tick or a cross, never a fill; between the two is unclear."""

CLEAR_FROM = 0.2
"""A mark covering this share is clear: twice the least that counts as marked. The faintest real
marks ``benchmarks/scan_accuracy.py`` draws (a light pen's tick, a small cross) cover 0.18 or more."""
SPECK_BELOW = MARKED_FROM
"""Beside one clear mark on the same question, a faint spot covering less than this — less than
counts as a mark at all — is a speck (the pen rested on the paper, an answer rubbed out), not a
second answer, and does not stop the clear mark counting. The benchmark's specks (dots 0.6 to
1.2 mm across) cover 0.03 to 0.10, and the faintest real marks it draws (a light pen's tick)
0.18 or more: nearly twice this. A faint spot with no clear mark beside it stays doubtful, and a
spot reaching this share is a second mark, so the question goes to review."""

WRITING_FROM = 0.004
"""A writing area whose interior ink covers this share has something written in it."""

State = Literal["marked", "empty", "doubtful"]


class PageNotFound(Exception):
    """Raised when a page's corner marks cannot be found: not a packgen form, or too damaged."""


@dataclass(frozen=True)
class BoxReading:
    """One box as read: its ink cover (0 to 1, the blank form's own ink taken off) and state."""

    box: Box
    fill: float
    state: State

    @property
    def solid(self) -> bool:
        return self.fill >= SOLID_FROM


@dataclass(frozen=True)
class Answer:
    """One question (or the sector, or consent) as read from its boxes.

    ``value`` is the box value when the marks leave no doubt, else ``None``; ``doubt`` says why
    a person must look (empty when there is no doubt).
    """

    field: str
    value: str | None
    doubt: str = ""
    readings: tuple[BoxReading, ...] = ()

    @property
    def doubtful(self) -> bool:
        return bool(self.doubt)


@dataclass
class PageReading:
    """Everything read from one page."""

    code: PageCode
    upside_down: bool
    answers: dict[str, Answer] = field(default_factory=dict)
    writing: dict[str, bytes] = field(default_factory=dict)
    """Field id → PNG picture of its area, for the areas with something written in them."""
    crops: dict[str, bytes] = field(default_factory=dict)
    """Field id → PNG picture of the boxes of each doubtful answer."""


def find_marks(gray: np.ndarray) -> np.ndarray:
    """Return the pixel centres of the four corner marks as seen in the image: top left, top
    right, bottom right, bottom left. Raises :class:`PageNotFound` when they are not there."""
    import cv2
    import numpy as np

    height, width = gray.shape
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, dark = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _, stats, centres = cv2.connectedComponentsWithStats(dark, connectivity=8)
    expected = MARK_DIAMETER * min(width / PAGE_WIDTH, height / PAGE_HEIGHT)
    white = float(np.percentile(blurred[:: 4, :: 4], 90))
    candidates = []
    for index in range(1, count):
        x, y, w, h, area = stats[index]
        if not (0.4 * expected <= w <= 1.4 * expected and 0.4 * expected <= h <= 1.4 * expected):
            continue
        if not 0.6 <= w / h <= 1.65 or not 0.68 <= area / (w * h) <= 0.84:
            continue  # a disc covers pi/4 of its bounding box; a filled square covers all of it
        if blurred[int(centres[index][1]), int(centres[index][0])] > white - 100:
            continue  # a printed mark is black, not a speck of the scanner's noise
        candidates.append((centres[index], max(w, h)))
    if len(candidates) < 4:
        raise PageNotFound("the four corner marks are not on the page")
    corners = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=float)
    nearest = [sorted(candidates, key=lambda c: np.hypot(*(c[0] - corner)))[:3] for corner in corners]
    best, best_error = None, 0.35
    spacing = (MARK_CENTRES[1][0] - MARK_CENTRES[0][0]) / (MARK_CENTRES[3][1] - MARK_CENTRES[0][1])
    for choice in product(*nearest):
        points = np.array([c[0] for c in choice])
        sizes = [c[1] for c in choice]
        if len({tuple(p) for p in points}) < 4 or max(sizes) > 1.6 * min(sizes):
            continue
        top, bottom = np.hypot(*(points[1] - points[0])), np.hypot(*(points[2] - points[3]))
        left, right = np.hypot(*(points[3] - points[0])), np.hypot(*(points[2] - points[1]))
        diagonals = np.hypot(*(points[2] - points[0])), np.hypot(*(points[3] - points[1]))
        if min(top, bottom, left, right) < 0.3 * min(width, height):
            continue
        if max(top, bottom) > 1.2 * min(top, bottom) or max(left, right) > 1.2 * min(left, right) \
                or max(diagonals) > 1.15 * min(diagonals):
            continue  # not the page's rectangle, even seen at an angle
        error = abs((top + bottom) / (left + right) / spacing - 1)
        if error < best_error:
            best, best_error = points, error
    if best is None:
        raise PageNotFound("the four corner marks are not on the page")
    return best.astype(np.float32)


def page_homography(marks: np.ndarray, upside_down: bool = False) -> np.ndarray:
    """Return the 3×3 homography from the page's millimetres to the scan's pixels."""
    import cv2
    import numpy as np

    page = np.array(MARK_CENTRES, dtype=np.float32)
    if upside_down:
        page = np.array([(PAGE_WIDTH - x, PAGE_HEIGHT - y) for x, y in MARK_CENTRES], dtype=np.float32)
    return cv2.getPerspectiveTransform(page, marks)


def read_codes(gray: np.ndarray) -> list[tuple[str, tuple[float, float]]]:
    """Return the text and pixel centre of every QR code zxing-cpp finds in the image."""
    import zxingcpp

    found = []
    for barcode in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode):
        corners = barcode.position
        points = (corners.top_left, corners.top_right, corners.bottom_right, corners.bottom_left)
        found.append((barcode.text, (sum(p.x for p in points) / 4, sum(p.y for p in points) / 4)))
    return found


def is_blank(gray: np.ndarray) -> bool:
    """Return whether a page is blank (a duplex scan's empty back): next to no ink anywhere."""
    import numpy as np

    sample = gray[:: 2, :: 2]
    white = float(np.percentile(sample, 90))
    return float((sample < white - 90).mean()) < 0.0005


def to_page(homography: np.ndarray, x: float, y: float) -> tuple[float, float]:
    """Return where the page point (x, y) in mm falls in the scan's pixels."""
    import numpy as np

    point = homography @ np.array([x, y, 1.0])
    return float(point[0] / point[2]), float(point[1] / point[2])


def upright(gray: np.ndarray, homography: np.ndarray) -> np.ndarray:
    """Return the page redrawn upright at :data:`PX_PER_MM` (A4, white outside the scan)."""
    import cv2
    import numpy as np

    scale = np.diag([1 / PX_PER_MM, 1 / PX_PER_MM, 1.0])
    size = (round(PAGE_WIDTH * PX_PER_MM), round(PAGE_HEIGHT * PX_PER_MM))
    return cv2.warpPerspective(gray, homography @ scale, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderValue=255)


def ink_map(page: np.ndarray) -> np.ndarray:
    """Return a boolean image: where the upright page has ink, measured from its own white (the
    paper) to its own black (the corner marks), so grey paper and pale scans read alike."""
    import cv2
    import numpy as np

    smooth = cv2.GaussianBlur(page, (3, 3), 0)  # evens out noise; a median would erase thin light pen
    white = float(np.percentile(smooth[:: 4, :: 4], 90))
    radius = round(MARK_DIAMETER / 4 * PX_PER_MM)
    black = float(np.median([
        np.median(smooth[round(y * PX_PER_MM) - radius: round(y * PX_PER_MM) + radius,
                         round(x * PX_PER_MM) - radius: round(x * PX_PER_MM) + radius])
        for x, y in MARK_CENTRES]))
    contrast = max(white - black, 40.0)
    return smooth < white - INK * contrast


def box_interior(box: Box) -> tuple[slice, slice]:
    """Return the rows and columns of a box's interior in the upright page, border left out."""
    inset = max(0.9, 0.18 * box.size)
    top, left = round((box.y + inset) * PX_PER_MM), round((box.x + inset) * PX_PER_MM)
    side = max(round((box.size - 2 * inset) * PX_PER_MM), 2)
    return slice(top, top + side), slice(left, left + side)


def measure_boxes(ink: np.ndarray, boxes: tuple[Box, ...]) -> list[BoxReading]:
    """Return every box's reading: interior ink cover less the page's blank-box cover."""
    import numpy as np

    covers = [float(ink[box_interior(box)].mean()) for box in boxes]
    blank = float(np.median(covers)) if covers else 0.0
    readings = []
    for box, cover in zip(boxes, covers):
        fill = round(max(0.0, cover - blank), 3)
        state: State = "empty" if fill < EMPTY_BELOW else "marked" if fill >= MARKED_FROM else "doubtful"
        readings.append(BoxReading(box, fill, state))
    return readings


def decide(field_id: str, readings: list[BoxReading]) -> Answer:
    """Return the answer a question's boxes give, or why they give none for certain.

    One mark is the answer (a tick, a cross or a filled box). Filled boxes beside exactly one
    tick are corrections, as the form asks, and the tick is the answer. A speck (less than
    :data:`SPECK_BELOW`) beside one clear mark (:data:`CLEAR_FROM` or more) is no answer. Anything
    else with ink in it (two ticks, a faint or partial mark alone or beside another, a mark that is
    neither a tick nor a fill) is doubtful.
    """
    readings = tuple(readings)
    faint = [r for r in readings if r.state == "doubtful"]
    marked = [r for r in readings if r.state == "marked"]
    if faint and len(marked) == 1 and marked[0].fill >= CLEAR_FROM and all(r.fill < SPECK_BELOW for r in faint):
        return Answer(field_id, marked[0].box.value, "", readings)
    if faint:
        return Answer(field_id, None, f"a faint or partial mark in box {_values(faint)}", readings)
    if not marked:
        return Answer(field_id, None, "", readings)
    if len(marked) == 1:
        return Answer(field_id, marked[0].box.value, "", readings)
    ticks = [r for r in marked if r.fill < TICK_BELOW]
    unclear = [r for r in marked if TICK_BELOW <= r.fill < SOLID_FROM]
    if len(ticks) == 1 and not unclear:
        return Answer(field_id, ticks[0].box.value, "", readings)
    return Answer(field_id, None, f"marks in boxes {_values(marked)}", readings)


def _values(readings: list[BoxReading]) -> str:
    values = [r.box.value for r in readings]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def has_writing(ink: np.ndarray, area: Writing) -> bool:
    """Return whether a writing area holds anything: ink inside it, printed lines taken off."""
    import cv2
    import numpy as np

    rows, columns = _area_slices(area, inset=1.5)
    inside = ink[rows, columns].astype(np.uint8)
    if inside.size == 0:
        return False
    length = round(15 * PX_PER_MM)
    lines = cv2.morphologyEx(inside, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    lines |= cv2.morphologyEx(inside, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return float((inside & ~lines.astype(bool)).mean()) >= WRITING_FROM


def _area_slices(area: Writing, inset: float = 0.0) -> tuple[slice, slice]:
    return (slice(round((area.y + inset) * PX_PER_MM), round((area.y + area.height - inset) * PX_PER_MM)),
            slice(round((area.x + inset) * PX_PER_MM), round((area.x + area.width - inset) * PX_PER_MM)))


def png(image: np.ndarray) -> bytes:
    """Return a grey image as PNG bytes."""
    import cv2

    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 6])
    return data.tobytes()


def crop_boxes(page: np.ndarray, boxes: list[Box], margin: float = 4.5) -> np.ndarray:
    """Return the part of the upright page around the given boxes (one question's row)."""
    top = max(min(b.y for b in boxes) - margin, 0)
    left = max(min(b.x for b in boxes) - margin, 0)
    bottom = min(max(b.y + b.size for b in boxes) + margin, PAGE_HEIGHT)
    right = min(max(b.x + b.size for b in boxes) + margin, PAGE_WIDTH)
    return page[round(top * PX_PER_MM): round(bottom * PX_PER_MM), round(left * PX_PER_MM): round(right * PX_PER_MM)]


class CodeNotRead(Exception):
    """Raised when a page's corner marks are there but its QR code cannot be read."""


class Misaligned(CodeNotRead):
    """Raised when a page's printed boxes are not where the marks and its layout put them."""


class UnknownCode(LookupError):
    """Raised when a page's code names a form packgen has no layout for (``code`` says which)."""

    def __init__(self, code: PageCode) -> None:
        super().__init__(f"the page code '{code}' is not a page of this event's forms")
        self.code = code


def locate(gray: np.ndarray, layout_for: Callable[[PageCode], PageLayout | None] | None = None
           ) -> tuple[str, np.ndarray, bool]:
    """Return the QR text of a page, the homography from its mm to pixels, and whether it is
    upside down. Raises :class:`PageNotFound` (no corner marks) or :class:`CodeNotRead`."""
    import numpy as np

    marks = find_marks(gray)
    found = read_codes(gray)
    if not found:
        found = _read_code_closer(gray, marks)
    codes = [(text, centre) for text, centre in found if PageCode.parse(text)]
    if not codes:
        raise CodeNotRead("the page's QR code cannot be read" if not found
                          else "the page's QR code is not a packgen page code")
    text, centre = codes[0]
    page = layout_for(PageCode.parse(text)) if layout_for else None
    if page is not None:
        qr = (page.qr.x + page.qr.size / 2, page.qr.y + page.qr.size / 2)
    else:
        qr = (PAGE_WIDTH / 2, PAGE_HEIGHT / 2)  # unknown layout: only which half the code is in

    def distance(turned: bool) -> float:
        return float(np.hypot(*np.subtract(to_page(page_homography(marks, turned), *qr), centre)))

    if page is None:
        top_half = centre[1] < (marks[0][1] + marks[3][1]) / 2
        return text, page_homography(marks, not top_half), not top_half
    upside_down = distance(True) < distance(False)
    homography = page_homography(marks, upside_down)
    if distance(upside_down) > 4 * _px_per_mm(homography):
        raise Misaligned("the page's QR code is not where its corner marks put it")
    return text, homography, upside_down


def _px_per_mm(homography: np.ndarray) -> float:
    """Return about how many scan pixels one mm of the page's middle spans."""
    import numpy as np

    x0, y0 = to_page(homography, PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    x1, y1 = to_page(homography, PAGE_WIDTH / 2 + 10, PAGE_HEIGHT / 2)
    return float(np.hypot(x1 - x0, y1 - y0)) / 10


BORDERS_FROM = 0.3
"""The printed borders of a page's boxes must read as at least this much ink where the layout
puts them, or the page is not where packgen thinks it is."""


def border_ink(ink: np.ndarray, boxes: tuple[Box, ...]) -> float:
    """Return the share of the boxes' printed borders (their outer 0.5 mm) that reads as ink."""
    import numpy as np

    if not boxes:
        return 1.0
    shares = []
    ring = max(2, round(0.6 * PX_PER_MM))
    for box in boxes:
        top, left = round(box.y * PX_PER_MM) - 1, round(box.x * PX_PER_MM) - 1
        end = round(box.size * PX_PER_MM) + 2
        patch = ink[top: top + end, left: left + end]
        if patch.shape != (end, end):
            shares.append(0.0)
            continue
        sides = (patch[:ring], patch[-ring:], patch[:, :ring], patch[:, -ring:])
        shares.append(min(float(side.mean()) for side in sides) * 2)  # a border fills about half its strip
    return float(min(1.0, np.median(shares)))


def _read_code_closer(gray: np.ndarray, marks: np.ndarray) -> list[tuple[str, tuple[float, float]]]:
    """Return the codes found after sharpening the page to black and white (a second try)."""
    import cv2

    _, binary = cv2.threshold(cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return read_codes(binary)


def read_page(gray: np.ndarray, layout_for: Callable[[PageCode], FormLayout | None]) -> PageReading:
    """Return what a page says. ``layout_for`` returns the layout a page code belongs to (or
    ``None`` when packgen does not know it). Raises :class:`PageNotFound`, :class:`CodeNotRead`
    or :class:`UnknownCode`."""

    def page_of(code: PageCode) -> PageLayout | None:
        layout = layout_for(code)
        return next((p for p in layout.pages if p.page == code.page), None) if layout else None

    text, homography, upside_down = locate(gray, page_of)
    code = PageCode.parse(text)
    layout_page = page_of(code)
    if layout_page is None:
        raise UnknownCode(code)
    page = upright(gray, homography)
    ink = ink_map(page)
    if border_ink(ink, layout_page.boxes) < BORDERS_FROM:
        raise Misaligned("the page's printed boxes are not where its corner marks put them")
    return _read_boxes(page, ink, layout_page, PageReading(code=code, upside_down=upside_down))


class NotThisPage(Exception):
    """Raised when a page read as a given form's page does not show that page's printed boxes."""


def read_page_as(gray: np.ndarray, code: PageCode, layout_page: PageLayout) -> PageReading:
    """Return what a page says, read as the page ``code`` names (a person identified it, its QR
    code could not be read). The corner marks place it; upright or upside down is whichever way
    the layout's printed boxes and QR square are found where the layout puts them.

    Raises :class:`PageNotFound` (no corner marks) or :class:`NotThisPage`.
    """
    marks = find_marks(gray)
    best = None
    for upside_down in (False, True):
        page = upright(gray, page_homography(marks, upside_down))
        ink = ink_map(page)
        qr = layout_page.qr
        square = ink[round(qr.y * PX_PER_MM): round((qr.y + qr.size) * PX_PER_MM),
                     round(qr.x * PX_PER_MM): round((qr.x + qr.size) * PX_PER_MM)]
        borders = border_ink(ink, layout_page.boxes)
        score = borders + (float(square.mean()) if square.size else 0.0)
        if best is None or score > best[0]:
            best = (score, borders, page, ink, upside_down)
    _, borders, page, ink, upside_down = best
    if borders < BORDERS_FROM:
        raise NotThisPage(f"the printed boxes of {code.stage} form page {code.page} are not on this page")
    return _read_boxes(page, ink, layout_page, PageReading(code=code, upside_down=upside_down))


def _read_boxes(page: np.ndarray, ink: np.ndarray, layout_page: PageLayout, reading: PageReading) -> PageReading:
    """Return ``reading`` with the answers, doubtful crops and writing of the upright ``page``."""
    by_field: dict[str, list[Box]] = {}
    for box in layout_page.boxes:
        by_field.setdefault(box.field, []).append(box)
    readings = {r.box: r for r in measure_boxes(ink, layout_page.boxes)}
    for field_id, boxes in by_field.items():
        answer = decide(field_id, [readings[b] for b in boxes])
        reading.answers[field_id] = answer
        if answer.doubtful:
            reading.crops[field_id] = png(crop_boxes(page, boxes))
    for area in layout_page.writing:
        if has_writing(ink, area):
            rows, columns = _area_slices(area)
            reading.writing[area.field] = png(page[rows, columns])
    return reading
