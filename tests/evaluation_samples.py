"""Known datasets for the evaluation tests and the tests of its words: matched and unmatched forms."""

from __future__ import annotations

from packgen.results.dataset import Dataset, Response


def paired(scores: list[tuple[int, int]], question: str = "trust") -> Dataset:
    """Return a dataset of matched forms, one (before, after) score pair per person."""
    pre = [Response("pre", f"P{i}", {question: before}) for i, (before, _) in enumerate(scores)]
    post = [Response("post", f"p{i} ", {question: after}) for i, (_, after) in enumerate(scores)]
    return Dataset(event={}, questions=[], pre=pre, post=post)


def unpaired(before: list[int], after: list[int], question: str = "trust") -> Dataset:
    """Return a dataset whose before and after forms carry codes that never match."""
    pre = [Response("pre", f"A{i}", {question: s}) for i, s in enumerate(before)]
    post = [Response("post", f"B{i}", {question: s}) for i, s in enumerate(after)]
    return Dataset(event={}, questions=[], pre=pre, post=post)


def question(evaluation, question_id: str):
    return next(q for q in evaluation.questions if q.id == question_id)
