"""Reading results.json back: the file is validated against its schema (packgen-results/1), and a
hand-edited file is refused with the place of every problem, never half-read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packgen.stages.demo import sample_sources
from packgen.errors import ResultsError
from packgen.results import ingest
from packgen.results.dataset import SCHEMA, Dataset, derived_action_id, read_dataset

BATCH_EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "batch-example"
HEADLINE = "{path}: the results file has {count} (correct them, or read the forms again with 'packgen results')"


@pytest.fixture(scope="module")
def sample_text():
    from packgen.config import load_config
    from packgen.resources import example_folder

    return ingest(load_config(example_folder() / "hub.yaml"), sample_sources()).to_json()


def edited(sample_text: str, change) -> str:
    data = json.loads(sample_text)
    change(data)
    return json.dumps(data)


def problems_of(text: str, path="results.json") -> tuple[str, list[str]]:
    with pytest.raises(ResultsError) as error:
        Dataset.from_json(text, path)
    return error.value.message, error.value.problems


def test_a_results_file_reads_back_as_it_was_written(sample_text):
    dataset = Dataset.from_json(sample_text)
    assert dataset.to_json() == sample_text
    assert len(dataset.pre) == 26 and dataset.pre[0].scores == json.loads(sample_text)["pre"][0]["scores"]


@pytest.mark.parametrize("name", sorted(p.name for p in BATCH_EXAMPLE.glob("*.results.json")))
def test_every_bundled_results_file_is_valid(name):
    assert read_dataset(BATCH_EXAMPLE / name).pre


def test_scores_that_are_text_or_out_of_range_are_refused_with_their_place(sample_text):
    def change(data):
        data["pre"][3]["scores"]["trust"] = 99
        data["pre"][4]["scores"]["trust"] = "7"
        data["post"][2]["scores"]["trust"] = -3
        data["post"][3]["scores"]["trust"] = 7.5
        data["post"][4]["scores"]["trust"] = True

    message, problems = problems_of(edited(sample_text, change))
    assert message == HEADLINE.format(path="results.json", count="5 problems")
    assert problems == [
        "results.json, pre[3].scores.trust: expected a whole number 0 to 10, found 99",
        'results.json, pre[4].scores.trust: expected a whole number 0 to 10, found "7"',
        "results.json, post[2].scores.trust: expected a whole number 0 to 10, found -3",
        "results.json, post[3].scores.trust: expected a whole number 0 to 10, found 7.5",
        "results.json, post[4].scores.trust: expected a whole number 0 to 10, found true",
    ]


def test_every_part_of_the_file_is_checked(sample_text):
    def change(data):
        del data["notes"]
        data["colour"] = "blue"
        data["event"]["title"] = None
        data["questions"][0]["cutoff"] = 11
        data["pre"][0]["consent"] = "yes"
        data["pre"][1]["source"]["row"] = 0
        data["pre"][1]["source"]["cell"] = "B4"
        data["actions"][0]["due"] = "05/04/2022"
        data["actions"][1]["due"] = "2022-02-30"
        data["budget_total"] = "5000"
        data["attendance"][0]["invited"] = 1.5
        data["sources"][0]["stage"] = 1

    message, problems = problems_of(edited(sample_text, change))
    assert message == HEADLINE.format(path="results.json", count="12 problems")
    assert problems == [
        "results.json, notes: required, but missing",
        "results.json, colour: unknown key",
        "results.json, event.title: expected text, found null",
        "results.json, questions[0].cutoff: expected a whole number 1 to 10, found 11",
        'results.json, pre[0].consent: expected true or false, found "yes"',
        "results.json, pre[1].source.row: expected a row number, 1 or more, found 0",
        "results.json, pre[1].source.cell: unknown key",
        'results.json, actions[0].due: expected a date written YYYY-MM-DD, or "", found "05/04/2022"',
        'results.json, actions[1].due: expected a date written YYYY-MM-DD, or "", found "2022-02-30"',
        "results.json, sources[0].stage: expected text, found 1",
        'results.json, budget_total: expected an amount in pounds, 0 or more, found "5000"',
        "results.json, attendance[0].invited: expected a whole number, 0 or more, found 1.5",
    ]


def test_a_form_in_the_wrong_list_or_a_score_for_no_question_is_refused(sample_text):
    def change(data):
        data["pre"][2]["stage"] = "post"
        data["post"][0]["scores"]["trst"] = 4

    _, problems = problems_of(edited(sample_text, change))
    assert problems == [
        'results.json, pre[2].stage: expected "pre" (the form is in the \'pre\' list), found "post"',
        "results.json, post[0].scores.trst: not a question of this file (its questions: 'trust', 'awareness',"
        " 'heard', 'join', 'return', 'recommend')",
    ]


def test_pairs_edited_by_hand_are_refused_not_silently_ignored(sample_text):
    pairs = json.loads(sample_text)["pairs"]

    _, problems = problems_of(edited(sample_text, lambda data: data["pairs"][0].__setitem__(2, 5)))
    assert problems == [f"results.json, pairs[0]: expected {json.dumps(pairs[0])}, the pair the personal codes"
                        f" give, found {json.dumps([*pairs[0][:2], 5])}"]
    _, problems = problems_of(edited(sample_text, lambda data: data["pairs"].pop()))
    assert problems == [f"results.json, pairs: expected {len(pairs)} pairs, the ones the personal codes give,"
                        f" found {len(pairs) - 1}"]


def test_files_written_before_the_budget_was_added_still_read(sample_text):
    def change(data):
        for key in ("budget", "budget_total", "attendance"):
            del data[key]

    dataset = Dataset.from_json(edited(sample_text, change))
    assert (dataset.budget, dataset.budget_total, dataset.attendance) == ([], None, [])


@pytest.mark.parametrize("text, message", [
    ("[]", f"{{path}}: expected a packgen results file ({SCHEMA}), found another kind of JSON file"),
    ('{"schema": "root:x:0:0"}', f"{{path}}: expected a packgen results file ({SCHEMA}), found another kind of JSON file"),
    ('{"schema": "packgen-results/2"}', f"{{path}}: expected a packgen results file ({SCHEMA}),"
                                        " found 'packgen-results/2', a version this packgen does not read"),
    ('{\n  "schema": "packgen-results/1",\n  "event": {,\n}', "{path}, line 3, column 13: not valid JSON"
                                                           " (expecting property name enclosed in double quotes)"),
])
def test_a_file_that_is_not_a_results_file_is_named(tmp_path, text, message):
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        read_dataset(path)
    assert str(error.value) == message.format(path=path)


def test_a_file_that_is_not_text_is_named(tmp_path):
    path = tmp_path / "results.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(ResultsError) as error:
        read_dataset(path)
    assert str(error.value) == f"{path}: not a packgen results file (it is not UTF-8 text)"


def test_an_action_written_before_tracking_reads_with_defaults_and_an_id_from_what_was_said(sample_text):
    def change(data):
        for key in ("id", "progress", "evidence", "changed"):
            del data["actions"][0][key]
        data["actions"][0]["status"] = "in  PROGRESS"

    action = Dataset.from_json(edited(sample_text, change)).actions[0]
    assert (action.id, action.status, action.progress, action.evidence, action.changed) == \
        ("A-92e137", "In progress", "", "", "")
    assert derived_action_id(" meetings in POLICE stations put people off. ") == "A-92e137"


def test_an_action_status_outside_the_list_is_refused_with_its_place(sample_text):
    def change(data):
        data["actions"][1]["status"] = "Ongoing"
        data["actions"][2]["changed"] = "1 June 2022"

    _, problems = problems_of(edited(sample_text, change))
    assert problems == [
        'results.json, actions[1].status: expected one of "Planned", "In progress", "Done", "Not doing" or "",'
        ' found "Ongoing"',
        'results.json, actions[2].changed: expected a date written YYYY-MM-DD, or "", found "1 June 2022"',
    ]
