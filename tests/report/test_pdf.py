"""WeasyPrint rendering (packgen.report.pdf): tagged PDF, and a fetcher that serves only the
templates' own files and packgen's own images."""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NullObject
from report_samples import catalog, page_count, pdf_text, structure_elements

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
    assert str(error.value) == f"packgen uses only the templates' own files; refused {url!r}"
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
    assert all("packgen uses only the templates' own files" in m for m in rendered.messages)
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



# -- The tag tree: header references, header scopes, page furniture --------------------------------

TABLE = ('<table><caption>Scores</caption>'
         '<thead><tr><th scope="col">Score</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>'
         '<tbody>{rows}</tbody>'
         '<tfoot><tr><th scope="row">Total</th><td>{total}</td><td>{total}</td></tr></tfoot></table>')


def long_table(rows: int = 60) -> str:
    """Return a table long enough to run over pages (its heading row repeats on each)."""
    body = "".join(f'<tr><th scope="row">{n}</th><td>{n}</td><td>{n + 1}</td></tr>' for n in range(rows))
    return TABLE.format(rows=body, total=rows)


def elements_by(data: bytes, kind: str) -> list[DictionaryObject]:
    return [e for e in structure_elements(data) if e["/S"] == kind]


def id_tree(data: bytes) -> dict[str, DictionaryObject]:
    """Return the structure tree's /IDTree as a mapping, ID to element (empty when it has none)."""
    root = catalog(data)["/StructTreeRoot"].get_object()
    found: dict[str, DictionaryObject] = {}

    def walk(node) -> None:
        node = node.get_object()
        names = node.get("/Names", [])
        for key, value in zip(names[::2], names[1::2]):
            found[str(key)] = value.get_object()
        for kid in node.get("/Kids", []):
            walk(kid)

    if "/IDTree" in root:
        walk(root["/IDTree"])
    return found


def marked_content(data: bytes) -> list[list[tuple[str, str]]]:
    """Return, page by page, each run of text with what it is marked as: 'Pagination' for page
    furniture, the MCID for content the tree owns."""
    pages = []
    for page in PdfReader(BytesIO(data)).pages:
        stack: list[str] = []
        runs: list[tuple[str, str]] = []

        def before(operator, operands, cm, tm):
            if operator == b"BDC":
                properties = operands[1]
                if operands[0] == "/Artifact":
                    stack.append(str(properties.get("/Type", "/Artifact"))[1:])
                else:
                    stack.append(str(properties.get("/MCID")))
            elif operator == b"BMC":
                stack.append(str(operands[0])[1:])
            elif operator == b"EMC":
                stack.pop()

        def text(value, cm, tm, font, size):
            if value.strip():
                runs.append((stack[-1] if stack else "unmarked", value))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        pages.append(runs)
    return pages


def furniture(data: bytes) -> list[str]:
    """Return each page's text marked as page furniture."""
    return [" ".join(" ".join(v for mark, v in runs if mark == "Pagination").split())
            for runs in marked_content(data)]


def owned_mcids(data: bytes) -> list[set[int]]:
    """Return, page by page, the MCIDs that an element of the structure tree owns."""
    reader = PdfReader(BytesIO(data))
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    owned: list[set[int]] = [set() for _ in reader.pages]
    for element in structure_elements(data):
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, int) and "/Pg" in element:
                owned[pages[element.raw_get("/Pg").idnum]].add(int(kid))
    return owned


@pytest.fixture(scope="module")
def example_reports():
    """Return the bundled example's two reports, built from its sample results."""
    from packgen.config import load_config
    from packgen.stages.demo import sample_sources
    from packgen.report import build_reports
    from packgen.resources import example_folder
    from packgen.results import ingest

    loaded = load_config(example_folder() / "hub.yaml")
    return build_reports(loaded.event, ingest(loaded, sample_sources())).files


def test_every_header_reference_of_a_table_over_pages_resolves_to_its_header_cell():
    rendered = render_pdf(page(long_table(), '<link rel="stylesheet" href="report.css">'), AssetPolicy([BUNDLED]))
    ids = id_tree(rendered.data)
    cells = elements_by(rendered.data, "/TD")
    references = [str(h) for cell in cells for h in cell["/A"]["/Headers"]]
    assert page_count(rendered.data) > 1 and len(elements_by(rendered.data, "/Table")) > 1
    assert len(references) == 2 * len(cells)  # each cell: its row's header and its column's
    assert set(references) <= set(ids)
    assert {ids[r]["/S"] for r in references} == {"/TH"}
    assert sorted(ids) == sorted(str(th["/ID"]) for th in elements_by(rendered.data, "/TH"))
    for cell in cells:
        row_header, column_header = (ids[str(h)] for h in cell["/A"]["/Headers"])
        assert row_header.raw_get("/P").idnum == cell.raw_get("/P").idnum  # the same row
        assert column_header["/P"]["/P"]["/S"] == "/THead"


def test_every_header_cell_has_the_scope_the_html_gives_it():
    rendered = render_pdf(page(long_table(3)), AssetPolicy([BUNDLED]))
    scopes = [(str(th["/A"]["/Scope"]), str(th["/P"]["/P"]["/S"])) for th in elements_by(rendered.data, "/TH")]
    assert scopes == [("/Column", "/THead")] * 3 + [("/Row", "/TBody")] * 3 + [("/Row", "/TFoot")]


def test_the_running_footer_is_page_furniture_not_content():
    body = '<p class="kicker">Test report</p>' + "".join(f"<p class='new-page'>Page body {n}</p>" for n in (2, 3))
    rendered = render_pdf(page(body, '<link rel="stylesheet" href="report.css">'), AssetPolicy([BUNDLED]))
    assert furniture(rendered.data) == ["", "Test report: Test Page 2 of 3", "Test report: Test Page 3 of 3"]
    owned = owned_mcids(rendered.data)
    for number, runs in enumerate(marked_content(rendered.data)):
        content = [(mark, text) for mark, text in runs if mark != "Pagination"]
        assert content and all(mark.isdigit() and int(mark) in owned[number] for mark, _ in content)
        assert not any("Page " in text and " of " in text for _, text in content)
    # The tree's map from marked content back to its element names no element left out of the tree.
    in_tree = {e.indirect_reference.idnum for e in structure_elements(rendered.data) if e.indirect_reference}
    parent_tree = catalog(rendered.data)["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    for owners in parent_tree[1::2]:
        owners = owners.get_object()
        for owner in owners if isinstance(owners, ArrayObject) else [owners]:
            assert isinstance(owner, NullObject) or owner.idnum in in_tree


@pytest.mark.parametrize("name", ["evaluation-report.pdf", "you-said-we-did.pdf"])
def test_the_reports_tag_trees_resolve_scope_and_keep_furniture_apart(example_reports, name):
    data = example_reports[name]
    ids = id_tree(data)
    references = [str(h) for cell in elements_by(data, "/TD") for h in cell["/A"].get("/Headers", [])]
    headers = elements_by(data, "/TH")
    pages = page_count(data)
    assert references and [r for r in references if r not in ids] == []
    assert headers and [th for th in headers if "/Scope" not in th["/A"]] == []
    # The templates head columns in <thead> and rows everywhere else.
    assert {(str(th["/A"]["/Scope"]), th["/P"]["/P"]["/S"] == "/THead") for th in headers} == {
        ("/Column", True), ("/Row", False)}
    kind = "Evaluation report" if name.startswith("evaluation") else "You said, we did"
    assert furniture(data) == ["", *(f"{kind}: Trust and confidence Innovation Hub Page {n} of {pages}"
                                     for n in range(2, pages + 1))]


def test_the_same_html_gives_the_same_pdf():
    html = page(long_table(), '<link rel="stylesheet" href="report.css">')
    assert render_pdf(html, AssetPolicy([BUNDLED])).data == render_pdf(html, AssetPolicy([BUNDLED])).data
