"""The Budget sheet: the config's lines, and live totals, money left and cost per attendee."""

from __future__ import annotations

from copy import copy

from packgen.model import Event
from packgen.render.xlsx.cells import Formula
from packgen.render.xlsx.excel_numbers import as_stored, minus
from packgen.render.xlsx.data_sheet import DataSheet, reference

BUDGET_LABELS = {
    "total": "Total",
    "budget": "Budget available",
    "left": "Left over",
    "attendees": "Attendees (marked Attended on the Invitations sheet)",
    "per_head": "Cost per attendee",
}
BUDGET_NOTES = {
    "left": "Estimate column: the budget minus the estimates. Actual column: the budget minus"
            " what has been spent, once any actual cost is typed in.",
    "per_head": "Blank until someone is marked Attended.",
}


def write_budget(data: DataSheet, event: Event, invitations: DataSheet) -> None:
    """Write the budget lines, then the summary rows' formulas, each with its value."""
    lines = event.budget.lines
    last = data.write_rows(
        {"Item": line.item, "Estimate (£)": line.estimate, "Actual (£)": line.actual,
         "Notes": line.notes}
        for line in lines
    )
    if not lines:  # keep a line to type into, so the sums have a range
        data.write(data.first, {})
        last = data.first
    est, act = data.letter("Estimate (£)"), data.letter("Actual (£)")
    total, budget, left, attendees, per_head = range(last + 1, last + 6)
    actuals = data.span("Actual (£)", data.first, last)
    rsvp = reference(invitations.sheet, invitations.checked_span("RSVP", absolute=True))
    # The values the formulas come to, from the cells as written (SUM and COUNT skip blanks).
    spent = [as_stored(line.actual) for line in lines if line.actual is not None]
    money = as_stored(event.budget.total)
    estimated = sum(as_stored(line.estimate) for line in lines)
    came = sum(1 for value in invitations.values("RSVP", invitations.first, invitations.last)
               if isinstance(value, str) and value.casefold() == "attended")
    rows = {
        total: {"Estimate (£)": Formula(f"=SUM({data.span('Estimate (£)', data.first, last)})",
                                        estimated),
                "Actual (£)": Formula(f"=SUM({actuals})", sum(spent))},
        budget: {"Estimate (£)": event.budget.total},
        left: {"Estimate (£)": Formula(f"={est}{budget}-{est}{total}", minus(money, estimated)),
               "Actual (£)": Formula(f'=IF(COUNT({actuals})=0,"",{est}{budget}-{act}{total})',
                                     minus(money, sum(spent)) if spent else "")},
        attendees: {"Estimate (£)": Formula(f'=COUNTIF({rsvp},"Attended")', came)},
        per_head: {"Estimate (£)": Formula(f'=IF({est}{attendees}=0,"",{est}{total}/{est}{attendees})',
                                           estimated / came if came else ""),
                   "Actual (£)": Formula(
                       f'=IF(OR({est}{attendees}=0,COUNT({actuals})=0),"",{act}{total}/{est}{attendees})',
                       sum(spent) / came if came and spent else "")},
    }
    for (name, label), row in zip(BUDGET_LABELS.items(), rows):
        data.write(row, {"Item": label, "Notes": BUDGET_NOTES.get(name, ""), **rows[row]})
        for header in ("Item", "Estimate (£)", "Actual (£)"):
            cell = data.sheet.cell(row, data.column(header))
            font = copy(cell.font)
            font.bold = True
            cell.font = font
    data.sheet.cell(attendees, data.column("Estimate (£)")).number_format = "0"
