import shutil

from packgen.report import check_report_templates
from packgen.resources import data_folder


def own_report_templates(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    for name in ("evaluation-report.html", "you-said-we-did.html"):
        shutil.copy(data_folder("templates") / "report" / name, folder / name)
    return folder


def test_packgens_own_report_templates_have_no_problems(example_config):
    checked, problems = check_report_templates(example_config.event, data_folder("templates"))
    assert [p.name for p in checked] == ["evaluation-report.html", "you-said-we-did.html",
                                         "you-said-we-did-update.html", "you-said-we-did-update-email.html"]
    assert problems == []


def test_a_name_packgen_cannot_fill_is_listed_with_its_file(tmp_path, example_config):
    folder = own_report_templates(tmp_path)
    page = folder / "you-said-we-did.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ update.thanks }}", "{{ update.thankz }} {{ colour }}"),
                    encoding="utf-8")
    _, problems = check_report_templates(example_config.event, tmp_path)
    assert problems == [
        f"{page}: 'dict object' has no attribute 'thankz'; packgen cannot fill it (see 'Template names' in the README)",
        f"{page}: 'colour' is undefined; packgen cannot fill it (see 'Template names' in the README)",
    ]


def test_a_syntax_error_is_listed_with_its_line(tmp_path, example_config):
    folder = own_report_templates(tmp_path)
    page = folder / "evaluation-report.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if "{% block content %}" in line)
    lines[number - 1] = lines[number - 1].replace("{% block content %}", "{% block content %}{% if %}")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_report_templates(example_config.event, tmp_path)
    assert problems == [f"{page}, line {number}: Expected an expression, got 'end of statement block'"]


def test_a_templates_folder_without_report_templates_checks_nothing(tmp_path, example_config):
    assert check_report_templates(example_config.event, tmp_path) == ([], [])


def own_update_templates(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    for name in ("you-said-we-did-update.html", "you-said-we-did-update-email.html"):
        shutil.copy(data_folder("templates") / "report" / name, folder / name)
    return folder


def test_the_update_templates_are_checked_alone(tmp_path, example_config):
    folder = own_update_templates(tmp_path)
    checked, problems = check_report_templates(example_config.event, tmp_path)
    assert checked == [folder / "you-said-we-did-update.html", folder / "you-said-we-did-update-email.html"]
    assert problems == []


def test_a_name_the_update_cannot_fill_is_listed_with_its_file(tmp_path, example_config):
    folder = own_update_templates(tmp_path)
    page = folder / "you-said-we-did-update.html"
    text = page.read_text(encoding="utf-8")
    assert "{{ edition.next }}" in text and "{{ action.progress }}" in text
    page.write_text(text.replace("{{ edition.next }}", "{{ edition.nxt }}")
                    .replace("{{ action.progress }}", "{{ action.progres }}"), encoding="utf-8")
    email = folder / "you-said-we-did-update-email.html"
    email.write_text(email.read_text(encoding="utf-8").replace("{{ edition.since }}", "{{ edition.since }} {{ recipient }}"),
                     encoding="utf-8")
    _, problems = check_report_templates(example_config.event, tmp_path)
    assert problems == [
        f"{page}: 'dict object' has no attribute 'progres'; packgen cannot fill it (see 'Template names' in the README)",
        f"{page}: 'dict object' has no attribute 'nxt'; packgen cannot fill it (see 'Template names' in the README)",
        f"{email}: 'recipient' is undefined; packgen cannot fill it (see 'Template names' in the README)",
    ]


def test_a_syntax_error_in_the_update_email_is_listed_with_its_line(tmp_path, example_config):
    folder = own_update_templates(tmp_path)
    email = folder / "you-said-we-did-update-email.html"
    lines = email.read_text(encoding="utf-8").splitlines()
    lines[-1] += "{% for %}"
    email.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_report_templates(example_config.event, tmp_path)
    assert problems == [f"{email}, line {len(lines)}: Expected an expression, got 'end of statement block'"]
