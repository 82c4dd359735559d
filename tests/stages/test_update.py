"""The update stage (packgen.stages.update): what it says when nothing has changed. Writing the
history and the editions is tested with the history in tests/test_editions.py."""

from packgen.editions import Entry
from packgen.stages.update import UpdateResult


def test_an_update_with_nothing_changed_says_since_when():
    result = UpdateResult(entry=None, last=Entry(date="2022-07-08", edition=2))
    assert result.unchanged() == "Nothing has changed since update 2 (Friday 8 July 2022): no new update was built."


def test_an_update_that_recorded_a_change_says_nothing_of_the_kind():
    last = Entry(date="2022-07-08", edition=2)
    assert UpdateResult(entry=Entry(date="2022-08-05", edition=3), last=last).unchanged() is None
