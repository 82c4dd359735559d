"""The printed layout and the page codes: what printing records and reading relies on."""

import pytest

from packgen.paper.layout import Box, FormLayout, PageCode, PageLayout, Square, Writing, layout_from_json


def _layout(x: float = 20.0) -> FormLayout:
    page = PageLayout(page=1, qr=Square(170.0, 20.0, 22.0),
                      boxes=(Box("trust", "7", x, 100.0, 6.0),), writing=(Writing("hopes", 20, 200, 170, 40),))
    return FormLayout(event="central-south-2022-02-25", stage="pre", pages=(page,))


def test_a_layout_reads_back_as_written():
    layout = _layout()
    assert layout_from_json(layout.to_json()) == layout


def test_the_digest_changes_when_a_box_moves():
    assert _layout(20.0).digest != _layout(20.5).digest
    assert len(_layout().digest) == 8


def test_a_layout_edited_after_printing_is_refused():
    text = _layout().to_json().replace('"x": 20.0', '"x": 21.0')
    with pytest.raises(ValueError, match="changed after it was printed"):
        layout_from_json(text)


def test_a_page_code_reads_back_as_written():
    code = PageCode(event="central-south-2022-02-25", stage="post", form=17, page=2, digest="3fa9c2d1")
    assert str(code) == "packgen:1:central-south-2022-02-25:post:17:2:3fa9c2d1"
    assert PageCode.parse(str(code)) == code


@pytest.mark.parametrize("text", ["", "https://example.com", "packgen:2:e:pre:1:1:abcd1234",
                                  "packgen:1:e:mid:1:1:abcd1234", "packgen:1:e:pre:0:1:abcd1234",
                                  "packgen:1:e:pre:x:1:abcd1234"])
def test_anything_else_is_not_a_page_code(text):
    assert PageCode.parse(text) is None
