"""The review workbook: written with pictures in rows, decisions read back, carried forward, never lost."""

import json

import openpyxl
import pytest
from click.testing import CliRunner
from PIL import Image

from packgen.cli import cli
from packgen.paper.review import read_decisions, review_workbook
from packgen.paper.scans import ReviewItem
from packgen.resources import example_folder
from packgen.results.dataset import Place
from tests.paper.scanning import draw_page, mark, synthetic_layout, write

KEY = "central-south-bcu-2022-02-25"
QUESTIONS = ("trust", "awareness", "return")
PRE, POST = synthetic_layout("pre", KEY, QUESTIONS), synthetic_layout("post", KEY, QUESTIONS)
CONFIG = str(example_folder() / "hub.yaml")


def _scan(tmp_path):
    first, second = draw_page(POST, 1, 12), draw_page(POST, 2, 12)
    boxes = {(b.field, b.value): b for b in POST.pages[0].boxes}
    for key in [("trust", "4"), ("trust", "9"), ("awareness", "6"), ("return", "10")]:
        mark(first, boxes[key], "tick")
    write(second, POST.pages[1].writing[0], "Meet the youth panel")
    pre = draw_page(PRE, 1, 12)
    mark(pre, {(b.field, b.value): b for b in PRE.pages[0].boxes}[("trust", "2")], "cross")
    path = tmp_path / "scan.pdf"
    images = [Image.fromarray(p) for p in (first, second, pre, draw_page(PRE, 2, 12))]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=150)
    for layout in (PRE, POST):
        (tmp_path / f"{layout.stage}.layout.json").write_text(layout.to_json(), encoding="utf-8")
    return path


def _run(tmp_path, *extra):
    args = ["results", CONFIG, "--scans", str(tmp_path / "scan.pdf"), "--layout", str(tmp_path / "pre.layout.json"),
            "--layout", str(tmp_path / "post.layout.json"), "-o", str(tmp_path / "results.json"), *extra]
    return CliRunner().invoke(cli, args)


def _decide(path, decisions: dict[str, object]) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Review"]
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, 1).value in decisions:
            sheet.cell(row, 8).value = decisions[sheet.cell(row, 1).value]
    workbook.save(path)


def test_scans_read_into_the_results_with_a_review_workbook_of_what_needs_a_person(tmp_path):
    _scan(tmp_path)
    result = _run(tmp_path)
    assert result.exit_code == 0, result.output
    review = tmp_path / "scan-review.xlsx"
    assert f"Wrote {review} (2 item(s) to check; decisions typed there are kept)" in result.output
    assert "        4 page(s): 4 read" in result.output
    assert f"  pre+post scans               2 form(s)  {tmp_path / 'scan.pdf'}" in result.output
    assert "1 pair(s) matched by personal code or printed form number." in result.output
    sheet = openpyxl.load_workbook(review)["Review"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_col=8)]
    assert rows == [["Key", "Form", "Page", "Question", "Scan", "packgen read", "Picture", "Your decision"],
                    ["post:12:1:trust", "post 12", 1, "trust", "scan.pdf, page 1", "marks in boxes 4 and 9", None, None],
                    ["post:12:2:takeaway_1", "post 12", 2, "takeaway_1", "scan.pdf, page 2", "handwriting", None, None]]
    assert len(sheet._images) == 2
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["post"][0]["scores"] == {"awareness": 6, "return": 10}
    assert data["post"][0]["source"]["page"] == 1
    assert data["pre"][0]["scores"] == {"trust": 2}
    assert data["pairs"] == [[f"PAPER:{KEY.upper()}:12", 0, 0]]


def test_decisions_typed_in_the_workbook_are_used_and_kept(tmp_path):
    _scan(tmp_path)
    _run(tmp_path)
    review = tmp_path / "scan-review.xlsx"
    _decide(review, {"post:12:1:trust": 9, "post:12:2:takeaway_1": "Meet the youth panel"})
    result = _run(tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["post"][0]["scores"] == {"trust": 9, "awareness": 6, "return": 10}
    assert data["post"][0]["answers"] == {"takeaway_1": "Meet the youth panel"}
    assert "No problems found." in result.output
    assert read_decisions(review) == {"post:12:1:trust": "9", "post:12:2:takeaway_1": "Meet the youth panel"}


def test_a_decision_for_an_item_no_longer_scanned_is_kept_not_lost(tmp_path):
    picture = (tmp_path / "p.png")
    Image.new("L", (40, 20), 255).save(picture)
    item = ReviewItem("pre:1:1:trust", "pre 1", 1, "trust", "score", "marks in boxes 1 and 2", Place("s.pdf", page=1),
                      picture.read_bytes())
    path = tmp_path / "review.xlsx"
    path.write_bytes(review_workbook([item], {"post:5:2:comments": "=HYPERLINK(\"x\")"}))
    assert read_decisions(path) == {"post:5:2:comments": "=HYPERLINK(\"x\")"}
    cell = openpyxl.load_workbook(path)["Review"]["H5"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"x\")", "s")


def test_a_workbook_packgen_did_not_write_is_never_overwritten(tmp_path):
    _scan(tmp_path)
    other = tmp_path / "scan-review.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Review"
    workbook.active["A1"] = "my own notes"
    workbook.save(other)
    before = other.read_bytes()
    result = _run(tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {other}: not a scan review workbook written by packgen; name another file"
                             " with --review\n")
    assert other.read_bytes() == before
    assert not (tmp_path / "results.json").exists()


def test_strict_still_writes_the_review_workbook_but_not_the_results(tmp_path):
    _scan(tmp_path)
    result = _run(tmp_path, "--strict")
    assert result.exit_code == 1
    assert result.output.endswith(f"Error: --strict: 2 problem(s) in the results; {tmp_path / 'results.json'}"
                                  " not written\n")
    assert (tmp_path / "scan-review.xlsx").exists()
    assert not (tmp_path / "results.json").exists()


def test_a_decision_that_cannot_be_used_is_reported_with_the_workbook_and_row(tmp_path):
    _scan(tmp_path)
    _run(tmp_path)
    review = tmp_path / "scan-review.xlsx"
    _decide(review, {"post:12:1:trust": "nine", "post:12:2:takeaway_1": "Meet the youth panel"})
    assert read_decisions(review).rows == {"post:12:1:trust": 4, "post:12:2:takeaway_1": 5}
    result = _run(tmp_path)
    assert result.exit_code == 0, result.output
    assert (f"{review}, sheet 'Review', row 4: the review decision 'nine' for post 12 page 1, 'trust' is not a score"
            " from 0 to 10 (or 'blank'); the answer is not counted until it is") in result.output
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["post"][0]["scores"] == {"awareness": 6, "return": 10}
    assert read_decisions(review) == {"post:12:1:trust": "nine", "post:12:2:takeaway_1": "Meet the youth panel"}


def test_the_review_workbook_prints_one_page_wide_in_landscape_with_its_headings_on_every_page(tmp_path):
    _scan(tmp_path)
    _run(tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / "scan-review.xlsx")["Review"]
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.freeze_panes == "A4"
    assert (sheet["B1"].value, sheet.column_dimensions["A"].hidden) == ("Scanned forms to check", True)
    for image in sheet._images:  # each picture fits in its own row, which a page break never cuts
        row = image.anchor._from.row + 1
        assert image.anchor.ext.height / 12700 < sheet.row_dimensions[row].height  # EMU to points


def test_the_instructions_say_what_to_type_for_a_page():
    from packgen.paper.review import INSTRUCTIONS

    assert ("For a whole page packgen could not identify, type 'pre' or 'post' (the heading at the top of the page),"
            " the form number printed large at its top left and the page, e.g. 'pre 12 page 1', or '-' to leave the"
            " page out.") in INSTRUCTIONS


@pytest.mark.libreoffice
def test_decisions_in_a_review_workbook_saved_by_libreoffice_are_still_read(tmp_path, libreoffice_save):
    _scan(tmp_path)
    _run(tmp_path)
    review = tmp_path / "scan-review.xlsx"
    _decide(review, {"post:12:1:trust": 9, "post:12:2:takeaway_1": "Meet the youth panel"})
    saved = libreoffice_save(review)
    assert read_decisions(saved) == {"post:12:1:trust": "9", "post:12:2:takeaway_1": "Meet the youth panel"}
