"""What the evaluation report says, as ready-to-print names for its template.

The evaluation (:mod:`packgen.evaluation`) holds the figures; this module words them: every
share with its interval, every change, every test with its plain reading, and, where a figure
could not be worked out, why. The template (``templates/report/evaluation-report.html``) holds
layout only. The report is for the force and the evaluators, so counts are not suppressed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from packgen import scales
from packgen.evaluation import Comparison, Evaluation, Proportion, QuestionResult
from packgen.model import Event
from packgen.report.charts import Chart
from packgen.report.words import (
    change_text,
    comparison_note,
    data_quality,
    day_month_year,
    design_paragraph,
    headlines,
    interval_text,
    limitations,
    method_name,
    p_value_text,
    people,
    positive_words,
    pounds,
    reading,
    share_text,
)
from packgen.results.dataset import Action, Dataset, Note
from packgen.text import cutoff_words, uk_date
from packgen.wording import WHOLE_ROOM

TOP_THREE_SESSION = 3
"""The session in which each table agrees its top three and the room its three take-aways."""


def evaluation_context(event: Event, dataset: Dataset, evaluation: Evaluation,
                     charts: dict[str, Chart], as_of: date | None = None) -> dict[str, Any]:
    """Return the names the evaluation report template sees under ``report``; actions past their
    due date on ``as_of`` (the day the report is built) and not done are marked overdue."""
    return {
        "headlines": headlines(evaluation.questions),
        "attendance": attendance_context(evaluation),
        "survey": {
            "cutoff": cutoff_words(event.evaluation.cutoff),
            "forms": len(dataset.pre) + len(dataset.post),
            "questions": [question_context(number, q, charts.get(q.id))
                          for number, q in enumerate(evaluation.questions, start=1)],
        },
        "sessions": session_context(event, dataset.notes),
        "money": money_context(evaluation),
        "method": method_paragraphs(event, evaluation),
        "design": design_paragraph(),
        "limitations": limitations(evaluation),
        "data_quality": data_quality(evaluation),
        "sources": [{"file": _file_name(s.file), "kind": s.kind.replace("-", " "), "stage": s.stage,
                     "forms": s.forms} for s in dataset.sources],
        "actions": [action_context(a, as_of) for a in dataset.actions],
        "as_of": uk_date(as_of) if as_of else "",
        "overdue": sum(a.is_overdue(as_of) for a in dataset.actions) if as_of else 0,
    }


# -- Who came -----------------------------------------------------------------------------------


def attendance_context(evaluation: Evaluation) -> dict[str, Any]:
    """Return who was invited, who came and who filled in the forms, in words and by sector."""
    a = evaluation.attendance
    if a.attended is None:
        came = (f"{people(a.invited)} were invited. We cannot say how many came: the planning"
                " workbook, where the register is kept, was not read.")
    else:
        came = f"{people(a.invited)} were invited and {a.attended} came."
    if a.pre_forms or a.post_forms:
        forms = (f"{people(a.pre_forms)} filled in the form before the hub and {a.post_forms} after it."
                 f" {_matched(a.pairs)}")
    else:
        forms = "No survey forms were read, so none of the survey figures can be worked out."
    rows = [{"sector": sector, "invited": invited, "attended": "not known" if attended is None else attended,
             "pre": pre, "post": post} for sector, invited, attended, pre, post in a.by_sector]
    total = {"invited": a.invited, "attended": "not known" if a.attended is None else a.attended,
             "pre": a.pre_forms, "post": a.post_forms}
    return {"came": came, "forms": forms, "rows": rows, "total": total}


def _matched(pairs: int) -> str:
    if pairs == 0:
        return "No before and after forms could be matched by personal code."
    if pairs == 1:
        return "One person's two forms could be matched by their personal code."
    return f"{pairs} people's two forms could be matched by their personal code."


# -- Survey questions ---------------------------------------------------------------------------


def question_context(number: int, question: QuestionResult, chart: Chart | None) -> dict[str, Any]:
    """Return one question's section: wording, the key figures, the tests, and what could not be
    worked out."""
    wording = question.pre_wording or question.post_wording or question.id
    cutoff = positive_words(question)
    return {
        "number": number,
        "id": question.id,
        "wording": wording,
        "later_wording": question.post_wording if question.pre_wording and question.post_wording
        and question.post_wording != question.pre_wording else "",
        "cutoff": cutoff,
        "figures": [
            {"label": "People who answered", "pre": _answered(question.pre), "post": _answered(question.post)},
            {"label": f"Scored {cutoff}", "pre": _share(question.pre),
             "post": _share(question.post)},
            {"label": "95% interval", "pre": _interval(question.pre), "post": _interval(question.post)},
        ],
        "change": change_text(question.pre, question.post) if question.change_points is not None else "",
        "tests": [t for t in (comparison_text(question.cutoff_test, f"whether people scored {cutoff}",
                                              cutoff if scales.of(question).reads_labels else None),
                              comparison_text(question.score_test, "the scores")) if t],
        "reading": reading(question),
        "not_computed": not_computed(question),
        "chart": None if chart is None else {"src": f"packgen:{chart.name}", "alt": chart.alt,
                                             "caption": _chart_caption(question)},
        "distribution": _distribution(question),
    }


def _chart_caption(question: QuestionResult) -> str:
    keys = []
    if any(question.pre_distribution):
        keys.append("Solid bars: before the hub.")
    if any(question.post_distribution):
        keys.append("Hatched bars: after the hub.")
    return " ".join([*keys, f"The shaded band marks {positive_words(question)}."])


def _answered(proportion: Proportion | None) -> str:
    return "Not asked" if proportion is None else str(proportion.n)


def _share(proportion: Proportion | None) -> str:
    if proportion is None:
        return "Not asked"
    return share_text(proportion) if proportion.n else "Nobody answered"


def _interval(proportion: Proportion | None) -> str:
    if proportion is None:
        return "Not asked"
    return interval_text(proportion) or "Not worked out"


def comparison_text(comparison: Comparison | None, on: str, agreeing: str | None = None) -> str:
    """Return one test in words: its name, what it was run on, the result and what it can show
    (``agreeing``: see :func:`~packgen.report.words.comparison_note`)."""
    if comparison is None:
        return ""
    design = (f"paired, {people(comparison.n)} matched" if comparison.paired
              else f"unpaired, {comparison.n} forms before and after")
    name = method_name(comparison.method)
    result = "no p-value" if comparison.p_value is None else p_value_text(comparison.p_value)
    return f"{name[0].upper()}{name[1:]} on {on} ({design}): {result}. {comparison_note(comparison, agreeing)}".strip()


def not_computed(question: QuestionResult) -> list[str]:
    """Return, in words, each figure for the question that could not be worked out, and why."""
    reasons = []
    for stage, proportion in (("before", question.pre), ("after", question.post)):
        if proportion is not None and not proportion.n:
            reasons.append(f"Nobody answered this question {stage} the hub, so there is no {stage} figure.")
    both = question.pre is not None and question.post is not None
    if both and question.change_points is None:
        reasons.append("The change cannot be worked out: it needs answers from before and after the hub.")
    if both and question.cutoff_test is None and question.score_test is None:
        reasons.append("No test could be run: a test needs answers from before and after the hub.")
    if not both:
        stage = "after" if question.post is not None else "before"
        reasons.append(f"There is no change or test to report: the question was asked {stage} the hub only.")
    return reasons


def _distribution(question: QuestionResult) -> dict[str, Any]:
    pre = question.pre_distribution if question.pre is not None else []
    post = question.post_distribution if question.post is not None else []
    scale = scales.SCALES[question.scale]
    rows = [{"score": scale.label(score) if scale.reads_labels else score, "pre": pre[i] if pre else None, "post": post[i] if post else None,
             "at_or_above": score >= question.cutoff} for i, score in enumerate(scale.ascending)]
    return {"pre": bool(pre), "post": bool(post), "rows": rows, "noun": scale.noun,
            "total_pre": sum(pre), "total_post": sum(post)}


# -- Session outputs ----------------------------------------------------------------------------


def session_context(event: Event, notes: list[Note]) -> list[dict[str, Any]]:
    """Return the notes grouped by session, then by table, with what the whole room agreed apart."""
    numbers = list(range(1, len(event.sessions) + 1))
    numbers += sorted({n.session for n in notes if n.session not in numbers and n.session is not None})
    if any(n.session is None for n in notes):
        numbers.append(None)
    sessions = []
    for number in numbers:
        in_session = [n for n in notes if n.session == number]
        tables: dict[str, list[str]] = {}
        for note in in_session:
            if note.table != WHOLE_ROOM:
                tables.setdefault(note.table or "Table not given", []).append(note.note)
        sessions.append({
            "number": number,
            "title": _session_title(event, number),
            "prompt": event.sessions[number - 1].prompt if number in range(1, len(event.sessions) + 1) else "",
            "tables_label": "Each table's top three" if number == TOP_THREE_SESSION else "What each table said",
            "tables": [{"table": table, "notes": texts} for table, texts in tables.items()],
            "room_label": ("The three things the room agreed to take away" if number == TOP_THREE_SESSION
                           else "What the whole room agreed"),
            "room": [n.note for n in in_session if n.table == WHOLE_ROOM],
        })
    return sessions


def _session_title(event: Event, number: int | None) -> str:
    if number is None:
        return "Notes without a session number"
    if number <= len(event.sessions):
        return f"Session {number}: {event.sessions[number - 1].title}"
    return f"Session {number}"


# -- Money --------------------------------------------------------------------------------------


def money_context(evaluation: Evaluation) -> dict[str, Any]:
    """Return spend against budget and the cost per attendee, saying what is not known and why."""
    m = evaluation.money
    notes = []
    if not m.from_workbook:
        notes.append("No budget sheet was read, so what was spent is not known. The figures below are"
                     " the estimates in the event config.")
    elif m.actual is None:
        notes.append("No actual costs were typed into the budget sheet, so what was spent is not known.")
    if m.actual is not None:
        difference = m.budget - m.actual
        side = "under" if difference >= 0 else "over"
        summary = f"We spent {pounds(m.actual)} of a budget of {pounds(m.budget)}: {pounds(abs(difference))} {side} budget."
    else:
        summary = f"The budget was {pounds(m.budget)}; the estimates add up to {pounds(m.estimate)}."
    if m.cost_per_attendee is not None:
        basis = "what was spent" if m.actual is not None else "the estimates"
        per_head = (f"Cost per attendee: {pounds(m.cost_per_attendee)} ({basis} shared between"
                    f" {people(m.attendees or 0)}).")
    elif not m.attendees:
        per_head = "The cost per attendee cannot be worked out: we do not know how many people came."
    else:
        per_head = "The cost per attendee cannot be worked out: no costs are known."
    return {
        "summary": summary,
        "per_head": per_head,
        "notes": notes,
        "lines": [{"item": item, "estimate": pounds(estimate), "actual": pounds(actual)}
                  for item, estimate, actual in m.lines],
        "total": {"estimate": pounds(m.estimate), "actual": pounds(m.actual)},
    }


# -- Method, next steps -------------------------------------------------------------------------


def method_paragraphs(event: Event, evaluation: Evaluation) -> list[str]:
    """Return how the survey was analysed, in plain words."""
    cutoff = cutoff_words(event.evaluation.cutoff)
    paired = evaluation.attendance.pairs > 0
    paragraphs = [
        "Everyone who came was asked to fill in a short survey before the hub and again after it. "
        + scales.survey_sentence([q.scale for q in evaluation.questions]),
        f"For each question we report the share of people who scored {cutoff}, with its 95% Wilson"
        " interval, and the full spread of scores.",
    ]
    if paired:
        paragraphs.append(
            "Attendees wrote a personal code they made up on both forms, so we could match a person's"
            " answers before and after. For matched answers we used paired tests: the exact McNemar test"
            " on whether each person scored at or above the cut-off, and the Wilcoxon signed-rank test"
            " on the scores.")
    paragraphs.append(
        "Where answers could not be matched, we compared everyone who answered before with everyone"
        " who answered after, using Fisher's exact test and the Mann–Whitney U test. The two groups"
        " may not be the same people." if paired else
        "No answers could be matched by personal code, so we compared everyone who answered before"
        " with everyone who answered after, using Fisher's exact test and the Mann–Whitney U test."
        " The two groups may not be the same people.")
    paragraphs.append(
        "A p-value below 0.05 is usually taken as a real change. When five or fewer people change"
        " category, no two-sided exact test can reach that, however large the change looks.")
    return paragraphs


def action_context(action: Action, as_of: date | None = None) -> dict[str, Any]:
    """Return one action, its date the UK way, and whether it is overdue on ``as_of``."""
    return {"you_said": action.you_said, "we_did": action.we_did or "Not yet decided",
            "owner": action.owner or "Not given", "status": action.status or "Not given",
            "due": day_month_year(action.due) if action.due else "No date",
            "progress": action.progress, "overdue": bool(as_of) and action.is_overdue(as_of)}


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
