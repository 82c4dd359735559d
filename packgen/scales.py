"""The answer scales of the survey questions: everything packgen knows about them, in one place.

A question is answered on one of two scales (its ``scale`` in the config):

- ``0-10``, the default: a whole number from 0 to 10, printed as numbers with a label at each end
  ("0 = not at all", "10 = completely"). The positive answers are the scores at or above the
  cut-off (the question's ``cutoff``, else ``evaluation.cutoff``).
- ``agree``, the five-point agreement scale of the Crime Survey for England and Wales and the
  Metropolitan Police's Public Attitude Survey: strongly agree, agree, neither agree nor disagree,
  disagree, strongly disagree. The positive answers are "strongly agree" and "agree": the share
  agreeing, whatever ``evaluation.cutoff`` says.

How the agreement scale is stored: as the whole numbers 1 to 5, 5 for "strongly agree" and 1 for
"strongly disagree". So ``results.json`` holds one kind of answer, the share agreeing is the share
"at or above" 4 like any cut-off, and the ordinal tests (Wilcoxon signed-rank, Mann–Whitney U,
which use only the order of the answers) stay right. The numbers are packgen's own: they are
never printed, and never read from a form or a sheet, where the labels are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ZERO_TO_TEN_KEY = "0-10"
AGREE_KEY = "agree"


def _fold(text: str) -> str:
    """Return ``text`` reduced for matching a label: case, spacing, apostrophes, punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


_OUT_OF_TEN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:/\s*10\s*)?(?:\s*[-–—:.)]\s*\D.*)?$", re.S)


@dataclass(frozen=True)
class Scale:
    """One answer scale: its values, how each is printed and read, and which are positive."""

    key: str
    """Its name in the config: ``0-10`` or ``agree``."""
    values: tuple[int, ...]
    """The stored values, in the order they are printed on the forms (left to right)."""
    labels: tuple[str, ...]
    """What each value is printed as on the forms and the capture sheets, in the same order."""
    fixed_cutoff: int | None
    """The lowest positive value when the scale fixes it; None when the config chooses."""
    reads_labels: bool
    """True when answers are written as labels (never as numbers)."""

    @property
    def ascending(self) -> tuple[int, ...]:
        """Return the values lowest first: the order of the distributions, tables and charts."""
        return tuple(sorted(self.values))

    def distribution(self, answers: list[int]) -> list[int]:
        """Return how many gave each value, lowest value first (eleven counts for 0–10)."""
        return [answers.count(value) for value in self.ascending]

    def label(self, value: int) -> str:
        """Return how ``value`` is printed: ``7``, or ``Strongly agree``."""
        return self.labels[self.values.index(value)]

    def cutoff(self, question_cutoff: int | None, default: int) -> int:
        """Return the lowest value that counts as a positive answer."""
        return self.fixed_cutoff or question_cutoff or default

    def positive(self, cutoff: int) -> list[int]:
        """Return the values that count as positive, in printed order."""
        return [v for v in self.values if v >= cutoff]

    def positive_words(self, cutoff: int) -> str:
        """Return the positive answers in words that cannot be read two ways, to follow "scored":
        ``8, 9 or 10 out of 10``, or ``strongly agree or agree``."""
        if not self.reads_labels:
            scores = [str(n) for n in range(cutoff, max(self.values) + 1)]
            if len(scores) == 1:
                return f"{scores[0]} out of 10"
            return f"{', '.join(scores[:-1])} or {scores[-1]} out of 10"
        words = [self.label(v).lower() for v in self.positive(cutoff)]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"

    @property
    def expected(self) -> str:
        """Return what an answer must be, in words, for a message: ``a score from 0 to 10``."""
        if not self.reads_labels:
            return f"a score from {min(self.values)} to {max(self.values)}"
        return "one of " + ", ".join(f"'{label}'" for label in self.labels)

    @property
    def each(self) -> str:
        """Return every answer in words, to follow "one tick box for": ``each score from 0 to 10``."""
        if not self.reads_labels:
            return f"each score from {min(self.values)} to {max(self.values)}"
        return "each answer (" + ", ".join(f"'{label}'" for label in self.labels) + ")"

    @property
    def name(self) -> str:
        """Return the scale's name in words: ``a score from 0 to 10``, ``the five-point agreement scale``."""
        return "the five-point agreement scale" if self.reads_labels else self.expected

    @property
    def spread(self) -> str:
        """Return the whole scale in words, to follow "gave": ``each score from 0 to 10``."""
        if not self.reads_labels:
            return self.each
        low, high = (self.label(v).lower() for v in (min(self.values), max(self.values)))
        return f"each answer from {low} to {high}"

    @property
    def noun(self) -> str:
        """Return what one answer is called in a table heading: ``Score`` or ``Answer``."""
        return "Answer" if self.reads_labels else "Score"

    @property
    def axis_label(self) -> str:
        """Return the chart's horizontal axis title."""
        return "Answer" if self.reads_labels else "Score out of 10"

    def tick_labels(self) -> list[str]:
        """Return the chart's tick labels, lowest value first (long labels over two or three lines,
        so neighbours never touch)."""
        if not self.reads_labels:
            return [self.label(v) for v in self.ascending]
        return [self.label(v).replace("Neither agree nor ", "Neither\nagree nor\n").replace("Strongly ", "Strongly\n")
                for v in self.ascending]

    def band_label(self, cutoff: int) -> str:
        """Return the words on the chart's shaded band of positive answers."""
        return "Agreeing" if self.reads_labels else f"Cut-off: {cutoff} or more"

    def box_title(self, number: int | str, question_id: str, value: int | str) -> str:
        """Return the title of the Word form's tick box for ``value`` of the ``number``th question:
        ``Question 1 (trust): 7 out of 10`` or ``Question 1 (confidence): Strongly agree``."""
        if self.reads_labels and isinstance(value, int):
            value = self.label(value)
        shown = value if self.reads_labels else f"{value} out of 10"
        return f"Question {number} ({question_id}): {shown}"

    def parse(self, value: object, labels: dict[str, int] | None = None) -> tuple[int | None, str | None]:
        """Return (value, None), (None, None) for no answer, or (None, why it cannot be used).

        0–10: a whole number (``8``, ``8.0``, ``"8"``), a number with its label (``"8 - Very
        likely"``), a number out of ten (``"7/10"``), or a label ``labels`` maps to a number.
        Agreement: a label, in any case and spacing (``Strongly agree``, ``strongly  AGREE``), or
        one of ``labels``; never a number. Blank is no answer; anything else is refused.
        """
        labels = labels or {}
        if value is None:
            return None, None
        if isinstance(value, bool):
            return None, f"expected {self.expected}, found true/false"
        if isinstance(value, (int, float)) and not self.reads_labels:
            return self._whole(float(value), repr(value))
        text = " ".join(str(value).split())
        if not text:
            return None, None
        key = _fold(text)
        for label, number in labels.items():
            if _fold(label) == key:
                return number, None
        if self.reads_labels:
            for number, label in zip(self.values, self.labels):
                if _fold(label) == key:
                    return number, None
        elif match := _OUT_OF_TEN.match(text):
            return self._whole(float(match.group(1)), f"'{text}'")
        shown = text if len(text) <= 40 else text[:37] + "..."
        return None, f"expected {self.expected}, found '{shown}'"

    def _whole(self, number: float, shown: str) -> tuple[int | None, str | None]:
        low, high = min(self.values), max(self.values)
        if not number.is_integer():
            return None, f"expected a whole score from {low} to {high}, found {shown}"
        if not low <= number <= high:
            return None, f"expected a score from {low} to {high}, found {shown}"
        return int(number), None


ZERO_TO_TEN = Scale(key=ZERO_TO_TEN_KEY, values=tuple(range(11)), labels=tuple(str(n) for n in range(11)),
                    fixed_cutoff=None, reads_labels=False)
AGREE = Scale(key=AGREE_KEY, values=(5, 4, 3, 2, 1),
              labels=("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"),
              fixed_cutoff=4, reads_labels=True)

SCALES: dict[str, Scale] = {scale.key: scale for scale in (ZERO_TO_TEN, AGREE)}
"""Every scale, by its name in the config."""

_TITLE = re.compile(r"^Question \d+ \(([a-z0-9_]+)\): (.+)$", re.S)


def of(question: object) -> Scale:
    """Return the scale of ``question`` (a config question, or anything with a ``scale``)."""
    return SCALES[getattr(question, "scale", ZERO_TO_TEN_KEY) or ZERO_TO_TEN_KEY]


def question_cutoff(question: object, default: int) -> int:
    """Return the lowest value that counts as a positive answer to the config ``question``."""
    return of(question).cutoff(getattr(question, "cutoff", None), default)


def box_key(title: str) -> str | None:
    """Return the tag (``trust=7``, ``confidence=5``) a tick box titled ``title`` stands for, or
    None when the title names no question's tick box."""
    match = _TITLE.match(title)
    if not match:
        return None
    shown = match.group(2)
    if score := re.fullmatch(r"(\d+) out of 10", shown):
        return f"{match.group(1)}={score.group(1)}"
    for number, label in zip(AGREE.values, AGREE.labels):
        if shown == label:
            return f"{match.group(1)}={number}"
    return None


def form_context(question: object, default_cutoff: int) -> dict[str, object]:
    """Return what the templates need of a question's scale: its name, its tick boxes (value,
    label, title), and the words of its positive answers."""
    scale = of(question)
    cutoff = question_cutoff(question, default_cutoff)
    return {
        "scale": list(scale.values),
        "scale_key": scale.key,
        "agree": scale.reads_labels,
        "options": [{"value": v, "label": scale.label(v)} for v in scale.values],
        "cutoff": cutoff,
        "cutoff_words": scale.positive_words(cutoff),
    }


def survey_sentence(keys: list[str]) -> str:
    """Return how the questions of a survey are answered, in one sentence."""
    if AGREE_KEY not in keys:
        return "Each question is scored from 0 to 10."
    if ZERO_TO_TEN_KEY not in keys:
        return "Each question asks how much people agree, from strongly disagree to strongly agree."
    return ("Each question is scored from 0 to 10, or asks how much people agree, from strongly"
            " disagree to strongly agree; for those, the share agreeing is those who answered"
            " strongly agree or agree.")


def answers_sentence(keys: list[str]) -> str:
    """Return how the questions on a form are answered, told to the people filling it in."""
    if AGREE_KEY not in keys:
        return "Each asks for a score from 0 to 10."
    if ZERO_TO_TEN_KEY not in keys:
        return "Each asks how much you agree, from strongly agree to strongly disagree."
    return "Some ask for a score from 0 to 10, others how much you agree."


def method_note(keys: list[str]) -> str:
    """Return what the evaluation report says about the agreement scale when a question uses it
    (nothing otherwise)."""
    if AGREE_KEY not in keys:
        return ""
    return ("Answers on the five-point scale from strongly disagree to strongly agree are ordered too:"
            " we report the share agreeing (strongly agree or agree) and the spread of answers, and"
            " the tests use only their order.")
