"""The results stage: every source of one hub's results in, one validated dataset out.

A source is a file or a folder: a planning workbook (its capture sheets), a Microsoft Forms
export (.xlsx), a Google Forms export or hand-typed CSV (.csv), a returned form (.docx), or a
folder of returned forms. Reading never changes the user's files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from packgen import scales
from packgen import workbook_layout as layout
from packgen.config import LoadedConfig
from packgen.errors import ResultsError
from packgen.model import Event, parse_uk_date
from packgen.results.dataset import (
    ACTION_STATUSES,
    Action,
    Dataset,
    Issue,
    Note,
    Place,
    Response,
    SectorCount,
    SourceSummary,
    SpentLine,
    action_status,
)
from packgen.results.fields import normalise_header
from packgen.results.forms import read_returned_form
from packgen.results.responses import read_responses
from packgen.results.tables import SheetTable, non_blank, read_csv, read_workbook

CAPTURE_SHEETS = layout.CAPTURE_SHEETS
NOTES_SHEET = layout.SESSION_NOTES
ACTIONS_SHEET = layout.ACTIONS

NOTE_HEADERS = {**{normalise_header(h): what for what, h in layout.NOTE_HEADINGS.items()}, "notes": "note"}
ACTION_HEADERS = {"you said": "you_said", "we did": "we_did", "we did we are doing": "we_did", "owner": "owner",
                  "owner s role": "owner", "status": "status", "due": "due", "due date": "due", "id": "id",
                  "progress note or reason": "progress", "progress note": "progress", "reason": "progress",
                  "evidence": "evidence", "last changed": "changed"}
"""The Actions sheet's headings (reduced by :func:`normalise_header`) → :class:`Action` fields. Only
"You said" is needed; a workbook made before the tracking columns reads with their defaults."""


@dataclass
class Sources:
    """The files given for each part of the results."""

    pre: list[Path] = field(default_factory=list)
    post: list[Path] = field(default_factory=list)
    notes: list[Path] = field(default_factory=list)
    actions: list[Path] = field(default_factory=list)
    workbook: Path | None = None
    """A planning workbook: its capture sheets give whatever the other lists do not."""
    scans: list[Path] = field(default_factory=list)
    """Scanned paper forms (PDFs or folders of images), pre and post in any order."""
    layouts: list[Path] = field(default_factory=list)
    """Layout files written beside the printed forms; without them the config's layout is used."""
    review: Path | None = None
    """The scan review workbook whose decisions apply to the scans."""

    def is_empty(self) -> bool:
        return not (self.pre or self.post or self.notes or self.actions or self.workbook or self.scans)


def ingest(loaded: LoadedConfig, sources: Sources, review: list | None = None,
           progress: Callable[[str], None] | None = None) -> Dataset:
    """Return the dataset built from every source; problems are in ``dataset.issues``.

    ``progress`` is told how many pages of each scan file have been read, as a long one is read.

    What a person must check in the scans is added to ``review`` when given
    (:class:`~packgen.paper.scans.ReviewItem`). Raises :class:`ResultsError` when a file cannot be
    read at all.
    """
    if sources.is_empty():
        raise ResultsError("no results given: name the forms with --pre and --post, or a planning"
                           " workbook with --workbook")
    event = loaded.event
    dataset = Dataset(event=_event_summary(event), questions=_questions(event))
    for stage in ("pre", "post"):
        paths = getattr(sources, stage)
        if not paths and sources.workbook:
            paths = [sources.workbook]
        for path in paths:
            getattr(dataset, stage).extend(_read_stage(path, event, stage, dataset))
    if sources.scans:
        _read_scans(sources, event, dataset, review, progress)
    dataset.notes = [n for path in _or_workbook(sources.notes, sources.workbook)
                     for n in _read_notes(path, dataset)]
    dataset.actions = [a for path in _or_workbook(sources.actions, sources.workbook)
                       for a in _read_actions(path, dataset)]
    for stage in ("pre", "post"):
        dataset.issues += duplicate_codes(getattr(dataset, stage), stage)
    if sources.workbook:
        _read_budget(sources.workbook, dataset)
        _read_attendance(sources.workbook, event, dataset)
    return dataset


def _read_scans(sources: Sources, event: Event, dataset: Dataset, review: list | None,
                progress: Callable[[str], None] | None = None) -> None:
    from packgen.paper.review import read_decisions
    from packgen.paper.scans import page_progress, read_scans, scan_layouts

    stages = {q.id: " ".join(s for s in ("pre", "post") if getattr(q, s)) for q in event.evaluation.questions}
    decisions = read_decisions(sources.review) if sources.review else {}
    result = read_scans(sources.scans, event.key, stages, scan_layouts(event, sources.layouts), decisions,
                        progress=page_progress(progress) if progress else None,
                        question_scales={q.id: q.scale for q in event.evaluation.questions})
    dataset.pre += [r for r in result.responses if r.stage == "pre"]
    dataset.post += [r for r in result.responses if r.stage == "post"]
    dataset.sources += result.sources
    dataset.issues += result.issues
    if review is not None:
        review += result.review


def _or_workbook(paths: list[Path], workbook: Path | None) -> list[Path]:
    return paths or ([workbook] if workbook else [])


def _read_stage(path: Path, event: Event, stage: str, dataset: Dataset) -> list[Response]:
    if path.is_dir():
        return _read_form_folder(path, event, stage, dataset)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        summary = SourceSummary(str(path), "returned-form", stage)
        response = read_returned_form(path, event, stage, dataset.issues)
        summary.forms = int(response is not None)
        dataset.sources.append(summary)
        return [response] if response else []
    tables = _tables(path, CAPTURE_SHEETS[stage])
    responses: list[Response] = []
    for table in tables:
        found, summary = read_responses(table, event, stage, _kind(path, table))
        responses += found
        dataset.sources.append(summary)
        dataset.issues += table.issues
    return responses


def _read_form_folder(folder: Path, event: Event, stage: str, dataset: Dataset) -> list[Response]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".docx" and not p.name.startswith("~$"))
    if not files:
        raise ResultsError(f"{folder}: the folder holds no returned forms (.docx files)")
    summary = SourceSummary(str(folder), "returned-forms", stage)
    responses = []
    for path in files:
        response = read_returned_form(path, event, stage, dataset.issues)
        if response:
            responses.append(response)
    summary.forms = len(responses)
    dataset.sources.append(summary)
    return responses


def _tables(path: Path, capture_sheet: str) -> list[SheetTable]:
    """Return the table to read from ``path``: the capture sheet of a planning workbook, the
    first sheet of any other workbook, or the CSV."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [read_csv(path)]
    if suffix in (".xlsx", ".xlsm"):
        tables = read_workbook(path)
        named = [t for t in tables if t.place.sheet == capture_sheet]
        return named or tables[:1]
    if not path.exists():
        raise ResultsError(f"{path}: no such file")
    raise ResultsError(f"{path}: expected a .xlsx, .csv or .docx file, or a folder of .docx forms")


def _kind(path: Path, table: SheetTable) -> str:
    if table.place.sheet in CAPTURE_SHEETS.values():
        return "capture-sheet"
    header = next((cells for _, cells in table.rows if non_blank(cells)), [])
    names = {normalise_header(str(c)) for c in header if c is not None}
    if {"id", "start time", "completion time"} <= names:
        return "microsoft-forms"
    if "timestamp" in names:
        return "google-forms"
    return "csv" if path.suffix.lower() == ".csv" else "workbook"


def duplicate_codes(responses: list[Response], stage: str) -> list[Issue]:
    """Return an issue for every personal code written on more than one form of a stage."""
    seen: dict[str, list[Response]] = {}
    for response in responses:
        if response.pairing_key:
            seen.setdefault(response.pairing_key, []).append(response)
    issues = []
    for key, group in seen.items():
        if len(group) > 1:
            places = "; ".join(str(r.source) for r in group[1:])
            issues.append(Issue(group[0].source or Place("?"),
                                f"the personal code '{group[0].code}' is on {len(group)} {stage}-event forms"
                                f" (also {places}); none of them is paired", "duplicate_code"))
    return issues


# --- Notes and actions ----------------------------------------------------------------------


def _rows_by_header(path: Path, sheet: str, headers: dict[str, str], dataset: Dataset, what: str):
    """Yield (place, {field: value}) for each filled row of the table with the given headers."""
    tables = _tables(path, sheet)
    table = next((t for t in tables if t.place.sheet in (None, sheet)), None)
    if table is None:
        dataset.issues.append(Issue(Place(str(path)), f"has no '{sheet}' sheet", "missing_sheet"))
        return
    for number, cells in table.rows[:layout.HEADER_SEARCH_ROWS]:
        mapping = {i: headers[normalise_header(str(c))] for i, c in enumerate(cells)
                   if c is not None and normalise_header(str(c)) in headers}
        if len(mapping) >= 2:
            break
    else:
        dataset.issues.append(Issue(table.place, f"no header row for {what} (expected"
                                    f" {', '.join(sorted(set(headers)))})", "no_header"))
        return
    for row, cells in table.rows:
        if row <= number or not non_blank(cells):
            continue
        values = {name: cells[i] if i < len(cells) else None for i, name in mapping.items()}
        yield Place(table.place.file, table.place.sheet, row), values
    dataset.issues += table.issues


def _read_notes(path: Path, dataset: Dataset) -> list[Note]:
    notes = []
    for place, values in _rows_by_header(path, NOTES_SHEET, NOTE_HEADERS, dataset, "session notes"):
        text = _text(values.get("note"))
        if not text:
            continue
        session = values.get("session")
        number = None
        if session not in (None, ""):
            try:
                number = int(float(str(session).strip().lower().removeprefix("session").strip()))
            except ValueError:
                dataset.issues.append(Issue(Place(place.file, place.sheet, place.row, "session"),
                                            f"expected a session number, found '{session}'", "bad_value"))
        notes.append(Note(table=_text(values.get("table")), session=number, note=text, source=place))
    return notes


def _read_actions(path: Path, dataset: Dataset) -> list[Action]:
    actions: list[Action] = []
    for place, values in _rows_by_header(path, ACTIONS_SHEET, ACTION_HEADERS, dataset, "actions"):
        said = _text(values.get("you_said"))
        if not said:
            continue
        action = Action(you_said=said, we_did=_text(values.get("we_did")), owner=_text(values.get("owner")),
                        status=_action_status(values.get("status"), place, dataset),
                        due=_due(values.get("due"), place, dataset), source=place,
                        id=_text(values.get("id")), progress=_text(values.get("progress")),
                        evidence=_text(values.get("evidence")),
                        changed=_due(values.get("changed"), place, dataset, "last changed"))
        if any(a.id == action.id for a in dataset.actions + actions):
            dataset.issues.append(Issue(Place(place.file, place.sheet, place.row, "id"),
                                        f"the id '{action.id}' is also another action's; give each action its own",
                                        "duplicate_id"))
        actions.append(action)
    return actions


def _action_status(value: object, place: Place, dataset: Dataset) -> str:
    """Return the status from the fixed list that ``value`` is, or "" (and an issue) when it is none."""
    text = _text(value)
    status = action_status(text)
    if status not in ("", *ACTION_STATUSES):
        listed = ", ".join(ACTION_STATUSES[:-1]) + f" or {ACTION_STATUSES[-1]}"
        dataset.issues.append(Issue(Place(place.file, place.sheet, place.row, "status"),
                                    f"expected a status of {listed}, found '{text}'", "bad_value"))
        return ""
    return status


BUDGET_HEADERS = {"item": "item", "estimate": "estimate", "estimate £": "estimate", "actual": "actual",
                  "actual £": "actual"}
INVITATION_HEADERS = {"sector": "sector", "rsvp": "rsvp"}


def _read_budget(path: Path, dataset: Dataset) -> None:
    """Read the budget lines (up to the Total row) and the money available."""
    rows = list(_rows_by_header(path, layout.BUDGET, BUDGET_HEADERS, dataset, "the budget"))
    for place, values in rows:
        item = _text(values.get("item"))
        if item.casefold() == "total":
            break
        if item:
            dataset.budget.append(SpentLine(item, _money(values.get("estimate"), place, dataset),
                                             _money(values.get("actual"), place, dataset)))
    available = next((v for _, v in rows if _text(v.get("item")).casefold() == "budget available"), None)
    if available:
        dataset.budget_total = _money(available.get("estimate"), None, dataset)


def _money(value: object, place: Place | None, dataset: Dataset) -> float | None:
    if value in (None, "") or (isinstance(value, str) and value.startswith("=")):
        return None  # blank, or a formula openpyxl has no computed value for
    try:
        return float(str(value).replace("£", "").replace(",", "").strip())
    except ValueError:
        if place:
            dataset.issues.append(Issue(place, f"expected an amount in pounds, found '{value}'", "bad_value"))
        return None


def _read_attendance(path: Path, event: Event, dataset: Dataset) -> None:
    """Count invited and attended by sector from the RSVP column; names are never read."""
    counts = {s: SectorCount(s) for s in event.sectors}
    for _, values in _rows_by_header(path, layout.INVITATIONS, INVITATION_HEADERS, dataset, "invitations"):
        sector = _text(values.get("sector")) or layout.NOT_GIVEN
        row = counts.setdefault(sector, SectorCount(sector))
        row.invited += 1
        row.attended += int(normalise_header(_text(values.get("rsvp"))) == "attended")
    dataset.attendance = [row for row in counts.values() if row.invited]


def _due(value: object, place: Place, dataset: Dataset, column: str = "due") -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return parse_uk_date(str(value)).isoformat()
    except ValueError as error:
        dataset.issues.append(Issue(Place(place.file, place.sheet, place.row, column), str(error), "bad_value"))
        return ""


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _event_summary(event: Event) -> dict:
    return {"title": event.title, "force": event.force, "bcu": event.bcu,
            "dates": [d.isoformat() for d in event.dates], "invitees": len(event.invitees)}


def _questions(event: Event) -> list[dict]:
    return [{"id": q.id, "pre": q.pre, "post": q.post, "cutoff": scales.question_cutoff(q, event.evaluation.cutoff)}
            for q in event.evaluation.questions]


