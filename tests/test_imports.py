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
