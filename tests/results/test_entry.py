import csv
import io

import openpyxl
import pytest

from packgen.results import Sources, ingest
from packgen.results.entry import entry_headers, entry_sheet


def test_entry_headers_are_the_wordings_printed_on_the_form(example_config):
    assert entry_headers(example_config.event, "pre") == [
        "Your personal code",
        "Which of these best describes you? Tick one box.",
        "How much do you trust the police at the moment?",
        "How much do you know about the ways the public can oversee the police locally, such as ward"
        " panels, independent advisory groups and stop and search monitoring groups?",
        "Before today, how much chance have you had to share your views with the police?",
        "How likely are you to think about joining one of these oversight groups?",
        "What do you hope today will achieve?",
        "Anything else you would like to tell us?",
        "Yes, please send me the \u2018You said, we did\u2019 update.",
        "Email or postal address for the update",
    ]
    post = entry_headers(example_config.event, "post")
    assert post[-7:] == [
        "Three things you will take away from today (1)",
        "Three things you will take away from today (2)",
        "Three things you will take away from today (3)",
        "What should happen next?",
        "Anything else you would like to tell us?",
        "Yes, please send me the \u2018You said, we did\u2019 update.",
        "Email or postal address for the update",
    ]


def test_csv_entry_sheet_has_a_bom_and_one_header_row(example_config):
    data = entry_sheet(example_config.event, "pre", ".csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [entry_headers(example_config.event, "pre")]


def test_xlsx_entry_sheet_checks_scores_are_0_to_10(example_config):
    data = entry_sheet(example_config.event, "post", ".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Post responses"]
    assert [c.value for c in sheet[1]] == entry_headers(example_config.event, "post")
    assert sheet.freeze_panes == "A2"
    [check] = sheet.data_validations.dataValidation
    assert (check.type, check.operator, check.formula1, check.formula2) == ("whole", "between", "0", "10")
    assert str(check.sqref).split() == [f"{col}2:{col}501" for col in "CDEFGH"]


def test_a_filled_entry_sheet_reads_back_without_any_mapping(tmp_path, example_config):
    path = tmp_path / "typed.xlsx"
    path.write_bytes(entry_sheet(example_config.event, "pre", ".xlsx"))
    workbook = openpyxl.load_workbook(path)
    workbook.active.append(["AB12", "Resident", 3, 4, 5, 6, "Change", "", "Yes", "ab@example.org"])
    workbook.save(path)
    dataset = ingest(example_config, Sources(pre=[path]))
    assert dataset.issues == []
    [form] = dataset.pre
    assert (form.code, form.sector, form.consent) == ("AB12", "Resident", True)
    assert form.answers == {"hopes": "Change", "contact_details": "ab@example.org"}
    assert form.scores == {"trust": 3, "awareness": 4, "heard": 5, "join": 6}


def test_every_entry_header_is_printed_on_the_form(example_config):
    from docx import Document

    from packgen.context import build_context
    from packgen.render.docx import render_form
    from packgen.resources import template_path

    context = build_context(example_config.event)
    for stage in ("pre", "post"):
        data = render_form(context, stage, template_path(f"{stage}-event-form"), None)
        document = Document(io.BytesIO(data))
        texts = [p.text for p in document.paragraphs]
        texts += [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
        printed = "\n".join(texts)
        # The three take-aways share one printed question; their headers add the box number.
        headers = [h.removesuffix(f" ({n})") for h in entry_headers(example_config.event, stage)
                   for n in [h[-2:-1]]]
        missing = [h for h in headers if h not in printed]
        assert missing == [], stage


def test_entry_sheet_tells_the_typist_how_the_personal_code_was_made(example_config):
    sheet = openpyxl.load_workbook(io.BytesIO(entry_sheet(example_config.event, "post", ".xlsx"))).active
    assert sheet["A1"].value == "Your personal code"
    assert sheet["A1"].comment.text == (
        "Attendees were asked to make their code from \u2018the first letter of your mother\u2019s first name,"
        " then the last two digits of your phone number, then your house number\u2019.")


FORMULA_HEADINGS = ["=HYPERLINK(\"http://example.com\",\"x\")", "+44 trust", "-1 how much?", "@SUM(A1:A2)"]


def formula_config(tmp_path):
    from conftest import example_data, write_config

    from packgen.config import load_config

    data = example_data()
    for question, heading in zip(data["evaluation"]["questions"], FORMULA_HEADINGS):
        question["pre"] = heading
    return load_config(write_config(tmp_path, data))


def test_csv_entry_headings_never_start_a_formula(tmp_path):
    loaded = formula_config(tmp_path)
    data = entry_sheet(loaded.event, "pre", ".csv")
    text = data.decode("utf-8-sig")
    assert text.startswith('"Your personal code","Which of these best describes you? Tick one box.",'
                           '"\'=HYPERLINK(""http://example.com"",""x"")","\'+44 trust","\'-1 how much?",'
                           '"\'@SUM(A1:A2)","What do you hope today will achieve?",')
    [row] = list(csv.reader(io.StringIO(text)))
    assert row[2:6] == [f"'{heading}" for heading in FORMULA_HEADINGS]
    assert row[:2] + row[6:] == [h for h in entry_headers(loaded.event, "pre") if h not in FORMULA_HEADINGS]


@pytest.mark.parametrize("text, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("\0=1", "'\0=1"), ("Trust = 1", "Trust = 1"), ("'quoted", "'quoted"), ("", ""),
])
def test_csv_cell_protects_every_start_owasp_names(text, cell):
    from packgen.results.entry import csv_cell

    assert csv_cell(text) == cell


def test_a_protected_csv_entry_sheet_reads_back_without_any_mapping(tmp_path):
    loaded = formula_config(tmp_path)
    path = tmp_path / "typed.csv"
    path.write_bytes(entry_sheet(loaded.event, "pre", ".csv") + b'"AB12","Resident","3","4","5","6"\r\n')
    dataset = ingest(loaded, Sources(pre=[path]))
    assert dataset.issues == []
    assert dataset.pre[0].scores == {"trust": 3, "awareness": 4, "heard": 5, "join": 6}


def test_xlsx_entry_headings_starting_a_formula_stay_text_when_edited(tmp_path):
    loaded = formula_config(tmp_path)
    sheet = openpyxl.load_workbook(io.BytesIO(entry_sheet(loaded.event, "pre", ".xlsx")))["Pre responses"]
    assert [c.value for c in sheet[1]][2:6] == FORMULA_HEADINGS
    assert [(c.data_type, c.quotePrefix) for c in sheet[1]][:7] == [("s", False)] * 2 + [("s", True)] * 4 + [
        ("s", False)]
