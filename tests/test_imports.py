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


# -- dependencies' private names ----------------------------------------------------------------

OOXML = "render/ooxml/"
"""The one place a dependency's private names may be read (see packgen/render/ooxml/__init__.py)."""

JINJA_SUBCLASS_HOOKS = {"_fail_with_undefined_error", "_undefined_exception"}
"""Jinja documents these for subclasses of ``Undefined`` (API, "Undefined Types"): public API."""


def defined_private_names(sources: list[str]) -> set[str]:
    """Return every ``_name`` packgen itself defines: functions, classes, assigned names, its own
    objects' attributes (``self._x =``), arguments and imported-as names."""
    names: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) \
                    and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[-1])
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def private_attributes(source: str, own: set[str]) -> set[str]:
    """Return every ``x._name`` read in ``source`` whose ``_name`` is not one of ``own`` (packgen's
    own private names): a dependency's private attribute. Dunder names are public."""
    return {node.attr for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
            and node.attr not in own}


def test_no_module_outside_ooxml_reads_a_dependencys_private_attribute():
    sources = {str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
               for path in sorted(PACKAGE.rglob("*.py"))}
    own = defined_private_names([source for name, source in sources.items() if not name.startswith(OOXML)])
    own |= JINJA_SUBCLASS_HOOKS
    found = {name: names for name, source in sources.items()
             if not name.startswith(OOXML) and (names := private_attributes(source, own))}
    assert found == {}


def test_a_dependencys_private_attribute_is_found_and_packgens_own_are_not():
    own = defined_private_names(["class A:\n    def __init__(self):\n        self._rows = []\n\n"
                                 "def _helper(_value, part):\n    part._blob = b''\n_TABLE = {}\n"])
    source = ("def f(part, self):\n    part._element = part._element\n    self._rows.append(_TABLE)\n"
              "    return part.__class__, _helper(part._blob), self.__dict__\n")

    assert own == {"_rows", "_helper", "_value", "_TABLE"}
    assert private_attributes(source, own) == {"_element", "_blob"}


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
        "starter", "templates", "update"]


BESIDE_THE_RENDERERS = ("packgen.report", "packgen.results", "packgen.paper", "packgen.config")
"""What a renderer (:mod:`packgen.render`) never imports: the reports, the readers (their layer, not
below it) and the config parser; a renderer is given the model (the roll-up's figures are
:mod:`packgen.rollup_model`) and lays it out."""


def test_no_renderer_imports_a_report_a_reader_or_the_config():
    found = {str(path.relative_to(PACKAGE)): names for path in sorted((PACKAGE / "render").rglob("*.py"))
             if (names := [m for m in packgen_imports(path.read_text(encoding="utf-8"))
                           if any(m == name or m.startswith(name + ".") for name in BESIDE_THE_RENDERERS)])}
    assert found == {}


def test_an_upward_import_is_found():
    source = ("from packgen.stages.pack import pack\n"
              "def f():\n    import packgen.cli\n    from packgen.model import Event\n")
    assert [m for m in packgen_imports(source) if _is_upper(m)] == ["packgen.stages.pack", "packgen.cli"]
