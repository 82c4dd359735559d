"""The presentation: a PowerPoint template filled from the event, and the small engine doing it.

The template language — placeholders, repeated slides and table rows, shrink-to-fit, the ``logo``
and ``brand-*`` shapes — is the contract for anyone writing a force's own ``presentation.pptx``;
it is described in :mod:`packgen.render.pptx.template`. The engine's modules, each with one job:

- :mod:`~packgen.render.pptx.render` — :func:`render_presentation`, every step slide by slide;
- :mod:`~packgen.render.pptx.template` — the language, reading a template, :func:`check_template`;
- :mod:`~packgen.render.pptx.paragraphs` — finding paragraphs, reading and replacing their text;
- :mod:`~packgen.render.pptx.filling` — rendering a paragraph's placeholders;
- :mod:`~packgen.render.pptx.loops` — repeated slides and table rows;
- :mod:`~packgen.render.pptx.slides` — copying, deleting and splitting slides;
- :mod:`~packgen.render.pptx.text_fit` — measuring text, shrink-to-fit;
- :mod:`~packgen.render.pptx.brand` — the logo and the brand colours;
- :mod:`~packgen.render.pptx.shapes` and :mod:`~packgen.render.pptx.tags` — finding shapes, and
  the XML element names walked.

python-pptx's private names are used only through :mod:`packgen.render.ooxml.presentation`.
"""

from packgen.render.pptx.render import render_presentation
from packgen.render.pptx.template import check_template

__all__ = ["check_template", "render_presentation"]
