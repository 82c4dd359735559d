"""The Jinja environment every template is rendered in, and the check for names it cannot fill.

Templates are sandboxed (a force's own template cannot reach Python internals) and strict (a
placeholder packgen cannot fill is an error, never an empty string). Values are inserted once and
never rendered again, so ``{{ 7*7 }}`` typed into a config prints as typed.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from jinja2 import BaseLoader, FunctionLoader, StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from packgen.errors import TemplateError


class TextTemplates(SandboxedEnvironment):
    """A sandboxed environment that compiles each template text once and keeps it.

    Jinja keeps the templates it loads by name, never those made with ``from_string``; here a
    text is loaded by name through a loader that serves the name itself as the source, so Jinja's
    own template cache (``cache_size`` texts, least recently used dropped first) keeps it. A
    compiled text is keyed by the whole text, so it can never be served for another.
    """

    def __init__(self, cache_size: int = 400, **options: Any) -> None:
        super().__init__(loader=FunctionLoader(_text_as_source), cache_size=cache_size, auto_reload=False,
                         **options)

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        return self.get_template(source)


def _text_as_source(name: str) -> tuple[str, None, Callable[[], bool]]:
    return name, None, _unchanged


def _unchanged() -> bool:
    return True


def make_environment(autoescape: bool = False, undefined: type[Undefined] = StrictUndefined,
                     loader: BaseLoader | None = None,
                     finalize: Callable[[Any], Any] | None = None,
                     keep_compiled: bool = False) -> SandboxedEnvironment:
    """Return a sandboxed, strict Jinja environment.

    ``autoescape`` is for templates whose output is markup (Word's XML, HTML); PowerPoint and Excel
    text goes through their libraries, which escape it themselves. ``loader`` finds templates that
    include or extend others (the report templates); ``finalize`` is applied to every printed
    value before it is escaped. ``keep_compiled`` keeps each template text compiled once
    (:class:`TextTemplates`); it takes no ``loader``.
    """
    options: dict[str, Any] = {"autoescape": autoescape, "undefined": undefined, "keep_trailing_newline": True,
                               "finalize": finalize}
    if keep_compiled:
        if loader is not None:
            raise ValueError("an environment that keeps template texts has a loader of its own")
        return TextTemplates(**options)
    return SandboxedEnvironment(loader=loader, **options)


_TEXTS = TextTemplates(cache_size=4096, undefined=StrictUndefined, keep_trailing_newline=True)
"""The snippets of presentations and workbooks, compiled once per process: a batch of hundreds of
packs fills the same few hundred. Kept by their whole text, so never stale."""


def render_text(text: str, context: dict[str, Any], where: str) -> str:
    """Return ``text`` with its placeholders filled from ``context``.

    ``where`` names the file and location for the error message
    (``presentation.pptx, slide 3, shape 'Title 1'``).
    """
    try:
        template = _TEXTS.from_string(text)
        # Template.render copies the whole context into a new dict for every text; a presentation
        # fills a hundred texts from one context. A shared context (Jinja's documented
        # ``new_context(shared=True)``) reads the caller's dict in place, the globals behind it.
        shared = template.new_context(ChainMap(context, template.globals), shared=True)
        return template.environment.concat(template.root_render_func(shared))
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


def undefined_text(value: Undefined) -> str:
    """Return Jinja's own wording for what ``value`` stands for ("'venu' is undefined", "'dict
    object' has no attribute 'nme'"), from the error it raises when used: Jinja documents
    ``_fail_with_undefined_error`` as the hook every Undefined fails through."""
    try:
        value._fail_with_undefined_error()
    except Exception as error:  # noqa: BLE001 - the value's own kind (UndefinedError, SecurityError)
        return str(error)
    return ""


_RECORDING: ContextVar[list[str] | None] = ContextVar("packgen_missing_names", default=None)
"""The list the check running in this context records missing names into (None: no check runs)."""


@contextmanager
def recording_missing() -> Iterator[list[str]]:
    """Record, for the block, every name a :class:`RecordingUndefined` is asked for: yield the list
    that Jinja's wording of each ("'venu' is undefined") is appended to, in the order asked.

    The list belongs to this one check: another check, in another thread or nested inside this
    one, records into a list of its own, and this one's is left as it was when the block ends.
    """
    names: list[str] = []
    token = _RECORDING.set(names)
    try:
        yield names
    finally:
        _RECORDING.reset(token)


class RecordingUndefined(Undefined):
    """An Undefined that renders as nothing but remembers what was asked for, so a check can
    list every missing name at once instead of stopping at the first.

    It remembers into the list of the check running (:func:`recording_missing`); with no check
    running it fails as :class:`jinja2.StrictUndefined` does, so a missing name is never dropped
    silently.
    """

    def _remember(self) -> None:
        names = _RECORDING.get()
        if names is None:
            self._fail_with_undefined_error()
        names.append(undefined_text(self))

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
    with recording_missing() as missing:
        environment.from_string(text).render(context)
    return list(dict.fromkeys(missing))
