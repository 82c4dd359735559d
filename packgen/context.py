"""What templates see: the event turned into ready-to-print values.

Every name a template may use is built here, already formatted the UK way (``Friday 25 February
2022``, ``9:30am``, ``£5,000``), so templates hold layout only. ``packgen templates check`` checks
templates against exactly this context. The names are listed in the README ("Template names").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from packgen import scales
from packgen.model import Event
from packgen.text import (
    cutoff_words,
    money,
    uk_date,
    uk_dates,
    uk_time,
    uk_time_range,
)


@dataclass(frozen=True)
class RunItem:
    """One line of the run of the day."""

    start: time
    end: time | None
    kind: str
    """One of: arrival, opening, session, break, close, end."""
    title: str
    detail: str = ""
    on: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": uk_time(self.start),
            "end": uk_time(self.end) if self.end else "",
            "time": uk_time_range(self.start, self.end),
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "date": uk_date(self.on) if self.on else "",
        }


def run_of_the_day(event: Event) -> list[RunItem]:
    """Return every timed item of the hub in order: arrival, opening, sessions, breaks, close."""
    items = [
        RunItem(event.start, event.opening.time, "arrival", "Arrival, registration and coffee"),
        RunItem(event.opening.time, None, "opening", "Welcome and opening",
                f"Master of ceremonies: {event.opening.mc}"),
        RunItem(event.close.time, None, "close", "Close and next steps", f"Closed by {event.close.by}"),
        RunItem(event.end, None, "end", "Hub ends"),
    ]
    for number, session in enumerate(event.sessions, start=1):
        items.append(RunItem(session.start, session.end, "session",
                             f"Session {number}: {session.title}", session.prompt, session.date))
    for pause in event.breaks:
        items.append(RunItem(pause.start, pause.end, "break", pause.name, "", pause.date))
    first = event.dates[0]
    return sorted(items, key=lambda item: (item.on or first, item.start, item.kind != "end"))


def due_date(event: Event, weeks_before: float) -> date:
    """Return the date ``weeks_before`` weeks before the hub's first date (after it if negative)."""
    return event.dates[0] - timedelta(days=round(weeks_before * 7))


def build_context(event: Event) -> dict[str, Any]:
    """Return the names every template can use, formatted for print."""
    tables = event.table_list
    questions = [_question(event, q) for q in event.evaluation.questions]
    budget_estimate = sum(line.estimate for line in event.budget.lines)
    return {
        "organisation": event.organisation,
        "force": event.force,
        "bcu": event.bcu,
        "title": event.title,
        "theme": event.theme,
        "focal_question": event.focal_question,
        "purpose": event.purpose,
        "dates": uk_dates(event.dates),
        "date_list": [uk_date(d) for d in event.dates],
        "first_date": uk_date(event.dates[0]),
        "date_count": len(event.dates),
        "times": uk_time_range(event.start, event.end),
        "start": uk_time(event.start),
        "end": uk_time(event.end),
        "venue": {
            "name": event.venue.name,
            "address": event.venue.address,
            "address_line": ", ".join(line.strip() for line in event.venue.address.splitlines() if line.strip()),
            "access_notes": event.venue.access_notes,
        },
        "contacts": [c.model_dump() for c in event.contacts],
        "opening": {"time": uk_time(event.opening.time), "mc": event.opening.mc},
        "close": {"time": uk_time(event.close.time), "by": event.close.by},
        "sessions": [
            {
                "number": number,
                "title": s.title,
                "prompt": s.prompt,
                "report_back": s.report_back,
                "time": uk_time_range(s.start, s.end),
                "date": uk_date(s.date) if s.date else "",
            }
            for number, s in enumerate(event.sessions, start=1)
        ],
        "session_count": len(event.sessions),
        "breaks": [
            {"name": b.name, "time": uk_time_range(b.start, b.end), "date": uk_date(b.date) if b.date else ""}
            for b in event.breaks
        ],
        "programme": [item.as_dict() for item in run_of_the_day(event)],
        "tables": [
            {
                "number": number,
                "name": t.name or f"Table {number}",
                "facilitator": t.facilitator or "To be confirmed",
                "note_taker": t.note_taker or "To be confirmed",
            }
            for number, t in enumerate(tables, start=1)
        ],
        "table_count": len(tables),
        "invitee_count": len(event.invitees),
        "sectors": list(event.sectors),
        "questions": questions,
        "pre_questions": [q for q in questions if q["pre"]],
        "post_questions": [q for q in questions if q["post"]],
        "pre_answers": scales.answers_sentence([q["scale_key"] for q in questions if q["pre"]]),
        "cutoff": cutoff_words(event.evaluation.cutoff),
        "personal_code_rule": event.evaluation.personal_code,
        "event_key": event.key,
        "budget": {
            "total": money(event.budget.total),
            "estimate": money(budget_estimate),
            "lines": [
                {"item": line.item, "estimate": money(line.estimate), "notes": line.notes}
                for line in event.budget.lines
            ],
        },
        "incentives": event.incentives,
        "privacy_notice": event.privacy_notice,
        "follow_up": {"by": uk_date(event.follow_up_date), "how": event.follow_up.how},
        "colours": {"primary": event.branding.colours.primary, "accent": event.branding.colours.accent},
    }


def _question(event: Event, question) -> dict[str, Any]:
    cutoff = question.cutoff or event.evaluation.cutoff
    return {
        "id": question.id,
        "pre": question.pre or "",
        "post": question.post or "",
        "low_label": question.low_label,
        "high_label": question.high_label,
        **scales.form_context(question, cutoff),
    }
