"""The results dataset: every form, note and action of one hub, whichever way it arrived.

It is written as one JSON file (``results.json``) that ``packgen report`` reads back. The schema is
documented in the README ("The results file"); :data:`SCHEMA` names its version. The dataclasses
below are that schema: a file read back is validated against their annotations by pydantic
(:func:`read_dataset`), so a hand-edited file with a score of ``"7"`` or ``99`` is refused with the
place of each problem rather than crashing a report or printing a figure packgen cannot vouch for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError, WrapValidator, with_config
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic needs it on Python < 3.12

from packgen.errors import ResultsError
from packgen.json_files import JsonKind, describe_error, read_json_text, refused, shown
from packgen.output import WriteReport, write_output

SCHEMA = "packgen-results/1"

RESULTS_FILE = JsonKind("the results file", "a packgen results file",
                        "correct them, or read the forms again with 'packgen results'", ResultsError)

Stage = Literal["pre", "post"]

_STRICT = ConfigDict(strict=True, extra="forbid")
"""A results file read back holds exactly what packgen writes: no text for a number, no extra keys."""


def _expected(words: str) -> WrapValidator:
    """Return a validator saying ``expected <words>`` for any value the annotated type refuses."""

    def validate(value: Any, handler):
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError("expected", "expected {words}", {"words": words}) from None

    return WrapValidator(validate)


def _real_date_or_blank(value: str) -> str:
    """Return ``value`` if it is blank or a real date (the pattern has made it YYYY-MM-DD)."""
    if value:
        date.fromisoformat(value)  # raises ValueError for 2022-02-30
    return value


Score = Annotated[int, Field(ge=0, le=10), _expected("a whole number 0 to 10")]
Count = Annotated[int, Field(ge=0), _expected("a whole number, 0 or more")]
RowNumber = Annotated[int, Field(ge=1), _expected("a row number, 1 or more")]
Money = Annotated[float, Field(ge=0), _expected("an amount in pounds, 0 or more")]
IsoDate = Annotated[str, Field(pattern=r"^(\d{4}-\d{2}-\d{2})?$"), AfterValidator(_real_date_or_blank),
                    _expected('a date written YYYY-MM-DD, or ""')]


class EventSummary(TypedDict, total=False):
    """The event the results are of, as ``packgen results`` wrote it."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    title: str
    force: str
    bcu: str
    dates: list[IsoDate]
    invitees: Count


class QuestionSummary(TypedDict):
    """A survey question as the forms asked it."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    id: str
    pre: str | None
    post: str | None
    cutoff: Annotated[int, Field(ge=1, le=10), _expected("a whole number 1 to 10")]


@with_config(_STRICT)
@dataclass
class Place:
    """Where a value came from: file, and sheet/row/column where the file has them."""

    file: str
    sheet: str | None = None
    row: RowNumber | None = None
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


@with_config(_STRICT)
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


@with_config(_STRICT)
@dataclass
class Response:
    """One returned form."""

    stage: Stage
    code: str
    """The personal code as written ("" when left blank)."""
    scores: dict[str, Score]
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


@with_config(_STRICT)
@dataclass
class Note:
    """A note taker's note: what a table said in a session."""

    table: str
    session: int | None
    note: str
    source: Place | None = None


ACTION_STATUSES = ("Planned", "In progress", "Done", "Not doing")
"""The fixed list of an action's statuses (the workbook's drop-down; compared ignoring case and
spaces, and held in results.json as written here)."""


def action_status(word: Any) -> Any:
    """Return the status in :data:`ACTION_STATUSES` that ``word`` is (ignoring case and spaces), ""
    for a blank, or ``word`` unchanged when it is none of them (for the caller to report)."""
    if not isinstance(word, str):
        return word
    key = " ".join(word.split()).casefold()
    return next((s for s in ACTION_STATUSES if s.casefold() == key), "" if not key else word)


ActionStatus = Annotated[Literal["", "Planned", "In progress", "Done", "Not doing"],
                         _expected('one of "Planned", "In progress", "Done", "Not doing" or ""'),
                         BeforeValidator(action_status)]


@with_config(_STRICT)
@dataclass
class Action:
    """One line of "You said, we did", with what tracking it needs.

    The keys after ``source`` came with dated editions; a file without them reads with their
    defaults, and an action without an ``id`` is given :func:`derived_action_id` of what was said.
    """

    you_said: str
    we_did: str = ""
    owner: str = ""
    """The owner's role, never a name."""
    status: ActionStatus = ""
    """One of :data:`ACTION_STATUSES`, or "" when not yet decided."""
    due: IsoDate = ""
    """ISO date (YYYY-MM-DD) or ""."""
    source: Place | None = None
    id: str = ""
    """Stable across editions: typed in the Id column, or derived from what was said."""
    progress: str = ""
    """The progress note, or for "not doing" the reason."""
    evidence: str = ""
    """A link, or where to see it."""
    changed: IsoDate = ""
    """The date the action last changed, or ""."""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = derived_action_id(self.you_said)

    def is_overdue(self, as_of: date) -> bool:
        """Return whether the action is past its due date on ``as_of`` and neither done nor dropped."""
        return bool(self.due) and self.status not in ("Done", "Not doing") and date.fromisoformat(self.due) < as_of


def derived_action_id(you_said: str) -> str:
    """Return the id of an action that was not given one: ``A-`` and six hexadecimal digits of the
    SHA-1 of what was said (spaces and case ignored), so it stays the same from one reading of the
    workbook to the next, wherever the row is moved."""
    import hashlib

    text = " ".join(you_said.split()).casefold()
    return "A-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


@with_config(_STRICT)
@dataclass
class SourceSummary:
    """What one source gave."""

    file: str
    kind: str
    """capture-sheet, microsoft-forms, google-forms, csv, returned-form"""
    stage: str
    forms: Count = 0
    blank_rows: Count = 0
    pages: list[list] = field(default_factory=list)
    """For scans, every page of every file: ``[file, page, what it was]`` (what is ``read``,
    ``blank``, ``duplicate``, ``other-event`` or ``unknown``)."""


@with_config(_STRICT)
@dataclass
class SpentLine:
    """One line of the planning workbook's Budget sheet, read back: what was expected and what was
    spent (the config's planned line is :class:`packgen.model.BudgetLine`)."""

    item: str
    estimate: Money | None = None
    actual: Money | None = None


@with_config(_STRICT)
@dataclass
class SectorCount:
    """How many of a sector were invited and how many came (the workbook's Invitations sheet)."""

    sector: str
    invited: Count = 0
    attended: Count = 0


@with_config(ConfigDict(strict=True, extra="ignore"))  # 'schema' and 'pairs' are checked by read_dataset
@dataclass
class Dataset:
    """Everything ingested for one hub."""

    event: EventSummary
    questions: list[QuestionSummary]
    pre: list[Response] = field(default_factory=list)
    post: list[Response] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    budget: list[SpentLine] = field(default_factory=list)
    """From the workbook's Budget sheet; empty when no workbook was given."""
    budget_total: Money | None = None
    """The money available, from the workbook's Budget sheet."""
    attendance: list[SectorCount] = field(default_factory=list)
    """Invited and attended by sector, from the workbook's Invitations sheet (never names)."""

    def pairs(self) -> list[tuple[Response, Response]]:
        """Return (pre, post) forms sharing a personal code that appears once in each stage."""
        pre = _unique_by_code(self.pre)
        post = _unique_by_code(self.post)
        return [(pre[key], post[key]) for key in pre if key in post]

    def pair_rows(self) -> list[list]:
        """Return the pairs as the file holds them: ``[code, pre index, post index]``."""
        return [[a.pairing_key, self.pre.index(a), self.post.index(b)] for a, b in self.pairs()]

    def to_json(self) -> str:
        data = {"schema": SCHEMA, **asdict(self)}
        data["pairs"] = self.pair_rows()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, path: Path | str = "results.json") -> Dataset:
        """Return the dataset in ``text`` (a results file's content), validated against the schema.

        Raises :class:`ResultsError` listing every problem with its place, e.g.
        ``results.json, pre[3].scores.trust: expected a whole number 0 to 10, found 99``.
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ResultsError(f"{path}, line {error.lineno}, column {error.colno}: not valid JSON"
                               f" ({error.msg.lower()})") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ResultsError(f"{path}: expected a packgen results file ({SCHEMA}), found {_other_kind(data)}")
        problems = [f"{path}, {key}: required, but missing" for key in _REQUIRED if key not in data]
        problems += [f"{path}, {key}: unknown key" for key in data if key not in _TOP_LEVEL]
        dataset = None
        try:
            dataset = _adapter().validate_json(text)
        except ValidationError as error:
            problems += [describe_error(path, e) for e in error.errors(include_url=False)
                         if not (e["type"] == "missing" and len(e["loc"]) == 1)]  # said above
        placement = _placement_checks(data)
        if dataset is not None and "pairs" in data and not placement:
            placement += _pairs_check(dataset, data["pairs"])
        problems += [f"{path}, {at}: {problem}" for at, problem in placement]
        if problems:
            raise refused(path, RESULTS_FILE, problems)
        return dataset


def _other_kind(data: Any) -> str:
    """Return what a file that is not a results file of this version is, without quoting it: only
    packgen's own version names are printed."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, str) and re.fullmatch(r"packgen-results/\d{1,3}", schema):
        return f"'{schema}', a version this packgen does not read"
    return "another kind of JSON file"


_TOP_LEVEL = {"schema", "pairs", *(f.name for f in fields(Dataset))}
_REQUIRED = ["event", "questions", "pre", "post", "pairs", "notes", "actions", "sources", "issues"]
"""Every key packgen writes, but the budget and attendance (files written before them lack them)."""

@cache
def _adapter() -> TypeAdapter:
    """Return the validator of a results file (made on first use: it takes a moment to build)."""
    return TypeAdapter(Dataset)


def read_dataset(path: Path) -> Dataset:
    """Return the dataset in the results file ``path`` (written by ``packgen results``).

    This is the one place a results file is read: ``report``, ``batch --reports`` and ``rollup``
    all come here. Raises :class:`ResultsError` when it cannot be read or does not validate.
    """
    return Dataset.from_json(read_json_text(path, RESULTS_FILE), path)


def write_dataset(dataset: Dataset, path: Path, force: bool = False, reads: Iterable[Path | None] = ()) -> WriteReport:
    """Write the dataset to the results file ``path`` as packgen writes every file: never over a
    file the command ``reads``, nor, without ``force``, over a file packgen did not write or one
    changed since (with ``force`` that file is kept as a dated copy)."""
    return write_output(path, dataset.to_json().encode("utf-8"), force=force, reads=reads)


def _placement_checks(data: dict) -> list[tuple[str, str]]:
    """Return what the types alone cannot say: a form in the wrong list, a score for a question
    the file does not ask (read from the file as it is, so they are listed with the type errors)."""
    problems = []
    questions = data.get("questions")
    asked = [q.get("id") for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []
    for stage in ("pre", "post"):
        forms = data.get(stage)
        for index, form in enumerate(forms if isinstance(forms, list) else []):
            if not isinstance(form, dict):
                continue
            if form.get("stage") in ("pre", "post") and form["stage"] != stage:
                problems.append((f"{stage}[{index}].stage",
                                 f"expected \"{stage}\" (the form is in the '{stage}' list), found \"{form['stage']}\""))
            scores = form.get("scores")
            for question in scores if isinstance(scores, dict) else []:
                if question not in asked:
                    known = ", ".join(f"'{q}'" for q in asked) or "none"
                    problems.append((f"{stage}[{index}].scores.{question}",
                                     f"not a question of this file (its questions: {known})"))
    return problems


def _pairs_check(dataset: Dataset, pairs: Any) -> list[tuple[str, str]]:
    """Return a problem when the file's pairs are not the ones its personal codes give (packgen
    pairs forms by their codes, so an edited pair would be silently ignored)."""
    expected = dataset.pair_rows()
    if pairs == expected:
        return []
    if not isinstance(pairs, list):
        return [("pairs", f"expected a list [ ... ], found {shown(pairs)}")]
    for index, (want, found) in enumerate(zip(expected, pairs)):
        if want != found:
            return [(f"pairs[{index}]", f"expected {json.dumps(want)}, the pair the personal codes give,"
                                        f" found {shown(found)}")]
    return [("pairs", f"expected {len(expected)} pairs, the ones the personal codes give, found {len(pairs)}")]


def _unique_by_code(responses: list[Response]) -> dict[str, Response]:
    counts: dict[str, int] = {}
    for response in responses:
        if response.pairing_key:
            counts[response.pairing_key] = counts.get(response.pairing_key, 0) + 1
    return {r.pairing_key: r for r in responses if r.pairing_key and counts[r.pairing_key] == 1}
