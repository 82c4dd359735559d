"""The entry sheet stage (packgen.stages.entry_sheet), called without click."""

import openpyxl
import pytest

from packgen.config import load_config
from packgen.errors import OverwriteRefused
from packgen.resources import example_folder
from packgen.results.entry import entry_headers, entry_sheet
from packgen.stages.entry_sheet import run_entry_sheet

CONFIG = example_folder() / "hub.yaml"


def test_run_entry_sheet_writes_the_csv_sheet_and_says_where(tmp_path):
    out = tmp_path / "pre.csv"
    result = run_entry_sheet(CONFIG, "pre", out)
    assert out.read_bytes() == entry_sheet(load_config(CONFIG).event, "pre", ".csv")
    assert (result.out, result.written.written, result.written.kept_copies) == (out, [out], [])
    assert result.config.path == CONFIG


def test_run_entry_sheet_writes_the_workbook_headed_as_the_form(tmp_path):
    out = tmp_path / "post.xlsx"
    result = run_entry_sheet(CONFIG, "post", out)
    workbook = openpyxl.load_workbook(out, read_only=True)
    headers = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
    workbook.close()
    assert list(headers) == entry_headers(load_config(CONFIG).event, "post")
    assert (result.out, result.written.written, result.written.kept_copies) == (out, [out], [])


def test_run_entry_sheet_never_writes_over_a_file_packgen_did_not_write(tmp_path):
    out = tmp_path / "post.csv"
    out.write_text("mine\n", encoding="utf-8")
    warned = []
    with pytest.raises(OverwriteRefused):
        run_entry_sheet(CONFIG, "post", out, warn=warned.append)
    assert warned == [[]]  # said before the refusal
    assert out.read_text(encoding="utf-8") == "mine\n"
