import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from packgen.stages.batch import MANIFEST, discover, run_batch
from packgen.cli import cli
from packgen.errors import ConfigError, OverwriteRefused
from packgen.output import sha256

BATCH_EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "batch-example"
SMALL = ["central-east", "central-south", "west"]


@pytest.fixture
def small_batch(tmp_path) -> Path:
    """Three events of the example batch with their defaults, in a folder of their own."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ["defaults.yaml", "logo.png", *(f"{s}.yaml" for s in SMALL)]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    return folder


def statuses(outcomes) -> dict[str, str]:
    return {o.name: o.status for o in outcomes}


def test_discover_finds_every_event_and_the_defaults_of_a_folder():
    batch = discover(BATCH_EXAMPLE)
    assert batch.defaults == BATCH_EXAMPLE / "defaults.yaml"
    assert [e.name for e in batch.events] == [
        "central-east", "central-north", "central-south", "central-west", "east", "north", "north-east",
        "north-west", "south", "south-east", "south-west", "west"]
    assert [e.name for e in batch.events if e.results] == ["central-south", "east", "north", "west"]
    assert batch.events[2].results == BATCH_EXAMPLE / "central-south.results.json"


def test_discover_reads_a_batch_file(tmp_path, small_batch):
    listing = small_batch / "batch.txt"
    listing.write_text("defaults: defaults.yaml\nevents:\n  - west.yaml\n  - config: central-east.yaml\n"
                       "    name: ce\n", encoding="utf-8")
    batch = discover(listing)
    assert [(e.name, e.config.name) for e in batch.events] == [("west", "west.yaml"), ("ce", "central-east.yaml")]
    assert batch.defaults == small_batch / "defaults.yaml"


def test_a_batch_file_with_two_events_writing_one_folder_is_refused(small_batch):
    listing = small_batch / "batch.txt"
    listing.write_text("events: [west.yaml, {config: central-east.yaml, name: west}]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        discover(listing)
    assert str(error.value) == f"{listing}: two events would both write into 'west'; give one a 'name'"


def test_every_event_is_built_with_a_manifest_matching_the_files(small_batch, tmp_path):
    out = tmp_path / "out"
    outcomes = run_batch(small_batch, out, jobs=2)
    assert statuses(outcomes) == {name: "built" for name in SMALL}
    manifest = json.loads((out / MANIFEST).read_text())
    for name in SMALL:
        outputs = manifest["events"][name]["outputs"]
        assert sorted(outputs) == ["planning.xlsx", "post-event-form.docx", "pre-event-form.docx",
                                   "presentation.pptx"]
        for file, digest in outputs.items():
            assert sha256((out / name / file).read_bytes()) == digest


def test_a_second_run_rebuilds_nothing_and_force_rebuilds_identical_files(small_batch, tmp_path):
    out = tmp_path / "out"
    run_batch(small_batch, out, jobs=1)
    before = {p: p.read_bytes() for p in out.rglob("*.docx")}
    assert statuses(run_batch(small_batch, out, jobs=1)) == {name: "skipped" for name in SMALL}
    assert statuses(run_batch(small_batch, out, jobs=1, force=True)) == {name: "built" for name in SMALL}
    assert {p: p.read_bytes() for p in out.rglob("*.docx")} == before


def test_changing_one_config_rebuilds_that_event_alone(small_batch, tmp_path):
    out = tmp_path / "out"
    run_batch(small_batch, out, jobs=1)
    config = small_batch / "west.yaml"
    config.write_text(config.read_text().replace("tables: 6", "tables: 7"), encoding="utf-8")
    assert statuses(run_batch(small_batch, out, jobs=1)) == {
        "central-east": "skipped", "central-south": "skipped", "west": "built"}


def test_changing_the_defaults_rebuilds_every_event(small_batch, tmp_path):
    out = tmp_path / "out"
    run_batch(small_batch, out, jobs=1)
    defaults = small_batch / "defaults.yaml"
    defaults.write_text(defaults.read_text().replace("total: 5000", "total: 6000"), encoding="utf-8")
    assert statuses(run_batch(small_batch, out, jobs=1)) == {name: "built" for name in SMALL}


def test_an_output_changed_since_is_rebuilt_only_with_its_owner_s_consent(small_batch, tmp_path):
    out = tmp_path / "out"
    run_batch(small_batch, out, jobs=1)
    (out / "west" / "presentation.pptx").write_bytes(b"edited")
    [west] = [o for o in run_batch(small_batch, out, jobs=1) if o.name == "west"]
    assert west.status == "failed"
    assert f"{out / 'west' / 'presentation.pptx'} has been changed since packgen wrote it" in west.reason


def test_one_broken_event_never_stops_the_others(small_batch, tmp_path):
    (small_batch / "broken.yaml").write_text("extends: defaults.yaml\nbcu: Nowhere\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(small_batch), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Event", "Status", "Outputs", "or", "reason"]
    assert [line.split()[:2] for line in lines[1:] if line and not line.startswith(" ")][:4] == [
        ["broken", "failed"], ["central-east", "built"], ["central-south", "built"], ["west", "built"]]
    assert lines[-1] == f"3 built, 0 unchanged, 1 failed. Manifest: {tmp_path / 'out' / MANIFEST}"
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 of 4 events failed; each is listed above with its reason, and the others were built")
    assert (tmp_path / "out" / "west" / "planning.xlsx").is_file()


def test_a_workbook_holding_typed_results_is_never_overwritten_in_a_batch(small_batch, tmp_path):
    out = tmp_path / "out"
    run_batch(small_batch, out, jobs=1)
    planning = out / "west" / "planning.xlsx"
    workbook = openpyxl.load_workbook(planning)
    workbook["Pre responses"]["A4"] = "AB12"
    workbook.save(planning)
    typed = planning.read_bytes()
    outcomes = run_batch(small_batch, out, jobs=1, force=False)
    assert statuses(outcomes)["west"] == "failed"
    assert planning.read_bytes() == typed


def test_a_manifest_packgen_did_not_write_is_kept_and_nothing_is_built(small_batch, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text("my own list of hubs")
    with pytest.raises(OverwriteRefused) as error:
        run_batch(small_batch, out, jobs=1)
    assert error.value.problems[0] == f"{out / MANIFEST} already exists and was not written by packgen"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]
    assert (out / MANIFEST).read_text() == "my own list of hubs"
    run_batch(small_batch, out, jobs=1, force=True)
    [copy] = out.glob("manifest (yours, *).json")
    assert copy.read_text() == "my own list of hubs"
    assert statuses(run_batch(small_batch, out, jobs=1)) == {name: "skipped" for name in SMALL}


def test_an_event_named_outside_the_output_folder_fails_and_the_others_build(small_batch, tmp_path):
    outside = tmp_path / "elsewhere"
    listing = small_batch / "batch.yaml"
    listing.write_text(
        "defaults: defaults.yaml\nevents:\n  - west.yaml\n  - {config: central-east.yaml, name: ../escaped}\n"
        f"  - {{config: central-south.yaml, name: '{outside}'}}\n", encoding="utf-8")
    out = tmp_path / "out"
    outcomes = run_batch(listing, out, jobs=1)
    assert statuses(outcomes) == {"west": "built", "../escaped": "failed", str(outside): "failed"}
    assert [o.reason for o in outcomes[1:]] == [
        f"{listing}, events[1].name: '../escaped' cannot be the event's folder: it holds '/', which a folder name"
        " cannot, so the event would be built outside the output folder; give it a plain 'name'",
        f"{listing}, events[2].name: '{outside}' cannot be the event's folder: it is a path, so the event would be"
        " built outside the output folder; give it a plain 'name'",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch", "out"]
    assert sorted(p.name for p in out.iterdir()) == [".packgen-state.json", ".packgen.lock", MANIFEST, "west"]


@pytest.mark.parametrize("name, why", [
    ("..", "it names a folder, not a new one inside the output folder"),
    ("manifest.json", "the batch keeps its own file of that name in the output folder"),
    ("CON", "Windows keeps that name for a device"),
    ("north:east", "it holds ':', which a folder name cannot"),
    ("north/east", "it holds '/', which a folder name cannot"),
    ("north.", "it ends with a space or a full stop, which Windows drops from a folder name"),
])
def test_an_event_name_must_be_one_plain_folder_name(name, why):
    from packgen.stages.batch import name_problem

    assert name_problem(name) == why


def test_a_plain_event_name_is_accepted_whatever_its_letters():
    from packgen.stages.batch import name_problem

    assert [name_problem(n) for n in ["west", "St Albans", "Ynys Môn", "north-east_2"]] == [None] * 4


def test_a_config_whose_file_name_cannot_be_a_folder_fails_with_its_reason(small_batch, tmp_path):
    shutil.copy(small_batch / "west.yaml", small_batch / "CON.yaml")
    outcomes = run_batch(small_batch, tmp_path / "out", jobs=1)
    [con] = [o for o in outcomes if o.name == "CON"]
    assert con.reason == (f"{small_batch / 'CON.yaml'}: 'CON' cannot be the event's folder: Windows keeps that"
                          " name for a device; rename the file")
    assert statuses(outcomes) == {"CON": "failed", **{name: "built" for name in SMALL}}


# --- The batch file is read as a config is --------------------------------------------------------


def test_a_batch_file_keeps_a_name_with_a_leading_zero_as_typed(small_batch):
    listing = small_batch / "batch.yaml"
    listing.write_text("events:\n  - config: west.yaml\n    name: 010\n", encoding="utf-8")
    assert [e.name for e in discover(listing).events] == ["010"]


def test_control_characters_in_a_batch_file_are_removed_with_a_warning_naming_the_line(small_batch):
    listing = small_batch / "batch.yaml"
    listing.write_text('events:\n  - config: west.yaml\n    name: we\u009bst\n  - config: "central-east\\x07.yaml"\n',
                       encoding="utf-8")
    batch = discover(listing)
    assert [(e.name, e.config.name) for e in batch.events] == [
        ("west", "west.yaml"), ("central-east", "central-east.yaml")]
    assert batch.warnings == [f"{listing}, line 3: removed 1 control character",
                              f"{listing}, line 4, events[1].config: removed 1 control character"]


def test_the_batch_command_prints_the_batch_file_s_warnings(small_batch, tmp_path):
    listing = small_batch / "batch.yaml"
    listing.write_text("events:\n  - west\u009b.yaml\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(listing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"Warning: {listing}, line 2: removed 1 control character"


@pytest.mark.parametrize("text, message", [
    ("events:\n  - !!int west\n",
     "{path}, line 2, column 5: 'west' is not a whole number; remove the '!!int' before it"),
    ("events: !!python/object/apply:os.system ['echo hi']\n",
     "{path}, line 1, column 9: the tag '!!python/object/apply:os.system' is not allowed;"
     " a batch file holds only text, numbers and lists"),
    ("events: [west.yaml]\nevents: [east.yaml]\n", "{path}: the YAML cannot be read\n"
     "  - line 2: 'events' is given twice (first on line 1); keep one"),
    ("# nothing\n", "{path}: the file is empty; expected 'events:', a list of event configs"),
    ("- west.yaml\n", "{path}, line 1: expected 'events:', a list of event configs, found a list"),
    ("events:\n\t- west.yaml\n", "{path}, line 2, column 1: a tab is used for indentation; YAML needs spaces"),
])
def test_a_batch_file_that_cannot_be_read_says_where(small_batch, text, message):
    listing = small_batch / "batch.yaml"
    listing.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        discover(listing)
    assert str(error.value) == message.format(path=listing)


def test_a_batch_file_of_many_aliases_is_refused_at_the_line(small_batch):
    from packgen.config import MAX_ALIASES

    listing = small_batch / "batch.yaml"
    listing.write_text("a: &a west.yaml\nevents:\n" + "  - *a\n" * (MAX_ALIASES + 1), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        discover(listing)
    assert str(error.value) == (f"{listing}, line {MAX_ALIASES + 3}: more than {MAX_ALIASES} YAML aliases (*name);"
                                " a batch file does not need them")


def test_an_oversized_batch_file_is_refused_unread(small_batch):
    from packgen.config import MAX_CONFIG_BYTES

    listing = small_batch / "batch.yaml"
    listing.write_bytes(b"# " + b"x" * MAX_CONFIG_BYTES)
    with pytest.raises(ConfigError) as error:
        discover(listing)
    assert str(error.value) == (f"{listing}: the file is {MAX_CONFIG_BYTES + 2:,} bytes;"
                                f" a batch file is at most {MAX_CONFIG_BYTES:,} bytes")


def test_a_batch_file_that_is_not_utf8_names_the_line(small_batch):
    listing = small_batch / "batch.yaml"
    listing.write_bytes(b"events:\n  - w\xe9st.yaml\n")
    with pytest.raises(ConfigError) as error:
        discover(listing)
    assert str(error.value) == f"{listing}, line 2: the file is not UTF-8 text (save it as UTF-8 in your editor)"


def test_batch_reports_mark_actions_overdue_as_of_the_date_given_and_a_new_date_rebuilds(small_batch, tmp_path):
    from datetime import date

    from pypdf import PdfReader

    shutil.copy(BATCH_EXAMPLE / "west.results.json", small_batch / "west.results.json")
    out = tmp_path / "out"

    def overdue_text() -> str:
        reader = PdfReader(out / "west" / "evaluation-report.pdf")
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        return next(s for s in text.split(". ") if "overdue: past the date given" in s)

    run_batch(small_batch, out, jobs=1, reports=True, as_of=date(2022, 6, 1))
    assert overdue_text() == "On Wednesday 1 June 2022, 1 of the 6 actions is overdue: past the date given and not done"
    assert statuses(run_batch(small_batch, out, jobs=1, reports=True, as_of=date(2022, 6, 1))) == {
        name: "skipped" for name in SMALL}
    outcomes = run_batch(small_batch, out, jobs=1, reports=True, as_of=date(2022, 8, 1))
    assert statuses(outcomes) == {"central-east": "skipped", "central-south": "skipped", "west": "built"}
    assert overdue_text() == "On Monday 1 August 2022, 3 of the 6 actions are overdue: past the date given and not done"


def test_the_date_is_in_the_input_hash_only_of_an_event_whose_reports_are_built(small_batch):
    from datetime import date

    from packgen.stages.batch import input_hash

    shutil.copy(BATCH_EXAMPLE / "west.results.json", small_batch / "west.results.json")
    events = {e.name: e for e in discover(small_batch).events}
    event, without = events["west"], events["central-east"]
    assert input_hash(event, None, None, False, date(2022, 6, 1)) == input_hash(event, None, None, False, None)
    assert input_hash(without, None, None, True, date(2022, 6, 1)) == input_hash(without, None, None, True, None)
    assert input_hash(event, None, None, True, date(2022, 6, 1)) != input_hash(event, None, None, True, date(2022, 6, 2))
    assert input_hash(event, None, None, True, date(2022, 6, 1)) == input_hash(event, None, None, True, date(2022, 6, 1))


def test_the_batch_command_passes_its_date_to_the_reports(small_batch, tmp_path):
    from pypdf import PdfReader

    shutil.copy(BATCH_EXAMPLE / "west.results.json", small_batch / "west.results.json")
    result = CliRunner().invoke(cli, ["batch", str(small_batch), "-o", str(tmp_path / "out"), "-j", "1",
                                      "--reports", "--date", "01/06/2022"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "west" / "evaluation-report.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "On Wednesday 1 June 2022, 1 of the 6 actions is overdue" in text


def test_one_run_parses_each_template_and_the_defaults_once_for_every_event(small_batch, tmp_path):
    from packgen.stages.batch import build_event
    from packgen.store import TemplateStore

    batch, store = discover(small_batch), TemplateStore()
    first, *others = batch.events
    build_event(first, batch.defaults, tmp_path, None, False, False, None, store=store)
    made = store.made
    for event in others:
        assert build_event(event, batch.defaults, tmp_path, None, False, False, None, store=store).status == "built"
    assert others and made > 0
    assert store.made == made


def test_a_template_edited_between_runs_is_seen_by_the_next(small_batch, tmp_path):
    templates = tmp_path / "templates"
    (templates / "xlsx").mkdir(parents=True)
    from packgen.resources import template_path

    shutil.copy(template_path("planning"), templates / "xlsx" / "planning.xlsx")
    run_batch(small_batch, tmp_path / "out", jobs=1, templates=templates)
    book = openpyxl.load_workbook(templates / "xlsx" / "planning.xlsx")
    book["Overview"]["H1"] = "Edited since"
    book.save(templates / "xlsx" / "planning.xlsx")
    run_batch(small_batch, tmp_path / "out", jobs=1, templates=templates)
    built = openpyxl.load_workbook(next((tmp_path / "out").glob("*/planning.xlsx")))
    assert built["Overview"]["H1"].value == "Edited since"


def test_batch_reports_are_built_from_the_force_s_own_report_templates(small_batch, tmp_path):
    from pypdf import PdfReader

    from packgen.resources import report_folders

    shutil.copy(BATCH_EXAMPLE / "west.results.json", small_batch / "west.results.json")
    templates = tmp_path / "templates"
    (templates / "report").mkdir(parents=True)
    bundled = report_folders(None)[-1] / "you-said-we-did.html"
    (templates / "report" / "you-said-we-did.html").write_text(
        bundled.read_text(encoding="utf-8").replace("<h2>What the survey showed</h2>",
                                                    "<h2>What the survey showed in West</h2>"), encoding="utf-8")
    run_batch(small_batch, tmp_path / "out", jobs=1, reports=True, templates=templates)
    reader = PdfReader(tmp_path / "out" / "west" / "you-said-we-did.pdf")
    assert "What the survey showed in West" in " ".join(page.extract_text() for page in reader.pages)
