"""Print-ready forms (packgen.paper.printing, ``packgen print``): numbered copies, the QR code and
corner marks on every page, and a recorded layout that matches where every box was drawn."""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import segno
import zxingcpp
from docx import Document
from docx.oxml.ns import qn
from paper_samples import COPIES, flat, pdf_pages

from conftest import HOSTILE_TITLE, example_data, hostile_data, write_config
from packgen.config import load_config
from packgen.context import build_context
from packgen.errors import TemplateError
from packgen.paper.layout import MARK_CENTRES, MARK_DIAMETER, MIN_BOX, PageCode, layout_from_json
from packgen.paper.printing import FORMS_PDF, LAYOUT_JSON, QR_SQUARE, form_layout
from packgen.render.docx import render_form
from packgen.resources import data_folder, example_folder
from packgen.stages.print_forms import print_forms

DPI = 300


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The example's forms, printed once for the module: COPIES of each stage."""
    out = tmp_path_factory.mktemp("printed")
    return print_forms(example_folder() / "hub.yaml", out, COPIES)


def page_image(path: Path, index: int, dpi: int = DPI):
    """Return page ``index`` (from 0) of the PDF as a greyscale image at ``dpi``."""
    return pdfium.PdfDocument(path)[index].render(scale=dpi / 72).to_pil().convert("L")


def px(mm: float, dpi: int = DPI) -> int:
    return int(round(mm * dpi / 25.4))


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


# -- What is written ------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_the_examples_form_is_one_sheet_printed_on_both_sides(printed, stage):
    layout = printed.forms[stage].layout
    assert [page.page for page in layout.pages] == [1, 2]
    assert pdf_pages(printed.folder / FORMS_PDF[stage]) == 2 * COPIES
    first = pdfium.PdfDocument(printed.folder / FORMS_PDF[stage])[0]
    assert [round(v, 1) for v in first.get_size()] == [595.3, 841.9]  # A4 in points


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_the_layout_file_is_the_layout_printed(printed, stage):
    text = (printed.folder / LAYOUT_JSON[stage]).read_text(encoding="utf-8")
    layout = layout_from_json(text)
    assert layout == printed.forms[stage].layout
    assert layout.event == "central-south-bcu-2022-02-25"
    assert layout.stage == stage
    assert layout == form_layout(load_config(example_folder() / "hub.yaml").event, stage)


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_answer_has_one_box_and_every_text_field_one_area(printed, stage):
    event = load_config(example_folder() / "hub.yaml").event
    layout = printed.forms[stage].layout
    boxes = [(box.field, box.value) for page in layout.pages for box in page.boxes]
    questions = [q.id for q in event.evaluation.questions if getattr(q, stage)]
    expected = [(q, str(v)) for q in questions for v in range(11)]
    expected += [("sector", name) for name in event.sectors] + [("consent", "yes")]
    assert sorted(boxes) == sorted(expected)
    areas = [area.field for page in layout.pages for area in page.writing]
    assert areas == {"pre": ["hopes", "comments", "contact_details"],
                     "post": ["takeaway_1", "takeaway_2", "takeaway_3", "next_steps", "comments",
                              "contact_details"]}[stage]


def test_boxes_are_squares_of_6mm_at_least_the_minimum(printed):
    sizes = {box.size for printed_forms in printed.forms.values() for page in printed_forms.layout.pages
             for box in page.boxes}
    assert sizes == {6.0}
    assert min(sizes) >= MIN_BOX


# -- What is on every page ------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_pages_qr_code_reads_as_its_page_code(printed, stage):
    path = printed.folder / FORMS_PDF[stage]
    digest = printed.forms[stage].layout.digest
    read = []
    for index in range(pdf_pages(path)):
        image = page_image(path, index, dpi=200)
        read += [result.text for result in zxingcpp.read_barcodes(image)]
    assert read == [str(PageCode("central-south-bcu-2022-02-25", stage, form, page, digest))
                    for form in range(1, COPIES + 1) for page in (1, 2)]


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_page_prints_its_form_number_in_digits_first(printed, stage):
    path = printed.folder / FORMS_PDF[stage]
    heads = [page_text(path, page).split()[:2] for page in range(1, 2 * COPIES + 1)]
    assert heads == [["Form", str(form)] for form in range(1, COPIES + 1) for _ in (1, 2)]


def test_the_qr_code_is_at_least_18mm_with_error_correction_m_or_higher(printed):
    assert QR_SQUARE.size >= 18
    code = str(PageCode("central-south-bcu-2022-02-25", "post", 60, 2, "0" * 8))
    assert segno.make(code, error="m", micro=False).error in ("M", "Q", "H")


def test_text_is_12pt_or_more(printed):
    sizes = set()
    for stage in ("pre", "post"):
        document = pdfium.PdfDocument(printed.folder / FORMS_PDF[stage])
        for index in (0, 1):
            text = document[index].get_textpage()
            for i in range(text.count_chars()):
                if not chr(pdfium_raw.FPDFText_GetUnicode(text.raw, i)).strip():
                    continue
                matrix = pdfium_raw.FS_MATRIX()
                pdfium_raw.FPDFText_GetMatrix(text.raw, i, ctypes.byref(matrix))
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                sizes.add(round(pdfium_raw.FPDFText_GetFontSize(text.raw, i) * scale, 1))
    assert min(sizes) == 12.0


# -- The layout is where the boxes are ------------------------------------------------------------


def dark(image, x_mm: float, y_mm: float) -> bool:
    return image.getpixel((px(x_mm), px(y_mm))) < 100


def light(image, x_mm: float, y_mm: float) -> bool:
    return image.getpixel((px(x_mm), px(y_mm))) > 200


def outline_at(image, x: float, y: float, width: float, height: float) -> list[str]:
    """Return what is wrong with the rectangle's outline on the image (nothing when it is there):
    its border just inside each corner, white inside and just outside."""
    inside = 0.15  # the border is 0.4mm
    problems = []
    corners = [(x + inside, y + inside), (x + width - inside, y + inside),
               (x + width - inside, y + height - inside), (x + inside, y + height - inside)]
    problems += [f"no border at {c}" for c in corners if not dark(image, *c)]
    outside = [(x - 0.4, y + height / 2), (x + width + 0.4, y + height / 2), (x + width / 2, y - 0.4),
               (x + width / 2, y + height + 0.4)]
    problems += [f"not white outside at {c}" for c in outside if not light(image, *c)]
    if not light(image, x + width / 2, y + height / 2):
        problems.append("not white inside")
    return problems


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_recorded_box_and_area_is_drawn_exactly_there_on_every_copy(printed, stage):
    path = printed.folder / FORMS_PDF[stage]
    layout = printed.forms[stage].layout
    wrong = {}
    for form in (1, COPIES):
        for page in layout.pages:
            image = page_image(path, (form - 1) * 2 + page.page - 1)
            for box in page.boxes:
                problems = outline_at(image, box.x, box.y, box.size, box.size)
                if problems:
                    wrong[(form, page.page, box.field, box.value)] = problems
            for area in page.writing:
                problems = outline_at(image, area.x, area.y, area.width, area.height)
                if problems:
                    wrong[(form, page.page, area.field)] = problems
    assert wrong == {}


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_the_corner_marks_are_solid_discs_at_their_centres_on_every_page(printed, stage):
    path = printed.folder / FORMS_PDF[stage]
    radius = MARK_DIAMETER / 2
    for index in range(pdf_pages(path)):
        image = page_image(path, index, dpi=150)
        for x, y in MARK_CENTRES:
            assert image.getpixel((px(x, 150), px(y, 150))) < 100
            for dx, dy in ((radius - 0.5, 0), (0, radius - 0.5), (-(radius - 0.5), 0), (0, -(radius - 0.5))):
                assert image.getpixel((px(x + dx, 150), px(y + dy, 150))) < 100
            for dx, dy in ((radius + 0.6, 0), (0, radius + 0.6), (-(radius + 0.6), 0), (0, -(radius + 0.6))):
                assert image.getpixel((px(x + dx, 150), px(y + dy, 150))) > 200


def test_the_qr_code_fills_the_recorded_square(printed):
    path = printed.folder / FORMS_PDF["post"]
    layout = printed.forms["post"].layout
    image = page_image(path, 2 * COPIES - 1)  # the last copy's second page
    square = layout.pages[1].qr
    text = str(PageCode(layout.event, "post", COPIES, 2, layout.digest))
    modules = segno.make(text, error="m", micro=False).symbol_size(border=4)[0]
    module = square.size / modules
    crop = image.crop((px(square.x), px(square.y), px(square.x + square.size), px(square.y + square.size)))
    assert [result.text for result in zxingcpp.read_barcodes(crop)] == [text]
    # the quiet zone's corner is white, the finder pattern's corner module black, just inside both
    assert light(image, square.x + 0.3, square.y + 0.3)
    assert dark(image, square.x + 4.2 * module, square.y + 4.2 * module)
    assert light(image, square.x + 3.8 * module, square.y + 4.2 * module)
    assert dark(image, square.x + square.size - 4.2 * module, square.y + 4.2 * module)
    assert light(image, square.x + square.size - 3.8 * module, square.y + 4.2 * module)


# -- Wording from the one source ------------------------------------------------------------------


def docx_text(data: bytes, path: Path) -> str:
    path.write_bytes(data)
    body = Document(str(path)).element.body
    return flat(" ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))))


def test_the_examples_privacy_notice_says_how_either_kind_of_form_is_matched(tmp_path):
    # the Word forms are matched by the personal code the attendee makes up, the printed forms by
    # their number: the notice printed on both must name both, and claim neither alone
    result = print_forms(example_folder() / "hub.yaml", tmp_path / "out", 1)
    printed = flat(page_text(tmp_path / "out" / FORMS_PDF["pre"], 1))
    event = result.config.event
    word = docx_text(render_form(build_context(event), "pre", data_folder("templates") / "docx" / "pre-event-form.docx",
                                 None), tmp_path / "pre.docx")
    matched = "A code on both your forms (one you make up, or a printed number) lets us match them"
    for form in (printed, word):
        assert f"{matched} without knowing who you are." in form
        assert "The personal code you make up lets us match" not in form


def test_a_wording_change_in_the_config_shows_in_the_word_form_and_the_print_form(tmp_path):
    data = example_data()
    data["evaluation"]["questions"][0]["pre"] = "How far do you trust the police in Lambeth today?"
    data["evaluation"]["questions"][0]["low_label"] = "0 = not one bit"
    data["privacy_notice"] = "We keep your answers for six months and then shred them."
    config = write_config(tmp_path / "hub", data)
    result = print_forms(config, tmp_path / "out", 1)
    printed = flat(page_text(tmp_path / "out" / FORMS_PDF["pre"], 1))
    event = load_config(config).event
    word = docx_text(render_form(build_context(event), "pre", data_folder("templates") / "docx" / "pre-event-form.docx",
                                 None), tmp_path / "pre.docx")
    for wording in ("1. How far do you trust the police in Lambeth today?", "0 = not one bit",
                    "We keep your answers for six months and then shred them."):
        assert wording in printed
        assert wording in word
    assert result.warnings == []


def test_hostile_config_text_prints_as_typed(tmp_path):
    config = write_config(tmp_path / "hub", hostile_data())
    result = print_forms(config, tmp_path / "out", 1)
    text = flat(page_text(tmp_path / "out" / FORMS_PDF["pre"], 1))
    assert flat(HOSTILE_TITLE) in text
    assert "1. Trust <1> & \"2\" — {{ 7*7 }}?" in text
    assert "49" not in text
    assert result.warnings == []


def test_the_forms_carry_the_correction_instruction_and_no_personal_code_box(printed):
    for stage in ("pre", "post"):
        text = flat(page_text(printed.folder / FORMS_PDF[stage], 1))
        assert "To change an answer, fill the wrong box in completely and tick the right one." in text
        assert "The number at the top of each page is your form number." in text


# -- A force's own paper templates ----------------------------------------------------------------


def own_paper(tmp_path: Path, css: str | None = None, html: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "templates" / "paper"
    folder.mkdir(parents=True)
    bundled = data_folder("templates") / "paper"
    if css is not None:
        (folder / "paper.css").write_text((bundled / "paper.css").read_text(encoding="utf-8") + css, encoding="utf-8")
    if html is not None:
        source = (bundled / "form.html").read_text(encoding="utf-8")
        assert html[0] in source
        (folder / "form.html").write_text(source.replace(*html), encoding="utf-8")
    return folder.parent


def test_a_forces_stylesheet_restyles_the_form_and_the_layout_follows(tmp_path):
    templates = own_paper(tmp_path, css=".box { width: 8mm; height: 8mm; }\n")
    event = load_config(example_folder() / "hub.yaml").event
    layout = form_layout(event, "pre", templates)
    assert {box.size for page in layout.pages for box in page.boxes} == {8.0}
    assert layout.digest != form_layout(event, "pre").digest


def test_a_box_smaller_than_5mm_is_refused(tmp_path):
    templates = own_paper(tmp_path, css=".box { width: 4mm; height: 4mm; }\n")
    with pytest.raises(TemplateError) as error:
        print_forms(example_folder() / "hub.yaml", tmp_path / "out", 1, templates=templates)
    assert str(error.value) == (f"{data_folder('templates') / 'paper' / 'form.html'}: the box 'box-trust-0' is"
                                " 4mm by 4mm; expected a square of at least 5mm")
    assert not (tmp_path / "out").exists()


def test_a_template_without_a_box_is_refused_naming_its_id(tmp_path):
    templates = own_paper(tmp_path, html=('id="{{ paper.consent.id }}"', ""))
    with pytest.raises(TemplateError) as error:
        form_layout(load_config(example_folder() / "hub.yaml").event, "post", templates)
    assert str(error.value) == (f"{templates / 'paper' / 'form.html'}: the form must print every answer box;"
                                " no element has the id 'box-consent-yes'")


def test_a_box_in_the_margins_is_refused(tmp_path):
    templates = own_paper(tmp_path, css="#box-consent-yes { position: absolute; left: -15mm; }\n")
    with pytest.raises(TemplateError) as error:
        form_layout(load_config(example_folder() / "hub.yaml").event, "pre", templates)
    assert str(error.value) == (f"{data_folder('templates') / 'paper' / 'form.html'}: 'box-consent-yes' is"
                                " printed outside the page's margins, where the corner marks and the QR code"
                                " go; keep every box inside them")


# -- Handing the forms out and printing them ------------------------------------------------------


def test_the_organisers_checklist_says_to_hand_out_numbered_pairs_at_random():
    from packgen.model import standard_checklist

    items = [item.item for item in standard_checklist()]
    assert ("Print the numbered pre- and post-event forms (packgen print); put each number's pair together,"
            " hand pairs out at random and never note who got which number") in items


def test_a_form_of_an_odd_number_of_pages_ends_with_a_blank_so_every_form_starts_a_sheet(tmp_path):
    data = example_data()
    extra = [{"id": f"extra{n}", "pre": f"Extra question {n}?", "low_label": "0 = no", "high_label": "10 = yes"}
             for n in range(1, 9)]
    data["evaluation"]["questions"] += extra
    result = print_forms(write_config(tmp_path / "hub", data), tmp_path / "out", 2)
    layout = result.forms["pre"].layout
    assert len(layout.pages) == 3
    path = tmp_path / "out" / FORMS_PDF["pre"]
    assert pdf_pages(path) == 7
    read = [[r.text for r in zxingcpp.read_barcodes(page_image(path, index, dpi=150))] for index in range(7)]
    code = [str(PageCode(layout.event, "pre", form, page, layout.digest)) for form in (1, 2) for page in (1, 2, 3)]
    assert read == [[c] for c in code[:3]] + [[]] + [[c] for c in code[3:]]
    assert page_text(path, 4).strip() == ""


def test_a_stylesheet_reaching_for_the_network_is_refused_and_said(tmp_path):
    url = "http://169.254.169.254/latest/meta-data"
    templates = own_paper(tmp_path, css=f"body {{ background: url({url}); }}\n")
    result = print_forms(example_folder() / "hub.yaml", tmp_path / "out", 1, templates=templates)
    refused = (f"Failed to load image at '{url}': FetchRefused: packgen uses only the templates' own"
               f" files; refused '{url}'")
    assert result.warnings == [refused, refused]  # once for each stage's form
