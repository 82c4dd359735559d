"""Colours the reports may use (packgen.report.style)."""

from __future__ import annotations

import pytest

from packgen.report.style import TEXT, brand_colour, contrast_ratio


@pytest.mark.parametrize("first, second, expected", [
    ("#FFFFFF", "#000000", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#767676", "#FFFFFF", 4.54), ("#1D3557", "#FFFFFF", 12.36),
])
def test_contrast_ratio_is_wcags(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)


def test_brand_colour_is_used_only_where_it_stays_readable():
    assert brand_colour("#1D3557") == "#1D3557"
    assert brand_colour("#FFD700") == TEXT  # gold on white: 1.4:1
    assert brand_colour("#949494", minimum=3.0) == "#949494"  # 3.03:1 is enough for a graphic
    assert brand_colour("#949494") == TEXT  # but not for text


def test_the_stylesheets_colours_pass_on_white():
    from packgen.resources import report_folders
    import re

    css = (report_folders()[0] / "report.css").read_text()
    for colour in set(re.findall(r"color:\s*(#[0-9A-Fa-f]{6})", css)):
        assert contrast_ratio(colour, "#FFFFFF") >= 4.5, colour
        assert contrast_ratio(colour, "#F3F2F1") >= 4.5, colour  # the tint behind table heads
