"""What the evaluation report says (packgen.report.evaluation_report)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from report_samples import sample_evaluation

from packgen.evaluation import Comparison
from packgen.report.evaluation_report import (
    action_context,
    attendance_context,
    comparison_text,
    money_context,
    not_computed,
    question_context,
    session_context,
)
from packgen.results.dataset import Action, Note
from packgen.wording import WHOLE_ROOM

EVALUATION = sample_evaluation()
TRUST, HEARD, RECOMMEND, JOIN = EVALUATION.questions


def test_question_figures_before_and_after():
    names = question_context(1, TRUST, None)
    assert names["wording"] == "How much do you trust the police at the moment?"
    assert names["later_wording"] == "How much do you trust the police now?"
    assert names["figures"] == [
        {"label": "People who answered", "pre": "25", "post": "24"},
        {"label": "Scored 8, 9 or 10 out of 10", "pre": "6 of 25 (24%)", "post": "8 of 24 (33%)"},
        {"label": "95% interval", "pre": "12% to 43%", "post": "18% to 53%"},
    ]
    assert names["change"] == "up 9 percentage points"
    assert names["not_computed"] == []
    assert names["chart"] is None
    assert names["distribution"]["rows"][8] == {"score": 8, "pre": 3, "post": 2, "at_or_above": True}
    assert names["distribution"]["rows"][7]["at_or_above"] is False


def test_a_question_asked_after_only_says_so():
    names = question_context(3, RECOMMEND, None)
    assert [f["pre"] for f in names["figures"]] == ["Not asked"] * 3
    assert names["change"] == "" and names["tests"] == []
    assert names["not_computed"] == ["There is no change or test to report: the question was asked after the hub only."]
    assert names["distribution"]["pre"] is False


def test_a_question_nobody_answered_says_what_is_missing():
    names = question_context(4, JOIN, None)
    assert names["figures"][1] == {"label": "Scored 8, 9 or 10 out of 10", "pre": "Nobody answered", "post": "Nobody answered"}
    assert names["figures"][2] == {"label": "95% interval", "pre": "Not worked out", "post": "Not worked out"}
    assert not_computed(JOIN) == [
        "Nobody answered this question before the hub, so there is no before figure.",
        "Nobody answered this question after the hub, so there is no after figure.",
        "The change cannot be worked out: it needs answers from before and after the hub.",
    ]
    assert names["tests"] == ["Fisher's exact test on whether people scored 8, 9 or 10 out of 10 (unpaired, 0 forms"
                              " before and after): no p-value. Nobody answered this question before or after the hub, so before and"
                              " after cannot be compared."]


def test_comparison_text_names_the_test_its_design_and_result():
    assert comparison_text(TRUST.score_test, "the scores") == (
        "Wilcoxon signed-rank test on the scores (paired, 21 people matched): p = 0.012. Of the 21 people"
        " whose forms were matched, 15 gave a different score after. A difference this large would be"
        " unlikely if nothing had really changed (p = 0.012), though it does not show what caused it.")
    assert comparison_text(None, "the scores") == ""
    one = Comparison("mcnemar", True, 1, None, cutoff=8, moved_up=0, moved_down=0, changed=0)
    assert comparison_text(one, "x") == (
        "Exact McNemar test on x (paired, 1 person matched): no p-value. Of the 1 person whose before and"
        " after forms were matched, 0 went from below 8 to 8, 9 or 10 out of 10 and 0 went the other way."
        " Nobody crossed the cut-off, so there is no change for the test to weigh and no p-value is given.")


def test_attendance_in_words():
    names = attendance_context(EVALUATION)
    assert names["came"] == "30 people were invited and 27 came."
    assert names["rows"][0] == {"sector": "Resident", "invited": 9, "attended": 8, "pre": 8, "post": 7}
    unknown = replace(EVALUATION, attendance=replace(EVALUATION.attendance, attended=None, pairs=1,
                                                     by_sector=[("Resident", 9, None, 8, 7)]))
    names = attendance_context(unknown)
    assert names["came"] == ("30 people were invited. We cannot say how many came: the planning workbook,"
                             " where the register is kept, was not read.")
    assert names["forms"].endswith("One person's two forms could be matched by their personal code.")
    assert names["rows"][0]["attended"] == "not known"


def test_money_in_words():
    names = money_context(EVALUATION)
    assert names["summary"] == "We spent £4,164.70 of a budget of £5,000: £835.30 under budget."
    assert names["per_head"] == "Cost per attendee: £154.25 (what was spent shared between 27 people)."
    assert names["lines"][1] == {"item": "Food and drink", "estimate": "£1,800", "actual": "£1,640.50"}
    over = replace(EVALUATION, money=replace(EVALUATION.money, actual=5200.0))
    assert money_context(over)["summary"] == "We spent £5,200 of a budget of £5,000: £200 over budget."


def test_money_without_a_budget_sheet_or_a_register():
    money = replace(EVALUATION.money, actual=None, from_workbook=False, attendees=None, cost_per_attendee=None,
                    lines=[("Food", 1800.0, None)])
    names = money_context(replace(EVALUATION, money=money))
    assert names["notes"] == ["No budget sheet was read, so what was spent is not known. The figures below are"
                              " the estimates in the event config."]
    assert names["summary"] == "The budget was £5,000; the estimates add up to £4,550."
    assert names["per_head"] == "The cost per attendee cannot be worked out: we do not know how many people came."
    assert names["lines"] == [{"item": "Food", "estimate": "£1,800", "actual": "–"}]


def test_sessions_group_notes_by_table_with_the_room_apart(example_config):
    notes = [Note("Table 1", 1, "a"), Note("Table 2", 1, "b"), Note("Table 1", 1, "c"),
             Note("Table 1", 3, "top"), Note(WHOLE_ROOM, 3, "take away"), Note("", 2, "no table"),
             Note("Table 4", None, "no session"), Note("Table 5", 7, "session seven")]
    sessions = session_context(example_config.event, notes)
    assert [s["title"] for s in sessions] == [
        "Session 1: What has got us to this point?", "Session 2: Solutions and ideas",
        "Session 3: Our top three to try", "Session 7", "Notes without a session number"]
    assert sessions[0]["tables"] == [{"table": "Table 1", "notes": ["a", "c"]}, {"table": "Table 2", "notes": ["b"]}]
    assert sessions[1]["tables"] == [{"table": "Table not given", "notes": ["no table"]}]
    assert sessions[2]["tables_label"] == "Each table's top three"
    assert sessions[2]["room_label"] == "The three things the room agreed to take away"
    assert sessions[2]["room"] == ["take away"]
    assert sessions[3]["prompt"] == "" and sessions[4]["tables"] == [{"table": "Table 4", "notes": ["no session"]}]


def test_an_action_is_overdue_only_against_the_date_given():
    late = Action("a", "b", status="Planned", due="2022-05-31")
    assert action_context(late)["overdue"] is False  # no date given: nothing is called overdue
    assert [action_context(late, date(2022, d, 1))["overdue"] for d in (5, 6)] == [False, True]
    assert action_context(Action("a", status="Done", due="2022-05-31"), date(2022, 6, 1))["overdue"] is False
