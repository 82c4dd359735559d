"""The sheets the organiser types into: the forms' answers, session notes, actions."""

from __future__ import annotations

from conftest import example_data, write_config
from packgen.config import load_config

from ..books import FIRST, LAST_CHECKED, PRE_HEADERS, POST_HEADERS, render, open_bytes, validations


def test_capture_sheets_head_each_question_with_its_id_and_wording(book):
    assert [c.value for c in book["Pre responses"][3]] == PRE_HEADERS
    assert [c.value for c in book["Post responses"][3]] == POST_HEADERS
    for title in ("Pre responses", "Post responses", "Session notes", "Actions"):
        assert book[title].max_row == FIRST  # headers and the styled row only: nothing typed


def test_capture_sheets_check_scores_sectors_and_consent(book):
    sector = ("list", "Lists!$A$4:$A$14", None, None)
    consent = ("list", '"Yes,No"', None, None)
    score = ("whole", "0", "10", "between")
    assert validations(book["Pre responses"]) == {
        f"C4:F{LAST_CHECKED}": score, f"B4:B{LAST_CHECKED}": sector, f"I4:I{LAST_CHECKED}": consent,
    }
    assert validations(book["Post responses"]) == {
        f"C4:H{LAST_CHECKED}": score, f"B4:B{LAST_CHECKED}": sector, f"N4:N{LAST_CHECKED}": consent,
    }
    rule = book["Pre responses"].data_validations.dataValidation[0]
    assert (rule.showErrorMessage, rule.error) == (
        True, "Type a whole number from 0 to 10, or leave the cell blank.")


def test_session_notes_and_actions_have_their_drop_downs(book):
    assert validations(book["Session notes"]) == {
        f"A4:A{LAST_CHECKED}": ("list", "Lists!$B$4:$B$9", None, None),
        f"B4:B{LAST_CHECKED}": ("whole", "1", "3", "between"),
    }
    assert [c.value for c in book["Session notes"][3]] == ["Table", "Session", "Note"]
    assert validations(book["Actions"]) == {
        f"D4:D{LAST_CHECKED}": ("list", '"Planned,In progress,Done,Not doing"', None, None),
    }
    assert [c.value for c in book["Actions"][3]] == ["You said", "We did", "Owner", "Status", "Due date",
                                                   "Progress note or reason", "Evidence", "Last changed", "Id"]


def test_a_survey_with_no_pre_questions_leaves_pre_responses_without_score_columns(tmp_path):
    data = example_data()
    for question in data["evaluation"]["questions"]:
        question.pop("pre", None)
    book = open_bytes(render(load_config(write_config(tmp_path / "hub", data))))
    sheet = book["Pre responses"]
    assert [c.value for c in sheet[3]] == [PRE_HEADERS[0], PRE_HEADERS[1], *PRE_HEADERS[-3:]]
    assert validations(sheet) == {
        f"B4:B{LAST_CHECKED}": ("list", "Lists!$A$4:$A$14", None, None),
        f"E4:E{LAST_CHECKED}": ("list", '"Yes,No"', None, None),
    }

