import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from packgen.errors import TemplateError
from packgen.resources import TEMPLATE_FILES, example_folder, template_path

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_templates_are_found_for_every_artefact():
    for artefact, relative in TEMPLATE_FILES.items():
        assert template_path(artefact).as_posix().endswith("templates/" + relative)
        assert template_path(artefact).is_file()


def test_own_templates_folder_wins_and_falls_back_per_file(tmp_path):
    own = tmp_path / "pptx" / "presentation.pptx"
    own.parent.mkdir()
    own.write_bytes(b"x")
    assert template_path("presentation", tmp_path) == own
    assert template_path("planning", tmp_path) == template_path("planning")


def test_missing_templates_folder_is_named(tmp_path):
    with pytest.raises(TemplateError) as error:
        template_path("presentation", tmp_path / "nope")
    assert str(error.value) == f"{tmp_path / 'nope'}: no such templates folder"


def test_example_folder_holds_the_starter_files_and_sample_results():
    assert sorted(p.name for p in example_folder().iterdir()) == [
        "hub.yaml", "invitees.csv", "logo.png", "results"]


def test_wheel_ships_the_templates_and_example_and_finds_them_installed(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("packgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for relative in TEMPLATE_FILES.values():
        assert f"packgen/_data/templates/{relative}" in names
    for name in ("evaluation-report.html", "you-said-we-did.html", "base.html", "report.css"):
        assert f"packgen/_data/templates/report/{name}" in names
    assert "packgen/_data/config/example/hub.yaml" in names
    # Installed (not editable), from another folder, packgen finds its own files inside itself.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("from packgen.resources import template_path, example_folder;"
            "print(template_path('planning')); print(example_folder())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": ""}, check=True).stdout.split()
    assert out == [str(target / "packgen/_data/templates/xlsx/planning.xlsx"),
                   str(target / "packgen/_data/config/example")]


def test_report_templates_are_bundled_and_a_forces_folder_comes_first(tmp_path):
    from packgen.resources import REPORT_TEMPLATES, report_folders

    [bundled] = report_folders()
    assert bundled.as_posix().endswith("templates/report")
    for name in [*REPORT_TEMPLATES.values(), "base.html", "report.css"]:
        assert (bundled / name).is_file()
    assert report_folders(tmp_path) == [bundled]  # no report/ folder of its own: all packgen's
    (tmp_path / "report").mkdir()
    assert report_folders(tmp_path) == [tmp_path / "report", bundled]
    with pytest.raises(TemplateError) as error:
        report_folders(tmp_path / "nope")
    assert str(error.value) == f"{tmp_path / 'nope'}: no such templates folder"
