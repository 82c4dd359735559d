"""Reading forms returned electronically: the generated .docx, filled in on screen.

Each answer on the form is a Word content control tagged with its field id (see
:mod:`packgen.wording`); a score is a tick box tagged ``<question id>=<score>`` and a sector a tick
box tagged ``sector=<sector>``. A control that has lost its tag (LibreOffice 7.4 drops every tag
when it saves) is known by its title (``w:alias``), a tick box with neither by the title of the
control LibreOffice puts around its cell or paragraph, and a box known by none of these by its
place among the boxes the form recorded it was printed with (its layout).

The form's stage and event are read from its custom document properties (``packgen form``,
``packgen event``): a form of the other stage or of another hub is reported and not counted. Text
typed in the body of the form, outside the answer boxes, is found by comparing the body with the
blank form packgen makes from its own template for that hub, and reported.

The XML is parsed with defusedxml (no DTDs, no entities) after the container passes
:func:`~packgen.results.tables.check_container`.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from packgen import scales
from packgen.errors import ResultsError
from packgen.model import Event
from packgen.results.dataset import Issue, Place, Response
from packgen.results.tables import check_container
from packgen.wording import (
    BLANK_FORM,
    CONSENT,
    EVENT_PROPERTY,
    FORM_PROPERTY,
    PERSONAL_CODE,
    SECTOR,
    TEXT_FIELDS,
    control_key,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
MAX_DOCUMENT_XML = 20_000_000
MAX_PROPERTIES_XML = 1_000_000
STAGE_WORDS = {"pre": "pre-event", "post": "post-event"}


@dataclass
class ReturnedForm:
    """What a returned .docx holds: its answers, its custom properties and its body's text."""

    controls: dict[str, str | bool]
    properties: dict[str, str]
    paragraphs: list[tuple[str, bool]]
    """The text of each body paragraph outside the answer boxes, and whether it is a heading."""
    blank: list[tuple[str, bool]] | None = None
    """The same, as the form was printed (its own record), or None when it carries none."""
    unread: int = 0
    """Answer boxes known neither by tag, title nor the form's recorded layout: not read."""


def read_controls(form: Path | bytes) -> dict[str, str | bool]:
    """Return every answer box of a .docx form: tag → typed text, or tag → ticked.

    Text controls still showing their placeholder read as ``""``; line breaks read as ``\\n``.
    When several controls share a tag, a box reads as ticked if any is, and texts are joined by a
    line break. Raises :class:`ResultsError` for a file that is not a safe, readable .docx.
    """
    return read_form(form).controls


def read_form(form: Path | bytes) -> ReturnedForm:
    """Return the answers, custom properties and body text of a .docx form.

    Raises :class:`ResultsError` for a file that is not a safe, readable .docx.
    """
    name = "the form" if isinstance(form, bytes) else str(form)
    if not isinstance(form, bytes):
        check_container(form)
    root, properties, record = _parts(form if isinstance(form, bytes) else form.read_bytes(), name)
    blank, layout = record if record is not None else (None, [])
    boxes = _by_layout(list(_answer_boxes(root)), layout)
    controls: dict[str, str | bool] = {}
    for key, sdt in boxes:
        if not key:
            continue
        sdt_properties = sdt.find(f"{W}sdtPr")
        checkbox = sdt_properties.find(f"{W14}checkbox")
        if checkbox is not None:
            checked = checkbox.find(f"{W14}checked")
            ticked = checked is not None and checked.get(f"{W14}val", "1").lower() in ("1", "true", "on")
            controls[key] = ticked or controls.get(key) is True
            continue
        content = sdt.find(f"{W}sdtContent")
        text = "" if sdt_properties.find(f"{W}showingPlcHdr") is not None or content is None else _text_of(content)
        earlier = controls.get(key)
        controls[key] = "\n".join(t for t in (earlier, text) if isinstance(t, str) and t) if earlier else text
    from packgen.render.docx import outside_text  # the renderer records the same text

    body = root.find(f"{W}body")
    return ReturnedForm(controls, properties, outside_text(body) if body is not None else [], blank,
                        unread=sum(1 for key, _ in boxes if not key))


def _by_layout(boxes: list[tuple[str | None, Any]], layout: list[tuple[str, str]]) -> list[tuple[str | None, Any]]:
    """Return ``boxes`` with each box known by nothing else given the tag its place had on the
    printed form, when the form still has the recorded boxes, of the same kinds, in order."""
    kinds = [_kind(sdt) for _, sdt in boxes]
    if all(key for key, _ in boxes) or kinds != [kind for kind, _ in layout]:
        return boxes
    return [(key or tag or None, sdt) for (key, sdt), (_, tag) in zip(boxes, layout)]


def _kind(sdt) -> str:
    return "tick" if sdt.find(f"{W}sdtPr/{W14}checkbox") is not None else "text"


def _answer_boxes(element, around: str = ""):
    """Yield (tag, control) for every answer box (text or tick box) under ``element``, known by its
    tag, else its title, else (a tick box) the title of the control around it; (None, control)
    for a box known by none of them."""
    for child in element:
        if child.tag != f"{W}sdt":
            yield from _answer_boxes(child, around)
            continue
        properties = child.find(f"{W}sdtPr")
        content = child.find(f"{W}sdtContent")
        title = _value(properties, f"{W}alias")
        if content is not None and content.find(f".//{W}sdt") is not None:  # a control around others
            yield from _answer_boxes(content, title or around)
            continue
        if properties is None or (properties.find(f"{W}text") is None
                                  and properties.find(f"{W14}checkbox") is None):
            continue
        is_checkbox = properties.find(f"{W14}checkbox") is not None
        key = _value(properties, f"{W}tag") or control_key(title) or (
            control_key(around) if is_checkbox and not title else None)
        yield key or None, child


def _value(properties, tag: str) -> str:
    element = properties.find(tag) if properties is not None else None
    return (element.get(f"{W}val") or "") if element is not None else ""


def _parts(data: bytes, name: str):
    """Return the parsed ``word/document.xml``, the custom document properties (name → text) and
    the form's record of its printed text (or None), parsed with no DTDs and no entities."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_XML:
                raise ResultsError(f"{name}: the document is too large to be a returned form")
            root = ElementTree.fromstring(archive.read(info), forbid_dtd=True)
            properties: dict[str, str] = {}
            if "docProps/custom.xml" in archive.namelist():
                custom = archive.getinfo("docProps/custom.xml")
                if custom.file_size <= MAX_PROPERTIES_XML:
                    for element in ElementTree.fromstring(archive.read(custom), forbid_dtd=True):
                        if element.tag == f"{CUSTOM}property" and element.get("name"):
                            properties[element.get("name")] = "".join(element.itertext()).strip()
            return root, properties, _blank_record(archive)
    except (zipfile.BadZipFile, KeyError):
        raise ResultsError(f"{name}: expected a Word (.docx) form, but it is not one") from None
    except (ParseError, DefusedXmlException) as error:
        raise ResultsError(f"{name}: the Word file is damaged or unsafe to read ({type(error).__name__})") from None


def _blank_record(archive: zipfile.ZipFile) -> tuple[list[tuple[str, bool]], list[tuple[str, str]]] | None:
    """Return the printed text and the answer boxes (kind, tag) a form recorded in its custom XML
    (see :data:`packgen.wording.BLANK_FORM`), or None when it has no record."""
    for info in archive.infolist():
        if re.fullmatch(r"customXml/item\d+\.xml", info.filename) and info.file_size <= MAX_PROPERTIES_XML:
            record = ElementTree.fromstring(archive.read(info), forbid_dtd=True)
            if record.tag == f"{{{BLANK_FORM}}}blank-form":
                return ([(" ".join((p.text or "").split()), p.get("heading") == "1")
                         for p in record if p.tag == f"{{{BLANK_FORM}}}p"],
                        [(box.get("kind", ""), box.get("tag", "")) for box in record if box.tag == f"{{{BLANK_FORM}}}box"])
    return None


def _text_of(content) -> str:
    """Return a control's text: runs joined, breaks and tabs kept, paragraphs on separate lines."""
    paragraphs: list[list[str]] = [[]]
    seen_paragraph = False
    for element in content.iter():
        if element.tag == f"{W}p":
            if seen_paragraph:
                paragraphs.append([])
            seen_paragraph = True
        elif element.tag == f"{W}t":
            paragraphs[-1].append(element.text or "")
        elif element.tag in (f"{W}br", f"{W}cr"):
            paragraphs[-1].append("\n")
        elif element.tag == f"{W}tab":
            paragraphs[-1].append("\t")
    return "\n".join("".join(parts) for parts in paragraphs).strip()


def read_returned_form(path: Path, event: Event, stage: str, issues: list[Issue]) -> Response | None:
    """Return the answers on one returned form, adding problems to ``issues``; None for a form
    that is not counted (not a form, the other stage's form, another hub's form)."""
    form = read_form(path)
    controls = form.controls
    place = Place(str(path))
    questions = [q for q in event.evaluation.questions if (q.pre if stage == "pre" else q.post)]
    if not _is_for(form, event, stage, place, issues):
        return None
    if form.unread:
        issues.append(Issue(place, f"{form.unread} answer box(es) have lost their tag and title, and the form no"
                                   " longer has the boxes it was printed with; those answers are not read",
                            "unread_box"))
    if PERSONAL_CODE not in controls and not any(f"{q.id}={scales.of(q).values[-1]}" in controls for q in questions):
        if form.unread:
            return None
        issues.append(Issue(place, f"holds none of the {stage}-event form's answer boxes; is it the right form?",
                            "not_a_form"))
        return None
    if not (form.properties.get(FORM_PROPERTY) and form.properties.get(EVENT_PROPERTY)):
        issues.append(Issue(place, f"does not say which hub and form it is (its document properties "
                                   f"'{FORM_PROPERTY}' and '{EVENT_PROPERTY}' are gone); read as a "
                                   f"{STAGE_WORDS[stage]} form of this hub", "unmarked_form"))
    issues += stray_text(form, event, stage, place)
    response = Response(stage=stage, code=str(controls.get(PERSONAL_CODE, "")).strip(), scores={},
                        source=place)
    for question in questions:
        ticked = [n for n in scales.of(question).values if controls.get(f"{question.id}={n}") is True]
        if f"{question.id}={scales.of(question).values[-1]}" not in controls:
            issues.append(Issue(place, f"has no boxes for the question '{question.id}'", "missing_question"))
        elif len(ticked) > 1:
            issues.append(Issue(Place(str(path), answer=question.id),
                                f"{len(ticked)} boxes are ticked ({', '.join(map(str, ticked))}); the answer is not used",
                                "bad_score"))
        elif ticked:
            response.scores[question.id] = ticked[0]
    sectors = [s for s in event.sectors if controls.get(f"{SECTOR}={s}") is True]
    response.sector = sectors[0] if len(sectors) == 1 else ""
    if len(sectors) > 1:
        issues.append(Issue(Place(str(path), answer=SECTOR), f"{len(sectors)} sectors are ticked; none is used",
                            "unknown_sector"))
    response.consent = controls.get(CONSENT) is True
    for field_id in TEXT_FIELDS:
        value = controls.get(field_id)
        if isinstance(value, str) and value:
            response.answers[field_id] = value
    return response


def _is_for(form: ReturnedForm, event: Event, stage: str, place: Place, issues: list[Issue]) -> bool:
    """Return whether the form says it is ``stage``'s form of ``event``; report it when not."""
    marked_stage = form.properties.get(FORM_PROPERTY, "")
    marked_event = form.properties.get(EVENT_PROPERTY, "")
    if marked_stage in STAGE_WORDS and marked_stage != stage:
        issues.append(Issue(place, f"is a {STAGE_WORDS[marked_stage]} form, given as a {STAGE_WORDS[stage]} "
                                   f"form; not counted (give it with --{marked_stage})", "wrong_form"))
        return False
    if marked_event and marked_event != event.key:
        issues.append(Issue(place, f"is a form of another hub ('{marked_event}'; this hub is '{event.key}'); "
                                   "not counted", "wrong_event"))
        return False
    return True


# -- text typed outside the answer boxes ----------------------------------------------------------

_BLANK_FORMS: dict[tuple[str, str], list[tuple[str, bool]]] = {}
"""The blank forms made so far, by (the event's whole JSON, stage): a pure function of the event and
packgen's own bundled template (part of the installed package, never a force's), so never stale;
emptied when it holds eight, so a long process never grows."""
_SHOWN = 60


def stray_text(form: ReturnedForm, event: Event, stage: str, place: Place) -> list[Issue]:
    """Return an issue for each place where the form's body holds text its blank form does not:
    words typed next to the answer boxes instead of in them, which no answer would count. The
    blank form is the form's own record of its printed text; for a form without one, the form
    packgen's own template makes for ``event``."""
    blank = form.blank if form.blank is not None else _blank_paragraphs(event, stage)
    found = form.paragraphs
    expected_texts = [text for text, _ in blank]
    matcher = difflib.SequenceMatcher(None, expected_texts, [text for text, _ in found], autojunk=False)
    questions = {f"{n}. {' '.join(q.split())}": n for n, q in enumerate(
        (q.pre if stage == "pre" else q.post for q in event.evaluation.questions if (q.pre if stage == "pre" else q.post)),
        start=1)}
    stray: dict[int, list[str]] = {}
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation in ("insert", "replace"):
            for offset, j in enumerate(range(j1, j2)):
                text = found[j][0]
                if operation == "replace" and i1 + offset < i2:
                    text = _added_words(expected_texts[i1 + offset], text)
                if text:
                    stray.setdefault(j, []).append(text)
    issues = []
    reported: dict[str, list[str]] = {}
    for j in sorted(stray):
        reported.setdefault(_under(found[:j], questions), []).extend(stray[j])
    for where, texts in reported.items():
        typed = " ".join(texts)
        shown = typed if len(typed) <= _SHOWN else typed[:_SHOWN - 3] + "..."
        issues.append(Issue(place, f"{where}: text typed outside the answer boxes: '{shown}'; not read "
                                   "(type answers inside the boxes)", "text_outside_boxes"))
    return issues


def _added_words(printed: str, found: str) -> str:
    """Return the words ``found`` adds to the printed paragraph ``printed``, or "" when it is not
    ``printed`` with words added (its wording was changed in the config since, say)."""
    words = printed.split()
    typed = found.split()
    added: list[str] = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, words, typed, autojunk=False).get_opcodes():
        if operation in ("delete", "replace"):
            return ""
        if operation == "insert":
            added += typed[j1:j2]
    return " ".join(added)


def _under(before: list[tuple[str, bool]], questions: dict[str, int]) -> str:
    """Return where text follows: under the last question or heading before it."""
    for text, heading in reversed(before):
        if text in questions:
            wording = re.sub(r"^\d+\. ", "", text)
            shown = wording if len(wording) <= 40 else wording[:37] + "..."
            return f"under question {questions[text]} ('{shown}')"
        if heading:
            return f"under '{text}'"
    return "at the top of the form"


def _blank_paragraphs(event: Event, stage: str) -> list[tuple[str, bool]]:
    """Return the body paragraphs of the blank ``stage`` form packgen's own template makes for
    ``event`` (made once per event and stage: :data:`_BLANK_FORMS`)."""
    key = (event.model_dump_json(), stage)
    if key not in _BLANK_FORMS:
        from packgen.context import build_context
        from packgen.render.docx import render_form  # heavy: only when forms are read
        from packgen.resources import template_path

        blank = render_form(build_context(event), stage, template_path(f"{stage}-event-form"), None)
        if len(_BLANK_FORMS) >= 8:
            _BLANK_FORMS.clear()
        _BLANK_FORMS[key] = read_form(blank).paragraphs
    return _BLANK_FORMS[key]
