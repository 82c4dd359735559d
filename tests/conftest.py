"""Fixtures shared across the suite: the bundled example, a hostile variant, LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from packgen.config import load_config
from packgen.context import build_context
from packgen.resources import example_folder
from tools.make_sample_results import tick_and_type  # noqa: F401  (tests fill forms the same way)

HOSTILE_TITLE = "Trust & <confidence> \"hub\" 'day' {{ 7*7 }} {% if x %}"
HOSTILE_FOCAL = (
    "Why do we fail? ليلى حداد · عمران قریشی · রহিম উদ্দিন · Agnieszka Wiśniewska 🙂\n"
    "Second line <b>bold?</b> & done"
)
HOSTILE_FORMULAS = ["=HYPERLINK(\"http://example.com\",\"x\")", "+44 20 7946 0000", "-1", "@SUM(A1:A2)"]
LONG_TEXT = "Long words " * 1000  # 11,000 characters


def example_data() -> dict:
    """Return the bundled example config as plain data (paths still relative)."""
    return yaml.safe_load((example_folder() / "hub.yaml").read_text(encoding="utf-8"))


def write_config(folder: Path, data: dict, name: str = "hub.yaml") -> Path:
    """Write ``data`` as a config in ``folder``, beside copies of the example's files."""
    folder.mkdir(parents=True, exist_ok=True)
    for extra in ("invitees.csv", "logo.png"):
        shutil.copy(example_folder() / extra, folder / extra)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def hostile_data() -> dict:
    """Return the example with hostile text in its free-text fields."""
    data = example_data()
    data["title"] = HOSTILE_TITLE
    data["focal_question"] = HOSTILE_FOCAL
    data["purpose"] = LONG_TEXT
    data["venue"]["access_notes"] = "Bell\x07 rings & <script>alert(1)</script>"
    data["tables"][0]["facilitator"] = HOSTILE_FORMULAS[0]
    data["tables"][1]["facilitator"] = HOSTILE_FORMULAS[1]
    data["tables"][2]["note_taker"] = HOSTILE_FORMULAS[2]
    data["tables"][3]["note_taker"] = HOSTILE_FORMULAS[3]
    data["sessions"][0]["prompt"] = "What got us here? {{ config }} {% for x in y %}{% endfor %}"
    data["evaluation"]["questions"][0]["pre"] = "Trust <1> & \"2\" — {{ 7*7 }}?"
    data["contacts"][0]["name"] = "=1+1"
    data["invitees"] = [
        {"name": "=CMD|' /C calc'!A0", "organisation": "<b>Org</b> & co", "sector": "Resident"},
        {"name": "ليلى حداد", "organisation": "Victim Support", "sector": "Victim or survivor of crime"},
    ]
    return data


@pytest.fixture
def example_config():
    return load_config(example_folder() / "hub.yaml")


@pytest.fixture
def example_context(example_config):
    return build_context(example_config.event)


@pytest.fixture
def hostile_config(tmp_path):
    return load_config(write_config(tmp_path / "hostile", hostile_data()))


@pytest.fixture
def hostile_context(hostile_config):
    return build_context(hostile_config.event)




def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_converter(tmp_path_factory, profile_name: str):
    """Return a function converting a document with LibreOffice headless into a format and folder,
    returning the path of the file it wrote (its own profile, so no other LibreOffice interferes)."""
    soffice = _soffice()
    if soffice is None:
        pytest.fail("LibreOffice is not installed; run 'make test', which installs it")
    profile = tmp_path_factory.mktemp(profile_name)

    def convert(document: Path, target: str, outdir: Path) -> Path:
        outdir.mkdir(exist_ok=True)
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), str(document)],
            capture_output=True, text=True, timeout=180,
        )
        written = outdir / f"{document.stem}.{target}"
        assert result.returncode == 0 and written.is_file(), (
            f"LibreOffice could not write {document.name} as {target}: {result.stdout} {result.stderr}"
        )
        return written

    return convert


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """Return a function converting an Office file to PDF with LibreOffice headless and
    returning the PDF's text (poppler's pdftotext)."""
    convert = _libreoffice_converter(tmp_path_factory, "lo-profile")

    def text_of(document: Path) -> str:
        pdf = convert(document, "pdf", document.parent / "pdf")
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout

    return text_of


@pytest.fixture(scope="session")
def libreoffice_save(tmp_path_factory):
    """Return a function saving an Office file again in its own format with LibreOffice headless
    (as opening it there and choosing Save would), returning the path of the saved copy."""
    convert = _libreoffice_converter(tmp_path_factory, "lo-save-profile")

    def save(document: Path) -> Path:
        return convert(document, document.suffix.lstrip("."), document.parent / "saved-by-libreoffice")

    return save


def replace_in_zip(path, old: str, new: str) -> None:
    """Replace text in every XML part of an Office file (a placeholder in one run)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    found = False
    for name, data in parts.items():
        if name.endswith(".xml") and old.encode() in data:
            parts[name] = data.replace(old.encode(), new.encode())
            found = True
    assert found, f"{old} not found in {path.name}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
