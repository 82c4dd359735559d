"""The force-wide roll-up: every hub of a batch that has results, side by side, and the totals.

Read from a batch's output folder (its ``manifest.json`` names each event's config, defaults and
results). Per BCU: attendance, forms returned, pairs, cost per attendee, and per survey question
the share at or above the cut-off before and after. Force-wide: the counts added up and the
shares pooled over every hub that asked the question.

Disclosure control (:mod:`packgen.disclosure`) hides every count below the threshold and, along
each table's rows and columns and across the hubs to the force-wide row, whatever would let one
be worked out (:func:`published`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from packgen import workbook_layout as layout
from packgen.errors import ConfigError, ResultsError

ROLLUP_XLSX = "rollup.xlsx"
ROLLUP_PDF = "rollup.pdf"


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


@dataclass
class Rollup:
    hubs: list[HubFigures]
    totals: HubFigures
    question_words: dict[str, str]
    """Question id → its wording (the post form's, else the pre form's)."""
    threshold: int
    skipped: list[str]
    """Events of the batch left out, and why (no results, failed)."""


def write_rollup(folder: Path, force: bool = False):
    """Build ``rollup.xlsx`` and ``rollup.pdf`` into the batch output ``folder``; return the
    roll-up and what was written (:class:`packgen.output.WriteReport`)."""
    from packgen.config import load_config
    from packgen.output import write_outputs

    rollup = collect(folder)
    if not rollup.hubs:
        raise ConfigError(f"{folder}: no event of the batch has results yet, so there is nothing to roll up"
                          " (give an event results with <event>.results.json beside its config)")
    from packgen.batch import MANIFEST

    manifest = _manifest(folder)
    manifest_first = next(iter(manifest["events"].values()))
    defaults = manifest.get("defaults")
    organisation = load_config(Path(manifest_first["config"]),
                               defaults=Path(defaults) if defaults else None).event.organisation
    brand = "#1D3557"
    files = {ROLLUP_XLSX: rollup_workbook(rollup), ROLLUP_PDF: rollup_pdf(rollup, organisation, brand)}
    reads = [folder / MANIFEST, Path(defaults) if defaults else None]
    reads += [Path(entry[key]) for entry in manifest["events"].values() for key in ("config", "results")
              if entry.get(key)]
    return rollup, write_outputs(folder, files, force=force, reads=reads)


def _manifest(folder: Path) -> dict:
    from packgen.batch import read_manifest

    return read_manifest(folder)


def collect(folder: Path) -> Rollup:
    """Return the figures of every hub with results in the batch output ``folder``."""
    from packgen.batch import read_manifest
    from packgen.config import load_config
    from packgen.evaluation import evaluate
    from packgen.results.dataset import read_dataset
    from packgen.text import uk_short_date

    manifest = read_manifest(folder)
    if not manifest.get("events"):
        raise ConfigError(f"{folder}: no {folder / 'manifest.json'} from 'packgen batch' here")
    defaults = Path(manifest["defaults"]) if manifest.get("defaults") else None
    hubs, skipped, words, thresholds = [], [], {}, []
    for name, entry in manifest["events"].items():
        if entry.get("status") == "failed":
            reason = "; ".join(line.strip().removeprefix("- ") for line in str(entry.get("reason", "")).splitlines())
            skipped.append(f"{name}: it failed to build in the batch ({reason or 'no reason recorded'})")
            continue
        if not entry.get("results"):
            skipped.append(f"{name}: no results yet")
            continue
        loaded = load_config(Path(entry["config"]), defaults=defaults)
        try:
            dataset = read_dataset(Path(entry["results"]))
        except ResultsError as error:  # listed as left out, with every problem: never a silent figure
            skipped.append(f"{name}: " + "; ".join([error.message, *error.problems]))
            continue
        evaluation = evaluate(loaded.event, dataset)
        event = loaded.event
        thresholds.append(event.evaluation.disclosure_threshold)
        hub = HubFigures(
            name=name, bcu=event.bcu, title=event.title, dates=", ".join(uk_short_date(d) for d in event.dates),
            invited=evaluation.attendance.invited, attended=evaluation.attendance.attended,
            pre_forms=evaluation.attendance.pre_forms, post_forms=evaluation.attendance.post_forms,
            pairs=evaluation.attendance.pairs, cost_per_attendee=evaluation.money.cost_per_attendee,
        )
        for result in evaluation.questions:
            words.setdefault(result.id, result.post_wording or result.pre_wording or result.id)
            hub.questions[result.id] = QuestionFigures(
                (result.pre.count, result.pre.n) if result.pre else None,
                (result.post.count, result.post.n) if result.post else None)
        hubs.append(hub)
    return Rollup(hubs, _totals(hubs), words, max(thresholds, default=5), skipped)


def _totals(hubs: list[HubFigures]) -> HubFigures:
    def added(values):
        values = [v for v in values if v is not None]
        return sum(values) if values else None

    totals = HubFigures(
        name="force", bcu="Force-wide", title="All hubs with results", dates="",
        invited=sum(h.invited for h in hubs), attended=added(h.attended for h in hubs),
        pre_forms=sum(h.pre_forms for h in hubs), post_forms=sum(h.post_forms for h in hubs),
        pairs=sum(h.pairs for h in hubs), cost_per_attendee=None,
    )
    ids = list(dict.fromkeys(q for h in hubs for q in h.questions))
    for question in ids:
        figures = [h.questions[question] for h in hubs if question in h.questions]
        totals.questions[question] = QuestionFigures(_pool(f.before for f in figures),
                                                     _pool(f.after for f in figures))
    return totals


def _pool(pairs) -> tuple[int, int] | None:
    pairs = [p for p in pairs if p is not None]
    if not pairs:
        return None
    return sum(c for c, _ in pairs), sum(n for _, n in pairs)


# --- Disclosure control -------------------------------------------------------------------------

PEOPLE = ("invited", "attended", "pre_forms", "post_forms", "pairs")
"""The counts of the "Who came" table, each a column adding up to the force-wide row."""

NOT_KNOWN = "not known"
"""A hub's attendance (and so its cost per attendee) when its register was not read."""


@dataclass
class Published:
    """The roll-up as it may be published: every cell's text, small counts and what would give
    them away hidden (:mod:`packgen.disclosure`)."""

    people: list[dict[str, int | str]]
    """Per row (the hubs, then the force-wide row): each of :data:`PEOPLE`, and ``cost`` (pounds,
    rounded to the penny, or :data:`~packgen.disclosure.NOT_SHOWN`; empty when not known)."""
    questions: dict[str, list[dict[str, str]]]
    """Question id → per row: ``before`` and ``after``."""


def published(rollup: Rollup) -> Published:
    """Return the roll-up's cells as they may be published.

    The "Who came" table is one set of lines (each column: the hubs add up to the force-wide
    figure); each question's before and after is another (per hub, those at or above the cut-off
    and those below add up to the number who answered, and each of the three adds up over the
    hubs to the force-wide row). A cost per attendee is withheld with the attendance it divides by.
    """
    from packgen.disclosure import NOT_SHOWN, count_text

    rows = [*rollup.hubs, rollup.totals]
    table, protection = _people_table(rows, rollup.threshold)
    people = []
    for index, hub in enumerate(rows):
        cells: dict[str, int | str] = {
            column: NOT_KNOWN if getattr(hub, column) is None else count_text(table, protection, (index, column))
            for column in PEOPLE}
        if hub.cost_per_attendee is None:
            cells["cost"] = "" if hub is rollup.totals else NOT_KNOWN
        elif (index, "attended") in protection.hidden:
            cells["cost"] = NOT_SHOWN
        else:
            cells["cost"] = round(hub.cost_per_attendee, 2)
        people.append(cells)
    questions = {}
    for question in rollup.question_words:
        stages = {}
        for stage in ("before", "after"):
            pairs = [getattr(hub.questions[question], stage) if question in hub.questions else None
                     for hub in rows]
            stages[stage] = _share_texts(pairs, rollup.threshold)
        questions[question] = [{"before": before, "after": after}
                               for before, after in zip(stages["before"], stages["after"])]
    return Published(people, questions)


def _people_table(rows: list[HubFigures], threshold: int):
    """Return the "Who came" counts as a table (each column adds up to the force-wide row) and
    what of it to hide (nothing is fixed, so it is always safe)."""
    from packgen.disclosure import CountTable, Line, protect

    table = CountTable({})
    force = len(rows) - 1
    for column in PEOPLE:
        parts = []
        for index, hub in enumerate(rows):
            value = getattr(hub, column)
            if value is not None:
                table.counts[(index, column)] = value
                if index != force:
                    parts.append((index, column))
        if getattr(rows[force], column) is not None:
            table.lines.append(Line(tuple(parts), (force, column)))
    return table, protect(table, threshold)


def _share_texts(pairs: list[tuple[int, int] | None], threshold: int) -> list[str]:
    """Return one stage of one question as printed, per row (the hubs, then the force-wide row)."""
    from packgen.disclosure import CountTable, Line, protect, share_text

    table = CountTable({})
    shares = {index: table.add_share(index, *pair) for index, pair in enumerate(pairs) if pair is not None}
    force = len(pairs) - 1
    if force in shares:
        hubs = [shares[index] for index in shares if index != force]
        for part in ("count", "below", "n"):
            table.lines.append(Line(tuple(getattr(s, part) for s in hubs), getattr(shares[force], part)))
    protection = protect(table, threshold)
    return [share_text(table, protection, shares[index]) if index in shares else "not asked"
            for index in range(len(pairs))]


# --- The workbook -------------------------------------------------------------------------------


def rollup_workbook(rollup: Rollup) -> bytes:
    """Return the roll-up as an .xlsx: one row per BCU and a force-wide row, suppressed counts."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.ROLLUP_SHEET
    shown = published(rollup)
    questions = list(rollup.question_words)
    headers = list(layout.ROLLUP_HEADINGS)
    for question in questions:
        headers += [f"{question}: before", f"{question}: after"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1D3557")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, hub in enumerate([*rollup.hubs, rollup.totals]):
        cells = shown.people[index]
        row = [hub.bcu, hub.title, hub.dates, *(cells[column] for column in (*PEOPLE, "cost"))]
        for question in questions:
            row += [shown.questions[question][index]["before"], shown.questions[question][index]["after"]]
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text from configs is never a formula, nor becomes one when edited
                cell.quotePrefix = cell.value.startswith(("=", "+", "-", "@"))
        if hub is rollup.totals:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for position in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 16 if position > 3 else 26
    sheet.freeze_panes = "D2"
    notes = workbook.create_sheet(layout.ROLLUP_NOTES)
    notes.append(["About these figures"])
    notes["A1"].font = Font(bold=True)
    for line in _notes(rollup):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    from packgen.render.xlsx import workbook_bytes  # Office's font order

    return workbook_bytes(workbook)


# --- The PDF ------------------------------------------------------------------------------------


def rollup_pdf(rollup: Rollup, organisation: str, brand: str) -> bytes:
    """Return the roll-up as a tagged PDF, from the report templates' ``rollup.html``."""
    from packgen.report.html import render_html
    from packgen.report.pdf import AssetPolicy, render_pdf
    from packgen.report.style import brand_colour
    from packgen.resources import REPORT_TEMPLATES, report_folders
    from packgen.text import cutoff_words

    shown = published(rollup)
    everyone = [*rollup.hubs, rollup.totals]
    rows = [{"bcu": hub.bcu, "dates": hub.dates, "total": hub is rollup.totals, **shown.people[index],
             "cost": _pounds(shown.people[index]["cost"])} for index, hub in enumerate(everyone)]
    questions = []
    for question, wording in rollup.question_words.items():
        questions.append({"wording": wording, "rows": [
            {"bcu": hub.bcu, "total": hub is rollup.totals, **shown.questions[question][index]}
            for index, hub in enumerate(everyone)]})
    names = {
        "organisation": organisation, "theme": "Force-wide roll-up", "bcu": "All BCUs",
        "brand": brand_colour(brand), "logo": None, "cutoff": cutoff_words(8),
        "rollup": {"hub_count": len(rollup.hubs), "rows": rows, "questions": questions, "notes": _notes(rollup),
                   "threshold": rollup.threshold},
    }
    folders = report_folders(None)
    html = render_html(REPORT_TEMPLATES["rollup"], names, folders)
    return render_pdf(html, AssetPolicy(folders, {})).data


def _pounds(cost: float | str) -> str:
    from packgen.text import money

    return cost if isinstance(cost, str) else money(cost)


def _notes(rollup: Rollup) -> list[str]:
    threshold = rollup.threshold
    lines = [
        "Shares are of the people who answered, scoring at or above each question's cut-off"
        " (8, 9 or 10 out of 10 unless a hub set another).",
        "Force-wide shares pool every hub that asked the question: all the counts added up, over all"
        " the answers. Hubs differ in who came, so the pooled figure is a summary, not a survey of the force.",
        f"To protect people's privacy, a count below {threshold} is shown as “fewer than {threshold}”,"
        " and a share built on it is not given.",
        "Where a hidden count could be worked out from the force-wide totals or from the other"
        f" figures in its row or column, other figures are hidden too and shown as “not shown”;"
        f" each of them is at least {threshold}. A cost per attendee is not shown where the number who"
        " came is hidden. Where even that would not protect them, all the figures of a table are shown as"
        " “withheld”.",
    ]
    lines += [f"Left out: {reason}" for reason in rollup.skipped]
    return lines
