"""The print stage (packgen.stages.print_forms, ``packgen print``): the files it writes, printing
again, refusing to replace a file changed since, and the command's words and exit codes. What is
printed on the forms is tested in tests/paper/test_printing.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from paper_samples import COPIES, WRITTEN, flat, pdf_pages

from conftest import example_data, write_config
from packgen.cli import cli
from packgen.errors import OverwriteRefused
from packgen.paper.printing import FORMS_PDF, LAYOUT_JSON
from packgen.resources import example_folder
from packgen.stages.print_forms import PrintResult, print_forms


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The example's forms, printed once for the module: COPIES of each stage."""
    out = tmp_path_factory.mktemp("printed")
    return print_forms(example_folder() / "hub.yaml", out, COPIES)


def _printed(pages: int):
    return SimpleNamespace(layout=SimpleNamespace(pages=[None] * pages), messages=[f"{pages} pages"])


def test_the_print_result_says_how_many_forms_of_how_many_pages():
    result = PrintResult(config=None, folder=None, forms={"pre": _printed(2), "post": _printed(3)}, written=None,
                         copies=60)
    assert result.summary() == "60 numbered forms of each stage (2 pages before the hub, 3 after)."
    assert result.warnings == ["2 pages", "3 pages"]


def test_print_writes_both_stages_forms_and_their_layouts(printed):
    assert printed.written.written == [printed.folder / name for name in WRITTEN]
    assert printed.copies == COPIES
    assert printed.warnings == []


def test_print_again_replaces_its_own_files_with_the_same_bytes(tmp_path):
    config = example_folder() / "hub.yaml"
    print_forms(config, tmp_path, 1)
    before = {name: (tmp_path / name).read_bytes() for name in WRITTEN}
    print_forms(config, tmp_path, 1)
    assert {name: (tmp_path / name).read_bytes() for name in WRITTEN} == before


def test_print_refuses_to_replace_a_file_changed_since_and_writes_nothing(tmp_path):
    config = example_folder() / "hub.yaml"
    print_forms(config, tmp_path, 1)
    (tmp_path / FORMS_PDF["pre"]).write_bytes(b"my notes")
    layout = (tmp_path / LAYOUT_JSON["post"]).read_bytes()
    with pytest.raises(OverwriteRefused) as error:
        print_forms(config, tmp_path, 2)
    assert str(error.value) == (
        f"{tmp_path}: packgen did not write anything, to keep your work\n"
        f"  - {tmp_path / FORMS_PDF['pre']} has been changed since packgen wrote it\n"
        "  - Use --force to replace them (your versions are kept as dated copies), or write to another"
        " folder with -o."
    )
    assert (tmp_path / FORMS_PDF["pre"]).read_bytes() == b"my notes"
    assert (tmp_path / LAYOUT_JSON["post"]).read_bytes() == layout


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_print_writes_the_forms_and_says_so(tmp_path):
    result = run("print", str(example_folder() / "hub.yaml"), "--copies", "2", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.output == "".join(f"Wrote {tmp_path / name}\n" for name in WRITTEN) + (
        "2 numbered forms of each stage (2 pages before the hub, 2 after).\n")
    assert pdf_pages(tmp_path / FORMS_PDF["post"]) == 4


def test_cli_print_prints_one_form_for_everyone_invited_rounded_up_to_ten(tmp_path):
    data = example_data()
    data["invitees"] = [{"name": f"Person {n}", "sector": "Resident"} for n in range(11)]
    config = write_config(tmp_path / "hub", data)
    result = run("print", str(config), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "20 numbered forms of each stage (2 pages before the hub, 2 after)."
    assert pdf_pages(tmp_path / "out" / FORMS_PDF["pre"]) == 40


def test_cli_print_refuses_with_exit_3(tmp_path):
    config = str(example_folder() / "hub.yaml")
    run("print", config, "--copies", "1", "-o", str(tmp_path))
    (tmp_path / LAYOUT_JSON["pre"]).write_text("{}")
    result = run("print", config, "--copies", "1", "-o", str(tmp_path))
    assert result.exit_code == 3
    assert f"{tmp_path / LAYOUT_JSON['pre']} has been changed since packgen wrote it" in result.output


def test_cli_print_refuses_no_copies_as_a_usage_error(tmp_path):
    result = run("print", str(example_folder() / "hub.yaml"), "--copies", "0", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "Invalid value for '--copies': 0 is not in the range 1<=x<=1000." in result.output
    assert not any(tmp_path.iterdir())


def test_cli_print_help_says_how_to_hand_the_forms_out():
    result = run("print", "--help")
    assert result.exit_code == 0
    assert "Print numbered paper forms that packgen can read back from scans." in result.output
    assert "never note who got which number" in flat(result.output)
