"""Hostile text in every free-text field of the results never breaks a report, is never
evaluated, and never makes a PDF fetch or embed anything (property-based). That such text prints
exactly as typed is shown on fixed cases in test_report.py: PDF text extraction of arbitrary
Unicode is not exact enough to assert on."""

from __future__ import annotations

from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from packgen.stages.demo import sample_sources
from packgen.report import build_reports
from packgen.report.pdf import AssetPolicy
from packgen.resources import report_folders
from packgen.results import ingest
from packgen.results.dataset import Action, Note
from packgen.wording import WHOLE_ROOM

PIECES = ['<img src="file:///etc/passwd">', "{{ 7*7 }}", "{% for x in y %}", "<script>x</script>", "&", "<", ">",
          '"', "'", "http://169.254.169.254/", "data:text/html,<b>x</b>", "file:///etc/shadow", "=SUM(A1)",
          "ليلى حداد", "রহিম", "Wiśniewska", "\u202e", "\t", "\n", "🙂", "url(file:///etc/passwd)", "@import 'x';"]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), min_size=1, max_size=8).map("".join)


def embedded_or_linked(pdf: bytes) -> list[str]:
    """Return what a PDF embeds or links to: embedded files, and link annotations' targets."""
    reader = PdfReader(BytesIO(pdf))
    found = []
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("embedded files")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                found.append(str(action.get_object()["/URI"]))
    return found


def own_files(reports) -> set[str]:
    """Return every URL a report may fetch: its stylesheet, its charts and the logo."""
    stylesheet = (report_folders(None)[-1] / "report.css").resolve().as_uri()
    return {stylesheet, "packgen:logo.png", *(f"packgen:{chart.name}" for chart in reports.charts.values())}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(note=hostile_text, said=hostile_text, did=hostile_text, answer=hostile_text)
def test_hostile_results_text_never_breaks_or_reaches_out_of_a_report(example_config, monkeypatch, note, said, did,
                                                                      answer):
    asked = []  # every URL the PDF builder asks for, whether served or refused
    resolve = AssetPolicy.resolve
    monkeypatch.setattr(AssetPolicy, "resolve", lambda policy, url: asked.append(url) or resolve(policy, url))
    dataset = ingest(example_config, sample_sources())
    dataset.notes = [Note("Table 1", 1, note), Note("Table 2", 2, note), Note(WHOLE_ROOM, 3, note)]
    dataset.actions = [Action(said, did, "Owner " + said[:10], "Done", "2022-04-05"),
                       Action(said, did, "", "Not doing", "")]
    dataset.post[0].answers["next_steps"] = answer
    reports = build_reports(example_config.event, dataset)
    for name, pdf in reports.files.items():
        assert pdf.startswith(b"%PDF-"), name
        assert embedded_or_linked(pdf) == [], name
    assert asked and set(asked) <= own_files(reports), "attendees' text makes the build fetch nothing"
