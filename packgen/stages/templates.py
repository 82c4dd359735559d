"""The templates check (``packgen templates check``): a force's own templates against a config.

Every problem is listed at once: placeholders the config cannot fill, syntax errors, missing parts,
and for the paper forms what printing would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packgen.config import load_config
from packgen.context import build_context
from packgen.errors import TemplateError
from packgen.resources import TEMPLATE_FILES


@dataclass
class TemplateCheck:
    """What ``packgen templates check`` found."""

    checked: list[Path]
    bundled: list[str]
    """Templates the folder lacks, for which packgen's own would be used."""
    problems: list[str]
    folder: Path | None = None
    """The templates folder checked."""

    def error(self) -> TemplateError | None:
        """Return the error listing every problem found (what makes the command exit 1), or None."""
        if not self.problems:
            return None
        count = f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)}"
        return TemplateError(f"{self.folder}: the templates have {count}", self.problems)


def check_templates(templates: Path, config_path: Path | None = None) -> TemplateCheck:
    """Return every problem with the templates in ``templates`` for the given config (the bundled
    example when none is given): placeholders the config cannot fill, syntax errors, missing parts,
    and for the paper forms what printing would refuse (a box missing, too small or in the margins).
    """
    from packgen.render import docx, pptx, xlsx
    from packgen.resources import example_folder
    from packgen.store import TemplateStore

    if not templates.is_dir():
        raise TemplateError(f"{templates}: no such templates folder")
    loaded = load_config(config_path or example_folder() / "hub.yaml")
    context = build_context(loaded.event)
    store = TemplateStore()
    checkers = {"pre-event-form": lambda path, values: docx.check_template(path, values, "pre", store),
                "post-event-form": lambda path, values: docx.check_template(path, values, "post", store),
                "presentation": lambda path, values: pptx.check_template(path, values, store),
                "planning": lambda path, values: xlsx.check_template(path, values, store)}
    result = TemplateCheck(checked=[], bundled=[], problems=[], folder=templates)
    for artefact, check in checkers.items():
        own = templates / TEMPLATE_FILES[artefact]
        if own.is_file():
            result.checked.append(own)
            result.problems += check(own, context)
        else:
            result.bundled.append(TEMPLATE_FILES[artefact])
    from packgen.report import check_report_templates

    reports, problems = check_report_templates(loaded.event, templates)
    result.checked += reports
    result.problems += problems
    from packgen.paper.printing import PAPER_FILES, check_paper_templates

    paper, problems = check_paper_templates(loaded.event, templates)
    result.checked += paper
    result.problems += problems
    if not result.checked:
        expected = ", ".join([*TEMPLATE_FILES.values(), "report/*.html", *(f"paper/{name}" for name in PAPER_FILES)])
        raise TemplateError(f"{templates}: holds none of packgen's templates (expected {expected})")
    return result
