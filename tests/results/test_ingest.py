import csv
import json
from datetime import datetime

import openpyxl
import pytest
from office_csv import office_csv  # noqa: F401  (the fixture)

from packgen.errors import ResultsError
from packgen.evaluation import evaluate
from packgen.report.words import data_quality
from packgen.results import Dataset, Sources, ingest
from packgen.results.summary import summary_lines

PRE_WORDING = {
    "trust": "How much do you trust the police at the moment?",
    "heard": "Before today, how much chance have you had to share your views with the police?",
}
POST_TRUST = "How much do you trust the police now?"
METADATA = ["ID", "Start time", "Completion time", "Email", "Name"]


def ms_forms_export(path, header, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Form1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_file(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def pre_export(tmp_path, rows):
    when = datetime(2022, 2, 25, 9, 40)
    header = [*METADATA, PRE_WORDING["heard"], "Your personal code", PRE_WORDING["trust"],
              "Which of these best describes you?"]
    full = [[i + 1, when, when, "anonymous", "", *row] if any(row) else [None] * 9
            for i, row in enumerate(rows)]
    return ms_forms_export(tmp_path / "pre.xlsx", header, full)


def test_microsoft_forms_export_is_read_by_header_not_position(tmp_path, example_config):
    path = pre_export(tmp_path, [[6, "AB12", 3, "Resident"], ["9 - Every chance", "cd 34", "8", "resident"]])
    dataset = ingest(example_config, Sources(pre=[path]))
    assert [(r.code, r.scores, r.sector) for r in dataset.pre] == [
        ("AB12", {"heard": 6, "trust": 3}, "Resident"),
        ("cd 34", {"heard": 9, "trust": 8}, "Resident"),
    ]
    assert dataset.sources[0].kind == "microsoft-forms"
    assert dataset.sources[0].forms == 2
    assert [str(i) for i in dataset.issues] == [
        f"{path}, sheet 'Form1': no column for the question"
        " 'How much do you know about the ways t...' (awareness)",
        f"{path}, sheet 'Form1': no column for the question 'How likely are you to think about joi...' (join)",
    ]


def test_every_unusable_value_is_reported_with_row_and_column(tmp_path, example_config):
    path = pre_export(tmp_path, [[11, "A1", 5, ""], [None] * 4, ["N/A", "A2", "seven", ""],
                                 [3, "A3", "7/10", "Martian"]])
    dataset = ingest(example_config, Sources(pre=[path]))
    issues = [str(i) for i in dataset.issues if i.kind != "missing_question"]
    assert issues == [
        f"{path}, sheet 'Form1', row 2, column F ('Before today, how much chance have yo...'):"
        " expected a score from 0 to 10, found 11",
        f"{path}, sheet 'Form1', row 3: blank row, skipped",
        f"{path}, sheet 'Form1', row 4, column H ('How much do you trust the police at t...'):"
        " expected a score from 0 to 10, found 'seven'",
        f"{path}, sheet 'Form1', row 5, column I ('Which of these best describes you?'):"
        " 'Martian' is not one of the sectors; counted as given",
    ]
    assert [r.scores for r in dataset.pre] == [{"trust": 5}, {}, {"heard": 3, "trust": 7}]
    assert dataset.sources[0].blank_rows == 1


def test_google_forms_csv_with_unknown_and_duplicate_columns(tmp_path, example_config):
    header = ["Timestamp", "Email Address", "Your personal code", POST_TRUST, "Favourite colour",
              "trust", "How likely are you to come to an event like this again?"]
    path = csv_file(tmp_path / "post.csv", header, [["25/02/2022 15:10", "", "AB12", "9", "blue", "1", "10"]])
    dataset = ingest(example_config, Sources(post=[path]))
    assert dataset.post[0].scores == {"trust": 9, "return": 10}
    assert dataset.sources[0].kind == "google-forms"
    kinds = [(i.kind, str(i.place)) for i in dataset.issues if i.kind != "missing_question"]
    assert kinds == [
        ("unknown_column", f"{path}, row 1, column E ('Favourite colour')"),
        ("duplicate_column", f"{path}, row 1, column F ('trust')"),
    ]


def test_pairing_by_code_ignores_case_and_spaces_and_refuses_duplicates(tmp_path, example_config):
    pre = pre_export(tmp_path, [[5, "ab 12", 3, ""], [5, "CD34", 4, ""], [5, "cd34", 6, ""], [5, "EF56", 2, ""]])
    post = csv_file(tmp_path / "post.csv", ["Your personal code", POST_TRUST],
                    [["AB12", "8"], ["CD34", "9"], ["GH78", "7"]])
    dataset = ingest(example_config, Sources(pre=[pre], post=[post]))
    assert [(a.code, b.code) for a, b in dataset.pairs()] == [("ab 12", "AB12")]
    [duplicate] = [i for i in dataset.issues if i.kind == "duplicate_code"]
    assert str(duplicate) == (
        f"{pre}, sheet 'Form1', row 3: the personal code 'CD34' is on 2 pre-event forms"
        f" (also {pre}, sheet 'Form1', row 4); none of them is paired")
    assert len(dataset.pre) == 4 and len(dataset.post) == 3


def test_the_same_answers_through_different_sources_give_the_same_dataset(tmp_path, example_config):
    rows = [["AB12", 3, 6], ["CD34", 8, 9]]
    xlsx = ms_forms_export(tmp_path / "a.xlsx", ["Your personal code", PRE_WORDING["trust"], PRE_WORDING["heard"]], rows)
    plain = csv_file(tmp_path / "b.csv", ["heard", "trust", "Personal code"], [[r[2], r[1], r[0]] for r in rows])
    from_xlsx = ingest(example_config, Sources(pre=[xlsx]))
    from_csv = ingest(example_config, Sources(pre=[plain]))
    assert [(r.code, r.scores) for r in from_xlsx.pre] == [(r.code, r.scores) for r in from_csv.pre]


def test_dataset_round_trips_through_json(tmp_path, example_config):
    path = pre_export(tmp_path, [[6, "AB12", 3, "Resident"], [11, "CD34", 8, ""]])
    dataset = ingest(example_config, Sources(pre=[path]))
    again = Dataset.from_json(dataset.to_json())
    assert again == dataset
    data = json.loads(dataset.to_json())
    assert data["schema"] == "packgen-results/1"
    assert data["pre"][0]["scores"] == {"heard": 6, "trust": 3}


def test_a_file_that_is_not_a_results_file_is_named(tmp_path, example_config):
    path = csv_file(tmp_path / "x.csv", ["colour", "size"], [["red", "L"]])
    dataset = ingest(example_config, Sources(pre=[path]))
    assert [str(i) for i in dataset.issues] == [
        f"{path}: no column matches the pre-event form (expected headers such as 'Your personal code'"
        " and the questions' wording); is this the right file?"]


def test_no_sources_is_an_error(example_config):
    with pytest.raises(ResultsError) as error:
        ingest(example_config, Sources())
    assert str(error.value) == (
        "no results given: name the forms with --pre and --post, or a planning workbook with --workbook")


def test_reading_never_changes_the_files(tmp_path, example_config):
    path = pre_export(tmp_path, [[6, "AB12", 3, "Resident"]])
    before = path.read_bytes()
    ingest(example_config, Sources(pre=[path]))
    assert path.read_bytes() == before


@pytest.mark.libreoffice
@pytest.mark.parametrize("delimiter,encoding", [(";", "windows-1252"), (",", "windows-1252"), ("\t", "utf-8")],
                         ids=["european-excel", "excel-comma-delimited", "tab"])
def test_older_and_european_excel_csv_gives_the_same_forms_as_csv_utf8(tmp_path, example_config, office_csv,
                                                                         delimiter, encoding):
    header = ["Your personal code", POST_TRUST, "Today, how much chance have you had to share your views with the police?",
              "What should happen next?"]
    rows = [header, ["AB12", "9", "Don\u2019t know", "Meet in cafés; £5 vouchers, please"],
            ["CD34", "DON\u2019T KNOW", "7", "Publish the minutes; then, talk"]]
    expected = office_csv(tmp_path / "utf8.csv", rows, ",")
    path = office_csv(tmp_path / "export.csv", rows, delimiter, encoding)
    dataset = ingest(example_config, Sources(post=[path]))
    reference = ingest(example_config, Sources(post=[expected]))
    forms = [(r.code, r.scores, r.answers) for r in dataset.post]
    assert forms == [("AB12", {"trust": 9}, {"next_steps": "Meet in cafés; £5 vouchers, please"}),
                     ("CD34", {"heard": 7}, {"next_steps": "Publish the minutes; then, talk"})]
    assert forms == [(r.code, r.scores, r.answers) for r in reference.post]
    issues = [(i.kind, str(i)) for i in dataset.issues if i.kind != "missing_question"]
    if encoding == "windows-1252":
        assert issues == [("not_utf8", f"{path}: the file is not UTF-8; read as Windows-1252 (Excel's"
                           " 'CSV (Comma delimited)'): check that letters such as é and signs such as £"
                           " came through, or save it as 'CSV UTF-8'")]
        assert "  1 files read as Windows-1252, not UTF-8" in summary_lines(dataset)
        assert "1 CSV file was read as Windows-1252 (Excel's older CSV format) rather than UTF-8." in (
            data_quality(evaluate(example_config.event, dataset)))
    else:
        assert issues == []


def actions_workbook(path, header, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(["You said, we did: actions"])
    sheet.append(["Guidance"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_actions_are_read_with_their_tracking_columns(tmp_path, example_config):
    path = actions_workbook(tmp_path / "planning.xlsx",
                            ["You said", "We did", "Owner", "Status", "Due date", "Progress note or reason",
                             "Evidence", "Last changed", "Id"],
                            [["More meetings", "Monthly now", "Inspector", " done ", datetime(2022, 4, 5),
                              "Since April", "The panel's web page", "20/06/2022", "A1"]])
    action = ingest(example_config, Sources(actions=[path])).actions[0]
    assert (action.id, action.status, action.due, action.progress, action.evidence, action.changed) == \
        ("A1", "Done", "2022-04-05", "Since April", "The panel's web page", "2022-06-20")


def test_a_workbook_without_the_tracking_columns_gives_ids_from_what_was_said(tmp_path, example_config):
    path = actions_workbook(tmp_path / "planning.xlsx", ["You said", "We did", "Owner", "Status", "Due date"],
                            [["More meetings", "Monthly now", "Inspector", "Planned", None]])
    action = ingest(example_config, Sources(actions=[path])).actions[0]
    assert (action.id, action.progress, action.evidence, action.changed) == ("A-30356a", "", "", "")


def test_a_status_outside_the_list_and_a_repeated_id_are_reported_with_their_place(tmp_path, example_config):
    path = actions_workbook(tmp_path / "planning.xlsx", ["You said", "Status", "Id"],
                            [["More meetings", "Ongoing", "A1"], ["Fewer forms", "Not doing", "A1"]])
    dataset = ingest(example_config, Sources(actions=[path]))
    assert [a.status for a in dataset.actions] == ["", "Not doing"]
    assert [str(i) for i in dataset.issues if i.kind in ("bad_value", "duplicate_id")] == [
        f"{path}, sheet 'Actions', row 4, column status: expected a status of Planned, In progress, Done or"
        " Not doing, found 'Ongoing'",
        f"{path}, sheet 'Actions', row 5, column id: the id 'A1' is also another action's; give each action its own",
    ]
