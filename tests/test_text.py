from datetime import date, time

from packgen.text import clean_text, cutoff_words, money, shorten, uk_date, uk_dates, uk_time, uk_time_range


def test_clean_text_removes_xml_illegal_characters_and_counts_them():
    assert clean_text("a\x00b\x07c\x1fd\ufffe") == ("abcd", 4)


def test_clean_text_keeps_tab_newline_and_every_script():
    text = "tab\there\nليلى حداد রহিম Wiśniewska 🙂 & < >"
    assert clean_text(text) == (text, 0)


def test_clean_text_makes_windows_and_old_mac_line_endings_newlines():
    assert clean_text("a\r\nb\rc") == ("a\nb\nc", 0)


def test_clean_text_removes_lone_surrogates():
    assert clean_text("a\ud800b") == ("ab", 1)


def test_uk_date_is_gov_uk_style():
    assert uk_date(date(2022, 2, 25)) == "Friday 25 February 2022"


def test_uk_dates_groups_dates_in_one_month():
    days = [date(2021, 3, 9), date(2021, 3, 16), date(2021, 3, 23)]
    assert uk_dates(days) == "9, 16 and 23 March 2021"


def test_uk_dates_spells_out_dates_across_months():
    assert uk_dates([date(2021, 3, 30), date(2021, 4, 6)]) == "30 March 2021 and 6 April 2021"


def test_uk_time_is_gov_uk_style():
    assert [uk_time(time(9, 30)), uk_time(time(16)), uk_time(time(12)), uk_time(time(0))] == [
        "9:30am", "4pm", "midday", "midnight"]
    assert uk_time_range(time(9, 30), time(15, 30)) == "9:30am to 3:30pm"


def test_money_shows_pence_only_when_there_are_some():
    assert money(5000) == "£5,000"
    assert money(12.5) == "£12.50"


def test_cutoff_words_lists_every_score_counted():
    assert cutoff_words(8) == "8, 9 or 10 out of 10"
    assert cutoff_words(10) == "10 out of 10"


def test_clean_text_removes_del_and_c1_controls_but_keeps_latin_1_letters():
    assert clean_text("\x93quoted\x94\x7f\x80\x85\x9f café\xa0£") == ("quoted café\xa0£", 6)


def test_shorten_keeps_text_that_fits_whole():
    assert shorten("Trust  and\nconfidence", 21) == "Trust  and\nconfidence"


def test_shorten_cuts_at_a_space_near_the_limit_and_marks_the_cut():
    assert shorten("Trust and confidence Innovation Hub", 33) == "Trust and confidence Innovation…"


def test_shorten_cuts_mid_word_when_the_last_space_is_far_back():
    assert shorten("Trust and confidence Innovation Hub", 30) == "Trust and confidence Innovati…"
    assert shorten("Supercalifragilistic", 10) == "Supercali…"


def test_shorten_gives_at_most_the_limit():
    text = "word " * 100
    assert [len(shorten(text, limit)) for limit in (255, 31, 2)] == [250, 30, 2]
