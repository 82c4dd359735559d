"""The pipeline stages, one module each, side by side; each holds the library function a
``packgen`` command calls.

- :mod:`~packgen.stages.starter`: a starter config to fill in (``packgen init``).
- :mod:`~packgen.stages.pack`: one event config in, the four artefacts out (``packgen pack``).
- :mod:`~packgen.stages.templates`: a force's own templates checked against a config
  (``packgen templates check``).
- :mod:`~packgen.stages.print_forms`: the numbered paper forms and their layouts (``packgen print``).
- :mod:`~packgen.stages.entry_sheet`: a blank sheet for typing in paper forms (``packgen entry-sheet``).
- :mod:`~packgen.stages.results`: every source of a hub's results, scans too, into one dataset,
  and the scan review workbook (``packgen results``).
- :mod:`~packgen.stages.report`: the evaluation report and "You said, we did" (``packgen report``).
- :mod:`~packgen.stages.update`: the actions' history and the next "You said, we did" (``packgen update``).
- :mod:`~packgen.stages.batch`: many events at once, in parallel, incrementally (``packgen batch``).
- :mod:`~packgen.stages.rollup`: the force-wide roll-up of a batch (``packgen rollup``).
- :mod:`~packgen.stages.demo`: the whole pipeline on the bundled example (``packgen demo``).

Each function works without click: it takes plain arguments (paths, flags, and where it is
useful a callback told of progress), returns a small result object the command prints, and raises
:class:`~packgen.errors.PackgenError` for anything the user can put right.

The layer rule: the CLI (:mod:`packgen.cli`) → the stages → the renderers and readers
(:mod:`packgen.render`, :mod:`packgen.report`, :mod:`packgen.paper`, :mod:`packgen.results`) → the
model (:mod:`packgen.config`, :mod:`packgen.model`, :mod:`packgen.context`). A stage may call
another stage (the demo runs them all, a batch packs); nothing below the stages imports them or
the CLI.
"""
