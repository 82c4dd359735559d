"""The Budget sheet."""

from __future__ import annotations

from datetime import date

import pytest

from packgen.render.xlsx.sheets.budget import BUDGET_NOTES

from ..books import open_bytes, rows, computed


def test_budget_has_its_lines_and_live_summary_formulas(book):
    sheet = book["Budget"]
    assert rows(sheet) == [
        ("Venue hire", 0, None, "Our own building"),
        ("Food and drink", 1800, None, None),
        ("Vouchers for attendees", 2000, None, None),
        ("Materials (flip charts, pens, printing)", 350, None, None),
        ("Travel costs for attendees", 400, None, None),
        ("Total", "=SUM(B4:B8)", "=SUM(C4:C8)", None),
        ("Budget available", 5000, None, None),
        ("Left over", "=B10-B9", '=IF(COUNT(C4:C8)=0,"",B10-C9)', BUDGET_NOTES["left"]),
        ("Attendees (marked Attended on the Invitations sheet)",
         '=COUNTIF(Invitations!$F$4:$F$503,"Attended")', None, None),
        ("Cost per attendee", '=IF(B12=0,"",B9/B12)', '=IF(OR(B12=0,COUNT(C4:C8)=0),"",C9/B12)',
         BUDGET_NOTES["per_head"]),
    ]
    assert sheet["B9"].number_format == sheet["C13"].number_format == "£#,##0.00"
    assert sheet["B12"].number_format == "0"
    assert sheet["A9"].font.bold and not sheet["A8"].font.bold


@pytest.mark.libreoffice
def test_libreoffice_computes_attendees_costs_and_table_sizes_once_typed(tmp_path, example_bytes,
                                                                        to_xlsx):
    path = tmp_path / "planning.xlsx"
    workbook = open_bytes(example_bytes)
    for row in (4, 5, 6, 7):
        workbook["Invitations"][f"F{row}"] = "Attended"
    workbook["Budget"]["C5"] = 1000
    workbook["Table plan"]["D4"] = "Adaeze Okonkwo\nMarcus Campbell\nZainab Ahmed"
    workbook.save(path)
    book = computed(to_xlsx(path))
    budget = book["Budget"]
    assert (budget["B12"].value, budget["B13"].value) == (4, 4550 / 4)
    assert (budget["C9"].value, budget["C11"].value, budget["C13"].value) == (1000, 4000, 250)
    assert book["Table plan"]["E4"].value == 3 and book["Table plan"]["E5"].value == 0
    assert date(2022, 2, 25) == book["Overview"]["B10"].value.date()

