"""The print stage (packgen.stages.print_forms): the line ``packgen print`` ends with. Printing and
writing the forms is tested in tests/paper/test_printing.py."""

from types import SimpleNamespace

from packgen.stages.print_forms import PrintResult


def _printed(pages: int):
    return SimpleNamespace(layout=SimpleNamespace(pages=[None] * pages), messages=[f"{pages} pages"])


def test_the_print_result_says_how_many_forms_of_how_many_pages():
    result = PrintResult(config=None, folder=None, forms={"pre": _printed(2), "post": _printed(3)}, written=None,
                         copies=60)
    assert result.summary() == "60 numbered forms of each stage (2 pages before the hub, 3 after)."
    assert result.warnings == ["2 pages", "3 pages"]
