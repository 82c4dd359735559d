"""The evaluation report's charts (packgen.report.charts)."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from PIL import Image
from report_samples import sample_evaluation

from packgen.report.charts import DPI, HEIGHT_CM, TEXT_HINTING, WIDTH_CM, chart_alt, distribution_chart, stored_png

QUESTIONS = {q.id: q for q in sample_evaluation().questions}
SUBJECT = "the question “How much do you trust the police?”"


def test_chart_is_an_opaque_png_the_size_it_is_printed():
    chart = distribution_chart(QUESTIONS["trust"], SUBJECT, "#1D3557")
    assert chart.name == "charts/trust.png"
    image = Image.open(BytesIO(chart.png))
    assert image.format == "PNG"
    assert image.mode == "RGB"
    assert image.size == (int(WIDTH_CM / 2.54 * DPI), int(HEIGHT_CM / 2.54 * DPI))


def test_alt_text_names_the_chart_type_and_its_main_finding():
    assert chart_alt(QUESTIONS["trust"], SUBJECT) == (
        "Bar chart of how many people gave each score from 0 to 10 to the question “How much do you"
        " trust the police?”, before and after the hub. Before, 6 of 25 (24%) scored 8, 9 or 10 out"
        " of 10; after, 8 of 24 (33%).")


def test_alt_text_of_a_question_asked_after_only():
    assert chart_alt(QUESTIONS["recommend"], "it") == (
        "Bar chart of how many people gave each score from 0 to 10 to it, after the hub."
        " After the hub, 4 of 23 (17%) scored 8, 9 or 10 out of 10.")


def test_no_chart_when_nobody_gave_a_score():
    assert distribution_chart(QUESTIONS["join"], SUBJECT, "#1D3557") is None
    assert chart_alt(QUESTIONS["join"], "it") == "Bar chart of the scores given to it: nobody answered it."


def test_before_and_after_differ_without_colour():
    """Drawn in grey only, the before (solid) and after (hatched) bars still differ: hatching."""
    trust = QUESTIONS["trust"]
    only_before = replace(trust, post_distribution=[0] * 11)
    only_after = replace(trust, pre_distribution=[0] * 11, post_distribution=trust.pre_distribution)
    before = Image.open(BytesIO(distribution_chart(only_before, SUBJECT, "#1D3557").png)).convert("L")
    after = Image.open(BytesIO(distribution_chart(only_after, SUBJECT, "#1D3557").png)).convert("L")
    # The same counts: the solid bars are one dark shade; the hatched ones mostly white with lines.
    dark = lambda image: sum(image.histogram()[:128])  # noqa: E731
    assert dark(after) < dark(before) / 2


def test_every_score_identical_still_charts():
    flat = replace(QUESTIONS["trust"], pre_distribution=[0] * 7 + [25] + [0] * 3,
                   post_distribution=[0] * 7 + [24] + [0] * 3)
    assert distribution_chart(flat, SUBJECT, "#1D3557").png.startswith(b"\x89PNG")


def test_a_pale_brand_colour_is_not_used_for_the_bars():
    pale = distribution_chart(QUESTIONS["recommend"], SUBJECT, "#FFE9A0").png
    dark = distribution_chart(QUESTIONS["recommend"], SUBJECT, "#0B0C0C").png
    assert pale == dark


def test_a_chart_is_the_same_whatever_was_drawn_before_it(monkeypatch):
    """The frame keeps the last layout's bars, legend and still parts: a chart drawn after others
    (of its layout and of another) is pixel for pixel the chart drawn in a fresh frame."""
    from packgen.report import charts

    trust = QUESTIONS["trust"]
    after_only = replace(trust, pre_distribution=[0] * 11)
    agree = replace(trust, scale="agree", cutoff=4, pre_distribution=[1, 2, 3, 4, 5],
                    post_distribution=[0, 1, 2, 5, 6])
    order = [trust, QUESTIONS["recommend"], after_only, agree, trust, agree, QUESTIONS["heard"]]

    def drawn(questions, colour="#1D3557"):
        return [distribution_chart(q, SUBJECT, colour).png for q in questions]

    fresh: dict[int, bytes] = {}

    for index in range(len(order)):
        monkeypatch.setattr(charts, "_FRAME", None)  # the next chart makes a frame anew
        fresh[index] = drawn([order[index]])[0]
    assert drawn(order) == [fresh[index] for index in range(len(order))]
    assert drawn([trust], "#8B0000") != drawn([trust])  # the after bars take the brand colour


def test_a_chart_draws_its_letters_unhinted_whatever_the_process_has_set():
    """The charts set matplotlib's hinting for themselves (TEXT_HINTING) and give the process its
    own setting back: hinted letters would change the pixels."""
    import matplotlib

    trust = QUESTIONS["trust"]
    drawn = {}
    for setting in ("default", "force_autohint", TEXT_HINTING):
        with matplotlib.rc_context({"text.hinting": setting}):
            drawn[setting] = distribution_chart(trust, SUBJECT, "#1D3557").png
            assert matplotlib.rcParams["text.hinting"] == setting
    assert TEXT_HINTING == "no_hinting"
    assert drawn["default"] == drawn["force_autohint"] == drawn[TEXT_HINTING]


def test_a_stored_png_holds_the_pixels_exactly_at_the_charts_resolution():
    width, height = 7, 5
    pixels = bytes((x * 37 + y * 11 + channel * 90) % 256 for y in range(height) for x in range(width)
                   for channel in range(3))

    image = Image.open(BytesIO(stored_png(pixels, width, height)))
    image.load()  # Pillow checks every chunk's CRC as it reads

    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (width, height))
    assert image.tobytes() == pixels
    assert [round(value) for value in image.info["dpi"]] == [DPI, DPI]
