"""Scans into forms: pages put together by their codes, every page accounted for, doubt reviewed."""

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from packgen.paper.layout import PageCode
from packgen.paper.scans import Decisions, pair_code, read_scans
from packgen.results.dataset import Issue, Place
from tests.paper.scanning import EVENT, Scanner, degrade, draw_page, mark, synthetic_layout, write

PRE, POST = synthetic_layout("pre"), synthetic_layout("post")
LAYOUTS = {"pre": PRE, "post": POST}
QUESTIONS = {"trust": "pre post", "confidence": "pre post", "understanding": "post"}


def _box(layout, field, value):
    return next(b for b in layout.pages[0].boxes if (b.field, b.value) == (field, value))


def _form(layout, form: int, marks, words=None) -> list[np.ndarray]:
    first, second = draw_page(layout, 1, form), draw_page(layout, 2, form)
    for field, value, kind in marks:
        mark(first, _box(layout, field, value), kind)
    for field, text in (words or {}).items():
        write(second, next(a for a in layout.pages[1].writing if a.field == field), text)
    return [first, second]


def _pdf(path: Path, pages: list[np.ndarray]) -> Path:
    images = [Image.fromarray(p) for p in pages]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=150)
    return path


def _read(path, decisions=None):
    return read_scans([path], EVENT, QUESTIONS, LAYOUTS, decisions)


def test_pre_and_post_forms_in_any_order_pair_by_their_printed_number(tmp_path):
    pre = _form(PRE, 4, [("trust", "3", "tick"), ("confidence", "5", "cross"), ("sector", "Police", "tick")])
    post = _form(POST, 4, [("trust", "8", "tick"), ("confidence", "9", "tick"), ("understanding", "7", "fill"),
                           ("consent", "yes", "tick")])
    blank = degrade(np.full_like(pre[0], 255), Scanner(noise=6, jpeg=50))
    pages = [degrade(post[1], Scanner(upside_down=True)), pre[0], blank, post[0], pre[1], blank]
    scan = _pdf(tmp_path / "scan.pdf", pages)
    result = _read(scan)
    assert result.issues == []
    assert [(r.stage, r.code, r.scores, r.sector, r.consent) for r in result.responses] == [
        ("post", pair_code(EVENT, 4), {"trust": 8, "confidence": 9, "understanding": 7}, "", True),
        ("pre", pair_code(EVENT, 4), {"trust": 3, "confidence": 5}, "Police", False)]
    assert result.responses[1].source == Place(str(scan), page=2)
    (summary,) = result.sources
    assert (summary.kind, summary.stage, summary.forms) == ("scans", "pre+post", 2)
    assert summary.pages == [[str(scan), 1, "post form 4 page 2"], [str(scan), 2, "pre form 4 page 1"],
                             [str(scan), 3, "blank"], [str(scan), 4, "post form 4 page 1"],
                             [str(scan), 5, "pre form 4 page 2"], [str(scan), 6, "blank"]]


def test_the_pair_code_cannot_be_a_personal_code():
    assert pair_code(EVENT, 17) == f"paper:{EVENT}:17"


def test_a_page_scanned_twice_is_used_once_and_reported(tmp_path):
    pages = _form(PRE, 2, [("trust", "6", "tick")])
    scan = _pdf(tmp_path / "scan.pdf", [*pages, pages[0]])
    result = _read(scan)
    assert [r.scores for r in result.responses] == [{"trust": 6}]
    assert result.issues == [Issue(Place(str(scan), page=3), f"pre form 2 page 1 was scanned twice (also {scan},"
                                   " page 1); used once", "duplicate_page")]


def test_a_form_with_a_page_missing_is_reported(tmp_path):
    scan = _pdf(tmp_path / "scan.pdf", _form(PRE, 9, [("trust", "6", "tick")])[:1])
    assert [str(i) for i in _read(scan).issues] == [
        f"{scan}, page 1: pre form 9 has no page 2 in the scans; its answers are missing"]


def test_pages_of_another_event_and_of_something_else_are_refused_by_name(tmp_path):
    other = draw_page(synthetic_layout("pre", event="north-2023-05-04"), 1, 1)
    letter = np.full_like(other, 255)
    cv2.putText(letter, "Dear colleague, thank you", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    scan = _pdf(tmp_path / "scan.pdf", [other, letter])
    result = _read(scan)
    assert result.responses == []
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1: a page of another event's forms (north-2023-05-04, not {EVENT}); not read",
        f"{scan}, page 2: not a page of a packgen form (no corner marks); not read"]
    assert [p[2] for p in result.sources[0].pages] == ["other-event", "unknown"]


def test_a_page_whose_code_cannot_be_read_goes_to_review_with_its_picture(tmp_path):
    page = draw_page(PRE, 1, 5)
    qr = PRE.pages[0].qr
    s = 150 / 25.4
    cv2.rectangle(page, (round(qr.x * s), round(qr.y * s)), (round((qr.x + 11) * s), round((qr.y + 22) * s)), 0, -1)
    scan = _pdf(tmp_path / "scan.pdf", [page])
    result = _read(scan)
    (item,) = result.review
    assert (item.key, item.kind, item.reading) == ("page:scan.pdf:1", "page", "the page's QR code cannot be read")
    assert item.picture.startswith(b"\x89PNG")
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1: the page's QR code cannot be read; the page is in the review workbook (type there which"
        " form and page it is, or scan it again)"]


def test_doubtful_answers_and_handwriting_wait_for_a_decision(tmp_path):
    pages = _form(POST, 3, [("trust", "3", "tick"), ("trust", "7", "tick"), ("confidence", "5", "tick")],
                  {"takeaway_1": "Meet the youth panel"})
    scan = _pdf(tmp_path / "scan.pdf", pages)
    result = _read(scan)
    assert [(i.key, i.kind, i.reading) for i in result.review] == [
        ("post:3:1:trust", "score", "marks in boxes 3 and 7"), ("post:3:2:takeaway_1", "text", "handwriting")]
    assert result.responses[0].scores == {"confidence": 5}
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1, answer 'trust': marks in boxes 3 and 7; decide it in the review workbook",
        f"{scan}, page 2, answer 'takeaway_1': handwriting not yet typed in the review workbook"]


def test_decisions_are_applied_and_bad_ones_reported(tmp_path):
    pages = _form(POST, 3, [("trust", "3", "tick"), ("trust", "7", "tick"), ("confidence", "5", "tick"),
                            ("confidence", "6", "tick"), ("sector", "Police", "tick"), ("sector", "Charity", "tick")],
                  {"takeaway_1": "Meet the youth panel", "comments": "Good"})
    scan = _pdf(tmp_path / "scan.pdf", pages)
    decisions = {"post:3:1:trust": " 7 ", "post:3:1:confidence": "seven", "post:3:2:takeaway_1": "Meet the youth panel",
                 "post:3:2:comments": "-", "post:3:1:sector": "blank"}
    result = _read(scan, decisions)
    (response,) = result.responses
    assert (response.scores, response.answers) == ({"trust": 7}, {"takeaway_1": "Meet the youth panel"})
    assert response.sector == ""
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1, answer 'confidence': the review decision 'seven' is not a score from 0 to 10 (or 'blank');"
        " the answer is not counted until it is"]


def test_unreadable_files_are_accounted_for(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"not a pdf")
    result = _read(tmp_path / "scan.pdf")
    assert [str(i) for i in result.issues] == [f"{tmp_path / 'scan.pdf'}: not a readable PDF (it is damaged, or not a PDF)"]
    assert result.sources[0].pages == [[str(tmp_path / "scan.pdf"), None, "unreadable"]]


def test_the_printed_forms_read_back_from_a_scan(tmp_path):
    import pypdfium2

    from packgen.config import load_config
    from packgen.paper.printing import print_stage
    from packgen.paper.scans import scan_layouts
    from packgen.resources import example_folder
    from tests.paper.scanning import render_pdf_page

    event = load_config(example_folder() / "hub.yaml").event
    printed = print_stage(event, "post", 2)
    document = pypdfium2.PdfDocument(printed.pdf)
    pages = [render_pdf_page(document, index) for index in range(len(document))]
    boxes = {(b.field, b.value): b for p in printed.layout.pages for b in p.boxes}
    wanted = {"trust": "7", "awareness": "0", "heard": "10", "join": "4", "return": "9", "recommend": "8"}
    for (field, value), kind in zip(wanted.items(), ["tick", "cross", "tick", "fill", "tick", "small_cross"]):
        page = next(p.page for p in printed.layout.pages if boxes[(field, value)] in p.boxes)
        mark(pages[2 + page - 1], boxes[(field, value)], kind)  # form 2
    mark(pages[2], boxes[("trust", "3")], "fill")  # a corrected answer
    write(pages[3], next(a for p in printed.layout.pages for a in p.writing if a.field == "takeaway_1"),
          "Ward panels")
    scans = [degrade(pages[3], Scanner(angle=-2, scale=0.95, upside_down=True, noise=5, jpeg=60)),
             degrade(pages[2], Scanner(angle=3, scale=0.93, blur=0.7))]
    stages = {q.id: " ".join(s for s in ("pre", "post") if getattr(q, s)) for q in event.evaluation.questions}
    result = read_scans([_pdf(tmp_path / "scan.pdf", scans)], event.key, stages, scan_layouts(event))
    (response,) = result.responses
    assert response.scores == {k: int(v) for k, v in wanted.items()}
    assert response.code == pair_code(event.key, 2)
    assert [(i.key, i.reading) for i in result.review] == [("post:2:2:takeaway_1", "handwriting")]


# --- Pages identified in the review -------------------------------------------------------------

def _blot_code(image: np.ndarray, square, dpi: int = 150) -> None:
    s = dpi / 25.4
    cv2.rectangle(image, (round(square.x * s), round(square.y * s)),
                  (round((square.x + square.size) * s), round((square.y + square.size) * s)), 30, -1)


def _review_at(tmp_path, rows: dict[str, str]) -> Decisions:
    """Return decisions as read from row 4 onwards of a review workbook."""
    return Decisions(rows, file=tmp_path / "scan-review.xlsx", sheet="Review",
                     rows={key: 4 + index for index, key in enumerate(rows)})


@pytest.fixture(scope="module")
def printed_post():
    """The example's post-event form printed twice, its pages rendered, and what reads them."""
    import pypdfium2

    from packgen.config import load_config
    from packgen.paper.printing import print_stage
    from packgen.paper.scans import scan_layouts
    from packgen.resources import example_folder
    from tests.paper.scanning import render_pdf_page

    event = load_config(example_folder() / "hub.yaml").event
    printed = print_stage(event, "post", 2)
    document = pypdfium2.PdfDocument(printed.pdf)
    pages = [render_pdf_page(document, index) for index in range(len(document))]
    stages = {q.id: " ".join(s for s in ("pre", "post") if getattr(q, s)) for q in event.evaluation.questions}
    return event, printed.layout, pages, stages, scan_layouts(event)


def _marked_post(printed_post, form: int, wanted: dict[str, str]) -> list[np.ndarray]:
    _, layout, pages, _, _ = printed_post
    boxes = {(b.field, b.value): (p.page, b) for p in layout.pages for b in p.boxes}
    copies = [pages[(form - 1) * len(layout.pages) + index].copy() for index in range(len(layout.pages))]
    for (field, value), kind in zip(wanted.items(), ["tick", "cross", "tick", "fill", "tick", "small_cross", "tick"]):
        page, box = boxes[(field, value)]
        mark(copies[page - 1], box, kind)
    return copies


WANTED = {"trust": "7", "awareness": "0", "heard": "10", "join": "4", "return": "9", "recommend": "8"}


def test_a_page_whose_code_is_blotted_out_is_read_as_the_page_typed_in_the_review(tmp_path, printed_post):
    event, layout, _, stages, layouts = printed_post
    first, second = _marked_post(printed_post, 2, WANTED)
    _blot_code(first, layout.pages[0].qr)
    scans = [degrade(second, Scanner(angle=2, noise=4, jpeg=70)),
             degrade(first, Scanner(angle=-3, scale=0.94, upside_down=True, blur=0.6, jpeg=70))]
    scan = _pdf(tmp_path / "scan.pdf", scans)
    untyped = read_scans([scan], event.key, stages, layouts)
    assert [i.key for i in untyped.review] == ["page:scan.pdf:2"]
    on_page_2 = {b.field for b in layout.pages[1].boxes}
    assert untyped.responses[0].scores == {k: int(v) for k, v in WANTED.items() if k in on_page_2}
    typed = _review_at(tmp_path, {"page:scan.pdf:2": " Post 2  page 1"})
    result = read_scans([scan], event.key, stages, layouts, typed)
    assert result.issues == []
    (response,) = result.responses
    assert (response.code, response.scores) == (pair_code(event.key, 2), {k: int(v) for k, v in WANTED.items()})
    assert [i.key for i in result.review] == ["page:scan.pdf:2"]
    assert result.sources[0].pages == [[str(scan), 1, "post form 2 page 2"],
                                       [str(scan), 2, "post form 2 page 1 (identified in the review)"]]
    assert (result.sources[0].forms, result.sources[0].stage) == (1, "post")


def test_a_page_identified_in_the_review_sends_its_doubtful_boxes_to_review(tmp_path, printed_post):
    event, layout, _, stages, layouts = printed_post
    first, _ = _marked_post(printed_post, 1, {**WANTED, "consent": "yes"})
    boxes = {(b.field, b.value): b for b in layout.pages[0].boxes}
    mark(first, boxes[("trust", "2")], "tick")  # trust ticked twice
    _blot_code(first, layout.pages[0].qr)
    scan = _pdf(tmp_path / "scan.pdf", [first])
    result = read_scans([scan], event.key, stages, layouts, {"page:scan.pdf:1": "post 1 page 1"})
    assert [(i.key, i.reading) for i in result.review] == [("page:scan.pdf:1", "the page's QR code cannot be read"),
                                                            ("post:1:1:trust", "marks in boxes 2 and 7")]
    on_page_1 = {b.field for b in layout.pages[0].boxes}
    assert result.responses[0].scores == {k: int(v) for k, v in WANTED.items() if k != "trust" and k in on_page_1}
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1: post form 1 has no page 2 in the scans; its answers are missing",
        f"{scan}, page 1, answer 'trust': marks in boxes 2 and 7; decide it in the review workbook"]


def test_a_typed_identity_that_cannot_be_used_is_reported_where_it_was_typed(tmp_path, printed_post):
    event, layout, pages, stages, layouts = printed_post
    blotted = [page.copy() for page in pages[:2]]
    for image, spec in zip(blotted, layout.pages):
        _blot_code(image, spec.qr)
    scan = _pdf(tmp_path / "scan.pdf", [pages[0], *blotted, blotted[0], blotted[0], blotted[0]])
    typed = {"page:scan.pdf:2": "post 1 page 1", "page:scan.pdf:3": "post 1 page 1", "page:scan.pdf:4": "Monday",
             "page:scan.pdf:5": "post 1 page 3", "page:scan.pdf:6": "post 3"}
    result = read_scans([scan], event.key, stages, layouts, _review_at(tmp_path, typed))
    review = tmp_path / "scan-review.xlsx"
    assert [str(i) for i in result.issues] == [
        f"{review}, sheet 'Review', row 5: 'post 1 page 1' typed for {scan}, page 3: the printed boxes of post form"
        " page 1 are not on this page; check the form and page typed",
        f"{review}, sheet 'Review', row 6: 'Monday' typed for {scan}, page 4: not a form and page: type 'pre' or"
        " 'post', the form number printed at the top of the page and the page, e.g. 'pre 12 page 1' (or '-' to"
        " leave the page out)",
        f"{review}, sheet 'Review', row 7: 'post 1 page 3' typed for {scan}, page 5: not a page of this event's"
        " forms (the post-event form's numbers start at 1 and it has pages 1 and 2)",
        f"{review}, sheet 'Review', row 8: 'post 3' typed for {scan}, page 6: say which page of the post-event form"
        " it is, e.g. 'post 3 page 1'",
        f"{review}, sheet 'Review', row 4: 'post 1 page 1' typed for {scan}, page 2: post form 1 page 1 is already"
        f" read ({scan}, page 1); the page is not used",
        f"{scan}, page 1: post form 1 has no page 2 in the scans; its answers are missing"]
    assert [p[2] for p in result.sources[0].pages] == ["post form 1 page 1", "unknown", "unknown", "unknown",
                                                       "unknown", "unknown"]


def test_a_page_of_another_stage_typed_for_a_page_is_not_read_as_it(tmp_path, printed_post):
    event, layout, pages, stages, layouts = printed_post
    blotted = pages[1].copy()
    _blot_code(blotted, layout.pages[1].qr)
    scan = _pdf(tmp_path / "scan.pdf", [blotted])
    result = read_scans([scan], event.key, stages, {"post": layouts["post"]}, {"page:scan.pdf:1": "pre 1 page 2"})
    assert [str(i) for i in result.issues] == [
        f"{scan}, page 1: 'pre 1 page 2' typed for {scan}, page 1: packgen has no pre-event layout to read it by"]


def test_a_page_left_out_in_the_review_is_accounted_for_and_not_a_problem(tmp_path):
    page = draw_page(PRE, 1, 5)
    _blot_code(page, PRE.pages[0].qr)
    scan = _pdf(tmp_path / "scan.pdf", [page])
    result = _read(scan, {"page:scan.pdf:1": "-"})
    assert (result.issues, result.responses, result.sources[0].pages) == ([], [], [[str(scan), 1, "unknown"]])


@pytest.mark.parametrize("typed", ["pre 5 page 1", "PRE-event form 5, page 1", "pre 5/1", "pre number 5 p1"])
def test_the_ways_of_typing_a_page(typed):
    from packgen.paper.scans import _identity

    code, problem = _identity(typed, EVENT, LAYOUTS)
    assert (code, problem) == (PageCode(EVENT, "pre", 5, 1, PRE.digest), "")


# --- Decisions checked ----------------------------------------------------------------------------

def test_sector_and_consent_decisions_are_checked_and_an_unusable_one_stays_a_problem(tmp_path):
    pages = _form(POST, 3, [("sector", "Police", "tick"), ("sector", "Charity", "tick")])
    pages_7 = _form(POST, 7, [("sector", "Police", "tick"), ("sector", "Other", "tick")])
    consent, s = _box(POST, "consent", "yes"), 150 / 25.4
    for page in (pages[0], pages_7[0]):  # a dot in the box: neither clearly in nor out
        cv2.circle(page, (round((consent.x + 3) * s), round((consent.y + 3) * s)), 3, 0, -1)
    scan = _pdf(tmp_path / "scan.pdf", [*pages, *pages_7])
    first = _read(scan)
    assert [(i.key, i.kind) for i in first.review] == [("post:3:1:sector", "sector"), ("post:3:1:consent", "consent"),
                                                       ("post:7:1:sector", "sector"), ("post:7:1:consent", "consent")]
    decisions = _review_at(tmp_path, {"post:3:1:sector": "  charity ", "post:3:1:consent": "YES",
                                      "post:7:1:sector": "Charities", "post:7:1:consent": "maybe"})
    result = _read(scan, decisions)
    assert [(r.sector, r.consent) for r in result.responses] == [("Charity", True), ("", False)]
    review = tmp_path / "scan-review.xlsx"
    assert [str(i) for i in result.issues] == [
        f"{review}, sheet 'Review', row 6: the review decision 'Charities' for post 7 page 1, 'sector' is not one of"
        " the sectors ('Police', 'Charity', 'Business' or 'Other') or 'blank'; the answer is not counted until it is",
        f"{review}, sheet 'Review', row 7: the review decision 'maybe' for post 7 page 1, 'consent' is not 'yes' or"
        " 'no' (or 'blank'); the answer is not counted until it is"]


def test_sector_names_forgive_case_and_spaces_only():
    from packgen.paper.scans import _value

    sectors = ["Young person (under 25)", "Police"]
    assert _value("sector", "young  PERSON (under 25)", sectors) == ("Young person (under 25)", "")
    assert _value("sector", "youngperson(under25)", sectors) == ("Young person (under 25)", "")
    assert _value("sector", "Young people", sectors)[0] is None
    assert _value("sector", "Polce", sectors)[0] is None
    assert _value("score", "10", sectors) == ("10", "")
    assert _value("score", "11", sectors)[0] is None
    assert _value("consent", "No", sectors) == ("no", "")


def test_the_sectors_expected_are_those_printed_on_the_forms():
    from packgen.paper.scans import printed_sectors

    assert printed_sectors(LAYOUTS) == ["Police", "Charity", "Business", "Other"]


def test_progress_is_said_every_so_many_pages(tmp_path):
    from packgen.paper.scans import page_progress

    said = []
    scan = _pdf(tmp_path / "scan.pdf", [draw_page(PRE, 1, n) for n in range(1, 6)])
    read_scans([scan], EVENT, QUESTIONS, LAYOUTS, progress=page_progress(said.append, every=2))
    assert said == [f"  read 2 pages of {scan}", f"  read 4 pages of {scan}"]


def test_a_decision_on_an_agreement_question_is_the_answer_as_printed():
    from packgen.paper.scans import _value

    assert _value("score", " strongly  AGREE", [], "agree") == ("5", "")
    assert _value("score", "Neither agree nor disagree", [], "agree") == ("3", "")
    assert _value("score", "4", [], "agree") == (None, "one of 'Strongly agree', 'Agree', 'Neither agree nor"
                                                 " disagree', 'Disagree', 'Strongly disagree' (or 'blank')")
    assert _value("score", "Agree", [], "0-10") == (None, "a score from 0 to 10 (or 'blank')")
