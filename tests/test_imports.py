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


def private_attributes(source: str) -> list[str]:
    """Return every ``x._name`` in ``source`` other than on ``self`` or ``cls`` (dunder names are
    public)."""
    return [node.attr for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))]


def test_the_presentation_engine_names_no_private_attribute_of_python_pptx():
    found = {str(path.relative_to(PACKAGE)): names for path in sorted((PACKAGE / "render" / "pptx").rglob("*.py"))
             if (names := private_attributes(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_a_private_attribute_is_found():
    assert private_attributes("shapes._spTree.x\nself._kept\nslide.__class__\n") == ["_spTree"]
