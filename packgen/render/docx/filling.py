"""Filling a form: the docxtpl template rendered from the event, then finished for reading back.

Each run parses a template once (in its :class:`~packgen.store.TemplateStore`) and fills a copy
of it each time; the copy shares the parsed template's styles until it changes them
(:func:`packgen.render.ooxml.document.copy_document`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from jinja2 import StrictUndefined, Undefined
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from packgen.errors import TemplateError
from packgen.render.docx.answer_boxes import number_controls, restore_tags
from packgen.render.docx.colours import apply_primary
from packgen.render.docx.logo import describe_images, logo_image
from packgen.render.docx.readback import mark_form, record_blank_text
from packgen.render.jinja import make_environment, render_text
from packgen.render.ooxml.document import FormTemplate, copy_document, saved_document, template_of
from packgen.render.ooxml.zip_entries import RawEntry, raw_entries
from packgen.store import TemplateStore, store_or_new
from packgen.text import PROPERTY_LIMIT, clean_text, shorten

STAGE_NAMES = {"pre": "Before the hub", "post": "After the hub"}

PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core document properties docxtpl fills as templates."""


def render_form(
    context: dict[str, Any],
    stage: Literal["pre", "post"],
    template: Path,
    logo: Path | None,
    store: TemplateStore | None = None,
) -> bytes:
    """Return the ``stage`` form (``"pre"`` or ``"post"``) rendered from ``template`` as .docx bytes.

    ``store`` keeps the parsed template, its compiled text and the checked logo for the run.
    Raises :class:`TemplateError` naming the template and the place when the template cannot be
    filled, and :class:`InputFileError` when ``logo`` is not a PNG or JPEG image.
    """
    store = store_or_new(store)
    parsed = parsed_template(template, store)
    word = copy_document(parsed.word)
    document = template_of(word)
    properties = {name: getattr(word.core_properties, name) or "" for name in PROPERTIES}
    for name in properties:  # filled from these after rendering, shortened to fit; docxtpl's own
        setattr(word.core_properties, name, "")  # filling would refuse a long one
    values = {**context, "logo": logo_image(document, logo, store) if logo else ""}
    try:
        document.render(values, jinja_env=store.get(template, form_environment), autoescape=True)
    except (JinjaError, TypeError, ValueError) as error:
        from packgen.render.docx.checking import render_error  # the check locates what failed

        raise render_error(template, context, error, store) from None
    fill_properties(word, properties, context, stage, template.name)
    body = word.element.body
    number_controls(body)
    restore_tags(body)
    mark_form(word, stage, str(context.get("event_key", "")))
    record_blank_text(word)
    apply_primary(word, str(context.get("colours", {}).get("primary", "")))
    if logo:
        describe_images(word, logo, f"{context.get('organisation', '')} logo".strip())
    complete_zoom(word)
    return saved_document(word, parsed.word, parsed.entries)  # what filling left alone copied, not redone


@dataclass(frozen=True)
class ParsedForm:
    """A form template as a run keeps it: parsed once, never filled itself."""

    word: Any
    """The template as python-docx parsed it."""
    entries: dict[str, RawEntry] | None
    """Its file's zip entries, still compressed, from the same bytes (None: none can be copied)."""


def parsed_template(template: Path, store: TemplateStore) -> ParsedForm:
    """Return ``template`` parsed, once per run while it is unchanged. Raises
    :class:`TemplateError` for a missing or unreadable file."""
    if not template.is_file():
        raise TemplateError(f"{template}: no such template file")
    return store.get(template, parse_template)


def opened_template(template: Path, store: TemplateStore) -> FormTemplate:
    """Return a docxtpl template of a fresh copy of ``template`` (see :func:`parsed_template`)."""
    return template_of(copy_document(parsed_template(template, store).word))


def parse_template(template: Path) -> ParsedForm:
    """Return the Word file ``template`` parsed, or raise :class:`TemplateError`. The file is read
    once, so its parsed parts and its zip entries are of the same version of it."""
    try:
        data = template.read_bytes()
    except OSError as error:
        raise TemplateError(f"{template}: could not read the template ({error.strerror})") from None
    try:
        word = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateError(f"{template}: not a Word (.docx) file packgen can read ({error})") from error
    return ParsedForm(word, raw_entries(data))


def form_environment(template: Path) -> SandboxedEnvironment:
    """Return the environment the form ``template`` is rendered in for a run: it keeps the
    template's compiled text, so a batch compiles it once."""
    return word_environment(keep_compiled=True)


def word_environment(undefined: type[Undefined] = StrictUndefined, keep_compiled: bool = False) -> SandboxedEnvironment:
    """Return a sandboxed, strict, autoescaping environment that prints values as Word text."""
    environment = make_environment(autoescape=True, undefined=undefined, keep_compiled=keep_compiled)
    environment.finalize = as_word_text
    return environment


def as_word_text(value: Any) -> Any:
    """Return ``value`` as escaped text for Word's XML, with its braces as character references.

    docxtpl turns ``{_{`` into ``{{`` after rendering; writing braces as ``&#123;`` keeps a value
    holding ``{_{`` exactly as typed. Objects that write their own XML (the logo) pass through.
    """
    if hasattr(value, "__html__"):
        return value
    text, _ = clean_text(str(value))
    return Markup(str(escape(text)).replace("{", "&#123;").replace("}", "&#125;"))


def fill_properties(word: Any, originals: dict[str, str], context: dict[str, Any], stage: str, name: str) -> None:
    """Fill the document properties as plain text (docxtpl escaped them for XML) and set the title,
    each shortened to what a property holds (the form itself prints the text whole)."""
    properties = word.core_properties
    for key, text in originals.items():
        where = f"{name}, document properties ({key})"
        try:
            setattr(properties, key, shorten(render_text(text, context, where), PROPERTY_LIMIT) if text else text)
        except JinjaError as error:  # what render_text leaves: the sandbox refusing, for one
            raise TemplateError(f"{where}: {error}") from None
    properties.title = shorten(f"{STAGE_NAMES[stage]}: {context.get('title', '')}", PROPERTY_LIMIT)
    properties.language = properties.language or "en-GB"


def complete_zoom(word: Any) -> None:
    """Give the settings part's zoom the percentage ECMA-376 requires (``w:percent``).

    python-docx's default template, and so any form restyled from it, says ``<w:zoom
    w:val="bestFit"/>`` alone, which Word opens but the schema refuses. 100 is Word's own default;
    a ``w:val`` such as bestFit still decides the zoom Word shows.
    """
    zoom = word.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
