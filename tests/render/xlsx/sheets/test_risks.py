"""The Risk assessment."""

from __future__ import annotations

from ..books import FIRST, LAST_CHECKED, rows, validations


def test_risk_rating_and_band_are_formulas_with_1_to_5_checks(book, example_config):
    sheet = book["Risk assessment"]
    expected = [
        (r.hazard, r.who, r.controls, r.likelihood, r.severity, f"=D{row}*E{row}",
         f'=IF(F{row}>=15,"High",IF(F{row}>=5,"Medium","Low"))')
        for row, r in enumerate(example_config.event.risks, start=FIRST)
    ]
    assert rows(sheet) == expected
    assert validations(sheet) == {
        f"D4:D{LAST_CHECKED}": ("whole", "1", "5", "between"),
        f"E4:E{LAST_CHECKED}": ("whole", "1", "5", "between"),
    }
    assert "1 to 4 is Low, 5 to 12 Medium, 15 to 25 High" in sheet["A2"].value

