"""The force-wide roll-up: every hub of a batch that has results, side by side, and the totals.

Read from a batch's output folder (its ``manifest.json`` names each event's config, defaults and
results). Per BCU: attendance, forms returned, pairs, cost per attendee, and per survey question
the share at or above the cut-off before and after. Force-wide: the counts added up and the
shares pooled over every hub that asked the question.

Disclosure control (:mod:`packgen.disclosure`) hides every count below the threshold and, along
each table's rows and columns and across the hubs to the force-wide row, whatever would let one
be worked out (:func:`published`).

The figures are the dataclasses of :mod:`packgen.rollup_model`; the workbook is laid out by
:mod:`packgen.render.xlsx.rollup`, the PDF by the report templates' ``rollup.html``.

The action register (:func:`hub_register`): per BCU, its actions by status, how many are overdue,
its last update and the promise of the next one, as of a date. The actions and editions come from
the hub's ``actions-history.json`` (:func:`history_path`); a hub without one has had edition 1 only,
the "You said, we did" that ``packgen report`` builds, dated the hub's last day as ``packgen update``
would date it. Action counts are not personal data, so they are not suppressed; no action's words
are printed, only statuses, counts and dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from packgen import scales
from packgen.errors import ConfigError, ResultsError
from packgen.rollup_model import (
    BROKEN,
    DUE,
    KEPT,
    PEOPLE,
    REGISTER_STATUSES,
    HubFigures,
    Promise,
    Published,
    QuestionFigures,
    RegisterRow,
    Rollup,
    register_totals,
)

if TYPE_CHECKING:
    from packgen.editions import History
    from packgen.model import Event
    from packgen.results.dataset import Action

ROLLUP_XLSX = "rollup.xlsx"
ROLLUP_PDF = "rollup.pdf"


def write_rollup(folder: Path, force: bool = False, as_of: date | None = None):
    """Build ``rollup.xlsx`` and ``rollup.pdf`` into the batch output ``folder``, the action
    register as of ``as_of`` (default today); return the roll-up and what was written
    (:class:`packgen.output.WriteReport`)."""
    from packgen.config import load_config
    from packgen.output import reproducible, write_outputs

    rollup = collect(folder, as_of)
    if not rollup.hubs:
        raise ConfigError(f"{folder}: no event of the batch has results yet, so there is nothing to roll up"
                          " (give an event results with <event>.results.json beside its config)")
    from packgen.stages.batch import MANIFEST

    manifest = _manifest(folder)
    manifest_first = next(iter(manifest["events"].values()))
    defaults = manifest.get("defaults")
    organisation = load_config(Path(manifest_first["config"]),
                               defaults=Path(defaults) if defaults else None).event.organisation
    brand = "#1D3557"
    files = {ROLLUP_XLSX: reproducible(rollup_workbook(rollup)),  # as a pack's: the same batch, the same bytes
             ROLLUP_PDF: rollup_pdf(rollup, organisation, brand)}
    reads = [folder / MANIFEST, Path(defaults) if defaults else None]
    reads += [Path(entry[key]) for entry in manifest["events"].values() for key in ("config", "results")
              if entry.get(key)]
    reads += [history_path(folder, name, manifest) for name in manifest["events"]]
    return rollup, write_outputs(folder, files, force=force, reads=reads)


def _manifest(folder: Path) -> dict:
    from packgen.stages.batch import read_manifest

    return read_manifest(folder)


def collect(folder: Path, as_of: date | None = None) -> Rollup:
    """Return the figures of every hub with results in the batch output ``folder``, and the
    action register as of ``as_of`` (default today)."""
    from packgen.stages.batch import read_manifest
    from packgen.config import load_config
    from packgen.editions import HistoryError, read_history
    from packgen.evaluation import evaluate
    from packgen.results.dataset import read_dataset
    from packgen.text import uk_short_date

    as_of = as_of or date.today()

    manifest = read_manifest(folder)
    if not manifest.get("events"):
        raise ConfigError(f"{folder}: no {folder / 'manifest.json'} from 'packgen batch' here")
    defaults = Path(manifest["defaults"]) if manifest.get("defaults") else None
    hubs, skipped, words, thresholds, register, register_skipped, agreeing = [], [], {}, [], [], [], {}
    scale_of: dict[str, str] = {}  # question id → the scale the first hub asking it used
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
            first = scale_of.setdefault(result.id, result.scale)
            if first != result.scale:  # shares of different answers must never be added up
                skipped.append(f"{name}: its question '{result.id}' is asked as {scales.SCALES[result.scale].name},"
                               f" but as {scales.SCALES[first].name} at an earlier hub, so its figures for that"
                               " question are not added in; give one of the two questions another id")
                continue
            words.setdefault(result.id, result.post_wording or result.pre_wording or result.id)
            if scales.SCALES[result.scale].reads_labels:  # the share agreeing, pooled by the bank's id
                agreeing[result.id] = scales.of(result).positive_words(result.cutoff)
            hub.questions[result.id] = QuestionFigures(
                (result.pre.count, result.pre.n) if result.pre else None,
                (result.post.count, result.post.n) if result.post else None)
        hubs.append(hub)
        path = history_path(folder, name, manifest)
        try:
            history = read_history(path) if path is not None else None
        except HistoryError as error:  # the hub's other figures stand; its register line cannot
            register_skipped.append(f"{name}: " + "; ".join([error.message, *error.problems]))
            continue
        register.append(hub_register(name, event, dataset.actions, history, as_of))
    return Rollup(hubs, _totals(hubs), words, max(thresholds, default=5), skipped, register, as_of,
                  register_skipped, agreeing)


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


# --- The action register -----------------------------------------------------------------------


def history_path(folder: Path, name: str, manifest: dict) -> Path | None:
    """Return the actions' history of event ``name`` of the batch in ``folder``, or None.

    ``packgen update -o DIR`` keeps it in ``DIR/actions-history.json``, beside the editions: the
    event's own folder of the batch output (where ``batch --reports`` builds edition 1) is looked
    at first, then the folder of the event's results file, when no other event's results are
    there (a history in a folder several hubs share could be any of theirs).
    """
    from packgen.editions import HISTORY

    own = folder / name / HISTORY
    if own.is_file():
        return own
    results = manifest["events"][name].get("results")
    if not results:
        return None
    beside = Path(results).parent
    shared = [other for other, entry in manifest["events"].items()
              if other != name and entry.get("results") and Path(entry["results"]).parent == beside]
    return beside / HISTORY if not shared and (beside / HISTORY).is_file() else None


def hub_register(name: str, event: Event, actions: list[Action], history: History | None,
                 as_of: date) -> RegisterRow:
    """Return one hub's line of the action register as it stood on ``as_of``.

    ``actions`` are those of its results file, used when ``history``
    (:func:`packgen.editions.read_history`; None when there is none) holds no entry on or before
    ``as_of``. Entries after ``as_of`` are not looked at. The promise of update 2 is the config's
    ``follow_up`` date (what edition 1 prints); each later edition promises the next one
    ``follow_up.every_weeks`` weeks after its own date (what ``packgen update`` prints).
    """
    from packgen.editions import is_overdue

    entries = [e for e in (history.entries if history else []) if date.fromisoformat(e.date) <= as_of]
    if entries:
        sent = [date.fromisoformat(e.date) for e in entries]
        actions = entries[-1].actions
    else:
        sent = [event.dates[-1]] if event.dates[-1] <= as_of else []
    statuses = {status: sum(a.status == status for a in actions) for status in REGISTER_STATUSES}
    promises = []
    for index, day in enumerate(sent):
        by = event.follow_up_date if index == 0 else day + timedelta(weeks=event.follow_up.every_weeks)
        came = sent[index + 1] if index + 1 < len(sent) else None
        if came is not None:
            state = KEPT if came <= by else BROKEN
        else:
            state = BROKEN if as_of > by else DUE
        promises.append(Promise(index + 2, by, came, state))
    if not promises:
        promises.append(Promise(1, event.follow_up_date, None, BROKEN if as_of > event.follow_up_date else DUE))
    return RegisterRow(
        name=name, bcu=event.bcu, statuses=statuses, overdue=sum(is_overdue(a, as_of) for a in actions),
        edition=len(sent) or None, last_update=sent[-1] if sent else None,
        days_since=(as_of - sent[-1]).days if sent else None, promises=promises, recorded=bool(entries))


def register_findings(rollup: Rollup) -> list[str]:
    """Return every broken promise to report back, in words, BCU by BCU: the next update overdue,
    and each update that came late."""
    from packgen.report.words import broken_promise_text, late_update_text

    findings = []
    for row in rollup.register:
        for promise in row.promises:
            if promise.state != BROKEN:
                continue
            if promise.sent is None:
                findings.append(broken_promise_text(row.bcu, promise.number, promise.by, rollup.as_of))
            else:
                findings.append(late_update_text(row.bcu, promise.number, promise.by, promise.sent))
    return findings


# --- Disclosure control -------------------------------------------------------------------------

NOT_KNOWN = "not known"
"""A hub's attendance (and so its cost per attendee) when its register was not read."""


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
    """Return the roll-up as an .xlsx: one row per BCU and a force-wide row, suppressed counts, the
    action register and the notes (:func:`packgen.render.xlsx.rollup.render_rollup`)."""
    from packgen.render.xlsx.rollup import render_rollup

    return render_rollup(rollup, published(rollup), rollup_notes(rollup))


# --- The PDF ------------------------------------------------------------------------------------


def rollup_pdf(rollup: Rollup, organisation: str, brand: str) -> bytes:
    """Return the roll-up as a tagged PDF, from the report templates' ``rollup.html``."""
    from packgen.report.html import render_html
    from packgen.report.pdf import AssetPolicy, render_pdf
    from packgen.report.style import brand_colour
    from packgen.report.words import design_paragraph
    from packgen.resources import REPORT_TEMPLATES, report_folders
    from packgen.text import cutoff_words

    shown = published(rollup)
    everyone = [*rollup.hubs, rollup.totals]
    rows = [{"bcu": hub.bcu, "dates": hub.dates, "total": hub is rollup.totals, **shown.people[index],
             "cost": _pounds(shown.people[index]["cost"])} for index, hub in enumerate(everyone)]
    questions = []
    for question, wording in rollup.question_words.items():
        questions.append({"wording": wording, "cutoff": rollup.question_cutoffs.get(question, cutoff_words(8)), "rows": [
            {"bcu": hub.bcu, "total": hub is rollup.totals, **shown.questions[question][index]}
            for index, hub in enumerate(everyone)]})
    context = {
        "organisation": organisation, "theme": "Force-wide roll-up", "bcu": "All BCUs",
        "brand": brand_colour(brand), "logo": None, "cutoff": cutoff_words(8),
        "rollup": {"hub_count": len(rollup.hubs), "rows": rows, "questions": questions, "notes": rollup_notes(rollup),
                   "threshold": rollup.threshold, "register": register_context(rollup), "design": design_paragraph()},
    }
    folders = report_folders(None)
    html = render_html(REPORT_TEMPLATES["rollup"], context, folders)
    return render_pdf(html, AssetPolicy(folders, {})).data


def register_context(rollup: Rollup) -> dict:
    """Return the context the roll-up template sees under ``rollup.register``: the rows (the BCUs,
    then the force-wide row) already worded, the findings and the as-of date."""
    from packgen.report.words import day_month_year

    def day(value: date | None) -> str:
        return day_month_year(value.isoformat()) if value else "none yet"

    rows = []
    for row in rollup.register:
        last = f"Update {row.edition}, {day(row.last_update)}" if row.edition else "none yet"
        rows.append({"bcu": row.bcu, "total": False, "statuses": [row.statuses[s] for s in REGISTER_STATUSES],
                     "actions": row.actions, "overdue": row.overdue, "last": last,
                     "days": "" if row.days_since is None else row.days_since,
                     "next": day(row.next.by), "state": row.next.state, "kept": row.kept, "broken": row.broken})
    totals = register_totals(rollup.register)
    rows.append({"bcu": "Force-wide", "total": True, "statuses": [totals["statuses"][s] for s in REGISTER_STATUSES],
                 "actions": totals["actions"], "overdue": totals["overdue"], "last": "", "days": "", "next": "",
                 "state": f"{totals['bcus_broken']} of {totals['bcus']} broken", "kept": totals["kept"],
                 "broken": totals["broken"]})
    return {"rows": rows, "findings": register_findings(rollup), "as_of": day(rollup.as_of),
            "broken": totals["broken"], "bcus_broken": totals["bcus_broken"], "bcus": totals["bcus"],
            "skipped": rollup.register_skipped}


def _pounds(cost: float | str) -> str:
    from packgen.text import money

    return cost if isinstance(cost, str) else money(cost)


def rollup_notes(rollup: Rollup) -> list[str]:
    """Return the roll-up's notes on its figures: how shares are pooled, what is hidden, how the
    register is counted, and what was left out."""
    threshold = rollup.threshold
    lines = [
        "Shares are of the people who answered, scoring at or above each question's cut-off"
        " (8, 9 or 10 out of 10 unless a hub set another).",
        *[f"For {', '.join(rollup.question_cutoffs)} (the five-point scale, asked alike at every hub),"
          " shares are of the people who answered strongly agree or agree." for _ in rollup.question_cutoffs][:1],
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
    lines += [
        "The action register counts each hub's actions as its last update on or before"
        f" {_day(rollup.as_of)} listed them (its actions-history.json, from 'packgen update'), or as its"
        " results file lists them when it has no history. Counts of actions are not about people, so"
        " none is hidden; no action's words are printed.",
        "A hub with no history has had one update: the first “You said, we did”, taken as sent on"
        " the hub's last day. Update 2 is promised by the hub's follow-up date; each later update promises"
        " the next one the hub's follow_up.every_weeks weeks after it. A promise is kept when an update came"
        " on or before it, and broken when it passed with none, even if an update came later.",
    ]
    lines += [f"Left out: {reason}" for reason in rollup.skipped]
    lines += [f"Left out of the action register: {reason}" for reason in rollup.register_skipped]
    return lines


def _day(value: date) -> str:
    from packgen.report.words import day_month_year

    return day_month_year(value.isoformat())
