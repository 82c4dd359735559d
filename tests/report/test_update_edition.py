"""The numbered updates of "You said, we did" (packgen.report.update_edition): each edition's
context, its email draft, and the update built from the actions' history. The history itself is
tested in tests/test_editions.py, writing the update in tests/stages/test_update.py."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import date

import pytest
from edition_samples import AS_OF, entries, first_actions, later_actions, read_history_text

from packgen.editions import HistoryError, appended, changes, snapshot
from packgen.report.update_edition import build_update, edition_context, email_draft
from packgen.results.dataset import Action


def test_a_change_adds_one_entry_and_keeps_the_earlier_bytes(example_config):
    first, second = entries()
    text = json.dumps(json.loads(appended(None, first)), indent=1) + "\n"  # laid out another way, by hand
    history = read_history_text(text)
    update = build_update(example_config.event, later_actions()[:3], text, history, AS_OF, templates=None)
    assert [e.edition for e in update.entries] == [2]
    earlier = text[:text.rindex("\n ]\n}")]
    assert update.history.startswith(earlier + ",\n")
    data = json.loads(update.history)
    assert [e["edition"] for e in data["entries"]] == [1, 2]
    assert json.loads(text)["entries"][0] == data["entries"][0]
    assert [a["changed"] for a in data["entries"][1]["actions"]] == ["2022-07-08", "2022-07-08", "2022-07-08"]
    again = build_update(example_config.event, later_actions()[:3], update.history,
                         read_history_text(update.history), AS_OF)
    assert (again.entries, again.history, again.edition) == ([], None, None)


def test_what_changed_is_exact_for_a_known_history(example_config):
    first, second = entries()
    found = changes(first, second)
    assert {key: [a.you_said for a in value] for key, value in found.items()} == {
        "done": ["Meetings put people off."], "started": ["Nobody knows the panels."], "new": ["A youth hub."],
        "dropped": ["Stop using stations."], "updated": [], "removed": ["Pay travel."]}
    names = edition_context(example_config.event, first, second, AS_OF)
    assert (names["number"], names["date"], names["since"], names["next"]) == \
        (2, "Friday 8 July 2022", "Friday 25 February 2022", "Friday 2 September 2022")
    assert [(a["we_did"], a["progress"]) for a in names["dropped"]] == [
        ("We will look at every meeting.", "Body-worn video must stay on police premises."),
        ("Travel is paid.", "We have taken this off our list.")]


def test_the_email_draft_has_a_plain_and_an_html_part_and_no_recipients(example_config):
    from packgen.report import base_context

    first, second = entries()
    names = {**base_context(example_config.event), "edition": edition_context(example_config.event, first, second, AS_OF)}
    draft = email_draft(names, "<p>Update 2 &amp; more</p>", ("you-said-we-did-2.pdf", b"%PDF-1.7"))
    message = email.message_from_bytes(draft, policy=email.policy.default)
    assert message["Subject"] == "Trust and confidence Innovation Hub: you said, we did, update 2 (Friday 8 July 2022)"
    assert (message["To"], message["Cc"], message["From"]) == (None, None, None)
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # the draft's lines end CRLF
    assert plain.splitlines()[:8] == [
        "Update 2, Friday 8 July 2022", "",
        "This is update 2 on what we are doing about what you told us at the Trust and confidence Innovation"
        " Hub. Here is what has changed since our last update on Friday 25 February 2022.", "",
        "Done since the last update:",
        "- You said: Meetings put people off. We did: Meetings move to the community centre.", "",
        "Started since the last update:"]
    assert "Overdue (past the date we gave, and not done yet):\n- Posters in barbers and clubs. It was due by" \
           " Tuesday 31 May 2022.\n" in plain
    assert message.get_body(("html",)).get_content() == "<p>Update 2 &amp; more</p>\r\n"
    [attachment] = message.iter_attachments()
    assert (attachment.get_filename(), attachment.get_content()) == ("you-said-we-did-2.pdf", b"%PDF-1.7")


def test_what_attendees_typed_prints_as_typed_in_the_email(example_config):
    from packgen.report.update_edition import EMAIL_TEMPLATE
    from packgen.report import base_context
    from packgen.report.html import render_html
    from packgen.resources import report_folders

    first = snapshot([Action("Safe streets", "Lights", status="Planned")], None, date(2022, 2, 25), 1)
    second = snapshot([Action("Safe streets", "<script>alert(1)</script> & {{ 7*7 }}", status="Done")],
                      first, AS_OF, 2)
    names = {**base_context(example_config.event), "edition": edition_context(example_config.event, first, second, AS_OF)}
    html = render_html(EMAIL_TEMPLATE, names, report_folders(None))
    assert "<li>You said: Safe streets We did: &lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</li>" in html
    assert "<script>" not in html


def test_an_update_dated_before_the_last_one_is_refused(example_config):
    first, second = entries()
    text = appended(appended(None, first), second)
    with pytest.raises(HistoryError) as error:
        build_update(example_config.event, first_actions(), text, read_history_text(text), date(2022, 7, 7))
    assert str(error.value) == ("the last update is dated Friday 8 July 2022, after this one (Thursday 7 July"
                                " 2022): give the date with --date")
    with pytest.raises(HistoryError) as error:
        build_update(example_config.event, first_actions(), None, _empty(), date(2022, 2, 24), first=first_actions())
    assert str(error.value) == ("the first edition's date (Friday 25 February 2022) is after the update's"
                                " (Thursday 24 February 2022)")


def _empty():
    from packgen.editions import History

    return History(schema="packgen-actions-history/1")
