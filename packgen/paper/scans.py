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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from packgen import scales
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


class Decisions(dict):
    """A reviewer's decisions by :attr:`ReviewItem.key`, and where each was typed (the review
    workbook's ``file``, ``sheet`` and row), so that a decision that cannot be used is reported
    where the person typed it."""

    def __init__(self, decisions: dict[str, str] | None = None, file: Path | None = None, sheet: str = "",
                 rows: dict[str, int] | None = None) -> None:
        super().__init__(decisions or {})
        self.file, self.sheet, self.rows = file, sheet, dict(rows or {})

    def place(self, key: str) -> Place | None:
        """Return the review workbook's row where the decision for ``key`` was typed, if known."""
        if self.file is None or key not in self.rows:
            return None
        return Place(str(self.file), sheet=self.sheet or None, row=self.rows[key])


def _typed_at(decisions: dict[str, str], key: str, fallback: Place) -> Place:
    place = decisions.place(key) if isinstance(decisions, Decisions) else None
    return place or fallback


@dataclass
class ScanResult:
    """What the scans gave."""

    responses: list[Response] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    question_scales: dict[str, str] = field(default_factory=dict)
    """Question id → answer scale, for checking review decisions (0–10 when absent)."""


@dataclass
class _Form:
    layout: FormLayout
    code: PageCode
    pages: dict[int, tuple[Place, omr.PageReading]] = field(default_factory=dict)


@dataclass
class _Typed:
    """A page a person identified in the review workbook, read as the page they typed."""

    typed: str
    key: str
    place: Place
    reading: omr.PageReading
    entry: list
    """The page's row of its file's page accounting (updated if the page is not used)."""
    summary: SourceSummary | None


def read_scans(paths: Iterable[Path], event_key: str, questions: dict[str, str],
               layouts: dict[str, FormLayout], decisions: dict[str, str] | None = None,
               progress: Callable[[ScanPage], None] | None = None, sectors: Iterable[str] | None = None,
               question_scales: dict[str, str] | None = None) -> ScanResult:
    """Return the forms, problems, page accounting and review items of the scans at ``paths``.

    ``questions`` maps each question id to the stages it is asked at (``"pre"``, ``"post"``,
    ``"pre post"``); ``layouts`` holds the layout of each stage's printed form; ``decisions`` are
    a reviewer's, by :attr:`ReviewItem.key` (a :class:`Decisions` says where each was typed);
    ``sectors`` are the names a sector decision may give (by default those printed on the forms);
    ``question_scales`` maps a question id to its answer scale (:mod:`packgen.scales`; 0–10 when not given),
    which says what a score decision may be.
    Pages are read one at a time, and ``progress`` is called with each as it is read.
    """
    decisions = decisions if decisions is not None else {}
    sectors = list(sectors) if sectors is not None else printed_sectors(layouts)
    result = ScanResult(question_scales=dict(question_scales or {}))
    forms: dict[tuple[str, int], _Form] = {}
    typed: list[_Typed] = []
    for path in paths:
        summary = SourceSummary(str(path), "scans", "")
        before = len(forms)
        for scan in iter_pages(path):
            if progress:
                progress(scan)
            status = _read_one(scan, event_key, layouts, forms, decisions, result, typed)
            summary.pages.append([str(scan.file), scan.number, status])
            if status == "identified in the review":
                typed[-1].entry, typed[-1].summary = summary.pages[-1], summary
        summary.forms = len(forms) - before
        result.sources.append(summary)
    for page in typed:
        _add_typed(page, forms, layouts, decisions, result)
    for summary in result.sources:
        stages = {status.split()[0] for _, _, status in summary.pages if status.startswith(("pre ", "post "))}
        summary.stage = "+".join(s for s in ("pre", "post") if s in stages) or "-"
    for form in forms.values():
        result.responses.append(_response(form, event_key, questions, decisions, sectors, result))
    return result


PROGRESS_EVERY = 50
""":func:`page_progress` says how far it has read every this many pages."""


def page_progress(say: Callable[[str], None], every: int = PROGRESS_EVERY) -> Callable[[ScanPage], None]:
    """Return a ``progress`` for :func:`read_scans` that says, through ``say``, how many pages of
    each file it has read, every ``every`` pages (a 2,000-page PDF takes minutes)."""

    def progress(page: ScanPage) -> None:
        if page.number and page.number % every == 0:
            say(f"  read {page.number} pages of {page.file}")

    return progress


def printed_sectors(layouts: dict[str, FormLayout]) -> list[str]:
    """Return the sectors printed on the forms (their boxes' names), in the order printed."""
    names = [box.value for layout in layouts.values() for page in layout.pages for box in page.boxes
             if box.field == "sector"]
    return list(dict.fromkeys(names))


def _read_one(scan: ScanPage, event_key: str, layouts: dict[str, FormLayout], forms: dict[tuple[str, int], _Form],
              decisions: dict[str, str], result: ScanResult, typed: list[_Typed]) -> str:
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
        return _review_page(scan, place, str(error), event_key, layouts, decisions, result, typed)
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


PAGE_IDENTITY = re.compile(r"(pre|post)(?:[- ]?event)?(?:\s+form)?\s*(?:no\.?|number)?\s*(\d+)"
                           r"(?:(?:\s*[,/]\s*|\s+)(?:page|p)?\.?\s*(\d+))?", re.IGNORECASE)
"""What a reviewer types to identify a page: ``pre 12 page 1`` (also ``Post-event form 3, page 2``,
``pre 12/1``; the page may be left out of a form of one page)."""

LEAVE_OUT = "leave out"


def _review_page(scan: ScanPage, place: Place, why: str, event_key: str, layouts: dict[str, FormLayout],
                 decisions: dict[str, str], result: ScanResult, typed: list[_Typed]) -> str:
    """Put a page that could not be identified in the review; when a person has typed which page
    it is, read it as that page (added to its form once every scan is read). Return its status."""
    from packgen.paper.omr import png

    key = f"page:{scan.file.name}:{scan.number}"
    decision = decisions.get(key, "").strip()
    result.review.append(ReviewItem(key, "", scan.number or 0, "the whole page", "page", why, place,
                                    png(_thumbnail(scan.image)), decision))
    if not decision:
        result.issues.append(Issue(place, f"{why}; the page is in the review workbook (type there which form and"
                                          " page it is, or scan it again)", "unidentified_page"))
        return "unknown"
    if decision.lower() in BLANK_ANSWERS or decision.lower() == LEAVE_OUT:
        return "unknown"  # the person says it is no page of a form: accounted for, not read
    code, problem = _identity(decision, event_key, layouts)
    if code is not None:
        layout_page = next(p for p in layouts[code.stage].pages if p.page == code.page)
        try:
            typed.append(_Typed(decision, key, place, omr.read_page_as(scan.image, code, layout_page), [], None))
            return "identified in the review"
        except omr.NotThisPage as error:
            problem = f"{error}; check the form and page typed"
    result.issues.append(Issue(_typed_at(decisions, key, place), f"'{decision}' typed for {place}: {problem}",
                               "bad_decision"))
    return "unknown"


def _identity(typed: str, event_key: str, layouts: dict[str, FormLayout]) -> tuple[PageCode | None, str]:
    """Return the page code a reviewer's typed identity names, or ``None`` and why it names none."""
    found = PAGE_IDENTITY.fullmatch(" ".join(typed.split()))
    if not found:
        return None, ("not a form and page: type 'pre' or 'post', the form number printed at the top of the page"
                      " and the page, e.g. 'pre 12 page 1' (or '-' to leave the page out)")
    stage, form, page = found.group(1).lower(), int(found.group(2)), found.group(3)
    layout = layouts.get(stage)
    if layout is None:
        return None, f"packgen has no {stage}-event layout to read it by"
    numbers = [p.page for p in layout.pages]
    if page is None and len(numbers) > 1:
        return None, f"say which page of the {stage}-event form it is, e.g. '{stage} {form} page 1'"
    page_number = int(page) if page is not None else numbers[0]
    if form < 1 or page_number not in numbers:
        pages = " and ".join(str(n) for n in numbers) if len(numbers) < 3 else f"1 to {numbers[-1]}"
        return None, (f"not a page of this event's forms (the {stage}-event form's numbers start at 1 and it has"
                      f" page{'s' if len(numbers) > 1 else ''} {pages})")
    return PageCode(event_key, stage, form, page_number, layout.digest), ""


def _add_typed(page: _Typed, forms: dict[tuple[str, int], _Form], layouts: dict[str, FormLayout],
               decisions: dict[str, str], result: ScanResult) -> None:
    """Add a page identified in the review to its form, unless that page of the form was read."""
    code = page.reading.code
    form = forms.get((code.stage, code.form))
    if form is not None and code.page in form.pages:
        result.issues.append(Issue(_typed_at(decisions, page.key, page.place),
                                   f"'{page.typed}' typed for {page.place}: {code.stage} form {code.form} page"
                                   f" {code.page} is already read ({form.pages[code.page][0]}); the page is not used",
                                   "bad_decision"))
        page.entry[2] = "unknown"
        return
    if form is None:
        form = forms[(code.stage, code.form)] = _Form(layouts[code.stage], code)
        page.summary.forms += 1
    form.pages[code.page] = (page.place, page.reading)
    page.entry[2] = f"{code.stage} form {code.form} page {code.page} (identified in the review)"


def _thumbnail(image):
    import cv2

    height, width = image.shape
    scale = min(1.0, 900 / max(height, width))
    return cv2.resize(image, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)


def _response(form: _Form, event_key: str, questions: dict[str, str], decisions: dict[str, str],
              sectors: list[str], result: ScanResult) -> Response:
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
                value = _decided(item, decisions, sectors, result)
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


def _decided(item: ReviewItem, decisions: dict[str, str], sectors: list[str], result: ScanResult):
    """Return the value a reviewer's decision gives (``None`` for "not answered"), or
    :data:`_UNDECIDED` with an issue when there is none or it cannot be used (never a guess)."""
    decision = " ".join(item.decision.split())
    if not decision:
        result.issues.append(Issue(item.source, f"{item.reading}; decide it in the review workbook", "doubtful_mark"))
        return _UNDECIDED
    if decision.lower() in BLANK_ANSWERS:
        return None
    value, expected = _value(item.kind, decision, sectors, result.question_scales.get(item.question))
    if value is not None:
        return value
    place = _typed_at(decisions, item.key, item.source)
    about = "" if place is item.source else f" for {item.form} page {item.page}, '{item.question}'"
    result.issues.append(Issue(place, f"the review decision '{item.decision.strip()}'{about} is not {expected};"
                                      " the answer is not counted until it is", "bad_decision"))
    return _UNDECIDED


def _value(kind: str, decision: str, sectors: list[str], scale: str | None = None) -> tuple[str | None, str]:
    """Return the value a decision of ``kind`` gives, or ``None`` and what was expected; a score's
    ``scale`` is the question's (:mod:`packgen.scales` key), 0–10 when None."""
    if kind == "score" and scale is not None and scales.SCALES[scale].reads_labels:
        value, _ = scales.SCALES[scale].parse(decision)
        if value is not None:
            return str(value), ""
        return None, f"{scales.SCALES[scale].expected} (or 'blank')"
    if kind == "score":
        if decision.isdigit() and 0 <= int(decision) <= 10:
            return str(int(decision)), ""
        return None, "a score from 0 to 10 (or 'blank')"
    if kind == "consent":
        if decision.lower() in ("yes", "no"):
            return decision.lower(), ""
        return None, "'yes' or 'no' (or 'blank')"
    if kind == "sector" and sectors:
        known = {_squeezed(name): name for name in sectors}
        if _squeezed(decision) in known:
            return known[_squeezed(decision)], ""
        names = [f"'{name}'" for name in sectors]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        return None, f"one of the sectors ({listed}) or 'blank'"
    return decision, ""


def _squeezed(text: str) -> str:
    """Return ``text`` without its spaces or case: "Young people", "young  People" and
    "youngpeople" are one sector."""
    return "".join(text.split()).casefold()


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
        response.consent = value == "yes"  # 'no' leaves consent not given


def _at(place: Place, field_id: str) -> Place:
    return Place(place.file, answer=field_id, page=place.page)
