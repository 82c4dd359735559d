"""The pack stage: one event config in, the four artefacts out.

Everything is built in memory first and written only when all four have rendered, so a template
error leaves the output folder as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from packgen.config import LoadedConfig, load_config
from packgen.context import build_context
from packgen.output import WriteReport, check_folder, reproducible, write_outputs
from packgen.store import TemplateStore, store_or_new
from packgen.resources import template_path

PRE_FORM = "pre-event-form.docx"
POST_FORM = "post-event-form.docx"
PRESENTATION = "presentation.pptx"
PLANNING = "planning.xlsx"

ARTEFACTS = {
    PRE_FORM: "pre-event-form",
    POST_FORM: "post-event-form",
    PRESENTATION: "presentation",
    PLANNING: "planning",
}
"""Output file name → template name (see :data:`packgen.resources.TEMPLATE_FILES`)."""

Progress = Callable[[str], None]


@dataclass
class PackResult:
    """What :func:`pack` built and where."""

    config: LoadedConfig
    folder: Path
    report: WriteReport
    templates_used: dict[str, Path] = field(default_factory=dict)


def render_pack(loaded: LoadedConfig, templates: Path | None = None, progress: Progress | None = None,
                store: TemplateStore | None = None) -> tuple[dict[str, bytes], dict[str, Path]]:
    """Return the four artefacts as bytes by output name, and the template each came from.

    ``store`` is the run's (a batch worker's holds the templates parsed for earlier events); without
    one, every template is parsed afresh."""
    from packgen.render import docx, pptx, xlsx  # heavy: only when packing

    store = store_or_new(store)

    event = loaded.event
    context = build_context(event)
    logo = event.branding.logo
    sources = {name: template_path(artefact, templates) for name, artefact in ARTEFACTS.items()}
    builders = {
        PRE_FORM: lambda: docx.render_form(context, "pre", sources[PRE_FORM], logo, store=store),
        POST_FORM: lambda: docx.render_form(context, "post", sources[POST_FORM], logo, store=store),
        PRESENTATION: lambda: pptx.render_presentation(context, sources[PRESENTATION], logo, store=store),
        PLANNING: lambda: xlsx.render_planning(event, context, sources[PLANNING], store=store),
    }
    files = {}
    for name, build in builders.items():
        if progress:
            progress(name)
        files[name] = reproducible(build())
    return files, sources


def pack(config_path: Path, out: Path, templates: Path | None = None, force: bool = False,
         progress: Progress | None = None) -> PackResult:
    """Validate the config, render the four artefacts and write them into ``out``.

    Raises a :class:`~packgen.errors.PackgenError` and writes nothing when the config is
    invalid, a template fails, or a file in ``out`` holds the organiser's own work.
    """
    return pack_loaded(load_config(config_path), out, templates, force, progress)


def pack_loaded(loaded: LoadedConfig, out: Path, templates: Path | None = None, force: bool = False,
                progress: Progress | None = None, store: TemplateStore | None = None) -> PackResult:
    """Render the four artefacts of an already validated config and write them into ``out``
    (``store``: the run's parsed templates, see :func:`render_pack`)."""
    from packgen.output_guards import captured_data

    check_folder(out)  # an unusable folder is said before anything is built
    files, sources = render_pack(loaded, templates, progress, store)
    report = write_outputs(out, files, force=force, guards={PLANNING: _captured_data_guard(captured_data)})
    return PackResult(config=loaded, folder=out, report=report, templates_used=sources)


def _captured_data_guard(captured_data: Callable[[Path], dict[str, int]]):
    def guard(path: Path) -> str | None:
        counts = captured_data(path)
        if not counts:
            return None
        listed = ", ".join(f"{rows} in '{sheet}'" for sheet, rows in counts.items())
        return f"holds data typed in since it was made ({listed} rows)"

    return guard
