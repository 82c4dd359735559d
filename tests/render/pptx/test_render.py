"""render_presentation: the bundled template filled from the example (packgen.render.pptx.render)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from packgen.errors import InputFileError
from packgen.render.pptx import render_presentation
from packgen.resources import template_path
from packgen.store import TemplateStore
from decks import LOGO, render, slide_texts, notes, table_rows, titled, all_text


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



def test_the_logo_is_checked_once_a_run_while_unchanged(example_context):
    store = TemplateStore()

    render(example_context, store=store)
    render(example_context, store=store)

    assert store.made == 3  # the parsed template, its inherited sizes and the checked logo


def test_a_logo_damaged_during_a_run_is_refused_at_the_next_render(example_context, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(LOGO.read_bytes())
    store = TemplateStore()
    render(example_context, logo=logo, store=store)
    logo.write_bytes(LOGO.read_bytes()[:60])

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=logo, store=store)
    assert str(error.value) == (f"the logo file {logo} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")


def test_a_missing_logo_is_named_plainly(example_context, tmp_path):
    missing = tmp_path / "no-logo.png"

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=missing, store=TemplateStore())
    assert str(error.value) == f"the logo file {missing} does not exist"
