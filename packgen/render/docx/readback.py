"""What a form carries so that a copy returned on screen can be read back.

Its stage and its event's key, in two custom document properties (``packgen form`` and
``packgen event``), and the text of its body outside the answer boxes, as printed, with the tag and
kind of each box in order (its layout), in a custom XML part (namespace ``urn:packgen:blank-form``).
Word and LibreOffice keep both when they save. :mod:`packgen.results.forms` reads them.
"""

from __future__ import annotations

import uuid
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml.ns import qn
from lxml import etree

from packgen.render.ooxml.document import custom_properties_xml, replace_custom_properties, replace_custom_xml
from packgen.wording import BLANK_FORM, EVENT_PROPERTY, FORM_PROPERTY

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_P, _R, _T, _TAB, _SDT = (_W + name for name in ("p", "r", "t", "tab", "sdt"))
_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FORMAT = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id Office gives custom properties


def mark_form(word: Any, stage: str, event_key: str) -> None:
    """Set the form's custom document properties ``packgen form`` (its stage) and ``packgen event``
    (its event's key), keeping any others the template has."""
    root = etree.Element(f"{{{_CUSTOM_PROPERTIES}}}Properties", nsmap={None: _CUSTOM_PROPERTIES, "vt": _VT})
    for blob in custom_properties_xml(word):
        try:
            kept = list(etree.fromstring(blob, etree.XMLParser(resolve_entities=False)))
        except etree.XMLSyntaxError:  # unreadable: packgen's own two are written anyway
            kept = []
        for element in kept:
            if element.get("name") not in (FORM_PROPERTY, EVENT_PROPERTY):
                root.append(element)
    for name, value in ((FORM_PROPERTY, stage), (EVENT_PROPERTY, event_key)):
        element = etree.SubElement(root, f"{{{_CUSTOM_PROPERTIES}}}property", fmtid=_PROPERTY_FORMAT, name=name)
        etree.SubElement(element, f"{{{_VT}}}lpwstr").text = value
    for pid, element in enumerate(root, start=2):
        element.set("pid", str(pid))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    replace_custom_properties(word, blob, CT.OFC_CUSTOM_PROPERTIES)


def record_blank_text(word: Any) -> None:
    """Record the form's printed text outside the answer boxes, and the tag and kind of each answer
    box in order (its layout), in a custom XML part, replacing any record the template carried (a
    template made from a packed form)."""
    body = word.element.body
    root = etree.Element(f"{{{BLANK_FORM}}}blank-form", nsmap={None: BLANK_FORM})
    for text, heading in outside_text(body):
        paragraph = etree.SubElement(root, f"{{{BLANK_FORM}}}p", heading="1" if heading else "0")
        paragraph.text = text
    for properties in body.iter(qn("w:sdtPr")):  # the answer boxes, in order
        kind = "tick" if properties.find(qn("w14:checkbox")) is not None else (
            "text" if properties.find(qn("w:text")) is not None else "")
        if kind:
            tag = properties.find(qn("w:tag"))
            etree.SubElement(root, f"{{{BLANK_FORM}}}box", kind=kind,
                             tag=(tag.get(qn("w:val")) or "") if tag is not None else "")
    # Office gives each custom XML part a properties part naming it; the same id every time.
    properties = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem'
                  f' ds:itemID="{{{str(uuid.uuid5(uuid.NAMESPACE_URL, BLANK_FORM)).upper()}}}"'
                  ' xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                  '<ds:schemaRefs/></ds:datastoreItem>')
    replace_custom_xml(word, f'"{BLANK_FORM}"'.encode(), etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
                       properties.encode(), CT.OFC_CUSTOM_XML_PROPERTIES)


def outside_text(body: Any) -> list[tuple[str, bool]]:
    """Return (text, is a heading) for each paragraph under ``body`` that has text outside the
    answer boxes (text and tick-box controls), spaces collapsed. Works on lxml and ElementTree
    elements alike: the renderer records it, the results stage compares a returned form with it.

    A paragraph's text is its runs' text and tabs (a tab as a space), leaving out what lies in an
    answer box or in a paragraph nested inside it (a text box), which counts as a paragraph of its
    own and comes first. The elements are found with ``iter``, which both libraries run in C: a
    form has thousands of elements, and visiting each from Python cost a fifth of filling a form.
    """
    hidden = [element for sdt in body.iter(_SDT) if _is_answer_box(sdt) for tag in (_P, _R) for element in sdt.iter(tag)]
    hidden_ids = {id(element) for element in hidden}  # ``hidden`` keeps lxml's proxies, so no id is reused
    paragraphs = [paragraph for paragraph in body.iter(_P) if id(paragraph) not in hidden_ids]
    found: list[tuple[str, bool]] = []

    def add(start: int) -> int:
        """Add the paragraph at ``start`` after those nested in it; return the index after them."""
        paragraph = paragraphs[start]
        end = start + sum(1 for inner in paragraph.iter(_P) if id(inner) not in hidden_ids)
        nested = paragraphs[start + 1:end]
        position = start + 1
        while position < end:
            position = add(position)
        skipped = hidden_ids | {id(run) for inner in nested for run in inner.iter(_R)} if nested else hidden_ids
        runs = [run for run in paragraph.iter(_R) if id(run) not in skipped]
        parts = [(child.text or "") if child.tag == _T else " "
                 for run in runs for child in run if child.tag == _T or child.tag == _TAB]
        text = " ".join("".join(parts).replace("\u00a0", " ").split())
        if text:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            found.append((text, style is not None and (style.get(_W + "val") or "").lower().startswith("heading")))
        return end

    position = 0
    while position < len(paragraphs):
        position = add(position)
    return found


def _is_answer_box(sdt: Any) -> bool:
    properties = sdt.find(_W + "sdtPr")
    return properties is not None and (
        properties.find(_W + "text") is not None or properties.find(_W14 + "checkbox") is not None)
