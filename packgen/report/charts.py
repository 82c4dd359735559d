"""The evaluation report's charts: each survey question's 0–10 scores, before and after.

matplotlib draws them (its object API and the Agg canvas: no pyplot, no global state, no window)
as PNG images sized for the page. Before and after differ in more than colour: before is a solid
dark bar, after is hatched, and both are named in the legend. The scores at or above the cut-off
sit on a shaded band labelled in words. Every chart comes with alt
text naming the chart type and its main finding, and the report puts the same counts in a table
beside it (so the bars carry no number labels of their own).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from io import BytesIO

from packgen import scales
from packgen.evaluation import QuestionResult
from packgen.report.style import GRAPHIC_CONTRAST, TEXT, brand_colour
from packgen.report.words import positive_words, share_text

WIDTH_CM = 10.0
HEIGHT_CM = 7.0
DPI = 150
BEFORE_COLOUR = "#505A5F"
"""Dark grey, 7:1 on white."""
BAND_COLOUR = "#F3F2F1"
SCORES = list(range(11))


@dataclass(frozen=True)
class Chart:
    """One chart: where the report finds it, the PNG, and what it shows in words."""

    name: str
    """``charts/trust.png``"""
    png: bytes
    alt: str


def distribution_chart(question: QuestionResult, subject: str, primary: str) -> Chart | None:
    """Return the bar chart of how many people gave each score, before and after, or None when
    no one gave a score at either stage."""
    series = _series(question)
    if not series:
        return None
    return Chart(f"charts/{question.id}.png", _draw(series, question.cutoff, primary, scales.SCALES[question.scale]),
                 chart_alt(question, subject))


def chart_alt(question: QuestionResult, subject: str) -> str:
    """Return the chart's alt text: the chart type, what it counts, and its main finding (the
    share at or above the cut-off at each stage)."""
    stages = [(name, proportion) for name, proportion in (("before", question.pre), ("after", question.post))
              if proportion is not None and proportion.n]
    if not stages:
        return f"Bar chart of the scores given to {subject}: nobody answered it."
    when = " and ".join(name for name, _ in stages) + " the hub"
    if len(stages) == 2:
        (_, pre), (_, post) = stages
        finding = (f"Before, {share_text(pre)} scored {positive_words(question)}; after, {share_text(post)}.")
    else:
        name, only = stages[0]
        finding = f"{name.capitalize()} the hub, {share_text(only)} scored {positive_words(question)}."
    return f"Bar chart of how many people gave {scales.SCALES[question.scale].spread} to {subject}, {when}. {finding}"


def _series(question: QuestionResult) -> list[tuple[str, list[int]]]:
    series = []
    if any(question.pre_distribution):
        series.append(("Before the hub", question.pre_distribution))
    if any(question.post_distribution):
        series.append(("After the hub", question.post_distribution))
    return series


def _draw(series: list[tuple[str, list[int]]], cutoff: int, primary: str,
          scale: scales.Scale = scales.ZERO_TO_TEN) -> bytes:
    return _frame().draw(series, cutoff, primary, scale)


_FRAMES = threading.local()
"""Each thread's chart frame. Not a per-run store: a frame is made from nothing but constants and
every chart redraws all it shows, so a frame kept from an earlier run can never show stale data."""


def _frame() -> _Frame:
    """Return this thread's chart frame, made on first use."""
    if not hasattr(_FRAMES, "frame"):
        _FRAMES.frame = _Frame()
    return _FRAMES.frame


class _Frame:
    """One figure with its axes, ticks and labels, set up once and redrawn for every chart.

    Making a matplotlib figure and its ticks costs more than drawing the bars, so the frame is
    kept (one per thread: matplotlib figures are not thread-safe) and only the bars, the cut-off
    band and the legend change from chart to chart.
    """

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # heavy: only when charting
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
        FigureCanvasAgg(self.figure)
        # Fixed margins, not a layout engine: it would lay the figure out again for every chart.
        self.figure.subplots_adjust(left=0.13, right=0.99, top=0.98, bottom=0.15)
        axes = self.axes = self.figure.add_subplot()
        axes.set_xticks(SCORES)
        axes.set_xlim(-0.6, 10.6)
        axes.set_xlabel("Score out of 10", fontsize=9, color=TEXT)
        axes.set_ylabel("Number of people", fontsize=9, color=TEXT)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.tick_params(labelsize=8, colors=TEXT)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        self.artists: list = []
        self.scale = scales.ZERO_TO_TEN

    def set_scale(self, scale: scales.Scale) -> None:
        """Set the horizontal axis for ``scale``'s answers, lowest first (only when it changes)."""
        if scale is not self.scale:
            self.scale = scale
            self.axes.set_xticks(range(len(scale.values)), scale.tick_labels())
            self.axes.set_xlim(-0.6, len(scale.values) - 0.4)
            self.axes.set_xlabel(scale.axis_label, fontsize=9, color=TEXT)
            # labels over three lines need the room below the axis that one line of numbers does not
            self.figure.subplots_adjust(bottom=0.24 if scale.reads_labels else 0.15)

    def draw(self, series: list[tuple[str, list[int]]], cutoff: int, primary: str,
             scale: scales.Scale = scales.ZERO_TO_TEN) -> bytes:
        """Return the PNG of one chart: the bars of each series over the cut-off band."""
        for artist in self.artists:
            artist.remove()
        self.set_scale(scale)
        positions = range(len(scale.values))  # a 0–10 score is its own position
        start, end = scale.ascending.index(cutoff), len(scale.values) - 1
        axes = self.axes
        after_colour = brand_colour(primary, GRAPHIC_CONTRAST)
        styles = {
            "Before the hub": {"color": BEFORE_COLOUR, "edgecolor": BEFORE_COLOUR},
            "After the hub": {"color": "white", "edgecolor": after_colour, "hatch": "////"},
        }
        width = 0.8 / len(series)
        tallest = max(max(counts) for _, counts in series)
        self.artists = [
            axes.axvspan(start - 0.5, end + 0.5, color=BAND_COLOUR, zorder=0),
            axes.text((start + end) / 2, tallest * 1.22, scale.band_label(cutoff), ha="center",
                      va="top", fontsize=8, color=TEXT),
        ]
        for index, (label, counts) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            self.artists.append(axes.bar([s + offset for s in positions], counts, width, linewidth=1, zorder=2,
                                         label=f"{label} ({sum(counts)} answers)", **styles[label]))
        axes.set_ylim(0, tallest * 1.3)
        self.artists.append(axes.legend(fontsize=8, frameon=False, loc="upper left"))
        return _png(self.figure)


def _png(figure) -> bytes:
    """Return the figure as an RGB PNG: no alpha channel, which the PDF would carry as a second
    image (a chart is opaque). Compressed lightly: WeasyPrint unpacks it and compresses it again
    for the PDF."""
    from PIL import Image  # matplotlib's own dependency

    canvas = figure.canvas
    canvas.draw()
    buffer = BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB").save(
        buffer, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return buffer.getvalue()
