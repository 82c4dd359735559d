"""What "You said, we did" says (packgen.report.you_said_we_did)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_samples import sample_dataset, sample_evaluation

from packgen.disclosure import NOT_SHOWN
from packgen.evaluation import Proportion
from packgen.report.you_said_we_did import action_context, findings, next_steps, thanks, took_part, update_context
from packgen.results.dataset import Action

EVALUATION = sample_evaluation()


def test_notes_and_actions_are_sorted_into_the_sections(example_config):
    names = update_context(example_config.event, sample_dataset(), EVALUATION)
    assert names["told"][0] == "People do not know the panels exist."
    assert names["ideas"][0] == "Hold panel meetings in community venues."
    assert names["top_three"][0].startswith("Top three:")
    assert names["take_aways"] == ["Tell others the panels exist.", "Fish & chips < 5 > 3"]
    assert [a["you_said"] for a in names["doing"]] == ["Meetings in police stations put people off.",
                                                      "Nobody knows the panels exist."]
    assert [a["you_said"] for a in names["not_doing"]] == ["Stop using police stations altogether."]
    assert names["thanks"].startswith("Thank you to the 27 people who came to the Trust and confidence Innovation Hub.")


def test_action_names_give_status_owner_and_a_uk_date():
    assert action_context(Action("x", "y", "Panel chair", "Done", "2022-04-05", progress="Since May")) == {
        "you_said": "x", "we_did": "y", "status": "Done", "owner": "Panel chair", "when": "Done by 5 April 2022",
        "progress": "Since May"}
    assert action_context(Action("x", "", "", "", ""))["we_did"] == "We have not decided yet."
    assert action_context(Action("x", status=" NOT  doing "))["status"] == "NOT  doing"


def test_next_steps_are_the_open_actions_soonest_first():
    actions = [Action("a", "later", status="Planned", due="2022-09-30"), Action("b", "done", status="Done", due="2022-04-01"),
               Action("c", "sooner", status="In progress", due="2022-05-31"), Action("d", "undated", status="Planned")]
    assert next_steps(actions) == [{"what": "sooner", "when": "31 May 2022"}, {"what": "later", "when": "30 September 2022"}]


@pytest.mark.parametrize("count, n, shown", [
    (5, 24, "5 of 24 (21%)"),        # at the threshold: shown
    (4, 24, "fewer than 5 of 24"),   # below it: suppressed, percentage too
    (20, 24, "more than 19 of 24"),  # 4 below the cut-off would give it away
    (3, 4, "fewer than 5 people answered"),
    (29, 200, "29 of 200 (15%)"),    # 14.5%, halves up
])
def test_findings_suppress_exactly_at_the_threshold(example_config, count, n, shown):
    question = replace(EVALUATION.questions[0], pre=Proportion(count, n, 0.1, 0.9))
    rows = findings(example_config.event, replace(EVALUATION, questions=[question]), 5)["rows"]
    assert rows == [{"question": "How much do you trust the police now?", "before": shown, "after": "8 of 24 (33%)",
                     "counted": "8, 9 or 10 out of 10"}]


def test_findings_name_one_phrase_when_every_question_counts_the_same_answers(example_config):
    assert findings(example_config.event, EVALUATION, 5)["cutoff"] == "8, 9 or 10 out of 10"


def test_findings_name_each_question_s_answers_when_the_scales_differ(example_config):
    agree = replace(EVALUATION.questions[0], id="confidence", scale="agree", cutoff=4)
    result = findings(example_config.event, replace(EVALUATION, questions=[agree, EVALUATION.questions[1]]), 5)
    assert result["cutoff"] == ""
    assert [row["counted"] for row in result["rows"]] == ["strongly agree or agree", "8, 9 or 10 out of 10"]


def test_findings_without_any_forms(example_config):
    nobody = replace(EVALUATION.questions[3])
    result = findings(example_config.event, replace(EVALUATION, questions=[nobody]), 5)
    assert result["rows"] == []
    assert result["none"] == "We did not receive any survey forms, so we have no survey results to share."


def test_who_took_part_suppresses_small_sectors_and_a_second_cell():
    attendance = replace(EVALUATION.attendance, attended=20,
                         by_sector=[("Resident", 9, 12, 0, 0), ("Business", 3, 3, 0, 0), ("Health", 2, 5, 0, 0),
                                    ("Council", 2, 0, 0, 0)])
    result = took_part(replace(EVALUATION, attendance=attendance), 5)
    assert result["total"] == "20 people came. This is how they described themselves:"
    assert result["rows"] == [{"sector": "Resident", "count": 12}, {"sector": "Business", "count": "fewer than 5"},
                              {"sector": "Health", "count": NOT_SHOWN}]


def test_who_took_part_is_not_broken_down_when_every_breakdown_gives_a_count_away():
    # 6 came, 1 and 5: "not shown" is at least 5, so "fewer than 5" could only be 1.
    attendance = replace(EVALUATION.attendance, attended=6, by_sector=[("Resident", 9, 5, 0, 0), ("Business", 3, 1, 0, 0)])
    assert took_part(replace(EVALUATION, attendance=attendance), 5) == {
        "total": "6 people came. The groups they came from are too small to show without pointing to someone.",
        "rows": []}


def test_who_took_part_when_few_came_or_nobody_counted():
    few = replace(EVALUATION.attendance, attended=3, by_sector=[("Resident", 9, 3, 0, 0)])
    assert took_part(replace(EVALUATION, attendance=few), 5) == {"total": "Fewer than 5 people came.", "rows": []}
    unknown = replace(EVALUATION.attendance, attended=None, by_sector=[("Resident", 9, None, 0, 0)])
    assert took_part(replace(EVALUATION, attendance=unknown), 5) == {"total": "", "rows": []}


def test_fewer_people_than_the_threshold_are_neither_counted_nor_thanked_by_number(example_config):
    small = replace(EVALUATION, attendance=replace(EVALUATION.attendance, attended=3,
                                                   by_sector=[("Resident", 9, 3, 0, 0)]))
    assert took_part(small, 5) == {"total": "Fewer than 5 people came.", "rows": []}
    assert thanks(example_config.event, small, 5).startswith("Thank you to everyone who came to the ")
    assert thanks(example_config.event, small, 3).startswith("Thank you to the 3 people who came to the ")
