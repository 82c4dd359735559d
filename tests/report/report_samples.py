"""Known inputs for the report tests: a hand-built evaluation, a dataset with hostile text, and
readers for what a PDF holds (text, catalog, structure tree)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from packgen.evaluation import Attendance, Comparison, Evaluation, Money, Proportion, QuestionResult
from packgen.results.dataset import Action, Dataset, Note
from packgen.wording import WHOLE_ROOM

HOSTILE_NOTES = [
    '<img src="file:///etc/passwd">',
    "{{ 7*7 }} and {% if x %}",
    "See http://169.254.169.254/latest/meta-data",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "Fish & chips < 5 > 3",
]
RTL_NOTE = "قالت ليلى: نريد اجتماعات في المساء"


def proportion(count: int, n: int, low: float | None, high: float | None) -> Proportion:
    return Proportion(count=count, n=n, low=low, high=high)


def sample_evaluation() -> Evaluation:
    """Return an evaluation with known figures: a paired question, an unpaired one, a post-only
    one and one nobody answered."""
    trust = QuestionResult(
        id="trust", pre_wording="How much do you trust the police at the moment?",
        post_wording="How much do you trust the police now?", cutoff=8,
        pre=proportion(6, 25, 0.115, 0.4343), post=proportion(8, 24, 0.1797, 0.5329),
        pre_distribution=[0, 0, 1, 1, 4, 6, 4, 3, 3, 1, 2],
        post_distribution=[0, 0, 0, 1, 2, 3, 4, 6, 2, 3, 3],
        change_points=(8 / 24 - 6 / 25) * 100,
        cutoff_test=Comparison("mcnemar", True, 21, 0.5, cutoff=8, moved_up=2, moved_down=0, changed=2,
                               smallest_p=0.5),
        score_test=Comparison("wilcoxon", True, 21, 0.0123, statistic=20.0, changed=15, smallest_p=2 * 0.5 ** 15),
    )
    heard = QuestionResult(
        id="heard", pre_wording="Before today, how much chance have you had to share your views?",
        post_wording="Today, how much chance have you had to share your views?", cutoff=8,
        pre=proportion(14, 26, 0.3546, 0.7124), post=proportion(22, 24, 0.7415, 0.9768),
        pre_distribution=[0, 0, 2, 0, 0, 5, 1, 4, 1, 7, 6],
        post_distribution=[0, 0, 0, 0, 0, 1, 1, 0, 3, 9, 10],
        change_points=(22 / 24 - 14 / 26) * 100,
        cutoff_test=Comparison("fisher", False, 50, 0.0041, cutoff=8, before=26, after=24),
        score_test=Comparison("mann_whitney", False, 50, 0.0007, before=26, after=24),
    )
    recommend = QuestionResult(
        id="recommend", pre_wording=None,
        post_wording="How likely are you to recommend an event like this to people you know?", cutoff=8,
        pre=None, post=proportion(4, 23, 0.0698, 0.3702),
        post_distribution=[0, 0, 0, 0, 1, 1, 2, 15, 2, 1, 1],
    )
    join = QuestionResult(
        id="join", pre_wording="How likely are you to think about joining?",
        post_wording="How likely are you now to think about joining?", cutoff=8,
        pre=proportion(0, 0, None, None),
        post=proportion(0, 0, None, None), pre_distribution=[0] * 11, post_distribution=[0] * 11,
        cutoff_test=Comparison("fisher", False, 0, None, cutoff=8, before=0, after=0),
    )
    return Evaluation(
        questions=[trust, heard, recommend, join],
        attendance=Attendance(
            invited=30, attended=27,
            by_sector=[("Resident", 9, 8, 8, 7), ("Business", 3, 2, 3, 2), ("Health", 2, 1, 1, 1),
                       ("Charity or voluntary group", 16, 16, 14, 14)],
            pre_forms=26, post_forms=24, pairs=21),
        money=Money(budget=5000, estimate=4550, actual=4164.7,
                    lines=[("Venue hire", 0, 0), ("Food and drink", 1800, 1640.5), ("Vouchers", 2000, 1925),
                           ("Materials", 350, 312.8), ("Travel", 400, 286.4)],
                    attendees=27, cost_per_attendee=4164.7 / 27, from_workbook=True),
        issues={"bad_score": 2},
    )


def sample_dataset(event: dict | None = None) -> Dataset:
    """Return a dataset with notes in every session (some hostile) and actions of every status."""
    notes = [
        Note("Table 1", 1, "People do not know the panels exist."),
        Note("Table 2", 1, HOSTILE_NOTES[0]),
        Note("Table 3", 1, RTL_NOTE),
        Note("Table 1", 2, "Hold panel meetings in community venues."),
        Note("Table 2", 2, HOSTILE_NOTES[1]),
        Note("Table 3", 2, HOSTILE_NOTES[2]),
        Note("Table 1", 3, "Top three: community venues; a buddy scheme; a published update."),
        Note("Table 2", 3, HOSTILE_NOTES[3]),
        Note(WHOLE_ROOM, 3, "Tell others the panels exist."),
        Note(WHOLE_ROOM, 3, HOSTILE_NOTES[4]),
    ]
    actions = [
        Action("Meetings in police stations put people off.", "The panel now meets at the community centre.",
               "Neighbourhood inspector", "Done", "2022-04-05"),
        Action("Nobody knows the panels exist.", "Posters are going up in barbers and youth clubs.",
               "Engagement officer", "In progress", "2022-05-31"),
        Action("Stop using police stations altogether.", "The scrutiny panel must stay on police premises.",
               "BCU commander", "Not doing", "", progress="It reviews body-worn video."),
    ]
    return Dataset(event=event or {"title": "Trust and confidence Innovation Hub"}, questions=[],
                   notes=notes, actions=actions)


# -- Reading PDFs ---------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """Return the PDF's text, pages joined, with runs of white space made single spaces."""
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def catalog(data: bytes) -> DictionaryObject:
    return PdfReader(BytesIO(data)).trailer["/Root"].get_object()


def structure_elements(data: bytes) -> list[DictionaryObject]:
    """Return every element of the PDF's structure tree, depth first."""
    root = catalog(data)["/StructTreeRoot"].get_object()
    found: list[DictionaryObject] = []

    def walk(node) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject) and node.get("/Type") in (None, "/StructElem") and "/S" in node:
            found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(root["/K"])
    return found


def page_count(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)
