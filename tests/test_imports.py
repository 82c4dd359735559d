"""What packgen's modules may take from one another: public names only."""

import ast
from pathlib import Path

import packgen

PACKAGE = Path(packgen.__file__).parent


def private_imports(source: str) -> list[str]:
    """Return every ``from packgen... import _name`` in ``source`` (``__version__`` and other dunder
    names are public)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "packgen":
            found += [f"{node.module}.{alias.name}" for alias in node.names 
                      if alias.name.startswith("_") and not alias.name.endswith("__")]
    return found


def test_no_module_imports_another_modules_private_name():
    found = {str(path.relative_to(PACKAGE)): names for path in sorted(PACKAGE.rglob("*.py"))
             if (names := private_imports(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_a_private_import_is_found():
    assert private_imports("from packgen.report import _logo, logo_asset\nfrom packgen import __version__\nfrom os import _exit\n") == [
        "packgen.report._logo"]


def packgen_imports(source: str) -> list[str]:
    """Return every packgen module ``source`` imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "packgen":
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "packgen"]
    return found


UPPER = ("packgen.stages", "packgen.cli")
"""The layers above the renderers, readers and model: the pipeline stages and the command."""


def _is_upper(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in UPPER)


def test_nothing_below_the_stages_imports_a_stage_or_the_cli():
    below = [path for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).parts[0] not in ("stages", "cli.py", "__main__.py")]
    found = {str(path.relative_to(PACKAGE)): upper for path in below
             if (upper := [m for m in packgen_imports(path.read_text(encoding="utf-8")) if _is_upper(m)])}
    assert found == {}


def test_no_stage_imports_the_cli():
    found = {str(path.relative_to(PACKAGE)): names for path in sorted((PACKAGE / "stages").rglob("*.py"))
             if (names := [m for m in packgen_imports(path.read_text(encoding="utf-8"))
                           if m == "packgen.cli" or m.startswith("packgen.cli.")])}
    assert found == {}


def test_every_pipeline_stage_is_a_module_of_packgen_stages():
    assert sorted(path.stem for path in (PACKAGE / "stages").glob("*.py")) == [
        "__init__", "batch", "demo", "entry_sheet", "pack", "print_forms", "report", "results", "rollup",
        "templates", "update"]


def test_an_upward_import_is_found():
    source = ("from packgen.stages.pack import pack\n"
              "def f():\n    import packgen.cli\n    from packgen.model import Event\n")
    assert [m for m in packgen_imports(source) if _is_upper(m)] == ["packgen.stages.pack", "packgen.cli"]
