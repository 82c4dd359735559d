"""What the "You said, we did" update says, as ready-to-print names for its template.

It goes to attendees and the public, so it holds no names (only what the tables said and what the
force did), and every count below the disclosure threshold is shown as "fewer than N", with the
percentages built on it and whatever else would let it be worked back hidden too
(:func:`packgen.disclosure.published_count`, :func:`packgen.disclosure.published_share`,
:func:`packgen.disclosure.suppress_counts`); a number of attendees too small to publish is not
in the thanks either.
"""

from __future__ import annotations

from typing import Any

from packgen.evaluation import Evaluation, Proportion
from packgen.model import Event
from packgen.report.evaluation_report import TOP_THREE_SESSION
from packgen.report.words import day_month_year, positive_words
from packgen.results.dataset import Action, Dataset
from packgen.text import cutoff_words
from packgen.wording import WHOLE_ROOM

NOT_DOING = "not doing"
"""The status of an action the force has decided against (compared ignoring case)."""
DONE = "done"


def update_context(event: Event, dataset: Dataset, evaluation: Evaluation) -> dict[str, Any]:
    """Return the names the "You said, we did" template sees under ``update``."""
    threshold = event.evaluation.disclosure_threshold
    doing = [a for a in dataset.actions if _status(a) != NOT_DOING]
    return {
        "thanks": thanks(event, evaluation, threshold),
        "told": [n.note for n in dataset.notes if n.session in (1, None)],
        "ideas": [n.note for n in dataset.notes if n.session not in (1, None, TOP_THREE_SESSION)],
        "top_three": [n.note for n in dataset.notes if n.session == TOP_THREE_SESSION and n.table != WHOLE_ROOM],
        "take_aways": [n.note for n in dataset.notes if n.session == TOP_THREE_SESSION and n.table == WHOLE_ROOM],
        "doing": [action_context(a) for a in doing],
        "not_doing": [action_context(a) for a in dataset.actions if _status(a) == NOT_DOING],
        "findings": findings(event, evaluation, threshold),
        "took_part": took_part(evaluation, threshold),
        "threshold": threshold,
        "next": next_steps(doing),
    }


def thanks(event: Event, evaluation: Evaluation, threshold: int) -> str:
    """Return the opening thanks, with how many came when that is known and may be published."""
    from packgen.disclosure import published_count

    came = evaluation.attendance.attended
    who = f"the {came} people" if came and published_count(came, threshold) == came else "everyone"
    return (f"Thank you to {who} who came to the {event.title}. You gave us your time and told us"
            " what you think. This update tells you what we have done with it.")


def _status(action: Action) -> str:
    return " ".join(action.status.split()).casefold()


def action_context(action: Action) -> dict[str, str]:
    """Return one action for the public: what was said, what we did, status, who and when, and the
    progress note (for "not doing", the reason)."""
    status = action.status.strip() or "Not yet decided"
    if action.due:
        when = f"{'Done by' if _status(action) == DONE else 'Due by'} {day_month_year(action.due)}"
    else:
        when = ""
    return {"you_said": action.you_said, "we_did": action.we_did or "We have not decided yet.",
            "status": status, "owner": action.owner, "when": when, "progress": action.progress}


def findings(event: Event, evaluation: Evaluation, threshold: int) -> dict[str, Any]:
    """Return the headline survey figures, with small counts suppressed."""
    from packgen.disclosure import published_share

    def share(proportion: Proportion | None) -> str:
        return "Not asked" if proportion is None else published_share(proportion.count, proportion.n, threshold)

    rows = [{"question": q.post_wording or q.pre_wording or q.id, "before": share(q.pre), "after": share(q.post),
             "counted": positive_words(q)} for q in evaluation.questions]
    answered = any(p is not None and p.n for q in evaluation.questions for p in (q.pre, q.post))
    # One phrase for the whole table when every question counts the same answers; else each row says.
    counted = {row["counted"] for row in rows} or {cutoff_words(event.evaluation.cutoff)}
    cutoff = counted.pop() if len(counted) == 1 else ""
    return {"cutoff": cutoff, "rows": rows if answered else [],
            "none": "" if answered else "We did not receive any survey forms, so we have no survey"
                                         " results to share."}


def took_part(evaluation: Evaluation, threshold: int) -> dict[str, Any]:
    """Return how many came, and from which sectors, small counts suppressed (no rows when the
    register was not read, or when no breakdown can be shown without giving a count away)."""
    from packgen.disclosure import published_count, suppress_counts

    attendance = evaluation.attendance
    rows = [(sector, attended) for sector, _, attended, _, _ in attendance.by_sector if attended]
    if attendance.attended is None or not rows:
        return {"total": "", "rows": []}
    total = published_count(attendance.attended, threshold)
    if total != attendance.attended:
        return {"total": f"{str(total).capitalize()} people came.", "rows": []}
    shown = suppress_counts([count for _, count in rows], threshold)
    if shown is None:
        return {"total": f"{attendance.attended} people came. The groups they came from are too small to"
                         " show without pointing to someone.", "rows": []}
    return {"total": f"{attendance.attended} people came. This is how they described themselves:",
            "rows": [{"sector": sector, "count": count} for (sector, _), count in zip(rows, shown)]}


def next_steps(doing: list[Action]) -> list[dict[str, str]]:
    """Return the actions still to finish, soonest first, with their dates."""
    open_actions = [a for a in doing if _status(a) != DONE and a.due]
    return [{"what": a.we_did or a.you_said, "when": day_month_year(a.due)}
            for a in sorted(open_actions, key=lambda a: a.due)]
