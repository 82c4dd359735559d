"""A question of the bank, on the five-point agreement scale, through every stage with exact counts:
config → Word forms → filled answers (Word forms and an online-form export) → results → the
evaluation and its report text → the roll-up of two hubs."""

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import tick_and_type
from packgen.stages.batch import run_batch
from packgen.config import load_config
from packgen.context import build_context
from packgen.evaluation import evaluate
from packgen.render.docx import render_form
from packgen.report.charts import chart_alt
from packgen.report.evaluation_report import question_context
from packgen.report.words import positive_words
from packgen.resources import template_path
from packgen.results import Sources, ingest
from packgen.stages.rollup import collect

BATCH_EXAMPLE = Path(__file__).resolve().parent / ".." / "config" / "batch-example"
HUBS = {  # hub: (pre ticks, post ticks, online post answers), one person per position
    "east": (["confidence=5", "confidence=3", "confidence=2", "confidence=1"],
             ["confidence=5", "confidence=4", "confidence=4", "confidence=2"],
             ["Strongly agree", "neither agree NOR disagree"]),
    "north": (["confidence=4", "confidence=3", "confidence=3"],
              ["confidence=4", "confidence=4", "confidence=1"],
              []),
}


def _batch(folder: Path) -> None:
    """Write the two hubs' configs, their defaults asking the bank's confidence question first."""
    folder.mkdir()
    defaults = yaml.safe_load((BATCH_EXAMPLE / "defaults.yaml").read_text(encoding="utf-8"))
    defaults["evaluation"]["questions"].insert(0, {"standard": "confidence"})
    (folder / "defaults.yaml").write_text(yaml.safe_dump(defaults, sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")
    shutil.copy(BATCH_EXAMPLE / "logo.png", folder / "logo.png")
    for hub in HUBS:
        shutil.copy(BATCH_EXAMPLE / f"{hub}.yaml", folder / f"{hub}.yaml")


def _results(folder: Path, hub: str, work: Path):
    """Fill in the hub's Word forms and online export, read them, and write its results beside it."""
    loaded = load_config(folder / f"{hub}.yaml")
    context = build_context(loaded.event)
    pre, post, online = HUBS[hub]
    sources = Sources()
    for stage, ticks in (("pre", pre), ("post", post)):
        returned = work / hub / stage
        returned.mkdir(parents=True)
        blank = render_form(context, stage, template_path(f"{stage}-event-form"), None)
        for person, tick in enumerate(ticks, start=1):
            (returned / f"{person}.docx").write_bytes(tick_and_type(blank, [tick], {"personal_code": [f"P{person}"]}))
        getattr(sources, stage).append(returned)
    if online:
        export = work / hub / "post-online.csv"
        export.write_text("code,confidence\n" + "".join(f"W{n},{answer}\n" for n, answer in enumerate(online)),
                          encoding="utf-8")
        sources.post.append(export)
    dataset = ingest(loaded, sources)
    (folder / f"{hub}.results.json").write_text(dataset.to_json(), encoding="utf-8")
    return loaded, dataset


def result_wording() -> str:
    return "All things considered, I have confidence in the police in this area."


def test_a_five_point_question_goes_through_every_stage(tmp_path):
    folder = tmp_path / "batch"
    _batch(folder)
    loaded, dataset = _results(folder, "east", tmp_path / "work")
    assert [str(issue) for issue in dataset.issues if "confidence" in str(issue)] == []
    assert dataset.questions[0] == {"id": "confidence", "pre": result_wording(), "post": result_wording(), "cutoff": 4}
    assert sorted(r.scores["confidence"] for r in dataset.pre) == [1, 2, 3, 5]
    assert sorted(r.scores["confidence"] for r in dataset.post) == [2, 3, 4, 4, 5, 5]

    evaluation = evaluate(loaded.event, dataset)
    result = evaluation.questions[0]
    assert (result.id, result.scale, result.cutoff, positive_words(result)) == (
        "confidence", "agree", 4, "strongly agree or agree")
    assert (result.pre.count, result.pre.n, result.post.count, result.post.n) == (1, 4, 4, 6)
    assert result.pre_distribution == [1, 1, 1, 0, 1]  # strongly disagree … strongly agree
    assert result.post_distribution == [0, 1, 1, 2, 2]
    assert result.cutoff_test.paired and result.cutoff_test.n == 4  # the four Word pairs by code
    assert (result.cutoff_test.moved_up, result.cutoff_test.moved_down) == (2, 0)

    names = question_context(1, result, None)
    assert names["wording"] == "All things considered, I have confidence in the police in this area."
    assert names["figures"][1]["label"] == "Scored strongly agree or agree"
    assert ("Of the 4 people whose before and after forms were matched, 2 went from another answer to"
            " strongly agree or agree and 0 went the other way.") in names["tests"][0]
    assert [(row["score"], row["pre"], row["post"], row["at_or_above"]) for row in names["distribution"]["rows"]] == [
        ("Strongly disagree", 1, 0, False), ("Disagree", 1, 1, False), ("Neither agree nor disagree", 1, 1, False),
        ("Agree", 0, 2, True), ("Strongly agree", 1, 2, True)]
    assert names["distribution"]["noun"] == "Answer"
    assert chart_alt(result, "the question") == (
        "Bar chart of how many people gave each answer from strongly disagree to strongly agree to the"
        " question, before and after the hub. Before, 1 of 4 (25%) scored strongly agree or agree; after, 4 of 6 (67%).")

    _results(folder, "north", tmp_path / "work")
    out = tmp_path / "out"
    run_batch(folder, out, jobs=1)
    rollup = collect(out)
    assert [(hub.name, hub.questions["confidence"].before, hub.questions["confidence"].after)
            for hub in rollup.hubs] == [("east", (1, 4), (4, 6)), ("north", (1, 3), (2, 3))]
    assert (rollup.totals.questions["confidence"].before, rollup.totals.questions["confidence"].after) == (
        (2, 7), (6, 9))
    assert rollup.question_cutoffs == {"confidence": "strongly agree or agree"}


FIVE_POINT_EXAMPLE = Path(__file__).resolve().parent.parent / "config" / "five-point-example" / "hub.yaml"


def test_a_printed_five_point_question_has_five_labelled_boxes_read_back_from_a_scan(tmp_path):
    import pypdfium2
    from PIL import Image

    from packgen.paper.printing import print_stage
    from packgen.paper.scans import read_scans, scan_layouts
    from tests.paper.scanning import Scanner, degrade, mark, render_pdf_page

    event = load_config(FIVE_POINT_EXAMPLE).event
    printed = print_stage(event, "pre", 1)
    boxes = {(b.field, b.value): b for p in printed.layout.pages for b in p.boxes}
    assert sorted(v for f, v in boxes if f == "confidence") == ["1", "2", "3", "4", "5"]
    document = pypdfium2.PdfDocument(printed.pdf)
    text = document[0].get_textpage().get_text_range()
    assert "Strongly agree Agree" in " ".join(text.split())
    assert "For each question, tick one box." in " ".join(text.split())
    pages = [render_pdf_page(document, index) for index in range(len(document))]
    mark(pages[0], boxes[("confidence", "4")], "tick")
    mark(pages[0], boxes[("well_informed", "1")], "cross")
    mark(pages[0], boxes[("trust", "6")], "tick")
    scan = tmp_path / "scan.pdf"
    images = [Image.fromarray(degrade(page, Scanner(angle=2, blur=0.6))) for page in pages]
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=150)
    stages = {q.id: " ".join(s for s in ("pre", "post") if getattr(q, s)) for q in event.evaluation.questions}
    (response,) = read_scans([scan], event.key, stages, scan_layouts(event)).responses
    assert response.scores == {"confidence": 4, "well_informed": 1, "trust": 6}


AGREE_LIST = '"Strongly agree,Agree,Neither agree nor disagree,Disagree,Strongly disagree"'


def test_the_word_form_shows_five_labelled_tick_boxes_for_a_five_point_question():
    import io

    from docx import Document
    from docx.oxml.ns import qn

    loaded = load_config(FIVE_POINT_EXAMPLE)
    form = Document(io.BytesIO(render_form(build_context(loaded.event), "pre", template_path("pre-event-form"), None)))
    boxes = [(sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")),
              sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val")))
             for sdt in form.element.body.iter(qn("w:sdt"))
             if sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}") is not None
             and sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")).startswith("confidence=")]
    assert boxes == [("confidence=5", "Question 1 (confidence): Strongly agree"),
                     ("confidence=4", "Question 1 (confidence): Agree"),
                     ("confidence=3", "Question 1 (confidence): Neither agree nor disagree"),
                     ("confidence=2", "Question 1 (confidence): Disagree"),
                     ("confidence=1", "Question 1 (confidence): Strongly disagree")]
    first_table = [cell.text for cell in form.tables[2].rows[1].cells]
    assert first_table == ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]


def test_capture_and_typing_in_sheets_offer_the_five_labels(tmp_path):
    import io

    import openpyxl

    from packgen.render.xlsx import render_planning
    from packgen.results.entry import entry_sheet

    loaded = load_config(FIVE_POINT_EXAMPLE)
    book = openpyxl.load_workbook(io.BytesIO(render_planning(loaded.event, build_context(loaded.event),
                                                             template_path("planning"))))
    checks = {str(v.sqref): (v.type, v.formula1) for v in book["Pre responses"].data_validations.dataValidation}
    assert checks["C4:D503"] == ("list", AGREE_LIST) and checks["E4:E503"] == ("whole", "0")
    entry = openpyxl.load_workbook(io.BytesIO(entry_sheet(loaded.event, "pre", ".xlsx")))
    checks = {str(v.sqref): (v.type, v.formula1) for v in entry.active.data_validations.dataValidation}
    assert checks == {"C2:C501 D2:D501": ("list", AGREE_LIST), "E2:E501": ("whole", "0")}


def test_a_question_id_asked_on_two_scales_is_never_pooled_across_them(tmp_path):
    folder = tmp_path / "batch"
    _batch(folder)
    north = folder / "north.yaml"
    north.write_text(north.read_text(encoding="utf-8") + (
        "\nevaluation:\n  questions:\n    - id: confidence\n      pre: How confident are you in the police here?\n"
        "      post: How confident are you in the police here now?\n"), encoding="utf-8")
    _results(folder, "east", tmp_path / "work")
    _results(folder, "north", tmp_path / "work")
    out = tmp_path / "out"
    run_batch(folder, out, jobs=1)
    rollup = collect(out)
    assert [(hub.name, "confidence" in hub.questions) for hub in rollup.hubs] == [("east", True), ("north", False)]
    assert (rollup.totals.questions["confidence"].before, rollup.totals.questions["confidence"].after) == (
        (1, 4), (4, 6))
    assert ("north: its question 'confidence' is asked as a score from 0 to 10, but as the five-point agreement"
            " scale at an earlier hub, so its figures for that question are not added in; give one of the two"
            " questions another id") in rollup.skipped


@pytest.mark.libreoffice
def test_an_agreement_answer_on_a_word_form_saved_by_libreoffice_is_still_read(tmp_path, libreoffice_save):
    from packgen.results.forms import read_returned_form

    loaded = load_config(FIVE_POINT_EXAMPLE)
    blank = render_form(build_context(loaded.event), "pre", template_path("pre-event-form"), None)
    form = tmp_path / "returned.docx"
    form.write_bytes(tick_and_type(blank, ["confidence=2", "well_informed=5"], {"personal_code": ["P1"]}))
    issues = []
    response = read_returned_form(libreoffice_save(form), loaded.event, "pre", issues)
    assert [str(issue) for issue in issues] == []
    assert (response.scores["confidence"], response.scores["well_informed"]) == (2, 5)
