"""The force-wide roll-up: every hub of a batch that has results, side by side, and the totals.

Read from a batch's output folder (its ``manifest.json`` names each event's config, defaults and
results). Per BCU: attendance, forms returned, pairs, cost per attendee, and per survey question
the share at or above the cut-off before and after. Force-wide: the counts added up and the
shares pooled over every hub that asked the question. Counts below the disclosure threshold are
suppressed as in "You said, we did".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


# --- The workbook -------------------------------------------------------------------------------


def rollup_workbook(rollup: Rollup) -> bytes:
    """Return the roll-up as an .xlsx: one row per BCU and a force-wide row, suppressed counts."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from packgen.evaluation import published_share

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "By BCU"
    threshold = rollup.threshold
    questions = list(rollup.question_words)
    headers = ["BCU", "Hub", "Date(s)", "Invited", "Attended", "Pre forms", "Post forms", "Pairs",
               "Cost per attendee (£)"]
    for question in questions:
        headers += [f"{question}: before", f"{question}: after"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1D3557")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for hub in [*rollup.hubs, rollup.totals]:
        row = [hub.bcu, hub.title, hub.dates, _count(hub.invited, threshold), _count(hub.attended, threshold),
               _count(hub.pre_forms, threshold), _count(hub.post_forms, threshold), _count(hub.pairs, threshold),
               round(hub.cost_per_attendee, 2) if hub.cost_per_attendee is not None else ""]
        for question in questions:
            figures = hub.questions.get(question)
            for stage in ("before", "after"):
                pair = getattr(figures, stage) if figures else None
                row.append(_share_text(pair, threshold, published_share))
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
    notes = workbook.create_sheet("Notes")
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
    from packgen.evaluation import published_share
    from packgen.report.html import render_html
    from packgen.report.pdf import AssetPolicy, render_pdf
    from packgen.report.style import brand_colour
    from packgen.resources import REPORT_TEMPLATES, report_folders
    from packgen.text import cutoff_words, money

    threshold = rollup.threshold
    rows = []
    for hub in [*rollup.hubs, rollup.totals]:
        rows.append({
            "bcu": hub.bcu, "dates": hub.dates, "total": hub is rollup.totals,
            "invited": _count(hub.invited, threshold), "attended": _count(hub.attended, threshold),
            "pre_forms": _count(hub.pre_forms, threshold), "post_forms": _count(hub.post_forms, threshold),
            "pairs": _count(hub.pairs, threshold),
            "cost": money(round(hub.cost_per_attendee, 2)) if hub.cost_per_attendee is not None else "",
        })
    questions = []
    for question, wording in rollup.question_words.items():
        question_rows = []
        for hub in [*rollup.hubs, rollup.totals]:
            figures = hub.questions.get(question)
            question_rows.append({
                "bcu": hub.bcu, "total": hub is rollup.totals,
                "before": _share_text(figures.before if figures else None, threshold, published_share),
                "after": _share_text(figures.after if figures else None, threshold, published_share),
            })
        questions.append({"wording": wording, "rows": question_rows})
    names = {
        "organisation": organisation, "theme": "Force-wide roll-up", "bcu": "All BCUs",
        "brand": brand_colour(brand), "logo": None, "cutoff": cutoff_words(8),
        "rollup": {"hub_count": len(rollup.hubs), "rows": rows, "questions": questions, "notes": _notes(rollup)},
    }
    folders = report_folders(None)
    html = render_html(REPORT_TEMPLATES["rollup"], names, folders)
    return render_pdf(html, AssetPolicy(folders, {})).data


def _count(value: int | None, threshold: int) -> int | str:
    if value is None:
        return ""
    return f"fewer than {threshold}" if 0 < value < threshold else value


def _share_text(pair, threshold, published_share) -> str:
    from packgen.evaluation import Proportion

    if pair is None:
        return "not asked"
    count, n = pair
    return published_share(Proportion(count, n, None, None), threshold)


def _notes(rollup: Rollup) -> list[str]:
    lines = [
        "Shares are of the people who answered, scoring at or above each question's cut-off"
        " (8, 9 or 10 out of 10 unless a hub set another).",
        "Force-wide shares pool every hub that asked the question: all the counts added up, over all"
        " the answers. Hubs differ in who came, so the pooled figure is a summary, not a survey of the force.",
        f"Counts below {rollup.threshold}, and shares built on them, are not shown.",
    ]
    lines += [f"Left out: {reason}" for reason in rollup.skipped]
    return lines
