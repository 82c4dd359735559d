"""Reading back a JSON file packgen wrote (packgen.json_files): one way for every kind of file."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pydantic import TypeAdapter

from packgen.editions import HISTORY_FILE, HistoryError, read_history
from packgen.errors import ResultsError
from packgen.json_files import read_json_model, read_json_text
from packgen.results.dataset import RESULTS_FILE, read_dataset


@dataclass
class Point:
    x: int


@pytest.mark.parametrize(("kind", "error", "name"), [
    (RESULTS_FILE, ResultsError, "a packgen results file"), (HISTORY_FILE, HistoryError, "an actions' history")])
def test_a_file_that_is_not_utf8_is_refused_naming_its_kind(tmp_path, kind, error, name):
    path = tmp_path / "file.json"
    path.write_bytes(b'{"x": "\xe9"}')
    with pytest.raises(error) as raised:
        read_json_text(path, kind)
    assert str(raised.value) == f"{path}: not {name} (it is not UTF-8 text)"


def test_a_file_that_cannot_be_read_is_refused_with_the_reason(tmp_path):
    with pytest.raises(ResultsError) as raised:
        read_dataset(tmp_path)  # a folder
    assert str(raised.value).startswith(f"{tmp_path}: could not read the results file (")
    (tmp_path / "history").mkdir()
    with pytest.raises(HistoryError) as raised:
        read_history(tmp_path / "history")
    assert str(raised.value).startswith(f"{tmp_path / 'history'}: could not read the actions' history (")


def test_every_validation_problem_is_listed_with_its_place(tmp_path):
    path = tmp_path / "points.json"
    path.write_text('[{"x": [7]}, {"y": 1}]', encoding="utf-8")
    with pytest.raises(HistoryError) as raised:
        read_json_model(path, TypeAdapter(list[Point]), HISTORY_FILE)
    assert raised.value.message == f"{path}: the actions' history has 2 problems (put back the file packgen wrote)"
    assert raised.value.problems == [f"{path}, [0].x: expected a whole number, found [7]",
                                     f"{path}, [1].x: required, but missing"]


def test_a_valid_file_gives_its_content(tmp_path):
    path = tmp_path / "points.json"
    path.write_text('[{"x": 3}]', encoding="utf-8")
    assert read_json_model(path, TypeAdapter(list[Point]), RESULTS_FILE) == [Point(3)]
