"""The bundled sample results exercise every source; their figures are known exactly."""

import json

import openpyxl
from click.testing import CliRunner

from packgen.cli import cli
from packgen.results import Dataset, Sources, ingest
from packgen.resources import example_folder

SAMPLES = example_folder() / "results"
PLANNING = SAMPLES / "planning.xlsx"


def all_sources() -> Sources:
    return Sources(pre=[SAMPLES / "pre-microsoft-forms.xlsx", PLANNING],
                   post=[SAMPLES / "post-google-forms.csv", PLANNING, SAMPLES / "returned"],
                   workbook=PLANNING)


def test_every_source_is_read_with_exact_counts(example_config):
    dataset = ingest(example_config, all_sources())
    assert [(s.stage, s.kind, s.forms) for s in dataset.sources] == [
        ("pre", "microsoft-forms", 18), ("pre", "capture-sheet", 8),
        ("post", "google-forms", 15), ("post", "capture-sheet", 7), ("post", "returned-forms", 2),
    ]
    assert (len(dataset.pre), len(dataset.post), len(dataset.pairs())) == (26, 24, 21)
    assert (len(dataset.notes), len(dataset.actions)) == (11, 6)
    assert sorted(i.kind for i in dataset.issues) == ["bad_score", "bad_score", "blank_row", "duplicate_code"]


def test_the_sample_slips_are_reported_where_they_are(example_config):
    dataset = ingest(example_config, all_sources())
    places = {i.kind + ":" + str(i.place) for i in dataset.issues}
    assert f"blank_row:{PLANNING}, sheet 'Pre responses', row 8" in places
    assert (f"bad_score:{PLANNING}, sheet 'Pre responses', row 11,"
            " column C ('trust: How much do you trust the poli...')") in places
    assert (f"bad_score:{SAMPLES / 'post-google-forms.csv'}, row 8,"
            " column J ('How likely are you to recommend an ev...')") in places


def test_actions_and_notes_are_read_from_the_workbook(example_config):
    dataset = ingest(example_config, Sources(workbook=PLANNING))
    assert dataset.actions[0].status == "Done"
    assert dataset.actions[0].due == "2022-04-05"
    assert dataset.actions[5].due == ""
    assert dataset.notes[0].table == "Table 1" and dataset.notes[0].session == 1
    assert {n.session for n in dataset.notes} == {1, 2, 3}


def test_results_command_writes_a_dataset_report_can_read(tmp_path):
    out = tmp_path / "results.json"
    args = ["results", str(example_folder() / "hub.yaml"), "--workbook", str(PLANNING),
            "--pre", str(SAMPLES / "pre-microsoft-forms.xlsx"), "--pre", str(PLANNING),
            "--post", str(SAMPLES / "post-google-forms.csv"), "--post", str(PLANNING),
            "--post", str(SAMPLES / "returned"), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Forms: 26 before, 24 after; 21 pair(s) matched by personal code." in result.output
    assert "4 problem(s) found (not used; --strict makes them errors):" in result.output
    assert result.output.endswith(f"Wrote {out}\n")
    dataset = Dataset.from_json(out.read_text(encoding="utf-8"))
    assert len(dataset.pairs()) == 21
    assert len(json.loads(out.read_text())["pairs"]) == 21


def test_strict_makes_problems_fatal_and_writes_nothing(tmp_path):
    out = tmp_path / "results.json"
    args = ["results", str(example_folder() / "hub.yaml"), "--workbook", str(PLANNING), "--strict", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Error: --strict: 2 problem(s) in the results; nothing written" in result.output
    assert not out.exists()


def test_results_command_reports_an_unreadable_file_in_one_line(tmp_path):
    bad = tmp_path / "export.xlsx"
    bad.write_text("Timestamp,trust\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["results", str(example_folder() / "hub.yaml"), "--pre", str(bad),
                                      "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {bad}: the file is not a .xlsx file (it looks like CSV text; rename it to .csv)\n")


def test_entry_sheet_command_refuses_to_replace_a_typed_sheet(tmp_path):
    out = tmp_path / "typed.xlsx"
    config = str(example_folder() / "hub.yaml")
    assert CliRunner().invoke(cli, ["entry-sheet", config, "--stage", "pre", "-o", str(out)]).exit_code == 0
    blank = CliRunner().invoke(cli, ["entry-sheet", config, "--stage", "pre", "-o", str(out)])
    assert blank.exit_code == 0, "a sheet packgen wrote, typed into by nobody, is replaced"
    workbook = openpyxl.load_workbook(out)
    workbook.active.append(["AB12", "Resident", 3])
    workbook.save(out)
    again = CliRunner().invoke(cli, ["entry-sheet", config, "--stage", "pre", "-o", str(out)])
    assert again.exit_code == 3
    assert again.output == (f"Error: {tmp_path}: packgen did not write anything, to keep your work\n"
                            f"  - {out} has been changed since packgen wrote it\n"
                            "  - Use --force to replace them (your versions are kept as dated copies), or write"
                            " to another folder with -o.\n")
    wrong = CliRunner().invoke(cli, ["entry-sheet", config, "--stage", "pre", "-o", str(tmp_path / "a.txt")])
    assert wrong.exit_code == 2


def test_budget_and_attendance_come_from_the_workbook_without_names(example_config):
    dataset = ingest(example_config, Sources(workbook=PLANNING))
    assert [(line.item, line.estimate, line.actual) for line in dataset.budget] == [
        ("Venue hire", 0, 0), ("Food and drink", 1800, 1640.5), ("Vouchers for attendees", 2000, 1925),
        ("Materials (flip charts, pens, printing)", 350, 312.8), ("Travel costs for attendees", 400, 286.4)]
    assert dataset.budget_total == 5000
    assert sum(row.invited for row in dataset.attendance) == 30
    assert sum(row.attended for row in dataset.attendance) == 27
    assert "Adaeze" not in dataset.to_json()
