"""Fixtures of the planning workbook's tests: the example's and the hostile config's workbooks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from .books import RECALCULATE_ON_LOAD, open_bytes, render


@pytest.fixture
def example_bytes(example_config) -> bytes:
    return render(example_config)


@pytest.fixture
def book(example_bytes) -> openpyxl.Workbook:
    return open_bytes(example_bytes)


@pytest.fixture
def hostile_book(hostile_config) -> openpyxl.Workbook:
    return open_bytes(render(hostile_config))


@pytest.fixture(scope="session")
def to_xlsx(tmp_path_factory):
    """Return a function re-saving a workbook with LibreOffice, which computes its formulas."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed; run 'make test', which installs it")
    profile = tmp_path_factory.mktemp("lo-profile-xlsx")
    # LibreOffice takes the values a workbook stores as they are; told to recalculate every
    # workbook it opens, it computes each formula itself, so its values can be compared with ours.
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")

    def convert(workbook: Path) -> Path:
        outdir = workbook.parent / "lo"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx", "--outdir", str(outdir), str(workbook)],
            capture_output=True, text=True, timeout=180,
        )
        converted = outdir / workbook.name
        assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
        return converted

    return convert

