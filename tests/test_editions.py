"""The actions' append-only history (packgen.editions): entries added only for a change, numbered in
order, refused with their place when edited by hand, and overdue actions. The editions built from it
are tested in tests/report/test_update_edition.py, writing them in tests/stages/test_update.py."""

from __future__ import annotations

import json

import pytest
from edition_samples import AS_OF, entries, first_actions

from packgen.editions import HISTORY, HistoryError, appended, is_overdue, read_history, snapshot
from packgen.results.dataset import Action


def test_unchanged_actions_add_nothing():
    first, _ = entries()
    assert snapshot(first_actions(), first, AS_OF, 2) is None
    moved = first_actions()[::-1]
    moved[0].changed = "2022-03-01"  # a new "last changed" date alone is not a change
    assert snapshot(moved, first, AS_OF, 2) is None


def test_an_unchanged_action_keeps_the_date_it_last_changed():
    first, _ = entries()
    moved, kept = first_actions()[:2]
    moved.status = "In progress"
    assert [a.changed for a in snapshot([moved, kept], first, AS_OF, 2).actions] == ["2022-07-08", "2022-02-25"]


def test_editions_number_in_order(tmp_path):
    first, second = entries()
    path = tmp_path / HISTORY
    second.edition = 3
    path.write_text(appended(appended(None, first), second), encoding="utf-8")
    with pytest.raises(HistoryError) as error:
        read_history(path)
    assert str(error.value) == f"{path}, entries[1].edition: expected 2, found 3"


def test_a_hand_edited_history_is_refused_with_its_place(tmp_path):
    first, _ = entries()
    data = json.loads(appended(None, first))
    data["entries"][0]["actions"][1]["status"] = "Ongoing"
    path = tmp_path / HISTORY
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(HistoryError) as error:
        read_history(path)
    assert error.value.problems == [
        f'{path}, entries[0].actions[1].status: expected one of "Planned", "In progress", "Done", "Not doing"'
        ' or "", found "Ongoing"']


def test_overdue_is_past_the_due_date_and_not_done():
    on_time = Action("a", status="In progress", due="2022-07-08")
    late = Action("b", status="In progress", due="2022-07-07")
    assert [is_overdue(a, AS_OF) for a in (on_time, late)] == [False, True]
    assert [is_overdue(Action("c", status=s, due="2022-01-01"), AS_OF) for s in ("", "Planned", "Done", "Not doing")] == \
        [True, True, False, False]
    assert not is_overdue(Action("d", status="Planned"), AS_OF)


