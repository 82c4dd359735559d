import copy
import io
import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from recover import COUNT, SHARE, column_equations, recoverable, share_equations
from rollup_samples import AS_OF, BATCH_EXAMPLE, WITH_RESULTS, build_batch, track_batch

from packgen.stages.batch import run_batch
from packgen.config import load_config
from packgen.evaluation import evaluate
from packgen.results.dataset import Dataset, read_dataset
from packgen.rollup_model import PEOPLE, REGISTER_STATUSES, register_totals
from packgen.stages.rollup import (
    collect,
    history_path,
    register_findings,
    rollup_notes,
    rollup_pdf,
    rollup_workbook,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example batch with two events without results and the four with, built once."""
    return build_batch(tmp_path_factory)


def per_event(name: str):
    loaded = load_config(BATCH_EXAMPLE / f"{name}.yaml", defaults=BATCH_EXAMPLE / "defaults.yaml")
    text = (BATCH_EXAMPLE / f"{name}.results.json").read_text(encoding="utf-8")
    return evaluate(loaded.event, Dataset.from_json(text))


def test_rollup_holds_every_hub_with_results_and_says_which_were_left_out(built):
    rollup = collect(built)
    assert [hub.name for hub in rollup.hubs] == WITH_RESULTS
    assert rollup.skipped == ["central-east: no results yet"]


def test_rollup_figures_equal_the_per_event_ones(built):
    rollup = collect(built)
    for hub in rollup.hubs:
        evaluation = per_event(hub.name)
        assert (hub.pre_forms, hub.post_forms, hub.pairs) == (
            evaluation.attendance.pre_forms, evaluation.attendance.post_forms, evaluation.attendance.pairs)
        for result in evaluation.questions:
            figures = hub.questions[result.id]
            assert figures.before == ((result.pre.count, result.pre.n) if result.pre else None)
            assert figures.after == ((result.post.count, result.post.n) if result.post else None)


def test_force_totals_add_up_the_hubs(built):
    rollup = collect(built)
    assert rollup.totals.pre_forms == sum(h.pre_forms for h in rollup.hubs)
    assert rollup.totals.pairs == sum(h.pairs for h in rollup.hubs)
    trust = [h.questions["trust"] for h in rollup.hubs]
    assert rollup.totals.questions["trust"].before == (sum(f.before[0] for f in trust), sum(f.before[1] for f in trust))
    assert rollup.totals.questions["return"].before is None


def test_rollup_of_a_folder_without_a_manifest_is_a_clear_error(tmp_path):
    from packgen.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        collect(tmp_path)
    assert str(error.value) == f"{tmp_path}: no {tmp_path / 'manifest.json'} from 'packgen batch' here"


def test_rollup_command_writes_the_pdf_and_workbook(built):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from packgen.cli import cli

    result = CliRunner().invoke(cli, ["rollup", str(built)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Left out central-east: no results yet",
                                          f"Wrote {built / 'rollup.xlsx'}", f"Wrote {built / 'rollup.pdf'}"]
    reader = PdfReader(built / "rollup.pdf")
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    rollup = collect(built)
    trust = rollup.totals.questions["trust"].before
    assert f"{trust[0]} of {trust[1]}" in text
    for hub in rollup.hubs:
        assert hub.bcu in text


def test_the_same_batch_gives_a_byte_identical_rollup_each_time(built, tmp_path):
    from packgen.stages.rollup import write_rollup

    out = tmp_path / "out"
    shutil.copytree(built, out)
    written = []
    for _ in range(2):
        write_rollup(out, as_of=date(2023, 9, 1))
        written.append([(out / name).read_bytes() for name in ("rollup.xlsx", "rollup.pdf")])
    assert written[0] == written[1]


def test_batch_with_reports_builds_pdfs_only_for_events_with_results(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ["defaults.yaml", "logo.png", "central-east.yaml", "east.yaml", "east.results.json"]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    outcomes = {o.name: o for o in run_batch(folder, tmp_path / "out", jobs=1, reports=True)}
    assert "evaluation-report.pdf" in outcomes["east"].outputs
    assert "you-said-we-did.pdf" in outcomes["east"].outputs
    assert "evaluation-report.pdf" not in outcomes["central-east"].outputs


def test_a_hub_whose_results_file_was_edited_wrongly_is_left_out_with_every_problem(tmp_path):
    import json

    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ["defaults.yaml", "logo.png", "west.yaml", "east.yaml", "east.results.json"]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    data = json.loads((BATCH_EXAMPLE / "west.results.json").read_text(encoding="utf-8"))
    data["pre"][0]["scores"]["trust"] = 99
    results = folder / "west.results.json"
    results.write_text(json.dumps(data), encoding="utf-8")
    run_batch(folder, tmp_path / "out", jobs=1)
    rollup = collect(tmp_path / "out")
    assert [hub.name for hub in rollup.hubs] == ["east"]
    problem = (f"{results}: the results file has 1 problem (correct them, or read the forms again with 'packgen"
               f" results'); {results}, pre[0].scores.trust: expected a whole number 0 to 10, found 99")
    assert rollup.skipped == [f"west: {problem}"]
    run_batch(folder, tmp_path / "out", jobs=1, reports=True)  # the event now fails on its results
    assert collect(tmp_path / "out").skipped == [f"west: it failed to build in the batch ({problem})"]


# --- Disclosure control: nothing hidden can be worked back from what is printed -----------------

ORGANISATION = "Test Police"
HEADERS = ["BCU", "Hub", "Date(s)", "Invited", "Attended", "Pre forms", "Post forms", "Pairs", "Cost per attendee (£)"]


def pdf_cells(data: bytes, rollup) -> tuple[list[list[str]], dict[str, list[list[str]]]]:
    """Return the printed cells of the PDF's tables, read from its text: the "Who came" counts per
    row (the hubs, then the force-wide row), and per question each row's before and after."""
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    text = re.sub(r"Page \d+ of \d+", " ", text.replace(f"Force-wide roll-up: Innovation Hubs of {ORGANISATION}", " "))
    labels = [hub.bcu for hub in rollup.hubs] + ["Force-wide"]
    people_text = between(text, "Attendance and forms returned, by BCU", "What the surveys showed")
    people_text = people_text.replace("BCU and date Invited Came Forms before Forms after Pairs Cost per attendee", " ")
    people = []
    for segment in rows_of(people_text, labels):
        tokens = COUNT.findall(re.sub(r"\d{2}/\d{2}/\d{4},?", " ", segment))
        assert len(tokens) == (5 if len(people) == len(rollup.hubs) else 6), segment
        people.append(tokens[:5])
    wordings = [" ".join(w.split()) for w in rollup.question_words.values()]
    questions = {}
    for position, (question, wording) in enumerate(zip(rollup.question_words, wordings)):
        end = wordings[position + 1] if position + 1 < len(wordings) else "What this kind of survey can show"
        table = between(text, wording, end).replace("BCU Before the hub After the hub", " ")
        questions[question] = []
        for segment in rows_of(table, labels):
            cells = [match.group(0) for match in SHARE.finditer(segment)]
            assert len(cells) == 2, segment
            questions[question].append(cells)
    return people, questions


def between(text: str, start: str, end: str) -> str:
    begin = text.index(start) + len(start)
    return text[begin:text.index(end, begin)]


def rows_of(text: str, labels: list[str]) -> list[str]:
    """Return the text of each row, found by its label, in order."""
    starts = []
    position = 0
    for label in labels:
        position = text.index(label, position)
        starts.append(position)
        position += len(label)
    return [text[start + len(label):end] for start, label, end in zip(starts, labels, [*starts[1:], len(text)])]


def workbook_cells(data: bytes, rollup) -> tuple[list[list], dict[str, list[list[str]]]]:
    """Return the same cells from the workbook's "By BCU" sheet."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))["By BCU"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [row["BCU"] for row in rows] == [hub.bcu for hub in rollup.hubs] + ["Force-wide"]
    people = [[row[h] for h in HEADERS[3:8]] for row in rows]
    questions = {q: [[row[f"{q}: before"], row[f"{q}: after"]] for row in rows] for q in rollup.question_words}
    return people, questions


def recovered(people, questions, threshold: int) -> dict:
    """Return every hidden count a reader can work out from the printed cells, by table."""
    found = {}
    ranges, equations = column_equations(people, threshold)
    if pinned := recoverable(ranges, equations):
        found["Who came"] = pinned
    for question, rows in questions.items():
        for stage, name in enumerate(("before", "after")):
            ranges, equations = share_equations([row[stage] for row in rows], threshold)
            if pinned := recoverable(ranges, equations):
                found[f"{question}: {name}"] = pinned
    return found


def hidden_cells(people, questions) -> int:
    cells = [c for row in people for c in row] + [c for rows in questions.values() for row in rows for c in row]
    return sum(1 for c in cells if isinstance(c, str) and ("fewer than" in c or "not shown" in c or "more than" in c))


def with_small_counts(rollup):
    """Return the roll-up with a small pairs count, a small attendance and a hub that only 3 people
    answered a question before, its force-wide totals added up again."""
    rollup = copy.deepcopy(rollup)
    rollup.hubs[0].pairs = 4
    rollup.hubs[2].attended = 3
    rollup.hubs[1].questions["join"].before = (2, 3)
    for column in PEOPLE:
        values = [getattr(hub, column) for hub in rollup.hubs if getattr(hub, column) is not None]
        setattr(rollup.totals, column, sum(values))
    pairs = [hub.questions["join"].before for hub in rollup.hubs]
    rollup.totals.questions["join"].before = (sum(c for c, _ in pairs), sum(n for _, n in pairs))
    return rollup


@pytest.fixture(scope="module", params=["example", "threshold 10", "small counts"])
def published_rollup(request, built):
    """The example batch's roll-up as built, with a threshold of 10, and with small counts put in;
    its PDF and workbook."""
    rollup = collect(built)
    if request.param == "threshold 10":
        rollup.threshold = 10
    elif request.param == "small counts":
        rollup = with_small_counts(rollup)
    return rollup, rollup_pdf(rollup, ORGANISATION, "#1D3557"), rollup_workbook(rollup)


def test_no_hidden_count_of_the_rollup_pdf_can_be_worked_back(published_rollup):
    rollup, pdf, _ = published_rollup
    people, questions = pdf_cells(pdf, rollup)
    assert hidden_cells(people, questions) >= 2
    assert recovered(people, questions, rollup.threshold) == {}


def test_no_hidden_count_of_the_rollup_workbook_can_be_worked_back(published_rollup):
    rollup, _, workbook = published_rollup
    people, questions = workbook_cells(workbook, rollup)
    assert hidden_cells(people, questions) >= 2
    assert recovered(people, questions, rollup.threshold) == {}


def test_the_pdf_and_the_workbook_print_the_same_cells(published_rollup):
    rollup, pdf, workbook = published_rollup
    in_pdf, in_workbook = pdf_cells(pdf, rollup), workbook_cells(workbook, rollup)
    assert in_pdf[1] == in_workbook[1]
    assert in_pdf[0] == [[str(c) for c in row] for row in in_workbook[0]]


def test_the_example_hides_a_second_hub_so_the_small_one_cannot_be_worked_out_from_the_force_total(built):
    rollup = collect(built)
    _, questions = workbook_cells(rollup_workbook(rollup), rollup)
    # West: 4 of 23 scored 8 or more before; the force-wide 21 of 98 would give it away from the
    # other three hubs, so the smallest of them (East, 5 of 25) is not shown either.
    assert [row[0] for row in questions["awareness"]] == [
        "6 of 26 (23%)", "not shown (25 answered)", "6 of 24 (25%)", "fewer than 5 of 23", "21 of 98 (21%)"]


def test_small_counts_hide_a_second_hub_and_the_cost_built_on_a_hidden_attendance(built):
    rollup = with_small_counts(collect(built))
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["By BCU"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[4] for row in rows] == ["not shown", 27, "fewer than 5", 27, 84]   # attended
    assert [row[7] for row in rows] == ["fewer than 5", 21, 21, "not shown", 66]   # pairs
    assert [row[8] for row in rows] == ["not shown", 154.25, "not shown", 154.25, None]  # cost per attendee
    # join, before: East's 3 answers are hidden, so another hub's number who answered (West's
    # 23, the smallest) is too; East's count (2) needs a second hidden count as well (North's 11).
    joined = [row[[c.value for c in sheet[1]].index("join: before")] for row in rows]
    assert joined == ["12 of 26 (46%)", "fewer than 5 people answered", "not shown (24 answered)", "not shown",
                      "36 of 76 (47%)"]


def test_29_of_200_prints_as_15_percent_in_the_rollup_pdf_and_workbook(built):
    rollup = collect(built)
    rollup.hubs[0].questions["trust"].before = (29, 200)
    rollup.totals.questions["trust"].before = (29 + 18, 200 + 71)
    pdf, workbook = rollup_pdf(rollup, ORGANISATION, "#1D3557"), rollup_workbook(rollup)
    assert pdf_cells(pdf, rollup)[1]["trust"][0] == ["29 of 200 (15%)", "8 of 24 (33%)"]
    assert workbook_cells(workbook, rollup)[1]["trust"][0] == ["29 of 200 (15%)", "8 of 24 (33%)"]


# --- The action register ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tracked(built, tmp_path_factory) -> Path:
    """The built batch, East with three editions (the third late) and North with two (the second
    late); Central South and West with none."""
    return track_batch(built, tmp_path_factory)


def register_row(row) -> tuple:
    return (row.bcu, [row.statuses[s] for s in REGISTER_STATUSES], row.overdue, row.edition, row.last_update,
            row.days_since, row.next.by, row.next.state, row.kept, row.broken)


def test_the_register_of_a_known_history_on_a_fixed_date(tracked):
    rollup = collect(tracked, AS_OF)
    assert [register_row(row) for row in rollup.register] == [
        ("Central South BCU", [2, 2, 1, 1, 0], 4, 1, date(2023, 3, 28), 157, date(2023, 5, 23), "broken", 0, 1),
        ("East Area BCU", [1, 1, 3, 1, 0], 2, 3, date(2023, 8, 15), 17, date(2023, 10, 10), "due", 1, 1),
        ("North Area BCU", [1, 2, 1, 2, 0], 3, 2, date(2023, 7, 1), 62, date(2023, 8, 26), "broken", 0, 2),
        ("West Area BCU", [2, 2, 1, 1, 0], 4, 1, date(2023, 6, 13), 80, date(2023, 8, 8), "broken", 0, 1),
    ]
    assert [row.recorded for row in rollup.register] == [False, True, True, False]
    assert register_totals(rollup.register) == {
        "statuses": {"Planned": 6, "In progress": 7, "Done": 6, "Not doing": 5, "": 0}, "actions": 24,
        "overdue": 13, "kept": 1, "broken": 5, "bcus_broken": 3, "bcus": 4}


def test_the_register_equals_the_per_hub_figures_of_editions(tracked):
    """Each hub's figures worked out again through packgen.editions, from its own history."""
    from packgen.editions import HISTORY, is_overdue, read_history
    from packgen.report.update_edition import edition_context
    from packgen.text import uk_date

    rollup = collect(tracked, AS_OF)
    assert [row.name for row in rollup.register] == WITH_RESULTS
    for row in rollup.register:
        event = load_config(BATCH_EXAMPLE / f"{row.name}.yaml", defaults=BATCH_EXAMPLE / "defaults.yaml").event
        entries = read_history(tracked / row.name / HISTORY).entries
        actions = entries[-1].actions if entries else read_dataset(BATCH_EXAMPLE / f"{row.name}.results.json").actions
        assert row.statuses == {s: sum(a.status == s for a in actions) for s in REGISTER_STATUSES}
        assert row.overdue == sum(is_overdue(a, AS_OF) for a in actions)
        last = date.fromisoformat(entries[-1].date) if entries else event.dates[-1]
        assert (row.edition, row.days_since) == (len(entries) or 1, (AS_OF - last).days)
        if len(entries) > 1:
            assert uk_date(row.next.by) == edition_context(event, entries[-2], entries[-1], AS_OF)["next"]
        else:
            assert row.next.by == event.follow_up_date


def test_the_register_as_of_an_earlier_date_ignores_later_editions(tracked):
    rollup = collect(tracked, date(2023, 5, 20))
    assert [register_row(row) for row in rollup.register] == [
        ("Central South BCU", [2, 2, 1, 1, 0], 4, 1, date(2023, 3, 28), 53, date(2023, 5, 23), "due", 0, 0),
        ("East Area BCU", [2, 2, 1, 1, 0], 4, 1, date(2023, 4, 18), 32, date(2023, 6, 13), "due", 0, 0),
        ("North Area BCU", [2, 2, 1, 1, 0], 4, 1, date(2023, 4, 25), 25, date(2023, 6, 20), "due", 0, 0),
        ("West Area BCU", [2, 2, 1, 1, 0], 4, None, None, None, date(2023, 8, 8), "due", 0, 0),
    ]
    assert register_findings(rollup) == []


def test_every_broken_promise_is_said_plainly_per_bcu(tracked):
    assert register_findings(collect(tracked, AS_OF)) == [
        "Central South BCU promised update 2 by 23 May 2023, and had not sent it by 1 September 2023.",
        "East Area BCU promised update 3 by 27 July 2023 and sent it late, on 15 August 2023.",
        "North Area BCU promised update 2 by 20 June 2023 and sent it late, on 1 July 2023.",
        "North Area BCU promised update 3 by 26 August 2023, and had not sent it by 1 September 2023.",
        "West Area BCU promised update 2 by 8 August 2023, and had not sent it by 1 September 2023.",
    ]


def test_the_rollup_pdf_holds_the_register_and_counts_the_broken_promises(tracked):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from packgen.cli import cli

    result = CliRunner().invoke(cli, ["rollup", str(tracked), "--date", "01/09/2023"])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tracked / "rollup.pdf").pages).split())
    assert "Actions by status, by BCU, on 1 September 2023" in text
    assert "East Area BCU 1 1 3 1 0 6 2" in text
    assert "Force-wide 6 7 6 5 0 24 13" in text
    assert ("On 1 September 2023, 5 promises to report back were broken across the force, and 3 of 4 BCUs"
            " have not sent the update they promised next.") in text
    for finding in register_findings(collect(tracked, AS_OF)):
        assert finding in text


def test_the_rollup_prints_no_action_s_words(tracked):
    from pypdf import PdfReader

    rollup = collect(tracked, AS_OF)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        rollup_pdf(rollup, ORGANISATION, "#1D3557"))).pages).split())
    workbook = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    for name in WITH_RESULTS:
        for action in read_dataset(BATCH_EXAMPLE / f"{name}.results.json").actions:
            for words in (action.you_said, action.we_did, action.owner, action.progress, action.evidence):
                if words:
                    assert words not in text and words not in cells


def test_a_history_that_cannot_be_read_leaves_the_hub_out_of_the_register_only(tracked, tmp_path):
    from packgen.editions import HISTORY

    out = tmp_path / "out"
    shutil.copytree(tracked, out)
    (out / "west" / HISTORY).write_text('{"schema": "packgen-actions-history/1", "entries": 3}', encoding="utf-8")
    rollup = collect(out, AS_OF)
    assert [hub.name for hub in rollup.hubs] == WITH_RESULTS
    assert [row.name for row in rollup.register] == ["central-south", "east", "north"]
    assert rollup.register_skipped == [
        f"west: {out / 'west' / HISTORY}: the actions' history has 1 problem (put back the file packgen wrote);"
        f" {out / 'west' / HISTORY}, entries: expected a list [ ... ], found 3"]
    assert rollup_notes(rollup)[-1] == f"Left out of the action register: {rollup.register_skipped[0]}"


def test_a_history_beside_the_results_counts_only_when_no_other_hub_s_results_are_there(tmp_path):
    from packgen.editions import HISTORY

    for name in ("a", "shared"):
        (tmp_path / name).mkdir()
        (tmp_path / name / HISTORY).write_text("{}", encoding="utf-8")
    manifest = {"events": {"east": {"results": str(tmp_path / "a" / "east.results.json")},
                           "north": {"results": str(tmp_path / "shared" / "north.results.json")},
                           "west": {"results": str(tmp_path / "shared" / "west.results.json")},
                           "south": {"results": None}}}
    out = tmp_path / "out"
    assert history_path(out, "east", manifest) == tmp_path / "a" / HISTORY
    assert history_path(out, "north", manifest) is None
    assert history_path(out, "south", manifest) is None
    (out / "north").mkdir(parents=True)
    (out / "north" / HISTORY).write_text("{}", encoding="utf-8")
    assert history_path(out, "north", manifest) == out / "north" / HISTORY


def test_the_rollup_says_what_a_before_and_after_survey_can_and_cannot_show(built):
    from pypdf import PdfReader

    from packgen.report.words import design_paragraph

    assert design_paragraph() == MARYLAND
    rollup = collect(built)
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(
        rollup_pdf(rollup, ORGANISATION, "#1D3557"))).pages).split())
    assert "".join(MARYLAND.split()) in text


MARYLAND = (
    "The survey asks the people who came, before the hub and again after it; there is no comparison group of"
    " people who did not come. On the Maryland Scientific Methods Scale, which rates how well a study can show"
    " what works from level 1 (weakest) to level 5 (strongest), a before-and-after survey of the same people"
    " with no comparison group is level 1. It can show how the answers of the people who came changed, and"
    " what they told us. It cannot show that the hub caused the change, what would have happened anyway, or"
    " what people who did not come think.")


def test_an_update_on_the_promised_day_keeps_the_promise_and_the_day_itself_is_still_due():
    from datetime import timedelta

    from packgen.editions import Entry, History
    from packgen.stages.rollup import hub_register

    event = load_config(BATCH_EXAMPLE / "east.yaml", defaults=BATCH_EXAMPLE / "defaults.yaml").event
    promised = event.follow_up_date
    history = History("packgen-actions-history/1", [Entry(event.dates[-1].isoformat(), 1, []),
                                                     Entry(promised.isoformat(), 2, [])])
    row = hub_register("east", event, [], history, promised + timedelta(weeks=8))
    assert [(p.number, p.by, p.sent, p.state) for p in row.promises] == [
        (2, promised, promised, "kept"), (3, promised + timedelta(weeks=8), None, "due")]
    later = hub_register("east", event, [], history, promised + timedelta(weeks=8, days=1))
    assert later.next.state == "broken" and (later.kept, later.broken) == (1, 1)
