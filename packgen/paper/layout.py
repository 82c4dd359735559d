"""Where everything sits on a printed form: the layout packgen prints and reads scans back by.

Printing records the layout it drew (:mod:`packgen.paper.printing`); reading a scan never guesses
where a box is, it looks the box up here. Every length is in millimetres from the page's top-left
corner, y downwards, on an A4 page. Every page carries the same four corner marks (solid black
discs, :data:`MARK_DIAMETER` across, centred :data:`MARK_INSET` from both nearest edges) and a QR
code whose text is a :class:`PageCode`.

One layout describes every copy of one stage's form: the copies differ only in their form number,
which the QR code and the printed digits carry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

SCHEMA = "packgen-paper-layout/1"

PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARK_DIAMETER = 6.0
MARK_INSET = 12.0
MARK_CENTRES: tuple[tuple[float, float], ...] = (
    (MARK_INSET, MARK_INSET),
    (PAGE_WIDTH - MARK_INSET, MARK_INSET),
    (PAGE_WIDTH - MARK_INSET, PAGE_HEIGHT - MARK_INSET),
    (MARK_INSET, PAGE_HEIGHT - MARK_INSET),
)
"""Top left, top right, bottom right, bottom left."""

MIN_BOX = 5.0
"""The smallest tick box printed, in mm."""

Stage = Literal["pre", "post"]


@dataclass(frozen=True)
class Box:
    """One tick box: ticking it answers ``field`` with ``value``.

    ``field`` is a survey question's id, ``sector`` or ``consent``; ``value`` is the score
    (``"0"`` to ``"10"``), the sector's name, or ``"yes"``. ``x``, ``y`` are the box's outer
    top-left corner and ``size`` its outer side, border included.
    """

    field: str
    value: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class Writing:
    """One area for handwriting (a free-text answer, :data:`packgen.wording.TEXT_FIELDS`)."""

    field: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Square:
    """A square on the page: where the QR code is printed."""

    x: float
    y: float
    size: float


@dataclass(frozen=True)
class PageLayout:
    """One printed page of a form (``page`` counts from 1)."""

    page: int
    qr: Square
    boxes: tuple[Box, ...] = ()
    writing: tuple[Writing, ...] = ()


@dataclass(frozen=True)
class FormLayout:
    """Every page of one stage's printed form, for the event whose key is ``event``."""

    event: str
    stage: Stage
    pages: tuple[PageLayout, ...]
    schema: str = field(default=SCHEMA)

    @property
    def digest(self) -> str:
        """Return 8 hex digits that change whenever any box or area moves; the QR codes carry it."""
        text = json.dumps(_plain(self), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

    def to_json(self) -> str:
        """Return the layout as JSON (what :func:`layout_from_json` reads back)."""
        return json.dumps({**_plain(self), "digest": self.digest}, indent=2, ensure_ascii=False) + "\n"


def _plain(layout: FormLayout) -> dict:
    data = asdict(layout)
    data["pages"] = [asdict(page) for page in layout.pages]
    return data


def layout_from_json(text: str) -> FormLayout:
    """Return the :class:`FormLayout` written by :meth:`FormLayout.to_json`.

    Raises ``ValueError`` (with what was wrong) for text that is not such a layout.
    """
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"expected a layout with schema '{SCHEMA}'")
    pages = tuple(
        PageLayout(
            page=int(page["page"]),
            qr=Square(**page["qr"]),
            boxes=tuple(Box(**box) for box in page.get("boxes", ())),
            writing=tuple(Writing(**area) for area in page.get("writing", ())),
        )
        for page in data["pages"]
    )
    layout = FormLayout(event=str(data["event"]), stage=data["stage"], pages=pages)
    if "digest" in data and data["digest"] != layout.digest:
        raise ValueError("the layout was changed after it was printed (its digest does not match)")
    return layout


CODE_PREFIX = "packgen"
CODE_VERSION = "1"


@dataclass(frozen=True)
class PageCode:
    """What a page's QR code says: which event, stage, form (the pair number) and page, and the
    digest of the layout it was printed with.

    As text: ``packgen:1:<event>:<stage>:<form>:<page>:<digest>``, e.g.
    ``packgen:1:central-south-2022-02-25:pre:17:1:3fa9c2d1``.
    """

    event: str
    stage: Stage
    form: int
    page: int
    digest: str

    def __str__(self) -> str:
        return ":".join([CODE_PREFIX, CODE_VERSION, self.event, self.stage, str(self.form), str(self.page),
                         self.digest])

    @classmethod
    def parse(cls, text: str) -> PageCode | None:
        """Return the code in ``text``, or ``None`` when it is not a packgen page code."""
        parts = text.strip().split(":")
        if len(parts) != 7 or parts[0] != CODE_PREFIX or parts[1] != CODE_VERSION:
            return None
        _, _, event, stage, form, page, digest = parts
        if stage not in ("pre", "post") or not form.isdigit() or not page.isdigit() or int(form) < 1:
            return None
        return cls(event=event, stage=stage, form=int(form), page=int(page), digest=digest)
