import pytest

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.errors import ConfigError
from packgen.question_bank import BANK


def _with_questions(tmp_path, questions):
    data = example_data()
    data["evaluation"]["questions"] = questions
    return write_config(tmp_path, data)


def test_a_config_asks_standard_questions_by_id(tmp_path):
    path = _with_questions(tmp_path, [{"standard": "confidence"}, {"standard": "well_informed", "aliases": ["Q1"]},
                                      {"id": "trust", "pre": "Trust?", "post": "Trust now?"}])
    questions = load_config(path).event.evaluation.questions
    assert [(q.id, q.scale) for q in questions] == [("confidence", "agree"), ("well_informed", "agree"),
                                                   ("trust", "0-10")]
    assert questions[0].pre == questions[0].post == "All things considered, I have confidence in the police in this area."
    assert questions[1].aliases == ["Q1"]


def test_the_bank_holds_the_seven_standard_questions():
    assert list(BANK) == ["confidence", "well_informed", "listen", "fair", "matters", "relied_on", "good_job"]


def test_an_unknown_id_is_an_error_listing_the_banks_ids_with_its_line(tmp_path):
    path = _with_questions(tmp_path, [{"standard": "confidence"}, {"standard": "trusted"},
                                      {"standard": "fair", "pre": "Fair?"}, {"id": "Bad id", "pre": "x"}])
    with pytest.raises(ConfigError) as error:
        load_config(path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if "trusted" in text)
    assert error.value.problems == [
        f"{path}, line {line}, evaluation.questions[1].standard: expected the id of a standard question"
        " (confidence, well_informed, listen, fair, matters, relied_on, good_job), found 'trusted'",
        f"{path}, line {line + 2}, evaluation.questions[2].pre: a standard question takes its id, wording and"
        " scale from the bank; leave out 'pre' (only aliases and labels may be added)",
        f"{path}, line {line + 3}, evaluation.questions[3].id: expected lower case letters, digits and"
        " underscores (like 'trust'), found 'Bad id'",
    ]


def test_a_config_question_may_choose_the_agreement_scale(tmp_path):
    path = _with_questions(tmp_path, [{"id": "safe", "pre": "I feel safe here.", "scale": "agree"}])
    assert load_config(path).event.evaluation.questions[0].scale == "agree"
