"""What packgen relies on python-docx and docxtpl doing beyond their public API
(packgen.render.ooxml.document): each test fails when a release changes it."""

from __future__ import annotations

import zipfile
from io import BytesIO

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from packgen.render.ooxml.zip_entries import raw_entries
from packgen.render.ooxml.document import (
    FormTemplate,
    copy_document,
    custom_properties_xml,
    jinja_source,
    own_styles,
    replace_custom_properties,
    replace_custom_xml,
    saved_document,
    styles_parts,
    template_of,
)

SPLIT_PLACEHOLDER = ('<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     '<w:p><w:r><w:t>{{ ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>tle }}</w:t></w:r></w:p>'
                     '</w:body>')


def texts(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(BytesIO(data)).paragraphs]


def saved(template: DocxTemplate) -> bytes:
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def one_paragraph(text: str):
    word = Document()
    word.add_paragraph(text)
    return word


def test_a_template_given_a_parsed_document_fills_it_without_reading_a_file():
    template = template_of(one_paragraph("Hello {{ name }}"))  # its file is "": never opened

    template.render({"name": "Sam"})

    assert texts(saved(template)) == ["Hello Sam"]


def test_docxtpl_calls_the_form_templates_clean_up_and_listing_while_rendering():
    calls = []

    class Counting(FormTemplate):
        def patch_xml(self, src_xml):
            calls.append("patch_xml")
            return super().patch_xml(src_xml)

        def resolve_listing(self, xml):
            calls.append("resolve_listing")
            return super().resolve_listing(xml)

    template = Counting("")
    template.docx = one_paragraph("{{ a }}")
    template.render({"a": "one\ttwo\nthree"})

    assert calls[:2] == ["patch_xml", "resolve_listing"]
    body = template.docx.element.body
    assert len(list(body.iter(qn("w:tab")))) == 1 and len(list(body.iter(qn("w:br")))) == 1


def test_the_form_templates_clean_up_and_listing_give_docxtpls_own_result():
    own, ours = DocxTemplate(""), FormTemplate("")
    rendered = ('<w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t>a\tb\nc</w:t></w:r></w:p>'
                '<w:p><w:r><w:t>plain</w:t></w:r></w:p></w:body>')

    assert ours.patch_xml(SPLIT_PLACEHOLDER) == own.patch_xml(SPLIT_PLACEHOLDER)
    assert ours.resolve_listing(rendered) == own.resolve_listing(rendered)


def test_jinja_source_joins_a_placeholder_split_across_runs():
    from docx.oxml import parse_xml

    assert "{{ title }}" in jinja_source(parse_xml(SPLIT_PLACEHOLDER))


def test_a_copy_shares_the_styles_until_it_owns_them_and_leaves_the_original_alone():
    original = one_paragraph("Hello")
    copied = copy_document(original)

    assert styles_parts(copied)[0].element is styles_parts(original)[0].element
    assert copied.element is not original.element
    copied.add_paragraph("Only in the copy")
    own_styles(copied)
    copied.styles["Normal"].font.name = "Arial"

    assert styles_parts(copied)[0].element is not styles_parts(original)[0].element
    assert copied.styles["Normal"].font.name == "Arial" and original.styles["Normal"].font.name is None
    assert [p.text for p in original.paragraphs] == ["Hello"]
    assert [p.text for p in copied.paragraphs] == ["Hello", "Only in the copy"]


def test_custom_properties_replaced_are_saved_once_under_docprops():
    word = one_paragraph("Hello")
    first, second = b"<Properties>1</Properties>", b"<Properties>2</Properties>"

    replace_custom_properties(word, first, CT.OFC_CUSTOM_PROPERTIES)
    replace_custom_properties(word, second, CT.OFC_CUSTOM_PROPERTIES)
    buffer = BytesIO()
    word.save(buffer)

    assert custom_properties_xml(word) == [second]
    with zipfile.ZipFile(buffer) as archive:
        assert archive.read("docProps/custom.xml") == second
        assert b'PartName="/docProps/custom.xml"' in archive.read("[Content_Types].xml")
        assert b"docProps/custom.xml" in archive.read("_rels/.rels")


def test_a_custom_xml_record_replaces_the_one_with_the_same_marker():
    word = one_paragraph("Hello")
    replace_custom_xml(word, b"urn:one", b"<r xmlns='urn:one'>1</r>", b"<props/>", CT.OFC_CUSTOM_XML_PROPERTIES)
    replace_custom_xml(word, b"urn:one", b"<r xmlns='urn:one'>2</r>", b"<props/>", CT.OFC_CUSTOM_XML_PROPERTIES)
    buffer = BytesIO()
    word.save(buffer)

    with zipfile.ZipFile(buffer) as archive:
        records = [archive.read(name) for name in archive.namelist()
                   if name.startswith("customXml/item") and b"urn:one" in archive.read(name)]
        assert records == [b"<r xmlns='urn:one'>2</r>"]  # python-docx's own template has an item1 too


def template_file(word) -> bytes:
    """A template's file, compressed by another program than the one saving the copy: each of its
    entries stored uncompressed, so a part copied from it is told apart from one saved afresh."""
    buffer = BytesIO()
    word.save(buffer)
    stored = BytesIO()
    with zipfile.ZipFile(BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for name in source.namelist():
            out.writestr(name, source.read(name))
    return stored.getvalue()


def parsed(data: bytes):
    return Document(BytesIO(data))


def test_a_part_the_copy_shares_with_its_template_is_copied_from_the_template_file_as_it_is():
    data = template_file(one_paragraph("Hello"))
    template = parsed(data)
    word = copy_document(template)
    word.add_paragraph("Only in the copy")

    written = saved_document(word, template, raw_entries(data))

    with zipfile.ZipFile(BytesIO(written)) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.testzip() is None
        assert archive.read("word/styles.xml") == zipfile.ZipFile(BytesIO(data)).read("word/styles.xml")
        assert archive.read("docProps/thumbnail.jpeg") == zipfile.ZipFile(BytesIO(data)).read("docProps/thumbnail.jpeg")
    assert kinds["word/styles.xml"] == kinds["docProps/thumbnail.jpeg"] == zipfile.ZIP_STORED  # as the template had them
    assert kinds["word/document.xml"] == zipfile.ZIP_DEFLATED  # saved afresh: python-docx compresses
    assert texts(written) == ["Hello", "Only in the copy"]
    assert styles_parts(word)[0].element is styles_parts(template)[0].element  # its own part back after saving
    assert saved_document(word, template, raw_entries(data)) == written


def test_a_part_the_copy_changed_is_saved_from_the_copy():
    data = template_file(one_paragraph("Hello"))
    template = parsed(data)
    word = copy_document(template)
    own_styles(word)
    word.styles["Normal"].font.name = "Arial"

    written = saved_document(word, template, raw_entries(data))

    with zipfile.ZipFile(BytesIO(written)) as archive:
        assert archive.getinfo("word/styles.xml").compress_type == zipfile.ZIP_DEFLATED
    assert Document(BytesIO(written)).styles["Normal"].font.name == "Arial"
    assert parsed(data).styles["Normal"].font.name is None


def test_a_template_file_whose_entries_cannot_be_copied_is_saved_in_full():
    template = one_paragraph("Hello")
    word = copy_document(template)

    written = saved_document(word, template, None)

    with zipfile.ZipFile(BytesIO(written)) as archive:
        assert archive.getinfo("word/styles.xml").compress_type == zipfile.ZIP_DEFLATED
    assert texts(written) == ["Hello"]


def test_python_docx_saves_what_a_parts_element_and_blob_hold():
    """saved_document stands in for shared parts through ``XmlPart._element`` and ``Part._blob``."""
    from lxml import etree

    word = one_paragraph("Hello")
    styles = styles_parts(word)[0]
    thumbnail = next(part for part in word.part.package.iter_parts() if str(part.partname).endswith(".jpeg"))
    styles._element, thumbnail._blob = etree.Element("stand-in"), b"picture"
    buffer = BytesIO()
    word.save(buffer)

    with zipfile.ZipFile(buffer) as archive:
        assert archive.read("word/styles.xml").endswith(b"<stand-in/>")
        assert archive.read("docProps/thumbnail.jpeg") == b"picture"
