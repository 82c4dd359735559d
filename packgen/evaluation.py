"""The evaluation stage: what a hub's results show, computed once for every report.

From the event config and its results dataset this computes, per survey question, the share of
attendees scoring at or above the cut-off before and after (with 95% Wilson intervals), the full
0–10 distributions, and the right test: paired when forms are linked by personal code (exact
McNemar on the cut-off, Wilcoxon signed-rank on scores), unpaired otherwise (Fisher's exact,
Mann–Whitney U). Every figure is honest about what it cannot say: small groups, five or fewer
people changing category, a question nobody answered. scipy does the statistics.

What may be published of these figures is decided in :mod:`packgen.disclosure`; every percentage
is printed by :func:`packgen.numbers.percent`.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from packgen import scales
from packgen import workbook_layout as layout
from packgen.model import Event, Question
from packgen.numbers import percent, points_between
from packgen.results.dataset import Dataset, Response


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


@dataclass(frozen=True)
class Comparison:
    """One significance test of before against after."""

    method: str
    """In words: "exact McNemar test", "Wilcoxon signed-rank test", "Fisher's exact test",
    "Mann–Whitney U test"."""
    paired: bool
    n: int
    """Pairs for a paired test; forms before plus after for an unpaired one."""
    p_value: float | None
    """None when the test cannot be run (say why in ``note``)."""
    statistic: float | None = None
    moved_up: int | None = None
    """Paired cut-off tests: people below the cut-off before and at or above it after."""
    moved_down: int | None = None
    note: str = ""
    """Plain words on what the test can and cannot show here."""


@dataclass
class QuestionResult:
    """Everything the reports say about one survey question."""

    id: str
    pre_wording: str | None
    post_wording: str | None
    cutoff: int
    cutoff_words: str
    """ "8, 9 or 10 out of 10" """
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
    reading: str = ""
    """One or two plain-English sentences that never claim more than the numbers carry."""
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
    headlines: list[str]
    """One short plain-English paragraph per headline change, for the summary."""
    limitations: list[str]
    data_quality: list[str]
    """One line per problem found while reading the results, and what was done about it."""


SMALL_GROUP = 20
"""Below this many answers each person is more than 5% of a share, and the reading says so."""

SIGNIFICANCE = 0.05
"""The usual 5% level; results are described against it, never claimed as causes."""


def evaluate(event: Event, dataset: Dataset) -> Evaluation:
    """Return the evaluation of the hub's results.

    The questions are the config's. A question's tests are paired (exact McNemar, Wilcoxon) when
    some matched pair of forms both answered it, and unpaired (Fisher, Mann–Whitney) otherwise.
    Nothing here raises or warns on thin data: what cannot be computed is None, and the reading,
    the test's note or the limitations say why.
    """
    import scipy.stats  # noqa: F401  (heavy: imported here so the CLI starts fast)

    pairs = dataset.pairs()
    questions = [_question_result(q, event, dataset, pairs) for q in event.evaluation.questions]
    attendance = _attendance(event, dataset, len(pairs))
    money = _money(event, dataset, attendance.attended)
    return Evaluation(
        questions=questions,
        attendance=attendance,
        money=money,
        headlines=_headlines(questions),
        limitations=_limitations(dataset, questions, attendance, money),
        data_quality=_data_quality(dataset),
    )


# --- Questions ------------------------------------------------------------------------------


def _question_result(question: Question, event: Event, dataset: Dataset,
                     pairs: list[tuple[Response, Response]]) -> QuestionResult:
    scale = scales.of(question)
    cutoff = scales.question_cutoff(question, event.evaluation.cutoff)
    words = scale.positive_words(cutoff)
    pre = _scores(dataset.pre, question.id) if question.pre else None
    post = _scores(dataset.post, question.id) if question.post else None
    result = QuestionResult(
        id=question.id,
        pre_wording=question.pre,
        post_wording=question.post,
        cutoff=cutoff,
        cutoff_words=words,
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
            result.cutoff_test = _mcnemar(matched, cutoff, words)
            result.score_test = _wilcoxon(matched)
        else:
            result.cutoff_test = _fisher(pre, post, cutoff, paired_elsewhere=bool(pairs))
            result.score_test = _mann_whitney(pre, post, paired_elsewhere=bool(pairs))
    result.reading = _reading(result)
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


def _smallest_p(changed: int) -> float:
    """Return the smallest two-sided p an exact test on ``changed`` people could give: all of
    them moving the same way, 2 × 0.5^changed. Below 6 people it is over 0.05, whatever happens.

    This bounds the Wilcoxon test too: of the 2^changed equally likely sign patterns, the observed
    one and its mirror image are always at least as extreme."""
    from scipy import stats

    return float(stats.binomtest(changed, changed, 0.5).pvalue)


def _mcnemar(matched: list[tuple[int, int]], cutoff: int, words: str) -> Comparison:
    """Return the exact McNemar test: a two-sided binomial test on the people who crossed."""
    from scipy import stats

    up = sum(1 for before, after in matched if before < cutoff <= after)
    down = sum(1 for before, after in matched if after < cutoff <= before)
    crossed = up + down
    test = partial(Comparison, method="exact McNemar test", paired=True, n=len(matched),
                   moved_up=up, moved_down=down)
    said = (f"Of the {_people(len(matched))} whose before and after forms were matched,"
            f" {up} went from below {cutoff} to {words} and {down} went the other way.")
    if crossed == 0:
        return test(p_value=None, note=f"{said} Nobody crossed the cut-off, so there is no change"
                                        " for the test to weigh and no p-value is given.")
    p_value = float(stats.binomtest(up, crossed, 0.5).pvalue)
    if _smallest_p(crossed) >= SIGNIFICANCE:
        return test(p_value=p_value, note=f"{said} {_few_changed(crossed, 'changed category')} even"
                    " the most one-sided result could not reach p < 0.05, so this test cannot show"
                    " a change either way.")
    return test(p_value=p_value, note=f"{said} {_verdict(p_value)}")


def _wilcoxon(matched: list[tuple[int, int]]) -> Comparison:
    """Return the Wilcoxon signed-rank test on the matched scores (zero differences dropped)."""
    from scipy import stats

    test = partial(Comparison, method="Wilcoxon signed-rank test", paired=True, n=len(matched))
    changed = sum(1 for before, after in matched if before != after)
    said = (f"Of the {_people(len(matched))} whose forms were matched, {changed} gave a different"
            " score after.")
    if changed == 0:
        # scipy cannot rank differences that are all zero (it warns and returns NaN).
        return test(p_value=None, note=f"{said} With every score the same before and after, there"
                                        " is no change to test, so no p-value is given.")
    before, after = zip(*matched)
    result = _quietly(stats.wilcoxon, after, before, zero_method="wilcox", alternative="two-sided")
    if result is None:
        return test(p_value=None, note=f"{said} {_NOT_COMPUTED}")
    p_value = float(result.pvalue)
    test = partial(test, p_value=p_value, statistic=float(result.statistic))
    if _smallest_p(changed) >= SIGNIFICANCE:
        return test(note=f"{said} {_few_changed(changed, 'changed their score')} even if every"
                    " change went the same way this test could not reach p < 0.05, so it cannot"
                    " show a change.")
    return test(note=f"{said} {_verdict(p_value)}")


_UNMATCHED = ("The before and after forms could not be matched person to person, so this compares"
              " two groups that may not be the same people.")

_NOT_COMPUTED = "scipy could not work out the test on these answers, so no p-value is given."


def _fisher(pre: list[int], post: list[int], cutoff: int, paired_elsewhere: bool) -> Comparison:
    """Return Fisher's exact test on at-or-above against below the cut-off, before and after."""
    from scipy import stats

    test = partial(Comparison, method="Fisher's exact test", paired=False, n=len(pre) + len(post))
    if missing := _missing_stage(pre, post):
        return test(p_value=None, note=f"{missing} so before and after cannot be compared.")
    lead = _unmatched_lead(paired_elsewhere)
    table = [[sum(s >= cutoff for s in pre), sum(s < cutoff for s in pre)],
             [sum(s >= cutoff for s in post), sum(s < cutoff for s in post)]]
    result = _quietly(stats.fisher_exact, table, alternative="two-sided")
    if result is None:
        return test(p_value=None, note=f"{lead} {_NOT_COMPUTED}")
    odds = float(result.statistic)
    return test(p_value=float(result.pvalue), note=f"{lead} {_verdict(float(result.pvalue))}",
                statistic=odds if math.isfinite(odds) else None)  # infinite or undefined: none


def _mann_whitney(pre: list[int], post: list[int], paired_elsewhere: bool) -> Comparison:
    """Return the two-sided Mann–Whitney U test on the scores before against after."""
    from scipy import stats

    test = partial(Comparison, method="Mann–Whitney U test", paired=False, n=len(pre) + len(post))
    if missing := _missing_stage(pre, post):
        return test(p_value=None, note=f"{missing} so before and after cannot be compared.")
    lead = _unmatched_lead(paired_elsewhere)
    result = _quietly(stats.mannwhitneyu, post, pre, alternative="two-sided")
    if result is None:
        return test(p_value=None, note=f"{lead} {_NOT_COMPUTED}")
    return test(p_value=float(result.pvalue), statistic=float(result.statistic),
                note=f"{lead} {_verdict(float(result.pvalue))}")


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


def _unmatched_lead(paired_elsewhere: bool) -> str:
    if paired_elsewhere:
        return ("Nobody answered this question on both of their matched forms, so this compares"
                " everyone's answers before with everyone's after, and the two groups may not be"
                " the same people.")
    return _UNMATCHED


def _missing_stage(pre: list[int], post: list[int]) -> str:
    if not pre and not post:
        return "Nobody answered this question before or after the hub,"
    if not pre:
        return "Nobody answered this question before the hub,"
    if not post:
        return "Nobody answered this question after the hub,"
    return ""


def _few_changed(count: int, what: str) -> str:
    return f"Only {_people(count)} {what}; with five or fewer,"


def _verdict(p: float) -> str:
    if p < SIGNIFICANCE:
        return (f"A difference this large would be unlikely if nothing had really changed"
                f" ({_p(p)}), though it does not show what caused it.")
    return f"A difference like this could well be chance ({_p(p)}), so it does not show a real change."


def _p(p: float) -> str:
    if p < 0.001:
        return "p < 0.001"
    shown = f"{p:.3f}"
    if p < SIGNIFICANCE and shown == "0.050":
        return "p < 0.05"
    return f"p = {shown}"


# --- Words ----------------------------------------------------------------------------------


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _share_sentences(result: QuestionResult) -> list[str]:
    pre, post, words = result.pre, result.post, result.cutoff_words
    if pre is None and post is None:
        return []
    if pre is None or post is None:
        stage, only = ("after", post) if pre is None else ("before", pre)
        if not only.n:
            return [f"Asked only {stage} the hub, and nobody answered it, so no share can be given."]
        return [(f"Asked only {stage} the hub: {only.count} of {_people(only.n)}"
                f" ({percent(only.count, only.n)}) scored {words}.")]
    if not pre.n and not post.n:
        return ["Nobody answered this question before or after the hub, so no share can be given."]
    if not pre.n:
        return [(f"Nobody answered this question before the hub, so there is nothing to compare with."
                f" After it, {post.count} of {_people(post.n)} ({percent(post.count, post.n)})"
                f" scored {words}.")]
    sentences = [(f"Before the hub, {pre.count} of {_people(pre.n)} ({percent(pre.count, pre.n)})"
                 f" scored {words}.")]
    if not post.n:
        sentences.append("Nobody answered it after the hub, so no change can be measured.")
    else:
        sentences.append(f"After it, {post.count} of {post.n} ({percent(post.count, post.n)}) did.")
    return sentences


def _test_sentence(result: QuestionResult) -> str:
    """Return one sentence on what the cut-off test shows here, or cannot show."""
    test = result.cutoff_test
    if test is None or result.change_points is None:
        return ""
    if test.paired:
        crossed = test.moved_up + test.moved_down
        if crossed == 0:
            return (f"Of the {_people(test.n)} whose forms were matched, nobody crossed the cut-off,"
                    " so there is no change to test.")
        if test.p_value is None or _smallest_p(crossed) >= SIGNIFICANCE:
            return (f"Only {crossed} of the {_people(test.n)} whose forms were matched crossed the"
                    " cut-off, too few for a test to show a change either way.")
        return (f"Of the {_people(test.n)} whose forms were matched, {test.moved_up} moved up across"
                f" the cut-off and {test.moved_down} moved down. {_verdict(test.p_value)}")
    lead = ("These answers could not be matched person to person, so the two groups may not be the"
            " same people.")
    if test.p_value is None:
        return f"{lead} The test could not be run on these answers."
    return f"{lead} {_verdict(test.p_value)}"


def _small_sentence(result: QuestionResult) -> str:
    sizes = [p.n for p in (result.pre, result.post) if p is not None and p.n]
    if not sizes or min(sizes) >= SMALL_GROUP:
        return ""
    fewest = min(sizes)
    if fewest == 1:
        return ("With one answer, one person's score is the whole share: it says nothing about"
                " anyone else.")
    return (f"These are small numbers ({fewest} answers): each person is {percent(1, fewest)} of"
            " the total, so treat the shares with care.")


def _reading(result: QuestionResult) -> str:
    parts = [*_share_sentences(result), _test_sentence(result), _small_sentence(result)]
    return " ".join(part for part in parts if part)


def _headlines(questions: list[QuestionResult]) -> list[str]:
    both = sorted((q for q in questions if q.change_points is not None),
                  key=lambda q: abs(q.change_points), reverse=True)
    single = [q for q in questions if (q.pre is None) != (q.post is None)
              and (q.pre or q.post).n]
    lines = []
    for q in both:
        rise = points_between((q.pre.count, q.pre.n), (q.post.count, q.post.n))
        change = ("The share did not change." if rise == 0 else
                  f"That is a {'rise' if rise > 0 else 'fall'} of {abs(rise)} percentage"
                  f" point{'' if abs(rise) == 1 else 's'}.")
        parts = [f"“{q.post_wording}”", *_share_sentences(q), change, _test_sentence(q)]
        lines.append(" ".join(part for part in parts if part))
    for q in single:
        lines.append(f"“{q.post_wording or q.pre_wording}” {' '.join(_share_sentences(q))}")
    return lines


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


# --- Limitations and data quality -----------------------------------------------------------


def _limitations(dataset: Dataset, questions: list[QuestionResult], attendance: Attendance,
                 money: Money) -> list[str]:
    lines = [_forms_read(dataset),
             ("Only the people who chose to come filled in the forms, so their answers may not"
             " speak for the wider community.")]
    if dataset.pre or dataset.post:
        lines.append(_forms_returned(attendance))
    if dataset.pre and dataset.post:
        lines.append(_matching(attendance.pairs))
    unanswered = [q.id for q in questions if (dataset.pre or dataset.post)
                  and all(p is None or p.n == 0 for p in (q.pre, q.post))]
    if unanswered:
        have = "it has" if len(unanswered) == 1 else "they have"
        lines.append(f"Nobody answered {_listed(unanswered)}, so {have} no figures.")
    lines += [("Scores from 0 to 10 are an ordered scale whose steps may not be equal, so we report"
              " the share at or above the cut-off and the spread of scores, not averages."),
              scales.method_note([q.scale for q in questions]),
              ("Each share has a 95% Wilson interval: the range the true share could reasonably lie"
              " in, given how many people answered."),
              "The figures show what changed, not why: they cannot show that the hub caused a change."]
    if not money.from_workbook:
        lines.append("No budget sheet was read, so the money figures are the estimates in the config.")
    if attendance.attended is None:
        lines.append("No attendance was recorded (the planning workbook's Invitations sheet was not"
                     " read), so how many came, and the cost per attendee, are not known.")
    return [line for line in lines if line]


def _forms_read(dataset: Dataset) -> str:
    if not dataset.pre and not dataset.post:
        return "No forms were read, so none of the survey figures could be worked out."
    if not dataset.post:
        return ("No after-event forms were read, so no change could be measured: the figures are"
                " from before the hub only.")
    if not dataset.pre:
        return ("No before-event forms were read, so no change could be measured: the figures are"
                " from after the hub only.")
    return ""


def _forms_returned(attendance: Attendance) -> str:
    forms = (f"{attendance.pre_forms} before-event and {attendance.post_forms} after-event"
             f" form{'' if attendance.post_forms == 1 else 's'} came back")
    if attendance.attended is None:
        return (f"{forms.capitalize()}. Not everyone who came may have returned one, and those who"
                " did may differ from those who did not.")
    came = attendance.attended
    said = f"{_people(came)} came; {forms}."
    if max(attendance.pre_forms, attendance.post_forms) > came:
        return (f"{said} More forms came back than people were recorded as attending, so the"
                " attendance record may be incomplete.")
    if min(attendance.pre_forms, attendance.post_forms) < came:
        return f"{said} The views of those who did not return a form are missing."
    return said


def _matching(pairs: int) -> str:
    if pairs == 0:
        return ("No before-event form could be matched to an after-event form by personal code, so"
                " each comparison is between two groups that may not be the same people, and the"
                " tests treat them as separate groups.")
    return (f"{_people(pairs).capitalize()} had before and after forms matched by personal code."
            " The paired tests use only them; the shares use every form returned.")


def _listed(ids: list[str]) -> str:
    named = [f"'{i}'" for i in ids]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


_ISSUE_WORDS = {
    "bad_score": "{n} answer{s} {were} not a score from 0 to 10 and {were} left out.",
    "out_of_range": "{n} answer{s} {were} outside 0 to 10 and {were} left out.",
    "not_a_score": "{n} answer{s} {were} not a score and {were} left out.",
    "blank_row": "{n} blank row{s} {were} skipped.",
    "duplicate_code": "{n} personal code{s} {were} written on more than one form of the same stage;"
                      " those forms were not matched, but their scores still count.",
    "unknown_column": "{n} column{s} matched no question and {were} ignored.",
    "duplicate_column": "{n} column{s} repeated a question already read and {were} ignored.",
    "missing_question": "{n} expected column{s} or box{es} {were} missing from a source, so those"
                        " answers could not be read.",
    "unknown_sector": "{n} sector{s} {were} not on the form's list and {were} counted as written.",
    "unreadable_row": "{n} row{s} could not be read and {were} left out.",
    "missing_sheet": "{n} expected sheet{s} {were} missing from the workbook and could not be read.",
    "no_header": "{n} table{s} had no header row we recognised and {were} not read.",
    "bad_value": "{n} value{s} in the notes, actions or budget could not be read and {were} left blank.",
    "not_utf8": "{n} CSV file{s} {were} read as Windows-1252 (Excel's older CSV format) rather than UTF-8.",
}


def _data_quality(dataset: Dataset) -> list[str]:
    lines = []
    for kind, count in Counter(issue.kind for issue in dataset.issues).items():
        template = _ISSUE_WORDS.get(kind, "{n} other problem{s} ({kind}) {were} found; the results"
                                    " summary says where.")
        one = count == 1
        lines.append(template.format(n=count, s="" if one else "s", es="" if one else "es",
                                     were="was" if one else "were", kind=kind.replace("_", " ")))
    return lines
