"""The pre- and post-event forms (packgen.render.docx) and their bundled Word templates."""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from packgen.errors import InputFileError, TemplateError
from packgen.output import reproducible
from packgen.render import docx as docx_renderer
from packgen.render.docx import check_template, render_form
from packgen.results.forms import read_controls
from packgen.resources import example_folder, template_path
from tests.conftest import HOSTILE_FOCAL, HOSTILE_TITLE

LOGO = example_folder() / "logo.png"
CANNOT_FILL = "packgen cannot fill it (see 'Template names' in the README)"
W14_CHECKBOX = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"
TEXT_FIELDS = {
    "pre": {"personal_code", "hopes", "comments", "contact_details"},
    "post": {"personal_code", "takeaway_1", "takeaway_2", "takeaway_3", "next_steps", "comments",
             "contact_details"},
}


# -- helpers ------------------------------------------------------------------------------------


def render_bytes(context: dict, stage: str = "pre", template: Path | None = None, logo: Path | None = LOGO) -> bytes:
    return render_form(context, stage, template or template_path(f"{stage}-event-form"), logo)


def render(context: dict, stage: str = "pre", logo: Path | None = LOGO):
    """Return the rendered form, opened with python-docx."""
    return Document(BytesIO(render_bytes(context, stage, logo=logo)))


def paragraph_texts(root) -> list[str]:
    """Return the text of every paragraph under ``root`` (tables and content controls included),
    with line breaks as ``\\n`` and tabs as ``\\t``."""
    texts = []
    for paragraph in root.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            if node.getparent().tag != qn("w:r"):  # a tab stop in the paragraph's properties
                continue
            parts.append(node.text or "" if node.tag == qn("w:t") else "\n" if node.tag == qn("w:br") else "\t")
        texts.append("".join(parts))
    return texts


def body_texts(document) -> list[str]:
    return paragraph_texts(document.element.body)


def controls(document) -> list[tuple[str, str]]:
    """Return (tag, kind) for every content control in the body, in order."""
    found = []
    for properties in document.element.body.iter(qn("w:sdtPr")):
        tag = properties.find(qn("w:tag")).get(qn("w:val"))
        if properties.find(W14_CHECKBOX) is not None:
            kind = "checkbox"
        elif properties.find(qn("w:text")) is not None:
            kind = "text"
        else:
            kind = "other"
        found.append((tag, kind))
    return found


def docx_with(tmp_path: Path, name: str, paragraphs: list[str], cell: str | None = None,
              header: str | None = None) -> Path:
    """Write a small template: ``paragraphs``, a 3x2 table with ``cell`` at row 3, a header."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell is not None:
        document.add_table(rows=3, cols=2).cell(2, 1).text = cell
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    path = tmp_path / name
    document.save(path)
    return path


def stage_questions(context: dict, stage: str) -> list[dict]:
    return context[f"{stage}_questions"]


# -- what each form holds -----------------------------------------------------------------------


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
def test_every_question_has_eleven_tick_boxes_tagged_id_equals_score(example_context, stage):
    document = render(example_context, stage)
    found = controls(document)

    for question in stage_questions(example_context, stage):
        boxes = [tag for tag, kind in found if kind == "checkbox" and tag.startswith(f"{question['id']}=")]
        assert boxes == [f"{question['id']}={n}" for n in range(11)]
    texts = body_texts(document)
    numbers = [str(n) for n in range(11)]
    assert sum(texts[i:i + 11] == numbers for i in range(len(texts))) == len(stage_questions(example_context, stage))


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_question_shows_its_low_and_high_labels(example_context, stage):
    texts = body_texts(render(example_context, stage))

    for question in stage_questions(example_context, stage):
        wording = texts.index(f"{stage_questions(example_context, stage).index(question) + 1}. {question[stage]}")
        assert question["low_label"] in texts[wording:wording + 40]
        assert question["high_label"] in texts[wording:wording + 40]


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_has_one_sector_box_per_sector_then_a_consent_box(example_context, stage):
    document = render(example_context, stage)
    boxes = [tag for tag, kind in controls(document) if kind == "checkbox" and "=" in tag and tag.startswith("sector=")]

    assert boxes == [f"sector={sector}" for sector in example_context["sectors"]]
    assert [tag for tag, kind in controls(document) if kind == "checkbox"][-1] == "consent"
    texts = body_texts(document)
    for sector in example_context["sectors"]:
        assert f"\u2610\t{sector}" in texts


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_has_the_text_boxes_of_its_stage(example_context, stage):
    document = render(example_context, stage)
    text_controls = [tag for tag, kind in controls(document) if kind == "text"]

    assert set(text_controls) == TEXT_FIELDS[stage] and len(text_controls) == len(TEXT_FIELDS[stage])
    assert {tag: value for tag, value in read_controls(render_bytes(example_context, stage)).items()
            if tag in TEXT_FIELDS[stage]} == dict.fromkeys(TEXT_FIELDS[stage], "")


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
    footer = paragraph_texts(document.sections[0].footer._element)

    assert footer[0].startswith("Please hand this form to your table\u2019s note taker.\tAfter the hub: Page ")
    assert footer[1:] == [
        "Questions about the hub? Please contact:",
        "Inspector Sam Okafor (Event organiser), innovation.hub@example.police.uk, 020 7946 0000",
        "Priya Shah (Engagement officer), engagement.csbcu@example.police.uk",
    ]


def test_header_shows_the_organisation_and_the_logo(example_context):
    document = render(example_context)
    header = document.sections[0].header._element

    assert paragraph_texts(header)[0] == "Metropolitan Police Service"
    pictures = list(header.iter(qn("wp:docPr")))
    assert [p.get("descr") for p in pictures] == ["Metropolitan Police Service logo"]
    image = document.sections[0].header.part.related_parts[next(header.iter(qn("a:blip"))).get(qn("r:embed"))]
    assert image.blob == LOGO.read_bytes()


def test_no_logo_means_no_image_and_no_error(example_context):
    document = render(example_context, logo=None)

    assert list(document.sections[0].header._element.iter(qn("wp:docPr"))) == []
    assert paragraph_texts(document.sections[0].header._element)[0] == "Metropolitan Police Service"


def test_a_parsed_template_fills_each_form_as_a_fresh_parse_would(example_context, hostile_context):
    render_bytes(hostile_context)  # parses and keeps the template
    kept = reproducible(render_bytes(example_context))
    docx_renderer._PARSED_TEMPLATES.clear()
    fresh = reproducible(render_bytes(example_context))

    assert kept == fresh


def test_a_template_changed_on_disk_is_parsed_again(example_context, tmp_path):
    template = tmp_path / "pre-event-form.docx"
    template.write_bytes(template_path("pre-event-form").read_bytes())
    render_bytes(example_context, template=template)
    edited = Document(str(template))
    edited.add_paragraph("Restyled for {{ bcu }}")
    edited.save(str(template))

    document = Document(BytesIO(render_bytes(example_context, template=template)))

    assert f"Restyled for {example_context['bcu']}" in body_texts(document)


def test_an_unreadable_logo_is_an_input_file_error(example_context, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_text("not an image")

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=logo)

    assert str(error.value) == f"the logo file {logo} is not a PNG or JPEG image"


def test_a_cut_short_logo_is_the_config_check_s_error_even_after_weasyprint(example_context, tmp_path, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it
    logo = tmp_path / "logo.png"
    logo.write_bytes(LOGO.read_bytes()[:60])

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=logo)

    assert str(error.value) == (f"the logo file {logo} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")


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


def test_content_control_ids_are_unique(example_context):
    document = render(example_context, "post")
    ids = [p.find(qn("w:id")).get(qn("w:val")) for p in document.element.body.iter(qn("w:sdtPr"))]

    # the personal code, 6 questions of 11 boxes, 11 sectors, consent, 6 other text boxes
    assert len(ids) == len(set(ids)) == 1 + 6 * 11 + 11 + 1 + 6


# -- colour -------------------------------------------------------------------------------------


def test_primary_colour_replaces_the_templates_default(example_context):
    context = {**example_context, "colours": {"primary": "#0B6E4F", "accent": "#1D3557"}}
    document = render(context)

    assert str(document.styles["Heading 2"].font.color.rgb) == "0B6E4F"
    fills = {shd.get(qn("w:fill")) for shd in document.element.body.iter(qn("w:shd"))}
    assert "0B6E4F" in fills and "1D3557" not in fills


def test_a_forms_own_colour_leaves_the_next_form_in_the_templates_colour(example_context):
    render({**example_context, "colours": {"primary": "#0B6E4F", "accent": "#1D3557"}})
    document = render(example_context)  # the template's own primary colour

    assert str(document.styles["Heading 2"].font.color.rgb) == "1D3557"


def test_primary_colour_too_light_for_white_is_not_used(example_context):
    context = {**example_context, "colours": {"primary": "#FFD700", "accent": "#1D3557"}}
    document = render(context)

    assert str(document.styles["Heading 2"].font.color.rgb) == "1D3557"


# -- text safety --------------------------------------------------------------------------------


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
    assert paragraph_texts(document.sections[0].footer._element)[2].startswith("=1+1 (Event organiser)")


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


# -- reading a returned form ------------------------------------------------------------------


# -- checking templates -------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_check_template_returns_nothing_for_the_bundled_templates(example_context, hostile_context, stage):
    assert check_template(template_path(f"{stage}-event-form"), example_context) == []
    assert check_template(template_path(f"{stage}-event-form"), hostile_context) == []


def test_check_template_names_each_unknown_placeholder_and_where_it_is(example_context, tmp_path):
    path = docx_with(tmp_path, "own-form.docx", ["Hello", "{{ title }}", "At {{ venu.name }}"],
                     cell="{{ venue.nme }}", header="{{ organisaton }}")

    assert check_template(path, example_context) == [
        f"own-form.docx, paragraph 3: 'venu' is undefined; {CANNOT_FILL}",
        f"own-form.docx, table 1, row 3: 'dict object' has no attribute 'nme'; {CANNOT_FILL}",
        f"own-form.docx, header, paragraph 1: 'organisaton' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_understands_loops_and_reports_names_inside_them(example_context, tmp_path):
    path = docx_with(tmp_path, "loops.docx", ["{%p for q in pre_questions %}", "{{ q.pre }} {{ q.wording }}",
                                               "{%p endfor %}"])

    assert check_template(path, example_context) == [
        f"loops.docx, paragraph 2: 'dict object' has no attribute 'wording'; {CANNOT_FILL}",
    ]


def test_check_template_reports_a_placeholder_inside_a_content_control_tag(example_context, tmp_path):
    document = Document(template_path("pre-event-form"))
    for tag in document.element.body.iter(qn("w:tag")):
        if tag.get(qn("w:val")) == "{{ q.id }}=7":
            tag.set(qn("w:val"), "{{ q.key }}=7")
    path = tmp_path / "pre-event-form.docx"
    document.save(path)

    [message] = check_template(path, example_context)

    assert message.startswith("pre-event-form.docx, table ") and ", row 3: " in message
    assert message.endswith(f"'dict object' has no attribute 'key'; {CANNOT_FILL}")


def test_check_template_names_a_syntax_error_and_where_it_is(example_context, tmp_path):
    path = docx_with(tmp_path, "broken.docx", ["Hello", "{{ title }", "After"])

    assert check_template(path, example_context) == [
        "broken.docx, paragraph 2: the placeholder text '{{ title }' is not valid: unexpected '}'",
    ]


def test_check_template_points_at_a_block_that_is_never_closed(example_context, tmp_path):
    path = docx_with(tmp_path, "unclosed.docx", ["a", "{% for q in pre_questions %}", "{{ q.pre }}", "b"])

    [message] = check_template(path, example_context)

    assert message.startswith("unclosed.docx, paragraph 2: the placeholder text '{% for q in pre_questions %}'"
                              " is not valid: Unexpected end of template.")


def test_check_template_reports_what_the_sandbox_refuses(example_context, tmp_path):
    path = docx_with(tmp_path, "sneaky.docx", ["{{ title.__class__.__mro__ }}"])

    assert check_template(path, example_context) == [
        "sneaky.docx, paragraph 1: access to attribute '__class__' of 'str' object is unsafe;"
        " templates cannot reach Python's internals",
    ]


def test_check_template_reports_an_unreadable_file(example_context, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK not really")

    with pytest.raises(TemplateError) as error:
        check_template(path, example_context)

    assert str(error.value).startswith(f"{path}: not a Word (.docx) file packgen can read")


# -- rendering errors ---------------------------------------------------------------------------


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


# -- as a person sees it ------------------------------------------------------------------------


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


# -- what a form carries for reading it back ------------------------------------------------------


def _custom_parts(data: bytes) -> tuple[dict[str, str], list[bytes]]:
    """Return the custom document properties and the blank-form records of a .docx."""
    import zipfile
    from lxml import etree

    with zipfile.ZipFile(BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
        properties = {p.get("name"): "".join(p.itertext()) for p in root}
        records = [archive.read(n) for n in archive.namelist()
                   if n.startswith("customXml/item") and b"urn:packgen:blank-form" in archive.read(n)]
    return properties, records


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_carries_its_stage_and_event_key(example_context, stage):
    properties, records = _custom_parts(render_bytes(example_context, stage))
    assert properties == {"packgen form": stage, "packgen event": "central-south-bcu-2022-02-25"}
    assert len(records) == 1


def test_a_template_made_from_a_packed_form_gets_one_fresh_record_and_keeps_its_own_properties(
        example_context, tmp_path):
    import zipfile

    template = tmp_path / "from-a-form.docx"
    older = render_bytes({**example_context, "title": "An older hub", "event_key": "old-2020-01-01"}, "post")
    with zipfile.ZipFile(BytesIO(older)) as source, zipfile.ZipFile(template, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/custom.xml":
                data = data.replace(b"</Properties>", b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"'
                                    b' pid="9" name="Department"><vt:lpwstr>Comms</vt:lpwstr></property></Properties>')
            target.writestr(name, data)
    properties, records = _custom_parts(render_bytes(example_context, "pre", template=template))
    assert properties == {"Department": "Comms", "packgen form": "pre", "packgen event": "central-south-bcu-2022-02-25"}
    assert len(records) == 1
