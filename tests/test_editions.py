"""packgen update: the actions' append-only history, the numbered editions, overdue actions and
the email draft."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import date

import pytest

from packgen.editions import (
    HISTORY,
    Entry,
    HistoryError,
    appended,
    changes,
    is_overdue,
    read_history,
    snapshot,
)
from packgen.errors import OverwriteRefused
from packgen.report.update_edition import build_update, edition_context, email_draft
from packgen.results.dataset import Action
from packgen.stages.update import write_update

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


def test_unchanged_actions_add_nothing():
    first, _ = entries()
    assert snapshot(first_actions(), first, AS_OF, 2) is None
    moved = first_actions()[::-1]
    moved[0].changed = "2022-03-01"  # a new "last changed" date alone is not a change
    assert snapshot(moved, first, AS_OF, 2) is None


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


def test_an_unchanged_action_keeps_the_date_it_last_changed():
    first, _ = entries()
    moved, kept = first_actions()[:2]
    moved.status = "In progress"
    assert [a.changed for a in snapshot([moved, kept], first, AS_OF, 2).actions] == ["2022-07-08", "2022-02-25"]


def read_history_text(text: str):
    from packgen.editions import _adapter

    return _adapter().validate_json(text)


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


def test_overdue_is_past_the_due_date_and_not_done():
    on_time = Action("a", status="In progress", due="2022-07-08")
    late = Action("b", status="In progress", due="2022-07-07")
    assert [is_overdue(a, AS_OF) for a in (on_time, late)] == [False, True]
    assert [is_overdue(Action("c", status=s, due="2022-01-01"), AS_OF) for s in ("", "Planned", "Done", "Not doing")] == \
        [True, True, False, False]
    assert not is_overdue(Action("d", status="Planned"), AS_OF)


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


def test_an_edition_already_built_is_never_written_over(tmp_path, example_config):
    from packgen.stages.demo import sample_sources

    (tmp_path / "you-said-we-did-2.pdf").write_bytes(b"%PDF edition 2")
    workbook = sample_sources().workbook
    with pytest.raises(OverwriteRefused) as error:
        write_update(example_config.path, workbook, tmp_path, AS_OF, force=True)
    assert str(error.value) == (
        f"{tmp_path / 'you-said-we-did-2.pdf'}: update 2 is already built, and packgen never writes over an"
        f" update; it is missing from the history {tmp_path / HISTORY}: put back the history that goes with it,"
        " or use another folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["you-said-we-did-2.pdf"]


def test_the_first_update_needs_the_results_of_the_first_edition(tmp_path, example_config):
    from packgen.stages.demo import sample_sources

    with pytest.raises(HistoryError) as error:
        write_update(example_config.path, sample_sources().workbook, tmp_path, AS_OF)
    assert str(error.value) == ("there is no history of the actions yet, so nothing to compare with: give the"
                                " results file the first \"You said, we did\" was built from (--results)")


def test_the_update_writes_the_history_and_the_next_edition_then_nothing_more(tmp_path, example_config):
    from packgen.stages.demo import sample_sources
    from packgen.resources import example_folder
    from packgen.results import Sources, ingest
    from packgen.results.dataset import write_dataset

    results = tmp_path / "results.json"
    write_dataset(ingest(example_config, Sources(actions=[sample_sources().workbook])), results)
    out = tmp_path / "out"
    update = example_folder() / "results" / "planning-update.xlsx"
    result = write_update(example_config.path, update, out, AS_OF, results=results)
    assert [p.name for p in result.written] == [HISTORY, "you-said-we-did-2.pdf", "you-said-we-did-2.eml"]
    history = read_history(out / HISTORY)
    assert [(e.edition, e.date) for e in history.entries] == [(1, "2022-02-25"), (2, "2022-07-08")]
    before = (out / HISTORY).read_bytes()
    again = write_update(example_config.path, update, out, date(2022, 7, 9))
    assert (again.entry, again.written, again.last.edition) == (None, [], 2)
    assert (out / HISTORY).read_bytes() == before
    message = email.message_from_bytes((out / "you-said-we-did-2.eml").read_bytes(), policy=email.policy.default)
    [attachment] = message.iter_attachments()
    assert attachment.get_content() == (out / "you-said-we-did-2.pdf").read_bytes()
    text = " ".join(pdf_text(out / "you-said-we-did-2.pdf").split())
    assert text.startswith("You said, we did Update 2, Friday 8 July 2022 Trust and confidence Innovation Hub,"
                           " Friday 25 February 2022 This is update 2")
    assert ("Done Posters and leaflets are going to barbers, faith groups and youth clubs across the borough."
            " Posters are up in 40 places") in text
    assert ("Overdue These are past the date we gave and are not done yet: A buddy scheme pairs each new member"
            " with an existing one for three meetings. It was due by Thursday 30 June 2022.") in text
    assert "We will send you the next update by Friday 2 September 2022" in text
    from pypdf import PdfReader

    reader = PdfReader(out / "you-said-we-did-2.pdf")
    assert reader.metadata.title == "Trust and confidence Innovation Hub: you said, we did, update 2"
    root = reader.trailer["/Root"]
    assert (root["/Lang"], "/StructTreeRoot" in root) == ("en-GB", True)


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)



def test_the_update_command_says_what_is_missing_and_refuses_a_date_it_cannot_read(tmp_path, example_config):
    from click.testing import CliRunner

    from packgen.cli import cli
    from packgen.stages.demo import sample_sources

    workbook = str(sample_sources().workbook)
    first = CliRunner().invoke(cli, ["update", str(example_config.path), "--workbook", workbook, "-o", str(tmp_path),
                                     "--date", "8/7/2022"])
    assert (first.exit_code, first.output) == (1, "Error: there is no history of the actions yet, so nothing to"
                                                  " compare with: give the results file the first \"You said, we"
                                                  " did\" was built from (--results)\n")
    bad = CliRunner().invoke(cli, ["update", str(example_config.path), "--workbook", workbook, "--date", "07/13/2022"])
    assert bad.exit_code == 2
    assert bad.output.endswith("Error: Invalid value for '--date': '07/13/2022' is not a real date (day first:"
                               " 25/02/2022)\n")
    assert list(tmp_path.iterdir()) == []


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
