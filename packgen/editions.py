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
nothing in it needs disclosure control. :func:`build_update` is the library call (no files
touched); :mod:`packgen.stages.update` is the stage the command runs (it reads and writes the files).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, with_config

from packgen.errors import PackgenError
from packgen.model import Event
from packgen.json_files import JsonKind, read_json_model
from packgen.results.dataset import Action, IsoDate
from packgen.text import uk_date

HISTORY = "actions-history.json"
HISTORY_SCHEMA = "packgen-actions-history/1"
UPDATE_TEMPLATE = "you-said-we-did-update.html"
EMAIL_TEMPLATE = "you-said-we-did-update-email.html"

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


# -- The edition ---------------------------------------------------------------------------------


def edition_names(event: Event, previous: Entry, current: Entry, as_of: date) -> dict[str, Any]:
    """Return the names the update template sees under ``edition``."""
    found = changes(previous, current)
    next_date = date.fromisoformat(current.date) + timedelta(weeks=event.follow_up.every_weeks)
    return {
        "number": current.edition,
        "date": uk_date(date.fromisoformat(current.date)),
        "since": uk_date(date.fromisoformat(previous.date)),
        "previous": previous.edition,
        "done": [_public(a, as_of) for a in found["done"]],
        "started": [_public(a, as_of) for a in found["started"]],
        "new": [_public(a, as_of) for a in found["new"]],
        "dropped": [_public(a, as_of) for a in found["dropped"]]
                   + [{**_public(a, as_of), "progress": "We have taken this off our list."} for a in found["removed"]],
        "updated": [_public(a, as_of) for a in found["updated"]],
        "actions": [_public(a, as_of) for a in current.actions],
        "overdue": [_public(a, as_of) for a in current.actions if is_overdue(a, as_of)],
        "next": uk_date(next_date),
    }


def _public(action: Action, as_of: date) -> dict[str, Any]:
    """Return one action as the edition prints it."""
    due = uk_date(date.fromisoformat(action.due)) if action.due else ""
    return {"id": action.id, "you_said": action.you_said, "we_did": action.we_did or "We have not decided yet.",
            "status": action.status or "Not yet decided", "owner": action.owner, "due": due,
            "progress": action.progress, "evidence": action.evidence, "overdue": is_overdue(action, as_of)}


@dataclass
class Edition:
    """One edition, built in memory: its PDF and email draft, and what WeasyPrint reported."""

    number: int
    files: dict[str, bytes]
    messages: list[str] = field(default_factory=list)


def edition_file(number: int, suffix: str = ".pdf") -> str:
    """Return the file name of edition ``number`` (1 is what ``packgen report`` builds)."""
    return f"you-said-we-did{'' if number == 1 else f'-{number}'}{suffix}"


def build_edition(event: Event, previous: Entry, current: Entry, as_of: date, templates: Path | None = None,
                  attach: bool = True) -> Edition:
    """Return edition ``current.edition`` as a PDF and an email draft (the PDF attached unless
    ``attach`` is false)."""
    from packgen.report import base_names
    from packgen.report.html import render_html
    from packgen.report.pdf import AssetPolicy, render_pdf
    from packgen.resources import report_folders

    folders = report_folders(templates)
    names = {**base_names(event), "edition": edition_names(event, previous, current, as_of)}
    images = {}
    if event.branding.logo is not None:
        from packgen.report import logo_asset

        images["logo" + event.branding.logo.suffix.lower()] = logo_asset(event.branding.logo)
    rendered = render_pdf(render_html(UPDATE_TEMPLATE, names, folders), AssetPolicy(folders, images))
    pdf_name = edition_file(current.edition)
    email = email_draft(names, render_html(EMAIL_TEMPLATE, names, folders),
                        (pdf_name, rendered.data) if attach else None)
    return Edition(number=current.edition, files={pdf_name: rendered.data, edition_file(current.edition, ".eml"): email},
                   messages=[f"{UPDATE_TEMPLATE}: {m}" for m in rendered.messages])


def email_subject(names: dict[str, Any]) -> str:
    edition = names["edition"]
    return f"{names['title']}: you said, we did, update {edition['number']} ({edition['date']})"


def email_text(names: dict[str, Any]) -> str:
    """Return the plain-text part of the email: what changed, then every action, then what next."""
    edition = names["edition"]
    lines = [f"Update {edition['number']}, {edition['date']}", "",
             f"This is update {edition['number']} on what we are doing about what you told us at the"
             f" {names['title']}. Here is what has changed since our last update on {edition['since']}.", ""]
    for key, heading in CHANGE_HEADINGS:
        if edition[key]:
            lines += [heading + ":"] + [f"- You said: {a['you_said']} {_said_done(a)}" for a in edition[key]] + [""]
    if edition["overdue"]:
        lines += ["Overdue (past the date we gave, and not done yet):"]
        lines += [f"- {a['we_did']} It was due by {a['due']}." for a in edition["overdue"]] + [""]
    lines += ["Every action:"]
    for action in edition["actions"]:
        lines.append(f"- You said: {action['you_said']}")
        lines.append(f"  We did: {action['we_did']}")
        lines.append(f"  Status: {action['status']}{' (overdue)' if action['overdue'] else ''}."
                     + (f" Due by {action['due']}." if action["due"] else ""))
        if action["progress"]:
            lines.append(f"  {action['progress']}")
    lines += ["", f"We will send you the next update by {edition['next']}.", "",
              "The full update is attached as a PDF. You can ask for it in another format, such as large"
              " print, easy read, audio or another language: reply to this email."]
    return "\n".join(lines) + "\n"


CHANGE_HEADINGS = (("done", "Done since the last update"), ("started", "Started since the last update"),
                   ("new", "New since the last update"), ("dropped", "Not doing, and why"),
                   ("updated", "Other news"))


def _said_done(action: dict[str, Any]) -> str:
    return f"We did: {action['we_did']}" + (f" {action['progress']}" if action["progress"] else "")


def email_draft(names: dict[str, Any], html: str, attachment: tuple[str, bytes] | None) -> bytes:
    """Return the email draft (.eml): subject, a plain-text part and its HTML alternative, the PDF
    attached. It has no recipients: the organiser adds those, and sends it."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    message["Subject"] = email_subject(names)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    message.set_content(email_text(names))
    message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return message.as_bytes()


# -- The update, in memory ----------------------------------------------------------------------


@dataclass
class Update:
    """What :func:`build_update` made, in memory."""

    entries: list[Entry]
    """The entries to append: none, the new one, or edition 1's and the new one."""
    history: str | None
    """The history's new text (None when nothing changed)."""
    edition: Edition | None


def build_update(event: Event, actions: list[Action], history_text: str | None, history: History,
                 as_of: date, first: list[Action] | None = None, templates: Path | None = None,
                 first_date: date | None = None) -> Update:
    """Return the entries to append for ``actions`` as they stand on ``as_of``, the history's new
    text and the next edition (none of them when nothing changed).

    ``first`` are the actions of edition 1 (from its results file), needed when the history is
    empty; that entry is dated ``first_date`` (by default the hub's last day).
    """
    entries = list(history.entries)
    added = []
    if not entries:
        if first is None:
            raise HistoryError("there is no history of the actions yet, so nothing to compare with: give the"
                               " results file the first \"You said, we did\" was built from (--results)")
        day = first_date or event.dates[-1]
        if day > as_of:
            raise HistoryError(f"the first edition's date ({uk_date(day)}) is after the update's ({uk_date(as_of)})")
        baseline = snapshot(first, None, day, 1)
        entries.append(baseline)
        added.append(baseline)
    last = entries[-1]
    if date.fromisoformat(last.date) > as_of:
        raise HistoryError(f"the last update is dated {uk_date(date.fromisoformat(last.date))}, after this one"
                           f" ({uk_date(as_of)}): give the date with --date")
    entry = snapshot(actions, last, as_of, last.edition + 1)
    if entry is None:
        return Update(entries=added, history=_with(history_text, added) if added else None, edition=None)
    added.append(entry)
    return Update(entries=added, history=_with(history_text, added),
                  edition=build_edition(event, last, entry, as_of, templates))


def _with(text: str | None, entries: list[Entry]) -> str | None:
    for entry in entries:
        text = appended(text, entry)
    return text
