"""What the tests of the Word forms (packgen.render.docx) share: rendering and reading a form."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from packgen.render.docx import render_form
from packgen.resources import example_folder, template_path
from packgen.store import TemplateStore

LOGO = example_folder() / "logo.png"
CANNOT_FILL = "packgen cannot fill it (see 'Template names' in the README)"
W14_CHECKBOX = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"
TEXT_FIELDS = {
    "pre": {"personal_code", "hopes", "comments", "contact_details"},
    "post": {"personal_code", "takeaway_1", "takeaway_2", "takeaway_3", "next_steps", "comments",
             "contact_details"},
}


def render_bytes(context: dict, stage: str = "pre", template: Path | None = None, logo: Path | None = LOGO,
                 store: TemplateStore | None = None) -> bytes:
    return render_form(context, stage, template or template_path(f"{stage}-event-form"), logo, store)


def render(context: dict, stage: str = "pre", logo: Path | None = LOGO):
    """Return the rendered form, opened with python-docx."""
    return Document(BytesIO(render_bytes(context, stage, logo=logo)))


def paragraph_texts(root) -> list[str]:
    """Return the text of every paragraph under ``root`` (tables and content controls included),
    with line breaks as ``\\n`` and tabs as ``\\t``."""
    texts = []
    for paragraph in root.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            if node.getparent().tag != qn("w:r"):  # a tab stop in the paragraph's properties
                continue
            parts.append(node.text or "" if node.tag == qn("w:t") else "\n" if node.tag == qn("w:br") else "\t")
        texts.append("".join(parts))
    return texts


def body_texts(document) -> list[str]:
    return paragraph_texts(document.element.body)


def controls(document) -> list[tuple[str, str]]:
    """Return (tag, kind) for every content control in the body, in order."""
    found = []
    for properties in document.element.body.iter(qn("w:sdtPr")):
        tag = properties.find(qn("w:tag")).get(qn("w:val"))
        if properties.find(W14_CHECKBOX) is not None:
            kind = "checkbox"
        elif properties.find(qn("w:text")) is not None:
            kind = "text"
        else:
            kind = "other"
        found.append((tag, kind))
    return found


def docx_with(tmp_path: Path, name: str, paragraphs: list[str], cell: str | None = None,
              header: str | None = None) -> Path:
    """Write a small template: ``paragraphs``, a 3x2 table with ``cell`` at row 3, a header."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell is not None:
        document.add_table(rows=3, cols=2).cell(2, 1).text = cell
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    path = tmp_path / name
    document.save(path)
    return path


def stage_questions(context: dict, stage: str) -> list[dict]:
    return context[f"{stage}_questions"]
