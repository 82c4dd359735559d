"""WeasyPrint rendering (packgen.report.pdf): tagged PDF, and a fetcher that serves only the
report templates' own files and packgen's own images."""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from pypdf import PdfReader
from report_samples import catalog, pdf_text, structure_elements

from packgen.report.pdf import Asset, AssetPolicy, FetchRefused, render_pdf
from packgen.resources import report_folders

BUNDLED = report_folders()[0]


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Test page</title>{head}'
            f"</head><body><h1>Test</h1>{body}</body></html>")


@pytest.fixture
def logo_png():
    from packgen.resources import example_folder

    return (example_folder() / "logo.png").read_bytes()


# -- The policy -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://otherhost" + str(BUNDLED / "report.css"),
    "http://169.254.169.254/latest/meta-data",
    "https://example.com/report.css",
    "ftp://example.com/x.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:text/css,body{}",
    "gopher://example.com/",
    "packgen:charts/not-made.png",
    BUNDLED.as_uri() + "/../../pyproject.toml",
    BUNDLED.as_uri() + "/%2e%2e/%2e%2e/pyproject.toml",
    BUNDLED.as_uri(),  # the folder itself, not a file in it
])
def test_policy_refuses_everything_but_the_templates_own_files(url):
    policy = AssetPolicy([BUNDLED])
    with pytest.raises(FetchRefused) as error:
        policy.resolve(url)
    assert str(error.value) == f"packgen uses only the report templates' own files; refused {url!r}"
    assert policy.refused == [url]


def test_policy_serves_a_file_in_the_templates_folder_with_its_type():
    policy = AssetPolicy([BUNDLED])
    asset = policy.resolve(BUNDLED.as_uri() + "/report.css")
    assert asset == Asset((BUNDLED / "report.css").read_bytes(), "text/css")
    assert policy.refused == []


def test_policy_serves_packgens_own_images_by_name():
    chart = Asset(b"\x89PNG...", "image/png")
    policy = AssetPolicy([BUNDLED], {"charts/trust.png": chart})
    assert policy.resolve("packgen:charts/trust.png") is chart


def test_policy_refuses_a_symbolic_link_leading_out_of_the_folder(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    os.symlink("/etc/passwd", folder / "passwd.css")
    policy = AssetPolicy([folder])
    with pytest.raises(FetchRefused):
        policy.resolve(folder.as_uri() + "/passwd.css")


def test_policy_looks_in_the_forces_folder_first_then_packgens(tmp_path):
    own = tmp_path / "report"
    own.mkdir()
    (own / "logo.svg").write_text("<svg/>")
    policy = AssetPolicy([own, BUNDLED])
    assert policy.base_url == own.as_uri() + "/"
    assert policy.resolve(own.as_uri() + "/logo.svg").data == b"<svg/>"
    # The force's folder lacks the stylesheet: the same relative name is served from packgen's.
    assert policy.resolve(own.as_uri() + "/report.css").data == (BUNDLED / "report.css").read_bytes()


# -- Rendering ------------------------------------------------------------------------------------


def test_render_pdf_is_tagged_with_language_and_title():
    rendered = render_pdf(page("<p>Hello</p>"), AssetPolicy([BUNDLED]))
    root = catalog(rendered.data)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert rendered.messages == []


def test_render_pdf_fetches_nothing_outside_and_says_so(logo_png):
    hostile = ('<img src="file:///etc/passwd" alt="a"><img src="http://169.254.169.254/" alt="b">'
               '<img src="data:image/png;base64,iVBORw0KGgo=" alt="c"><link rel="stylesheet" href="https://x.test/a.css">'
               '<img src="packgen:logo.png" alt="Our logo">')
    policy = AssetPolicy([BUNDLED], {"logo.png": Asset(logo_png, "image/png")})
    rendered = render_pdf(page(hostile, '<link rel="stylesheet" href="report.css">'), policy)
    assert policy.refused == ["https://x.test/a.css", "file:///etc/passwd", "http://169.254.169.254/",
                              "data:image/png;base64,iVBORw0KGgo="]
    assert len(rendered.messages) == 4
    assert all("packgen uses only the report templates' own files" in m for m in rendered.messages)
    assert "/EmbeddedFiles" not in catalog(rendered.data).get("/Names", {})
    assert "root:x:0:0" not in pdf_text(rendered.data)
    # A refused image leaves only its alt text; the allowed one is drawn.
    figures = [e for e in structure_elements(rendered.data) if e["/S"] == "/Figure"]
    assert [f.get("/Alt") for f in figures] == ["a", "b", "c", "Our logo"]


def test_emoji_in_attendees_words_print_from_the_colour_emoji_font():
    rendered = render_pdf(page("<p>Thank you \U0001F44D</p>", '<link rel="stylesheet" href="report.css">'),
                          AssetPolicy([BUNDLED]))
    reader = PdfReader(BytesIO(rendered.data))
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}

    assert "Thank you \U0001F44D" in pdf_text(rendered.data)
    assert "Noto-Color-Emoji" in fonts  # installed by .ci/install-system-deps; else a box prints

