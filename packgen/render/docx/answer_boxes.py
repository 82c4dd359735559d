"""The answer boxes of a filled form: each content control numbered and tagged.

A repeated row copies its template's control ids, so every control is numbered again; a template
saved in LibreOffice has lost its controls' tags (``w:tag``) but kept their titles (``w:alias``),
so each box is tagged again from its title (:func:`packgen.wording.control_key`).
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from packgen.wording import control_key


def number_controls(body: Any) -> None:
    """Give every content control under ``body`` a unique id (repeated rows copy the template's ids)."""
    for number, properties in enumerate(body.iter(qn("w:sdtPr")), start=1000):
        control_id = properties.find(qn("w:id"))
        if control_id is not None:
            control_id.set(qn("w:val"), str(number))


def restore_tags(body: Any) -> None:
    """Tag every answer box that has lost its tag but not its title (a template saved by
    LibreOffice); a tick box whose title sits on a control around it takes that title too."""
    for properties in body.iter(qn("w:sdtPr")):
        tag = properties.find(qn("w:tag"))
        if (tag is not None and tag.get(qn("w:val"))) or (
                properties.find(qn("w:text")) is None and properties.find(qn("w14:checkbox")) is None):
            continue
        alias = properties.find(qn("w:alias"))
        title = alias.get(qn("w:val"), "") if alias is not None else enclosing_title(properties)
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


def enclosing_title(properties: Any) -> str:
    """Return the title of the nearest control around the control of ``properties``, or ""."""
    for ancestor in properties.getparent().iterancestors(qn("w:sdt")):
        alias = ancestor.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        if alias is not None:
            return alias.get(qn("w:val"), "")
    return ""
