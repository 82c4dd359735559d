"""The Invitations and the Table plan."""

from __future__ import annotations

import pytest

from packgen.render.xlsx.sheets.people import member_count

from ..books import LAST_CHECKED, open_bytes, rows, validations, formula_values


def test_invitations_list_every_invitee_with_spare_rows_and_drop_downs(book, example_config):
    sheet = book["Invitations"]
    expected = [
        (p.name, p.organisation or None, p.sector, p.email, p.needs or None, "Invited")
        for p in example_config.event.invitees
    ]
    assert rows(sheet) == expected + [(None,) * 6] * 10  # ten spare rows, styled but empty
    assert sheet[f"A{sheet.max_row}"].border.left.style == "thin"
    assert validations(sheet) == {
        f"F4:F{LAST_CHECKED}": ("list", '"Invited,Accepted,Declined,Attended,No reply"', None, None),
        f"C4:C{LAST_CHECKED}": ("list", "Lists!$A$4:$A$14", None, None),
    }


def test_table_plan_has_each_table_and_a_size_formula(book):
    names = 'TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(D{0}," ",""),CHAR(13),""),CHAR(10)," "))'
    count = f'IF({names}="",0,LEN({names})-LEN(SUBSTITUTE({names}," ",""))+1)'
    assert rows(book["Table plan"]) == [
        ("Table 1", "Amara Mensah", "PC Jordan Reid", None, "=" + count.format(4)),
        ("Table 2", "PS Tomasz Nowak", "Farah Hussain", None, "=" + count.format(5)),
        ("Table 3", "Grace Adeyemi", "PCSO Liam Carter", None, "=" + count.format(6)),
        ("Table 4", "Insp. Ruth Evans", "Shahida Begum", None, "=" + count.format(7)),
        ("Table 5", "Kwame Boateng", "PC Aoife Byrne", None, "=" + count.format(8)),
    ]


@pytest.mark.libreoffice
def test_libreoffice_counts_the_names_in_a_table_not_its_blank_lines(tmp_path, example_bytes, to_xlsx):
    typed = {
        4: "Adaeze Okonkwo\n\nMarcus Campbell",  # a blank line between two names
        5: "\nAdaeze Okonkwo\n  \nMarcus Campbell\n\n",  # blank lines around, one of spaces
        6: "Adaeze Okonkwo\r\nMarcus Campbell\r\n Zainab Ahmed ",  # pasted with Windows line ends
        7: " \n \n",
        8: "Zainab Ahmed",
    }
    workbook = open_bytes(example_bytes)
    for row, names in typed.items():
        workbook["Table plan"][f"D{row}"] = names
    path = tmp_path / "planning.xlsx"
    workbook.save(path)
    sizes = formula_values(to_xlsx(path))["Table plan"]
    assert {row: sizes[f"E{row}"] for row in typed} == {
        4: ("n", 2), 5: ("n", 2), 6: ("n", 3), 7: ("n", 0), 8: ("n", 1)}
    assert {row: ("n", member_count(names)) for row, names in typed.items()} == {
        row: sizes[f"E{row}"] for row in typed}

