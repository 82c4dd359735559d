import pytest

from packgen import scales
from packgen.scales import AGREE, ZERO_TO_TEN


def test_the_agreement_scale_is_stored_as_one_to_five_and_printed_as_labels():
    assert AGREE.values == (5, 4, 3, 2, 1)
    assert [AGREE.label(v) for v in AGREE.values] == [
        "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
    assert AGREE.cutoff(9, 8) == 4  # the share agreeing, whatever the config's cut-off
    assert AGREE.positive(4) == [5, 4]
    assert AGREE.positive_words(4) == "strongly agree or agree"
    assert AGREE.distribution([5, 5, 1, 3]) == [1, 0, 1, 0, 2]


def test_the_zero_to_ten_scale_keeps_its_words():
    assert ZERO_TO_TEN.cutoff(None, 8) == 8 and ZERO_TO_TEN.cutoff(7, 8) == 7
    assert ZERO_TO_TEN.positive_words(8) == "8, 9 or 10 out of 10"
    assert ZERO_TO_TEN.positive_words(10) == "10 out of 10"
    assert ZERO_TO_TEN.distribution([0, 10, 10]) == [1] + [0] * 9 + [2]


@pytest.mark.parametrize("typed, read", [
    ("Strongly agree", (5, None)), ("strongly  AGREE", (5, None)), ("Neither agree nor disagree", (3, None)),
    (" disagree ", (2, None)), ("", (None, None)), (None, (None, None)),
    ("4", (None, "expected one of 'Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree',"
              " 'Strongly disagree', found '4'")),
    (4, (None, "expected one of 'Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree',"
            " 'Strongly disagree', found '4'")),
    ("Tend to agree", (None, "expected one of 'Strongly agree', 'Agree', 'Neither agree nor disagree',"
                             " 'Disagree', 'Strongly disagree', found 'Tend to agree'")),
])
def test_agreement_answers_are_read_by_their_labels_never_numbers(typed, read):
    assert AGREE.parse(typed) == read


def test_a_config_label_maps_another_wording():
    assert AGREE.parse("Tend to agree", {"Tend to agree": 4}) == (4, None)


@pytest.mark.parametrize("typed, read", [
    (8, (8, None)), ("7/10", (7, None)), ("8 - Very likely", (8, None)),
    (11, (None, "expected a score from 0 to 10, found 11")),
    (7.5, (None, "expected a whole score from 0 to 10, found 7.5")),
])
def test_zero_to_ten_answers_are_read_as_before(typed, read):
    assert ZERO_TO_TEN.parse(typed) == read


def test_tick_box_titles_go_both_ways():
    assert AGREE.box_title(1, "confidence", 5) == "Question 1 (confidence): Strongly agree"
    assert ZERO_TO_TEN.box_title(2, "trust", 7) == "Question 2 (trust): 7 out of 10"
    assert scales.box_key("Question 1 (confidence): Strongly agree") == "confidence=5"
    assert scales.box_key("Question 1 (confidence): Neither agree nor disagree") == "confidence=3"
    assert scales.box_key("Question 2 (trust): 7 out of 10") == "trust=7"
    assert scales.box_key("Question 2 (trust): Somewhat") is None


def test_the_words_of_a_survey_say_which_scales_it_uses():
    assert scales.survey_sentence(["0-10"]) == "Each question is scored from 0 to 10."
    assert scales.survey_sentence(["agree"]) == (
        "Each question asks how much people agree, from strongly disagree to strongly agree.")
    assert scales.method_note(["0-10"]) == ""
    assert AGREE.spread == "each answer from strongly disagree to strongly agree"
    assert ZERO_TO_TEN.spread == "each score from 0 to 10"


def test_the_slides_say_how_the_form_s_questions_are_answered():
    from packgen.scales import answers_sentence

    assert answers_sentence(["0-10", "0-10"]) == "Each asks for a score from 0 to 10."
    assert answers_sentence(["agree"]) == "Each asks how much you agree, from strongly agree to strongly disagree."
    assert answers_sentence(["agree", "0-10"]) == "Some ask for a score from 0 to 10, others how much you agree."


def test_the_agreement_chart_s_labels_are_broken_so_neighbours_never_touch():
    from packgen.scales import AGREE, ZERO_TO_TEN

    assert AGREE.tick_labels() == ["Strongly\ndisagree", "Disagree", "Neither\nagree nor\ndisagree", "Agree",
                                   "Strongly\nagree"]
    assert ZERO_TO_TEN.tick_labels() == [str(n) for n in range(11)]
