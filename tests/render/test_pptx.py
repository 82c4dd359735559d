"""The presentation renderer and its template engine (packgen.render.pptx)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from packgen.config import load_config
from packgen.context import build_context
from packgen.errors import InputFileError, TemplateError
from packgen.output import reproducible
from packgen.render import pptx as pptx_renderer
from packgen.render.pptx import check_template, render_presentation
from packgen.resources import example_folder, template_path
from conftest import HOSTILE_FOCAL, HOSTILE_TITLE, LONG_TEXT, example_data, write_config

LOGO = example_folder() / "logo.png"
CANNOT_FILL = "packgen cannot fill it (see 'Template names' in the README)"


# -- helpers ------------------------------------------------------------------------------------


def render(context: dict, template: Path | None = None, logo: Path | None = LOGO):
    """Return the rendered presentation, opened with python-pptx."""
    template = template or template_path("presentation")
    return Presentation(BytesIO(render_presentation(context, template, logo)))


def slide_texts(slide) -> list[str]:
    """Return the text of every text shape on a slide (tables excluded), top to bottom."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def table_rows(slide, name: str) -> list[list[str]]:
    frame = next(shape for shape in slide.shapes if shape.name == name)
    return [[cell.text for cell in row.cells] for row in frame.table.rows]


def titled(presentation, start: str) -> list:
    return [s for s in presentation.slides if s.shapes.title is not None and s.shapes.title.text.startswith(start)]


def all_text(presentation) -> str:
    """Return every piece of text in the deck: shapes, groups, table cells and notes."""
    parts = []

    def walk(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                walk(shape.shapes)
            elif shape.has_text_frame:
                parts.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)

    for slide in presentation.slides:
        walk(slide.shapes)
        parts.append(notes(slide))
    return "\n".join(parts)


def tiny_template(tmp_path: Path, texts: list[str] | None = None, notes_text: str = "", name="tiny.pptx"):
    """Write a one-slide template whose text box 'Body' holds ``texts`` (one paragraph each)."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(2))
    box.name = "Body"
    for index, text in enumerate(texts or []):
        paragraph = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
        paragraph.add_run().text = text
    if notes_text:
        slide.notes_slide.notes_text_frame.text = notes_text
    path = tmp_path / name
    presentation.save(path)
    return path


def context_with(tmp_path: Path, **changes) -> dict:
    """Return the example's context after changing top-level config keys."""
    data = example_data()
    data.update(changes)
    return build_context(load_config(write_config(tmp_path / "hub", data)).event)


# -- the bundled template, filled from the example ----------------------------------------------


def test_title_slide_holds_title_organisation_bcu_dates_and_venue(example_context):
    first = render(example_context).slides[0]

    assert slide_texts(first) == [
        "Trust and confidence Innovation Hub",
        "Metropolitan Police Service \u00b7 Central South BCU",
        "Friday 25 February 2022, 9:30am to 3:30pm\n"
        "New Scotland Yard, Victoria Embankment, London, SW1A 2JL",
    ]


def test_why_slide_holds_purpose_and_focal_question(example_context):
    slide = titled(render(example_context), "Why we are here")[0]

    assert example_context["purpose"] in slide_texts(slide)
    assert f"The question for today\n{example_context['focal_question']}" in slide_texts(slide)


def test_one_slide_per_session_with_its_prompt_and_time(example_context):
    slides = titled(render(example_context), "Session ")

    assert [s.shapes.title.text for s in slides] == [
        "Session 1: What has got us to this point?",
        "Session 2: Solutions and ideas",
        "Session 3: Our top three to try",
    ]
    for slide, session in zip(slides, example_context["sessions"]):
        texts = slide_texts(slide)
        assert session["time"] in texts
        assert f"Talk about\n{session['prompt']}" in texts
        assert f"At the end\n{session['report_back']}" in texts
        assert f"Read the question out: {session['prompt']}" in notes(slide)


def test_session_slides_follow_the_original_in_deck_order(example_context):
    titles = [s.shapes.title.text for s in render(example_context).slides]

    first = titles.index("Session 1: What has got us to this point?")
    assert titles[first:first + 5] == [
        "Session 1: What has got us to this point?",
        "Session 2: Solutions and ideas",
        "Session 3: Our top three to try",
        "Break: Coffee",
        "Break: Lunch",
    ]


def test_programme_rows_equal_the_context_programme(example_context):
    slide = titled(render(example_context), "The day")[0]

    assert table_rows(slide, "Programme") == [["Time", "What happens"]] + [
        [item["time"], item["title"]] for item in example_context["programme"]
    ]


def test_table_plan_rows_equal_the_context_tables(example_context):
    slide = titled(render(example_context), "Who is at each table")[0]

    assert table_rows(slide, "Table plan") == [["Table", "Facilitator", "Note taker"]] + [
        [t["name"], t["facilitator"], t["note_taker"]] for t in example_context["tables"]
    ]


def test_contacts_rows_equal_the_context_contacts(example_context):
    slide = titled(render(example_context), "Contacts")[0]

    assert table_rows(slide, "Contacts")[1:] == [
        [c["name"], c["role"], c["email"], c["phone"]] for c in example_context["contacts"]
    ]


def test_close_slide_promises_you_said_we_did_and_names_who_closes(example_context):
    slide = titled(render(example_context), "Close and next steps")[0]
    body = next(s for s in slide.shapes if s.name == "Body").text_frame.text

    assert "You said, we did: by Friday 22 April 2022 we will tell you" in body
    assert "It will reach you by email, and on paper for anyone who asks." in body
    assert "Closing the hub: The Central South BCU Commander." in body


def test_every_slide_has_speaker_notes_and_no_marker_left(example_context):
    presentation = render(example_context)

    assert len(presentation.slides) == 13
    for slide in presentation.slides:
        assert notes(slide).strip(), slide.shapes.title.text
        assert "{%" not in notes(slide)


def test_no_placeholder_is_left_in_the_example(example_context):
    text = all_text(render(example_context))

    assert "{{" not in text and "{%" not in text


def test_deck_is_16_by_9_and_titled_after_the_hub(example_context):
    presentation = render(example_context)

    assert (presentation.slide_width, presentation.slide_height) == (Inches(13.333), Inches(7.5))
    assert presentation.core_properties.title == "Trust and confidence Innovation Hub"


def test_body_text_is_at_least_18_points():
    presentation = Presentation(template_path("presentation"))
    sizes = [
        int(element.get("sz")) / 100
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.name != "logo"
        for element in shape._element.iter(qn("a:rPr"))
        if element.get("sz")
    ]

    assert sizes and min(sizes) >= 18


# -- logo and colours ---------------------------------------------------------------------------


def test_logo_replaces_each_logo_shape_keeping_its_proportions(example_context):
    presentation = render(example_context)
    pictures = [
        shape for slide in presentation.slides for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]

    assert len(pictures) == 2
    for picture in pictures:
        assert picture.name == "logo"
        assert picture.image.blob == LOGO.read_bytes()
        assert abs(picture.width / picture.height - 3.0) < 0.01
        assert picture._element.nvPicPr.cNvPr.get("descr") == "Metropolitan Police Service logo"


def test_no_logo_removes_the_logo_shapes(example_context):
    presentation = render(example_context, logo=None)

    assert not [s for slide in presentation.slides for s in slide.shapes if s.name == "logo"]


def test_unreadable_logo_raises_input_file_error(example_context, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_text("not an image", encoding="utf-8")

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=bad)
    assert str(error.value) == f"the logo file {bad} is not a PNG or JPEG image"


def test_a_cut_short_logo_is_the_config_check_s_error_even_after_weasyprint(example_context, tmp_path, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it
    bad = tmp_path / "logo.png"
    bad.write_bytes(LOGO.read_bytes()[:60])

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=bad)
    assert str(error.value) == (f"the logo file {bad} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")


def test_brand_colours_fill_the_named_shapes(example_context):
    context = {**example_context, "colours": {"primary": "#8B0000", "accent": "#004D40"}}
    presentation = render(context)
    master = presentation.slide_master

    bar = next(s for s in master.shapes if s.name == "brand-primary")
    edge = next(s for s in presentation.slides[1].shapes if s.name == "brand-accent")
    assert str(bar.fill.fore_color.rgb) == "8B0000"
    assert str(edge.fill.fore_color.rgb) == "004D40"


# -- text safety --------------------------------------------------------------------------------


def test_hostile_strings_come_out_exactly_and_are_never_evaluated(hostile_context):
    presentation = render(hostile_context)
    text = all_text(presentation)

    assert presentation.slides[0].shapes.title.text == HOSTILE_TITLE
    # python-pptx reads a line break inside a paragraph back as a vertical tab
    assert HOSTILE_FOCAL.replace("\n", "\v") in text
    assert "What got us here? {{ config }} {% for x in y %}{% endfor %}" in text
    assert "=HYPERLINK(\"http://example.com\",\"x\")" in text
    for value in ("+44 20 7946 0000", "-1", "@SUM(A1:A2)", "=1+1"):
        assert value in text
    # {{ 7*7 }} printed as typed, exactly where the title is printed (evaluated, it would read 49)
    assert [line for line in text.splitlines() if "7*7" in line] == [HOSTILE_TITLE]
    assert HOSTILE_TITLE.endswith("'day' {{ 7*7 }} {% if x %}")


def test_a_line_break_in_a_value_is_a_real_line_break(hostile_context):
    slide = titled(render(hostile_context), "Why we are here")[0]
    question = next(s for s in slide.shapes if s.name == "Focal question")
    paragraph = question.text_frame.paragraphs[1]

    assert len(paragraph._p.findall(qn("a:br"))) == 1
    assert [run.text for run in paragraph.runs] == HOSTILE_FOCAL.split("\n")
    assert all(run.font.size == Pt(28) for run in paragraph.runs)


def test_long_text_is_kept_whole_and_shrunk(hostile_context):
    slide = titled(render(hostile_context), "Why we are here")[0]
    purpose = next(s for s in slide.shapes if s.name == "Purpose")
    autofit = purpose.text_frame._txBody.bodyPr.find(qn("a:normAutofit"))

    assert purpose.text_frame.text == LONG_TEXT.strip()  # the config trims text
    assert int(autofit.get("fontScale")) < 100000


def test_text_that_fits_is_not_shrunk(example_context):
    slide = titled(render(example_context), "Why we are here")[0]
    question = next(s for s in slide.shapes if s.name == "Focal question")

    assert question.text_frame._txBody.bodyPr.find(qn("a:normAutofit")).get("fontScale") is None


# -- the engine, on small templates -------------------------------------------------------------


def test_placeholder_split_across_three_runs_is_filled(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
    paragraph = box.text_frame.paragraphs[0]
    for text, bold in (("Venue: {{ ven", True), ("ue.na", False), ("me }}!", False)):
        run = paragraph.add_run()
        run.text = text
        run.font.bold = bold
    path = tmp_path / "split.pptx"
    presentation.save(path)

    runs = render(example_context, path).slides[0].shapes[0].text_frame.paragraphs[0].runs

    assert [run.text for run in runs] == ["Venue: New Scotland Yard!"]
    assert runs[0].font.bold is True


def test_paragraph_without_placeholder_is_untouched(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    paragraph = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.paragraphs[0]
    for text in ("Plain ", "two runs"):
        paragraph.add_run().text = text
    path = tmp_path / "plain.pptx"
    presentation.save(path)

    runs = render(example_context, path).slides[0].shapes[0].text_frame.paragraphs[0].runs

    assert [run.text for run in runs] == ["Plain ", "two runs"]


def test_placeholders_in_groups_and_notes_are_filled(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "{{ bcu }}"
    slide.notes_slide.notes_text_frame.text = "Opens at {{ opening.time }}"
    path = tmp_path / "group.pptx"
    presentation.save(path)

    rendered = render(example_context, path).slides[0]

    assert rendered.shapes[0].shapes[0].text_frame.text == "Central South BCU"
    assert notes(rendered) == "Opens at 10am"


def test_repeated_slide_with_an_image_keeps_its_image(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    slide.shapes.add_picture(str(LOGO), Inches(1), Inches(4), Inches(3))
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "{{ session.title }}"
    slide.notes_slide.notes_text_frame.text = "{% for session in sessions %}\nSay: {{ session.prompt }}"
    presentation.slides.add_slide(presentation.slide_layouts[6]).shapes.add_textbox(
        Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "After"
    path = tmp_path / "repeat.pptx"
    presentation.save(path)

    rendered = render(example_context, path)

    assert [slide_texts(s)[0] for s in rendered.slides] == [
        *(s["title"] for s in example_context["sessions"]), "After",
    ]
    for slide, session in zip(rendered.slides, example_context["sessions"]):
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert picture.image.blob == LOGO.read_bytes()
        assert notes(slide) == f"Say: {session['prompt']}"


def test_a_loop_closed_within_its_paragraph_does_not_repeat_the_slide(example_context, tmp_path):
    path = tiny_template(
        tmp_path, ["{% for s in sessions %}{{ s.number }}. {% endfor %}"],
        notes_text="{% for s in sessions %}{{ s.title }}; {% endfor %}",
    )

    rendered = render(example_context, path)

    assert len(rendered.slides) == 1
    assert slide_texts(rendered.slides[0]) == ["1. 2. 3. "]
    assert notes(rendered.slides[0]) == (
        "What has got us to this point?; Solutions and ideas; Our top three to try; "
    )


def test_repeated_slide_for_an_empty_list_is_removed(tmp_path):
    context = context_with(tmp_path, breaks=[])
    titles = [s.shapes.title.text for s in render(context).slides]

    assert not [t for t in titles if t.startswith("Break")]
    assert len(titles) == 11


def test_table_row_repeats_once_per_item(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(1), Inches(8), Inches(1.2)).table
    for column, (head, body, foot) in enumerate(
        [("Name", "{% for c in contacts %}{{ c.name }}", "Total"), ("Email", "{{ c.email }}", "{{ contacts | length }}")]
    ):
        table.cell(0, column).text, table.cell(1, column).text, table.cell(2, column).text = head, body, foot
    path = tmp_path / "rows.pptx"
    presentation.save(path)

    rows = [[c.text for c in row.cells] for row in render(example_context, path).slides[0].shapes[0].table.rows]

    assert rows == [["Name", "Email"]] + [
        [c["name"], c["email"]] for c in example_context["contacts"]
    ] + [["Total", "2"]]


def test_table_rows_that_overflow_continue_on_a_new_slide(tmp_path):
    tables = [{"facilitator": f"Facilitator {n}", "note_taker": f"Note taker {n}"} for n in range(1, 21)]
    context = context_with(tmp_path, tables=tables)

    slides = titled(render(context), "Who is at each table")

    assert [s.shapes.title.text for s in slides] == ["Who is at each table", "Who is at each table (continued)"]
    first, second = (table_rows(s, "Table plan") for s in slides)
    assert first[0] == second[0] == ["Table", "Facilitator", "Note taker"]
    assert [row[0] for row in first[1:] + second[1:]] == [f"Table {n}" for n in range(1, 21)]
    assert len(first) - 1 == 12


def test_twelve_tables_fit_on_one_slide(tmp_path):
    context = context_with(tmp_path, tables=12)

    slides = titled(render(context), "Who is at each table")

    assert len(slides) == 1
    assert len(table_rows(slides[0], "Table plan")) == 13


# -- errors and the template check --------------------------------------------------------------


def test_render_raises_template_error_naming_file_slide_and_shape(example_context, tmp_path):
    path = tiny_template(tmp_path, ["Welcome to {{ venu }}"])

    with pytest.raises(TemplateError) as raised:
        render(example_context, path)

    assert str(raised.value) == f"tiny.pptx, slide 1, shape 'Body': 'venu' is undefined; {CANNOT_FILL}"


def test_render_raises_template_error_for_a_sandbox_refusal(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ title.__class__.__mro__ }}"])

    with pytest.raises(TemplateError, match=r"^tiny\.pptx, slide 1, shape 'Body': the placeholder text"):
        render(example_context, path)


def test_render_raises_template_error_for_a_repeat_over_an_unknown_list(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ s }}"], notes_text="{% for s in sesions %}")

    with pytest.raises(TemplateError) as raised:
        render(example_context, path)

    assert str(raised.value) == f"tiny.pptx, slide 1, speaker notes: 'sesions' is undefined; {CANNOT_FILL}"


def test_unreadable_template_raises_template_error(example_context, tmp_path):
    path = tmp_path / "broken.pptx"
    path.write_text("not a presentation", encoding="utf-8")

    with pytest.raises(TemplateError, match=r"^broken\.pptx: cannot be read as a PowerPoint \(\.pptx\) file"):
        render(example_context, path)


def test_check_template_returns_nothing_for_the_bundled_template(example_context, hostile_context):
    assert check_template(template_path("presentation"), example_context) == []
    assert check_template(template_path("presentation"), hostile_context) == []


def test_check_template_names_each_unknown_placeholder(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
    box.name = "Body"
    box.text_frame.text = "{{ venu }} and {{ venue.nme }}"
    table = slide.shapes.add_table(2, 1, Inches(1), Inches(3), Inches(4), Inches(1))
    table.name = "Plan"
    table.table.cell(1, 0).text = "{% for t in tables %}{{ t.facilitater }}"
    slide.notes_slide.notes_text_frame.text = "Say {{ mc }}"
    path = tmp_path / "unknown.pptx"
    presentation.save(path)

    assert check_template(path, example_context) == [
        f"unknown.pptx, slide 1, shape 'Body': 'venu' is undefined; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, shape 'Body': 'dict object' has no attribute 'nme'; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, table 'Plan', row 2, column 1: 'dict object' has no attribute 'facilitater'; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, speaker notes: 'mc' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_names_a_syntax_error(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ venue.name }", "{% if purpose %}yes"], name="syntax.pptx")

    assert check_template(path, example_context) == [
        "syntax.pptx, slide 1, shape 'Body': the placeholder text '{{ venue.name }' is not valid:"
        " unexpected '}'",
        "syntax.pptx, slide 1, shape 'Body': the placeholder text '{% if purpose %}yes' is not valid:"
        " Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or"
        " 'endif'. The innermost block that needs to be closed is 'if'.",
    ]


def test_check_template_understands_loop_names(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "{{ pause.name }}"
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "{% for t in tables %}{{ t.name }}"
    table.cell(0, 1).text = "{{ t.facilitator }} at {{ pause.time }}"
    slide.notes_slide.notes_text_frame.text = "{% for pause in breaks %}\nBack at {{ pause.time }}"
    path = tmp_path / "loops.pptx"
    presentation.save(path)

    assert check_template(path, example_context) == []
    no_breaks = {**example_context, "breaks": []}
    assert check_template(path, no_breaks) == []


def test_check_template_reports_a_repeat_over_an_unknown_list(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ s.title }}"], notes_text="{% for s in sesions %}")

    assert check_template(path, example_context) == [
        f"tiny.pptx, slide 1, speaker notes: 'sesions' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_reports_an_unreadable_file(example_context, tmp_path):
    path = tmp_path / "broken.pptx"
    path.write_bytes(b"PK not really")

    [message] = check_template(path, example_context)

    assert message.startswith("broken.pptx: cannot be read as a PowerPoint (.pptx) file")


# -- the parsed template kept per process ------------------------------------------------------


def test_a_parsed_template_fills_each_pack_as_a_fresh_parse_would(example_context, hostile_context):
    template = template_path("presentation")
    render_presentation(hostile_context, template, LOGO)  # parses and keeps the template
    kept = reproducible(render_presentation(example_context, template, LOGO))
    pptx_renderer._PARSED_TEMPLATES.clear()
    fresh = reproducible(render_presentation(example_context, template, LOGO))

    assert kept == fresh


def test_a_template_changed_on_disk_is_parsed_again(example_context, tmp_path):
    template = tmp_path / "presentation.pptx"
    template.write_bytes(template_path("presentation").read_bytes())
    render_presentation(example_context, template, LOGO)
    deck = Presentation(str(template))
    deck.slides[0].shapes.title.text_frame.text = "Restyled {{ title }}"
    deck.save(str(template))

    rendered = Presentation(BytesIO(render_presentation(example_context, template, LOGO)))

    assert rendered.slides[0].shapes.title.text_frame.text == f"Restyled {example_context['title']}"


# -- as a person sees it ------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_shows_the_hub_title_and_every_session(example_context, tmp_path, libreoffice):
    document = tmp_path / "presentation.pptx"
    document.write_bytes(render_presentation(example_context, template_path("presentation"), LOGO))

    text = " ".join(libreoffice(document).split())

    assert "Trust and confidence Innovation Hub" in text
    for session in example_context["sessions"]:
        assert f"Session {session['number']}: {session['title']}" in text


def test_a_title_longer_than_a_document_property_is_shortened_there_and_printed_whole(example_context):
    title = "Hub " * 74 + "Hub"  # 299 characters; a property holds 255
    presentation = render({**example_context, "title": title})

    assert presentation.core_properties.title == "Hub " * 62 + "Hub…"
    assert slide_texts(presentation.slides[0])[0] == title


def test_before_slide_tells_the_configured_personal_code_rule(example_context):
    context = {**example_context, "personal_code_rule": "your birth month, then the last two letters of your street"}
    slide = titled(render(context), "Before we start")[0]
    body = next(s for s in slide.shapes if s.name == "Body").text_frame.text.split("\n")
    assert body[1] == ("Make up a personal code and write it on the form: your birth month, then the last two"
                       " letters of your street. Use the same code on the form at the end.")


def test_before_slide_notes_name_who_collects_the_forms_as_the_forms_do(example_context):
    slide = titled(render(example_context), "Before we start")[0]
    assert notes(slide).split("\n")[-1] == (
        "Ask note takers to collect the forms before session 1 starts (the forms ask people to hand them to"
        " their table\u2019s note taker).")
