"""The evaluation report's charts: each survey question's 0–10 scores, before and after.

matplotlib draws them (its object API and the Agg canvas: no pyplot, no global state, no window)
as PNG images sized for the page. Before and after differ in more than colour: before is a solid
dark bar, after is hatched, and both are named in the legend. The scores at or above the cut-off
sit on a shaded band labelled in words. Every chart comes with alt
text naming the chart type and its main finding, and the report puts the same counts in a table
beside it (so the bars carry no number labels of their own).
"""

from __future__ import annotations

import struct
import threading
import zlib
from dataclasses import dataclass

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
HEADROOM = 1.3
"""The vertical axis runs to this many times the tallest bar: room for the legend and the band's words."""
BAND_WORDS_AT = 1.22
"""The top of the band's words, in times the tallest bar."""


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
    from matplotlib import rc_context  # heavy: only when charting

    global _FRAME
    # One chart at a time: matplotlib's figures are not thread-safe, and it reads the hinting from
    # its settings, which are the process's (set here for the charts alone, and given back).
    with _DRAWING, rc_context({"text.hinting": TEXT_HINTING}):
        if _FRAME is None:
            _FRAME = _Frame()
        return _FRAME.draw(series, cutoff, primary, scale)


TEXT_HINTING = "no_hinting"
"""How FreeType fits the charts' letters to the pixel grid: not at all. Hinting is for text read on
a screen at a few pixels a letter; a chart is printed at 150 dpi, where unhinted letters keep the
font's own shapes and spacing. It also spares FreeType's hinting programme, which matplotlib (3.11)
has run again for every letter it draws: a sixth of drawing a chart."""

_DRAWING = threading.Lock()
"""Held while a chart is drawn."""

_FRAME: _Frame | None = None
"""The chart frame, made on first use. Not a per-run store: a frame is made from nothing but
constants, what it keeps between charts depends only on a chart's layout (scale, stages, cut-off),
and every chart sets all that changes (heights, colours, words, the vertical axis), so a frame kept
from an earlier run can never show stale data (``tests/report/test_charts.py`` draws charts in turn
and fresh)."""


class _Frame:
    """One figure with its axes, ticks and labels, set up once and redrawn for every chart.

    Making matplotlib's artists costs more than drawing them: a figure and its ticks, and each
    bar, the band and the legend too. So the frame is kept (one, drawn on by one chart at a time:
    matplotlib figures are not thread-safe), and so are the bars and legend of the last chart's layout (its scale and
    which stages it shows): the next chart of that layout only changes their heights, colours,
    words and the vertical axis. A chart of another layout makes its own.
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
        self.scale = scales.ZERO_TO_TEN
        self.layout: tuple | None = None
        """(scale, stages shown, cut-off) of the kept artists."""
        self.artists: list = []
        self.band = None
        self.bars: list = []
        self.lefts: list[list[float]] = []
        """Where each series' bars start, by series (the bars' width is ``self.width``)."""
        self.width = 0.8
        self.band_text = None
        self.legend = None
        self.background = None
        """The canvas with only the still parts drawn, for the kept layout."""

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
        layout = (scale.key, tuple(label for label, _ in series), cutoff)
        if layout != self.layout:
            self._lay_out(layout, series, cutoff, scale)
        tallest = max(max(counts) for _, counts in series)
        after_colour = brand_colour(primary, GRAPHIC_CONTRAST)
        for (label, counts), bars, lefts, text in zip(series, self.bars, self.lefts, self.legend.get_texts()):
            bars.set_path(_bar_outlines(lefts, self.width, counts))
            if label == "After the hub":
                bars.set_edgecolor(after_colour)
            text.set_text(f"{label} ({sum(counts)} answers)")
        for handle in self.legend.legend_handles:
            if handle.get_label() == "After the hub":
                handle.set_edgecolor(after_colour)
        self.axes.set_ylim(0, tallest * HEADROOM)
        return _png(self.figure, self._draw_changing)

    def _changing(self) -> list:
        """Return what changes from chart to chart, in the order matplotlib draws it (by zorder):
        the bars, the vertical axis, the axes' lines, the legend. (The band and its words stand
        still: they are placed by the axes' height, not by the counts, and the bars never reach the
        words, so drawing those first, with the horizontal axis, gives the same pixels.)"""
        axes = self.axes
        return [*self.bars, axes.yaxis, axes.spines["left"], axes.spines["bottom"], self.legend]

    def _draw_changing(self, canvas) -> None:
        """Draw the chart on the canvas: the still parts (the horizontal axis) as kept from the
        first chart of this layout, then what changes. matplotlib draws a whole figure each time
        otherwise, and the horizontal axis, with eleven numbers or five labels of three lines, and
        the band are a third of that (canvas.copy_from_bbox and restore_region are Agg's own way to do this)."""
        changing = self._changing()
        if self.background is None:
            for artist in changing:
                artist.set_visible(False)
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.figure.bbox)
            for artist in changing:
                artist.set_visible(True)
        canvas.restore_region(self.background)
        for artist in changing:
            self.axes.draw_artist(artist)

    def _lay_out(self, layout: tuple, series: list[tuple[str, list[int]]], cutoff: int, scale: scales.Scale) -> None:
        """Make the bars, band and legend of a layout, in place of the kept ones."""
        from matplotlib.patches import PathPatch
        for artist in self.artists:
            artist.remove()
        self.set_scale(scale)
        positions = range(len(scale.values))  # a 0–10 score is its own position
        start, end = scale.ascending.index(cutoff), len(scale.values) - 1
        axes = self.axes
        styles = {
            "Before the hub": {"facecolor": BEFORE_COLOUR, "edgecolor": BEFORE_COLOUR},
            "After the hub": {"facecolor": "white", "edgecolor": BEFORE_COLOUR, "hatch": "////"},
        }
        width = 0.8 / len(series)
        # (x as a score, y as a share of the axes' height: the words stay put whatever the counts)
        self.band_text = axes.text((start + end) / 2, BAND_WORDS_AT / HEADROOM, scale.band_label(cutoff),
                                   ha="center", va="top", fontsize=8, color=TEXT,
                                   transform=axes.get_xaxis_transform())
        self.band = axes.axvspan(start - 0.5, end + 0.5, color=BAND_COLOUR, zorder=0)
        self.artists = [self.band, self.band_text]
        self.bars, self.lefts, self.width = [], [], width
        for index, (label, counts) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            lefts = [s + offset - width / 2 for s in positions]
            bars = PathPatch(_bar_outlines(lefts, width, [0] * len(positions)), linewidth=1, zorder=2, label=label,
                             **styles[label])
            axes.add_patch(bars)
            self.bars.append(bars)
            self.lefts.append(lefts)
            self.artists.append(bars)
        self.legend = axes.legend(handles=self.bars, fontsize=8, frameon=False, loc="upper left")
        self.artists.append(self.legend)
        self.layout = layout
        self.background = None


def _bar_outlines(lefts: list[float], width: float, heights: list[int]):
    """Return one path of all a series' bars (a closed rectangle each, a bar of 0 a flat one): one
    artist a series, drawn at once, rather than one a bar."""
    from matplotlib.path import Path

    vertices, codes = [], []
    for left, height in zip(lefts, heights):
        vertices += [(left, 0), (left + width, 0), (left + width, height), (left, height), (left, 0)]
        codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    return Path(vertices, codes)


def _png(figure, draw=None) -> bytes:
    """Return the figure drawn (by ``draw``, else in full) as an RGB PNG: no alpha channel, which
    the PDF would carry as a second image (a chart is opaque)."""
    from PIL import Image  # matplotlib's own dependency

    canvas = figure.canvas
    if draw is None:
        canvas.draw()
    else:
        draw(canvas)
    width, height = canvas.get_width_height()
    return stored_png(Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba()).convert("RGB").tobytes(),
                      width, height)


def stored_png(rgb: bytes, width: int, height: int) -> bytes:
    """Return RGB pixels (``width`` × ``height``, row by row) as a PNG stored, not compressed, that
    says it is :data:`DPI` dots per inch.

    Written here (the PNG format, ISO/IEC 15948: signature, IHDR, pHYs, IDAT, IEND) because Pillow
    tries each of PNG's five filters on every row of an RGB image and has no option not to: that
    search was a third of drawing a chart, and the PNG goes only to WeasyPrint, which unpacks it
    and compresses it again for the PDF. So each row is written unfiltered and nothing compressed.
    ``tests/report/test_charts.py`` reads the result back with Pillow.
    """
    stride = width * 3
    pixels = memoryview(rgb)  # rows sliced without copying: the one copy is the join
    rows = b"".join([piece for top in range(0, stride * height, stride) for piece in (b"\0", pixels[top:top + stride])])
    dots_per_metre = round(DPI / 0.0254)

    def chunk(kind: bytes, data: bytes) -> list[bytes]:
        return [struct.pack(">I", len(data)), kind, data, struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))]

    return b"".join([b"\x89PNG\r\n\x1a\n",
                     *chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),  # 8-bit RGB
                     *chunk(b"pHYs", struct.pack(">IIB", dots_per_metre, dots_per_metre, 1)),  # 1: per metre
                     *chunk(b"IDAT", zlib.compress(rows, 0)),
                     *chunk(b"IEND", b"")])
