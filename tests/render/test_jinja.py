"""The Jinja environment templates are rendered in (packgen.render.jinja)."""

from __future__ import annotations

import pytest
from jinja2 import StrictUndefined, TemplateSyntaxError

from packgen.errors import TemplateError
from packgen.render.jinja import TextTemplates, make_environment, missing_names, render_text


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
