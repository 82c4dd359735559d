"""The drop-downs and number checks (Excel's data validation) the data sheets carry."""

from __future__ import annotations

from typing import Sequence

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet


def choice(choices: Sequence[str], what: str) -> DataValidation:
    """Return a drop-down of fixed ``choices``."""
    return DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=f"Pick a {what}",
        error=f"Pick one of: {', '.join(choices)}.",
    )


def list_from(source: str, what: str) -> DataValidation:
    """Return a drop-down of the cells ``source`` (a range on the Lists sheet)."""
    return DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=True,
        errorTitle=f"Pick a {what}", error=f"Pick a {what} from the drop-down list.",
    )


def whole(low: int, high: int, what: str) -> DataValidation:
    """Return a check that a cell holds a whole number from ``low`` to ``high``, or nothing."""
    return DataValidation(
        type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True,
        showErrorMessage=True, errorTitle=f"{what} from {low} to {high}",
        error=f"Type a whole number from {low} to {high}, or leave the cell blank.",
    )


def validate(sheet: Worksheet, validation: DataValidation, *spans: str) -> None:
    """Apply ``validation`` to every range of ``spans`` on ``sheet``."""
    for span in spans:
        validation.add(span)
    sheet.add_data_validation(validation)
