"""The evaluation: shares, intervals and tests match scipy and hand-worked figures, and every edge
case gives None for what it could not compute (the words are tested in tests/report/test_words.py)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from scipy import stats

from evaluation_samples import paired, question, unpaired

from packgen.stages.demo import sample_sources
from packgen.evaluation import Proportion, evaluate
from packgen.results import ingest
from packgen.results.dataset import (
    Dataset,
    Issue,
    Place,
    Response,
    SectorCount,
    SpentLine,
)

@pytest.fixture
def event(example_config):
    """The example hub: trust, awareness, heard and join asked before and after; return and
    recommend after only; cut-off 8; 30 invitees; budget £5,000 with £4,550 of estimates."""
    return example_config.event


def wilson(count: int, n: int):
    return stats.binomtest(count, n).proportion_ci(confidence_level=0.95, method="wilson")


# --- Shares and intervals -------------------------------------------------------------------


def test_shares_count_scores_at_or_above_the_cutoff_with_scipys_wilson_bounds(event):
    result = question(evaluate(event, unpaired([8, 7, 9, 10, 3], [7, 7, 8, 2])), "trust")
    assert (result.pre.count, result.pre.n, result.post.count, result.post.n) == (3, 5, 1, 4)
    assert (result.pre.low, result.pre.high) == (wilson(3, 5).low, wilson(3, 5).high)
    assert (result.post.low, result.post.high) == (wilson(1, 4).low, wilson(1, 4).high)
    assert result.cutoff == 8
    assert result.change_points == pytest.approx((1 / 4 - 3 / 5) * 100)


def test_wilson_interval_matches_a_hand_computed_value(event):
    # 5 of 26, z = 1.959964: centre (p + z²/2n) / (1 + z²/n) = 0.231915,
    # half-width z / (1 + z²/n) × √(p(1 − p)/n + z²/4n²) = 0.146846, so 0.0851 to 0.3788.
    result = question(evaluate(event, unpaired([9] * 5 + [2] * 21, [9])), "trust")
    assert (round(result.pre.low, 4), round(result.pre.high, 4)) == (0.0851, 0.3788)


def test_distributions_count_every_score_from_0_to_10(event):
    result = question(evaluate(event, unpaired([0, 0, 5, 10], [10, 10, 10])), "trust")
    assert result.pre_distribution == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert result.post_distribution == [0] * 10 + [3]


# --- Paired tests ---------------------------------------------------------------------------


def test_exact_mcnemar_p_matches_binomtest_and_the_hand_value(event):
    # Six up and none down: p = 2 × 0.5⁶ = 0.03125.
    result = question(evaluate(event, paired([(3, 9)] * 6 + [(9, 9)] * 4 + [(2, 2)] * 3)), "trust")
    test = result.cutoff_test
    assert (test.method, test.paired, test.n, test.moved_up, test.moved_down, test.changed) == (
        "mcnemar", True, 13, 6, 0, 6)
    assert test.p_value == 0.03125 == stats.binomtest(6, 6, 0.5).pvalue
    assert test.smallest_p == 0.03125 and test.too_few is False


def test_exact_mcnemar_counts_people_moving_down_too(event):
    # Seven up, two down: p = 2 × (1 + 9 + 36) / 2⁹ = 0.1796875.
    result = question(evaluate(event, paired([(5, 8)] * 7 + [(8, 7)] * 2 + [(9, 10)])), "trust")
    test = result.cutoff_test
    assert (test.moved_up, test.moved_down) == (7, 2)
    assert test.p_value == pytest.approx(0.1796875) == stats.binomtest(7, 9, 0.5).pvalue


@pytest.mark.parametrize("movers", range(1, 9))
def test_too_few_is_exactly_five_or_fewer_people_changing_category(event, movers):
    test = question(evaluate(event, paired([(3, 9)] * movers + [(9, 9)] * 5)), "trust").cutoff_test
    assert test.smallest_p == 2 * 0.5 ** movers
    assert test.too_few is (movers <= 5)


def test_nobody_crossing_the_cutoff_gives_no_mcnemar_p(event):
    result = question(evaluate(event, paired([(3, 5), (9, 8), (10, 10)])), "trust")
    assert result.cutoff_test.p_value is None
    assert (result.cutoff_test.moved_up, result.cutoff_test.moved_down, result.cutoff_test.changed) == (0, 0, 0)
    assert result.cutoff_test.smallest_p is None and result.cutoff_test.too_few is False


def test_wilcoxon_matches_scipy_on_paired_scores(event):
    scores = [(2, 5), (3, 4), (4, 8), (6, 6), (5, 9), (7, 10), (1, 3), (8, 7)]
    test = question(evaluate(event, paired(scores)), "trust").score_test
    before, after = zip(*scores)
    expected = stats.wilcoxon(after, before)
    assert (test.method, test.paired, test.n, test.changed) == ("wilcoxon", True, 8, 7)
    assert (test.statistic, test.p_value) == (expected.statistic, expected.pvalue)


def test_wilcoxon_matches_the_hand_value_when_six_scores_all_rise(event):
    # Differences 1..6, all positive: only this sign pattern and its mirror are as extreme,
    # so p = 2 / 2⁶ = 0.03125.
    test = question(evaluate(event, paired([(1, 1 + d) for d in range(1, 7)])), "trust").score_test
    assert (test.statistic, test.p_value) == (0, 0.03125)
    assert test.too_few is False


def test_wilcoxon_on_five_or_fewer_changed_scores_is_too_few(event):
    test = question(evaluate(event, paired([(1, 1 + d) for d in range(1, 6)])), "trust").score_test
    assert (test.p_value, test.changed, test.smallest_p, test.too_few) == (0.0625, 5, 0.0625, True)


def test_a_pair_counts_for_a_question_only_when_both_forms_answered_it(event):
    pre = [Response("pre", c, {"trust": 4, "awareness": 4}) for c in ("A", "B", "C")]
    post = [Response("post", "A", {"trust": 9, "awareness": 9}),
            Response("post", "B", {"trust": 9}), Response("post", "C", {"trust": 9, "awareness": 2})]
    evaluation = evaluate(event, Dataset(event={}, questions=[], pre=pre, post=post))
    assert question(evaluation, "trust").cutoff_test.n == 3
    assert question(evaluation, "awareness").cutoff_test.n == 2
    assert question(evaluation, "awareness").score_test.n == 2
    assert evaluation.attendance.pairs == 3


# --- Unpaired tests -------------------------------------------------------------------------


def test_unpaired_tests_are_used_when_codes_do_not_match(event):
    before, after = [9, 9, 2, 3, 4, 5, 8], [9, 9, 9, 10, 8, 4, 7]
    result = question(evaluate(event, unpaired(before, after)), "trust")
    fisher = stats.fisher_exact([[3, 4], [5, 2]])
    mann_whitney = stats.mannwhitneyu(after, before, alternative="two-sided")
    cutoff, score = result.cutoff_test, result.score_test
    assert (cutoff.method, cutoff.paired, cutoff.n, cutoff.before, cutoff.after, cutoff.moved_up) == (
        "fisher", False, 14, 7, 7, None)
    assert (cutoff.p_value, cutoff.statistic, cutoff.paired_elsewhere) == (fisher.pvalue, fisher.statistic, False)
    assert (score.method, score.paired, score.n, score.before, score.after) == ("mann_whitney", False, 14, 7, 7)
    assert (score.p_value, score.statistic) == (mann_whitney.pvalue, mann_whitney.statistic)


def test_fisher_gives_no_odds_ratio_when_it_would_be_infinite(event):
    result = question(evaluate(event, unpaired([8, 9, 10], [2, 3, 4])), "trust")
    assert math.isinf(stats.fisher_exact([[3, 0], [0, 3]]).statistic)
    assert result.cutoff_test.p_value == stats.fisher_exact([[3, 0], [0, 3]]).pvalue
    assert result.cutoff_test.statistic is None


# --- Edge cases -----------------------------------------------------------------------------


def test_no_results_at_all_gives_empty_shares_and_no_tests(event):
    evaluation = evaluate(event, Dataset(event={}, questions=[]))
    trust = question(evaluation, "trust")
    assert trust.pre == trust.post == Proportion(count=0, n=0, low=None, high=None)
    assert trust.change_points is None and trust.cutoff_test.p_value is None
    assert (trust.cutoff_test.before, trust.cutoff_test.after) == (0, 0)
    assert question(evaluation, "return").post == Proportion(count=0, n=0, low=None, high=None)
    assert evaluation.issues == {}


def test_only_pre_forms_give_before_shares_and_no_change(event):
    dataset = Dataset(event={}, questions=[], pre=[Response("pre", "A", {"trust": 9}) for _ in range(3)])
    trust = question(evaluate(event, dataset), "trust")
    assert (trust.pre.count, trust.pre.n, trust.post.n, trust.post.low) == (3, 3, 0, None)
    assert trust.change_points is None and trust.cutoff_test.p_value is None


def test_only_post_forms_give_after_shares_and_nothing_to_compare(event):
    dataset = Dataset(event={}, questions=[], post=[Response("post", "A", {"trust": 9, "return": 3})])
    trust = question(evaluate(event, dataset), "trust")
    assert (trust.pre.n, trust.pre.low, trust.post.count, trust.post.n) == (0, None, 1, 1)
    assert (trust.cutoff_test.before, trust.cutoff_test.after, trust.cutoff_test.p_value) == (0, 1, None)


def test_one_attendee_is_evaluated_and_is_too_few_for_a_test(event):
    trust = question(evaluate(event, paired([(3, 9)])), "trust")
    assert (trust.cutoff_test.moved_up, trust.cutoff_test.p_value, trust.cutoff_test.too_few) == (1, 1.0, True)
    assert (trust.pre.n, trust.post.n) == (1, 1)


def test_a_question_nobody_answered_has_no_share_and_no_interval(event):
    awareness = question(evaluate(event, paired([(3, 9), (4, 9)])), "awareness")
    assert awareness.pre == Proportion(count=0, n=0, low=None, high=None)
    assert awareness.pre.share is None and awareness.post.low is None


def test_identical_matched_scores_give_no_p_values(event):
    trust = question(evaluate(event, paired([(5, 5)] * 4)), "trust")
    assert trust.pre_distribution == trust.post_distribution == [0] * 5 + [4] + [0] * 5
    assert trust.cutoff_test.p_value is None and trust.score_test.p_value is None
    assert trust.score_test.changed == 0 and trust.score_test.statistic is None


def test_identical_unmatched_scores_give_p_values_of_one(event):
    trust = question(evaluate(event, unpaired([5, 5, 5], [5, 5, 5])), "trust")
    assert trust.cutoff_test.p_value == 1.0 and trust.score_test.p_value == 1.0


def test_post_only_questions_have_no_before_share_and_no_test(event):
    dataset = paired([(3, 9)] * 6)
    for response in dataset.post:
        response.scores["return"] = 10
    result = question(evaluate(event, dataset), "return")
    assert result.pre is None and result.pre_wording is None and result.pre_distribution == []
    assert (result.post.count, result.post.n) == (6, 6)
    assert result.cutoff_test is None and result.score_test is None and result.change_points is None


def test_no_budget_sheet_gives_the_config_estimates_and_no_actual(event):
    money = evaluate(event, paired([(3, 9)])).money
    assert money.from_workbook is False and money.actual is None
    assert money.budget == event.budget.total
    assert money.estimate == sum(line.estimate for line in event.budget.lines)
    assert money.lines == [(line.item, line.estimate, None) for line in event.budget.lines]


def test_no_attendance_rows_give_the_invite_list_and_no_attended_count(event):
    evaluation = evaluate(event, paired([(3, 9)]))
    attendance = evaluation.attendance
    assert (attendance.invited, attendance.attended) == (len(event.invitees), None)
    assert all(row[2] is None for row in attendance.by_sector)
    assert evaluation.money.attendees is None and evaluation.money.cost_per_attendee is None


# --- Attendance, money, issues --------------------------------------------------------------


def test_attendance_comes_from_the_workbook_rows_with_forms_by_sector(event):
    pre = [Response("pre", "A", {}, sector="Resident"), Response("pre", "B", {}, sector="Resident"),
           Response("pre", "C", {})]
    post = [Response("post", "A", {}, sector="Resident"), Response("post", "D", {}, sector="Business")]
    dataset = Dataset(event={}, questions=[], pre=pre, post=post,
                      attendance=[SectorCount("Resident", 5, 4), SectorCount("Business", 2, 1)])
    attendance = evaluate(event, dataset).attendance
    assert (attendance.invited, attendance.attended, attendance.pre_forms, attendance.post_forms,
            attendance.pairs) == (7, 5, 3, 2, 1)
    assert attendance.by_sector == [
        ("Resident", 5, 4, 2, 1), ("Business", 2, 1, 0, 1), ("Not given", 0, 0, 1, 0)]


def test_money_sums_workbook_lines_and_divides_the_actual_by_those_who_came(event):
    dataset = Dataset(event={}, questions=[], budget_total=1000,
                      budget=[SpentLine("Venue", 100, None), SpentLine("Food", 200, 150.5)],
                      attendance=[SectorCount("Resident", 6, 5)])
    money = evaluate(event, dataset).money
    assert (money.budget, money.estimate, money.actual, money.attendees) == (1000, 300, 150.5, 5)
    assert money.cost_per_attendee == 150.5 / 5 and money.from_workbook is True
    assert money.lines == [("Venue", 100, None), ("Food", 200, 150.5)]


def test_money_uses_the_estimate_per_attendee_when_no_actual_was_typed(event):
    dataset = Dataset(event={}, questions=[], budget=[SpentLine("Venue", 100, None)],
                      attendance=[SectorCount("Resident", 6, 4)])
    money = evaluate(event, dataset).money
    assert (money.actual, money.cost_per_attendee, money.budget) == (None, 25, event.budget.total)


def test_issues_are_counted_by_kind_in_the_order_first_met(event):
    place = Place("forms.csv", row=3)
    dataset = paired([(3, 9)])
    dataset.issues = [Issue(place, "x", "bad_score"), Issue(place, "y", "blank_row"),
                      Issue(place, "z", "bad_score"), Issue(place, "w", "strange_thing")]
    assert list(evaluate(event, dataset).issues.items()) == [("bad_score", 2), ("blank_row", 1), ("strange_thing", 1)]


# --- The bundled sample results -------------------------------------------------------------


def test_sample_results_give_the_figures_worked_out_from_the_raw_forms(example_config):
    dataset = ingest(example_config, sample_sources())
    evaluation = evaluate(example_config.event, dataset)
    pairs = dataset.pairs()
    for asked in dataset.questions:
        qid, cutoff, result = asked["id"], asked["cutoff"], question(evaluation, asked["id"])
        for stage in ("pre", "post"):
            if not asked[stage]:
                assert getattr(result, stage) is None
                continue
            scores = [r.scores[qid] for r in getattr(dataset, stage) if qid in r.scores]
            count = sum(1 for s in scores if s >= cutoff)
            share = getattr(result, stage)
            assert (share.count, share.n) == (count, len(scores))
            interval = wilson(count, len(scores))
            assert (share.low, share.high) == (interval.low, interval.high)
        if asked["pre"] and asked["post"]:
            matched = [(a.scores[qid], b.scores[qid]) for a, b in pairs
                       if qid in a.scores and qid in b.scores]
            up = sum(1 for a, b in matched if a < cutoff <= b)
            down = sum(1 for a, b in matched if b < cutoff <= a)
            test = result.cutoff_test
            assert (test.n, test.moved_up, test.moved_down) == (len(matched), up, down)
            assert test.p_value == stats.binomtest(up, up + down, 0.5).pvalue
            assert test.too_few is (up + down <= 5)


def test_sample_attendance_and_money_match_the_workbook(example_config):
    dataset = ingest(example_config, sample_sources())
    evaluation = evaluate(example_config.event, dataset)
    attendance, money = evaluation.attendance, evaluation.money
    attended = sum(row.attended for row in dataset.attendance)
    actual = sum(line.actual for line in dataset.budget if line.actual is not None)
    assert (attendance.invited, attendance.attended) == (sum(r.invited for r in dataset.attendance), attended)
    assert (attendance.pre_forms, attendance.post_forms, attendance.pairs) == (
        len(dataset.pre), len(dataset.post), len(dataset.pairs()))
    assert sum(row[3] for row in attendance.by_sector) == len(dataset.pre)
    assert sum(row[4] for row in attendance.by_sector) == len(dataset.post)
    assert money.from_workbook is True and money.budget == dataset.budget_total
    assert money.actual == pytest.approx(actual)
    assert money.cost_per_attendee == pytest.approx(actual / attended)


def test_sample_issues_are_counted_by_kind(example_config):
    dataset = ingest(example_config, sample_sources())
    issues = evaluate(example_config.event, dataset).issues
    assert issues == {kind: sum(1 for issue in dataset.issues if issue.kind == kind)
                      for kind in dict.fromkeys(issue.kind for issue in dataset.issues)}
    assert issues["bad_score"] == 2


def test_every_p_value_and_interval_is_a_real_number_or_none(example_config):
    evaluation = evaluate(example_config.event, ingest(example_config, sample_sources()))
    for result in evaluation.questions:
        for value in (result.cutoff_test and result.cutoff_test.p_value,
                      result.score_test and result.score_test.p_value,
                      result.post.low, result.post.high):
            assert value is None or math.isfinite(value)


def test_importing_the_cli_does_not_import_scipy():
    code = ("import sys, packgen.cli, packgen.evaluation;"
            " print(any(m.startswith('scipy') for m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output == "False\n"
