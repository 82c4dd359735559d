"""Reading forms returned electronically: the generated .docx, filled in on screen.

Each answer on the form is a Word content control tagged with its field id (see
:mod:`packgen.wording`); a score is a tick box tagged ``<question id>=<score>`` and a sector a tick
box tagged ``sector=<sector>``. The XML is parsed with defusedxml (no DTDs, no entities) after the
container passes :func:`~packgen.results.tables.check_container`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import ElementTree

from packgen.errors import ResultsError
from packgen.model import Event
from packgen.results.dataset import Issue, Place, Response
from packgen.results.tables import check_container
from packgen.wording import CONSENT, PERSONAL_CODE, SECTOR, TEXT_FIELDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MAX_DOCUMENT_XML = 20_000_000


def read_controls(path: Path) -> dict[str, str | bool]:
    """Return every tagged content control of a .docx: tag → text, or tag → ticked for a box."""
    check_container(path)
    with zipfile.ZipFile(path) as container:
        try:
            info = container.getinfo("word/document.xml")
        except KeyError:
            raise ResultsError(f"{path}: the file is not a Word document") from None
        if info.file_size > MAX_DOCUMENT_XML:
            raise ResultsError(f"{path}: the document is too large to be a returned form")
        xml = container.read(info)
    try:
        root = ElementTree.fromstring(xml, forbid_dtd=True)
    except Exception as error:  # defusedxml's refusals and ParseError alike
        raise ResultsError(f"{path}: the document cannot be read safely ({type(error).__name__})") from None
    controls: dict[str, str | bool] = {}
    for sdt in root.iter(f"{W}sdt"):
        properties = sdt.find(f"{W}sdtPr")
        tag = properties.find(f"{W}tag") if properties is not None else None
        if tag is None or not tag.get(f"{W}val"):
            continue
        controls[tag.get(f"{W}val")] = _control_value(sdt, properties)
    return controls


def _control_value(sdt, properties) -> str | bool:
    checkbox = properties.find(f"{W14}checkbox")
    if checkbox is not None:
        checked = checkbox.find(f"{W14}checked")
        return checked is not None and checked.get(f"{W14}val", "0") in ("1", "true")
    if properties.find(f"{W}showingPlcHdr") is not None:
        return ""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return ""
    paragraphs = []
    for paragraph in content.iter(f"{W}p"):
        paragraphs.append("".join(
            node.text or "" if node.tag == f"{W}t" else "\n"
            for node in paragraph.iter() if node.tag in (f"{W}t", f"{W}br")))
    if not paragraphs:  # an inline control: runs without a paragraph of their own
        paragraphs = ["".join(t.text or "" for t in content.iter(f"{W}t"))]
    return "\n".join(paragraphs).strip()


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
