"""What packgen does to Word files that python-docx and docxtpl have no public API for.

Each function names the library's own behaviour it relies on, and ``tests/render/ooxml/
test_document.py`` pins that behaviour, so a release that changes it fails a test here rather than
a form later. Nothing else in packgen reads a private attribute of a python-docx or docxtpl object.
"""

from __future__ import annotations

import copy
import re
from io import BytesIO
from functools import lru_cache
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docxtpl import DocxTemplate
from lxml import etree

from packgen.render.ooxml.zip_entries import RawEntry, raw_entries, zip_of

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", flags=re.DOTALL)  # as docxtpl finds them
_LISTING = re.compile("[\t\a\n\f]")


class FormTemplate(DocxTemplate):
    """docxtpl's template, with its XML clean-up done once per template text, not per render.

    docxtpl has no option for either: it cleans the template's XML (:meth:`DocxTemplate.patch_xml`)
    and turns tabs and line breaks into Word's own (:meth:`DocxTemplate.resolve_listing`) on every
    render, and documents neither method, so packgen overrides both (pinned: docxtpl still calls
    them, and they still give docxtpl's own result).
    """

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's resolve_listing, paragraph by paragraph, run only where there is a tab, line
        break, new paragraph or page break to turn into Word's own (most paragraphs have none)."""
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(
            lambda match: resolve(match.group(0)) if _LISTING.search(match.group(0)) else match.group(0), xml
        )


@lru_cache(maxsize=16)  # a pure function of the text it is given: it can never serve a stale value
def _patched_xml(src_xml: str) -> str:
    return DocxTemplate.patch_xml(_BARE_TEMPLATE, src_xml)


_BARE_TEMPLATE = DocxTemplate("")
"""A template with no file, for docxtpl's clean-up, which reads nothing of its template."""


def template_of(word: Document) -> FormTemplate:
    """Return a docxtpl template that fills ``word``, a document python-docx has parsed already.

    docxtpl's public constructor takes only a file and parses it again for every render; it keeps
    the parsed document in its ``docx`` attribute and parses the file only while that is unset
    (``init_docx``), so setting it fills a parsed copy without reading the file.
    """
    template = FormTemplate("")
    template.docx = word
    return template


def jinja_source(element: Any) -> str:
    """Return the Jinja source docxtpl makes of ``element`` (a body or a header's XML) before
    rendering it: placeholders split across runs joined, ``{%p %}`` and the like resolved.

    docxtpl makes it inside :meth:`DocxTemplate.render` and offers no public way to get it; a
    template check needs it to say which paragraph a placeholder is in.
    """
    return _BARE_TEMPLATE.patch_xml(_BARE_TEMPLATE.xml_to_string(element))


def copy_document(word: Document) -> Document:
    """Return a copy of ``word`` to fill and change, sharing its styles part's XML with ``word``
    until :func:`own_styles` gives it its own.

    python-docx has no copy of a document but a deep copy of its objects, which copies every part
    (copying the parsed parts takes a third of the time parsing them does); the styles, often most
    of a template, are left out of the copy by their XML's identity.
    """
    shared = {id(part.element): part.element for part in styles_parts(word)}
    return copy.deepcopy(word, shared)


def own_styles(word: Document) -> None:
    """Give a copy made by :func:`copy_document` its own styles before they are changed.

    python-docx has no public way to replace a part's XML: the styles part keeps it in
    ``_element``, which its ``element`` property and ``Document.styles`` read.
    """
    for part in styles_parts(word):
        part._element = copy.deepcopy(part._element)


def styles_parts(word: Document) -> list[Any]:
    """Return the document's styles part (none when it has none)."""
    return [relationship.target_part for relationship in word.part.rels.values()
            if relationship.reltype == RT.STYLES and not relationship.is_external]


def replace_custom_properties(word: Document, xml: bytes, content_type: str) -> None:
    """Make ``xml`` the document's custom properties part (``/docProps/custom.xml``), dropping any
    it had.

    python-docx reads and writes the core properties only; it has no API for custom properties,
    so the package's relationship to the part is replaced by hand.
    """
    package = word.part.package
    for rId, relationship in list(package.rels.items()):
        if relationship.reltype == RT.CUSTOM_PROPERTIES and not relationship.is_external:
            del package.rels[rId]
    package.relate_to(Part(PackURI("/docProps/custom.xml"), content_type, xml, package), RT.CUSTOM_PROPERTIES)


def custom_properties_xml(word: Document) -> list[bytes]:
    """Return the XML of the document's custom properties part (none when it has none)."""
    return [relationship.target_part.blob for relationship in word.part.package.rels.values()
            if relationship.reltype == RT.CUSTOM_PROPERTIES and not relationship.is_external]


def replace_custom_xml(word: Document, marker: bytes, xml: bytes, properties: bytes, content_type: str) -> None:
    """Add ``xml`` to the document as a custom XML part (``/customXml/itemN.xml``) with the
    ``properties`` part Office gives each, dropping any custom XML part whose first 300 bytes hold
    ``marker`` (an earlier copy of the same record).

    python-docx has no API for custom XML parts; they are related to the document part by hand.
    """
    for rId, relationship in list(word.part.rels.items()):
        if relationship.reltype == RT.CUSTOM_XML and not relationship.is_external \
                and marker in relationship.target_part.blob[:300]:
            del word.part.rels[rId]
    package = word.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), "application/xml", xml, package)
    word.part.relate_to(item, RT.CUSTOM_XML)
    item.relate_to(Part(package.next_partname("/customXml/itemProps%d.xml"), content_type, properties, package),
                   RT.CUSTOM_XML_PROPS)


def saved_document(word: Document, template: Document, entries: dict[str, RawEntry] | None) -> bytes:
    """Return ``word`` saved as .docx bytes, each part it still shares with ``template`` (the
    parsed template it was copied from, whose file's zip ``entries`` are given) copied from that
    file as it is, compressed (see :mod:`packgen.render.ooxml.zip_entries`).

    A part is shared when it holds the very object the template's part of the same name holds: the
    styles' XML (:func:`copy_document` shares it until :func:`own_styles`), a picture or other part
    python-docx keeps as bytes. python-docx serializes and compresses every part when it saves and
    has no public way to leave one out, so for the save each shared part holds an empty stand-in,
    in the attribute its ``blob`` reads (``XmlPart._element``, ``Part._blob``), and gets its own
    back afterwards; the stand-ins' entries are then replaced by the template's.
    """
    originals = {str(part.partname): part for part in template.part.package.iter_parts()}
    shared: list[tuple[Any, str, Any]] = []
    for part in word.part.package.iter_parts():
        original = originals.get(str(part.partname))
        if entries is None or original is None or str(part.partname).lstrip("/") not in entries:
            continue
        if isinstance(part, XmlPart) and isinstance(original, XmlPart) and part._element is original._element:
            shared.append((part, "_element", etree.Element("shared")))
        elif type(part) is Part and type(original) is Part and part._blob is original._blob:
            shared.append((part, "_blob", b""))
    kept = [(part, name, getattr(part, name)) for part, name, _ in shared]
    buffer = BytesIO()
    try:
        for part, name, stand_in in shared:
            setattr(part, name, stand_in)
        word.save(buffer)
    finally:
        for part, name, value in kept:
            setattr(part, name, value)
    if not shared:
        return buffer.getvalue()
    written = raw_entries(buffer.getvalue())
    if written is None:  # python-docx wrote what this module cannot copy: save in full
        buffer = BytesIO()
        word.save(buffer)
        return buffer.getvalue()
    names = {str(part.partname).lstrip("/") for part, _, _ in shared}
    return zip_of([entries[name] if name in names else entry for name, entry in written.items()])
