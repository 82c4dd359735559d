"""Filling the pre- and post-event forms (packgen.render.docx.filling) from the bundled Word templates."""

from __future__ import annotations

import copy
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from packgen.errors import TemplateError
from packgen.output import reproducible
from packgen.results.forms import read_controls
from packgen.resources import template_path
from packgen.store import TemplateStore
from tests.conftest import HOSTILE_FOCAL, HOSTILE_TITLE
from tests.render.docx.form_helpers import (
    CANNOT_FILL,
    body_texts,
    controls,
    docx_with,
    paragraph_texts,
    render,
    render_bytes,
    stage_questions,
)


@pytest.mark.parametrize("stage, heading", [("pre", "Before the hub"), ("post", "After the hub")])
def test_form_opens_with_its_heading_the_hub_title_and_when_and_where(example_context, stage, heading):
    texts = body_texts(render(example_context, stage))

    assert texts[:2] == [heading, "Trust and confidence Innovation Hub"]
    for label, value in [("Police force", "Metropolitan Police Service"), ("Policing area", "Central South BCU"),
                         ("Date", "Friday 25 February 2022"), ("Time", "9:30am to 3:30pm"),
                         ("Venue", "New Scotland Yard")]:
        assert texts[texts.index(label) + 1] == value
    assert "Victoria Embankment\nLondon\nSW1A 2JL" in texts


def test_form_says_dates_for_a_hub_over_several_dates(example_context):
    context = {**example_context, "date_count": 3, "dates": "9, 16 and 23 March 2021"}

    texts = body_texts(render(context))

    assert texts[texts.index("Dates") + 1] == "9, 16 and 23 March 2021"
    assert "Date" not in texts


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_holds_the_purpose_focal_question_and_privacy_notice(example_context, stage):
    texts = body_texts(render(example_context, stage))

    assert example_context["purpose"] in texts
    assert texts[texts.index("The question we are working on together:") + 1] == example_context["focal_question"]
    assert texts[texts.index("Your privacy") + 1] == example_context["privacy_notice"]


def test_form_leaves_out_the_purpose_paragraph_when_there_is_none(example_context):
    texts = body_texts(render({**example_context, "purpose": ""}))

    heading = texts.index("Why we are holding this hub")
    assert texts[heading + 1] == "The question we are working on together:"


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_numbers_every_question_of_its_stage_in_its_own_words(example_context, stage):
    texts = body_texts(render(example_context, stage))

    wordings = [q[stage] for q in stage_questions(example_context, stage)]
    numbered = [t for t in texts if t[:1].isdigit() and ". " in t and t.endswith("?")]
    assert numbered == [f"{n}. {wording}" for n, wording in enumerate(wordings, start=1)]


def test_pre_form_leaves_out_post_only_questions(example_context):
    document = render(example_context, "pre")
    text = "\n".join(body_texts(document))

    post_only = [q for q in example_context["questions"] if not q["pre"]]
    assert [q["id"] for q in post_only] == ["return", "recommend"]
    for question in post_only:
        assert question["post"] not in text
        assert not any(tag.startswith(f"{question['id']}=") for tag, _ in controls(document))
    assert example_context["questions"][0]["post"] not in text


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_question_shows_its_low_and_high_labels(example_context, stage):
    texts = body_texts(render(example_context, stage))

    for question in stage_questions(example_context, stage):
        wording = texts.index(f"{stage_questions(example_context, stage).index(question) + 1}. {question[stage]}")
        assert question["low_label"] in texts[wording:wording + 40]
        assert question["high_label"] in texts[wording:wording + 40]


def test_pre_form_asks_what_attendees_hope_for(example_context):
    texts = body_texts(render(example_context, "pre"))

    assert "What do you hope today will achieve?" in texts
    assert "Three things you will take away from today" not in texts


def test_post_form_asks_for_three_takeaways_and_next_steps(example_context):
    texts = body_texts(render(example_context, "post"))

    assert "Three things you will take away from today" in texts
    assert "What should happen next? What would you like the police and its partners to do?" in texts
    assert "What do you hope today will achieve?" not in texts


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_says_when_and_how_the_update_comes(example_context, stage):
    texts = body_texts(render(example_context, stage))

    assert ("We will send a \u2018You said, we did\u2019 update by Friday 22 April 2022, by email, and on "
            "paper for anyone who asks. It will say what people told us at the hub and what we have done "
            "about it.") in texts
    assert "\u2610\tYes, please send me the \u2018You said, we did\u2019 update." in texts


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_personal_code_instructions_and_box(example_context, stage):
    document = render(example_context, stage)
    texts = body_texts(document)

    assert "Your personal code:" in texts
    rule = ("the first letter of your mother\u2019s first name, then the last two digits of your phone number,"
            " then your house number")
    expected = {"pre": f"Make your code from {rule}.",
                "post": f"If you have forgotten it, make it again the same way: {rule}."}[stage]
    assert texts[texts.index("Your personal code:") - 1] == expected
    assert controls(document)[0] == ("personal_code", "text")


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_personal_code_rule_is_the_configured_one(example_context, stage):
    context = {**example_context, "personal_code_rule": "your birth month, then the last two letters of your street"}
    texts = body_texts(render(context, stage))
    rule = [t for t in texts if "your birth month, then the last two letters of your street." in t]
    assert len(rule) == 1 and not any("mother" in t for t in texts)


def test_footer_lists_the_contacts_and_the_hand_in_line(example_context):
    document = render(example_context, "post")
    footer = paragraph_texts(document.sections[0].footer.part.element)

    assert footer[0].startswith("Please hand this form to your table\u2019s note taker.\tAfter the hub: Page ")
    assert footer[1:] == [
        "Questions about the hub? Please contact:",
        "Inspector Sam Okafor (Event organiser), innovation.hub@example.police.uk, 020 7946 0000",
        "Priya Shah (Engagement officer), engagement.csbcu@example.police.uk",
    ]


def test_a_parsed_template_fills_each_form_as_a_fresh_parse_would(example_context, hostile_context):
    store = TemplateStore()
    render_bytes(hostile_context, store=store)  # parses and keeps the template
    kept = reproducible(render_bytes(example_context, store=store))
    fresh = reproducible(render_bytes(example_context))  # a store of its own: parsed again

    assert kept == fresh


def test_a_run_parses_each_template_and_checks_the_logo_once(example_context):
    store = TemplateStore()
    for stage in ("pre", "post", "pre", "post"):
        render_bytes(example_context, stage, store=store)

    # each template parsed and its environment made once; the logo checked once
    assert store.made == 2 + 2 + 1


def test_a_template_changed_on_disk_is_parsed_again(example_context, tmp_path):
    store = TemplateStore()
    template = tmp_path / "pre-event-form.docx"
    template.write_bytes(template_path("pre-event-form").read_bytes())
    render_bytes(example_context, template=template, store=store)
    edited = Document(str(template))
    edited.add_paragraph("Restyled for {{ bcu }}")
    edited.save(str(template))

    document = Document(BytesIO(render_bytes(example_context, template=template, store=store)))

    assert f"Restyled for {example_context['bcu']}" in body_texts(document)


def test_document_title_names_the_stage_and_the_hub(example_context):
    assert render(example_context, "post").core_properties.title == "After the hub: Trust and confidence Innovation Hub"
    assert render(example_context, "pre").core_properties.language == "en-GB"


def test_form_is_a4_portrait_in_arial_at_least_11pt(example_context):
    document = render(example_context)
    section = document.sections[0]

    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size == Pt(12)
    sizes = {int(sz.get(qn("w:val"))) for sz in document.element.body.iter(qn("w:sz"))}
    assert min(sizes) >= 22  # half-points: 11pt


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_hostile_text_is_printed_exactly_as_typed(hostile_context, stage):
    document = render(hostile_context, stage)
    texts = body_texts(document)

    assert texts[1] == HOSTILE_TITLE
    assert hostile_context["purpose"] in texts and len(hostile_context["purpose"]) >= 10_000
    # {{ 7*7 }} printed as typed, exactly where the title and the question are printed (evaluated: 49)
    question = ["1. Trust <1> & \"2\" \u2014 {{ 7*7 }}?"] if stage == "pre" else []
    assert [text for text in texts if "7*7" in text] == [HOSTILE_TITLE, *question]
    assert HOSTILE_TITLE.endswith("'day' {{ 7*7 }} {% if x %}")
    assert paragraph_texts(document.sections[0].footer.part.element)[2].startswith("=1+1 (Event organiser)")


def test_newlines_in_values_become_line_breaks(hostile_context):
    context = {**hostile_context, "privacy_notice": "First line.\nSecond line.\n\nAfter a blank line."}
    document = render(context)
    texts = body_texts(document)

    assert HOSTILE_FOCAL in texts and "\n" in HOSTILE_FOCAL
    assert "First line.\nSecond line.\n\nAfter a blank line." in texts
    assert "New Scotland Yard" in texts and "Victoria Embankment\nLondon\nSW1A 2JL" in texts
    assert not any("\n" in (t.text or "") for t in document.element.body.iter(qn("w:t")))


def test_hostile_sector_names_are_printed_and_tagged_exactly(example_context):
    hostile = ["A & B <c> \"d\" 'e'", "{{ 7*7 }} {% if x %} {_{ y }_} {_% z %_}", "ليلى · রহিম · Wiśniewska 🙂"]
    context = {**example_context, "sectors": hostile}
    data = render_bytes(context)
    texts = body_texts(Document(BytesIO(data)))

    assert [tag for tag in read_controls(data) if tag.startswith("sector=")] == [f"sector={s}" for s in hostile]
    for sector in hostile:
        assert f"\u2610\t{sector}" in texts
    assert [text for text in texts if "7*7" in text] == ["\u2610\t{{ 7*7 }} {% if x %} {_{ y }_} {_% z %_}"]


def test_rendering_does_not_change_the_context(hostile_context):
    before = copy.deepcopy(hostile_context)

    render(hostile_context)

    assert hostile_context == before


def test_render_raises_template_error_naming_the_file_and_placeholder(example_context, tmp_path):
    path = docx_with(tmp_path, "own-form.docx", ["Hello", "At {{ venu.name }}"])

    with pytest.raises(TemplateError) as error:
        render_bytes(example_context, template=path)

    assert str(error.value) == f"own-form.docx, paragraph 2: 'venu' is undefined; {CANNOT_FILL}"


def test_render_lists_every_problem_when_there_are_several(example_context, tmp_path):
    path = docx_with(tmp_path, "own-form.docx", ["{{ venu }}", "{{ titel }}"])

    with pytest.raises(TemplateError) as error:
        render_bytes(example_context, template=path)

    assert error.value.message == "own-form.docx: 2 placeholders cannot be filled"
    assert error.value.problems == [
        f"own-form.docx, paragraph 1: 'venu' is undefined; {CANNOT_FILL}",
        f"own-form.docx, paragraph 2: 'titel' is undefined; {CANNOT_FILL}",
    ]


def test_render_raises_template_error_for_a_syntax_error(example_context, tmp_path):
    path = docx_with(tmp_path, "broken.docx", ["Hello", "{% if title %}"])

    with pytest.raises(TemplateError) as error:
        render_bytes(example_context, template=path)

    assert str(error.value).startswith("broken.docx, paragraph 2: the placeholder text '{% if title %}' is not valid")


def test_render_raises_template_error_for_a_missing_template(example_context, tmp_path):
    with pytest.raises(TemplateError) as error:
        render_bytes(example_context, template=tmp_path / "gone.docx")

    assert str(error.value) == f"{tmp_path / 'gone.docx'}: no such template file"


@pytest.mark.libreoffice
@pytest.mark.parametrize("stage, question", [
    ("pre", "1. How much do you trust the police at the moment?"),
    ("post", "6. How likely are you to recommend an event like this to people you know?"),
])
def test_libreoffice_prints_the_hub_title_and_the_questions(example_context, tmp_path, libreoffice, stage, question):
    path = tmp_path / f"{stage}-event-form.docx"
    path.write_bytes(render_bytes(example_context, stage))

    text = libreoffice(path)

    assert "Trust and confidence Innovation Hub" in text
    assert question in text
    assert ("Before the hub" if stage == "pre" else "After the hub") in text


def test_a_title_longer_than_a_document_property_is_shortened_there_and_printed_whole(example_context):
    title = "Hub " * 74 + "Hub"  # 299 characters; a property holds 255
    document = render({**example_context, "title": title})

    assert document.core_properties.title == "Before the hub: " + "Hub " * 58 + "Hub…"
    assert title in body_texts(document)


def test_a_templates_own_property_filled_past_the_limit_is_shortened(example_context, tmp_path):
    template = tmp_path / "pre-event-form.docx"
    edited = Document(str(template_path("pre-event-form")))
    edited.core_properties.subject = "{{ focal_question }}"
    edited.save(str(template))
    focal = "Why " * 99 + "now?"  # 400 characters

    document = Document(BytesIO(render_bytes({**example_context, "focal_question": focal}, template=template)))

    assert document.core_properties.subject == "Why " * 62 + "Why…"
