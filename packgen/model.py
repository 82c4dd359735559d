"""The event config, declared field by field.

One YAML file describes one Innovation Hub. Every field an organiser may write is declared here
with its type, its default and a docstring; :mod:`packgen.config` reads the YAML, and pydantic checks
it against these classes. Unknown keys are errors (a typo would otherwise drop the organiser's
intent silently).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from packgen import scales

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_UK_WORDED_DATE = re.compile(
    rf"^(?:(?:{_DAYS}),?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{{4}})$"
)
_TIME_24H = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_TIME_12H = re.compile(r"^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*(am|pm)$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_uk_date(value: object) -> date:
    """Return the date written as ``25/02/2022``, ``25 February 2022`` or ``2022-02-25``.

    Day first, always: ``02/25/2022`` is refused rather than guessed.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 25/02/2022, found {describe(value)}")
    text = " ".join(value.strip().lower().split())
    try:
        if match := _ISO_DATE.match(text):
            year, month, day = map(int, match.groups())
            return date(year, month, day)
        if match := _UK_NUMERIC_DATE.match(text):
            day, month, year = map(int, match.groups())
            return date(year, month, day)
        if (match := _UK_WORDED_DATE.match(text)) and match.group(2) in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        raise ValueError(f"'{value}' is not a real date (day first: 25/02/2022)") from None
    raise ValueError(f"expected a date like 25/02/2022 or 25 February 2022, found '{value}'")


def parse_clock_time(value: object) -> time:
    """Return the time written as ``09:30``, ``9.30``, ``9:30am`` or ``4pm``."""
    if isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"expected a time like 09:30 or 9:30am, found {describe(value)}"
            " (put times in quotes: \"09:30\")"
        )
    text = value.strip().lower().replace(" ", "")
    if text in ("midday", "noon"):
        return time(12, 0)
    if match := _TIME_24H.match(text):
        return time(int(match.group(1)), int(match.group(2)))
    if match := _TIME_12H.match(text):
        hour = int(match.group(1)) % 12 + (12 if match.group(3) == "pm" else 0)
        return time(hour, int(match.group(2) or 0))
    raise ValueError(f"expected a time like 09:30 or 9:30am, found '{value}'")


def describe(value: object) -> str:
    """Return a short, plain description of a YAML value for an error message."""
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    if value is None:
        return "nothing"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    for kind, word in kinds.items():
        if isinstance(value, kind):
            return f"{word} ({value!r})" if kind in (bool, int, float) else word
    return type(value).__name__


def check_email(value: str) -> str:
    """Return ``value`` if it looks like an email address (or is blank)."""
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"expected an email address like name@example.org, found '{value}'")
    return value


UKDate = Annotated[date, BeforeValidator(parse_uk_date)]
Email = Annotated[str, AfterValidator(check_email)]
ClockTime = Annotated[time, BeforeValidator(parse_clock_time)]
Text = Annotated[str, Field(min_length=1)]
Score = Annotated[int, Field(ge=0, le=10)]


class Section(BaseModel):
    """Base of every part of the config: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Venue(Section):
    name: Text
    """The venue's name, as attendees will know it."""
    address: Text
    """The full postal address; several lines are fine."""
    access_notes: str = ""
    """Step-free access, hearing loop, parking, nearest station: anything an attendee may need."""


class Contact(Section):
    name: Text
    role: str = ""
    """E.g. "Event organiser", "Neighbourhood inspector"."""
    email: Email = ""
    phone: str = ""


class Table(Section):
    name: str = ""
    """Optional name ("Table 3", "Riverside"); tables are numbered in order anyway."""
    facilitator: str = ""
    note_taker: str = ""


class Invitee(Section):
    name: Text
    organisation: str = ""
    sector: str = ""
    email: Email = ""
    needs: str = ""
    """Access or dietary needs."""


class BudgetLine(Section):
    item: Text
    estimate: float = Field(0, ge=0)
    """Estimated cost in pounds."""
    actual: float | None = Field(None, ge=0)
    """Actual cost in pounds, once known."""
    notes: str = ""


def _default_budget_lines() -> list[BudgetLine]:
    return [
        BudgetLine(item="Venue hire", estimate=1500),
        BudgetLine(item="Food and drink", estimate=1500),
        BudgetLine(item="Vouchers for attendees", estimate=1500),
        BudgetLine(item="Materials (flip charts, pens, printing)", estimate=500),
    ]


class Budget(Section):
    total: float = Field(5000, gt=0)
    """The money available for the hub, in pounds. About £5,000 is typical."""
    lines: list[BudgetLine] = Field(default_factory=_default_budget_lines)


class Session(Section):
    title: Text
    prompt: Text
    """The question each table discusses."""
    report_back: Text
    """What each table reports back to the room at the end of the session."""
    start: ClockTime
    end: ClockTime
    date: UKDate | None = None
    """Only for hubs held over several dates: which date this session is on."""


class Break(Section):
    name: Text
    start: ClockTime
    end: ClockTime
    date: UKDate | None = None


class Opening(Section):
    time: ClockTime
    mc: Text
    """Who opens the hub as master of ceremonies (a participant, named or described)."""


class Close(Section):
    time: ClockTime
    by: Text
    """Who closes the hub."""


class Question(Section):
    id: str
    """A short name used in files and tags: lower case letters, digits and underscores."""
    pre: str | None = None
    """Wording on the pre-event form; leave out for a post-only question."""
    post: str | None = None
    """Wording on the post-event form; leave out for a pre-only question."""
    low_label: str = "0 = not at all"
    high_label: str = "10 = completely"
    cutoff: int | None = Field(None, ge=1, le=10)
    """Scores at or above this count as a positive answer; the default comes from ``evaluation``."""
    aliases: list[str] = Field(default_factory=list)
    """Other headings this question may carry in an online-form export."""
    labels: dict[str, Score] = Field(default_factory=dict)
    """Answer labels an online form may give instead of numbers, e.g. ``Very likely: 10``."""
    scale: Literal["0-10", "agree"] = "0-10"
    """How it is answered: ``0-10``, or ``agree`` for the five-point agreement scale (strongly agree
    to strongly disagree; see :mod:`packgen.scales`)."""

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not _QUESTION_ID.match(value):
            raise ValueError(
                f"expected lower case letters, digits and underscores (like 'trust'), found '{value}'"
            )
        return value

    @model_validator(mode="after")
    def _asked_at_least_once(self) -> Question:
        if not self.pre and not self.post:
            raise ValueError("a question needs a 'pre' wording, a 'post' wording or both")
        return self


PERSONAL_CODE_RULE = ("the first letter of your mother\u2019s first name, then the last two digits of"
                      " your phone number, then your house number")
"""The default rule for making up a personal code."""


class Evaluation(Section):
    cutoff: int = Field(8, ge=1, le=10)
    """Scores at or above this count as positive: 8 means "8, 9 or 10 out of 10"."""
    disclosure_threshold: int = Field(5, ge=1)
    """Counts below this are shown as "fewer than N" in anything published."""
    personal_code: Text = PERSONAL_CODE_RULE
    """How attendees make up the personal code that pairs their two forms, printed on the forms,
    the slides and the typing-in sheets: words that follow "Make your code from"."""
    labels: dict[str, Score] = Field(default_factory=dict)
    """Answer labels shared by every question (a question's own labels win)."""
    questions: list[Question] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _ids_unique(cls, questions: list[Question]) -> list[Question]:
        seen: set[str] = set()
        for question in questions:
            if question.id in seen:
                raise ValueError(f"two questions have the id '{question.id}'; each id must be unique")
            seen.add(question.id)
        return questions


class Colours(Section):
    primary: str = "#1D3557"
    """Headings and title bars: a dark colour, so white text on it is readable."""
    accent: str = "#0B6E4F"

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise ValueError(f"expected a colour like #1D3557, found '{value}'")
        return value.upper()


class Branding(Section):
    organisation: str = ""
    """The name printed on every artefact; the force's name when left out."""
    logo: Path | None = None
    """A PNG or JPEG file, relative to this config's folder."""
    colours: Colours = Field(default_factory=Colours)


class FollowUp(Section):
    by: UKDate | None = None
    """When the "You said, we did" update will reach attendees; 8 weeks after the hub by default."""
    how: str = "by email, and on paper for anyone who asks"
    every_weeks: int = Field(default=8, ge=1, le=52)
    """How many weeks apart the updates after the first come ('packgen update' promises the next one
    this many weeks after the one it builds)."""


class ChecklistItem(Section):
    item: Text
    owner: str = "Organiser"
    weeks_before: float = Field(ge=-52, le=52)
    """How many weeks before the hub it is due; negative for work after it."""


class Risk(Section):
    hazard: Text
    who: str = "Attendees and staff"
    controls: str = ""
    likelihood: int = Field(ge=1, le=5)
    severity: int = Field(ge=1, le=5)


class Event(Section):
    """One Innovation Hub."""

    force: Text
    bcu: Text
    title: Text
    theme: Text
    focal_question: Text
    purpose: str = ""
    """One or two sentences on why the hub is being held."""
    dates: list[UKDate] = Field(min_length=1)
    """One date for a one-day hub, several for a hub held over several dates."""
    start: ClockTime
    end: ClockTime
    venue: Venue
    contacts: list[Contact] = Field(min_length=1)
    opening: Opening
    sessions: list[Session] = Field(min_length=1, max_length=6)
    breaks: list[Break] = Field(default_factory=list)
    close: Close
    tables: int | list[Table]
    """How many tables, or a list of them with their facilitator and note taker."""
    invitees: list[Invitee] = Field(default_factory=list)
    """The invite list, written here or as the path of a CSV file (columns: name, organisation,
    sector, email, needs) that :mod:`packgen.config` reads in."""
    sectors: list[str] = Field(
        default_factory=lambda: [
            "Resident", "Victim or survivor of crime", "Young person (under 25)", "Business",
            "Charity or voluntary group", "School, college or university", "Health", "Council",
            "Probation", "Police", "Other",
        ]
    )
    budget: Budget = Field(default_factory=Budget)
    incentives: str = ""
    """What attendees receive for their time, e.g. "A £25 shopping voucher"."""
    evaluation: Evaluation
    privacy_notice: Text
    follow_up: FollowUp = Field(default_factory=FollowUp)
    branding: Branding = Field(default_factory=Branding)
    checklist: list[ChecklistItem] = Field(default_factory=lambda: standard_checklist())
    """The organiser's checklist; the standard list when left out."""
    risks: list[Risk] = Field(default_factory=lambda: standard_risks())
    """The risk assessment's starting rows; the standard list when left out."""

    @field_validator("dates")
    @classmethod
    def _dates_in_order(cls, dates: list[date]) -> list[date]:
        if dates != sorted(set(dates)):
            raise ValueError("dates must be different and in order, earliest first")
        return dates

    @field_validator("tables")
    @classmethod
    def _tables_sensible(cls, tables: int | list[Table]) -> int | list[Table]:
        count = tables if isinstance(tables, int) else len(tables)
        if not 1 <= count <= 60:
            raise ValueError(f"expected between 1 and 60 tables, found {count}")
        return tables

    @model_validator(mode="after")
    def _times_fit_the_day(self) -> Event:
        if self.end <= self.start:
            raise ValueError("'end' must be after 'start'")
        for session in self.sessions:
            if session.end <= session.start:
                raise ValueError(f"session '{session.title}' ends before it starts")
        return self

    @property
    def table_list(self) -> list[Table]:
        """Return the tables as a list, numbering plain counts."""
        if isinstance(self.tables, int):
            return [Table() for _ in range(self.tables)]
        return list(self.tables)

    @property
    def follow_up_date(self) -> date:
        """Return when "You said, we did" is promised: the configured date or 8 weeks after."""
        return self.follow_up.by or self.dates[-1] + timedelta(weeks=8)

    @property
    def organisation(self) -> str:
        return self.branding.organisation or self.force

    @property
    def key(self) -> str:
        """Return the event's identity as forms carry it: its BCU and first date, e.g.
        ``central-south-2022-02-25``.

        Stable when the title or wording is corrected after forms are handed out; two hubs of one
        BCU on one day would share it.
        """
        slug = re.sub(r"[^a-z0-9]+", "-", self.bcu.lower()).strip("-")[:40].strip("-") or "hub"
        return f"{slug}-{self.dates[0].isoformat()}"

    def answer_labels(self, question_id: str) -> dict[str, int]:
        """Return the labels that stand for scores in answers to the question ``question_id``."""
        question = next(q for q in self.evaluation.questions if q.id == question_id)
        shared = {} if scales.of(question).reads_labels else self.evaluation.labels  # 0–10 labels
        return {**shared, **question.labels}

    def scale_of(self, question_id: str) -> scales.Scale:
        """Return the answer scale of the question ``question_id`` (see :mod:`packgen.scales`)."""
        return scales.of(next(q for q in self.evaluation.questions if q.id == question_id))


QuestionStage = Literal["pre", "post"]


def standard_checklist() -> list[ChecklistItem]:
    """Return the organiser's checklist every hub needs, from the practice's learning."""
    items = [
        ("Agree the theme and the focal question", "Organiser", 10),
        ("Book a venue, weighing how a police building affects who comes", "Organiser", 8),
        ("Draw up a defined invite list across every sector", "Organiser", 8),
        ("Plan the day: timings, content for each session, who opens and who closes", "Organiser", 6),
        ("Send invitations and ask about access and dietary needs", "Organiser", 6),
        ("Recruit a facilitator and a note taker for every table", "Organiser", 5),
        ("Arrange incentives for attendees (e.g. vouchers)", "Organiser", 4),
        ("Complete the health and safety risk assessment", "Organiser", 4),
        ("Decide on media presence to promote the hub", "Communications", 4),
        ("Order food and drink for the coffee and lunch breaks", "Organiser", 2),
        ("Brief facilitators and note takers", "Organiser", 1),
        ("Print the numbered pre- and post-event forms (packgen print); put each number's pair together,"
         " hand pairs out at random and never note who got which number", "Organiser", 1),
        ("Put flip charts and pens on every table", "Organiser", 0),
        ("Arrange who greets delegates on arrival", "Organiser", 0),
        ("Keep track of expenditure against the budget", "Organiser", 0),
        ("Type in the pre- and post-event forms", "Organiser", -1),
        ("Write up the evaluation", "Organiser", -4),
        ("Send the \"You said, we did\" update to attendees", "Organiser", -8),
    ]
    return [ChecklistItem(item=i, owner=o, weeks_before=w) for i, o, w in items]


def standard_risks() -> list[Risk]:
    """Return the starting rows of the health and safety risk assessment."""
    rows = [
        ("Slips, trips and falls (cables, bags, wet floors)", "Attendees and staff",
         "Tape down cables; keep walkways clear; signage for wet floors", 2, 3),
        ("Fire or evacuation", "Everyone on site",
         "Brief exits and assembly point at the opening; keep a signed-in list", 1, 5),
        ("Medical emergency or allergic reaction", "Attendees",
         "First aider on site; ask about dietary needs; label food", 2, 4),
        ("Distress when sharing lived experience", "Attendees",
         "Facilitators briefed; quiet room; signposting to support services", 3, 3),
        ("Conflict or abusive behaviour at a table", "Attendees and facilitators",
         "Ground rules at the opening; facilitator escalates to the organiser", 2, 3),
        ("Personal data on forms lost or seen by others", "Attendees",
         "Forms carry a personal code, not names; collect and store them securely", 2, 3),
    ]
    return [
        Risk(hazard=h, who=w, controls=c, likelihood=lk, severity=sv) for h, w, c, lk, sv in rows
    ]
