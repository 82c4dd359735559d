"""The Jinja environment templates are rendered in (packgen.render.jinja)."""

from __future__ import annotations

import threading

import pytest
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError

from packgen.errors import TemplateError
from packgen.render.jinja import (
    RecordingUndefined,
    TextTemplates,
    make_environment,
    missing_names,
    recording_missing,
    render_text,
)


def test_a_text_is_compiled_once_and_kept_by_its_whole_text():
    environment = TextTemplates(undefined=StrictUndefined)

    first = environment.from_string("Hello {{ name }}")

    assert environment.from_string("Hello {{ name }}") is first
    assert environment.from_string("Hello {{ name }}!") is not first
    assert first.render(name="Sam") == "Hello Sam"


def test_kept_texts_are_bounded_by_jinjas_own_cache():
    environment = TextTemplates(cache_size=2)
    first = environment.from_string("a")
    environment.from_string("b")
    environment.from_string("c")

    assert environment.from_string("a") is not first


def test_an_environment_that_keeps_texts_prints_and_escapes_as_any_other():
    kept = make_environment(autoescape=True, keep_compiled=True)
    plain = make_environment(autoescape=True)
    source = "{{ value }} {{ 7*7 }}\n"

    assert kept.from_string(source).render(value="<&>") == plain.from_string(source).render(value="<&>")
    assert kept.from_string(source).render(value="<&>") == "&lt;&amp;&gt; 49\n"


def test_a_syntax_error_in_a_kept_text_is_jinjas_own():
    with pytest.raises(TemplateSyntaxError) as error:
        TextTemplates().from_string("{{ title }")

    assert error.value.message == "unexpected '}'"


def test_render_text_names_the_place_of_a_syntax_error_and_of_a_missing_name():
    with pytest.raises(TemplateError) as error:
        render_text("{{ title }", {}, "presentation.pptx, slide 3")
    assert str(error.value) == "presentation.pptx, slide 3: the placeholder text '{{ title }' is not valid: unexpected '}'"

    with pytest.raises(TemplateError) as error:
        render_text("{{ venu }}", {}, "planning.xlsx, Overview!B2")
    assert str(error.value) == ("planning.xlsx, Overview!B2: 'venu' is undefined; packgen cannot fill it"
                                " (see 'Template names' in the README)")


def test_missing_names_lists_every_one_in_jinjas_words():
    assert missing_names("{{ venu }} {{ venue.nme }} {{ title }}", {"venue": {}, "title": "x"}) == [
        "'venu' is undefined", "'dict object' has no attribute 'nme'"]


def test_render_text_reads_the_context_in_place_with_jinjas_globals_behind_it():
    context = {"title": "Hub", "items": ["a", "b"]}

    text = "{% set title = 'Changed' %}{{ title }} {{ items | join('+') }} {{ range(3) | list }}"
    result = render_text(text, context, "presentation.pptx, slide 1")

    assert result == "Changed a+b [0, 1, 2]"
    assert context == {"title": "Hub", "items": ["a", "b"]}  # a {% set %} stays in the text
    assert render_text("{{ title }}", {"title": "Other", "range": "typed"}, "x") == "Other"
    assert render_text("{{ range }}", {"range": "typed"}, "x") == "typed"  # the context before the globals


def render_recording(text: str) -> str:
    return make_environment(undefined=RecordingUndefined).from_string(text).render()


def test_two_recordings_one_after_the_other_keep_their_own_names():
    with recording_missing() as first:
        render_recording("{{ venu }}")
    with recording_missing() as second:
        render_recording("{{ titel }} {{ venu }}")
    assert first == ["'venu' is undefined"]
    assert second == ["'titel' is undefined", "'venu' is undefined"]


def test_a_recording_nested_in_another_keeps_its_own_names_and_the_outer_one_its_own():
    with recording_missing() as outer:
        render_recording("{{ venu }}")
        with recording_missing() as inner:
            render_recording("{{ titel }}")
        render_recording("{{ dates }}")
    assert outer == ["'venu' is undefined", "'dates' is undefined"]
    assert inner == ["'titel' is undefined"]


def test_two_recordings_at_once_in_two_threads_never_see_each_other_s_names():
    both_recording, both_rendered = threading.Barrier(2), threading.Barrier(2)
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        with recording_missing() as missing:
            both_recording.wait(timeout=10)  # each has started its recording before either renders
            render_recording("{{ %s }}" % name)
            both_rendered.wait(timeout=10)  # and both have rendered before either ends it
            found[name] = list(missing)

    threads = [threading.Thread(target=check, args=(name,)) for name in ("venu", "titel")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert found == {"venu": ["'venu' is undefined"], "titel": ["'titel' is undefined"]}


def test_a_recording_undefined_with_no_recording_running_fails_as_a_strict_one():
    with pytest.raises(UndefinedError) as error:
        render_recording("{{ venu }}")
    assert error.value.message == "'venu' is undefined"
