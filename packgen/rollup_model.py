"""The force-wide roll-up's figures: what :mod:`packgen.stages.rollup` works out from a batch, and
what the roll-up's renderers (its workbook, :mod:`packgen.render.xlsx.rollup`; its PDF) lay out.

Per BCU (:class:`HubFigures`): attendance, forms returned, pairs, cost per attendee, and per survey
question the count at or above the cut-off before and after (:class:`QuestionFigures`). The action
register (:class:`RegisterRow`): per BCU, its actions by status, how many are overdue, its last
update and its promises to report back (:class:`Promise`). :class:`Published` is the roll-up as it
may be published, small counts hidden (:func:`packgen.stages.rollup.published`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class QuestionFigures:
    """One question's before and after counts at one hub (or pooled over the force)."""

    before: tuple[int, int] | None
    """(count at or above the cut-off, answered), or None when not asked before."""
    after: tuple[int, int] | None


@dataclass
class HubFigures:
    name: str
    bcu: str
    title: str
    dates: str
    invited: int
    attended: int | None
    pre_forms: int
    post_forms: int
    pairs: int
    cost_per_attendee: float | None
    questions: dict[str, QuestionFigures] = field(default_factory=dict)


REGISTER_STATUSES = ("Planned", "In progress", "Done", "Not doing", "")
"""The register's status columns: the fixed list (:data:`packgen.results.dataset.ACTION_STATUSES`),
then "" for an action whose status is not decided yet."""

DUE, KEPT, BROKEN = "due", "kept", "broken"
"""A promise to report back: not passed yet; an edition came on or before it; it passed with none."""


@dataclass
class Promise:
    """One promise to report back: edition ``number`` by ``by``, and when it came (None: not yet)."""

    number: int
    by: date
    sent: date | None
    state: str
    """:data:`DUE`, :data:`KEPT` or :data:`BROKEN` (an edition that came late broke it too)."""


@dataclass
class RegisterRow:
    """One BCU's line of the action register, as of a date."""

    name: str
    bcu: str
    statuses: dict[str, int]
    """Each of :data:`REGISTER_STATUSES` → how many actions have it."""
    overdue: int
    edition: int | None
    """The last edition sent on or before the date (1 when there is no history), None before the hub."""
    last_update: date | None
    days_since: int | None
    promises: list[Promise]
    """Every promise made up to the date, the last one that of the next update."""
    recorded: bool
    """Whether the editions come from an actions' history (else edition 1 is assumed)."""

    @property
    def actions(self) -> int:
        return sum(self.statuses.values())

    @property
    def next(self) -> Promise:
        return self.promises[-1]

    @property
    def broken(self) -> int:
        return sum(p.state == BROKEN for p in self.promises)

    @property
    def kept(self) -> int:
        return sum(p.state == KEPT for p in self.promises)


@dataclass
class Rollup:
    hubs: list[HubFigures]
    totals: HubFigures
    question_words: dict[str, str]
    """Question id → its wording (the post form's, else the pre form's)."""
    threshold: int
    skipped: list[str]
    """Events of the batch left out, and why (no results, failed)."""
    register: list[RegisterRow] = field(default_factory=list)
    """The action register, per hub with results (in the order of :attr:`hubs`)."""
    as_of: date = field(default_factory=date.today)
    register_skipped: list[str] = field(default_factory=list)
    """Hubs left out of the register only, and why (an actions' history that cannot be read)."""
    question_cutoffs: dict[str, str] = field(default_factory=dict)
    """Question id → its positive answers in words (``strongly agree or agree``), when not 0–10's."""


def register_totals(rows: list[RegisterRow]) -> dict[str, int]:
    """Return the force-wide line of the register: actions by status, overdue, promises kept and
    broken, and how many BCUs' promise of their next update is broken."""
    totals = {status: sum(row.statuses[status] for row in rows) for status in REGISTER_STATUSES}
    return {"statuses": totals, "actions": sum(totals.values()), "overdue": sum(row.overdue for row in rows),
            "kept": sum(row.kept for row in rows), "broken": sum(row.broken for row in rows),
            "bcus_broken": sum(row.next.state == BROKEN for row in rows), "bcus": len(rows)}


PEOPLE = ("invited", "attended", "pre_forms", "post_forms", "pairs")
"""The counts of the "Who came" table, each a column adding up to the force-wide row."""


@dataclass
class Published:
    """The roll-up as it may be published: every cell's text, small counts and what would give
    them away hidden (:mod:`packgen.disclosure`)."""

    people: list[dict[str, int | str]]
    """Per row (the hubs, then the force-wide row): each of :data:`PEOPLE`, and ``cost`` (pounds,
    rounded to the penny, or :data:`~packgen.disclosure.NOT_SHOWN`; empty when not known)."""
    questions: dict[str, list[dict[str, str]]]
    """Question id → per row: ``before`` and ``after``."""
