"""The Jinja environment every template is rendered in, and the check for names it cannot fill.

Templates are sandboxed (a force's own template cannot reach Python internals) and strict (a
placeholder packgen cannot fill is an error, never an empty string). Values are inserted once and
never rendered again, so ``{{ 7*7 }}`` typed into a config prints as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from packgen.errors import TemplateError


class _CachingEnvironment(SandboxedEnvironment):
    """A sandboxed environment that compiles each template text once (Jinja caches templates
    it loads by name, never those made from a string)."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
            if len(self._compiled) > 64:  # a handful of templates; never grow without bound
                self._compiled.pop(next(iter(self._compiled)))
        return compiled


def make_environment(autoescape: bool = False, undefined: type[Undefined] = StrictUndefined,
                     loader: BaseLoader | None = None,
                     finalize: Callable[[Any], Any] | None = None,
                     cache_compiled: bool = False) -> SandboxedEnvironment:
    """Return a sandboxed, strict Jinja environment.

    ``autoescape`` is for templates whose output is markup (Word's XML, HTML); PowerPoint and Excel
    text goes through their libraries, which escape it themselves. ``loader`` finds templates that
    include or extend others (the report templates); ``finalize`` is applied to every printed
    value before it is escaped. ``cache_compiled`` keeps each compiled template text for reuse.
    """
    kind = _CachingEnvironment if cache_compiled else SandboxedEnvironment
    environment = kind(
        autoescape=autoescape,
        undefined=undefined,
        keep_trailing_newline=True,
        loader=loader,
        finalize=finalize,
    )
    if cache_compiled:
        environment._compiled = {}
    return environment


_ENVIRONMENT = make_environment()


@lru_cache(maxsize=4096)
def _compiled(text: str):
    # A presentation or workbook holds the same few hundred snippets every time; compiling each
    # once per process, not once per pack, makes a batch of hundreds of packs far quicker.
    return _ENVIRONMENT.from_string(text)


def render_text(text: str, context: dict[str, Any], where: str) -> str:
    """Return ``text`` with its placeholders filled from ``context``.

    ``where`` names the file and location for the error message
    (``presentation.pptx, slide 3, shape 'Title 1'``).
    """
    try:
        return _compiled(text).render(context)
    except TemplateSyntaxError as error:
        raise TemplateError(f"{where}: {syntax_message(text, error)}") from None
    except UndefinedError as error:
        raise TemplateError(f"{where}: {undefined_message(error)}") from None


def snippet(text: str) -> str:
    """Return template text on one line, cut to 60 characters, for quoting in a message."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def syntax_message(text: str, error: TemplateSyntaxError) -> str:
    """Return a plain description of a Jinja syntax error, quoting the offending text."""
    return f"the placeholder text '{snippet(text)}' is not valid: {error.message}"


def missing_message(message: str) -> str:
    """Return a plain description of a name packgen cannot fill, from Jinja's own wording."""
    return f"{message}; packgen cannot fill it (see 'Template names' in the README)"


def undefined_message(error: UndefinedError) -> str:
    """Return a plain description of a placeholder packgen cannot fill."""
    return missing_message(error.message)


class RecordingUndefined(Undefined):
    """An Undefined that renders as nothing but remembers what was asked for, so a check can
    list every missing name at once instead of stopping at the first."""

    missing: list[str]

    def _remember(self) -> None:
        # Jinja's own wording: "'venu' is undefined", "'dict object' has no attribute 'nme'".
        RecordingUndefined.missing.append(self._undefined_message)

    def __str__(self) -> str:
        self._remember()
        return ""

    def __iter__(self):
        self._remember()
        return iter(())

    def __bool__(self) -> bool:
        self._remember()
        return False

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._remember()
        return self

    def __getitem__(self, name: str) -> Any:
        self._remember()
        return self


def missing_names(text: str, context: dict[str, Any]) -> list[str]:
    """Return the names in ``text`` that ``context`` cannot fill (empty when all are filled).

    Raises :class:`jinja2.TemplateSyntaxError` for text that is not a valid template.
    """
    environment = make_environment(undefined=RecordingUndefined)
    RecordingUndefined.missing = []
    environment.from_string(text).render(context)
    found = list(dict.fromkeys(RecordingUndefined.missing))
    RecordingUndefined.missing = []
    return found
