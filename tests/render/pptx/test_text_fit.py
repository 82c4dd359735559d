"""Measuring text and shrink-to-fit (packgen.render.pptx.text_fit)."""

from __future__ import annotations

from pptx.oxml.ns import qn

from conftest import LONG_TEXT
from decks import render, titled


def test_long_text_is_kept_whole_and_shrunk(hostile_context):
    slide = titled(render(hostile_context), "Why we are here")[0]
    purpose = next(s for s in slide.shapes if s.name == "Purpose")
    autofit = purpose.text_frame._txBody.bodyPr.find(qn("a:normAutofit"))

    assert purpose.text_frame.text == LONG_TEXT.strip()  # the config trims text
    assert int(autofit.get("fontScale")) < 100000


def test_text_that_fits_is_not_shrunk(example_context):
    slide = titled(render(example_context), "Why we are here")[0]
    question = next(s for s in slide.shapes if s.name == "Focal question")

    assert question.text_frame._txBody.bodyPr.find(qn("a:normAutofit")).get("fontScale") is None

