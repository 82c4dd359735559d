"""The results stage (packgen.stages.results), called without click: every source read, the scan
review workbook and results.json written, and what the command prints returned."""

import json

import openpyxl
import pikepdf
import pytest

from packgen.config import load_config
from packgen.errors import ResultsError
from packgen.resources import example_folder
from packgen.results import ingest
from packgen.results.summary import summary_lines
from packgen.stages.demo import sample_scans, sample_sources
from packgen.stages.results import REVIEW, default_review, run_results

CONFIG = example_folder() / "hub.yaml"


def test_run_results_writes_the_dataset_and_returns_what_it_read(tmp_path):
    said, warned = [], []
    out = tmp_path / "results.json"
    result = run_results(CONFIG, sample_sources(), out, say=said.append, warn=warned.append)
    expected = ingest(load_config(CONFIG), sample_sources())
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(expected.to_json())
    assert result.out == out
    assert result.written.written == [out] and result.written.kept_copies == []
    assert result.summary == summary_lines(expected)
    assert "Forms: 26 before, 24 after; 21 pair(s) matched by personal code." in result.summary
    assert said == result.summary
    assert warned == [[]]
    assert (result.review, result.review_items) == (None, 0)
    assert not (tmp_path / REVIEW).exists()


def test_run_results_leaves_what_the_scans_need_a_person_for_in_the_review_workbook(tmp_path):
    said = []
    out = tmp_path / "results.json"
    result = run_results(CONFIG, sample_scans(), out, say=said.append)
    review = tmp_path / "scan-review.xlsx"
    assert (result.review, result.review_items) == (review, 4)
    assert said == [*result.summary, f"Wrote {review} (4 item(s) to check; decisions typed there are kept)"]
    assert "Forms: 3 before, 3 after; 3 pair(s) matched by personal code or printed form number." in result.summary
    workbook = openpyxl.load_workbook(review, read_only=True)
    rows = sorted(row[1:4] for row in workbook["Review"].iter_rows(min_row=4, values_only=True))
    workbook.close()
    assert rows == [("post 1", 2, "takeaway_1"), ("post 3", 2, "next_steps"), ("pre 1", 2, "hopes"),
                    ("pre 2", 1, "awareness")]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".packgen-state.json", ".packgen.lock", "results.json",
                                                         "scan-review.xlsx"]


def test_run_results_strict_refuses_problems_and_writes_nothing(tmp_path):
    out = tmp_path / "results.json"
    with pytest.raises(ResultsError) as error:
        run_results(CONFIG, sample_sources(), out, strict=True)
    assert str(error.value) == "--strict: 4 problem(s) in the results; nothing written"
    assert list(tmp_path.iterdir()) == []


def test_the_review_workbook_is_beside_the_results_file_when_none_is_named(tmp_path):
    assert default_review(tmp_path / "hub" / "results.json") == tmp_path / "hub" / "scan-review.xlsx"


def test_run_results_says_how_many_pages_of_each_scan_file_are_read(tmp_path, monkeypatch):
    from packgen.paper import scans

    every_page = scans.page_progress
    monkeypatch.setattr(scans, "page_progress", lambda say: every_page(say, every=3))
    told = []
    run_results(CONFIG, sample_scans(), tmp_path / "results.json", progress=told.append)
    scan_file = sample_scans().scans[0]
    with pikepdf.open(scan_file) as pdf:
        pages = len(pdf.pages)
    assert pages > 6
    assert told == [f"  read {n} pages of {scan_file}" for n in range(3, pages + 1, 3)]


def test_run_results_makes_the_folder_it_writes_the_results_and_the_review_into(tmp_path):
    out = tmp_path / "new" / "results.json"
    result = run_results(CONFIG, sample_scans(), out)
    assert result.review == tmp_path / "new" / "scan-review.xlsx"
    assert out.is_file() and result.review.is_file()
