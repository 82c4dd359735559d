"""The report stage (packgen.stages.report): reading a hub's results (a results file, or its
sources afresh), writing both reports safely, and where the scan review workbook is looked for.
Building the reports themselves is tested in tests/report/test_report.py (hence this file's name:
test modules need names of their own)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from packgen.errors import OverwriteRefused, ResultsError
from packgen.report import EVALUATION_REPORT, YOU_SAID_WE_DID
from packgen.resources import example_folder
from packgen.results import Sources, ingest
from packgen.stages.report import default_review, read_results, write_reports


@pytest.fixture(scope="module")
def loaded():
    from packgen.config import load_config

    return load_config(example_folder() / "hub.yaml")


@pytest.fixture(scope="module")
def sample_results(loaded):
    """The bundled sample results, read from every kind of source (as the demo does)."""
    from packgen.stages.demo import sample_sources

    return ingest(loaded, sample_sources())


def test_reports_built_from_scans_read_the_review_workbook_beside_the_results(tmp_path):
    assert default_review(tmp_path / "hub" / "reports") == tmp_path / "hub" / "scan-review.xlsx"


def test_read_results_from_a_results_file(loaded, tmp_path, sample_results):
    path = tmp_path / "results.json"
    path.write_text(sample_results.to_json(), encoding="utf-8")
    dataset, warnings = read_results(loaded, path)
    assert len(dataset.pre) == 26 and warnings == []


@pytest.mark.parametrize("text, message", [
    ("[]", "{path}: expected a packgen results file (packgen-results/1), found another kind of JSON file"),
    ('{"schema": "secret"}', "{path}: expected a packgen results file (packgen-results/1), found another kind of JSON file"),
    ("{not json", "{path}, line 1, column 2: not valid JSON (expecting property name enclosed in double quotes)"),
    ('{"schema": "packgen-results/1", "event": {}}',
     "{path}: the results file has 8 problems (correct them, or read the forms again with 'packgen results')\n"
     + "\n".join(f"  - {{path}}, {key}: required, but missing"
                 for key in ["questions", "pre", "post", "pairs", "notes", "actions", "sources", "issues"])),
])
def test_a_broken_results_file_is_named(loaded, tmp_path, text, message):
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        read_results(loaded, path)
    assert str(error.value) == message.format(path=path)


@pytest.mark.parametrize("scores, problem", [
    ({"trust": "7"}, 'pre[3].scores.trust: expected a whole number 0 to 10, found "7"'),
    ({"trust": 99, "heard": -3}, "pre[3].scores.trust: expected a whole number 0 to 10, found 99"),
])
def test_a_hand_edited_score_is_refused_before_any_report_is_built(tmp_path, sample_results, scores, problem):
    import json

    data = json.loads(sample_results.to_json())
    data["pre"][3]["scores"].update(scores)
    results = tmp_path / "results.json"
    results.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        write_reports(example_folder() / "hub.yaml", tmp_path / "out", results=results)
    assert error.value.problems[0] == f"{results}, {problem}"
    assert len(error.value.problems) == len(scores)
    assert not (tmp_path / "out").exists()


def test_results_for_another_hub_warn(loaded, tmp_path, sample_results):
    path = tmp_path / "results.json"
    path.write_text(replace(sample_results, event={**sample_results.event, "title": "Another hub"}).to_json(),
                    encoding="utf-8")
    _, warnings = read_results(loaded, path)
    assert warnings == [f"{path} holds the results of 'Another hub', but {loaded.path} describes"
                        " 'Trust and confidence Innovation Hub'"]


def test_no_results_given_is_an_error(loaded):
    with pytest.raises(ResultsError) as error:
        read_results(loaded, None, Sources())
    assert str(error.value) == ("no results given: name a results file with --results (made by 'packgen"
                                " results'), or the forms with --pre and --post, or --workbook")


def test_write_reports_writes_both_and_keeps_the_organisers_changes(tmp_path, sample_results):
    results = tmp_path / "results.json"
    results.write_text(sample_results.to_json(), encoding="utf-8")
    config = example_folder() / "hub.yaml"
    result = write_reports(config, tmp_path / "out", results=results)
    assert result.written.written == [tmp_path / "out" / EVALUATION_REPORT, tmp_path / "out" / YOU_SAID_WE_DID]
    assert result.warnings == []
    (tmp_path / "out" / YOU_SAID_WE_DID).write_bytes(b"edited")
    with pytest.raises(OverwriteRefused):
        write_reports(config, tmp_path / "out", results=results)
    assert (tmp_path / "out" / YOU_SAID_WE_DID).read_bytes() == b"edited"


def test_write_reports_reads_the_sources_afresh(tmp_path):
    from packgen.stages.demo import sample_sources

    result = write_reports(example_folder() / "hub.yaml", tmp_path, sources=sample_sources())
    assert len(result.dataset.post) == 24
    assert sorted(p.name for p in result.written.written) == [EVALUATION_REPORT, YOU_SAID_WE_DID]


def test_write_reports_never_writes_over_the_results_it_reads(tmp_path, sample_results):
    from packgen.output import write_outputs

    out = tmp_path / "out"
    write_outputs(out, {YOU_SAID_WE_DID: sample_results.to_json().encode("utf-8")})  # packgen wrote it there
    with pytest.raises(OverwriteRefused) as error:
        write_reports(example_folder() / "hub.yaml", out, results=out / YOU_SAID_WE_DID, force=True)
    assert error.value.problems[0] == f"{out / YOU_SAID_WE_DID} is a file this command reads"
    assert (out / YOU_SAID_WE_DID).read_bytes() == sample_results.to_json().encode("utf-8")
    assert not (out / EVALUATION_REPORT).exists()


def test_write_reports_never_writes_over_the_scans_it_reads(tmp_path):
    import shutil

    from packgen.output import write_outputs
    from packgen.results import Sources

    out = tmp_path / "out"
    scans = example_folder() / "results" / "scans"
    write_outputs(out, {EVALUATION_REPORT: (scans / "scanned-forms.pdf").read_bytes()})  # packgen wrote it there
    shutil.copy(scans / "pre-event-forms.layout.json", tmp_path)
    with pytest.raises(OverwriteRefused) as error:
        write_reports(example_folder() / "hub.yaml", out, force=True,
                      sources=Sources(scans=[out / EVALUATION_REPORT], layouts=[tmp_path / "pre-event-forms.layout.json"]))
    assert error.value.problems[0] == f"{out / EVALUATION_REPORT} is a file this command reads"
    assert (out / EVALUATION_REPORT).read_bytes() == (scans / "scanned-forms.pdf").read_bytes()


def test_report_with_scans_reads_the_review_workbook_beside_its_folder_as_results_writes_it(tmp_path):
    from click.testing import CliRunner
    from openpyxl import Workbook

    from packgen.cli import cli

    scans = example_folder() / "results" / "scans" / "scanned-forms.pdf"
    review = tmp_path / "scan-review.xlsx"  # where 'packgen results -o tmp/results.json' writes it
    Workbook().save(review)  # not a review workbook: reading it by default is refused, naming it
    result = CliRunner().invoke(cli, ["report", str(example_folder() / "hub.yaml"), "--scans", str(scans),
                                      "-o", str(tmp_path / "reports")])
    assert result.exit_code == 1  # a file given that cannot be used, as every results problem
    assert result.output == (f"Error: {review}: not a scan review workbook written by packgen; name another file"
                             " with --review\n")
    assert not (tmp_path / "reports").exists()
