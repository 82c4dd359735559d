"""Reading one page: corner marks, QR code, boxes marked, empty or doubtful, writing found."""

import random

import cv2
import numpy as np
import pytest

from packgen.paper import omr
from packgen.paper.layout import PageCode
from tests.paper.scanning import Scanner, degrade, draw_page, mark, synthetic_layout, write

LAYOUT = synthetic_layout("pre")


def _boxes(field: str):
    return {b.value: b for b in LAYOUT.pages[0].boxes if b.field == field}


def _filled(marks: list[tuple[str, str, str]], page: int = 1) -> np.ndarray:
    image = draw_page(LAYOUT, page, 17)
    for field, value, kind in marks:
        mark(image, _boxes(field)[value], kind)
    return image


def _read(image: np.ndarray) -> omr.PageReading:
    return omr.read_page(image, lambda code: LAYOUT if code.event == LAYOUT.event else None)


def _values(reading: omr.PageReading) -> dict[str, str | None]:
    return {field: answer.value for field, answer in reading.answers.items()}


CLEAR = [("trust", "3", "tick"), ("confidence", "10", "cross"), ("understanding", "2", "fill"),
         ("understanding", "8", "tick"), ("sector", "Charity", "tick"), ("consent", "yes", "cross")]
EXPECTED = {"trust": "3", "confidence": "10", "understanding": "8", "sector": "Charity", "consent": "yes"}


def test_a_clean_page_reads_exactly():
    reading = _read(_filled(CLEAR))
    assert reading.code == PageCode(LAYOUT.event, "pre", 17, 1, LAYOUT.digest)
    assert not reading.upside_down
    assert _values(reading) == EXPECTED
    assert not any(a.doubtful for a in reading.answers.values())
    assert reading.crops == {}


@pytest.mark.parametrize("scanner", [
    Scanner(angle=5, scale=0.9),
    Scanner(angle=-5, scale=0.94, upside_down=True, blur=1.0, noise=8, jpeg=40),
    Scanner(angle=2, threshold=True),
    Scanner(perspective=0.04, blur=0.8),
], ids=["skewed-and-shrunk", "upside-down-blurred-noisy-jpeg", "black-and-white", "phone-photo"])
def test_a_degraded_page_reads_the_same(scanner):
    reading = _read(degrade(_filled(CLEAR), scanner))
    assert reading.upside_down is scanner.upside_down
    assert _values(reading) == EXPECTED


def test_an_unmarked_question_is_unanswered_not_doubtful():
    answer = _read(_filled([("trust", "3", "tick")])).answers["confidence"]
    assert (answer.value, answer.doubt) == (None, "")


def test_two_ticks_on_one_question_are_doubtful():
    reading = _read(_filled([("trust", "3", "tick"), ("trust", "7", "cross")]))
    assert reading.answers["trust"].value is None
    assert reading.answers["trust"].doubt == "marks in boxes 3 and 7"
    assert set(reading.crops) == {"trust"}


def test_two_filled_boxes_without_a_tick_are_doubtful():
    reading = _read(_filled([("trust", "3", "fill"), ("trust", "7", "fill")]))
    assert reading.answers["trust"].doubt == "marks in boxes 3 and 7"


def test_a_lone_filled_box_is_a_mark():
    assert _read(_filled([("trust", "6", "fill")])).answers["trust"].value == "6"


def test_a_faint_speck_is_doubtful_not_a_mark():
    image = _filled([("trust", "3", "tick")])
    box = _boxes("confidence")["4"]
    scale = 150 / 25.4
    cv2.circle(image, (round((box.x + 3) * scale), round((box.y + 3) * scale)), 3, 0, -1)
    answer = _read(image).answers["confidence"]
    assert (answer.value, answer.doubt) == (None, "a faint or partial mark in box 4")
    assert [r.state for r in answer.readings if r.box.value == "4"] == ["doubtful"]


def _speck(image, box, radius: int) -> None:
    scale = 150 / 25.4
    cv2.circle(image, (round((box.x + 3) * scale), round((box.y + 3) * scale)), radius, 0, -1)


def test_a_speck_beside_one_clear_tick_does_not_stop_the_tick_counting():
    image = _filled([("trust", "3", "tick")])
    _speck(image, _boxes("trust")["8"], 2)
    answer = _read(image).answers["trust"]
    assert [(r.box.value, r.state) for r in answer.readings if r.fill] == [("3", "marked"), ("8", "doubtful")]
    assert next(r.fill for r in answer.readings if r.box.value == "8") < omr.SPECK_BELOW
    assert (answer.value, answer.doubt) == ("3", "")


def test_a_faint_mark_more_than_a_speck_beside_a_tick_is_doubtful():
    tick, faint = omr.Box("trust", "3", 0, 0, 6), omr.Box("trust", "8", 9, 0, 6)
    readings = [omr.BoxReading(tick, 0.4, "marked"), omr.BoxReading(faint, omr.SPECK_BELOW, "marked")]
    assert omr.decide("trust", readings).doubt == "marks in boxes 3 and 8"
    readings[1] = omr.BoxReading(faint, omr.SPECK_BELOW - 0.001, "doubtful")
    assert omr.decide("trust", readings).value == "3"
    readings.append(omr.BoxReading(omr.Box("trust", "9", 18, 0, 6), 0.3, "marked"))
    readings[1] = omr.BoxReading(faint, 0.05, "doubtful")
    assert omr.decide("trust", readings).doubt == "a faint or partial mark in box 8"  # two ticks and a speck


def test_a_speck_beside_a_mark_that_is_not_clear_is_doubtful():
    box = omr.Box("trust", "3", 0, 0, 6)
    readings = [omr.BoxReading(box, 0.15, "marked"), omr.BoxReading(omr.Box("trust", "8", 9, 0, 6), 0.05, "doubtful")]
    assert omr.decide("trust", readings).doubt == "a faint or partial mark in box 8"
    readings[0] = omr.BoxReading(box, omr.CLEAR_FROM, "marked")
    assert omr.decide("trust", readings).value == "3"


def test_a_tick_running_over_the_border_still_counts():
    assert _read(_filled([("trust", "5", "edge_tick")])).answers["trust"].value == "5"


def test_a_stray_mark_beside_the_boxes_is_ignored():
    assert _read(_filled([("trust", "5", "tick"), ("trust", "9", "stray")])).answers["trust"].value == "5"


def test_only_areas_with_writing_are_pictured():
    image = draw_page(LAYOUT, 2, 17)
    area = LAYOUT.pages[1].writing[0]
    write(image, area, "More joined-up work")
    reading = _read(degrade(image, Scanner(angle=3, noise=6, jpeg=60)))
    assert list(reading.writing) == [area.field]
    picture = cv2.imdecode(np.frombuffer(reading.writing[area.field], np.uint8), cv2.IMREAD_GRAYSCALE)
    assert picture.shape == (round(area.height * omr.PX_PER_MM), round(area.width * omr.PX_PER_MM))


def test_a_page_without_corner_marks_is_not_a_form():
    image = np.full((1754, 1240), 255, np.uint8)
    cv2.putText(image, "Minutes of the meeting", (100, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)
    with pytest.raises(omr.PageNotFound, match="^the four corner marks are not on the page$"):
        _read(image)


def test_a_page_whose_code_is_covered_cannot_be_identified():
    image = _filled(CLEAR)
    qr = LAYOUT.pages[0].qr
    scale = 150 / 25.4
    cv2.rectangle(image, (round(qr.x * scale), round(qr.y * scale)),
                  (round((qr.x + qr.size / 2) * scale), round((qr.y + qr.size) * scale)), 0, -1)
    with pytest.raises(omr.CodeNotRead, match="^the page's QR code cannot be read$"):
        _read(image)


def test_a_code_of_a_layout_packgen_does_not_know_is_refused():
    other = synthetic_layout("pre", event="elsewhere-2022-03-01")
    with pytest.raises(LookupError, match="is not a page of this event's forms"):
        _read(draw_page(other, 1, 3))


def test_the_corner_marks_are_found_where_they_are_drawn():
    image = degrade(draw_page(LAYOUT, 1, 1), Scanner(angle=4), random.Random(1))
    marks = omr.find_marks(image)
    scale = 150 / 25.4
    h, w = image.shape
    rotation = cv2.getRotationMatrix2D((w / 2, h / 2), 4, 1.0)
    expected = [rotation @ np.array([x * scale, y * scale, 1]) for x, y in omr.MARK_CENTRES]
    assert np.abs(marks - np.array(expected)).max() < 1.0


def test_a_page_whose_boxes_are_not_where_the_layout_says_goes_to_review():
    from dataclasses import replace

    page = LAYOUT.pages[0]
    moved = replace(LAYOUT, pages=(replace(page, boxes=tuple(replace(b, x=b.x + 2) for b in page.boxes)),))
    with pytest.raises(omr.Misaligned, match="^the page's printed boxes are not where its corner marks put them$"):
        omr.read_page(_filled(CLEAR), lambda code: moved)


def test_a_filled_box_is_never_taken_for_a_corner_mark():
    image = _filled([(f, v, "fill") for f in ("trust", "confidence", "understanding") for v in ("0", "10")])
    reading = _read(degrade(image, Scanner(angle=2, scale=0.95)))
    assert [a.doubt for a in reading.answers.values()][:3] == ["marks in boxes 0 and 10"] * 3


def test_a_blot_that_fits_the_marks_proportions_is_not_taken_for_a_lost_mark():
    image = draw_page(LAYOUT, 1, 1)
    image[:150, :150] = 255  # the top-left mark lost off the edge of the scan
    scale = 150 / 25.4
    true = [(x * scale, y * scale) for x, y in omr.MARK_CENTRES]
    ratio = (true[1][0] - true[0][0]) / (true[3][1] - true[0][1])

    def error(x: float, y: float) -> float:  # the page's proportions, with (x, y) as the top-left mark
        top = np.hypot(true[1][0] - x, true[1][1] - y)
        left = np.hypot(true[3][0] - x, true[3][1] - y)
        bottom, right = true[2][0] - true[3][0], true[2][1] - true[1][1]
        return abs((top + bottom) / (left + right) / ratio - 1)

    x, y = min(((x, y) for x in range(250, 600, 2) for y in range(350, 700, 2)), key=lambda p: error(*p))
    cv2.circle(image, (x, y), round(omr.MARK_DIAMETER / 2 * scale), 0, -1, cv2.LINE_AA)
    with pytest.raises(omr.PageNotFound):
        omr.find_marks(image)


def test_a_noisy_blank_page_has_no_corner_marks():
    rng = random.Random(1)
    blank = degrade(np.full((1754, 1240), 255, np.uint8), Scanner(angle=rng.uniform(-2, 2), scale=0.97, noise=4,
                                                                   jpeg=55), rng)
    assert omr.is_blank(blank)
    with pytest.raises(omr.PageNotFound):
        omr.find_marks(blank)
