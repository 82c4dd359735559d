"""Checking a form template: every placeholder the config cannot fill, and every answer box lost.

Each problem names the file and where: ``paragraph 14``, ``table 2, row 3``, ``header, ...``. The
template's Jinja source is marked with a numbered comment before each paragraph and table row, and
rendered lazily with an :class:`~jinja2.Undefined` that records each missing name with the last
mark rendered before it.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from packgen import scales
from packgen.errors import TemplateError
from packgen.render.docx.filling import PROPERTIES, opened_template, render_form, word_environment
from packgen.render.jinja import (
    RecordingUndefined,
    missing_names,
    syntax_message,
    undefined_message,
    undefined_text,
)
from packgen.render.ooxml.document import FormTemplate, jinja_source
from packgen.store import TemplateStore, store_or_new
from packgen.wording import CONSENT, CONTROL_TITLES, FORM_FIELDS, SECTOR, STAGE_FIELDS, sector_title

_MARKER = re.compile(r"<!--packgen-at:(\d+)-->")
_BLOCKS = {"for", "if", "macro", "call", "filter", "block", "with", "autoescape", "trans"}


def check_template(template: Path, context: dict[str, Any], stage: str | None = None,
                   store: TemplateStore | None = None) -> list[str]:
    """Return every problem that stops ``template`` being filled from ``context``, each located.

    A problem is a placeholder ``context`` cannot fill or text that is not a valid placeholder;
    the message names the file and where: ``paragraph 14``, ``table 2, row 3``, ``header, ...``.
    Given the ``stage`` the template is for, a template that fills is also checked for every answer
    box of that stage's form (:func:`missing_answer_boxes`).
    """
    store = store_or_new(store)
    document = opened_template(template, store)
    values = {**context, "logo": ""}
    problems: list[str] = []
    for story, root in template_stories(document):
        labelled, labels = mark_locations(root)
        xml = jinja_source(labelled)
        for label, message in check_story(xml.replace("<!--packgen-at:", "\n<!--packgen-at:"), labels, values):
            problems.append(", ".join(part for part in (template.name, story, label) if part) + f": {message}")
    for key in PROPERTIES:
        text = getattr(document.docx.core_properties, key) or ""
        where = f"{template.name}, document properties ({key})"
        try:
            problems += [f"{where}: {undefined_message(UndefinedError(m))}" for m in missing_names(text, values)]
        except TemplateSyntaxError as error:
            problems.append(f"{where}: {syntax_message(text, error)}")
    if stage and not problems:
        problems += missing_answer_boxes(template, context, stage, store)
    return problems


def render_error(template: Path, context: dict[str, Any], error: Exception,
                 store: TemplateStore | None = None) -> TemplateError:
    """Return the error to raise when docxtpl fails: every located problem, or the bare cause."""
    problems = check_template(template, context, store=store)
    if len(problems) == 1:
        return TemplateError(problems[0])
    if problems:
        return TemplateError(f"{template.name}: {len(problems)} placeholders cannot be filled", problems)
    return TemplateError(f"{template.name}: the template cannot be filled: {error}")


def missing_answer_boxes(template: Path, context: dict[str, Any], stage: str,
                         store: TemplateStore | None = None) -> list[str]:
    """Return a problem for each answer box missing from the ``stage`` form ``template`` makes:
    a box deleted, or one that has lost both its tag and its title, which no returned form could
    be read from. Each says what to put back."""
    word = Document(io.BytesIO(render_form(context, stage, template, None, store)))
    found = {tag.get(qn("w:val")) for tag in word.element.body.iter(qn("w:tag"))}
    where = f"{template.name}:"
    how = "(in Word: Developer, Controls, Properties, Title)"
    problems = []
    for field in STAGE_FIELDS[stage]:
        if field != SECTOR and field not in found:
            kind = "a tick box" if field == CONSENT else "a plain text box"
            problems.append(f"{where} the answer box for '{FORM_FIELDS[field]}' is missing or has lost its title; "
                            f"put back {kind} titled '{CONTROL_TITLES[field]}' {how}")
    for number, question in enumerate(context.get(f"{stage}_questions", []), start=1):
        scale = scales.SCALES[question["scale_key"]]
        missing = [scale.label(n) for n in scale.values if f"{question['id']}={n}" not in found]
        if missing:
            problems.append(f"{where} question {number} ('{question['id']}') has no tick box for "
                            f"{', '.join(missing)}; put back one tick box for {scale.each}, "
                            f"titled like '{scale.box_title('{{ loop.index }}', '{{ q.id }}', missing[0])}' {how}")
    sectors = [sector for sector in context.get("sectors", []) if f"{SECTOR}={sector}" not in found]
    if sectors:
        listed = ", ".join(f"'{sector}'" for sector in sectors)
        problems.append(f"{where} no tick box for the sector(s) {listed}; put back "
                        f"one tick box beside each sector, titled like '{sector_title('{{ row[0] }}')}' {how}")
    return problems


def template_stories(document: FormTemplate) -> Iterator[tuple[str, Any]]:
    """Yield (name, XML root) for the body and every header and footer, as docxtpl renders them."""
    body = document.docx.element.body
    yield "", copy.deepcopy(body)
    kinds = {"first": "first-page ", "even": "even-page "}
    sections = list(body.iter(qn("w:sectPr")))
    for number, section in enumerate(sections, start=1):
        for reference in section.iterchildren(qn("w:headerReference"), qn("w:footerReference")):
            part = document.docx.part.related_parts[reference.get(qn("r:id"))]
            noun = "header" if reference.tag == qn("w:headerReference") else "footer"
            name = f"{kinds.get(reference.get(qn('w:type')), '')}{noun}"
            yield (f"{name} (section {number})" if len(sections) > 1 else name), parse_xml(part.blob)


def mark_locations(root: Any) -> tuple[Any, list[tuple[str, str]]]:
    """Return ``root`` with a numbered comment before each paragraph and table row, and the
    (location, text) each number stands for."""
    top_tables = [t for t in root.iter(qn("w:tbl")) if next(t.iterancestors(qn("w:tbl")), None) is None]
    elements = list(root.iter(qn("w:p"), qn("w:tr")))
    labels: list[tuple[str, str]] = []
    paragraphs = 0
    for element in elements:
        outer_rows = [a for a in [element, *element.iterancestors()] if a.tag == qn("w:tr")]
        if outer_rows:
            row = outer_rows[-1]
            table = row.getparent()
            rows = [r for r in table if r.tag == qn("w:tr")]
            label = f"table {top_tables.index(table) + 1}, row {rows.index(row) + 1}"
        else:
            paragraphs += 1
            label = f"paragraph {paragraphs}"
        element.addprevious(etree.Comment(f"packgen-at:{len(labels)}"))
        labels.append((label, template_text(element)))
    return root, labels


def template_text(element: Any) -> str:
    """Return the text of a paragraph or row, with any placeholders held in its attributes."""
    text = "".join(t.text or "" for t in element.iter(qn("w:t")))
    hidden = [value for node in element.iter() for value in node.attrib.values() if "{{" in value or "{%" in value]
    return " ".join([text, *hidden]).strip()


def check_story(source: str, labels: list[tuple[str, str]], values: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (location, message) for each problem of one story's patched, marked template XML."""
    found: list[tuple[int | None, str]] = []
    here: list[int | None] = [None]

    class Locating(RecordingUndefined):
        """Remembers each missing name with the location being rendered when it was asked for."""

        def _remember(self) -> None:
            if self._undefined_exception is SecurityError:
                message = f"{undefined_text(self).rstrip('.')}; templates cannot reach Python's internals"
            else:
                message = undefined_message(UndefinedError(undefined_text(self)))
            found.append((here[0], message))

    environment = word_environment(undefined=Locating)
    try:
        compiled = environment.from_string(source)
    except TemplateSyntaxError as error:
        at, line = syntax_error_place(environment, source, error)
        label, text = labels[at] if at is not None else ("", re.sub(r"<[^>]+>", "", line))
        return [(label, syntax_message(text, error))]
    try:
        # generate() runs the template lazily: when a name is asked for, the last marker yielded
        # is the paragraph or row that asks for it.
        for chunk in compiled.generate(values):
            markers = _MARKER.findall(chunk)
            if markers:
                here[0] = int(markers[-1])
    # A check reports whatever stops rendering (an undefined name in arithmetic, a call the
    # sandbox refuses, a filter given the wrong type) instead of crashing on it.
    except Exception as error:  # noqa: BLE001
        if isinstance(error, UndefinedError):
            message = undefined_message(error)
        else:
            message = f"the template cannot be filled: {error}"
        found.append((here[0], message))
    return [(labels[at][0] if at is not None else "", message) for at, message in dict.fromkeys(found)]


def syntax_error_place(environment: SandboxedEnvironment, source: str,
                       error: TemplateSyntaxError) -> tuple[int | None, str]:
    """Return the location number holding a syntax error (for a block never closed, where it
    opens) and the source line it is on."""
    lines = source.split("\n")
    line = error.lineno or 1
    if "end of template" in (error.message or ""):
        line = unclosed_block_line(environment, source) or line
    markers = _MARKER.findall("\n".join(lines[:line]))
    return (int(markers[-1]) if markers else None), lines[min(line, len(lines)) - 1]


def unclosed_block_line(environment: SandboxedEnvironment, source: str) -> int | None:
    """Return the line of the innermost block tag (``{% for %}``, ``{% if %}``...) never closed."""
    stack: list[int] = []
    expect_name = False
    try:
        for line, kind, value in environment.lex(source):
            if kind == "whitespace":
                continue
            if kind == "block_begin":
                expect_name = True
            elif expect_name and kind == "name":
                expect_name = False
                if value in _BLOCKS:
                    stack.append(line)
                elif value.startswith("end") and value[3:] in _BLOCKS and stack:
                    stack.pop()
            else:
                expect_name = False
    except TemplateSyntaxError:
        return None
    return stack[-1] if stack else None
