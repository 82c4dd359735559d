"""The evaluation stage: what a hub's results show, computed once for every report.

From the event config and its results dataset this computes, per survey question, the share of
attendees scoring at or above the cut-off before and after (with 95% Wilson intervals), the full
0–10 distributions, and the right test: paired when forms are linked by personal code (exact
McNemar on the cut-off, Wilcoxon signed-rank on scores), unpaired otherwise (Fisher's exact,
Mann–Whitney U). scipy does the statistics.

Only numbers live here: what cannot be computed is None, and every figure a sentence needs (how
many people changed category, the smallest p-value a test could give them, how many answered at
each stage) is a field. The reports word them (:mod:`packgen.report.words`), saying what each
figure cannot show; what may be published of them is decided in :mod:`packgen.disclosure`.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

from packgen import scales
from packgen import workbook_layout as layout
from packgen.model import Event, Question
from packgen.results.dataset import Dataset, Response

SMALL_GROUP = 20
"""Below this many answers each person is more than 5% of a share, and the reading says so."""

SIGNIFICANCE = 0.05
"""The usual 5% level; results are described against it, never claimed as causes."""


@dataclass(frozen=True)
class Proportion:
    """How many of those who answered scored at or above the cut-off, with a 95% Wilson interval."""

    count: int
    n: int
    low: float | None
    """Lower end of the 95% Wilson interval (0–1); None when n is 0."""
    high: float | None

    @property
    def share(self) -> float | None:
        return self.count / self.n if self.n else None


Method = Literal["mcnemar", "wilcoxon", "fisher", "mann_whitney"]
"""The exact McNemar test, the Wilcoxon signed-rank test, Fisher's exact test, the Mann–Whitney U
test (named in words by :func:`packgen.report.words.method_name`)."""


@dataclass(frozen=True)
class Comparison:
    """One significance test of before against after."""

    method: Method
    paired: bool
    n: int
    """Pairs for a paired test; forms before plus after for an unpaired one."""
    p_value: float | None
    """None when the test cannot be run: nobody changed (paired), nobody answered at a stage
    (unpaired), or scipy could not work it out on these answers."""
    statistic: float | None = None
    cutoff: int | None = None
    """Tests on the cut-off (McNemar, Fisher): the cut-off."""
    moved_up: int | None = None
    """Paired cut-off tests: people below the cut-off before and at or above it after."""
    moved_down: int | None = None
    changed: int | None = None
    """Paired tests: the people the test weighs, those who changed category (McNemar) or score
    (Wilcoxon)."""
    smallest_p: float | None = None
    """Paired tests on someone who changed: the smallest two-sided p any result on ``changed``
    people could give (:func:`smallest_p`)."""
    before: int | None = None
    """Unpaired tests: the answers before; ``after`` the answers after."""
    after: int | None = None
    paired_elsewhere: bool = False
    """Unpaired tests: some forms were matched, but none answered this question on both."""

    @property
    def too_few(self) -> bool:
        """Return whether so few people changed that no result could reach :data:`SIGNIFICANCE`."""
        return self.smallest_p is not None and self.smallest_p >= SIGNIFICANCE


@dataclass
class QuestionResult:
    """Everything the reports say about one survey question."""

    id: str
    pre_wording: str | None
    post_wording: str | None
    cutoff: int
    pre: Proportion | None
    """None when the question is not asked before."""
    post: Proportion | None
    pre_distribution: list[int] = field(default_factory=list)
    """How many gave each answer, lowest first: eleven counts for 0, 1, … 10, five for strongly
    disagree … strongly agree (empty when not asked)."""
    post_distribution: list[int] = field(default_factory=list)
    change_points: float | None = None
    """After share minus before share, in percentage points (None unless both exist)."""
    cutoff_test: Comparison | None = None
    score_test: Comparison | None = None
    scale: str = scales.ZERO_TO_TEN_KEY
    """The answer scale (:mod:`packgen.scales`); the distributions count its values lowest first."""


@dataclass
class Attendance:
    """Who came and who filled in the forms."""

    invited: int
    attended: int | None
    """None when the planning workbook was not read (no RSVPs)."""
    by_sector: list[tuple[str, int, int | None, int, int]]
    """(sector, invited, attended, pre forms, post forms) per sector."""
    pre_forms: int
    post_forms: int
    pairs: int


@dataclass
class Money:
    """Spend against budget."""

    budget: float
    estimate: float
    actual: float | None
    """None when no actual costs were typed in."""
    lines: list[tuple[str, float | None, float | None]]
    """(item, estimate, actual)."""
    attendees: int | None
    cost_per_attendee: float | None
    from_workbook: bool


@dataclass
class Evaluation:
    """The whole evaluation of one hub."""

    questions: list[QuestionResult]
    attendance: Attendance
    money: Money
    issues: dict[str, int] = field(default_factory=dict)
    """How many problems of each kind were found while reading the results (kind → count, in the
    order first met)."""


def evaluate(event: Event, dataset: Dataset) -> Evaluation:
    """Return the evaluation of the hub's results.

    The questions are the config's. A question's tests are paired (exact McNemar, Wilcoxon) when
    some matched pair of forms both answered it, and unpaired (Fisher, Mann–Whitney) otherwise.
    Nothing here raises or warns on thin data: what cannot be computed is None.
    """
    import scipy.stats  # noqa: F401  (heavy: imported here so the CLI starts fast)

    pairs = dataset.pairs()
    questions = [_question_result(q, event, dataset, pairs) for q in event.evaluation.questions]
    attendance = _attendance(event, dataset, len(pairs))
    return Evaluation(
        questions=questions,
        attendance=attendance,
        money=_money(event, dataset, attendance.attended),
        issues=dict(Counter(issue.kind for issue in dataset.issues)),
    )


# --- Questions ------------------------------------------------------------------------------


def _question_result(question: Question, event: Event, dataset: Dataset,
                     pairs: list[tuple[Response, Response]]) -> QuestionResult:
    scale = scales.of(question)
    cutoff = scales.question_cutoff(question, event.evaluation.cutoff)
    pre = _scores(dataset.pre, question.id) if question.pre else None
    post = _scores(dataset.post, question.id) if question.post else None
    result = QuestionResult(
        id=question.id,
        pre_wording=question.pre,
        post_wording=question.post,
        cutoff=cutoff,
        pre=_proportion(pre, cutoff) if pre is not None else None,
        post=_proportion(post, cutoff) if post is not None else None,
        pre_distribution=scale.distribution(pre) if pre is not None else [],
        post_distribution=scale.distribution(post) if post is not None else [],
        scale=scale.key,
    )
    if pre is not None and post is not None:
        if result.pre.n and result.post.n:
            result.change_points = (result.post.share - result.pre.share) * 100
        matched = [(a.scores[question.id], b.scores[question.id]) for a, b in pairs
                   if question.id in a.scores and question.id in b.scores]
        if matched:
            result.cutoff_test = _mcnemar(matched, cutoff)
            result.score_test = _wilcoxon(matched)
        else:
            result.cutoff_test = _fisher(pre, post, cutoff, paired_elsewhere=bool(pairs))
            result.score_test = _mann_whitney(pre, post, paired_elsewhere=bool(pairs))
    return result


def _scores(responses: list[Response], question_id: str) -> list[int]:
    return [r.scores[question_id] for r in responses if question_id in r.scores]


def _proportion(scores: list[int], cutoff: int) -> Proportion:
    """Return how many scored at or above ``cutoff``, with scipy's 95% Wilson interval."""
    from scipy import stats

    count, n = sum(1 for s in scores if s >= cutoff), len(scores)
    if n == 0:
        return Proportion(count=0, n=0, low=None, high=None)
    interval = stats.binomtest(count, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Proportion(count=count, n=n, low=float(interval.low), high=float(interval.high))


# --- Tests ----------------------------------------------------------------------------------


def smallest_p(changed: int) -> float:
    """Return the smallest two-sided p an exact test on ``changed`` people could give: all of
    them moving the same way, 2 × 0.5^changed. Below 6 people it is over 0.05, whatever happens.

    This bounds the Wilcoxon test too: of the 2^changed equally likely sign patterns, the observed
    one and its mirror image are always at least as extreme."""
    from scipy import stats

    return float(stats.binomtest(changed, changed, 0.5).pvalue)


def _mcnemar(matched: list[tuple[int, int]], cutoff: int) -> Comparison:
    """Return the exact McNemar test: a two-sided binomial test on the people who crossed."""
    from scipy import stats

    up = sum(1 for before, after in matched if before < cutoff <= after)
    down = sum(1 for before, after in matched if after < cutoff <= before)
    crossed = up + down
    test = partial(Comparison, method="mcnemar", paired=True, n=len(matched), cutoff=cutoff,
                   moved_up=up, moved_down=down, changed=crossed)
    if crossed == 0:
        return test(p_value=None)
    return test(p_value=float(stats.binomtest(up, crossed, 0.5).pvalue), smallest_p=smallest_p(crossed))


def _wilcoxon(matched: list[tuple[int, int]]) -> Comparison:
    """Return the Wilcoxon signed-rank test on the matched scores (zero differences dropped)."""
    from scipy import stats

    changed = sum(1 for before, after in matched if before != after)
    test = partial(Comparison, method="wilcoxon", paired=True, n=len(matched), changed=changed)
    if changed == 0:
        # scipy cannot rank differences that are all zero (it warns and returns NaN).
        return test(p_value=None)
    test = partial(test, smallest_p=smallest_p(changed))
    before, after = zip(*matched)
    result = _quietly(stats.wilcoxon, after, before, zero_method="wilcox", alternative="two-sided")
    if result is None:
        return test(p_value=None)
    return test(p_value=float(result.pvalue), statistic=float(result.statistic))


def _fisher(pre: list[int], post: list[int], cutoff: int, paired_elsewhere: bool) -> Comparison:
    """Return Fisher's exact test on at-or-above against below the cut-off, before and after."""
    from scipy import stats

    test = partial(Comparison, method="fisher", paired=False, n=len(pre) + len(post), cutoff=cutoff,
                   before=len(pre), after=len(post), paired_elsewhere=paired_elsewhere)
    if not pre or not post:
        return test(p_value=None)
    table = [[sum(s >= cutoff for s in pre), sum(s < cutoff for s in pre)],
             [sum(s >= cutoff for s in post), sum(s < cutoff for s in post)]]
    result = _quietly(stats.fisher_exact, table, alternative="two-sided")
    if result is None:
        return test(p_value=None)
    odds = float(result.statistic)
    return test(p_value=float(result.pvalue),
                statistic=odds if math.isfinite(odds) else None)  # infinite or undefined: none


def _mann_whitney(pre: list[int], post: list[int], paired_elsewhere: bool) -> Comparison:
    """Return the two-sided Mann–Whitney U test on the scores before against after."""
    from scipy import stats

    test = partial(Comparison, method="mann_whitney", paired=False, n=len(pre) + len(post),
                   before=len(pre), after=len(post), paired_elsewhere=paired_elsewhere)
    if not pre or not post:
        return test(p_value=None)
    result = _quietly(stats.mannwhitneyu, post, pre, alternative="two-sided")
    if result is None:
        return test(p_value=None)
    return test(p_value=float(result.pvalue), statistic=float(result.statistic))


def _quietly(test, *args, **kwargs):
    """Return scipy's result, or None when it warns or fails (e.g. a NaN from degenerate data):
    a warning must never reach the user, and a NaN must never be printed as a p-value."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = test(*args, **kwargs)
        except (ValueError, ZeroDivisionError, Warning):
            return None
    return result if math.isfinite(float(result.pvalue)) else None


# --- Attendance and money -------------------------------------------------------------------

NOT_GIVEN = layout.NOT_GIVEN
"""The sector of a form or invitee that gave none: the workbook layout's word for it."""


def _attendance(event: Event, dataset: Dataset, pairs: int) -> Attendance:
    if dataset.attendance:
        invited = {row.sector: row.invited for row in dataset.attendance}
        attended: dict[str, int] | None = {row.sector: row.attended for row in dataset.attendance}
    else:
        invited = dict(Counter(i.sector or NOT_GIVEN for i in event.invitees))
        attended = None
    pre = Counter(r.sector or NOT_GIVEN for r in dataset.pre)
    post = Counter(r.sector or NOT_GIVEN for r in dataset.post)
    rows = []
    for sector in _sector_order(event.sectors, invited, pre, post):
        came = None if attended is None else attended.get(sector, 0)
        row = (sector, invited.get(sector, 0), came, pre[sector], post[sector])
        if any(row[1:]):
            rows.append(row)
    return Attendance(
        invited=sum(invited.values()),
        attended=None if attended is None else sum(attended.values()),
        by_sector=rows,
        pre_forms=len(dataset.pre),
        post_forms=len(dataset.post),
        pairs=pairs,
    )


def _sector_order(configured: list[str], *counts) -> list[str]:
    """Return the configured sectors, then any others in the order first met, "Not given" last."""
    order = list(dict.fromkeys([*configured, *(s for c in counts for s in c)]))
    return [s for s in order if s != NOT_GIVEN] + ([NOT_GIVEN] if NOT_GIVEN in order else [])


def _money(event: Event, dataset: Dataset, attendees: int | None) -> Money:
    source = dataset.budget or event.budget.lines
    lines = [(line.item, line.estimate, line.actual) for line in source]
    estimate = sum(e for _, e, _ in lines if e is not None)
    actuals = [a for _, _, a in lines if a is not None]
    actual = sum(actuals) if actuals else None
    spent = actual if actual is not None else estimate
    return Money(
        budget=dataset.budget_total or event.budget.total,
        estimate=estimate,
        actual=actual,
        lines=lines,
        attendees=attendees,
        cost_per_attendee=spent / attendees if attendees else None,
        from_workbook=bool(dataset.budget),
    )
