"""The results dataset: every form, note and action of one hub, whichever way it arrived.

It is written as one JSON file (``results.json``) that ``packgen report`` reads back. The schema is
documented in the README ("The results file"); :data:`SCHEMA` names its version.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

SCHEMA = "packgen-results/1"

Stage = Literal["pre", "post"]


@dataclass
class Place:
    """Where a value came from: file, and sheet/row/column where the file has them."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    """The column's letter and header: ``F ('How much do you trust...')``."""
    answer: str | None = None
    """For a returned form, which answer: a question id or a field id."""
    page: int | None = None
    """For a scan, the page of the file (from 1)."""

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.answer:
            parts.append(f"answer '{self.answer}'")
        return ", ".join(parts)


@dataclass
class Issue:
    """A value that could not be used, or something about a source worth knowing."""

    place: Place
    problem: str
    kind: str
    """A short code: out_of_range, not_a_score, blank_row, missing_question, unknown_column,
    duplicate_column, duplicate_code, empty_file, unreadable_file, ..."""

    def __str__(self) -> str:
        return f"{self.place}: {self.problem}"


@dataclass
class Response:
    """One returned form."""

    stage: Stage
    code: str
    """The personal code as written ("" when left blank)."""
    scores: dict[str, int]
    """Question id → score 0–10, for the questions answered."""
    sector: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    """Free text by field id: hopes, takeaway_1..3, next_steps, comments, contact_details."""
    consent: bool = False
    source: Place | None = None

    @property
    def pairing_key(self) -> str:
        """Return the code normalised for pairing: case and spaces ignored."""
        return "".join(self.code.split()).upper()


@dataclass
class Note:
    """A note taker's note: what a table said in a session."""

    table: str
    session: int | None
    note: str
    source: Place | None = None


@dataclass
class Action:
    """One line of "You said, we did"."""

    you_said: str
    we_did: str = ""
    owner: str = ""
    status: str = ""
    due: str = ""
    """ISO date (YYYY-MM-DD) or ""."""
    source: Place | None = None


@dataclass
class SourceSummary:
    """What one source gave."""

    file: str
    kind: str
    """capture-sheet, microsoft-forms, google-forms, csv, returned-form"""
    stage: str
    forms: int = 0
    blank_rows: int = 0
    pages: list[list] = field(default_factory=list)
    """For scans, every page of every file: ``[file, page, what it was]`` (what is ``read``,
    ``blank``, ``duplicate``, ``other-event`` or ``unknown``)."""


@dataclass
class BudgetLine:
    """One line of the planning workbook's budget: what was expected and what was spent."""

    item: str
    estimate: float | None = None
    actual: float | None = None


@dataclass
class SectorCount:
    """How many of a sector were invited and how many came (the workbook's Invitations sheet)."""

    sector: str
    invited: int = 0
    attended: int = 0


@dataclass
class Dataset:
    """Everything ingested for one hub."""

    event: dict[str, Any]
    questions: list[dict[str, Any]]
    pre: list[Response] = field(default_factory=list)
    post: list[Response] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    """From the workbook's Budget sheet; empty when no workbook was given."""
    budget_total: float | None = None
    """The money available, from the workbook's Budget sheet."""
    attendance: list[SectorCount] = field(default_factory=list)
    """Invited and attended by sector, from the workbook's Invitations sheet (never names)."""

    def pairs(self) -> list[tuple[Response, Response]]:
        """Return (pre, post) forms sharing a personal code that appears once in each stage."""
        pre = _unique_by_code(self.pre)
        post = _unique_by_code(self.post)
        return [(pre[key], post[key]) for key in pre if key in post]

    def to_json(self) -> str:
        data = {"schema": SCHEMA, **asdict(self)}
        data["pairs"] = [[a.pairing_key, self.pre.index(a), self.post.index(b)] for a, b in self.pairs()]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, path: Path | str = "results.json") -> Dataset:
        """Return the dataset in ``text``; raises ValueError naming what is wrong."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise ValueError(f"{path}: expected a packgen results file ({SCHEMA}), found {found!r}")

        def place(value: dict | None) -> Place | None:
            return Place(**value) if value else None

        def responses(items: list[dict]) -> list[Response]:
            return [Response(**{**r, "source": place(r.get("source"))}) for r in items]

        return cls(
            event=data["event"],
            questions=data["questions"],
            pre=responses(data["pre"]),
            post=responses(data["post"]),
            notes=[Note(**{**n, "source": place(n.get("source"))}) for n in data["notes"]],
            actions=[Action(**{**a, "source": place(a.get("source"))}) for a in data["actions"]],
            sources=[SourceSummary(**s) for s in data["sources"]],
            issues=[Issue(place=Place(**i["place"]), problem=i["problem"], kind=i["kind"])
                    for i in data["issues"]],
            budget=[BudgetLine(**line) for line in data.get("budget", [])],
            budget_total=data.get("budget_total"),
            attendance=[SectorCount(**row) for row in data.get("attendance", [])],
        )


def _unique_by_code(responses: list[Response]) -> dict[str, Response]:
    counts: dict[str, int] = {}
    for response in responses:
        if response.pairing_key:
            counts[response.pairing_key] = counts.get(response.pairing_key, 0) + 1
    return {r.pairing_key: r for r in responses if r.pairing_key and counts[r.pairing_key] == 1}
