import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from packgen.batch import run_batch
from packgen.config import load_config
from packgen.evaluation import evaluate
from packgen.results.dataset import Dataset
from packgen.rollup import collect, rollup_workbook

BATCH_EXAMPLE = Path(__file__).resolve().parent.parent / "config" / "batch-example"
WITH_RESULTS = ["central-south", "east", "north", "west"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example batch with two events without results and the four with, built once."""
    folder = tmp_path_factory.mktemp("batch")
    for name in ["defaults.yaml", "logo.png", "central-east.yaml",
                 *(f"{n}.yaml" for n in WITH_RESULTS), *(f"{n}.results.json" for n in WITH_RESULTS)]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    out = tmp_path_factory.mktemp("out")
    run_batch(folder, out, jobs=1)
    return out


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


def test_rollup_workbook_applies_the_disclosure_threshold(built):
    rollup = collect(built)
    rollup.hubs[0].pairs = 4  # below the threshold of 5
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["By BCU"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Central South BCU"]["Pairs"] == "fewer than 5"
    assert rows["Force-wide"]["Invited"] == rollup.totals.invited
    trust = rollup.totals.questions["trust"].after
    assert rows["Force-wide"]["trust: after"] == f"{trust[0]} of {trust[1]} ({round(100 * trust[0] / trust[1])}%)"
    assert rows["Central South BCU"]["return: before"] == "not asked"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


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


def test_batch_with_reports_builds_pdfs_only_for_events_with_results(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ["defaults.yaml", "logo.png", "central-east.yaml", "east.yaml", "east.results.json"]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    outcomes = {o.name: o for o in run_batch(folder, tmp_path / "out", jobs=1, reports=True)}
    assert "evaluation-report.pdf" in outcomes["east"].outputs
    assert "you-said-we-did.pdf" in outcomes["east"].outputs
    assert "evaluation-report.pdf" not in outcomes["central-east"].outputs


def test_rollup_workbook_text_starting_a_formula_stays_text_when_edited(built):
    rollup = collect(built)
    rollup.hubs[0].bcu, rollup.hubs[0].title = "=HYPERLINK(\"http://example.com\")", "@SUM(A1:A2)"
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["By BCU"]
    cells = list(sheet[2])[:3]
    assert [c.value for c in cells] == ["=HYPERLINK(\"http://example.com\")", "@SUM(A1:A2)", rollup.hubs[0].dates]
    assert [(c.data_type, c.quotePrefix) for c in cells] == [("s", True), ("s", True), ("s", False)]


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
