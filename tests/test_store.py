"""Tests for packgen.store: one run's parsed templates."""

from __future__ import annotations

import os

import pytest

from packgen.store import TemplateStore, store_or_new


def _text(path):
    return path.read_text()


def _length(path):
    return len(path.read_text())


def test_a_file_is_made_once_while_unchanged(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("one")
    store = TemplateStore()
    assert [store.get(template, _text), store.get(template, _text)] == ["one", "one"]
    assert store.made == 1


def test_an_edited_file_is_made_again(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("one")
    store = TemplateStore()
    store.get(template, _text)
    template.write_text("three")
    os.utime(template, ns=(1, 1))
    assert store.get(template, _text) == "three"
    assert store.made == 2


def test_each_kind_of_value_is_kept_apart(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("four")
    store = TemplateStore()
    assert (store.get(template, _text), store.get(template, _length)) == ("four", 4)


def test_two_stores_share_nothing(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("one")
    first, second = TemplateStore(), TemplateStore()
    first.get(template, _text)
    second.get(template, _text)
    assert (first.made, second.made) == (1, 1)


def test_what_make_raises_is_raised_and_nothing_kept(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("one")
    store = TemplateStore()

    def broken(path):
        raise RuntimeError("bad template")

    with pytest.raises(RuntimeError, match="bad template"):
        store.get(template, broken)
    assert store.made == 0


def test_a_lambda_is_refused_because_it_names_no_kind(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("one")
    with pytest.raises(ValueError, match="needs a named function"):
        TemplateStore().get(template, lambda path: path.read_text())


def test_a_caller_without_a_store_gets_a_fresh_one():
    store = TemplateStore()
    assert store_or_new(store) is store
    assert isinstance(store_or_new(None), TemplateStore)
