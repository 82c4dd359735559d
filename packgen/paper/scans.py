"""Scanned paper forms into the results: forms, problems, pages accounted for, items to review.

Each page is identified by its QR code and read against the layout it was printed with
(:mod:`packgen.paper.omr`). Pages of one form (its stage and printed number) are put together; a
page scanned twice is used once. A form's answers that packgen cannot vouch for (doubtful marks)
and its handwriting (never read by machine) become :class:`ReviewItem`\\ s: a person decides or
types them in the review workbook (:mod:`packgen.paper.review`), and until then each is an
:class:`~packgen.results.dataset.Issue`, never a number counted.

Pre form *k* and post form *k* are handed to the same person, so they pair by the code
:func:`pair_code`, which no personal code written by hand can equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from packgen.errors import ResultsError
from packgen.model import Event
from packgen.paper import omr
from packgen.paper.layout import FormLayout, PageCode, layout_from_json
from packgen.paper.pages import ScanPage, iter_pages
from packgen.results.dataset import Issue, Place, Response, SourceSummary

BLANK_ANSWERS = {"", "-", "blank", "none", "not answered", "nothing", "n/a"}
"""What a reviewer may write for "nothing there"."""


def pair_code(event_key: str, form: int) -> str:
    """Return the code that pairs pre form ``form`` with post form ``form``.

    It carries the event's key and a colon, which personal codes (letters and digits written in
    a box on the form) never do, so the two kinds of code cannot collide.
    """
    return f"paper:{event_key}:{form}"


def scan_layouts(event: Event, files: Iterable[Path] = ()) -> dict[str, FormLayout]:
    """Return the layout of each stage's printed form: from the layout files given (those written
    beside the printed PDFs), else as the config prints it now.

    Raises :class:`ResultsError` for a layout file that cannot be used.
    """
    layouts: dict[str, FormLayout] = {}
    for file in files:
        try:
            layout = layout_from_json(Path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            raise ResultsError(f"{file}: not a layout file packgen wrote ({_reason(error)})") from None
        if layout.event != event.key:
            raise ResultsError(f"{file}: the layout is for the event '{layout.event}', not this config's"
                               f" '{event.key}'")
        layouts[layout.stage] = layout
    missing = [stage for stage in ("pre", "post") if stage not in layouts]
    if missing:
        try:
            from packgen.paper.printing import form_layout
        except ImportError:  # printing not installed with this build: only the layout files
            form_layout = None
        for stage in missing if form_layout else ():
            layouts[stage] = form_layout(event, stage)
    if not layouts:
        raise ResultsError("no form layout to read the scans by: give the layout files written beside the"
                           " printed forms with --layout")
    return layouts


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error) or type(error).__name__


@dataclass
class ReviewItem:
    """One thing a person must look at: a doubtful answer, a handwritten answer, a page."""

    key: str
    """Stable across runs: ``pre:17:1:trust``; for a page that could not be identified,
    ``page:<file name>:<page>``."""
    form: str
    """``pre 17`` (stage and printed number), or "" for an unidentified page."""
    page: int
    question: str
    kind: str
    """score, sector, consent, text or page."""
    reading: str
    """What packgen read: ``marks in boxes 3 and 7``, ``handwriting``."""
    source: Place
    picture: bytes
    """PNG."""
    decision: str = ""


@dataclass
class ScanResult:
    """What the scans gave."""

    responses: list[Response] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)


@dataclass
class _Form:
    layout: FormLayout
    code: PageCode
    pages: dict[int, tuple[Place, omr.PageReading]] = field(default_factory=dict)


def read_scans(paths: Iterable[Path], event_key: str, questions: dict[str, str],
               layouts: dict[str, FormLayout], decisions: dict[str, str] | None = None,
               progress: Callable[[ScanPage], None] | None = None) -> ScanResult:
    """Return the forms, problems, page accounting and review items of the scans at ``paths``.

    ``questions`` maps each question id to the stages it is asked at (``"pre"``, ``"post"``,
    ``"pre post"``); ``layouts`` holds the layout of each stage's printed form; ``decisions`` are
    a reviewer's, by :attr:`ReviewItem.key`.
    """
    decisions = decisions or {}
    result = ScanResult()
    forms: dict[tuple[str, int], _Form] = {}
    for path in paths:
        summary = SourceSummary(str(path), "scans", "")
        stages: set[str] = set()
        before = len(forms)
        for scan in iter_pages(path):
            if progress:
                progress(scan)
            status = _read_one(scan, event_key, layouts, forms, decisions, result)
            summary.pages.append([str(scan.file), scan.number, status])
            if status.startswith(("pre ", "post ")):
                stages.add(status.split()[0])
        summary.stage = "+".join(s for s in ("pre", "post") if s in stages) or "-"
        summary.forms = len(forms) - before
        result.sources.append(summary)
    for form in forms.values():
        result.responses.append(_response(form, event_key, questions, decisions, result))
    return result


def _read_one(scan: ScanPage, event_key: str, layouts: dict[str, FormLayout], forms: dict[tuple[str, int], _Form],
              decisions: dict[str, str], result: ScanResult) -> str:
    """Read one page into ``forms``; return what it was, for the page accounting."""
    place = Place(str(scan.file), page=scan.number)
    if scan.image is None:
        result.issues.append(Issue(place, scan.problem, "unreadable_scan"))
        return "unreadable"

    def layout_for(code: PageCode) -> FormLayout | None:
        layout = layouts.get(code.stage)
        return layout if layout and code.event == layout.event and code.digest == layout.digest else None

    if omr.is_blank(scan.image):
        return "blank"
    try:
        reading = omr.read_page(scan.image, layout_for)
    except omr.PageNotFound:
        result.issues.append(Issue(place, "not a page of a packgen form (no corner marks); not read", "unknown_page"))
        return "unknown"
    except omr.CodeNotRead as error:
        _review_page(scan, place, str(error), decisions, result)
        return "unknown"
    except omr.UnknownCode as error:
        result.issues.append(Issue(place, _unknown_code(error.code, event_key, layouts), "other_event"))
        return "other-event" if error.code.event != event_key else "unknown"
    code = reading.code
    form = forms.setdefault((code.stage, code.form), _Form(layouts[code.stage], code))
    if code.page in form.pages:
        first = form.pages[code.page][0]
        result.issues.append(Issue(place, f"{code.stage} form {code.form} page {code.page} was scanned twice"
                                          f" (also {first}); used once", "duplicate_page"))
        return "duplicate"
    form.pages[code.page] = (place, reading)
    return f"{code.stage} form {code.form} page {code.page}"


def _unknown_code(code: PageCode, event_key: str, layouts: dict[str, FormLayout]) -> str:
    if code.event != event_key:
        return f"a page of another event's forms ({code.event}, not {event_key}); not read"
    if code.stage not in layouts:
        return f"a {code.stage}-event page, but packgen has no {code.stage}-event layout; not read"
    return (f"printed from a different layout (its code says {code.digest}, this config's {code.stage}-event form"
            f" is {layouts[code.stage].digest}); give the layout it was printed with (--layout); not read")


def _review_page(scan: ScanPage, place: Place, why: str, decisions: dict[str, str], result: ScanResult) -> None:
    from packgen.paper.omr import png

    key = f"page:{scan.file.name}:{scan.number}"
    decision = decisions.get(key, "")
    result.review.append(ReviewItem(key, "", scan.number or 0, "the whole page", "page", why, place,
                                    png(_thumbnail(scan.image)), decision))
    if not decision:
        result.issues.append(Issue(place, f"{why}; the page is in the review workbook (type its answers in by"
                                          " hand or scan it again)", "unidentified_page"))


def _thumbnail(image):
    import cv2

    height, width = image.shape
    scale = min(1.0, 900 / max(height, width))
    return cv2.resize(image, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)


def _response(form: _Form, event_key: str, questions: dict[str, str], decisions: dict[str, str],
              result: ScanResult) -> Response:
    stage, number = form.code.stage, form.code.form
    first = min(form.pages)
    response = Response(stage=stage, code=pair_code(event_key, number), scores={}, source=form.pages[first][0])
    for page in form.layout.pages:
        if page.page not in form.pages:
            result.issues.append(Issue(form.pages[first][0], f"{stage} form {number} has no page {page.page} in"
                                                             " the scans; its answers are missing", "missing_page"))
    for page_number, (place, reading) in sorted(form.pages.items()):
        for field_id, answer in reading.answers.items():
            kind = "score" if field_id in questions else field_id
            value = answer.value
            if answer.doubtful:
                key = f"{stage}:{number}:{page_number}:{field_id}"
                item = ReviewItem(key, f"{stage} {number}", page_number, field_id, kind, answer.doubt,
                                  _at(place, field_id), reading.crops[field_id], decisions.get(key, ""))
                result.review.append(item)
                value = _decided(item, result)
                if value is _UNDECIDED:
                    continue
            _set(response, kind, field_id, value, questions, _at(place, field_id), result)
        for field_id, picture in reading.writing.items():
            key = f"{stage}:{number}:{page_number}:{field_id}"
            item = ReviewItem(key, f"{stage} {number}", page_number, field_id, "text", "handwriting",
                              _at(place, field_id), picture, decisions.get(key, ""))
            result.review.append(item)
            if not item.decision.strip():
                result.issues.append(Issue(item.source, "handwriting not yet typed in the review workbook",
                                           "untranscribed"))
            elif item.decision.strip().lower() not in BLANK_ANSWERS:
                response.answers[field_id] = item.decision.strip()
    return response


_UNDECIDED = object()


def _decided(item: ReviewItem, result: ScanResult):
    """Return the value a reviewer's decision gives (``None`` for "not answered"), or
    :data:`_UNDECIDED` with an issue when there is none or it cannot be used."""
    decision = item.decision.strip()
    if not decision:
        result.issues.append(Issue(item.source, f"{item.reading}; decide it in the review workbook", "doubtful_mark"))
        return _UNDECIDED
    if decision.lower() in BLANK_ANSWERS:
        return None
    if item.kind == "score" and not (decision.isdigit() and 0 <= int(decision) <= 10):
        result.issues.append(Issue(item.source, f"the review decision '{decision}' is not a score from 0 to 10"
                                                " (or 'blank')", "bad_decision"))
        return _UNDECIDED
    if item.kind == "consent":
        if decision.lower() not in ("yes", "no"):
            result.issues.append(Issue(item.source, f"the review decision '{decision}' is not 'yes' or 'no'",
                                       "bad_decision"))
            return _UNDECIDED
        return "yes" if decision.lower() == "yes" else None
    return str(int(decision)) if item.kind == "score" else decision


def _set(response: Response, kind: str, field_id: str, value: str | None, questions: dict[str, str],
         place: Place, result: ScanResult) -> None:
    if value is None:
        return
    if kind == "score":
        if response.stage not in questions[field_id].split():
            result.issues.append(Issue(place, f"the question '{field_id}' is not asked on the {response.stage}-event"
                                              " form; ignored", "unknown_column"))
            return
        response.scores[field_id] = int(value)
    elif kind == "sector":
        response.sector = value
    elif kind == "consent":
        response.consent = value == "yes"


def _at(place: Place, field_id: str) -> Place:
    return Place(place.file, answer=field_id, page=place.page)
