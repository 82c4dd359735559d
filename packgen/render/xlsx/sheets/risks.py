"""The Risk assessment: each hazard's rating a formula, banded High, Medium or Low."""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill

from packgen.model import Event
from packgen.render.xlsx.cells import Formula
from packgen.render.xlsx.checks import validate, whole
from packgen.render.xlsx.specs import RISK_BANDS
from packgen.render.xlsx.data_sheet import DataSheet


def write_risks(data: DataSheet, event: Event) -> None:
    """Write one row per risk, with 1-to-5 checks and the bands' colours."""
    likelihood, severity = data.letter("Likelihood"), data.letter("Severity")
    rating = data.letter("Rating")
    last = data.write_rows(
        {"Hazard": risk.hazard, "Who might be harmed": risk.who, "Controls": risk.controls,
         "Likelihood": risk.likelihood, "Severity": risk.severity,
         "Rating": Formula(f"={likelihood}{row}*{severity}{row}", risk.likelihood * risk.severity),
         "Band": Formula(_band(f"{rating}{row}"), risk_band(risk.likelihood * risk.severity))}
        for row, risk in enumerate(event.risks, start=data.first)
    )
    validate(data.sheet, whole(1, 5, "Likelihood"), data.checked_span("Likelihood"))
    validate(data.sheet, whole(1, 5, "Severity"), data.checked_span("Severity"))
    if data.has("Band") and last >= data.first:
        span = data.span("Band", data.first, last)
        for band, colour in zip(("High", "Medium", "Low"), ("F4CCCC", "FCE8B2", "D9EAD3")):
            data.sheet.conditional_formatting.add(span, CellIsRule(
                operator="equal", formula=[f'"{band}"'], fill=PatternFill("solid", fgColor=colour)))


def _band(rating: str) -> str:
    """Return the formula naming the band of the rating in cell ``rating``."""
    (high, at_high), (medium, at_medium), (low, _) = RISK_BANDS
    return f'=IF({rating}>={at_high},"{high}",IF({rating}>={at_medium},"{medium}","{low}"))'


def risk_band(rating: int) -> str:
    """Return the band of ``rating``, as the Band formula names it."""
    return next(name for name, at_least in RISK_BANDS if rating >= at_least)
