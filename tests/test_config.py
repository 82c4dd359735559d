import io
import zlib
from datetime import date, time
from pathlib import Path

import pytest

from conftest import example_data, write_config
from packgen.config import MAX_ALIASES, MAX_CONFIG_BYTES, load_config
from packgen.errors import ConfigError
from packgen.resources import example_folder


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_config(path)
    return error.value.problems


def message_of(path: Path) -> str:
    with pytest.raises(ConfigError) as error:
        load_config(path)
    return error.value.message


def line_with(path: Path, start: str) -> int:
    """Return the number of the first line of ``path`` that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def write_text(folder: Path, text: str, name: str = "hub.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- The bundled example ----------------------------------------------------------------------


def test_example_config_is_valid_and_read_in_full():
    loaded = load_config(example_folder() / "hub.yaml")
    event = loaded.event
    assert loaded.warnings == []
    assert event.title == "Trust and confidence Innovation Hub"
    assert event.dates == [date(2022, 2, 25)]
    assert (event.start, event.end) == (time(9, 30), time(15, 30))
    assert event.venue.name == "New Scotland Yard"
    assert [s.title for s in event.sessions] == [
        "What has got us to this point?", "Solutions and ideas", "Our top three to try"]
    assert [q.id for q in event.evaluation.questions] == [
        "trust", "awareness", "heard", "join", "return", "recommend"]
    assert [q.id for q in event.evaluation.questions if q.pre is None] == ["return", "recommend"]
    assert len(event.table_list) == 5
    assert len(event.invitees) == 30
    assert event.invitees[5].name == "Rahim Uddin (রহিম উদ্দিন)"
    assert event.branding.logo == example_folder() / "logo.png"
    assert event.budget.total == 5000


def test_defaults_fill_what_the_organiser_leaves_out(tmp_path):
    data = example_data()
    for key in ("budget", "follow_up", "branding", "sectors", "checklist", "risks"):
        data.pop(key, None)
    data["tables"] = 4
    event = load_config(write_config(tmp_path, data)).event
    assert event.budget.total == 5000
    assert [line.item for line in event.budget.lines] == [
        "Venue hire", "Food and drink", "Vouchers for attendees",
        "Materials (flip charts, pens, printing)"]
    assert event.follow_up_date == date(2022, 4, 22)
    assert event.organisation == "Metropolitan Police Service"
    assert len(event.table_list) == 4 and event.table_list[0].facilitator == ""
    assert event.checklist[0].item == "Agree the theme and the focal question"
    assert len(event.risks) == 6


# --- Every problem at once, located ---------------------------------------------------------


def test_every_problem_is_reported_at_once_with_line_and_key_path(tmp_path):
    text = (example_folder() / "hub.yaml").read_text(encoding="utf-8")
    text = text.replace("venue:\n  name", "venu:\n  name", 1)
    text = text.replace("  - facilitator: PS Tomasz Nowak\n", "  - facilitator: [PS Tomasz Nowak]\n")
    text = text.replace("dates: [25/02/2022]", "dates: [02/25/2022]")
    text = text.replace('start: "09:30"', 'start: "25:30"')
    text = text.replace("  total: 5000", "  total: lots")
    path = write_text(tmp_path, text)
    for extra in ("invitees.csv", "logo.png"):
        (tmp_path / extra).write_bytes((example_folder() / extra).read_bytes())
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.message == f"{path}: the config has 6 problems"
    assert error.value.problems == [
        f"{path}, venue: required, but missing (see 'packgen init' for a starter config)",
        f"{path}, line 33, dates[0]: '02/25/2022' is not a real date (day first: 25/02/2022)",
        f"{path}, line 34, start: expected a time like 09:30 or 9:30am, found '25:30'",
        f"{path}, line 37, venu: unknown key; did you mean 'venue'?",
        f"{path}, line 98, tables[1].facilitator: expected text, found a list",
        f"{path}, line 126, budget.total: expected a number, found 'lots'",
    ]


def test_unknown_nested_key_names_the_nearest_known_name(tmp_path):
    data = example_data()
    data["venue"]["adress"] = data["venue"].pop("address")
    path = write_config(tmp_path, data)
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'venue:')}, venue.address: required, but missing",
        f"{path}, line {line_with(path, '  adress:')}, venue.adress: unknown key; did you mean 'address'?",
    ]


def test_unknown_key_with_no_near_name_is_still_an_error(tmp_path):
    data = example_data()
    data["weather"] = "sunny"
    path = write_config(tmp_path, data)
    assert problems_of(path) == [f"{path}, line {line_with(path, 'weather:')}, weather: unknown key"]


def test_out_of_range_and_wrong_kind_values_say_what_was_expected(tmp_path):
    data = example_data()
    data["evaluation"]["cutoff"] = 11
    data["evaluation"]["questions"][3]["id"] = "Join us"
    data["contacts"][1]["email"] = "engagement at example"
    data["branding"]["colours"]["primary"] = "navy"
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "contacts[1].email: expected an email address like name@example.org, found 'engagement at example'",
        "evaluation.cutoff: expected a value at most 10, found a number (11)",
        "evaluation.questions[3].id: expected lower case letters, digits and underscores (like 'trust'),"
        " found 'Join us'",
        "branding.colours.primary: expected a colour like #1D3557, found 'navy'",
    ]


def test_question_without_any_wording_is_refused(tmp_path):
    data = example_data()
    data["evaluation"]["questions"].append({"id": "empty"})
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "evaluation.questions[6]: a question needs a 'pre' wording, a 'post' wording or both"]


def test_duplicate_question_ids_are_refused(tmp_path):
    data = example_data()
    data["evaluation"]["questions"][1]["id"] = "trust"
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "evaluation.questions: two questions have the id 'trust'; each id must be unique"]


def test_sessions_outside_the_day_and_on_other_dates_are_refused(tmp_path):
    data = example_data()
    data["sessions"][2]["end"] = "16:00"
    data["breaks"][0]["date"] = "26/02/2022"
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "sessions[2]: runs outside the day (09:30 to 15:30)",
        "breaks[0].date: 26/02/2022 is not one of the hub's dates",
    ]


def test_dates_must_be_in_order(tmp_path):
    data = example_data()
    data["dates"] = ["23/03/2021", "09/03/2021"]
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "dates: dates must be different and in order, earliest first"]


def test_several_dates_in_uk_forms_are_accepted(tmp_path):
    data = example_data()
    data["dates"] = ["9 March 2021", "16/03/2021", "2021-03-23"]
    event = load_config(write_config(tmp_path, data)).event
    assert event.dates == [date(2021, 3, 9), date(2021, 3, 16), date(2021, 3, 23)]


def test_unquoted_times_are_read_as_times_not_sexagesimal_numbers(tmp_path):
    text = (example_folder() / "hub.yaml").read_text(encoding="utf-8")
    text = text.replace('start: "09:30"', "start: 09:30").replace('end: "15:30"', "end: 15:30")
    path = write_text(tmp_path, text)
    for extra in ("invitees.csv", "logo.png"):
        (tmp_path / extra).write_bytes((example_folder() / extra).read_bytes())
    event = load_config(path).event
    assert (event.start, event.end) == (time(9, 30), time(15, 30))


def example_text_with(folder: Path, old: str, new: str) -> Path:
    """Write the example's hub.yaml, as typed, with ``old`` replaced by ``new``, beside its files."""
    text = (example_folder() / "hub.yaml").read_text(encoding="utf-8")
    assert old in text
    path = write_text(folder, text.replace(old, new, 1))
    for extra in ("invitees.csv", "logo.png"):
        (folder / extra).write_bytes((example_folder() / extra).read_bytes())
    return path


def test_unquoted_numbers_with_a_leading_zero_are_read_as_the_text_typed(tmp_path):
    path = example_text_with(tmp_path, "phone: 020 7946 0000", "phone: 02079460000")
    path.write_text(path.read_text(encoding="utf-8").replace("bcu: Central South BCU", "bcu: 007"),
                    encoding="utf-8")
    event = load_config(path).event
    assert event.contacts[0].phone == "02079460000"
    assert event.bcu == "007"


def test_unquoted_decimals_with_a_leading_zero_are_read_as_the_text_typed(tmp_path):
    path = example_text_with(tmp_path, "phone: 020 7946 0000", "phone: 020.7946")
    assert load_config(path).event.contacts[0].phone == "020.7946"


def test_a_number_tagged_as_a_whole_number_is_decimal_not_octal(tmp_path):
    data = example_data()
    data["tables"] = 6
    path = write_config(tmp_path, data)
    path.write_text(path.read_text(encoding="utf-8").replace("tables: 6", "tables: !!int 010"), encoding="utf-8")
    assert len(load_config(path).event.table_list) == 10


def test_a_value_its_yaml_tag_cannot_hold_is_reported_with_its_line(tmp_path):
    for typed, message in [("!!int 0x1F", "'0x1F' is not a whole number; remove the '!!int' before it"),
                           ("!!int 08x", "'08x' is not a whole number; remove the '!!int' before it"),
                           ("!!float many", "'many' is not a number; remove the '!!float' before it"),
                           ("!!bool maybe", "'maybe' is not true or false; remove the '!!bool' before it"),
                           ("!!timestamp soon", "'soon' is not a date; remove the '!!timestamp' before it")]:
        path = write_text(tmp_path, f"force: Met\ntitle: {typed}\n")
        assert message_of(path) == f"{path}, line 2, column 8: {message}"


# --- Files the config names -----------------------------------------------------------------


def test_relative_paths_resolve_against_the_config_folder(tmp_path, monkeypatch):
    write_config(tmp_path / "hub", example_data())
    monkeypatch.chdir(tmp_path)
    event = load_config(Path("hub/hub.yaml")).event
    assert len(event.invitees) == 30
    assert event.branding.logo == Path("hub/logo.png")


def test_missing_invitee_csv_is_named(tmp_path):
    data = example_data()
    data["invitees"] = "guests.csv"
    path = write_config(tmp_path, data)
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees:"
        f" the invitee list {tmp_path / 'guests.csv'} does not exist"]


def test_invitee_csv_with_an_unknown_column_suggests_the_right_one(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text("name,organisaton\nA,B\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees: {tmp_path / 'invitees.csv'}, row 1: unknown column 'organisaton';"
        " did you mean 'organisation'?; expected name, organisation, sector, email, needs"]


def test_invitee_csv_that_is_not_utf8_says_how_to_save_it(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_bytes("name\nWiśniewska\n".encode("cp1250"))
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees:"
        f" the invitee list {tmp_path / 'invitees.csv'} is not UTF-8 text"
        " (in Excel: Save As, 'CSV UTF-8')"]


def test_invitee_sector_must_be_one_of_the_sectors(tmp_path):
    data = example_data()
    data["invitees"] = [{"name": "A", "sector": "Resident"}, {"name": "B", "sector": "Residents"}]
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        "invitees[1].sector: 'Residents' is not one of the sectors; did you mean 'Resident'?"]


def test_missing_logo_is_named(tmp_path):
    data = example_data()
    data["branding"]["logo"] = "crest.png"
    path = write_config(tmp_path, data)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        f"branding.logo: the logo file {tmp_path / 'crest.png'} does not exist"]


def test_logo_that_is_not_an_image_is_refused(tmp_path):
    data = example_data()
    data["branding"]["logo"] = "notes.png"
    path = write_config(tmp_path, data)
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        f"branding.logo: the logo file {tmp_path / 'notes.png'} is not a PNG or JPEG image"]


def image_bytes(kind: str) -> bytes:
    """Return a small, sound image of ``kind`` (PNG or JPEG), made with Pillow."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, kind)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes = b"") -> bytes:
    """Return a PNG chunk whose checksum is right, whatever it holds."""
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


@pytest.mark.parametrize("name, content, kind", [
    pytest.param(name, content, kind, id=name) for name, content, kind in [
        ("signature-then-garbage.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2, "PNG"),
        ("cut-short.png", image_bytes("PNG")[:60], "PNG"),
        ("bad-checksum.png", image_bytes("PNG")[:-16] + b"\x00" + image_bytes("PNG")[-15:], "PNG"),
        ("bad-pixels.png", image_bytes("PNG")[:33] + png_chunk(b"IDAT", b"not compressed") + png_chunk(b"IEND"), "PNG"),
        ("signature-then-garbage.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 2, "JPEG"),
        ("cut-short.jpg", image_bytes("JPEG")[:300], "JPEG"),
    ]
])
@pytest.mark.parametrize("truncated_allowed", [False, True], ids=["alone", "after weasyprint"])
def test_a_logo_that_only_starts_like_an_image_is_named_as_damaged(tmp_path, monkeypatch, name, content, kind,
                                                                  truncated_allowed):
    from PIL import ImageFile

    # WeasyPrint allows truncated images process-wide on import; the check must not depend on it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", truncated_allowed)
    data = example_data()
    data["branding"]["logo"] = name
    path = write_config(tmp_path, data)
    (tmp_path / name).write_bytes(content)
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        f"branding.logo: the logo file {tmp_path / name} is damaged: it starts as a {kind} image but"
        " cannot be read (export it again from your image editor)"]


@pytest.mark.parametrize("limit", [500, 300])  # 800 pixels: Pillow warns above the limit, refuses above twice it
def test_a_logo_with_more_pixels_than_pillow_allows_is_refused(tmp_path, monkeypatch, limit):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    data = example_data()
    data["branding"]["logo"] = "huge.png"
    path = write_config(tmp_path, data)
    (tmp_path / "huge.png").write_bytes(image_bytes("PNG"))
    assert [p.split(", ", 2)[2] for p in problems_of(path)] == [
        f"branding.logo: the logo file {tmp_path / 'huge.png'} has too many pixels for a logo (save a smaller copy)"]


def test_a_sound_jpeg_logo_is_accepted(tmp_path):
    data = example_data()
    data["branding"]["logo"] = "crest.jpg"
    path = write_config(tmp_path, data)
    (tmp_path / "crest.jpg").write_bytes(image_bytes("JPEG"))
    assert load_config(path).event.branding.logo == tmp_path / "crest.jpg"


# --- Text that could break a document -------------------------------------------------------


def test_escaped_control_characters_are_removed_with_a_warning_naming_the_field(tmp_path):
    data = example_data()
    data["venue"]["access_notes"] = "Ring\x07 the bell\x1b"
    path = write_config(tmp_path, data)
    loaded = load_config(path)
    assert loaded.event.venue.access_notes == "Ring the bell"
    line = line_with(path, "  access_notes:")
    assert loaded.warnings == [f"{path}, line {line}, venue.access_notes: removed 2 control characters"]


def test_raw_control_characters_in_the_file_are_removed_with_a_warning_naming_the_line(tmp_path):
    path = write_config(tmp_path, example_data())
    text = path.read_text(encoding="utf-8").replace("theme: Trust", "theme: \x0bTrust")
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    assert loaded.event.theme == "Trust and confidence"
    assert loaded.warnings == [f"{path}, line 4: removed 1 control character"]


def test_del_and_c1_control_characters_in_the_file_are_removed_with_a_warning_naming_the_line(tmp_path):
    path = write_config(tmp_path, example_data())
    text = path.read_text(encoding="utf-8")
    text = text.replace("theme: Trust", "theme: \x7fTrust").replace("title: Trust", "title: \x93Trust\x94\x85")
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    assert (loaded.event.title, loaded.event.theme) == ("Trust and confidence Innovation Hub", "Trust and confidence")
    assert loaded.warnings == [f"{path}, line 3: removed 3 control characters",
                               f"{path}, line 4: removed 1 control character"]


def test_control_characters_in_the_invitee_csv_are_removed_with_a_warning(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text("name,sector\nAmi\x08ra,Resident\n", encoding="utf-8")
    loaded = load_config(path)
    assert loaded.event.invitees[0].name == "Amira"
    assert loaded.warnings == [
        f"{tmp_path / 'invitees.csv'}, row 2, column 'name': removed 1 control character"]


def test_template_syntax_in_config_text_is_kept_as_typed(tmp_path):
    data = example_data()
    data["title"] = "{{ 7*7 }} {% if x %}<b>&</b>"
    assert load_config(write_config(tmp_path, data)).event.title == "{{ 7*7 }} {% if x %}<b>&</b>"


# --- YAML that is not a config --------------------------------------------------------------


def test_missing_file(tmp_path):
    assert message_of(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such config file"


def test_empty_file(tmp_path):
    path = write_text(tmp_path, "# only a comment\n")
    assert message_of(path) == (
        f"{path}: the file is empty; expected an event config (start from 'packgen init')")


def test_a_list_instead_of_a_mapping(tmp_path):
    path = write_text(tmp_path, "- title\n- venue\n")
    assert message_of(path) == (
        f"{path}, line 1: expected a mapping of keys such as 'title:' and 'venue:', found a list")


def test_tab_indentation_is_explained(tmp_path):
    path = write_text(tmp_path, "title: x\n\tforce: y\n")
    assert message_of(path) == f"{path}, line 2, column 1: a tab is used for indentation; YAML needs spaces"


def test_duplicate_keys_are_refused(tmp_path):
    path = write_text(tmp_path, "title: One\nforce: F\ntitle: Two\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.message == f"{path}: the YAML cannot be read"
    assert error.value.problems == ["line 3: 'title' is given twice (first on line 1); keep one"]


def test_python_tags_are_refused(tmp_path):
    path = write_text(tmp_path, "title: !!python/object/apply:os.system ['echo hi']\n")
    assert message_of(path) == (
        f"{path}, line 1, column 8: the tag '!!python/object/apply:os.system' is not allowed;"
        " a config holds only text, numbers and lists")


def test_alias_bombs_are_refused_before_expanding(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append("j: [" + ", ".join(["*i"] * 100) + "]")
    path = write_text(tmp_path, "\n".join(lines) + "\n")
    assert message_of(path) == (
        f"{path}, line 10: more than {MAX_ALIASES} YAML aliases (*name); a config does not need them")


def test_oversized_file_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_CONFIG_BYTES)
    assert message_of(path) == (
        f"{path}: the file is {MAX_CONFIG_BYTES + 2:,} bytes; a config is at most {MAX_CONFIG_BYTES:,} bytes")


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path):
    path = write_config(tmp_path, example_data())
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_config(path).event.title == "Trust and confidence Innovation Hub"


def test_file_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    path = tmp_path / "hub.yaml"
    path.write_bytes("title: ok\nforce: Wiśniewska\n".encode("cp1250"))
    assert message_of(path) == (
        f"{path}, line 2: the file is not UTF-8 text (save it as UTF-8 in your editor)")


def test_yaml_booleans_are_only_true_and_false(tmp_path):
    data = example_data()
    path = write_config(tmp_path, data)
    text = path.read_text(encoding="utf-8").replace("theme: Trust and confidence", "theme: no")
    path.write_text(text, encoding="utf-8")
    assert load_config(path).event.theme == "no"


def test_fixture_rewrite_of_the_example_means_the_same(tmp_path):
    # The fixtures rewrite the example with yaml.safe_dump; that must not change its meaning.
    original = load_config(example_folder() / "hub.yaml").event
    rewritten = load_config(write_config(tmp_path, example_data())).event
    assert rewritten.model_dump(exclude={"branding"}) == original.model_dump(exclude={"branding"})
    assert rewritten.branding.logo == tmp_path / "logo.png"


def test_problems_in_the_invitee_csv_name_its_row_and_column(tmp_path):
    path = write_config(tmp_path, example_data())
    csv_path = tmp_path / "invitees.csv"
    csv_path.write_text(
        "name,email,sector\nAmira,amira@example.org,Resident\n,,\nBen,ben at home,Resident\n"
        "Cai,cai@example.org,Bussiness\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{csv_path}, row 4, column 'email': expected an email address like name@example.org,"
        " found 'ben at home'"]
    csv_path.write_text("name,sector\nAmira,Resident\nCai,Bussiness\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{csv_path}, row 3, column 'sector': 'Bussiness' is not one of the sectors;"
        " did you mean 'Business'?"]


# --- Defaults shared by many events -----------------------------------------------------------


def split_example(tmp_path: Path) -> tuple[Path, Path]:
    """Write the example as a defaults file (force-wide settings) and an event config extending it."""
    data = example_data()
    shared_keys = ("force", "sectors", "budget", "evaluation", "privacy_notice", "branding", "sessions", "breaks")
    shared = {key: data.pop(key) for key in shared_keys}
    write_config(tmp_path / "force", shared, name="defaults.yaml")
    data["extends"] = "../force/defaults.yaml"
    return write_config(tmp_path / "events", data, name="central-south.yaml"), tmp_path / "force" / "defaults.yaml"


def test_merge_overrides_scalars_replaces_lists_and_merges_mappings():
    from packgen.config import merge

    defaults = {"force": "A", "sectors": ["x", "y"], "budget": {"total": 5000, "lines": [1, 2]}}
    event = {"force": "B", "sectors": ["z"], "budget": {"total": 4000}}
    assert merge(defaults, event) == {"force": "B", "sectors": ["z"], "budget": {"total": 4000, "lines": [1, 2]}}
    assert defaults == {"force": "A", "sectors": ["x", "y"], "budget": {"total": 5000, "lines": [1, 2]}}


def test_an_event_extending_defaults_equals_the_whole_config(tmp_path):
    path, defaults = split_example(tmp_path)
    loaded = load_config(path)
    whole = load_config(example_folder() / "hub.yaml").event
    assert loaded.event.model_dump(exclude={"branding"}) == whole.model_dump(exclude={"branding"})
    assert loaded.defaults == tmp_path / "force" / "defaults.yaml"
    # The logo is named in the defaults file, so it is found beside the defaults file.
    assert loaded.event.branding.logo == tmp_path / "force" / "logo.png"


def test_the_event_overrides_the_defaults_key_by_key(tmp_path):
    path, _ = split_example(tmp_path)
    text = path.read_text(encoding="utf-8") + "budget:\n  total: 4000\n"
    path.write_text(text, encoding="utf-8")
    event = load_config(path).event
    assert event.budget.total == 4000
    assert [line.item for line in event.budget.lines][0] == "Venue hire"  # still from the defaults


def test_a_problem_in_the_defaults_names_the_defaults_file(tmp_path):
    path, defaults = split_example(tmp_path)
    text = defaults.read_text(encoding="utf-8").replace("  cutoff: 8\n", "  cutoff: 12\n")
    defaults.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t == "  cutoff: 12")
    assert problems_of(path) == [
        f"{defaults}, line {line}, evaluation.cutoff: expected a value at most 10, found a number (12)"]


def test_events_sharing_a_defaults_file_each_get_its_values(tmp_path):
    path, defaults = split_example(tmp_path)
    other = path.with_name("north.yaml")
    other.write_text(path.read_text(encoding="utf-8") + "budget:\n  total: 4000\n", encoding="utf-8")

    assert load_config(other).event.budget.total == 4000
    assert load_config(path).event.budget.total == 5000  # the defaults file's own figure


def test_a_defaults_file_edited_between_loads_is_read_again(tmp_path):
    path, defaults = split_example(tmp_path)
    assert load_config(path).event.force == "Metropolitan Police Service"
    text = defaults.read_text(encoding="utf-8").replace("force: Metropolitan Police Service", "force: Kent Police")
    defaults.write_text(text, encoding="utf-8")

    assert load_config(path).event.force == "Kent Police"


def test_defaults_can_be_given_without_extends(tmp_path):
    path, defaults = split_example(tmp_path)
    text = path.read_text(encoding="utf-8").replace("extends: ../force/defaults.yaml\n", "")
    path.write_text(text, encoding="utf-8")
    assert load_config(path, defaults=defaults).event.force == "Metropolitan Police Service"
    with pytest.raises(ConfigError):
        load_config(path)  # alone, it lacks the force-wide settings


def test_a_few_aliases_that_would_expand_hugely_are_refused(tmp_path):
    from packgen.config import MAX_VALUES

    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":  # 8 levels of 9 aliases: 72 aliases, 9**9 values once expanded
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = write_text(tmp_path, "\n".join(lines) + "\n")
    assert message_of(path) == (
        f"{path}: the file expands to more than {MAX_VALUES:,} values through YAML aliases (*name);"
        " a config does not need them")


def test_invitee_csv_without_a_name_column_suggests_the_near_one(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text("nam,sector\nA,Resident\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees: {tmp_path / 'invitees.csv'}, row 1:"
        " expected a header row with the columns name, organisation, sector, email, needs;"
        " found nam, sector ('nam': did you mean 'name'?)"]


PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"


def test_an_invite_list_that_is_another_kind_of_file_is_named_never_quoted(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text(PASSWD, encoding="utf-8")
    problems = problems_of(path)
    assert problems == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees: {tmp_path / 'invitees.csv'}, row 1:"
        " expected a header row with the columns name, organisation, sector, email, needs;"
        " found none of them (is this the invite list?)"]
    assert "/bin/bash" not in problems[0] and "x:0:0" not in problems[0]


def test_an_invite_list_with_a_value_past_what_a_csv_field_holds_names_the_row(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text(f"name,sector\nA,Resident\n\"{'x' * 200_000}\",Resident\n",
                                           encoding="utf-8")
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees: {tmp_path / 'invitees.csv'}, row 3:"
        " a value is longer than 131,072 characters; is this the invite list?"]


def test_a_config_that_is_another_kind_of_file_is_named_never_quoted(tmp_path):
    for content, found in [(PASSWD, "text"), ("02079460000\n", "text"), ("5\n", "a number"),
                           ("true\n", "true or false")]:
        path = write_text(tmp_path, content)
        assert message_of(path) == (
            f"{path}, line 1: expected a mapping of keys such as 'title:' and 'venue:', found {found}")


def test_an_invite_list_missing_only_its_name_column_shows_the_headings_it_has(tmp_path):
    path = write_config(tmp_path, example_data())
    (tmp_path / "invitees.csv").write_text("Person,Sector\nA,Resident\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}, line {line_with(path, 'invitees:')}, invitees: {tmp_path / 'invitees.csv'}, row 1:"
        " expected a header row with the columns name, organisation, sector, email, needs;"
        " found Person, Sector"]
