"""The reports: an event and its results in, two accessible PDFs out (in memory).

- ``evaluation-report.pdf`` for the force and the evaluators: every figure, test and note.
- ``you-said-we-did.pdf`` for attendees and the public: plain English, no names, small counts
  suppressed.

Both are Jinja templates (``templates/report/``, or a force's own ``report/`` folder) filled with
a ready-worded context, rendered by WeasyPrint as tagged PDF (PDF/UA-1) that never reaches the network.
Everything is built in memory first and written only when both have rendered.

:func:`build_reports` is the library call (no files touched); the stage that reads the results and
writes the files (``packgen report``, ``packgen batch --reports``) is :mod:`packgen.stages.report`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packgen.context import build_context
from packgen.errors import InputFileError
from packgen.evaluation import Evaluation, evaluate
from packgen.images import check_logo
from packgen.model import Event
from packgen.report.charts import Chart, distribution_chart
from packgen.report.evaluation_report import evaluation_context
from packgen.report.html import render_html
from packgen.report.pdf import Asset, AssetPolicy, render_pdf
from packgen.report.style import brand_colour
from packgen.report.you_said_we_did import update_context
from packgen.resources import REPORT_FOLDER, REPORT_TEMPLATES, report_folders
from packgen.results.dataset import Dataset
from packgen.store import TemplateStore, store_or_new

EVALUATION_REPORT = "evaluation-report.pdf"
YOU_SAID_WE_DID = "you-said-we-did.pdf"

REPORTS = {EVALUATION_REPORT: "evaluation-report", YOU_SAID_WE_DID: "you-said-we-did"}
"""Output file name → report template name (see :data:`packgen.resources.REPORT_TEMPLATES`)."""


@dataclass
class Reports:
    """The two PDFs, built in memory, and what went into them."""

    files: dict[str, bytes]
    """Output file name → PDF."""
    evaluation: Evaluation
    charts: dict[str, Chart]
    """Question id → its chart."""
    messages: list[str] = field(default_factory=list)
    """What WeasyPrint reported, by template: a URL refused, a CSS rule ignored."""


def build_reports(event: Event, dataset: Dataset, templates: Path | None = None,
                  evaluation: Evaluation | None = None, as_of: date | None = None,
                  store: TemplateStore | None = None) -> Reports:
    """Return both reports as PDF bytes, built from the event and its results.

    ``evaluation`` defaults to :func:`packgen.evaluation.evaluate` of the dataset; ``templates`` is
    a force's own templates folder whose ``report/`` files replace packgen's; ``as_of`` is the day
    the reports are built, against which the evaluation report marks actions overdue (none without it);
    ``store`` keeps the compiled report templates for the run (a batch worker's, across its events).
    """
    with _garbage_collection_paused():
        return _build_reports(event, dataset, templates, evaluation, as_of, store_or_new(store))


def _build_reports(event: Event, dataset: Dataset, templates: Path | None,
                   evaluation: Evaluation | None, as_of: date | None, store: TemplateStore) -> Reports:
    evaluation = evaluation if evaluation is not None else evaluate(event, dataset)
    folders = report_folders(templates)
    charts = make_charts(event, evaluation)
    images = {chart.name: Asset(chart.png, "image/png") for chart in charts.values()}
    base = base_context(event)
    if event.branding.logo is not None:
        images["logo" + event.branding.logo.suffix.lower()] = logo_asset(event.branding.logo)
    contexts = {
        "evaluation-report": {**base, "report": evaluation_context(event, dataset, evaluation, charts, as_of)},
        "you-said-we-did": {**base, "update": update_context(event, dataset, evaluation)},
    }
    files, messages = {}, []
    for output, template in REPORTS.items():
        html = render_html(REPORT_TEMPLATES[template], contexts[template], folders, store)
        rendered = render_pdf(html, AssetPolicy(folders, images))
        files[output] = rendered.data
        messages += [f"{REPORT_TEMPLATES[template]}: {message}" for message in rendered.messages]
    return Reports(files=files, evaluation=evaluation, charts=charts, messages=messages)


@contextmanager
def _garbage_collection_paused():
    """Pause Python's cycle collector while the reports are built.

    WeasyPrint and matplotlib make hundreds of thousands of short-lived objects; the collector
    would walk them (and every module's objects) again and again, about a seventh of the build
    time. Reference counting still frees almost everything at once; the collector runs as usual
    afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def make_charts(event: Event, evaluation: Evaluation) -> dict[str, Chart]:
    """Return a chart for every question someone gave a score to, by question id."""
    charts = {}
    for question in evaluation.questions:
        wording = question.pre_wording or question.post_wording or question.id
        chart = distribution_chart(question, f"the question “{wording}”", event.branding.colours.primary)
        if chart is not None:
            charts[question.id] = chart
    return charts


def base_context(event: Event) -> dict[str, Any]:
    """Return the context both report templates see: the pack's, the heading colour, the logo."""
    logo = event.branding.logo
    return {
        **build_context(event),
        "brand": brand_colour(event.branding.colours.primary),
        "logo": None if logo is None else {"src": f"packgen:logo{logo.suffix.lower()}",
                                           "alt": f"{event.organisation} logo"},
    }


def logo_asset(path: Path) -> Asset:
    """Return the logo for a report, or raise :class:`InputFileError` for one that is not a sound
    PNG or JPEG image: WeasyPrint would draw a damaged one as nothing, without a word."""
    check_logo(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(f"{path}: could not read the logo ({error.strerror})") from None
    return Asset(data, "image/png" if path.suffix.lower() == ".png" else "image/jpeg")


# -- Checking a force's own report templates ------------------------------------------------------


def check_report_templates(event: Event, templates: Path) -> tuple[list[Path], list[str]]:
    """Return the force's own report templates in ``templates/report/`` that were checked, and
    every problem found: syntax errors with their line, and names packgen cannot fill.

    Each template is rendered with the event and no results, so names inside loops over notes or
    actions are only checked when rendering for real (which stays strict). The update's two
    templates (``packgen update``: its PDF and its email) are rendered as update 2 of one action
    planned in update 1 and done since, so the names of an action are checked there too.
    """
    from dataclasses import replace
    from datetime import timedelta

    from jinja2 import ChoiceLoader, FileSystemLoader, TemplateSyntaxError

    from packgen.editions import Entry
    from packgen.report.update_edition import EMAIL_TEMPLATE, UPDATE_TEMPLATE, edition_context
    from packgen.render.jinja import RecordingUndefined, make_environment, missing_message, recording_missing
    from packgen.results.dataset import Action

    own = templates / REPORT_FOLDER
    reports = [name for name in REPORT_TEMPLATES.values() if name != REPORT_TEMPLATES["rollup"]]
    checked = [own / name for name in [*reports, UPDATE_TEMPLATE, EMAIL_TEMPLATE] if (own / name).is_file()]
    if not checked:
        return [], []
    dataset = Dataset(event={"title": event.title}, questions=[])
    evaluation = evaluate(event, dataset)
    base = base_context(event)
    first, later = event.dates[-1], event.dates[-1] + timedelta(weeks=event.follow_up.every_weeks)
    planned = Action(you_said="What was said", we_did="What is done", owner="Neighbourhood inspector",
                     status="Planned", due=(first + timedelta(weeks=4)).isoformat())
    done = replace(planned, status="Done", progress="A progress note")
    edition = {**base, "edition": edition_context(event, Entry(first.isoformat(), 1, [planned]),
                                                Entry(later.isoformat(), 2, [done]), later)}
    contexts = {
        REPORT_TEMPLATES["evaluation-report"]: {**base, "report": evaluation_context(event, dataset, evaluation, {})},
        REPORT_TEMPLATES["you-said-we-did"]: {**base, "update": update_context(event, dataset, evaluation)},
        UPDATE_TEMPLATE: edition, EMAIL_TEMPLATE: edition,
    }
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in report_folders(templates)])
    environment = make_environment(autoescape=True, undefined=RecordingUndefined, loader=loader)
    problems = []
    for path in checked:
        with recording_missing() as missing:
            try:
                environment.get_template(path.name).render(contexts[path.name])
            except TemplateSyntaxError as error:
                problems.append(f"{error.filename or path}, line {error.lineno}: {error.message}")
                continue
            except Exception as error:  # the sandbox refusing something, a filter failing...
                problems.append(f"{path}: cannot be filled ({error})")
                continue
        problems += [f"{path}: {missing_message(message)}" for message in dict.fromkeys(missing)]
    return checked, problems
