"""Guards that keep packgen from writing over the organiser's own work, beyond a file's hash.

:mod:`packgen.output` refuses to replace a file changed since packgen wrote it; a guard here
refuses for a reason only the file's content shows. This is its own module, not part of
:mod:`packgen.output`, because output writes any file and imports no document library, while a guard
reads one kind of document (openpyxl, imported only when a guard runs) and knows its layout.

- :func:`captured_data`: a planning workbook the organiser has typed into (responses, replies,
  costs, notes) is not rebuilt.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from packgen.errors import OverwriteRefused


def captured_data(path: Path) -> dict[str, int]:
    """Return, per sheet, how many rows of the workbook at ``path`` hold the organiser's typing.

    A row counts when packgen did not write it as it stands: a response typed into a capture
    sheet, an RSVP or status changed, an actual cost filled in, a row sorted elsewhere does not.
    Sheets with none are left out, so ``{}`` means the workbook can be rebuilt safely (and so does
    a path where no file exists). The Overview and the hidden Lists sheet mirror the config and are
    not counted. A workbook packgen did not record (an older one, or one whose record was removed)
    counts every filled row under each header. The file is opened read-only and never changed.

    Raises :class:`OverwriteRefused` when the file cannot be read as a workbook: it may hold work.
    """
    from packgen.render.xlsx.record import read_record  # heavy: openpyxl
    from packgen.render.xlsx.specs import watched_sheets
    from packgen.render.xlsx.template import load

    path = Path(path)
    if not path.exists():
        return {}
    try:
        workbook = load(path, read_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise OverwriteRefused(
            f"{path}: cannot be read as an Excel workbook ({error}); packgen will not overwrite"
            " a file it cannot check for captured data"
        ) from None
    try:
        written = read_record(workbook)
        counts = {}
        for spec in watched_sheets():
            if spec.title not in workbook.sheetnames:
                continue
            sheet = workbook[spec.title]
            sheet.reset_dimensions()
            typed = _count_typed(list(sheet.iter_rows(values_only=True)), spec,
                                 Counter(written.get(spec.title, ())))
            if typed:
                counts[spec.title] = typed
        return counts
    finally:
        workbook.close()


def _count_typed(rows: list[Sequence[Any]], spec: Any, written: Counter) -> int:
    """Return how many filled rows under the header are not among the ``written`` fingerprints."""
    from packgen.render.xlsx.record import row_fingerprints

    typed = 0
    for fingerprint in row_fingerprints(rows, spec):
        if written[fingerprint] > 0:
            written[fingerprint] -= 1
        else:
            typed += 1
    return typed
