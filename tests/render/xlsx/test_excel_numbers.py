"""Stored values worked out as Excel and LibreOffice calculate them."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.context import due_date
from packgen.output_guards import captured_data
from packgen.resources import example_folder

from .books import FIRST, render, open_bytes, formula_cells, computed, formula_values


def test_stored_values_follow_fractional_weeks_costs_and_ratings(tmp_path):
    data = example_data()
    data["checklist"] = [{"item": "Half a week", "owner": "Organiser", "weeks_before": 0.5},
                         {"item": "After", "owner": "Organiser", "weeks_before": -1.5}]
    data["budget"]["lines"] = [{"item": "Venue", "estimate": 1000.1, "actual": 999.99},
                               {"item": "Food", "estimate": 0.2, "actual": 0.1}]
    data["risks"] = [{"hazard": "Fire", "who": "Everyone", "controls": "Drills",
                      "likelihood": 3, "severity": 5}]
    written = render(load_config(write_config(tmp_path / "hub", data)))
    stored = openpyxl.load_workbook(io.BytesIO(written), data_only=True)
    assert [row[3].date() for row in stored["Checklist"].iter_rows(min_row=FIRST, values_only=True)] == [
        date(2022, 2, 21), date(2022, 3, 8)]  # 3.5 days rounds to 4, and -10.5 to -11, as ROUND does
    budget = stored["Budget"]
    assert (budget["B6"].value, budget["C6"].value) == (1000.1 + 0.2, 999.99 + 0.1)
    assert budget["C8"].value == data["budget"]["total"] - (999.99 + 0.1)
    assert [c.value for c in stored["Risk assessment"][FIRST]][5:7] == [15, "High"]


def hub_with_every_kind_of_value(tmp_path: Path) -> Path:
    """Return a config whose workbook's formulas come to every kind of value packgen writes."""
    data = example_data()
    data["checklist"] = [{"item": "Book a venue", "weeks_before": 8},
                         {"item": "Half a week", "weeks_before": 0.5},
                         {"item": "After", "weeks_before": -1.5},
                         {"item": "A day", "weeks_before": 0.14}]
    data["budget"] = {"total": 1012.8,  # the estimates' sum, which float after float misses
                      "lines": [{"item": "Venue", "estimate": 1000.1, "actual": 0.2},
                                {"item": "Food", "estimate": 0.2, "actual": 0.1},
                                {"item": "Vouchers", "estimate": 12.5}]}
    data["risks"] = [{"hazard": hazard, "likelihood": likelihood, "severity": 5}
                     for hazard, likelihood in (("Fire", 3), ("Crowding", 2), ("Spills", 1))]
    return write_config(tmp_path / "every", data)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_every_stored_value_alike(tmp_path, hostile_config, to_xlsx):
    configs = {"example": load_config(example_folder() / "hub.yaml"), "hostile": hostile_config,
               "every": load_config(hub_with_every_kind_of_value(tmp_path))}
    for name, config in configs.items():
        path = tmp_path / name / "planning.xlsx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(render(config))
        ours, theirs = formula_values(path), formula_values(to_xlsx(path))
        assert {f"{title}!{cell}" for title, cells in ours.items() for cell in cells} == formula_cells(
            open_bytes(path.read_bytes()))
        assert ours == theirs, name
        assert all(value is not None for cells in ours.values() for _, value in cells.values())


@pytest.mark.libreoffice
def test_libreoffice_computes_the_formulas(tmp_path, example_bytes, example_config, to_xlsx):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    resaved = to_xlsx(path)
    book = computed(resaved)
    event = example_config.event
    assert book["Budget"]["B9"].value == sum(line.estimate for line in event.budget.lines) == 4550
    assert book["Budget"]["B11"].value == 450
    assert book["Budget"]["B12"].value == 0 and book["Budget"]["B13"].value is None
    due = [row[3] for row in book["Checklist"].iter_rows(min_row=FIRST, values_only=True)]
    assert due == [datetime.combine(due_date(event, item.weeks_before), time()) for item in event.checklist]
    assert due[0] == datetime(2021, 12, 17)
    for row, risk in enumerate(event.risks, start=FIRST):
        assert book["Risk assessment"][f"F{row}"].value == risk.likelihood * risk.severity
    assert book["Risk assessment"]["G4"].value == "Medium"
    assert captured_data(resaved) == {}  # saving in LibreOffice is not typing

