"""The report stage (packgen.stages.report): where the scan review workbook is looked for. Building
and writing the reports is tested in tests/report/test_report.py (hence this file's name: test
modules need names of their own)."""

from packgen.stages.report import default_review


def test_reports_built_from_scans_read_the_review_workbook_beside_the_results(tmp_path):
    assert default_review(tmp_path / "hub" / "reports") == tmp_path / "hub" / "scan-review.xlsx"
