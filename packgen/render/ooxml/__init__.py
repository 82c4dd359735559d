"""The only place packgen touches a dependency's private names: one small module per library.

- :mod:`packgen.render.ooxml.workbook` — openpyxl;
- :mod:`packgen.render.ooxml.presentation` — python-pptx;
- :mod:`packgen.render.ooxml.document` — python-docx and docxtpl.

Each function here does one thing the library's public API cannot, says in its docstring why the
public API does not serve, and is pinned by a test in ``tests/render/ooxml/`` that fails when a
release of the library changes the behaviour packgen relies on. Every other module uses only these
functions and the libraries' public API (``tests/test_imports.py`` checks that no other module names
a dependency's private attribute).
"""
