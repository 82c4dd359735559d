"""The actions and editions the tests of the actions' history share: four actions at the first
edition, the same four (one dropped, one new) at the second, dated :data:`AS_OF`. Used by
tests/test_editions.py, tests/report/test_update_edition.py and tests/stages/test_update.py."""

from __future__ import annotations

from datetime import date

from packgen.editions import Entry, snapshot
from packgen.results.dataset import Action

AS_OF = date(2022, 7, 8)


def first_actions() -> list[Action]:
    return [Action("Meetings put people off.", "Meetings move to the community centre.", "Inspector", "Planned", "2022-04-05"),
            Action("Nobody knows the panels.", "Posters in barbers and clubs.", "Engagement officer", "Planned", "2022-05-31"),
            Action("Stop using stations.", "We will look at every meeting.", "BCU commander", "Planned"),
            Action("Pay travel.", "Travel is paid.", "BCU commander", "Planned", "2022-09-30")]


def later_actions() -> list[Action]:
    done, started, dropped, _ = first_actions()
    done.status = "Done"
    started.status = "In progress"
    dropped.status, dropped.progress = "Not doing", "Body-worn video must stay on police premises."
    return [done, started, dropped, Action("A youth hub.", "Planned with the Youth Forum.", "Youth officer", "Planned", "2022-10-31")]


def entries() -> tuple[Entry, Entry]:
    first = snapshot(first_actions(), None, date(2022, 2, 25), 1)
    return first, snapshot(later_actions(), first, AS_OF, 2)


def read_history_text(text: str):
    from packgen.editions import _adapter

    return _adapter().validate_json(text)
