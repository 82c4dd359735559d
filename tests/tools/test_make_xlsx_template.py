"""tools/make_xlsx_template.py: the script that made the first planning workbook template still
runs against packgen as it is, and what it makes is a template packgen can fill. (The template
packgen ships is the source of truth, restyled in Office since, so it is not compared here.)"""

from __future__ import annotations

import io

import openpyxl

from packgen.context import build_context
from packgen.render.xlsx import check_template, data_sheets, render_planning
from tools.make_xlsx_template import main


def test_the_script_makes_a_template_with_every_sheet_that_packgen_fills(tmp_path, example_config, capsys):
    template = main(tmp_path / "planning.xlsx")
    assert capsys.readouterr().out == f"wrote {template}\n"
    context = build_context(example_config.event)
    assert check_template(template, context) == []
    written = openpyxl.load_workbook(io.BytesIO(render_planning(example_config.event, context, template)))
    assert [spec.title for spec in data_sheets()] == [name for name in written.sheetnames
                                                      if name not in ("Overview", "packgen record")]
