"""The pre- and post-event forms: Word templates filled from the event.

Templates are docxtpl templates (``templates/docx/pre-event-form.docx`` and
``post-event-form.docx``): ``{{ name }}`` prints a value from :func:`packgen.context.build_context`,
plus ``logo``, the logo image or nothing. They are rendered in packgen's sandboxed, strict Jinja
environment with autoescaping, so every value is printed exactly as typed: ``& < >`` and quotes are
escaped for Word's XML, ``{{ 7*7 }}`` is printed and never evaluated, and a line break in a value
becomes a line break in Word (docxtpl turns ``\\n`` into ``<w:br/>``).

The answer-box contract
-----------------------
Every answer on a form is a Word content control (``w:sdt``) whose tag (``w:tag``) says what it
holds, so a form returned electronically can be read back
(:func:`packgen.results.forms.read_controls`):

=============================  ==========================  ===================================
Tag                            Kind                        Holds
=============================  ==========================  ===================================
``personal_code``              plain text                  the attendee's made-up code
``hopes``                      plain text (pre only)       what they hope the day will achieve
``takeaway_1`` .. ``_3``       plain text (post only)      three things they will take away
``next_steps``                 plain text (post only)      what should happen next
``comments``                   plain text                  any other comments
``contact_details``            plain text                  email or postal address (optional)
``{question id}={n}``          checkbox, n = 0..10         e.g. ``trust=7``: a score of 7
``sector={sector}``            checkbox                    e.g. ``sector=Resident``
``consent``                    checkbox                    yes, send "You said, we did"
=============================  ==========================  ===================================

Checkboxes are Word 2010 checkbox controls (``w14:checkbox``, shown as ☐ and ☒); an unfilled text
control shows placeholder text (``w:showingPlcHdr``) and reads back as ``""``.

Every control also has a title (``w:alias``) that names its answer by itself
(:func:`packgen.wording.control_key`): ``Question 1 (trust): 7 out of 10``, ``Sector: Resident``,
``Your personal code``. LibreOffice 7.4 drops every tag when it saves a file and keeps the titles,
putting a tick box's title on a control around its cell or paragraph. A form rendered from a
template saved there gets its tags back from the titles, so it packs as the original does.

Each form carries its stage and its event's key (:attr:`packgen.model.Event.key`) in two custom
document properties, ``packgen form`` and ``packgen event``, which Word and LibreOffice keep when
they save: a returned form of the wrong stage or of another hub is reported, not counted. It also
carries the text of its body outside the answer boxes, as printed, in a custom XML part (namespace
``urn:packgen:blank-form``; both offices keep it): text found there on a returned form and not in
that record was typed outside the boxes.

Colour: every use of the templates' default primary colour (#1D3557) is turned into the event's
``colours.primary`` when that colour has a contrast of at least 4.5:1 with white; otherwise, or
when an organiser has changed the colours in Word, the template's own colours stay.
"""

from __future__ import annotations

import copy
import io
import re
import uuid
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Literal

from docx import Document
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup, escape

from packgen import scales
from packgen.cache import FileCache
from packgen.errors import TemplateError
from packgen.images import check_logo
from packgen.render.jinja import (
    RecordingUndefined,
    make_environment,
    missing_names,
    render_text,
    syntax_message,
    undefined_message,
)
from packgen.text import PROPERTY_LIMIT, clean_text, shorten
from packgen.wording import (
    BLANK_FORM,
    CONSENT,
    CONTROL_TITLES,
    EVENT_PROPERTY,
    FORM_FIELDS,
    FORM_PROPERTY,
    SECTOR,
    STAGE_FIELDS,
    control_key,
    score_title,
    sector_title,
)

TEMPLATE_PRIMARY = "1D3557"
"""The primary colour the bundled templates are drawn in; rendering swaps in the event's own."""

STAGE_NAMES = {"pre": "Before the hub", "post": "After the hub"}

LOGO_HEIGHT_MM = 15
LOGO_MAX_WIDTH_MM = 60

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_MAX_PART_BYTES = 50 * 1024 * 1024  # a form's document.xml is ~100 kB; refuse zip bombs
_MARKER = re.compile(r"<!--packgen-at:(\d+)-->")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", flags=re.DOTALL)  # as docxtpl finds them
_LISTING = re.compile("[\t\a\n\f]")
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_BLOCKS = {"for", "if", "macro", "call", "filter", "block", "with", "autoescape", "trans"}


# -- rendering ------------------------------------------------------------------------------------


def render_form(
    context: dict[str, Any],
    stage: Literal["pre", "post"],
    template: Path,
    logo: Path | None,
) -> bytes:
    """Return the ``stage`` form (``"pre"`` or ``"post"``) rendered from ``template`` as .docx bytes.

    Raises :class:`TemplateError` naming the template and the place when the template cannot be
    filled, and :class:`InputFileError` when ``logo`` is not a PNG or JPEG image.
    """
    document = _open_template(template)
    properties = {name: getattr(document.docx.core_properties, name) or "" for name in _PROPERTIES}
    for name in properties:  # filled from these after rendering, shortened to fit; docxtpl's own
        setattr(document.docx.core_properties, name, "")  # filling would refuse a long one
    values = {**context, "logo": _logo(document, logo) if logo else ""}
    try:
        document.render(values, jinja_env=_environment(), autoescape=True)
    except (JinjaError, TypeError, ValueError) as error:
        raise _render_error(template, context, error) from None
    word = document.docx
    _fill_properties(word, properties, context, stage, template.name)
    _number_controls(word)
    _restore_tags(word)
    _mark_form(word, stage, str(context.get("event_key", "")))
    _record_blank_text(word)
    _apply_primary(word, str(context.get("colours", {}).get("primary", "")))
    if logo:
        _describe_images(word, logo, f"{context.get('organisation', '')} logo".strip())
    _complete_zoom(word)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _complete_zoom(word) -> None:
    """Give the settings part's zoom the percentage ECMA-376 requires (``w:percent``).

    python-docx's default template, and so any form restyled from it, says ``<w:zoom
    w:val="bestFit"/>`` alone, which Word opens but the schema refuses. 100 is Word's own default;
    a ``w:val`` such as bestFit still decides the zoom Word shows.
    """
    zoom = word.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


@lru_cache(maxsize=4)
def _environment(undefined: type[Undefined] = StrictUndefined) -> SandboxedEnvironment:
    """Return the sandboxed, strict, autoescaping environment forms are rendered in (one per
    process: it keeps each form's compiled template, so a batch compiles it once)."""
    environment = make_environment(autoescape=True, undefined=undefined, cache_compiled=True)
    environment.finalize = _as_word_text
    return environment


class _Template(DocxTemplate):
    """docxtpl's template, with its XML clean-up done once per template text, not per render."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's resolve_listing, paragraph by paragraph, run only where there is a tab, line
        break, new paragraph or page break to turn into Word's own (most paragraphs have none)."""
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(
            lambda match: resolve(match.group(0)) if _LISTING.search(match.group(0)) else match.group(0), xml
        )


@lru_cache(maxsize=16)
def _patched_xml(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)


def _as_word_text(value: Any) -> Any:
    """Return ``value`` as escaped text for Word's XML, with its braces as character references.

    docxtpl turns ``{_{`` into ``{{`` after rendering; writing braces as ``&#123;`` keeps a value
    holding ``{_{`` exactly as typed. Objects that write their own XML (the logo) pass through.
    """
    if hasattr(value, "__html__"):
        return value
    text, _ = clean_text(str(value))
    return Markup(str(escape(text)).replace("{", "&#123;").replace("}", "&#125;"))


def _open_template(template: Path) -> DocxTemplate:
    """Return ``template`` opened for docxtpl, or raise :class:`TemplateError`.

    Each process parses a template once and fills a deep copy of it each time: copying the parsed
    parts takes a third of the time parsing them does. The styles, often most of a template, are
    shared with the parsed template until a form changes them (see :func:`_own_styles`).
    """
    if not template.is_file():
        raise TemplateError(f"{template}: no such template file")
    parsed = _PARSED_TEMPLATES.get(template, _parse)
    document = _Template(template)
    shared = {id(part.element): part.element for part in _styles_parts(parsed)}
    document.docx = copy.deepcopy(parsed, shared)
    return document


def _parse(template: Path):
    try:
        return Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateError(f"{template}: not a Word (.docx) file packgen can read ({error})") from error


def _styles_parts(word) -> list[Any]:
    """Return the document's styles part (none when it has none)."""
    return [relationship.target_part for relationship in word.part.rels.values()
            if relationship.reltype == RT.STYLES and not relationship.is_external]


def _own_styles(word) -> None:
    """Give a form its own copy of the styles before changing them (they are shared with the
    parsed template until then)."""
    for part in _styles_parts(word):
        part._element = copy.deepcopy(part._element)


_PARSED_TEMPLATES: FileCache[Any] = FileCache()
"""Templates as python-docx parsed them; never filled themselves."""


def _logo(document: DocxTemplate, logo: Path) -> InlineImage:
    """Return the logo sized for the header: 15mm high, at most 60mm wide; raise
    :class:`InputFileError` for a logo that is not a sound PNG or JPEG image."""
    check_logo(logo)
    image = Image.from_file(str(logo))
    width_mm = LOGO_HEIGHT_MM * image.px_width / max(image.px_height, 1)
    if width_mm > LOGO_MAX_WIDTH_MM:
        return InlineImage(document, str(logo), width=Mm(LOGO_MAX_WIDTH_MM))
    return InlineImage(document, str(logo), height=Mm(LOGO_HEIGHT_MM))


def _render_error(template: Path, context: dict[str, Any], error: Exception) -> TemplateError:
    """Return the error to raise when docxtpl fails: every located problem, or the bare cause."""
    problems = check_template(template, context)
    if len(problems) == 1:
        return TemplateError(problems[0])
    if problems:
        return TemplateError(f"{template.name}: {len(problems)} placeholders cannot be filled", problems)
    return TemplateError(f"{template.name}: the template cannot be filled: {error}")


def _fill_properties(word, originals: dict[str, str], context: dict[str, Any], stage: str, name: str) -> None:
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


def _number_controls(word) -> None:
    """Give every content control a unique id (repeated rows copy the template's ids)."""
    for number, properties in enumerate(word.element.body.iter(qn("w:sdtPr")), start=1000):
        control_id = properties.find(qn("w:id"))
        if control_id is not None:
            control_id.set(qn("w:val"), str(number))


def _restore_tags(word) -> None:
    """Tag every answer box that has lost its tag but not its title (a template saved by
    LibreOffice); a tick box whose title sits on a control around it takes that title too."""
    for properties in word.element.body.iter(qn("w:sdtPr")):
        tag = properties.find(qn("w:tag"))
        if (tag is not None and tag.get(qn("w:val"))) or (
                properties.find(qn("w:text")) is None and properties.find(qn("w14:checkbox")) is None):
            continue
        alias = properties.find(qn("w:alias"))
        title = alias.get(qn("w:val"), "") if alias is not None else _enclosing_title(properties)
        key = control_key(title)
        if key is None:
            continue
        if alias is None:
            alias = properties.makeelement(qn("w:alias"), {qn("w:val"): title})
            properties.insert(1 if properties.find(qn("w:rPr")) is not None else 0, alias)
        if tag is None:
            tag = properties.makeelement(qn("w:tag"), {})
            alias.addnext(tag)
        tag.set(qn("w:val"), key)


def _enclosing_title(properties) -> str:
    """Return the title of the nearest control around the control of ``properties``, or ""."""
    for ancestor in properties.getparent().iterancestors(qn("w:sdt")):
        alias = ancestor.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        if alias is not None:
            return alias.get(qn("w:val"), "")
    return ""


_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FORMAT = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id Office gives custom properties


def _mark_form(word, stage: str, event_key: str) -> None:
    """Set the form's custom document properties ``packgen form`` (its stage) and ``packgen event``
    (its event's key), keeping any others the template has. python-docx has no API for custom
    properties, so the part is written here."""
    package = word.part.package
    root = etree.Element(f"{{{_CUSTOM_PROPERTIES}}}Properties", nsmap={None: _CUSTOM_PROPERTIES, "vt": _VT})
    for rId, relationship in list(package.rels.items()):
        if relationship.reltype == RT.CUSTOM_PROPERTIES and not relationship.is_external:
            try:
                kept = list(etree.fromstring(relationship.target_part.blob, etree.XMLParser(resolve_entities=False)))
            except etree.XMLSyntaxError:  # unreadable: packgen's own two are written anyway
                kept = []
            for element in kept:
                if element.get("name") not in (FORM_PROPERTY, EVENT_PROPERTY):
                    root.append(element)
            del package.rels[rId]
    for name, value in ((FORM_PROPERTY, stage), (EVENT_PROPERTY, event_key)):
        element = etree.SubElement(root, f"{{{_CUSTOM_PROPERTIES}}}property", fmtid=_PROPERTY_FORMAT, name=name)
        etree.SubElement(element, f"{{{_VT}}}lpwstr").text = value
    for pid, element in enumerate(root, start=2):
        element.set("pid", str(pid))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package.relate_to(Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package),
                      RT.CUSTOM_PROPERTIES)


def _record_blank_text(word) -> None:
    """Record the form's printed text outside the answer boxes, and the tag and kind of each answer
    box in order (its layout), in a custom XML part, replacing any record the template carried (a
    template made from a packed form)."""
    for rId, relationship in list(word.part.rels.items()):
        if relationship.reltype == RT.CUSTOM_XML and not relationship.is_external \
                and f'"{BLANK_FORM}"'.encode() in relationship.target_part.blob[:300]:
            del word.part.rels[rId]
    root = etree.Element(f"{{{BLANK_FORM}}}blank-form", nsmap={None: BLANK_FORM})
    for text, heading in outside_text(word.element.body):
        paragraph = etree.SubElement(root, f"{{{BLANK_FORM}}}p", heading="1" if heading else "0")
        paragraph.text = text
    for properties in word.element.body.iter(qn("w:sdtPr")):  # the answer boxes, in order
        kind = "tick" if properties.find(qn("w14:checkbox")) is not None else (
            "text" if properties.find(qn("w:text")) is not None else "")
        if kind:
            tag = properties.find(qn("w:tag"))
            etree.SubElement(root, f"{{{BLANK_FORM}}}box", kind=kind,
                             tag=(tag.get(qn("w:val")) or "") if tag is not None else "")
    package = word.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), "application/xml",
                etree.tostring(root, xml_declaration=True, encoding="UTF-8"), package)
    word.part.relate_to(item, RT.CUSTOM_XML)
    # Office gives each custom XML part a properties part naming it; the same id every time.
    properties = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem'
                  f' ds:itemID="{{{str(uuid.uuid5(uuid.NAMESPACE_URL, BLANK_FORM)).upper()}}}"'
                  ' xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                  '<ds:schemaRefs/></ds:datastoreItem>')
    item.relate_to(Part(package.next_partname("/customXml/itemProps%d.xml"), CT.OFC_CUSTOM_XML_PROPERTIES,
                        properties.encode(), package), RT.CUSTOM_XML_PROPS)


def outside_text(body) -> list[tuple[str, bool]]:
    """Return (text, is a heading) for each paragraph under ``body`` that has text outside the
    answer boxes (text and tick-box controls), spaces collapsed. Works on lxml and ElementTree
    elements alike: the renderer records it, the results stage compares a returned form with it."""
    found: list[tuple[str, bool]] = []

    def is_answer_box(sdt) -> bool:
        properties = sdt.find(_W + "sdtPr")
        return properties is not None and (
            properties.find(_W + "text") is not None or properties.find(_W14 + "checkbox") is not None)

    def walk(element, parts: list[str] | None) -> None:
        for child in element:
            if child.tag == _W + "sdt" and is_answer_box(child):
                continue
            if child.tag == _W + "p":
                own: list[str] = []
                walk(child, own)
                text = " ".join("".join(own).replace("\u00a0", " ").split())
                style = child.find(f"{_W}pPr/{_W}pStyle")
                if text:
                    found.append((text, (style.get(_W + "val") or "").lower().startswith("heading")
                                  if style is not None else False))
            elif child.tag == _W + "t" and parts is not None:
                parts.append(child.text or "")
            elif child.tag == _W + "tab" and parts is not None and element.tag == _W + "r":
                parts.append(" ")
            else:
                walk(child, parts)

    walk(body, None)
    return found


def _apply_primary(word, colour: str) -> None:
    """Turn the template's default primary colour into ``colour`` wherever it is used."""
    value = colour.lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", value) or value == TEMPLATE_PRIMARY or contrast_with_white(value) < 4.5:
        return
    attributes = (qn("w:fill"), qn("w:color"))
    _own_styles(word)
    for root in _story_elements(word):
        for element in root.iter():
            names = (*attributes, qn("w:val")) if element.tag == qn("w:color") else attributes
            for name in names:
                if (element.get(name) or "").upper() == TEMPLATE_PRIMARY:
                    element.set(name, value)


def _story_elements(word, styles: bool = True) -> Iterator:
    """Yield the document, styles (unless ``styles`` is false), header and footer XML roots."""
    yield word.element
    if styles:
        yield word.styles.element
    for relationship in word.part.rels.values():
        if relationship.reltype in (RT.HEADER, RT.FOOTER) and not relationship.is_external:
            part = relationship.target_part
            if hasattr(part, "element"):
                yield part.element


def _describe_images(word, logo: Path, text: str) -> None:
    """Give the logo, wherever the template put it, its alternative text."""
    for root in _story_elements(word, styles=False):  # styles hold no pictures
        for drawing in root.iter(qn("wp:inline"), qn("wp:anchor")):
            pictures = list(drawing.iter(qn("pic:cNvPr")))
            if any(picture.get("name") == logo.name for picture in pictures):
                for element in [*drawing.iter(qn("wp:docPr")), *pictures]:
                    element.set("descr", text)


def contrast_with_white(colour: str) -> float:
    """Return the WCAG contrast ratio between ``colour`` (``1D3557``) and white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


# -- checking -------------------------------------------------------------------------------------


def check_template(template: Path, context: dict[str, Any], stage: str | None = None) -> list[str]:
    """Return every problem that stops ``template`` being filled from ``context``, each located.

    A problem is a placeholder ``context`` cannot fill or text that is not a valid placeholder;
    the message names the file and where: ``paragraph 14``, ``table 2, row 3``, ``header, ...``.
    Given the ``stage`` the template is for, a template that fills is also checked for every answer
    box of that stage's form (:func:`missing_answer_boxes`).
    """
    document = _open_template(template)
    values = {**context, "logo": ""}
    problems: list[str] = []
    for story, root in _template_stories(document):
        labelled, labels = _mark_locations(root)
        xml = document.patch_xml(document.xml_to_string(labelled))
        for label, message in _check_story(xml.replace("<!--packgen-at:", "\n<!--packgen-at:"), labels, values):
            problems.append(", ".join(part for part in (template.name, story, label) if part) + f": {message}")
    for key in _PROPERTIES:
        text = getattr(document.docx.core_properties, key) or ""
        where = f"{template.name}, document properties ({key})"
        try:
            problems += [f"{where}: {undefined_message(UndefinedError(m))}" for m in missing_names(text, values)]
        except TemplateSyntaxError as error:
            problems.append(f"{where}: {syntax_message(text, error)}")
    if stage and not problems:
        problems += missing_answer_boxes(template, context, stage)
    return problems


def missing_answer_boxes(template: Path, context: dict[str, Any], stage: str) -> list[str]:
    """Return a problem for each answer box missing from the ``stage`` form ``template`` makes:
    a box deleted, or one that has lost both its tag and its title, which no returned form could
    be read from. Each says what to put back."""
    word = Document(io.BytesIO(render_form(context, stage, template, None)))
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


def _template_stories(document: DocxTemplate) -> Iterator[tuple[str, Any]]:
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


def _mark_locations(root) -> tuple[Any, list[tuple[str, str]]]:
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
        labels.append((label, _template_text(element)))
    return root, labels


def _template_text(element) -> str:
    """Return the text of a paragraph or row, with any placeholders held in its attributes."""
    text = "".join(t.text or "" for t in element.iter(qn("w:t")))
    hidden = [value for node in element.iter() for value in node.attrib.values() if "{{" in value or "{%" in value]
    return " ".join([text, *hidden]).strip()


def _check_story(source: str, labels: list[tuple[str, str]], values: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (location, message) for each problem of one story's patched, marked template XML."""
    found: list[tuple[int | None, str]] = []
    here: list[int | None] = [None]

    class Locating(RecordingUndefined):
        """Remembers each missing name with the location being rendered when it was asked for."""

        def _remember(self) -> None:
            if self._undefined_exception is SecurityError:
                message = f"{self._undefined_message.rstrip('.')}; templates cannot reach Python's internals"
            else:
                message = undefined_message(UndefinedError(self._undefined_message))
            found.append((here[0], message))

    environment = _environment(undefined=Locating)
    try:
        compiled = environment.from_string(source)
    except TemplateSyntaxError as error:
        at, line = _syntax_error_place(environment, source, error)
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


def _syntax_error_place(environment: SandboxedEnvironment, source: str,
                        error: TemplateSyntaxError) -> tuple[int | None, str]:
    """Return the location number holding a syntax error (for a block never closed, where it
    opens) and the source line it is on."""
    lines = source.split("\n")
    line = error.lineno or 1
    if "end of template" in (error.message or ""):
        line = _unclosed_block_line(environment, source) or line
    markers = _MARKER.findall("\n".join(lines[:line]))
    return (int(markers[-1]) if markers else None), lines[min(line, len(lines)) - 1]


def _unclosed_block_line(environment: SandboxedEnvironment, source: str) -> int | None:
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

