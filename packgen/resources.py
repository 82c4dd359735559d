"""The one place packgen finds its own files: the bundled templates and the example event.

Installed from a wheel, they sit inside the package (``packgen/_data``); in a source checkout they
sit at the top of the repository, where an organiser can find and restyle them.
"""

from __future__ import annotations

from pathlib import Path

from packgen.errors import TemplateError

_PACKAGE = Path(__file__).resolve().parent

TEMPLATE_FILES = {
    "pre-event-form": "docx/pre-event-form.docx",
    "post-event-form": "docx/post-event-form.docx",
    "presentation": "pptx/presentation.pptx",
    "planning": "xlsx/planning.xlsx",
}
"""Each artefact's template, relative to a templates folder."""

REPORT_FOLDER = "report"
"""The report templates' folder inside a templates folder: HTML, CSS and any images they use."""

REPORT_TEMPLATES = {
    "evaluation-report": "evaluation-report.html",
    "you-said-we-did": "you-said-we-did.html",
    "rollup": "rollup.html",
}
"""Each report's template, relative to the report templates folder."""

PAPER_FOLDER = "paper"
"""The print-ready forms' templates inside a templates folder: ``form.html``, ``paper.css``."""

PAPER_TEMPLATE = "form.html"
"""The print-ready form's template, relative to the paper templates folder."""


def data_folder(name: str) -> Path:
    """Return the bundled folder ``name`` ("templates" or "config")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"packgen's own '{name}' folder is missing; reinstall packgen")


def example_folder() -> Path:
    """Return the folder holding the bundled example event (hub.yaml, invitees.csv, logo.png)."""
    return data_folder("config") / "example"


def template_path(artefact: str, templates: Path | None = None) -> Path:
    """Return the template file for ``artefact``, from ``templates`` when given, else bundled.

    A force's own templates folder need not hold every file: any it lacks come from packgen.
    """
    relative = TEMPLATE_FILES[artefact]
    if templates is not None:
        if not templates.is_dir():
            raise TemplateError(f"{templates}: no such templates folder")
        own = templates / relative
        if own.is_file():
            return own
    bundled = data_folder("templates") / relative
    if not bundled.is_file():
        raise TemplateError(f"{bundled}: the template is missing; reinstall packgen")
    return bundled


def report_folders(templates: Path | None = None) -> list[Path]:
    """Return the folders report templates are looked up in, in order: the force's own
    ``report`` folder inside ``templates`` when it has one, then packgen's.

    A force's folder need not hold every file: a report template, the base template or the
    stylesheet it lacks comes from packgen.
    """
    return _html_folders(REPORT_FOLDER, "report templates", templates)


def paper_folders(templates: Path | None = None) -> list[Path]:
    """Return the folders the print-ready form's templates are looked up in, as
    :func:`report_folders` does: the force's own ``paper`` folder first, then packgen's."""
    return _html_folders(PAPER_FOLDER, "paper form templates", templates)


def _html_folders(folder: str, what: str, templates: Path | None) -> list[Path]:
    bundled = data_folder("templates") / folder
    if not bundled.is_dir():
        raise TemplateError(f"{bundled}: the {what} are missing; reinstall packgen")
    if templates is None:
        return [bundled]
    if not templates.is_dir():
        raise TemplateError(f"{templates}: no such templates folder")
    own = templates / folder
    return [own, bundled] if own.is_dir() else [bundled]
