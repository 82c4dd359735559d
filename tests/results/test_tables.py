import io
import zipfile

import openpyxl
import pytest
from office_csv import office_csv  # noqa: F401  (the fixture)

from packgen.errors import ResultsError
from packgen.results.tables import MAX_CSV_FIELD, check_container, read_csv, read_workbook

ANSWERS = [
    ["Your personal code", "Before today, how much chance have you had?", "What should happen next?"],
    ["AB12", "8", "Meet in cafés; publish the minutes; £5 vouchers"],
    ["CD34", "Don\u2019t know", "Later, perhaps; or never"],
    ["EF56", "6", "Nothing"],
]
"""Answers holding commas, semicolons, a curly apostrophe, é and £, under a heading with a comma."""


def _workbook(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_read_workbook_reads_values_and_never_changes_the_file(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["Code", "trust"], ["AB12", 7]])
    before = path.read_bytes()
    [table] = read_workbook(path)
    assert table.rows == [(1, ["Code", "trust"]), (2, ["AB12", 7])]
    assert table.place.sheet == "Sheet"
    assert path.read_bytes() == before


def test_csv_with_bom_and_crlf_is_read(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffCode,trust\r\nAB12,7\r\n".encode("utf-8"))
    assert read_csv(path).rows == [(1, ["Code", "trust"]), (2, ["AB12", "7"])]


@pytest.mark.libreoffice
@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_csv_is_read_whatever_the_delimiter(tmp_path, office_csv, delimiter, encoding):
    path = office_csv(tmp_path / "a.csv", ANSWERS, delimiter, encoding)
    table = read_csv(path)
    assert table.rows == [(n, row) for n, row in enumerate(ANSWERS, start=1)]
    assert table.issues == []


@pytest.mark.libreoffice
def test_comma_csv_whose_answers_are_full_of_semicolons_is_still_read_by_comma(tmp_path, office_csv):
    rows = [["Your personal code", "What should happen next?"], *[[f"A{i}", "Yes; no; maybe"] for i in range(5)]]
    path = office_csv(tmp_path / "a.csv", rows, ",")
    assert read_csv(path).rows == [(n, row) for n, row in enumerate(rows, start=1)]


@pytest.mark.libreoffice
def test_semicolon_csv_of_headings_only_is_read_by_semicolon(tmp_path, office_csv):
    # The headings hold commas and nothing else is there to judge by (csv.Sniffer says comma).
    path = office_csv(tmp_path / "a.csv", ANSWERS[:1], ";")
    assert read_csv(path).rows == [(1, ANSWERS[0])]


@pytest.mark.libreoffice
@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma", "semicolon"])
def test_windows_1252_csv_is_read_and_reported(tmp_path, office_csv, delimiter):
    path = office_csv(tmp_path / "a.csv", ANSWERS, delimiter, "windows-1252")
    table = read_csv(path)
    assert table.rows == [(n, row) for n, row in enumerate(ANSWERS, start=1)]
    assert [(str(i), i.kind) for i in table.issues] == [(
        f"{path}: the file is not UTF-8; read as Windows-1252 (Excel's 'CSV (Comma delimited)'):"
        " check that letters such as é and signs such as £ came through, or save it as 'CSV UTF-8'",
        "not_utf8")]


@pytest.mark.libreoffice
@pytest.mark.parametrize("damage", ["utf-16 without its mark", "binary"])
def test_csv_that_is_neither_utf8_nor_clean_windows_1252_is_refused(tmp_path, office_csv, damage):
    path = office_csv(tmp_path / "a.csv", ANSWERS, ",", "utf-16" if "16" in damage else "utf-8")
    raw = path.read_bytes()
    path.write_bytes({"utf-16 without its mark": raw[2:], "binary": bytes(range(1, 256)) * 4}[damage])
    with pytest.raises(ResultsError) as error:
        read_csv(path)
    assert str(error.value) == f"{path}: the file is not UTF-8 text (in Excel: Save As, 'CSV UTF-8')"


@pytest.mark.libreoffice
def test_utf8_csv_with_a_stray_windows_1252_character_is_refused_not_garbled(tmp_path, office_csv):
    path = office_csv(tmp_path / "a.csv", ANSWERS, ",")
    path.write_bytes(path.read_bytes() + "GH78,7,Don’t know\n".encode("cp1252"))
    with pytest.raises(ResultsError) as error:
        read_csv(path)
    assert str(error.value) == (
        f"{path}: the file is UTF-8 text with some characters in another encoding (pasted from"
        " another file?); open it, check those values and save it again as 'CSV UTF-8'")


def test_csv_field_over_the_limit_fails_that_row_only(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f"Code,note\nA1,ok\nA2,{'x' * (MAX_CSV_FIELD + 1)}\nA3,fine\n", encoding="utf-8")
    table = read_csv(path)
    assert [cells[0] for _, cells in table.rows] == ["Code", "A1", "A3"]
    assert [str(i) for i in table.issues] == [
        f"{path}, row 3: a value is longer than {MAX_CSV_FIELD:,} characters; the row is skipped"]


def test_csv_control_characters_are_removed(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Code\nA\x07B\n", encoding="utf-8")
    assert read_csv(path).rows[1] == (2, ["AB"])


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ResultsError) as error:
        read_workbook(path)
    assert str(error.value) == f"{path}: the file is empty"


def test_xlsx_that_is_really_csv_says_so(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_text("Code,trust\nAB12,7\n", encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        read_workbook(path)
    assert str(error.value) == f"{path}: the file is not a .xlsx file (it looks like CSV text; rename it to .csv)"


def test_csv_that_is_really_a_workbook_says_so(tmp_path):
    path = _workbook(tmp_path / "a.csv", [["Code"]])
    with pytest.raises(ResultsError) as error:
        read_csv(path)
    assert str(error.value) == (
        f"{path}: the file is not CSV text (it looks like an Excel workbook; rename it to .xlsx)")


def test_truncated_workbook_is_refused(tmp_path):
    whole = _workbook(tmp_path / "whole.xlsx", [["Code"], ["A"]]).read_bytes()
    path = tmp_path / "a.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ResultsError) as error:
        read_workbook(path)
    assert str(error.value) == f"{path}: the file is damaged or incomplete; save or download it again"


def test_password_protected_workbook_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ResultsError) as error:
        read_workbook(path)
    assert str(error.value) == (
        f"{path}: the file is password-protected or in the old Office format;"
        " open it, remove the password and save it as .xlsx")


def test_zip_bomb_is_refused_before_opening(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    with pytest.raises(ResultsError) as error:
        check_container(path)
    assert str(error.value).startswith(f"{path}: the file would unpack to 50,000,000 bytes from ")
    assert str(error.value).endswith("; refused as unsafe (a zip bomb)")


def test_xml_entity_expansion_in_a_workbook_is_refused(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["Code"], ["A"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", b"")
                data = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + data)
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ResultsError) as error:
        read_workbook(path)
    assert str(error.value) == f"{path}: the workbook holds XML entity or DTD declarations; refused as unsafe"
