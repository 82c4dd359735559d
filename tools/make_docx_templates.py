"""Build the first version of the attendee forms: ``templates/docx/pre-event-form.docx`` and
``templates/docx/post-event-form.docx``.

This script made the templates once. **The .docx files are the source of truth now**: restyle and
reword them in Word, and keep this script only as a record of how they began. Running it again
would throw those edits away, so it refuses to overwrite a file unless given ``--force``.

The templates are docxtpl templates: ``{{ name }}`` prints a value, ``{%p for ... %}`` and
``{%tr for ... %}`` repeat paragraphs and table rows, and answer boxes are Word content controls
whose tags (``personal_code``, ``trust=7``, ``sector=Resident``...) are the contract described in
:mod:`packgen.render.docx`. Colours: every use of packgen's default primary colour (#1D3557: the
heading styles, the title banner, the rule beside the focal question) is recoloured to the event's
``branding.colours.primary`` when that colour is readable on white; change them in Word and
packgen leaves your colours alone.

Run it with ``.venv/bin/python tools/make_docx_templates.py [--force]``.
"""

from __future__ import annotations

import argparse
import sys
from itertools import count
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from packgen.output import reproducible
from packgen.scales import AGREE
from packgen.wording import CONTROL_TITLES, score_title, sector_title

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "docx"

PRIMARY = "1D3557"  # packgen's default colours.primary; the renderer recolours it (12:1 on white)
INK = "0B0C0C"  # body text: 19:1 on white
RULE = "505A5F"  # box borders: 7:1 on white, so boxes show on any printer
LIGHT_RULE = "B1B4B6"  # separators between rows of the details table
SHADE = "F3F2F1"  # the row of scale numbers
PLACEHOLDER_GREY = "595959"  # placeholder text, should an organiser add some: 7:1 on white
FONT = "Arial"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 17.0

CHECKBOX_FONT = "MS Gothic"  # what Word itself uses for ☐ and ☒
UNCHECKED = "\u2610"  # Word shows \u2612 once ticked (w14:checkedState)
# The answer boxes print blank: placeholder words would print on every paper form. On screen the
# box is a content control; "About this form" says to click in a box to type.
TYPE_HERE = "\u00a0"

_control_ids = count(101)


# Word refuses a file whose property elements are out of schema order, so every raw element is
# inserted at its place in these sequences (ECMA-376 part 1, CT_PPr, CT_TblPr, CT_TcPr).
_ORDER = {
    "w:pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
              "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
              "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
              "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
              "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "w:tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
                "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"],
    "w:rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath"],
    "w:tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark"],
}


def put(parent, child) -> None:
    """Insert ``child`` into a properties element at its schema position, replacing any twin."""
    order = [qn(f"w:{name}") for name in _ORDER[f"w:{etree.QName(parent).localname}"]]
    for twin in parent.findall(child.tag):
        parent.remove(twin)
    later = order[order.index(child.tag) + 1:]
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)


# -- styles and page ------------------------------------------------------------------------------


def set_fonts(rpr, size_pt: float | None = None, colour: str | None = None, bold: bool | None = None) -> None:
    """Give a run-properties element explicit Arial fonts (no theme fonts), size, colour, bold."""
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    put(rpr, fonts)
    if colour is not None:
        element = OxmlElement("w:color")
        element.set(qn("w:val"), colour)
        put(rpr, element)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(int(size_pt * 2)))
            put(rpr, element)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            for child in rpr.findall(qn(tag)):
                rpr.remove(child)
            if bold:
                put(rpr, OxmlElement(tag))


def make_styles(document) -> None:
    """Set Arial 12pt, British English and GOV.UK-like headings in the primary colour."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(default_rpr, size_pt=12)
    default_rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    default_rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "en-GB")

    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), size_pt=12, colour=INK)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before, after in (("Heading 1", 24, 0, 4), ("Heading 2", 15, 20, 6), ("Heading 3", 12, 12, 4)):
        style = styles[name]
        rpr = style.element.get_or_add_rPr()
        for child in list(rpr):
            if child.tag in (qn("w:i"), qn("w:iCs")):
                rpr.remove(child)
        set_fonts(rpr, size_pt=size, colour=PRIMARY, bold=True)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.line_spacing = 1.0

    for name in ("Header", "Footer"):
        set_fonts(styles[name].element.get_or_add_rPr(), size_pt=11, colour=INK)
        styles[name].paragraph_format.space_after = Pt(0)
        tabs = styles[name].element.pPr.find(qn("w:tabs"))
        if tabs is not None:  # python-docx's Letter-sized tab stops; each paragraph sets its own
            tabs.getparent().remove(tabs)

    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor.from_string(PLACEHOLDER_GREY)
    placeholder.hidden = False


def set_page(document) -> None:
    """Make the one section A4 portrait with 2cm margins, laid out as Word 2013 and later do."""
    # Compatibility mode 15 puts a table's edge (not its text) on the margin, in Word and LibreOffice.
    for setting in document.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = Cm(1.6)
    section.bottom_margin = Cm(1.6)
    section.header_distance = Cm(0.9)
    section.footer_distance = Cm(0.9)


# -- paragraphs -----------------------------------------------------------------------------------


def paragraph(container, text: str = "", style: str | None = None, bold: bool = False,
              size: float | None = None, colour: str | None = None, after: float | None = None,
              before: float | None = None, keep: bool = False, align=None):
    """Add a paragraph holding one run of ``text`` and return it."""
    para = container.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    fmt = para.paragraph_format
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    if keep:
        fmt.keep_with_next = True
    if align is not None:
        para.alignment = align
    return para


def control(container, text: str) -> None:
    """Add a docxtpl control paragraph (``{%p ... %}``); docxtpl removes it when rendering."""
    para = container.add_paragraph(text)
    para.paragraph_format.space_after = Pt(0)


def first_paragraph(cell, text: str = "", **kwargs):
    """Return the cell's own first paragraph, filled like :func:`paragraph`."""
    para = cell.paragraphs[0]
    if text:
        run = para.add_run(text)
        run.bold = kwargs.get("bold") or None
        if kwargs.get("size"):
            run.font.size = Pt(kwargs["size"])
        if kwargs.get("colour"):
            run.font.color.rgb = RGBColor.from_string(kwargs["colour"])
    fmt = para.paragraph_format
    fmt.space_after = Pt(kwargs.get("after", 0))
    if kwargs.get("keep"):
        fmt.keep_with_next = True
    if kwargs.get("align") is not None:
        para.alignment = kwargs["align"]
    return para


def left_rule(para, colour: str = PRIMARY) -> None:
    """Draw a thick rule down the left of a paragraph (an inset, like GOV.UK's)."""
    ppr = para._p.get_or_add_pPr()
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="36" w:space="12" w:color="{colour}"/></w:pBdr>'
    )
    put(ppr, borders)
    para.paragraph_format.left_indent = Cm(0.5)


def banner(para) -> None:
    """Shade a paragraph in the primary colour, padded by a border of the same colour; Word and
    LibreOffice draw consecutive banner paragraphs as one block. Paragraphs, not a table, so the
    headings stay in the reading order of the page."""
    ppr = para._p.get_or_add_pPr()
    sides = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="{space}" w:color="{PRIMARY}"/>'
                    for side, space in (("top", 12), ("left", 10), ("bottom", 10), ("right", 10)))
    put(ppr, parse_xml(f'<w:pBdr {nsdecls("w")}>{sides}</w:pBdr>'))
    put(ppr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{PRIMARY}"/>'))
    para.paragraph_format.left_indent = para.paragraph_format.right_indent = Pt(10.5)


def page_number_fields(para, before: str) -> None:
    """Append ``before`` then "Page N of M" as Word fields."""
    para.add_run(before)
    for index, instruction in enumerate(("PAGE", "NUMPAGES")):
        if index:
            para.add_run(" of ")
        else:
            para.add_run("Page ")
        run = para.add_run()
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
        code = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
        run._r.append(code)
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
        shown = OxmlElement("w:t")
        shown.text = "1"
        run._r.append(shown)
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


# -- content controls -----------------------------------------------------------------------------


def checkbox(para, tag: str, alias: str, size: float = 22) -> None:
    """Append a checkbox content control (☐, ☒ when ticked) tagged ``tag`` to ``para``, titled
    ``alias``: the title alone names the answer too (see :func:`packgen.wording.control_key`)."""
    half_points = int(size * 2)
    fonts = (f'<w:rFonts w:ascii="{CHECKBOX_FONT}" w:eastAsia="{CHECKBOX_FONT}" '
             f'w:hAnsi="{CHECKBOX_FONT}" w:cs="{CHECKBOX_FONT}"/>')
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr>'
        f'<w:rPr>{fonts}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        f'<w:alias w:val=""/><w:tag w:val=""/><w:id w:val="{next(_control_ids)}"/>'
        f'<w14:checkbox><w14:checked w14:val="0"/>'
        f'<w14:checkedState w14:val="2612" w14:font="{CHECKBOX_FONT}"/>'
        f'<w14:uncheckedState w14:val="2610" w14:font="{CHECKBOX_FONT}"/></w14:checkbox>'
        f'</w:sdtPr><w:sdtContent><w:r><w:rPr>{fonts}<w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/></w:rPr><w:t>{UNCHECKED}</w:t></w:r></w:sdtContent></w:sdt>'
    )
    # Set through lxml, not an f-string, so placeholders in tags are escaped correctly.
    sdt.find(qn("w:sdtPr")).find(qn("w:alias")).set(qn("w:val"), alias)
    sdt.find(qn("w:sdtPr")).find(qn("w:tag")).set(qn("w:val"), tag)
    para._p.append(sdt)


def text_control(para, tag: str, alias: str, size: float = 12, multiline: bool = True) -> None:
    """Append a plain text content control tagged ``tag``, blank until typed in."""
    half_points = int(size * 2)
    lines = ' w:multiLine="1"' if multiline else ""
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr>'
        f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        f'<w:alias w:val=""/><w:tag w:val=""/><w:id w:val="{next(_control_ids)}"/>'
        f'<w:showingPlcHdr/><w:text{lines}/></w:sdtPr>'
        f'<w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:sz w:val="22"/>'
        f'<w:szCs w:val="22"/></w:rPr><w:t>{TYPE_HERE}</w:t></w:r></w:sdtContent></w:sdt>'
    )
    sdt.find(qn("w:sdtPr")).find(qn("w:alias")).set(qn("w:val"), alias)
    sdt.find(qn("w:sdtPr")).find(qn("w:tag")).set(qn("w:val"), tag)
    para._p.append(sdt)


# -- tables ---------------------------------------------------------------------------------------


def borders_xml(tag: str, sides: dict[str, tuple[int, str]]) -> str:
    """Return a ``w:tblBorders`` or ``w:tcBorders`` element; ``sides`` maps side to (size, colour)."""
    parts = []
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            size, colour = sides[side]
            parts.append(f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"/>')
        elif tag == "w:tblBorders":
            parts.append(f'<w:{side} w:val="nil"/>')
    return f'<{tag} {nsdecls("w")}>{"".join(parts)}</{tag}>'


def table(container, rows: int, widths_cm: list[float], borders: dict[str, tuple[int, str]] | None = None,
          margins_cm: tuple[float, float] = (0.12, 0.2)):
    """Add a fixed-layout table with columns ``widths_cm`` and return it."""
    if isinstance(container, DocumentObject):
        grid = container.add_table(rows=rows, cols=len(widths_cm))
    else:  # a header, footer or cell: python-docx wants the width there
        grid = container.add_table(rows, len(widths_cm), Cm(sum(widths_cm)))
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr
    for child in tbl_pr.findall(qn("w:tblStyle")):
        tbl_pr.remove(child)
    put(tbl_pr, parse_xml(f'<w:tblW {nsdecls("w")} w:w="{int(sum(widths_cm) * 567)}" w:type="dxa"/>'))
    put(tbl_pr, parse_xml(borders_xml("w:tblBorders", borders or {})))
    put(tbl_pr, parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    vertical, horizontal = (int(m * 567) for m in margins_cm)
    put(tbl_pr, parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{vertical}" w:type="dxa"/>'
        f'<w:left w:w="{horizontal}" w:type="dxa"/><w:bottom w:w="{vertical}" w:type="dxa"/>'
        f'<w:right w:w="{horizontal}" w:type="dxa"/></w:tblCellMar>'
    ))
    # Screen readers: these are layout and form tables, with no header row to announce.
    put(tbl_pr, parse_xml(f'<w:tblLook {nsdecls("w")} w:val="0000" w:firstRow="0" w:lastRow="0" '
                            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'))
    for index, column in enumerate(grid.columns):
        column.width = Cm(widths_cm[index])
        for cell in column.cells:
            cell.width = Cm(widths_cm[index])
    return grid


def row_height(row, height_cm: float) -> None:
    """Give a row a minimum height and keep it on one page."""
    row.height = Cm(height_cm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def shade(cell, fill: str) -> None:
    """Fill a cell with a solid colour."""
    put(cell._tc.get_or_add_tcPr(), parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


BOX = {side: (8, RULE) for side in ("top", "left", "bottom", "right")}
"""A 1pt dark border all round: an answer box that shows on any printer."""


def answer_box(container, tag: str, alias: str, height_cm: float, width_cm: float = TEXT_WIDTH_CM,
               size: float = 12) -> None:
    """Add a bordered box holding a text content control, tall enough to write in by hand."""
    grid = table(container, 1, [width_cm], borders=BOX, margins_cm=(0.15, 0.2))
    row_height(grid.rows[0], height_cm)
    text_control(first_paragraph(grid.cell(0, 0)), tag, alias, size=size)


def spacer(container, points: float = 6) -> None:
    """Add an empty paragraph ``points`` high (it also stops Word merging two tables)."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = Pt(points)


# -- the parts of a form --------------------------------------------------------------------------


def header_and_footer(document, stage_name: str) -> None:
    """Organisation and logo at the top; hand-in line, contacts and page numbers at the bottom."""
    section = document.sections[0]
    header = section.header
    grid = table(header, 1, [11.0, 6.0], margins_cm=(0.0, 0.0))
    name = first_paragraph(grid.cell(0, 0), "{{ organisation }}", bold=True)
    name.style = document.styles["Header"]
    logo = first_paragraph(grid.cell(0, 1), "{{ logo }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    logo.style = document.styles["Header"]
    for cell in grid.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    header.paragraphs[0]._p.getparent().remove(header.paragraphs[0]._p)
    header._element.append(header._element.makeelement(qn("w:p"), {}))

    footer = section.footer
    hand_in = footer.paragraphs[0]
    hand_in.style = document.styles["Footer"]
    ppr = hand_in._p.get_or_add_pPr()
    put(ppr, parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="4" '
                            f'w:color="{LIGHT_RULE}"/></w:pBdr>'))
    hand_in.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    run = hand_in.add_run("Please hand this form to your table\u2019s note taker.")
    run.bold = True
    page_number_fields(hand_in, f"\t{stage_name}: ")
    paragraph(footer, "Questions about the hub? Please contact:", style="Footer", after=0)
    control(footer, "{%p for c in contacts %}")
    contact = footer.add_paragraph(
        "{{ c.name }}{% if c.role %} ({{ c.role }}){% endif %}"
        "{% if c.email %}, {{ c.email }}{% endif %}{% if c.phone %}, {{ c.phone }}{% endif %}",
        style="Footer",
    )
    contact.paragraph_format.space_after = Pt(0)
    control(footer, "{%p endfor %}")


def title_block(document, stage_name: str) -> None:
    """The coloured banner (form name and hub title) and the table of when and where."""
    heading = paragraph(document, style="Heading 1")
    run = heading.add_run(stage_name)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    heading.paragraph_format.space_after = Pt(4)
    banner(heading)
    title = paragraph(document, "{{ title }}", bold=True, size=16, colour="FFFFFF", after=0)
    title.paragraph_format.line_spacing = 1.0
    banner(title)
    spacer(document, 14)

    rows = [
        ("Police force", ["{{ force }}"]),
        ("Policing area", ["{{ bcu }}"]),
        ("{% if date_count == 1 %}Date{% else %}Dates{% endif %}", ["{{ dates }}"]),
        ("Time", ["{{ times }}"]),
        ("Venue", ["{{ venue.name }}", "{{ venue.address }}"]),
    ]
    details = table(document, len(rows), [4.2, 12.8], margins_cm=(0.1, 0.15),
                    borders={"top": (4, LIGHT_RULE), "bottom": (4, LIGHT_RULE), "insideH": (4, LIGHT_RULE)})
    for index, (label, values) in enumerate(rows):
        first_paragraph(details.cell(index, 0), label, bold=True)
        value_cell = details.cell(index, 1)
        first_paragraph(value_cell, values[0])
        for value in values[1:]:
            paragraph(value_cell, value, after=0)


def instructions(document, when: str) -> None:
    """How to fill in the form, on paper or on screen."""
    paragraph(document, "About this form", style="Heading 2")
    paragraph(document, f"{when} It takes about 5 minutes. There are no right or wrong answers.")
    paragraph(document, "On paper: use a pen, and put a tick or a cross in one box for each question.")
    paragraph(document, "On a computer: click a box to tick it, and click in a box to type.")


def about_the_hub(document) -> None:
    """Why the hub is held, and the focal question."""
    paragraph(document, "Why we are holding this hub", style="Heading 2")
    control(document, "{%p if purpose %}")
    paragraph(document, "{{ purpose }}")
    control(document, "{%p endif %}")
    paragraph(document, "The question we are working on together:", bold=True, keep=True, before=6)
    focal = paragraph(document, "{{ focal_question }}", size=13, after=6)
    left_rule(focal)


def privacy(document) -> None:
    """The event's privacy notice."""
    paragraph(document, "Your privacy", style="Heading 2")
    paragraph(document, "{{ privacy_notice }}")


def personal_code(document, post: bool) -> None:
    """How to make up a personal code, and the box to write it in."""
    paragraph(document, "Your personal code", style="Heading 2")
    if post:
        paragraph(document, "Please write the same personal code you wrote on the form you filled in "
                            "at the start of the hub. It lets us match your two forms without knowing "
                            "who you are.")
        paragraph(document, "If you have forgotten it, make it again the same way: "
                            "{{ personal_code_rule }}.", keep=True)
    else:
        paragraph(document, "Please make up a code that you will remember. Write the same code on this "
                            "form and on the form you fill in at the end of the hub. It lets us match "
                            "your two forms without knowing who you are.")
        paragraph(document, "Make your code from {{ personal_code_rule }}.", keep=True)
    paragraph(document, "Your personal code:", bold=True, keep=True, before=4)
    answer_box(document, "personal_code", CONTROL_TITLES["personal_code"], 1.4, width_cm=8.0, size=16)


def questions(document, stage: str) -> None:
    """One table per survey question: the wording, 0 to 10 above eleven tick boxes, the labels."""
    paragraph(document, "Your views", style="Heading 2")
    all_scored = f"{stage}_questions | rejectattr('agree') | list | length == {stage}_questions | length"
    paragraph(document, "For each question, tick one box{% if " + all_scored + " %} from 0 to 10{% endif %}.",
              keep=True)
    control(document, f"{{%p for q in {stage}_questions %}}")
    control(document, "{%p if q.agree %}")
    agreement_question(document, stage)
    control(document, "{%p else %}")
    column = TEXT_WIDTH_CM / 11
    grid = table(document, 4, [column] * 11, borders=BOX, margins_cm=(0.08, 0.15))
    wording = grid.cell(0, 0).merge(grid.cell(0, 10))
    wording_para = first_paragraph(wording, f"{{{{ loop.index }}}}. {{{{ q.{stage} }}}}", bold=True, keep=True)
    wording_para.paragraph_format.left_indent = Cm(0.15)
    wording_para.paragraph_format.space_after = Pt(4)
    for n in range(11):
        number_cell = grid.cell(1, n)
        shade(number_cell, SHADE)
        first_paragraph(number_cell, str(n), bold=True, keep=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        box_cell = grid.cell(2, n)
        box_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        box = first_paragraph(box_cell, keep=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        box.paragraph_format.line_spacing = 1.0
        checkbox(box, f"{{{{ q.id }}}}={n}", score_title("{{ loop.index }}", "{{ q.id }}", n), size=26)
    low = grid.cell(3, 0).merge(grid.cell(3, 4))
    first_paragraph(low, "{{ q.low_label }}", size=11)
    first_paragraph(grid.cell(3, 5))
    high = grid.cell(3, 6).merge(grid.cell(3, 10))
    first_paragraph(high, "{{ q.high_label }}", size=11, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for row in grid.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    grid.rows[2].height = Cm(1.1)
    grid.rows[2].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    control(document, "{%p endif %}")
    spacer(document, 12)
    control(document, "{%p endfor %}")


def agreement_question(document, stage: str) -> None:
    """One table for a question on the five-point agreement scale: the statement, then the five
    labels above five tick boxes (see :mod:`packgen.scales`)."""
    values = len(AGREE.values)
    grid = table(document, 3, [TEXT_WIDTH_CM / values] * values, borders=BOX, margins_cm=(0.08, 0.15))
    wording = grid.cell(0, 0).merge(grid.cell(0, values - 1))
    wording_para = first_paragraph(wording, f"{{{{ loop.index }}}}. {{{{ q.{stage} }}}}", bold=True, keep=True)
    wording_para.paragraph_format.left_indent = Cm(0.15)
    wording_para.paragraph_format.space_after = Pt(4)
    for column, (value, label) in enumerate(zip(AGREE.values, AGREE.labels)):
        label_cell = grid.cell(1, column)
        shade(label_cell, SHADE)
        label_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        first_paragraph(label_cell, label, bold=True, size=11, keep=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        box_cell = grid.cell(2, column)
        box_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        box = first_paragraph(box_cell, keep=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        box.paragraph_format.line_spacing = 1.0
        checkbox(box, f"{{{{ q.id }}}}={value}", AGREE.box_title("{{ loop.index }}", "{{ q.id }}", label), size=26)
    for row in grid.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    grid.rows[2].height = Cm(1.1)
    grid.rows[2].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def sectors(document) -> None:
    """Tick boxes for the sectors, two to a row."""
    paragraph(document, "About you", style="Heading 2")
    paragraph(document, "Which of these best describes you? Tick one box.", bold=True, keep=True)
    grid = table(document, 3, [8.5, 8.5], margins_cm=(0.06, 0.1))
    # The last row of an odd number of sectors is filled with "" (not left short), so a title
    # holding row[1] can be filled even where an office moves it outside the {% if %} (LibreOffice
    # 7.4 puts a tick box's title on a control around the whole cell).
    first_paragraph(grid.cell(0, 0), '{%tr for row in sectors|batch(2, "") %}')
    first_paragraph(grid.cell(2, 0), "{%tr endfor %}")
    for column, (guard_open, guard_close) in enumerate(
        (("", ""), ("{% if row[1] %}", "{% endif %}"))
    ):
        para = first_paragraph(grid.cell(1, column))
        para.paragraph_format.left_indent = Cm(1.0)
        para.paragraph_format.first_line_indent = Cm(-1.0)
        para.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
        para.paragraph_format.line_spacing = 1.0
        if guard_open:
            para.add_run(guard_open)
        checkbox(para, f"sector={{{{ row[{column}] }}}}", sector_title(f"{{{{ row[{column}] }}}}"), size=22)
        para.add_run(f"\t{{{{ row[{column}] }}}}{guard_close}")
        grid.cell(1, column).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    row_height(grid.rows[1], 1.0)


def hopes(document) -> None:
    """The pre-event free text."""
    paragraph(document, "Your hopes for today", style="Heading 2")
    paragraph(document, "What do you hope today will achieve?", bold=True, keep=True)
    answer_box(document, "hopes", CONTROL_TITLES["hopes"], 5.0)


def takeaways(document) -> None:
    """The post-event free text: three things to take away, and what should happen next."""
    paragraph(document, "What you will take away", style="Heading 2")
    paragraph(document, "Three things you will take away from today", bold=True, keep=True)
    grid = table(document, 3, [1.2, 15.8], borders={**BOX, "insideH": (8, RULE), "insideV": (8, RULE)},
                 margins_cm=(0.15, 0.2))
    for index in range(3):
        number = grid.cell(index, 0)
        shade(number, SHADE)
        number.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        first_paragraph(number, str(index + 1), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
        text_control(first_paragraph(grid.cell(index, 1)), f"takeaway_{index + 1}",
                     CONTROL_TITLES[f"takeaway_{index + 1}"])
        row_height(grid.rows[index], 2.2)
    paragraph(document, "What should happen next", style="Heading 2")
    paragraph(document, "What should happen next? What would you like the police and its partners to do?",
              bold=True, keep=True)
    answer_box(document, "next_steps", CONTROL_TITLES["next_steps"], 4.5)


def comments(document) -> None:
    """Any other comments."""
    paragraph(document, "Anything else", style="Heading 2")
    paragraph(document, "Anything else you would like to tell us?", bold=True, keep=True)
    answer_box(document, "comments", CONTROL_TITLES["comments"], 3.5)


def follow_up(document) -> None:
    """Consent to receive "You said, we did", and where to send it."""
    paragraph(document, "Hearing what happens next", style="Heading 2")
    paragraph(document, "We will send a \u2018You said, we did\u2019 update by {{ follow_up.by }}, "
                        "{{ follow_up.how }}. It will say what people told us at the hub and what we "
                        "have done about it.")
    consent = paragraph(document, keep=True, before=6)
    consent.paragraph_format.left_indent = Cm(1.0)
    consent.paragraph_format.first_line_indent = Cm(-1.0)
    consent.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
    checkbox(consent, "consent", CONTROL_TITLES["consent"], size=22)
    consent.add_run("\tYes, please send me the \u2018You said, we did\u2019 update.").bold = True
    paragraph(document, "If you ticked yes, write your email address or postal address below. This is "
                        "optional: you can leave it blank.", keep=True)
    paragraph(document, "Email or postal address for the update", bold=True, keep=True)
    answer_box(document, "contact_details", CONTROL_TITLES["contact_details"], 2.6)
    paragraph(document, "Thank you for filling in this form. Please hand it to your table\u2019s "
                        "note taker.", bold=True, before=18)


# -- the two forms --------------------------------------------------------------------------------


def make_form(stage: str):
    """Return the template for ``stage`` ("pre" or "post") as a python-docx Document."""
    post = stage == "post"
    stage_name = "After the hub" if post else "Before the hub"
    document = Document()
    make_styles(document)
    set_page(document)
    body = document.element.body
    for para in list(body.iterchildren(qn("w:p"))):
        body.remove(para)
    properties = document.core_properties
    properties.title = f"{stage_name}: attendee form"
    properties.language = "en-GB"
    properties.author = "packgen"
    properties.subject = ""
    properties.comments = ""

    header_and_footer(document, stage_name)
    title_block(document, stage_name)
    instructions(document, "Please fill in this form before you leave."
                 if post else "Please fill in this form at the start of the hub, before the first session.")
    about_the_hub(document)
    privacy(document)
    personal_code(document, post)
    questions(document, stage)
    sectors(document)
    if post:
        takeaways(document)
    else:
        hopes(document)
    comments(document)
    follow_up(document)
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite templates edited in Word")
    parser.add_argument("--output", type=Path, default=FOLDER, help="folder to write into")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for stage in ("pre", "post"):
        path = args.output / f"{stage}-event-form.docx"
        if path.exists() and not args.force:
            print(f"{path} exists; it is the source of truth now. Use --force to overwrite it.",
                  file=sys.stderr)
            return 1
        make_form(stage).save(path)
        path.write_bytes(reproducible(path.read_bytes()))  # fixed dates: packs are reproducible
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
