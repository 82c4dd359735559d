"""The reports' plain English: shares, intervals, changes, p-values, dates, money, and every
sentence said about the evaluation's figures.

One place for the way a number is worded, so the evaluation report, the "You said, we did",
the charts' alt text and the tests all say the same thing the same way. The evaluation
(:mod:`packgen.evaluation`) holds numbers only; here they become sentences that never claim more
than the numbers carry: one function per kind of phrase (a test's name, its note, a question's
reading, the headlines, the limitations, the data-quality lines). Every percentage is
printed by :func:`packgen.numbers.percent` (halves rounded up from the exact fraction: 29 of 200
is 15%); what may be published is decided by :mod:`packgen.disclosure`.
"""

from __future__ import annotations

from datetime import date

from packgen import scales
from packgen.disclosure import published_share
from packgen.evaluation import (
    SIGNIFICANCE,
    SMALL_GROUP,
    Attendance,
    Comparison,
    Evaluation,
    Method,
    Proportion,
    QuestionResult,
)
from packgen.numbers import percent, points_between
from packgen.text import cutoff_words, money


def positive_words(result: QuestionResult) -> str:
    """Return a question's positive answers in words, to follow "scored": ``8, 9 or 10 out of 10``,
    or ``strongly agree or agree`` for a question on the agreement scale."""
    return scales.of(result).positive_words(result.cutoff)


def share_text(proportion: Proportion) -> str:
    """Return ``8 of 25 (32%)``, or ``nobody answered`` when nobody did.

    The evaluation report is not published, so nothing is suppressed: this is
    :func:`~packgen.disclosure.published_share` with a threshold of 1, so both reports print a
    share the same way.
    """
    return published_share(proportion.count, proportion.n, 1)


def interval_text(proportion: Proportion) -> str:
    """Return the 95% Wilson interval: ``17% to 51%`` (empty when nobody answered)."""
    if proportion.low is None or proportion.high is None:
        return ""
    return f"{percent(proportion.low)} to {percent(proportion.high)}"


def change_text(before: Proportion, after: Proportion) -> str:
    """Return the change between two shares in words: ``up 31 percentage points``.

    The change is the difference of the two percentages as printed (15% to 30% is up 15), so the
    reader can check it; two shares that print the same but differ are ``no change to the nearest
    percentage point``.
    """
    points = points_between((before.count, before.n), (after.count, after.n))
    if points == 0:
        same = before.count * after.n == after.count * before.n
        return "no change" if same else "no change to the nearest percentage point"
    unit = "percentage point" if abs(points) == 1 else "percentage points"
    return f"{'up' if points > 0 else 'down'} {abs(points)} {unit}"


def p_value_text(p: float) -> str:
    """Return ``p = 0.031``; ``p < 0.001`` for the smallest values, and ``p < 0.05`` for a value
    just under 0.05 that three places would round up to 0.050."""
    if p < 0.001:
        return "p < 0.001"
    shown = f"{p:.3f}"
    if p < 0.05 and shown == "0.050":
        return "p < 0.05"
    return f"p = {shown}"


def day_month_year(value: str) -> str:
    """Return an ISO date (``2022-04-05``) the UK way: ``5 April 2022``; other text as typed."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{parsed.day} {parsed:%B %Y}"


def pounds(amount: float | None) -> str:
    """Return ``£1,640.50``, or a dash for an amount not given."""
    return "–" if amount is None else money(amount)


def people(count: int) -> str:
    """Return ``1 person`` or ``24 people``."""
    return f"{count} person" if count == 1 else f"{count} people"


def design_paragraph() -> str:
    """Return where the hubs' survey design sits on the Maryland Scientific Methods Scale, and what
    it can and cannot show (the evaluation report and the roll-up print it word for word)."""
    return ("The survey asks the people who came, before the hub and again after it; there is no"
            " comparison group of people who did not come. On the Maryland Scientific Methods Scale,"
            " which rates how well a study can show what works from level 1 (weakest) to level 5"
            " (strongest), a before-and-after survey of the same people with no comparison group is"
            " level 1. It can show how the answers of the people who came changed, and what they told"
            " us. It cannot show that the hub caused the change, what would have happened anyway, or"
            " what people who did not come think.")


def broken_promise_text(bcu: str, number: int, promised: date, as_of: date) -> str:
    """Return a promise to report back that has passed with no update, plainly: ``North BCU
    promised update 2 by 27 July 2022, and had not sent it by 1 December 2026.``"""
    return (f"{bcu} promised update {number} by {day_month_year(promised.isoformat())}, and had not"
            f" sent it by {day_month_year(as_of.isoformat())}.")


def late_update_text(bcu: str, number: int, promised: date, sent: date) -> str:
    """Return a promise to report back kept late: ``East BCU promised update 2 by 27 July 2022
    and sent it late, on 8 August 2022.``"""
    return (f"{bcu} promised update {number} by {day_month_year(promised.isoformat())} and sent it late,"
            f" on {day_month_year(sent.isoformat())}.")


# --- Tests ------------------------------------------------------------------------------------

METHOD_NAMES: dict[Method, str] = {
    "mcnemar": "exact McNemar test",
    "wilcoxon": "Wilcoxon signed-rank test",
    "fisher": "Fisher's exact test",
    "mann_whitney": "Mann–Whitney U test",
}


def method_name(method: Method) -> str:
    """Return the test's name in words: ``exact McNemar test``."""
    return METHOD_NAMES[method]


NOT_COMPUTED = "scipy could not work out the test on these answers, so no p-value is given."

UNMATCHED = ("The before and after forms could not be matched person to person, so this compares"
             " two groups that may not be the same people.")


def verdict(p: float) -> str:
    """Return what a p-value says, and never that it shows a cause."""
    if p < SIGNIFICANCE:
        return (f"A difference this large would be unlikely if nothing had really changed"
                f" ({p_value_text(p)}), though it does not show what caused it.")
    return f"A difference like this could well be chance ({p_value_text(p)}), so it does not show a real change."


def few_changed(count: int, what: str) -> str:
    """Return ``Only 3 people changed category; with five or fewer,``."""
    return f"Only {people(count)} {what}; with five or fewer,"


def comparison_note(test: Comparison, agreeing: str | None = None) -> str:
    """Return plain words on what the test can and cannot show here; ``agreeing`` is the positive
    answers of a question on the agreement scale (``strongly agree or agree``), None for 0–10."""
    if test.method == "mcnemar":
        return _mcnemar_note(test, agreeing)
    if test.method == "wilcoxon":
        return _wilcoxon_note(test)
    return _unpaired_note(test)


def _mcnemar_note(test: Comparison, agreeing: str | None = None) -> str:
    crossed = (f"from below {test.cutoff} to {cutoff_words(test.cutoff)}" if agreeing is None
               else f"from another answer to {agreeing}")
    said = (f"Of the {people(test.n)} whose before and after forms were matched, {test.moved_up} went"
            f" {crossed} and {test.moved_down} went the other way.")
    if not test.changed:
        return (f"{said} Nobody crossed the cut-off, so there is no change for the test to weigh and no"
                " p-value is given.")
    if test.too_few:
        return (f"{said} {few_changed(test.changed, 'changed category')} even the most one-sided result"
                " could not reach p < 0.05, so this test cannot show a change either way.")
    return f"{said} {verdict(test.p_value)}"


def _wilcoxon_note(test: Comparison) -> str:
    said = f"Of the {people(test.n)} whose forms were matched, {test.changed} gave a different score after."
    if not test.changed:
        return (f"{said} With every score the same before and after, there is no change to test, so no"
                " p-value is given.")
    if test.p_value is None:
        return f"{said} {NOT_COMPUTED}"
    if test.too_few:
        return (f"{said} {few_changed(test.changed, 'changed their score')} even if every change went the"
                " same way this test could not reach p < 0.05, so it cannot show a change.")
    return f"{said} {verdict(test.p_value)}"


def _unpaired_note(test: Comparison) -> str:
    if missing := _nobody_answered_at(test.before, test.after):
        return f"{missing} so before and after cannot be compared."
    if test.paired_elsewhere:
        lead = ("Nobody answered this question on both of their matched forms, so this compares"
                " everyone's answers before with everyone's after, and the two groups may not be"
                " the same people.")
    else:
        lead = UNMATCHED
    return f"{lead} {NOT_COMPUTED if test.p_value is None else verdict(test.p_value)}"


def _nobody_answered_at(before: int, after: int) -> str:
    if not before and not after:
        return "Nobody answered this question before or after the hub,"
    if not before:
        return "Nobody answered this question before the hub,"
    if not after:
        return "Nobody answered this question after the hub,"
    return ""


# --- A question's reading ---------------------------------------------------------------------


def share_sentences(result: QuestionResult) -> list[str]:
    """Return the shares at or above the cut-off before and after, as sentences."""
    pre, post, words = result.pre, result.post, positive_words(result)
    if pre is None and post is None:
        return []
    if pre is None or post is None:
        stage, only = ("after", post) if pre is None else ("before", pre)
        if not only.n:
            return [f"Asked only {stage} the hub, and nobody answered it, so no share can be given."]
        return [(f"Asked only {stage} the hub: {only.count} of {people(only.n)}"
                f" ({percent(only.count, only.n)}) scored {words}.")]
    if not pre.n and not post.n:
        return ["Nobody answered this question before or after the hub, so no share can be given."]
    if not pre.n:
        return [(f"Nobody answered this question before the hub, so there is nothing to compare with."
                f" After it, {post.count} of {people(post.n)} ({percent(post.count, post.n)})"
                f" scored {words}.")]
    sentences = [(f"Before the hub, {pre.count} of {people(pre.n)} ({percent(pre.count, pre.n)})"
                 f" scored {words}.")]
    if not post.n:
        sentences.append("Nobody answered it after the hub, so no change can be measured.")
    else:
        sentences.append(f"After it, {post.count} of {post.n} ({percent(post.count, post.n)}) did.")
    return sentences


def cutoff_test_sentence(result: QuestionResult) -> str:
    """Return one sentence on what the cut-off test shows here, or cannot show."""
    test = result.cutoff_test
    if test is None or result.change_points is None:
        return ""
    if test.paired:
        crossed = test.moved_up + test.moved_down
        if crossed == 0:
            return (f"Of the {people(test.n)} whose forms were matched, nobody crossed the cut-off,"
                    " so there is no change to test.")
        if test.p_value is None or test.too_few:
            return (f"Only {crossed} of the {people(test.n)} whose forms were matched crossed the"
                    " cut-off, too few for a test to show a change either way.")
        return (f"Of the {people(test.n)} whose forms were matched, {test.moved_up} moved up across"
                f" the cut-off and {test.moved_down} moved down. {verdict(test.p_value)}")
    lead = ("These answers could not be matched person to person, so the two groups may not be the"
            " same people.")
    if test.p_value is None:
        return f"{lead} The test could not be run on these answers."
    return f"{lead} {verdict(test.p_value)}"



def small_numbers_sentence(result: QuestionResult) -> str:
    """Return a warning when fewer than :data:`~packgen.evaluation.SMALL_GROUP` answered."""
    sizes = [p.n for p in (result.pre, result.post) if p is not None and p.n]
    if not sizes or min(sizes) >= SMALL_GROUP:
        return ""
    fewest = min(sizes)
    if fewest == 1:
        return ("With one answer, one person's score is the whole share: it says nothing about"
                " anyone else.")
    return (f"These are small numbers ({fewest} answers): each person is {percent(1, fewest)} of"
            " the total, so treat the shares with care.")


def reading(result: QuestionResult) -> str:
    """Return one or two plain-English sentences on the question that never claim more than the
    numbers carry."""
    parts = [*share_sentences(result), cutoff_test_sentence(result), small_numbers_sentence(result)]
    return " ".join(part for part in parts if part)


def change_sentence(before: Proportion, after: Proportion) -> str:
    """Return ``That is a rise of 15 percentage points.`` (the printed percentages' difference)."""
    rise = points_between((before.count, before.n), (after.count, after.n))
    if rise == 0:
        return "The share did not change."
    return (f"That is a {'rise' if rise > 0 else 'fall'} of {abs(rise)} percentage"
            f" point{'' if abs(rise) == 1 else 's'}.")


def headlines(questions: list[QuestionResult]) -> list[str]:
    """Return one short paragraph per headline change, the largest first, then the shares of the
    questions asked at one stage only."""
    both = sorted((q for q in questions if q.change_points is not None),
                  key=lambda q: abs(q.change_points), reverse=True)
    single = [q for q in questions if (q.pre is None) != (q.post is None)
              and (q.pre or q.post).n]
    lines = []
    for q in both:
        parts = [f"“{q.post_wording}”", *share_sentences(q), change_sentence(q.pre, q.post),
                 cutoff_test_sentence(q)]
        lines.append(" ".join(part for part in parts if part))
    for q in single:
        lines.append(f"“{q.post_wording or q.pre_wording}” {' '.join(share_sentences(q))}")
    return lines


# --- Limitations and data quality -------------------------------------------------------------


def limitations(evaluation: Evaluation) -> list[str]:
    """Return what the figures cannot say, one sentence or two each."""
    attendance, money_spent = evaluation.attendance, evaluation.money
    forms = attendance.pre_forms or attendance.post_forms
    lines = [_forms_read(attendance),
             ("Only the people who chose to come filled in the forms, so their answers may not"
             " speak for the wider community.")]
    if forms:
        lines.append(_forms_returned(attendance))
    if attendance.pre_forms and attendance.post_forms:
        lines.append(_matching(attendance.pairs))
    unanswered = [q.id for q in evaluation.questions if forms
                  and all(p is None or p.n == 0 for p in (q.pre, q.post))]
    if unanswered:
        have = "it has" if len(unanswered) == 1 else "they have"
        lines.append(f"Nobody answered {_listed(unanswered)}, so {have} no figures.")
    lines += [("Scores from 0 to 10 are an ordered scale whose steps may not be equal, so we report"
              " the share at or above the cut-off and the spread of scores, not averages."),
              scales.method_note([q.scale for q in evaluation.questions]),
              ("Each share has a 95% Wilson interval: the range the true share could reasonably lie"
              " in, given how many people answered."),
              "The figures show what changed, not why: they cannot show that the hub caused a change."]
    if not money_spent.from_workbook:
        lines.append("No budget sheet was read, so the money figures are the estimates in the config.")
    if attendance.attended is None:
        lines.append("No attendance was recorded (the planning workbook's Invitations sheet was not"
                     " read), so how many came, and the cost per attendee, are not known.")
    return [line for line in lines if line]


def _forms_read(attendance: Attendance) -> str:
    if not attendance.pre_forms and not attendance.post_forms:
        return "No forms were read, so none of the survey figures could be worked out."
    if not attendance.post_forms:
        return ("No after-event forms were read, so no change could be measured: the figures are"
                " from before the hub only.")
    if not attendance.pre_forms:
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
    said = f"{people(came)} came; {forms}."
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
    return (f"{people(pairs).capitalize()} had before and after forms matched by personal code."
            " The paired tests use only them; the shares use every form returned.")


def _listed(ids: list[str]) -> str:
    named = [f"'{i}'" for i in ids]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


ISSUE_WORDS = {
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
"""One line per kind of problem found while reading the results, and what was done about it."""


def data_quality(evaluation: Evaluation) -> list[str]:
    """Return one line per kind of problem found while reading the results, and what was done."""
    lines = []
    for kind, count in evaluation.issues.items():
        template = ISSUE_WORDS.get(kind, "{n} other problem{s} ({kind}) {were} found; the results"
                                   " summary says where.")
        one = count == 1
        lines.append(template.format(n=count, s="" if one else "s", es="" if one else "es",
                                     were="was" if one else "were", kind=kind.replace("_", " ")))
    return lines
