"""The update stage (packgen.stages.update): writing the actions' history and the next edition,
refusing what it cannot do, and what it says when nothing has changed. The history itself is tested
in tests/test_editions.py, the editions' context and email in tests/report/test_update_edition.py."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from edition_samples import AS_OF

from packgen.editions import HISTORY, Entry, HistoryError, read_history
from packgen.errors import OverwriteRefused
from packgen.stages.update import UpdateResult, write_update


def test_an_update_with_nothing_changed_says_since_when():
    result = UpdateResult(entry=None, last=Entry(date="2022-07-08", edition=2))
    assert result.unchanged() == "Nothing has changed since update 2 (Friday 8 July 2022): no new update was built."


def test_an_update_that_recorded_a_change_says_nothing_of_the_kind():
    last = Entry(date="2022-07-08", edition=2)
    assert UpdateResult(entry=Entry(date="2022-08-05", edition=3), last=last).unchanged() is None


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
