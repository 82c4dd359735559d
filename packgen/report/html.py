"""Filling the report templates: Jinja, sandboxed and strict, with HTML escaping on.

Templates are found in the report templates folders (the force's own first, then packgen's), so a
force can replace one file (the stylesheet, say) and keep the rest. Every printed value is
escaped, and stripped of characters no document can hold, so attendee text prints as typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from packgen.errors import TemplateError
from packgen.render.jinja import make_environment, undefined_message
from packgen.store import TemplateStore, store_or_new
from packgen.text import clean_text


def _printable(value: Any) -> Any:
    """Return a printed value with the characters XML (and so the PDF's text) cannot hold removed."""
    return clean_text(value)[0] if isinstance(value, str) else value


def report_environment(folders: list[Path], store: TemplateStore | None = None) -> SandboxedEnvironment:
    """Return the environment the report templates in ``folders`` are rendered in: one per run for
    each list of folders, so each template is compiled once a run (Jinja compiles again a
    template whose file has changed since)."""
    environments = store_or_new(store).get(folders[0], report_environments) if folders[0].is_dir() else {}
    key = tuple(str(folder) for folder in folders)
    if key not in environments:
        loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders])
        environments[key] = make_environment(autoescape=True, loader=loader, finalize=_printable)
    return environments[key]


def report_environments(folder: Path) -> dict[tuple[str, ...], SandboxedEnvironment]:
    """Return a run's report environments for the lists of folders that start with ``folder``, by
    list (none yet): the store keeps one value per file or folder, an environment reads several."""
    return {}


def render_html(name: str, context: dict[str, Any], folders: list[Path], store: TemplateStore | None = None) -> str:
    """Return the report template ``name`` filled from ``context``.

    ``store`` keeps the compiled templates for the run. Raises :class:`TemplateError` naming the
    template file (and line) when it is missing, is not valid, asks for a name packgen cannot fill,
    or reaches for what the sandbox forbids.
    """
    try:
        return report_environment(folders, store).get_template(name).render(context)
    except TemplateNotFound as error:
        raise TemplateError(f"{folders[0] / error.name}: the report template is missing") from None
    except TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename or name}, line {error.lineno}: {error.message}") from None
    except UndefinedError as error:
        raise TemplateError(f"{_where(name, folders)}: {undefined_message(error)}") from None
    except SecurityError as error:
        raise TemplateError(f"{_where(name, folders)}: not allowed in a template ({error})") from None


def _where(name: str, folders: list[Path]) -> Path:
    return next((folder / name for folder in folders if (folder / name).is_file()), folders[0] / name)
