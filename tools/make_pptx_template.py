"""Build the first version of ``templates/pptx/presentation.pptx``, the MC's slide deck.

This script made the template once. **The .pptx file is the source of truth now**: restyle and
reword it in PowerPoint, and keep this script only as a record of how it began. Running it again
would throw those edits away, so it refuses to overwrite the file unless given ``--force``.

The template language (``{{ name }}`` placeholders, repeated slides and table rows, the ``logo``
and ``brand-*`` shapes) is described in :mod:`packgen.render.pptx.template`.

Run it with ``.venv/bin/python tools/make_pptx_template.py [--force]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from packgen.output import reproducible

OUTPUT = Path(__file__).resolve().parents[1] / "templates" / "pptx" / "presentation.pptx"

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
BAR_HEIGHT = Inches(1.3)
CONTENT_TOP = Inches(1.65)

PRIMARY = RGBColor(0x1D, 0x35, 0x57)  # packgen's default colours.primary; the engine recolours
ACCENT = RGBColor(0x0B, 0x6E, 0x4F)  # packgen's default colours.accent
INK = RGBColor(0x1F, 0x29, 0x33)  # body text: 14:1 on white
LABEL = PRIMARY  # headings inside slides: 12:1 on white, 10:1 on PANEL
PANEL = RGBColor(0xEE, 0xF2, 0xF6)
HEADER = RGBColor(0xDD, 0xE3, 0xEA)
RULE = RGBColor(0x9A, 0xA5, 0xB1)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

KEPT_LAYOUTS = ("Title Slide", "Title and Content", "Two Content", "Comparison", "Title Only", "Blank")
NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


# -- the slide master and layouts: 16:9, Arial, a title bar --------------------------------------


def make_master(prs) -> None:
    """Turn python-pptx's 4:3 default master into a 16:9 one with a coloured title bar."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    # python-pptx has no API for theme fonts; Arial is on every Windows PC and LibreOffice maps it
    # to the metric-compatible Liberation Sans. Naming it for complex scripts too (Arabic, Urdu,
    # Bengali) lets LibreOffice fall back to a font holding those letters instead of empty boxes.
    theme._blob = (
        theme.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')
        .replace(b'<a:cs typeface=""/>', b'<a:cs typeface="Arial"/>')
    )

    master = prs.slide_master
    for layout in list(prs.slide_layouts):
        if layout.name not in KEPT_LAYOUTS:
            prs.slide_layouts.remove(layout)
    scale = SLIDE_WIDTH / Emu(9144000)
    for shape in [*master.shapes, *(s for layout in prs.slide_layouts for s in layout.shapes)]:
        shape.left, shape.width = int(shape.left * scale), int(shape.width * scale)

    title = next(s for s in master.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.15), CONTENT_WIDTH, Inches(1.0)
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    body = next(s for s in master.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.BODY)
    body.left, body.top, body.width, body.height = MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(5.3)

    style = master._element.find(qn("p:txStyles")).find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    style.set("algn", "l")
    defaults = style.find(qn("a:defRPr"))
    defaults.set("sz", "3200")
    defaults.set("b", "1")
    fill = defaults.find(qn("a:solidFill"))
    fill.clear()
    etree.SubElement(fill, qn("a:srgbClr"), val="FFFFFF")
    body_style = master._element.find(qn("p:txStyles")).find(qn("p:bodyStyle"))
    for level, size in zip(body_style, (2400, 2200, 2000, 1800, 1800)):
        level.find(qn("a:defRPr")).set("sz", str(size))

    bar = _move_to_back(master, "brand-primary", 0, 0, SLIDE_WIDTH, BAR_HEIGHT, PRIMARY)
    _move_to_back(master, "brand-accent", 0, BAR_HEIGHT, SLIDE_WIDTH, Inches(0.08), ACCENT, after=bar)

    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                shape._element.spPr.remove(shape._element.spPr.xfrm)  # inherit the master's bar
    make_title_layout(prs.slide_layouts.get_by_name("Title Slide"))


def make_title_layout(layout) -> None:
    """Give the title slide its own look: a wide band of colour, the master's bar hidden."""
    layout._element.set("showMasterSp", "0")
    band = _move_to_back(layout, "brand-primary", 0, Inches(2.0), SLIDE_WIDTH, Inches(3.3), PRIMARY)
    _move_to_back(layout, "brand-accent", 0, Inches(5.3), SLIDE_WIDTH, Inches(0.1), ACCENT, after=band)
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.CENTER_TITLE:
            shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(2.2), CONTENT_WIDTH, Inches(2.0)
            shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        elif kind == PP_PLACEHOLDER.SUBTITLE:
            shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(4.3), CONTENT_WIDTH, Inches(0.9)


_scratch = None


def _move_to_back(owner, name, left, top, width, height, colour, after=None):
    """Add a plain filled rectangle to a master or layout, behind everything else on it.

    Masters and layouts cannot add shapes in python-pptx, so the rectangle is drawn on a scratch
    slide and its XML moved across.
    """
    shape = _rectangle(_scratch, name, left, top, width, height, colour)
    element = shape._element
    element.nvSpPr.cNvPr.set("id", str(_next_shape_id(owner)))
    if after is None:
        owner.shapes._spTree.insert(2, element)  # after nvGrpSpPr and grpSpPr
    else:
        after.addnext(element)
    return element


def _next_shape_id(owner) -> int:
    ids = [int(e.get("id")) for e in owner._element.iter(qn("p:cNvPr"))]
    return max(ids, default=0) + 1


# -- slide building helpers ---------------------------------------------------------------------


def _rectangle(slide, name, left, top, width, height, colour):
    """Add a plain rectangle: a flat fill, no outline, no theme style (so no shadow)."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.name = name
    style = shape._element.find(qn("p:style"))
    shape._element.remove(style)
    if colour is None:
        shape.fill.background()
    else:
        _fill(shape, colour)
    shape.line.fill.background()
    return shape


def _fill(shape, colour) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = colour


def _format(run, size, bold=False, colour=INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    run.font._rPr.set("lang", "en-GB")


def _autofit(text_frame) -> None:
    """Mark the text as shrink-to-fit; packgen sets the scale when a value is long."""
    body_pr = text_frame._txBody.bodyPr
    for child in list(body_pr):
        if child.tag in (qn("a:spAutoFit"), qn("a:noAutofit"), qn("a:normAutofit")):
            body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:normAutofit"))


def _bullet(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(Inches(0.35)))
    p_pr.set("indent", str(-Inches(0.35)))
    etree.SubElement(p_pr, qn("a:buFont"), typeface="Arial")
    etree.SubElement(p_pr, qn("a:buChar"), char="\u2022")


def add_text(slide, name, left, top, width, height, paragraphs, anchor=MSO_ANCHOR.TOP):
    """Add a text box; each paragraph is ``(text, size)`` plus optional ``bold=``, ``colour=``,
    ``bullet=``, ``space_before=`` (points) and ``align=``; text may also be a list of
    ``(text, bold)`` runs."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    _autofit(frame)
    for index, spec in enumerate(paragraphs):
        text, size, options = spec[0], spec[1], spec[2] if len(spec) > 2 else {}
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        runs = text if isinstance(text, list) else [(text, options.get("bold", False))]
        for run_text, bold in runs:
            run = paragraph.add_run()
            run.text = run_text
            _format(run, size, bold, options.get("colour", INK))
        if options.get("bullet"):
            _bullet(paragraph)
        if options.get("space_before"):
            paragraph.space_before = Pt(options["space_before"])
        if options.get("align"):
            paragraph.alignment = options["align"]
    return box


def add_panel(slide, name, left, top, width, height, bar=True):
    """Add a pale panel with a coloured bar down its left edge (the bar follows colours.accent)."""
    _rectangle(slide, name, left, top, width, height, PANEL)
    if bar:
        _rectangle(slide, "brand-accent", left, top, Inches(0.12), height, ACCENT)


def set_title(slide, text, size=32):
    title = slide.shapes.title
    title.name = "Title"
    run = title.text_frame.paragraphs[0].add_run()
    run.text = text
    _format(run, size, bold=True, colour=None)
    _autofit(title.text_frame)
    return title


def add_notes(slide, lines) -> None:
    frame = slide.notes_slide.notes_text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line


def _border(tc_pr, side, colour) -> None:
    line = etree.Element(qn(f"a:{side}"), w=str(Pt(1)), cap="flat", cmpd="sng", algn="ctr")
    if colour is None:
        etree.SubElement(line, qn("a:noFill"))
    else:
        fill = etree.SubElement(line, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=str(colour))
    order = ["lnL", "lnR", "lnT", "lnB"]
    position = sum(1 for child in tc_pr if child.tag in {qn(f"a:{s}") for s in order[: order.index(side)]})
    tc_pr.insert(position, line)


def add_table(slide, name, top, widths, header, row, size=20, row_height=Inches(0.45)):
    """Add a table: a header row and one repeated row (its first cell starts with the marker)."""
    frame = slide.shapes.add_table(2, len(widths), MARGIN, top, sum(widths), row_height * 2)
    frame.name = name
    table = frame.table
    table_pr = table._tbl.tblPr
    table_pr.set("bandRow", "0")
    table_pr.find(qn("a:tableStyleId")).text = NO_STYLE_NO_GRID
    for index, width in enumerate(widths):
        table.columns[index].width = width
    for row_index, texts in enumerate((header, row)):
        table.rows[row_index].height = row_height
        for column, text in enumerate(texts):
            cell = table.cell(row_index, column)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.margin_left = cell.margin_right = Inches(0.12)
            paragraph = cell.text_frame.paragraphs[0]
            run = paragraph.add_run()
            run.text = text
            _format(run, size, bold=row_index == 0, colour=LABEL if row_index == 0 else INK)
            _fill(cell, HEADER if row_index == 0 else WHITE)
            tc_pr = cell._tc.get_or_add_tcPr()
            for side in ("lnL", "lnR"):
                _border(tc_pr, side, None)
            _border(tc_pr, "lnT", RULE)
            _border(tc_pr, "lnB", RULE)
    return frame


def add_logo_marker(slide, left, top, width, height):
    """Add the box packgen replaces with the config's logo (or removes when there is none)."""
    marker = _rectangle(slide, "logo", left, top, width, height, None)
    marker.line.color.rgb = RULE
    marker.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    run = marker.text_frame.paragraphs[0].add_run()
    run.text = "Logo (packgen puts the config's logo here)"
    _format(run, 12, colour=INK)


# -- the slides ---------------------------------------------------------------------------------


def title_slide(prs):
    slide = prs.slides.add_slide(prs.slide_layouts.get_by_name("Title Slide"))
    set_title(slide, "{{ title }}", size=40)
    subtitle = next(s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    subtitle.name = "Subtitle"
    paragraph = subtitle.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = "{{ organisation }} \u00b7 {{ bcu }}"
    _format(run, 24, colour=WHITE)
    _autofit(subtitle.text_frame)
    add_logo_marker(slide, MARGIN, Inches(0.45), Inches(3.6), Inches(1.2))
    add_text(slide, "Details", MARGIN, Inches(5.6), Inches(8.9), Inches(1.6), [
        ("{{ dates }}, {{ times }}", 24, {"bold": True, "colour": LABEL}),
        ("{{ venue.name }}, {{ venue.address_line }}", 22, {"space_before": 6}),
    ])
    add_notes(slide, [
        "Have this slide on screen as people arrive from {{ start }}.",
        "Master of ceremonies: {{ opening.mc }}. They open the hub at {{ opening.time }}.",
        "Welcome everyone. Say who you are and thank people for giving up their time.",
        "Housekeeping: fire exits and where to gather outside, toilets, phones on silent.",
    ])


def why_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Why we are here")
    add_text(slide, "Purpose", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(1.45), [
        ("{% if purpose %}{{ purpose }}{% else %}To share what we know, agree what is getting in"
         " the way, and choose three changes to try.{% endif %}", 24),
    ])
    add_panel(slide, "Question panel", MARGIN, Inches(3.3), CONTENT_WIDTH, Inches(3.75))
    add_text(slide, "Focal question", Inches(1.0), Inches(3.45), Inches(11.5), Inches(3.45), [
        ("The question for today", 20, {"bold": True, "colour": LABEL}),
        ("{{ focal_question }}", 28, {"space_before": 8}),
    ])
    add_notes(slide, [
        "Say why we are here, in your own words.",
        "Read the question for today out loud, slowly. Every table works on this one question all day.",
        "Say that every view counts, including ones the police may not like to hear.",
    ])


def programme_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "The day{% if continued %} (continued){% endif %}")
    add_table(
        slide, "Programme", CONTENT_TOP, [Inches(3.6), CONTENT_WIDTH - Inches(3.6)],
        ["Time", "What happens"],
        ["{% for item in programme %}{{ item.time }}{% if item.date %}, {{ item.date }}{% endif %}",
         "{{ item.title }}"],
    )
    add_notes(slide, [
        "Walk through the day. Point out the breaks and when the day ends ({{ end }}).",
        "There are {{ session_count }} sessions. Each ends with every table reporting back to the room.",
        "Say that people can step out at any time if they need to.",
    ])


def tables_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "How the tables work")
    add_text(slide, "Intro", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(0.7), [
        ("There are {{ table_count }} tables. Each has 8 to 10 people, a facilitator and a note taker.", 24),
    ])
    cards = [
        ("Your table", "Residents, partners and police, working on the same question side by side."),
        ("The facilitator", "Keeps the talk on track and makes sure everyone is heard."),
        ("The note taker", "Writes down what is said. The notes feed into our evaluation and report."),
    ]
    gap = Inches(0.25)
    width = int((CONTENT_WIDTH - 2 * gap) / 3)
    for index, (heading, text) in enumerate(cards):
        left = MARGIN + index * (width + gap)
        add_panel(slide, f"{heading} panel", left, Inches(2.45), width, Inches(2.45))
        add_text(slide, heading, left + Inches(0.3), Inches(2.6), width - Inches(0.45), Inches(2.2), [
            (heading, 24, {"bold": True, "colour": LABEL}),
            (text, 20, {"space_before": 8}),
        ])
    add_text(slide, "Ground rules", MARGIN, Inches(5.1), CONTENT_WIDTH, Inches(2.0), [
        ("Ground rules", 22, {"bold": True, "colour": LABEL}),
        ("Respect each other, even when you disagree.", 20, {"bullet": True, "space_before": 4}),
        ("One voice at a time.", 20, {"bullet": True, "space_before": 4}),
        ("What is said here stays here. Only the note taker's notes leave the room.", 20,
         {"bullet": True, "space_before": 4}),
    ])
    add_notes(slide, [
        "Explain how the tables work and introduce the facilitators and note takers, or ask them to wave.",
        "Go through the ground rules and ask the room to agree to them.",
        "Say that the notes do not record who said what.",
    ])


def table_plan_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Who is at each table{% if continued %} (continued){% endif %}")
    add_table(
        slide, "Table plan", CONTENT_TOP, [Inches(2.6), Inches(4.76), CONTENT_WIDTH - Inches(7.36)],
        ["Table", "Facilitator", "Note taker"],
        ["{% for t in tables %}{{ t.name }}", "{{ t.facilitator }}", "{{ t.note_taker }}"],
        size=18, row_height=Inches(0.4),
    )
    add_notes(slide, [
        "Ask people to check they are at the right table, and to move now if not.",
        "Facilitators and note takers: raise a hand so your table can see you.",
    ])


def before_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Before we start: a short form")
    add_text(slide, "Body", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(5.4), [
        ("Please fill in the form on your table now, before the first session.", 24, {"bullet": True}),
        ("Make up a personal code and write it on the form: {{ personal_code_rule }}. Use the same"
         " code on the form at the end.",
         24, {"bullet": True, "space_before": 14}),
        ("The code lets us match your two forms without knowing who you are.", 24,
         {"bullet": True, "space_before": 14}),
        ("There are {{ pre_questions | length }} questions. {{ pre_answers }}"
         " There are no right or wrong answers.", 24, {"bullet": True, "space_before": 14}),
        ("Why it matters: comparing the two forms tells us whether today made a difference.", 24,
         {"bullet": True, "space_before": 14}),
    ])
    add_notes(slide, [
        "Give people five minutes for the form. Facilitators can help anyone who asks.",
        "Stress that the form is anonymous: no names, only the code they make up.",
        "Ask note takers to collect the forms before session 1 starts (the forms ask people to hand them to"
        " their table\u2019s note taker).",
    ])


def session_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Session {{ session.number }}: {{ session.title }}")
    add_text(slide, "Time", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(0.6), [
        ("{{ session.time }}{% if session.date %}, {{ session.date }}{% endif %}", 24,
         {"bold": True, "colour": LABEL}),
    ])
    add_panel(slide, "Prompt panel", MARGIN, Inches(2.35), CONTENT_WIDTH, Inches(3.05))
    add_text(slide, "Prompt", Inches(1.0), Inches(2.5), Inches(11.5), Inches(2.8), [
        ("Talk about", 20, {"bold": True, "colour": LABEL}),
        ("{{ session.prompt }}", 28, {"space_before": 8}),
    ])
    add_text(slide, "Report back", MARGIN, Inches(5.6), CONTENT_WIDTH, Inches(1.5), [
        ("At the end", 20, {"bold": True, "colour": LABEL}),
        ("{{ session.report_back }}", 24, {"space_before": 4}),
    ])
    add_notes(slide, [
        "{% for session in sessions %}",
        "Session {{ session.number }} of {{ session_count }}, {{ session.time }}.",
        "Read the question out: {{ session.prompt }}",
        "Facilitators keep the talk on the question and make sure everyone gets a turn."
        " Note takers write down what is said, in people's own words where they can.",
        "Give a ten-minute and a two-minute warning before the end.",
        "Report back: {{ session.report_back }}",
        "{% if session.number == session_count %}This is the last session. Thank the tables before"
        " moving to the close.{% else %}Tell people what comes next and when.{% endif %}",
    ])


def break_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Break: {{ pause.name }}")
    add_text(slide, "Break time", MARGIN, Inches(2.2), CONTENT_WIDTH, Inches(1.2), [
        ("{{ pause.time }}{% if pause.date %}, {{ pause.date }}{% endif %}", 40,
         {"bold": True, "colour": LABEL, "align": PP_ALIGN.CENTER}),
    ], anchor=MSO_ANCHOR.MIDDLE)
    add_text(slide, "Body", MARGIN, Inches(3.8), CONTENT_WIDTH, Inches(2.4), [
        ("Please be back at your table when the break ends, so we can start on time.", 24,
         {"align": PP_ALIGN.CENTER}),
        ("Need anything? Ask any of the team.", 24, {"align": PP_ALIGN.CENTER, "space_before": 14}),
    ])
    add_notes(slide, [
        "{% for pause in breaks %}",
        "Put this slide up for the break ({{ pause.time }}) and say when people should be back.",
        "Facilitators: keep your table's flip-chart sheets safe.",
        "Give a two-minute call before the break ends.",
    ])


def close_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Close and next steps")
    add_text(slide, "Body", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(4.3), [
        ("Please fill in the form at the end of the day, using the same personal code as on your"
         " first form.", 24, {"bullet": True}),
        ("You said, we did: by {{ follow_up.by }} we will tell you what you said, what we have done"
         " about it, and what we cannot do and why. It will reach you {{ follow_up.how }}.", 24,
         {"bullet": True, "space_before": 14}),
        ("Closing the hub: {{ close.by }}.", 24, {"bullet": True, "space_before": 14}),
        ("Thank you for your time and your ideas.", 24, {"bold": True, "space_before": 14}),
    ])
    add_logo_marker(slide, Inches(9.6), Inches(6.0), Inches(3.13), Inches(1.05))
    add_notes(slide, [
        "Closing the hub at {{ close.time }}: {{ close.by }}.",
        "Ask everyone to fill in the form at the end before they leave, with the same code as on their first form.",
        "Promise the \"You said, we did\" update by {{ follow_up.by }}, {{ follow_up.how }}.",
        "Facilitators and note takers: hand in the notes and flip-chart sheets.",
    ])


def contacts_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    set_title(slide, "Contacts{% if continued %} (continued){% endif %}")
    add_text(slide, "Intro", MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(0.95), [
        ("Questions, or need this in another format such as large print or another language?"
         " Get in touch.", 22),
    ])
    add_table(
        slide, "Contacts", Inches(2.75),
        [Inches(2.9), Inches(2.5), Inches(4.73), CONTENT_WIDTH - Inches(10.13)],
        ["Name", "Role", "Email", "Phone"],
        ["{% for c in contacts %}{{ c.name }}", "{{ c.role }}", "{{ c.email }}", "{{ c.phone }}"],
        size=18, row_height=Inches(0.45),
    )
    add_notes(slide, [
        "Leave this slide up as people go. Point out who to contact with questions or for"
        " another format.",
    ])


def build() -> Presentation:
    global _scratch
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _scratch = prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    make_master(prs)
    _delete_slide(prs, _scratch)
    layout = prs.slide_layouts.get_by_name("Title Only")
    title_slide(prs)
    for make in (why_slide, programme_slide, tables_slide, table_plan_slide, before_slide,
                 session_slide, break_slide, close_slide, contacts_slide):
        make(prs, layout)
    prs.core_properties.title = "Innovation Hub slides (packgen template)"
    prs.core_properties.language = "en-GB"
    return prs


def _delete_slide(prs, slide) -> None:
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        if prs.part.related_part(slide_id.rId) is slide.part:
            slide_ids.remove(slide_id)
            prs.part.drop_rel(slide_id.rId)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite the existing template")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.output.exists() and not args.force:
        print(f"{args.output} exists and is the source of truth; use --force to replace it",
              file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    build().save(args.output)
    output = Path(args.output)
    output.write_bytes(reproducible(output.read_bytes()))  # fixed dates: packs are reproducible
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
