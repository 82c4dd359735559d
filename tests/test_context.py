from datetime import date

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.context import build_context, due_date, run_of_the_day


def test_run_of_the_day_is_in_time_order_with_every_part(example_config):
    items = [(f"{i.start:%H:%M}", i.kind, i.title) for i in run_of_the_day(example_config.event)]
    assert items == [
        ("09:30", "arrival", "Arrival, registration and coffee"),
        ("10:00", "opening", "Welcome and opening"),
        ("10:15", "session", "Session 1: What has got us to this point?"),
        ("11:15", "break", "Coffee"),
        ("11:30", "session", "Session 2: Solutions and ideas"),
        ("12:30", "break", "Lunch"),
        ("13:15", "session", "Session 3: Our top three to try"),
        ("15:00", "close", "Close and next steps"),
        ("15:30", "end", "Hub ends"),
    ]


def test_run_of_several_dates_orders_by_date_then_time(tmp_path):
    data = example_data()
    data["dates"] = ["09/03/2021", "16/03/2021"]
    data["sessions"][1]["date"] = "16/03/2021"
    data["sessions"][1]["start"] = "10:15"
    data["sessions"][1]["end"] = "11:00"
    data["sessions"][2]["date"] = "16/03/2021"
    event = load_config(write_config(tmp_path, data)).event
    titles = [i.title for i in run_of_the_day(event)]
    assert titles.index("Session 2: Solutions and ideas") > titles.index("Hub ends")
    assert titles[-2:] == ["Session 2: Solutions and ideas", "Session 3: Our top three to try"]


def test_due_date_counts_back_from_the_first_date(example_config):
    assert due_date(example_config.event, 8) == date(2021, 12, 31)
    assert due_date(example_config.event, -1) == date(2022, 3, 4)


def test_context_formats_for_print(example_context):
    ctx = example_context
    assert ctx["dates"] == "Friday 25 February 2022"
    assert ctx["times"] == "9:30am to 3:30pm"
    assert ctx["venue"]["address_line"] == "Victoria Embankment, London, SW1A 2JL"
    assert ctx["sessions"][0]["time"] == "10:15am to 11:15am"
    assert ctx["opening"] == {"time": "10am",
                              "mc": "A community member from the borough's independent advisory group"}
    assert ctx["budget"]["total"] == "£5,000"
    assert ctx["budget"]["estimate"] == "£4,550"
    assert ctx["follow_up"]["by"] == "Friday 22 April 2022"
    assert ctx["cutoff"] == "8, 9 or 10 out of 10"
    assert [q["id"] for q in ctx["pre_questions"]] == ["trust", "awareness", "heard", "join"]
    assert [q["id"] for q in ctx["post_questions"]] == [
        "trust", "awareness", "heard", "join", "return", "recommend"]
    assert ctx["pre_answers"] == "Each asks for a score from 0 to 10."
    assert ctx["tables"][0] == {"number": 1, "name": "Table 1", "facilitator": "Amara Mensah",
                                "note_taker": "PC Jordan Reid"}


def test_tables_given_as_a_count_are_numbered_and_to_be_confirmed(tmp_path):
    data = example_data()
    data["tables"] = 3
    ctx = build_context(load_config(write_config(tmp_path, data)).event)
    assert ctx["tables"] == [
        {"number": n, "name": f"Table {n}", "facilitator": "To be confirmed",
         "note_taker": "To be confirmed"} for n in (1, 2, 3)]


def test_hostile_text_reaches_the_context_unchanged(hostile_context):
    from conftest import HOSTILE_FOCAL, HOSTILE_TITLE

    assert hostile_context["title"] == HOSTILE_TITLE
    assert hostile_context["focal_question"] == HOSTILE_FOCAL
    assert hostile_context["venue"]["access_notes"] == "Bell rings & <script>alert(1)</script>"


def test_personal_code_rule_has_a_default_and_can_be_set(tmp_path, example_config):
    assert build_context(example_config.event)["personal_code_rule"] == (
        "the first letter of your mother\u2019s first name, then the last two digits of your phone number,"
        " then your house number")
    data = example_data()
    data["evaluation"]["personal_code"] = "your birth month, then the last two letters of your street"
    context = build_context(load_config(write_config(tmp_path, data)).event)
    assert context["personal_code_rule"] == "your birth month, then the last two letters of your street"


def test_event_key_is_the_events_identity(example_config):
    assert build_context(example_config.event)["event_key"] == "central-south-bcu-2022-02-25"
