"""The plain-text summary ``packgen results`` prints: what was read, what was paired, what was not used."""

from __future__ import annotations

from collections import Counter

from packgen.results.dataset import Dataset

_KIND_WORDS = {
    "blank_row": "blank rows skipped",
    "bad_score": "answers that are not a score from 0 to 10",
    "unknown_column": "columns that match no question",
    "duplicate_column": "columns repeating a question",
    "missing_question": "questions or codes with no column",
    "duplicate_code": "personal codes on more than one form",
    "unknown_sector": "sectors not on the form",
    "unreadable_row": "rows that cannot be read",
    "not_utf8": "files read as Windows-1252, not UTF-8",
    "doubtful_mark": "scanned answers to decide in the review workbook",
    "untranscribed": "handwritten answers to type in the review workbook",
    "unidentified_page": "scanned pages whose code cannot be read",
    "unknown_page": "scanned pages that are not packgen forms",
    "other_event": "scanned pages of another event's forms",
    "duplicate_page": "pages scanned twice",
    "missing_page": "forms with a page missing from the scans",
    "unreadable_scan": "scans that cannot be read",
    "bad_decision": "review decisions that cannot be used",
}


_PAGE_WORDS = {"blank": "blank back", "duplicate": "scanned twice, used once", "other-event": "another event's",
               "unknown": "not identified", "unreadable": "cannot be read"}


def _page_lines(pages: list[list]) -> list[str]:
    """Return the page accounting of a scan: counts, then every page not read into a form."""
    counts = Counter("read" if status.startswith(("pre ", "post ")) else status for _, _, status in pages)
    order = ["read", "blank", "duplicate", "other-event", "unknown", "unreadable"]
    words = [f"{counts[k]} {'read' if k == 'read' else _PAGE_WORDS[k]}" for k in order if counts[k]]
    lines = [f"        {len(pages)} page(s): {', '.join(words)}"]
    numbers: dict[tuple[str, str], list[int]] = {}  # one line per file and kind of page, in order met
    for file, number, status in pages:
        if status in _PAGE_WORDS:
            numbers.setdefault((file, status), []).extend([] if number is None else [number])
    for (file, status), found in numbers.items():
        where = file if not found else f"{file}, page{'s' * (len(found) > 1)} {', '.join(map(str, found))}"
        lines.append(f"        - {where}: {_PAGE_WORDS[status]}")
    return lines


def summary_lines(dataset: Dataset) -> list[str]:
    """Return the lines of the summary, ready to print."""
    lines = [f"Read {len(dataset.sources)} source(s):"]
    for source in dataset.sources:
        lines.append(f"  {source.stage:<5} {source.kind:<16} {source.forms:>4} form(s)  {source.file}")
        if source.pages:
            lines += _page_lines(source.pages)
    pairs = dataset.pairs()
    lines.append(f"Forms: {len(dataset.pre)} before, {len(dataset.post)} after;"
                 f" {len(pairs)} pair(s) matched by personal code"
                 f"{' or printed form number' if any(s.kind == 'scans' for s in dataset.sources) else ''}.")
    answered = []
    for question in dataset.questions:
        pre = sum(1 for r in dataset.pre if question["id"] in r.scores)
        post = sum(1 for r in dataset.post if question["id"] in r.scores)
        before = f"{pre} before" if question["pre"] else "not asked before"
        after = f"{post} after" if question["post"] else "not asked after"
        answered.append(f"  {question['id']}: {before}, {after}")
    lines += ["Questions answered:", *answered]
    lines.append(f"Session notes: {len(dataset.notes)}; actions: {len(dataset.actions)}.")
    if dataset.issues:
        counts = Counter(issue.kind for issue in dataset.issues)
        lines.append(f"{len(dataset.issues)} problem(s) found (not used; --strict makes them errors):")
        for kind, count in counts.items():
            lines.append(f"  {count} {_KIND_WORDS.get(kind, kind.replace('_', ' '))}")
        lines += [f"  - {issue}" for issue in dataset.issues]
    else:
        lines.append("No problems found.")
    return lines
