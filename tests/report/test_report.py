"""The reports (packgen.report): both PDFs built from an event and its results. Reading the results
and writing the files is the report stage's, tested in tests/stages/test_report_stage.py."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from report_samples import (
    HOSTILE_NOTES,
    RTL_NOTE,
    catalog,
    page_count,
    pdf_text,
    sample_dataset,
    sample_evaluation,
    structure_elements,
)

from packgen.errors import InputFileError, TemplateError
from packgen.evaluation import evaluate
from packgen.report import (
    EVALUATION_REPORT,
    YOU_SAID_WE_DID,
    base_context,
    build_reports,
)
from packgen.report.evaluation_report import evaluation_context
from packgen.report.html import render_html
from packgen.report.words import interval_text, share_text
from packgen.resources import example_folder, report_folders
from packgen.results import ingest
from packgen.results.dataset import Dataset, Response


def squash(text: str) -> str:
    """Return ``text`` without white space, so a line break inside a long string does not matter."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def loaded():
    from packgen.config import load_config

    return load_config(example_folder() / "hub.yaml")


@pytest.fixture(scope="module")
def built(loaded):
    """The two reports for the example hub, from the hand-built evaluation and hostile notes."""
    return build_reports(loaded.event, sample_dataset(), evaluation=sample_evaluation(), as_of=date(2022, 6, 1))


@pytest.fixture(scope="module")
def texts(built):
    return {name: pdf_text(data) for name, data in built.files.items()}


@pytest.fixture(scope="module")
def sample_results(loaded):
    """The bundled sample results, read from every kind of source (as the demo does)."""
    from packgen.stages.demo import sample_sources

    return ingest(loaded, sample_sources())


# -- Content ---------------------------------------------------------------------------------------


def test_builds_both_pdfs_and_nothing_else(built):
    assert sorted(built.files) == [EVALUATION_REPORT, YOU_SAID_WE_DID]
    assert all(data.startswith(b"%PDF-1.7") for data in built.files.values())
    assert built.messages == []


def test_the_evaluation_reports_figures_are_the_evaluations(texts):
    text = texts[EVALUATION_REPORT]
    for figure in [
        "Scored 8, 9 or 10 out of 10 6 of 25 (24%) 8 of 24 (33%)",
        "95% interval 12% to 43% 18% to 53%",
        "Change in the share up 9 percentage points",
        "Exact McNemar test on whether people scored 8, 9 or 10 out of 10 (paired, 21 people matched): p = 0.500.",
        "Wilcoxon signed-rank test on the scores (paired, 21 people matched): p = 0.012.",
        "Fisher's exact test on whether people scored 8, 9 or 10 out of 10 (unpaired, 50 forms before and after): p = 0.004.",
        "Mann–Whitney U test on the scores (unpaired, 50 forms before and after): p < 0.001.",
        "Scored 8, 9 or 10 out of 10 Not asked 4 of 23 (17%)",
        "30 people were invited and 27 came.",
        "26 people filled in the form before the hub and 24 after it. 21 people's two forms could be matched",
        "We spent £4,164.70 of a budget of £5,000: £835.30 under budget.",
        "Cost per attendee: £154.25 (what was spent shared between 27 people).",
        "Total £4,550 £4,164.70",
        "“How much do you trust the police now?” Before the hub, 6 of 25 people (24%) scored 8, 9 or 10 out of"
        " 10. After it, 8 of 24 (33%) did. That is a rise of 9 percentage points.",
        "2 answers were not a score from 0 to 10 and were left out.",
    ]:
        assert figure in text


def test_the_distribution_tables_hold_every_count(texts):
    text = texts[EVALUATION_REPORT]
    trust = sample_evaluation().questions[0]
    rows = " ".join(f"{score} {before} {after}" for score, (before, after)
                    in enumerate(zip(trust.pre_distribution, trust.post_distribution)))
    assert f"Score Before After {rows} Total 25 24" in text


def test_the_figures_are_those_evaluate_computes_from_the_sample_results(loaded, sample_results):
    evaluation = evaluate(loaded.event, sample_results)
    reports = build_reports(loaded.event, sample_results, evaluation=evaluation)
    text = pdf_text(reports.files[EVALUATION_REPORT])
    for question in evaluation.questions:
        for proportion in (question.pre, question.post):
            if proportion is not None:
                assert share_text(proportion) in text
                assert interval_text(proportion) in text
    assert len(reports.charts) == 6


def test_session_outputs_are_grouped_by_session_and_table(texts):
    text = texts[EVALUATION_REPORT]
    assert ("Session 3: Our top three to try" in text and "Each table's top three Table Notes Table 1 Top three:"
            " community venues; a buddy scheme; a published update." in text)
    # (pypdf reads list numbers out of order, so they are left out here)
    assert "The three things the room agreed to take away" in text
    assert "Tell others the panels exist. Fish & chips < 5 > 3 Money" in text.replace("1. ", "").replace("2. ", "")


def test_next_steps_list_every_action_with_uk_dates(texts):
    text = texts[EVALUATION_REPORT]
    assert "Neighbourhood inspector Done 5 April 2022" in text
    assert "BCU commander Not doing No date" in text


def test_the_evaluation_report_shows_an_action_past_its_date_and_not_done_as_overdue(texts):
    text = texts[EVALUATION_REPORT]
    assert "On Wednesday 1 June 2022, 1 of the 3 actions is overdue: past the date given and not done." in text
    assert "Engagement officer In progress, overdue 31 May 2022" in text
    assert text.count("overdue") == 2


def test_the_evaluation_report_says_what_a_before_and_after_survey_can_and_cannot_show(texts):
    from packgen.report.words import design_paragraph

    paragraph = (
        "The survey asks the people who came, before the hub and again after it; there is no comparison group"
        " of people who did not come. On the Maryland Scientific Methods Scale, which rates how well a study can"
        " show what works from level 1 (weakest) to level 5 (strongest), a before-and-after survey of the same"
        " people with no comparison group is level 1. It can show how the answers of the people who came"
        " changed, and what they told us. It cannot show that the hub caused the change, what would have"
        " happened anyway, or what people who did not come think.")
    assert design_paragraph() == paragraph
    assert "What this design can show " + paragraph in texts[EVALUATION_REPORT]


# -- "You said, we did" ---------------------------------------------------------------------------


def test_you_said_we_did_says_what_was_done_and_not_done(texts):
    text = texts[YOU_SAID_WE_DID]
    assert ("You said: Meetings in police stations put people off. We did: The panel now meets at the"
            " community centre. Status: Done. Who: Neighbourhood inspector. Done by 5 April 2022.") in text
    assert "Status: In progress. Who: Engagement officer. Due by 31 May 2022." in text
    assert ("What we are not doing, and why You said: Stop using police stations altogether. Why not: The"
            " scrutiny panel must stay on police premises. It reviews body-worn video.") in text
    assert "By 31 May 2022: Posters are going up in barbers and youth clubs." in text
    assert "We will send you the next update by Friday 22 April 2022, by email, and on paper for anyone who asks." in text
    assert "You can ask for this update in another format" in text
    assert "Thank you to the 27 people who came" in text


def test_you_said_we_did_suppresses_counts_below_the_threshold(texts):
    text = texts[YOU_SAID_WE_DID]
    assert "How much do you trust the police now? 6 of 25 (24%) 8 of 24 (33%)" in text
    assert "fewer than 5 of 23" in text  # 4 of 23 recommended it
    assert "4 of 23" not in text and "17%" not in text
    # Who took part: Business 2 and Health 1 are suppressed; the total is published, so the next
    # smallest is not shown either.
    assert "Resident: 8" in text
    assert "Business: fewer than 5" in text and "Health: fewer than 5" in text
    assert "To protect your privacy, we do not show any number smaller than 5." in text


def test_the_threshold_comes_from_the_config(loaded):
    event = loaded.event.model_copy(update={"evaluation": loaded.event.evaluation.model_copy(
        update={"disclosure_threshold": 10})})
    text = pdf_text(build_reports(event, sample_dataset(), evaluation=sample_evaluation()).files[YOU_SAID_WE_DID])
    assert "fewer than 10 of 25" in text  # trust before: 6 of 25
    assert "we do not show any number smaller than 10" in text


def test_you_said_we_did_names_no_attendee(loaded, texts):
    text = texts[YOU_SAID_WE_DID]
    names = [invitee.name for invitee in loaded.event.invitees]
    names += [t.facilitator for t in loaded.event.table_list] + [t.note_taker for t in loaded.event.table_list]
    assert [name for name in names if name and name in text] == []


def test_you_said_we_did_is_two_to_four_pages(built, loaded, sample_results):
    assert 2 <= page_count(built.files[YOU_SAID_WE_DID]) <= 4
    demo = build_reports(loaded.event, sample_results)
    assert 2 <= page_count(demo.files[YOU_SAID_WE_DID]) <= 4


# -- Accessible by construction -------------------------------------------------------------------


@pytest.mark.parametrize("name, title", [
    (EVALUATION_REPORT, "Trust and confidence Innovation Hub: evaluation report"),
    (YOU_SAID_WE_DID, "Trust and confidence Innovation Hub: you said, we did"),
])
def test_both_pdfs_are_tagged_with_title_and_language(built, name, title):
    from io import BytesIO

    from pypdf import PdfReader

    data = built.files[name]
    root = catalog(data)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    metadata = PdfReader(BytesIO(data)).metadata
    assert metadata.title == title
    assert metadata.author == "Metropolitan Police Service"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # declared PDF/UA-1
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in xmp


@pytest.mark.parametrize("name", [EVALUATION_REPORT, YOU_SAID_WE_DID])
def test_headings_go_in_order_from_one_h1(built, name):
    levels = [int(e["/S"][2]) for e in structure_elements(built.files[name]) if re.fullmatch(r"/H[1-6]", e["/S"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), levels


def test_every_image_is_a_figure_with_alt_text(built):
    figures = [e for e in structure_elements(built.files[EVALUATION_REPORT]) if e["/S"] == "/Figure"]
    alts = [str(f.get("/Alt", "")) for f in figures]
    assert alts[0] == "Metropolitan Police Service logo"
    charts = alts[1:]
    assert len(charts) == len(built.charts) == 3  # trust, heard, recommend; nobody answered 'join'
    assert charts == [chart.alt for chart in built.charts.values()]
    assert all(alt.startswith("Bar chart of how many people gave each score") for alt in charts)
    you_said = [e for e in structure_elements(built.files[YOU_SAID_WE_DID]) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in you_said] == ["Metropolitan Police Service logo"]


@pytest.mark.parametrize("template", ["evaluation-report.html", "you-said-we-did.html"])
def test_the_html_gives_every_image_alt_text_and_every_chart_a_table(loaded, template):
    evaluation = sample_evaluation()
    from packgen.report import make_charts
    from packgen.report.you_said_we_did import update_context

    charts = make_charts(loaded.event, evaluation)
    names = {**base_context(loaded.event), "report": evaluation_context(loaded.event, sample_dataset(), evaluation, charts),
             "update": update_context(loaded.event, sample_dataset(), evaluation)}
    html = render_html(template, names, report_folders())
    images = re.findall(r"<img\b[^>]*>", html)
    assert images and all(re.search(r'\balt="[^"]+"', image) for image in images)
    for chart in charts.values() if template == "evaluation-report.html" else []:
        pair = html[html.index(f'src="packgen:{chart.name}"'):]
        assert pair.index('<table class="distribution">') < pair.index("</div>")


def test_text_is_12pt_sans_serif_and_left_aligned():
    css = (report_folders()[0] / "report.css").read_text()
    html = re.search(r"html \{(.*?)\}", css, re.S).group(1)
    assert 'font-family: "Liberation Sans", Arial, "Noto Sans", "DejaVu Sans", sans-serif;' in html
    assert "font-size: 12pt;" in html and "text-align: left;" in html
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert min(sizes) >= 12
    assert "justify" not in css.replace("justify-content", "")


# -- Safe rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [EVALUATION_REPORT, YOU_SAID_WE_DID])
def test_hostile_text_prints_as_text_and_nothing_is_embedded_or_fetched(built, texts, name):
    text = squash(texts[name])
    for hostile in HOSTILE_NOTES:
        assert squash(hostile) in text
    assert "49" not in texts[name].split()  # {{ 7*7 }} was not evaluated
    for word in RTL_NOTE.replace(":", "").split():
        assert word in text
    root = catalog(built.files[name])
    assert "/EmbeddedFiles" not in root.get("/Names", {}) and "/AF" not in root
    assert b"/EmbeddedFile" not in built.files[name]
    assert b"root:x:0:0" not in built.files[name]


def test_hostile_config_text_prints_as_text(hostile_config):
    from conftest import HOSTILE_TITLE

    reports = build_reports(hostile_config.event, sample_dataset(), evaluation=sample_evaluation())
    for data in reports.files.values():
        assert HOSTILE_TITLE in pdf_text(data)
    # WeasyPrint has nothing to say: even the focal question's emoji has a font to draw it.
    assert reports.messages == []


def test_a_forces_template_asking_for_a_private_file_gets_nothing(tmp_path, loaded):
    own = tmp_path / "report"
    own.mkdir()
    (own / "report.css").write_text('@import url("file:///etc/passwd");\nbody { background: url("http://169.254.169.254/x.png"); }')
    reports = build_reports(loaded.event, sample_dataset(), templates=tmp_path, evaluation=sample_evaluation())
    for template in ("evaluation-report.html", "you-said-we-did.html"):
        said = [m for m in reports.messages if m.startswith(template)]
        assert [m.rsplit("; ", 1)[1] for m in said] == [
            "refused 'file:///etc/passwd'", "refused 'http://169.254.169.254/x.png'"]
    assert all(b"root:x:0:0" not in data for data in reports.files.values())


def test_a_forces_template_that_fails_is_named(tmp_path, loaded):
    own = tmp_path / "report"
    own.mkdir()
    (own / "you-said-we-did.html").write_text("{{ update.nothing_here }}")
    with pytest.raises(TemplateError) as error:
        build_reports(loaded.event, sample_dataset(), templates=tmp_path, evaluation=sample_evaluation())
    assert str(error.value) == (f"{own / 'you-said-we-did.html'}: 'dict object' has no attribute 'nothing_here';"
                                " packgen cannot fill it (see 'Template names' in the README)")


# -- Bad input: it still builds, and says what it could not compute --------------------------------


def response(stage, code, **scores):
    return Response(stage=stage, code=code, scores=scores, sector="Resident")


def dataset_of(pre=(), post=()):
    return Dataset(event={"title": "Trust and confidence Innovation Hub"}, questions=[], pre=list(pre), post=list(post))


FULL = {"trust": 6, "awareness": 5, "heard": 7, "join": 4}

EDGE_CASES = {
    "no results": (dataset_of(), [
        (EVALUATION_REPORT, "No survey forms were read, so none of the survey figures can be worked out."),
        (EVALUATION_REPORT, "Nobody answered this question before the hub, so there is no before figure."),
        (EVALUATION_REPORT, "There is no chart for this question: nobody gave it a score."),
        (YOU_SAID_WE_DID, "We did not receive any survey forms, so we have no survey results to share."),
    ]),
    "only pre": (dataset_of(pre=[response("pre", f"P{i}", **FULL) for i in range(6)]), [
        (EVALUATION_REPORT, "Nobody answered this question after the hub, so there is no after figure."),
        (EVALUATION_REPORT, "The change cannot be worked out: it needs answers from before and after the hub."),
    ]),
    "only post": (dataset_of(post=[response("post", f"P{i}", **FULL, recommend=9) for i in range(6)]), [
        (EVALUATION_REPORT, "Nobody answered this question before the hub, so there is no before figure."),
        (EVALUATION_REPORT, "Scored 8, 9 or 10 out of 10 Not asked 6 of 6 (100%)"),
    ]),
    "one attendee": (dataset_of(pre=[response("pre", "A1", **FULL)], post=[response("post", "A1", **FULL, recommend=9)]), [
        (EVALUATION_REPORT, "People who answered 1 1"),
        (YOU_SAID_WE_DID, "fewer than 5 people answered"),
    ]),
    "nobody answered a question": (dataset_of(
        pre=[response("pre", f"P{i}", trust=5) for i in range(6)],
        post=[response("post", f"P{i}", trust=8) for i in range(6)]), [
        (EVALUATION_REPORT, "Nobody answered this question before the hub, so there is no before figure."),
        (EVALUATION_REPORT, "There is no chart for this question: nobody gave it a score."),
    ]),
    "identical scores": (dataset_of(
        pre=[response("pre", f"P{i}", **FULL) for i in range(8)],
        post=[response("post", f"P{i}", **FULL) for i in range(8)]), [
        (EVALUATION_REPORT, "no p-value"),
        (EVALUATION_REPORT, "Change in the share no change"),
    ]),
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_thin_or_missing_results_still_build_and_say_what_is_missing(loaded, case):
    dataset, expected = EDGE_CASES[case]
    reports = build_reports(loaded.event, dataset)
    texts = {name: pdf_text(data) for name, data in reports.files.items()}
    for name, sentence in expected:
        assert sentence in texts[name], (case, sentence)
    # No budget sheet in any of these: the money section says so.
    assert "No budget sheet was read, so what was spent is not known." in texts[EVALUATION_REPORT]
    assert "We cannot say how many came" in texts[EVALUATION_REPORT]
    assert reports.messages == []


def test_no_notes_and_no_actions_still_build(loaded):
    reports = build_reports(loaded.event, dataset_of(), evaluation=replace(sample_evaluation(), questions=sample_evaluation().questions[3:]))
    report, update = (pdf_text(reports.files[n]) for n in (EVALUATION_REPORT, YOU_SAID_WE_DID))
    assert "No notes were recorded for this session." in report
    assert "No actions have been recorded yet." in report
    assert "No headline changes could be worked out" in report
    assert "We have not recorded any actions yet." in update
    assert "We do not have notes from the first session." in update


def test_a_damaged_logo_is_the_config_check_s_error_not_an_empty_space(loaded, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes((example_folder() / "logo.png").read_bytes()[:60])
    event = loaded.event.model_copy(update={"branding": loaded.event.branding.model_copy(update={"logo": logo})})
    with pytest.raises(InputFileError) as error:
        build_reports(event, sample_dataset(), evaluation=sample_evaluation())
    assert str(error.value) == (f"the logo file {logo} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")


