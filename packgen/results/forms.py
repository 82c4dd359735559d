"""Reading forms returned electronically: the generated .docx, filled in on screen.

Each answer on the form is a Word content control tagged with its field id (see
:mod:`packgen.wording`); a score is a tick box tagged ``<question id>=<score>`` and a sector a tick
box tagged ``sector=<sector>``. The XML is parsed with defusedxml (no DTDs, no entities) after the
container passes :func:`~packgen.results.tables.check_container`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from packgen.errors import ResultsError
from packgen.model import Event
from packgen.results.dataset import Issue, Place, Response
from packgen.results.tables import check_container
from packgen.wording import CONSENT, PERSONAL_CODE, SECTOR, TEXT_FIELDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MAX_DOCUMENT_XML = 20_000_000


def read_controls(form: Path | bytes) -> dict[str, str | bool]:
    """Return every tagged content control of a .docx form: tag → typed text, or tag → ticked.

    Text controls still showing their placeholder read as ``""``; line breaks read as ``\\n``.
    When several controls share a tag, a box reads as ticked if any is, and texts are joined by a
    line break. Raises :class:`ResultsError` for a file that is not a safe, readable .docx.
    """
    name = "the form" if isinstance(form, bytes) else str(form)
    if not isinstance(form, bytes):
        check_container(form)
    root = _document_xml(form if isinstance(form, bytes) else form.read_bytes(), name)
    controls: dict[str, str | bool] = {}
    for sdt in root.iter(f"{W}sdt"):
        properties = sdt.find(f"{W}sdtPr")
        tag = properties.find(f"{W}tag") if properties is not None else None
        if tag is None or not tag.get(f"{W}val"):
            continue
        key = tag.get(f"{W}val")
        checkbox = properties.find(f"{W14}checkbox")
        if checkbox is not None:
            checked = checkbox.find(f"{W14}checked")
            ticked = checked is not None and checked.get(f"{W14}val", "1").lower() in ("1", "true", "on")
            controls[key] = ticked or controls.get(key) is True
            continue
        content = sdt.find(f"{W}sdtContent")
        text = "" if properties.find(f"{W}showingPlcHdr") is not None or content is None else _text_of(content)
        earlier = controls.get(key)
        controls[key] = "\n".join(t for t in (earlier, text) if isinstance(t, str) and t) if earlier else text
    return controls


def _document_xml(data: bytes, name: str):
    """Return the parsed ``word/document.xml``, parsed with no DTDs and no entities."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_XML:
                raise ResultsError(f"{name}: the document is too large to be a returned form")
            return ElementTree.fromstring(archive.read(info), forbid_dtd=True)
    except (zipfile.BadZipFile, KeyError):
        raise ResultsError(f"{name}: expected a Word (.docx) form, but it is not one") from None
    except (ParseError, DefusedXmlException) as error:
        raise ResultsError(f"{name}: the Word file is damaged or unsafe to read ({type(error).__name__})") from None


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
    """Return the answers on one returned form, adding problems to ``issues``."""
    controls = read_controls(path)
    place = Place(str(path))
    questions = [q for q in event.evaluation.questions if (q.pre if stage == "pre" else q.post)]
    if PERSONAL_CODE not in controls and not any(f"{q.id}=0" in controls for q in questions):
        issues.append(Issue(place, f"holds none of the {stage}-event form's answer boxes; is it the right form?",
                            "not_a_form"))
        return None
    response = Response(stage=stage, code=str(controls.get(PERSONAL_CODE, "")).strip(), scores={},
                        source=place)
    for question in questions:
        ticked = [n for n in range(11) if controls.get(f"{question.id}={n}") is True]
        if f"{question.id}=0" not in controls:
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
