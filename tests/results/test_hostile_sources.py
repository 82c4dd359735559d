"""Arbitrary cells in results files never crash the reader: every value is used, reported or
counted as unanswered, and text reaches the dataset without characters no document can hold
(property-based)."""

from __future__ import annotations

import csv

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from packgen.results import Sources, ingest
from packgen.text import clean_text

HEADER = ["Your personal code", "Which of these best describes you? Tick one box.",
          "How much do you trust the police at the moment?", "What do you hope today will achieve?"]
PIECES = ["=SUM(A1)", "+1", "-1", "@x", "11", "-3", "7.5", "7/10", "8 - High", "N/A", "seven", "\x07", "\x1b",
          "<b>x</b>", "{{ 7*7 }}", "ليلى", "🙂", "\r\n", "\t", '"', ",", "Resident", "TRUST"]
cell = st.one_of(st.none(), st.integers(-5, 15), st.floats(allow_nan=True, allow_infinity=True),
                 st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=4).map("".join))
rows = st.lists(st.lists(cell, min_size=4, max_size=4), min_size=0, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows)
def test_any_csv_cells_are_read_reported_or_skipped_never_crash(tmp_path_factory, example_config, rows):
    path = tmp_path_factory.mktemp("csv") / "pre.csv"
    with path.open("w", newline="", encoding="utf-8", errors="surrogatepass") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    dataset = ingest(example_config, Sources(pre=[path]))
    assert_sound(dataset, path, csv_records(path))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows)
def test_any_workbook_cells_are_read_reported_or_skipped_never_crash(tmp_path_factory, example_config, rows):
    path = tmp_path_factory.mktemp("xlsx") / "pre.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        values = [clean_text(v)[0] if isinstance(v, str) else v for v in row]  # openpyxl refuses the rest
        workbook.active.append([v if not isinstance(v, float) or v == v and abs(v) != float("inf") else None
                                for v in values])
    workbook.save(path)
    dataset = ingest(example_config, Sources(pre=[path]))
    # openpyxl writes text starting with '=' as a formula, which has no value until a spreadsheet works it out
    seen = [[None if isinstance(v, str) and v.startswith("=") else v for v in row] for row in workbook.active.values]
    assert_sound(dataset, path, {number: row for number, row in enumerate(seen, start=1) if number > 1})


def csv_records(path) -> dict[int, list[str]]:
    """Return each data row of a CSV file by the row number a reader reports (the line it ends on)."""
    with path.open(newline="", encoding="utf-8", errors="surrogateescape") as handle:
        reader = csv.reader(handle)
        next(reader)
        return {reader.line_num: cells for cells in reader}


def blank(value) -> bool:
    return value is None or clean_text(str(value))[0].strip() == ""


def assert_sound(dataset, path, rows: dict[int, list]) -> None:
    """Assert every form holds only scores and clean text, every issue names the file, sheet, row and
    column of the value it is about, and the dataset survives results.json."""
    for form in dataset.pre:
        assert all(isinstance(score, int) and 0 <= score <= 10 for score in form.scores.values())
        for text in [form.code, form.sector, *form.answers.values()]:
            assert clean_text(text)[1] == 0, "text reaching the dataset holds no illegal characters"
    sheet = None if path.suffix == ".csv" else "Sheet"
    for issue in dataset.issues:
        place = issue.place
        assert (place.file, place.sheet) == (str(path), sheet), issue
        if issue.kind == "missing_question":  # about the header, so about no row
            assert (place.row, place.column) == (None, None), issue
            continue
        assert place.row in rows, f"{issue}: the place names a row of the data"
        cells = rows[place.row]
        if issue.kind == "blank_row":
            assert all(blank(cell) for cell in cells), issue
        if place.column is not None:
            letter, heading = place.column.split(" ", 1)
            position = "ABCD".index(letter)
            assert HEADER[position].startswith(heading.removeprefix("('").removesuffix("')").removesuffix("...")), issue
            assert not blank(cells[position]), f"{issue}: the place names the cell holding the value"
    json_text = dataset.to_json()
    assert type(dataset).from_json(json_text).pre == dataset.pre
