"""The actions' dated history, and the numbered editions of "You said, we did".

``packgen update`` reads the actions as they stand (the planning workbook's Actions sheet) and
compares them with the last entry of the history, ``actions-history.json``:

- nothing changed: nothing is written;
- something changed: one entry is appended to the history (the earlier entries are kept byte for
  byte), and the next edition is built: ``you-said-we-did-N.pdf`` and its email draft
  ``you-said-we-did-N.eml``. An edition already built is never written over.

Edition 1 is the ``you-said-we-did.pdf`` that ``packgen report`` builds. When there is no history
yet, its entry is made first, from the results file that report was built from.

The edition holds what was said, what is done and the owner's role: no names and no counts, so
nothing in it needs disclosure control. :mod:`packgen.report.update_edition` builds an edition in memory;
:mod:`packgen.stages.update` is the stage the command runs (it reads and writes the files).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, TypeAdapter, with_config

from packgen.errors import PackgenError
from packgen.json_files import JsonKind, read_json_model
from packgen.results.dataset import Action, IsoDate

HISTORY = "actions-history.json"
HISTORY_SCHEMA = "packgen-actions-history/1"

TRACKED = ("you_said", "we_did", "owner", "status", "due", "progress", "evidence")
"""The fields whose change makes a new entry (a new "last changed" date alone does not)."""


class HistoryError(PackgenError):
    """Raised when the actions' history cannot be read, does not validate, or does not follow on."""


HISTORY_FILE = JsonKind("the actions' history", "an actions' history", "put back the file packgen wrote",
                        HistoryError)


# -- The history ---------------------------------------------------------------------------------


@with_config(ConfigDict(strict=True, extra="forbid"))
@dataclass
class Entry:
    """One dated snapshot of the actions: what edition ``edition`` of "You said, we did" said."""

    date: IsoDate
    edition: Annotated[int, Field(ge=1)]
    actions: list[Action] = field(default_factory=list)


@with_config(ConfigDict(strict=True, extra="forbid"))
@dataclass
class History:
    schema: Literal["packgen-actions-history/1"]
    entries: list[Entry] = field(default_factory=list)


@cache
def _adapter() -> TypeAdapter:
    return TypeAdapter(History)


def read_history(path: Path) -> History:
    """Return the history in ``path``, an empty one when the file does not exist.

    Raises :class:`HistoryError` listing every problem with its place, and when the editions do not
    number 1, 2, 3... in order of date.
    """
    if not path.exists():
        return History(schema=HISTORY_SCHEMA)
    history = read_json_model(path, _adapter(), HISTORY_FILE)
    for index, entry in enumerate(history.entries):
        if entry.edition != index + 1:
            raise HistoryError(f"{path}, entries[{index}].edition: expected {index + 1}, found {entry.edition}")
        if index and entry.date < history.entries[index - 1].date:
            raise HistoryError(f"{path}, entries[{index}].date: expected {history.entries[index - 1].date}"
                               f" or later, found {entry.date}")
    return history


def entry_json(entry: Entry) -> str:
    """Return an entry as the history holds it (indented to sit in its list)."""
    data = asdict(entry)
    data["actions"] = [{k: v for k, v in action.items() if k != "source"} for action in data["actions"]]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.splitlines())


def appended(text: str | None, entry: Entry) -> str:
    """Return the history's text ``text`` (None: no history yet) with ``entry`` added at its end.

    The text before the end of the list is kept exactly as it is, so earlier entries never change.
    """
    if text is None:
        return f'{{\n  "schema": "{HISTORY_SCHEMA}",\n  "entries": [\n{entry_json(entry)}\n  ]\n}}\n'
    end = re.search(r"\]\s*\}\s*$", text)
    if end is None:
        raise HistoryError("the actions' history does not end with its list of entries")
    before = text[:end.start()].rstrip()
    joiner = "\n" if before.endswith("[") else ",\n"
    return before + joiner + entry_json(entry) + "\n  ]\n}\n"


def snapshot(actions: list[Action], last: Entry | None, as_of: date, edition: int) -> Entry | None:
    """Return the entry recording ``actions`` on ``as_of``, or None when nothing tracked has changed
    since ``last``. A changed action without a "last changed" date is dated ``as_of``; an unchanged
    one keeps the date it had."""
    before = {a.id: a for a in last.actions} if last else {}
    kept = []
    for action in actions:
        old = before.get(action.id)
        same = old is not None and _tracked(old) == _tracked(action)
        changed = old.changed if same else action.changed or as_of.isoformat()
        kept.append(Action(**{f: getattr(action, f) for f in TRACKED}, id=action.id, changed=changed))
    if last is not None and {a.id: _tracked(a) for a in kept} == {a.id: _tracked(a) for a in last.actions}:
        return None
    return Entry(date=as_of.isoformat(), edition=edition, actions=kept)


def _tracked(action: Action) -> tuple:
    return (action.id, *(getattr(action, f) for f in TRACKED))


# -- What changed --------------------------------------------------------------------------------


def changes(previous: Entry, current: Entry) -> dict[str, list[Action]]:
    """Return what changed from ``previous`` to ``current``: actions done since, started since, new,
    dropped (now "not doing", or taken off the list) and otherwise updated."""
    before = {a.id: a for a in previous.actions}
    now = {a.id for a in current.actions}
    found: dict[str, list[Action]] = {"done": [], "started": [], "new": [], "dropped": [], "updated": []}
    for action in current.actions:
        old = before.get(action.id)
        if old is None:
            found["new"].append(action)
        elif action.status == "Done" and old.status != "Done":
            found["done"].append(action)
        elif action.status == "Not doing" and old.status != "Not doing":
            found["dropped"].append(action)
        elif action.status == "In progress" and old.status in ("", "Planned"):
            found["started"].append(action)
        elif _tracked(action) != _tracked(old):
            found["updated"].append(action)
    found["removed"] = [a for a in previous.actions if a.id not in now]
    return found


def is_overdue(action: Action, as_of: date) -> bool:
    """Return whether ``action`` is past its due date on ``as_of`` and neither done nor dropped."""
    return action.is_overdue(as_of)


def edition_file(number: int, suffix: str = ".pdf") -> str:
    """Return the file name of edition ``number`` (1 is what ``packgen report`` builds)."""
    return f"you-said-we-did{'' if number == 1 else f'-{number}'}{suffix}"
