"""The Run of the day and the Checklist, whose due dates count back from the hub's first date."""

from __future__ import annotations

from openpyxl.utils.datetime import to_excel

from packgen.context import run_of_the_day
from packgen.model import Event
from packgen.render.xlsx.cells import Formula
from packgen.render.xlsx.checks import choice, validate
from packgen.render.xlsx.excel_numbers import as_stored, excel_round
from packgen.render.xlsx.specs import CHECKLIST_STATUSES, EVENT_DATE
from packgen.render.xlsx.data_sheet import DataSheet


def write_run(data: DataSheet, event: Event) -> None:
    """Write one row per item of the run of the day."""
    data.write_rows(
        {"Date": item.on or event.dates[0], "Start": item.start, "End": item.end,
         "Item": item.title, "Details": item.detail}
        for item in run_of_the_day(event)
    )


def write_checklist(data: DataSheet, event: Event) -> None:
    """Write the checklist, each due date a formula counting back from ``EventDate``."""
    weeks = data.letter("Weeks before the hub")
    first_date = to_excel(event.dates[0])  # the EventDate cell's value, as a day number
    data.write_rows(
        {"Task": item.item, "Owner": item.owner, "Weeks before the hub": item.weeks_before,
         "Due date": Formula(f"={EVENT_DATE}-ROUND(7*{weeks}{row},0)",
                             first_date - excel_round(7 * as_stored(item.weeks_before))),
         "Status": CHECKLIST_STATUSES[0]}
        for row, item in enumerate(event.checklist, start=data.first)
    )
    validate(data.sheet, choice(CHECKLIST_STATUSES, "status"), data.checked_span("Status"))
