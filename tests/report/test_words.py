"""The reports' plain English (packgen.report.words): figures, and every sentence said about the
evaluation's numbers, exact and never claiming more than the numbers carry."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from evaluation_samples import paired, question, unpaired

from packgen.stages.demo import sample_sources
from packgen.evaluation import Comparison, Proportion, evaluate
from packgen.report.words import (
    change_text,
    comparison_note,
    data_quality,
    day_month_year,
    headlines,
    interval_text,
    limitations,
    method_name,
    p_value_text,
    people,
    pounds,
    reading,
    share_text,
)
from packgen.results import ingest
from packgen.results.dataset import Dataset, Issue, Place, Response, SectorCount

FIVE_OR_FEWER = "with five or fewer"


@pytest.fixture
def event(example_config):
    """The example hub: trust, awareness, heard and join asked before and after; return and
    recommend after only; cut-off 8; 30 invitees."""
    return example_config.event


def percent(count: int, n: int) -> str:
    """Return a whole percentage rounded half up, worked out independently of packgen."""
    value = (Decimal(100) * count / n).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{value}%"


def test_share_text_is_count_of_n_with_the_percentage():
    assert share_text(Proportion(8, 24, 0.18, 0.53)) == "8 of 24 (33%)"
    assert share_text(Proportion(1, 8, 0.02, 0.47)) == "1 of 8 (13%)"
    assert share_text(Proportion(0, 0, None, None)) == "nobody answered"


def test_share_text_never_suppresses_small_counts():
    assert share_text(Proportion(1, 2, 0.09, 0.91)) == "1 of 2 (50%)"


def test_share_text_rounds_29_of_200_up_to_15_percent():
    assert share_text(Proportion(29, 200, 0.1, 0.2)) == "29 of 200 (15%)"


def test_interval_text():
    assert interval_text(Proportion(6, 25, 0.115, 0.4343)) == "12% to 43%"
    assert interval_text(Proportion(29, 200, 0.145, 0.245)) == "15% to 25%"  # halves up, not to even
    assert interval_text(Proportion(0, 0, None, None)) == ""


@pytest.mark.parametrize("before, after, expected", [
    ((10, 32), (24, 32), "up 44 percentage points"),   # 31% to 75%
    ((29, 200), (60, 200), "up 15 percentage points"),  # 15% to 30%: the printed figures' difference
    ((30, 100), (29, 100), "down 1 percentage point"),
    ((29, 200), (30, 200), "no change to the nearest percentage point"),  # 15% and 15%
    ((5, 20), (6, 24), "no change"),
])
def test_change_text_is_the_difference_of_the_printed_percentages(before, after, expected):
    assert change_text(Proportion(*before, None, None), Proportion(*after, None, None)) == expected


@pytest.mark.parametrize("p, expected", [
    (0.5, "p = 0.500"), (0.0123, "p = 0.012"), (0.0004, "p < 0.001"), (0.04996, "p < 0.05"), (0.0504, "p = 0.050"),
])
def test_p_value_text(p, expected):
    assert p_value_text(p) == expected


def test_dates_are_written_the_uk_way_without_the_weekday():
    assert day_month_year("2022-04-05") == "5 April 2022"
    assert day_month_year("soon") == "soon"


def test_pounds_and_people():
    assert pounds(1640.5) == "£1,640.50"
    assert pounds(5000) == "£5,000"
    assert pounds(None) == "–"
    assert people(1) == "1 person"
    assert people(27) == "27 people"


# --- Tests ------------------------------------------------------------------------------------


def test_method_names():
    assert [method_name(m) for m in ("mcnemar", "wilcoxon", "fisher", "mann_whitney")] == [
        "exact McNemar test", "Wilcoxon signed-rank test", "Fisher's exact test", "Mann–Whitney U test"]


def test_a_mcnemar_note_says_who_crossed_and_what_the_p_value_shows(event):
    test = question(evaluate(event, paired([(3, 9)] * 6 + [(9, 9)] * 4 + [(2, 2)] * 3)), "trust").cutoff_test
    assert comparison_note(test) == (
        "Of the 13 people whose before and after forms were matched, 6 went from below 8 to 8, 9 or 10 out"
        " of 10 and 0 went the other way. A difference this large would be unlikely if nothing had really"
        " changed (p = 0.031), though it does not show what caused it.")


@pytest.mark.parametrize("movers", range(1, 9))
def test_few_movers_note_appears_exactly_when_five_or_fewer_people_change_category(event, movers):
    result = question(evaluate(event, paired([(3, 9)] * movers + [(9, 9)] * 5)), "trust")
    assert (FIVE_OR_FEWER in comparison_note(result.cutoff_test)) is (movers <= 5)
    assert ("too few for a test to show a change" in reading(result)) is (movers <= 5)


def test_nobody_crossing_the_cutoff_says_why_there_is_no_p_value(event):
    result = question(evaluate(event, paired([(3, 5), (9, 8), (10, 10)])), "trust")
    assert ("Nobody crossed the cut-off, so there is no change for the test to weigh"
            in comparison_note(result.cutoff_test))
    assert "nobody crossed the cut-off, so there is no change to test." in reading(result)


def test_wilcoxon_says_five_or_fewer_changed_scores_cannot_show_a_change(event):
    test = question(evaluate(event, paired([(1, 1 + d) for d in range(1, 6)])), "trust").score_test
    assert comparison_note(test) == (
        "Of the 5 people whose forms were matched, 5 gave a different score after. Only 5 people changed"
        " their score; with five or fewer, even if every change went the same way this test could not"
        " reach p < 0.05, so it cannot show a change.")
    six = question(evaluate(event, paired([(1, 1 + d) for d in range(1, 7)])), "trust").score_test
    assert FIVE_OR_FEWER not in comparison_note(six)


def test_identical_matched_scores_say_why_there_is_no_p_value(event):
    trust = question(evaluate(event, paired([(5, 5)] * 4)), "trust")
    assert comparison_note(trust.score_test).endswith(
        "With every score the same before and after, there is no change to test, so no p-value is given.")


def test_a_test_scipy_cannot_work_out_says_so():
    test = Comparison("wilcoxon", True, 4, None, changed=3, smallest_p=0.25)
    assert comparison_note(test) == ("Of the 4 people whose forms were matched, 3 gave a different score"
                                     " after. scipy could not work out the test on these answers, so no"
                                     " p-value is given.")
    unpaired_test = Comparison("fisher", False, 6, None, cutoff=8, before=3, after=3)
    assert comparison_note(unpaired_test).endswith("scipy could not work out the test on these answers, so"
                                                   " no p-value is given.")


def test_unpaired_notes_say_the_groups_may_not_be_the_same_people(event):
    result = question(evaluate(event, unpaired([9, 9, 2, 3, 4, 5, 8], [9, 9, 9, 10, 8, 4, 7])), "trust")
    assert "may not be the same people" in reading(result)
    assert comparison_note(result.cutoff_test).startswith(
        "The before and after forms could not be matched person to person, so this compares two groups"
        " that may not be the same people. A difference like this could well be chance (p = ")
    assert "may not be the same people" in comparison_note(result.score_test)


def test_an_unpaired_note_where_other_forms_were_matched_says_nobody_answered_on_both(event):
    dataset = paired([(3, 9)] * 3)
    dataset.pre.append(Response("pre", "X", {"awareness": 4}))
    dataset.post.append(Response("post", "Y", {"awareness": 9}))
    awareness = question(evaluate(event, dataset), "awareness")
    assert comparison_note(awareness.cutoff_test).startswith(
        "Nobody answered this question on both of their matched forms, so this compares everyone's answers"
        " before with everyone's after, and the two groups may not be the same people.")


def test_a_stage_nobody_answered_cannot_be_compared(event):
    evaluation = evaluate(event, Dataset(event={}, questions=[]))
    assert comparison_note(question(evaluation, "trust").cutoff_test) == (
        "Nobody answered this question before or after the hub, so before and after cannot be compared.")
    only_post = evaluate(event, Dataset(event={}, questions=[], post=[Response("post", "A", {"trust": 9})]))
    assert comparison_note(question(only_post, "trust").cutoff_test).startswith(
        "Nobody answered this question before the hub")


# --- A question's reading ---------------------------------------------------------------------


def test_reading_gives_both_shares_with_the_cutoff_in_words(event):
    result = question(evaluate(event, unpaired([9] * 5 + [2] * 21, [9] * 8 + [3] * 16)), "trust")
    assert reading(result).startswith("Before the hub, 5 of 26 people (19%) scored 8, 9 or 10 out"
                                      " of 10. After it, 8 of 24 (33%) did.")


def test_29_of_200_reads_15_percent_and_the_change_is_that_of_the_printed_figures(event):
    # 14.5% rounds half up to 15%, and 60 of 200 is 30%: a rise of 15 points as printed (15.5 exactly).
    evaluation = evaluate(event, unpaired([9] * 29 + [2] * 171, [9] * 60 + [2] * 140))
    assert reading(question(evaluation, "trust")).startswith(
        "Before the hub, 29 of 200 people (15%) scored 8, 9 or 10 out of 10. After it, 60 of 200 (30%) did.")
    assert "(15%) scored 8, 9 or 10 out of 10. After it, 60 of 200 (30%) did. That is a rise of 15 percentage" \
           " points." in headlines(evaluation.questions)[0]


def test_readings_when_nobody_answered(event):
    evaluation = evaluate(event, Dataset(event={}, questions=[]))
    assert reading(question(evaluation, "trust")) == ("Nobody answered this question before or after the"
                                                      " hub, so no share can be given.")
    assert reading(question(evaluation, "return")) == ("Asked only after the hub, and nobody answered it,"
                                                       " so no share can be given.")
    assert headlines(evaluation.questions) == [] and data_quality(evaluation) == []


def test_reading_of_before_only_answers_says_no_change_can_be_measured(event):
    dataset = Dataset(event={}, questions=[], pre=[Response("pre", "A", {"trust": 9}) for _ in range(3)])
    assert "Nobody answered it after the hub, so no change can be measured." in reading(
        question(evaluate(event, dataset), "trust"))


def test_reading_of_after_only_answers_says_there_is_nothing_to_compare(event):
    dataset = Dataset(event={}, questions=[], post=[Response("post", "A", {"trust": 9, "return": 3})])
    assert reading(question(evaluate(event, dataset), "trust")).startswith(
        "Nobody answered this question before the hub, so there is nothing to compare with. After it, 1 of"
        " 1 person (100%) scored")


def test_one_attendee_is_flagged_as_saying_nothing_about_anyone_else(event):
    trust = question(evaluate(event, paired([(3, 9)])), "trust")
    assert "Only 1 person changed category; with five or fewer" in comparison_note(trust.cutoff_test)
    assert reading(trust).endswith("With one answer, one person's score is the whole share: it says"
                                   " nothing about anyone else.")


def test_small_numbers_are_flagged_with_each_persons_share(event):
    trust = question(evaluate(event, unpaired([9] * 4, [9] * 8)), "trust")
    assert reading(trust).endswith("These are small numbers (4 answers): each person is 25% of the total,"
                                   " so treat the shares with care.")


def test_identical_unmatched_scores_read_as_chance(event):
    trust = question(evaluate(event, unpaired([5, 5, 5], [5, 5, 5])), "trust")
    assert "could well be chance (p = 1.000)" in reading(trust)


def test_a_question_asked_after_only_reads_its_share(event):
    dataset = paired([(3, 9)] * 6)
    for response in dataset.post:
        response.scores["return"] = 10
    assert reading(question(evaluate(event, dataset), "return")).startswith(
        "Asked only after the hub: 6 of 6 people (100%) scored 8, 9 or 10 out of 10.")


def test_headlines_put_the_largest_change_first_then_post_only_shares(event):
    pre = [Response("pre", f"A{i}", {"trust": 9 if i < 2 else 3, "awareness": 3}) for i in range(10)]
    post = [Response("post", f"B{i}", {"trust": 9 if i < 3 else 3, "awareness": 9 if i < 6 else 3,
                                       "return": 9}) for i in range(10)]
    lines = headlines(evaluate(event, Dataset(event={}, questions=[], pre=pre, post=post)).questions)
    trust, awareness = (q for q in event.evaluation.questions if q.id in ("trust", "awareness"))
    assert len(lines) == 3
    assert lines[0].startswith(f"“{awareness.post}” Before the hub, 0 of 10 people (0%) scored"
                               " 8, 9 or 10 out of 10. After it, 6 of 10 (60%) did. That is a"
                               " rise of 60 percentage points.")
    assert lines[1].startswith(f"“{trust.post}” Before the hub, 2 of 10 people (20%)")
    assert "That is a rise of 10 percentage points." in lines[1]
    assert lines[2].endswith("Asked only after the hub: 10 of 10 people (100%) scored 8, 9 or 10"
                             " out of 10.")


def test_sample_readings_give_every_count_and_percentage(example_config):
    dataset = ingest(example_config, sample_sources())
    evaluation = evaluate(example_config.event, dataset)
    for result in evaluation.questions:
        for share in (result.pre, result.post):
            if share is not None:
                assert f"{share.count} of {share.n}" in reading(result)
                assert f"({percent(share.count, share.n)})" in reading(result)
        for test in (result.cutoff_test, result.score_test):
            if test is not None and test.method == "mcnemar":
                assert (FIVE_OR_FEWER in comparison_note(test)) is (0 < test.changed <= 5)


# --- Limitations and data quality -------------------------------------------------------------


def test_limitations_name_the_method_caveats(event):
    lines = limitations(evaluate(event, paired([(3, 9), (4, 8)])))
    assert ("Only the people who chose to come filled in the forms, so their answers may not speak for"
            " the wider community.") in lines
    assert ("2 people had before and after forms matched by personal code. The paired tests use only"
            " them; the shares use every form returned.") in lines
    assert any("not averages" in line for line in lines)
    assert any("cannot show that the hub caused" in line for line in lines)
    assert any(line.startswith("No attendance was recorded") for line in lines)
    assert ("Nobody answered 'awareness', 'heard', 'join', 'return' and 'recommend', so they have no"
            " figures.") in lines


def test_limitations_say_what_forms_were_read(event):
    assert limitations(evaluate(event, Dataset(event={}, questions=[])))[0] == (
        "No forms were read, so none of the survey figures could be worked out.")
    pre_only = Dataset(event={}, questions=[], pre=[Response("pre", "A", {"trust": 9})])
    assert limitations(evaluate(event, pre_only))[0].startswith(
        "No after-event forms were read, so no change could be measured")
    post_only = Dataset(event={}, questions=[], post=[Response("post", "A", {"trust": 9})])
    assert limitations(evaluate(event, post_only))[0].startswith("No before-event forms were read")


def test_unpaired_limitation_says_the_groups_may_differ(event):
    assert any("two groups that may not be the same people" in line
               for line in limitations(evaluate(event, unpaired([3, 4], [8, 9]))))


def test_limitations_say_forms_are_missing_when_fewer_came_back_than_attended(event):
    dataset = paired([(3, 9), (4, 8)])
    dataset.attendance = [SectorCount("Resident", 4, 3)]
    assert ("3 people came; 2 before-event and 2 after-event forms came back. The views of those who did"
            " not return a form are missing.") in limitations(evaluate(event, dataset))


def test_data_quality_gives_one_line_per_kind_of_problem_and_what_was_done(event):
    place = Place("forms.csv", row=3)
    dataset = paired([(3, 9)])
    dataset.issues = [Issue(place, "x", "bad_score"), Issue(place, "y", "blank_row"),
                      Issue(place, "z", "bad_score"), Issue(place, "w", "strange_thing")]
    assert data_quality(evaluate(event, dataset)) == [
        "2 answers were not a score from 0 to 10 and were left out.",
        "1 blank row was skipped.",
        "1 other problem (strange thing) was found; the results summary says where.",
    ]
