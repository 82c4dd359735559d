"""The hidden Lists sheet: the sectors and table names the drop-downs read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packgen.model import Event
from packgen.render.xlsx.data_sheet import DataSheet, reference
from packgen.wording import WHOLE_ROOM


@dataclass
class Lists:
    """The ranges of the Lists sheet the drop-downs read (None for an empty list)."""

    sectors: str | None
    tables: str | None


def write_lists(data: DataSheet, event: Event, context: dict[str, Any]) -> Lists:
    """Write the sector and table lists the drop-downs read; return their ranges."""
    # Session notes can be the whole room's too (session 3's three things to take away).
    sectors, tables = list(event.sectors), [t["name"] for t in context["tables"]] + [WHOLE_ROOM]
    for offset in range(max(len(sectors), len(tables))):
        data.write(data.first + offset, {
            "Sector": sectors[offset] if offset < len(sectors) else None,
            "Table": tables[offset] if offset < len(tables) else None,
        })

    def source(header: str, count: int) -> str | None:
        if not count:
            return None
        return reference(data.sheet, data.span(header, data.first, data.first + count - 1, True))

    return Lists(source("Sector", len(sectors)), source("Table", len(tables)))
