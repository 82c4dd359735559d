import pytest

from packgen.results.fields import header_index, match_header, normalise_header, parse_consent, parse_score


def test_normalise_header_ignores_case_spacing_punctuation_and_question_mark():
    assert normalise_header("  How much do you TRUST the police,  now? ") == "how much do you trust the police now"


@pytest.mark.parametrize("value,expected", [
    (8, 8), (0, 0), (10, 10), (7.0, 7), ("8", 8), (" 8 ", 8), ("8 - Very likely", 8),
    ("8: very", 8), ("7/10", 7), ("7 / 10", 7),
])
def test_parse_score_accepts_numbers_labelled_numbers_and_out_of_ten(value, expected):
    assert parse_score(value, {}) == (expected, None)


@pytest.mark.parametrize("value", [None, "", "  ", "N/A", "n/a", "-", "Prefer not to say", "Don't know",
                                   "Don\u2019t know", "DON\u2019T KNOW", "Don\u02bct know", "Don\u00b4t know"])
def test_parse_score_treats_no_answer_as_unanswered_not_an_error(value):
    assert parse_score(value, {}) == (None, None)


@pytest.mark.parametrize("value,problem", [
    (11, "expected a score from 0 to 10, found 11"),
    (-1, "expected a score from 0 to 10, found -1"),
    ("11", "expected a score from 0 to 10, found '11'"),
    (7.5, "expected a whole score from 0 to 10, found 7.5"),
    ("seven", "expected a score from 0 to 10, found 'seven'"),
    ("7/11", "expected a score from 0 to 10, found '7/11'"),
    (True, "expected a score from 0 to 10, found true/false"),
])
def test_parse_score_refuses_what_is_not_a_score(value, problem):
    assert parse_score(value, {}) == (None, problem)


def test_parse_score_maps_labels_the_config_gives():
    assert parse_score("Very likely", {"very likely": 10, "Not likely": 2}) == (10, None)


def test_parse_score_matches_a_label_whatever_its_apostrophe():
    labels = {"Won't come again": 0, "I\u02bcll be back": 10}
    assert parse_score("Won\u2019t come again", labels) == (0, None)
    assert parse_score("I'll be back", labels) == (10, None)


def test_headers_match_whatever_their_apostrophe(example_config):
    event = example_config.event.model_copy(deep=True)
    event.evaluation.questions[0].aliases = ["Officers' visibility"]
    index = header_index(event, "pre")
    assert match_header("Officers\u2019 visibility", index).id == event.evaluation.questions[0].id
    assert match_header("Officers\u02bc visibility", index).id == event.evaluation.questions[0].id


def test_parse_consent():
    assert [parse_consent(v) for v in ("Yes", "y", "TRUE", "x", "☒", True)] == [True] * 6
    assert [parse_consent(v) for v in ("No", "", None, "maybe", False)] == [False] * 5


def test_headers_match_wording_id_and_aliases(example_config):
    index = header_index(example_config.event, "pre")
    assert match_header("How much do you trust the police at the moment", index).id == "trust"
    assert match_header("TRUST", index).id == "trust"
    assert match_header("trust: How much do you trust the police at the moment?", index).id == "trust"
    assert match_header("Your personal code", index).id == "personal_code"
    assert match_header("Personal code", index).id == "personal_code"
    assert match_header("How likely are you to come to an event like this again?", index) is None


def test_google_grid_header_matches_by_its_row(example_config):
    index = header_index(example_config.event, "post")
    assert match_header("Please score each [How much do you trust the police now?]", index).id == "trust"
