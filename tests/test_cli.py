import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import example_data, write_config
from packgen.cli import cli
from packgen.resources import example_folder


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    commands = result.output.split("\nCommands:\n", 1)[1].splitlines()
    listed = [line.split()[0] for line in commands if line.startswith("  ") and line.strip()]
    assert sorted(listed) == sorted(cli.commands), "every command is listed, a new one too"
    assert {"entry-sheet", "batch", "rollup"} <= set(listed)


def test_help_imports_no_document_library():
    heavy = ["docx", "docxtpl", "pptx", "openpyxl", "pydantic", "yaml", "jinja2", "weasyprint", "matplotlib",
             "scipy", "PIL"]
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from packgen.cli import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_init_writes_the_starter_config_that_validates(tmp_path):
    result = run("init", str(tmp_path / "hub"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "hub").iterdir()) == ["hub.yaml", "invitees.csv", "logo.png"]
    assert (tmp_path / "hub" / "hub.yaml").read_text() == (example_folder() / "hub.yaml").read_text()
    assert run("validate", str(tmp_path / "hub" / "hub.yaml")).exit_code == 0


def test_init_will_not_replace_an_existing_config(tmp_path):
    run("init", str(tmp_path))
    (tmp_path / "hub.yaml").write_text("title: mine\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 3
    assert result.output == f"Error: {tmp_path / 'hub.yaml'} already exists; use --force to replace it\n"
    assert (tmp_path / "hub.yaml").read_text() == "title: mine\n"


def test_validate_reports_a_valid_config_with_a_summary():
    path = example_folder() / "hub.yaml"
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.output == (
        f"{path} is valid.\n"
        "  Trust and confidence Innovation Hub: 1 date(s), 3 sessions, 5 tables, 30 invitees,"
        " 6 survey questions.\n"
    )


def test_validate_lists_every_problem_and_exits_1_without_a_traceback(tmp_path):
    data = example_data()
    data["venu"] = data.pop("venue")
    data["tables"] = "five"
    path = write_config(tmp_path, data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"Error: {path}: the config has 3 problems"
    assert lines[1:] == [
        f"  - {path}, venue: required, but missing (see 'packgen init' for a starter config)",
        f"  - {path}, line {_line(path, 'tables:')}, tables: expected a whole number or a list"
        f" (lines starting with '- '), found 'five'",
        f"  - {path}, line {_line(path, 'venu:')}, venu: unknown key; did you mean 'venue'?",
    ]
    assert "Traceback" not in result.output


def test_validate_prints_warnings_for_removed_characters(tmp_path):
    data = example_data()
    data["theme"] = "Trust\x07"
    path = write_config(tmp_path, data)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"Warning: {path}, line {_line(path, 'theme:')}, theme: removed 1 control character" in result.output


def test_validate_missing_file_exits_1(tmp_path):
    result = run("validate", str(tmp_path / "none.yaml"))
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'none.yaml'}: no such config file\n"


def test_unknown_option_is_a_usage_error():
    result = run("pack", "--colour", "x")
    assert result.exit_code == 2


def _line(path, start):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def test_demo_builds_the_pack_reads_the_sample_results_and_writes_the_reports(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".packgen-state.json", ".packgen.lock", "actions-history.json", "evaluation-report.pdf", "example",
        "paper", "planning.xlsx", "post-event-form.docx",
        "pre-event-form.docx", "presentation.pptx", "results.json", "you-said-we-did-2.eml", "you-said-we-did-2.pdf",
        "you-said-we-did.pdf"]
    assert f"Wrote {tmp_path / 'you-said-we-did-2.pdf'}\nWrote {tmp_path / 'you-said-we-did-2.eml'}\n" in result.stdout
    assert f"Wrote {tmp_path / 'evaluation-report.pdf'}\nWrote {tmp_path / 'you-said-we-did.pdf'}\n" in result.stdout
    assert (tmp_path / "you-said-we-did.pdf").read_bytes().startswith(b"%PDF-1.7")
    assert "Forms: 26 before, 24 after; 21 pair(s) matched by personal code." in result.stdout
    again = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path)])
    assert again.exit_code == 0, "the demo can be run again over its own output"


def test_demo_prints_the_forms_and_reads_the_sample_scans_into_a_results_file_of_their_own(tmp_path):
    import json

    from openpyxl import load_workbook

    result = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    paper = tmp_path / "paper"
    assert sorted(p.name for p in paper.iterdir()) == [
        ".packgen-state.json", ".packgen.lock", "post-event-forms.layout.json", "post-event-forms.pdf",
        "pre-event-forms.layout.json", "pre-event-forms.pdf", "results.json", "scan-review.xlsx"]
    assert (paper / "pre-event-forms.pdf").read_bytes().startswith(b"%PDF-")
    # tools/make_sample_scans.py marks forms 1 to 3 of each stage: each pre form pairs with the
    # post form of its number; the example's own results (out/results.json) are not changed.
    scanned = json.loads((paper / "results.json").read_text(encoding="utf-8"))
    assert (len(scanned["pre"]), len(scanned["post"]), len(scanned["pairs"])) == (3, 3, 3)
    assert "Forms: 3 before, 3 after; 3 pair(s) matched by personal code or printed form number." in result.stderr
    assert "Forms: 26 before, 24 after; 21 pair(s) matched by personal code." in result.stdout
    # and it leaves for review what it marks to be reviewed: pre form 2's "awareness" ticked at 2
    # and 7 on page 1, and the three handwritten answers on page 2 (pre form 1's hopes, post form
    # 1's takeaway, post form 3's next steps).
    workbook = load_workbook(paper / "scan-review.xlsx", read_only=True)
    rows = [row[1:4] for row in workbook["Review"].iter_rows(min_row=4, values_only=True)]
    workbook.close()
    assert sorted(rows) == [("post 1", 2, "takeaway_1"), ("post 3", 2, "next_steps"), ("pre 1", 2, "hopes"),
                            ("pre 2", 1, "awareness")]
    assert f"Wrote {paper / 'scan-review.xlsx'} (the answers to check by eye" in result.stderr


def test_report_writes_both_pdfs_from_a_results_file(tmp_path):
    from packgen.stages.demo import sample_sources
    from packgen.results import ingest
    from packgen.config import load_config

    config = example_folder() / "hub.yaml"
    results = tmp_path / "results.json"
    results.write_text(ingest(load_config(config), sample_sources()).to_json(), encoding="utf-8")
    result = run("report", str(config), "--results", str(results), "-o", str(tmp_path / "reports"))
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {tmp_path / 'reports' / 'evaluation-report.pdf'}\n"
                             f"Wrote {tmp_path / 'reports' / 'you-said-we-did.pdf'}\n")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        ".packgen-state.json", ".packgen.lock", "evaluation-report.pdf", "you-said-we-did.pdf"]


def test_report_with_no_results_exits_1_and_writes_nothing(tmp_path):
    result = run("report", str(example_folder() / "hub.yaml"), "-o", str(tmp_path / "reports"))
    assert result.exit_code == 1
    assert result.output == ("Error: no results given: name a results file with --results (made by 'packgen"
                             " results'), or the forms with --pre and --post, or --workbook\n")
    assert not (tmp_path / "reports").exists()


def test_report_names_a_broken_results_file(tmp_path):
    results = tmp_path / "results.json"
    results.write_text("[]", encoding="utf-8")
    result = run("report", str(example_folder() / "hub.yaml"), "--results", str(results), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (f"Error: {results}: expected a packgen results file (packgen-results/1),"
                             " found another kind of JSON file\n")


SAMPLE_WORKBOOK = example_folder() / "results" / "planning.xlsx"


def test_results_never_writes_over_its_own_config(tmp_path):
    run("init", str(tmp_path))
    config = tmp_path / "hub.yaml"
    before = config.read_bytes()
    result = run("results", str(config), "--workbook", str(SAMPLE_WORKBOOK), "-o", str(config), "--force")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path}: packgen did not write anything, to keep your work",
        f"  - {config} is a file this command reads",
        "  - packgen never writes over a file it reads or its own record, not even with --force: write to another"
        " file or folder with -o.",
    ]
    assert config.read_bytes() == before


def test_results_never_writes_over_the_workbook_it_reads_though_packgen_wrote_it(tmp_path):
    run("init", str(tmp_path))
    assert run("pack", str(tmp_path / "hub.yaml"), "-o", str(tmp_path / "pack")).exit_code == 0
    planning = tmp_path / "pack" / "planning.xlsx"
    before = planning.read_bytes()
    result = run("results", str(tmp_path / "hub.yaml"), "--workbook", str(planning), "-o", str(planning))
    assert result.exit_code == 3
    assert f"  - {planning} is a file this command reads\n" in result.stderr
    assert planning.read_bytes() == before


def test_results_replaces_its_own_file_but_not_one_it_did_not_write(tmp_path):
    config = example_folder() / "hub.yaml"
    out = tmp_path / "results.json"
    first = run("results", str(config), "--workbook", str(SAMPLE_WORKBOOK), "-o", str(out))
    assert first.exit_code == 0 and first.stdout.endswith(f"Wrote {out}\n")
    again = run("results", str(config), "--workbook", str(SAMPLE_WORKBOOK), "-o", str(out))
    assert again.exit_code == 0, "a results file packgen wrote, unchanged since, is replaced"
    mine = tmp_path / "mine.json"
    mine.write_text("my notes")
    refused = run("results", str(config), "--workbook", str(SAMPLE_WORKBOOK), "-o", str(mine))
    assert refused.exit_code == 3
    assert f"  - {mine} already exists and was not written by packgen\n" in refused.stderr
    assert mine.read_text() == "my notes"
    forced = run("results", str(config), "--workbook", str(SAMPLE_WORKBOOK), "-o", str(mine), "--force")
    assert forced.exit_code == 0
    [copy] = tmp_path.glob("mine (yours, *).json")
    assert copy.read_text() == "my notes"
    assert f"Kept your previous version as {copy}\nWrote {mine}\n" in forced.stdout


def test_entry_sheet_keeps_a_sheet_typed_into_and_replaces_its_own(tmp_path):
    config = example_folder() / "hub.yaml"
    sheet = tmp_path / "typed.csv"
    assert run("entry-sheet", str(config), "--stage", "pre", "-o", str(sheet)).exit_code == 0
    blank = sheet.read_bytes()
    assert run("entry-sheet", str(config), "--stage", "pre", "-o", str(sheet)).exit_code == 0
    sheet.write_bytes(blank + b"AB12,Resident,3,4,5,6\r\n")
    refused = run("entry-sheet", str(config), "--stage", "pre", "-o", str(sheet))
    assert refused.exit_code == 3
    assert f"  - {sheet} has been changed since packgen wrote it\n" in refused.stderr
    assert sheet.read_bytes().endswith(b"AB12,Resident,3,4,5,6\r\n")
    forced = run("entry-sheet", str(config), "--stage", "pre", "-o", str(sheet), "--force")
    assert forced.exit_code == 0
    [copy] = tmp_path.glob("typed (yours, *).csv")
    assert copy.read_bytes().endswith(b"AB12,Resident,3,4,5,6\r\n") and sheet.read_bytes() == blank


def test_demo_keeps_an_example_config_edited_since(tmp_path):
    assert run("demo", "-o", str(tmp_path)).exit_code == 0
    config = tmp_path / "example" / "hub.yaml"
    config.write_text(config.read_text() + "# my note\n")
    result = run("demo", "-o", str(tmp_path))
    assert result.exit_code == 3
    assert f"  - {config} has been changed since packgen wrote it\n" in result.stderr
    assert config.read_text().endswith("# my note\n")


def test_rollup_help_says_counts_that_would_give_a_hidden_one_away_are_withheld():
    result = CliRunner().invoke(cli, ["rollup", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert ("A count below the disclosure threshold is shown as \"fewer than N\", and any other count that"
            " would let a hidden one be worked out from the totals or the other hubs is withheld too"
            " (\"not shown\").") in text
    assert "You said, we did" not in text


# -- The CLI does no work itself ------------------------------------------------------------------

WORK = {"write_outputs", "write_output", "write_dataset", "write_review", "write_atomically", "write_entry_sheet",
        "ingest", "build_reports", "render_pack", "load_workbook", "open"}
"""Calls that read or write files or build documents: the stages' work, never the CLI's."""

FILE_METHODS = {"write_text", "write_bytes", "read_text", "read_bytes", "open", "mkdir", "touch", "unlink",
                "rename", "replace"}


def _may_catch(group) -> bool:
    import ast

    bases = {base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "") for base in group.bases}
    return group.name == "PackgenGroup" or "ParamType" in bases


def work_done(source: str) -> list[str]:
    """Return what ``source`` does that only a stage may do: a call in :data:`WORK`, a file method
    of a path, SystemExit or an exit function, or catching an error outside ``PackgenGroup`` (the one
    place a user error becomes an exit code) and the option types (which turn a bad value into
    click's usage error)."""
    import ast

    found = []
    tree = ast.parse(source)
    allowed = {id(node) for group in ast.walk(tree) if isinstance(group, ast.ClassDef) and _may_catch(group)
               for node in ast.walk(group)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in WORK or (isinstance(node.func, ast.Attribute) and name in FILE_METHODS
                                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "click")):
                found.append((node.lineno, f"calls {name}"))
            if name in ("exit", "_exit"):
                found.append((node.lineno, f"calls {name}"))
        elif isinstance(node, ast.Name) and node.id == "SystemExit":
            found.append((node.lineno, "SystemExit"))
        elif isinstance(node, ast.ExceptHandler) and id(node) not in allowed:
            found.append((node.lineno, "catches an error"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_the_cli_does_no_work_itself():
    import packgen.cli

    source = Path(packgen.cli.__file__).read_text(encoding="utf-8")
    assert work_done(source) == []


def test_work_done_in_the_cli_is_found():
    source = (
        "class PackgenGroup:\n"
        "    def invoke(self):\n"
        "        try:\n"
        "            pass\n"
        "        except PackgenError:\n"
        "            raise UserError\n"
        "class Day(click.ParamType):\n"
        "    def convert(self, value):\n"
        "        try:\n"
        "            pass\n"
        "        except ValueError:\n"
        "            self.fail('no')\n"
        "def results(out):\n"
        "    write_dataset(dataset, out)\n"
        "    out.write_text('x')\n"
        "    with open(out) as f:\n"
        "        pass\n"
        "    try:\n"
        "        pass\n"
        "    except OSError:\n"
        "        raise SystemExit(1)\n"
        "    sys.exit(2)\n"
    )
    assert work_done(source) == ["line 14: calls write_dataset", "line 15: calls write_text", "line 16: calls open",
                                 "line 20: catches an error", "line 21: SystemExit", "line 22: calls exit"]
