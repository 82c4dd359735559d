"""The ``packgen`` command: click decorators, messages and exit codes, nothing else.

Each command calls a library function that works without click. Errors the user can cause are
:class:`~packgen.errors.PackgenError`; :class:`PackgenGroup` turns them into a message and an exit
code in this one place. Heavy imports happen inside the commands, so ``packgen --help`` is instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from packgen import __version__
from packgen.errors import BatchFailed, PackgenError


class UserError(click.ClickException):
    """A :class:`PackgenError` as click shows it: ``Error: <message>`` and its exit code."""

    def __init__(self, error: PackgenError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class PackgenGroup(click.Group):
    """The command group; the one place a user error becomes a message and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PackgenError as error:
            raise UserError(error) from None


def _warn(messages: list[str]) -> None:
    for message in messages:
        click.secho(f"Warning: {message}", err=True, fg="yellow")


_CONFIG = click.argument("config", type=click.Path(path_type=Path, dir_okay=False))


@click.group(cls=PackgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="packgen")
def cli() -> None:
    """Build the pack for an Innovation Hub from one event config.

    \b
    Start here:
      packgen init my-hub            write a starter config to fill in
      packgen validate my-hub/hub.yaml
      packgen pack my-hub/hub.yaml -o my-hub/pack

    The pack is four files: pre- and post-event forms (Word), the presentation (PowerPoint) and
    the planning workbook (Excel). For paper, print numbered forms that read themselves back:

    \b
      packgen print my-hub/hub.yaml --copies 60 -o my-hub/paper

    After the hub:

    \b
      packgen results my-hub/hub.yaml --workbook my-hub/pack/planning.xlsx -o my-hub/results.json
      packgen report my-hub/hub.yaml --results my-hub/results.json -o my-hub/reports

    ('results --scans scans.pdf' reads the scanned paper forms too.)

    And as the actions progress, the next "You said, we did":

    \b
      packgen update my-hub/hub.yaml --workbook my-hub/pack/planning.xlsx -o my-hub/reports
    """


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Replace a hub.yaml already in FOLDER.")
def init(folder: Path, force: bool) -> None:
    """Write a starter config (hub.yaml, with notes on every setting) into FOLDER.

    The starter is the bundled example hub, with its invite list and logo: change its values
    to your hub's, then run 'packgen validate'.
    """
    from packgen.stages.starter import write_starter

    target = write_starter(folder, force)
    click.echo(f"Wrote {target}, with invitees.csv and logo.png beside it.")
    click.echo("Next: edit hub.yaml, then run")
    click.echo(f"  packgen validate {target}")
    click.echo(f"  packgen pack {target} -o {folder / 'pack'}")


@cli.command()
@_CONFIG
def validate(config: Path) -> None:
    """Check an event config and report every problem at once.

    Exits 0 when the config is valid and 1 when it is not.
    """
    from packgen.config import load_config

    loaded = load_config(config)
    _warn(loaded.warnings)
    event = loaded.event
    click.echo(f"{config} is valid.")
    click.echo(f"  {event.title}: {len(event.dates)} date(s), {len(event.sessions)} sessions,"
               f" {len(event.table_list)} tables, {len(event.invitees)} invitees,"
               f" {len(event.evaluation.questions)} survey questions.")


@cli.command()
@_CONFIG
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="out",
              show_default=True, help="Folder to write the pack into.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of your own templates (docx/, pptx/, xlsx/); any it lacks come from packgen.")
@click.option("--force", is_flag=True,
              help="Replace files you have changed, or a workbook holding typed-in results"
                   " (your versions are kept as dated copies).")
def pack(config: Path, out: Path, templates: Path | None, force: bool) -> None:
    """Build the four artefacts of the hub described by CONFIG.

    Writes pre-event-form.docx, post-event-form.docx, presentation.pptx and planning.xlsx into the
    output folder. Nothing is written unless the config is valid and all four build.
    """
    _run_pack(config, out, templates, force)


def _run_pack(config: Path, out: Path, templates: Path | None, force: bool) -> None:
    from packgen.stages.pack import pack as build

    result = build(config, out, templates=templates, force=force,
                   progress=lambda name: click.echo(f"  building {name}", err=True))
    _warn(result.config.warnings)
    for copy in result.report.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    for path in result.report.written:
        click.echo(f"Wrote {path}")


@cli.command()
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="out",
              show_default=True, help="Folder to write into.")
@click.option("--force", is_flag=True, help="Replace files you have changed in the folder.")
def demo(out: Path, force: bool) -> None:
    """Run everything on the bundled example hub (25 February 2022) and its sample results.

    Writes the example's config into OUT/example, its pack into OUT, the dataset read from the
    sample results (every kind of source packgen reads) into OUT/results.json, and the evaluation
    report and "You said, we did" built from it into OUT, then its second update
    (you-said-we-did-2.pdf and .eml, as 'packgen update' makes them). Then the paper round trip,
    into OUT/paper: the numbered paper forms printed, and the sample scans of them read back into a
    results file of their own and the review workbook of what they leave to check.
    """
    from packgen.stages.demo import run_demo

    result = run_demo(out, force, say=lambda message: click.echo(message, err=True))
    _warn(result.pack.config.warnings)
    for path in result.pack.report.written:
        click.echo(f"Wrote {path}")
    for line in result.summary:
        click.echo(line)
    click.echo(f"Wrote {result.results}")
    _warn(result.report_messages)
    for path in result.reports.written:
        click.echo(f"Wrote {path}")
    for path in result.update.written if result.update else []:
        click.echo(f"Wrote {path}")


class _UkDate(click.ParamType):
    """A date on the command line, written 06/05/2022, 6 May 2022 or 2022-05-06."""

    name = "date"

    def convert(self, value, param, ctx):
        from packgen.model import parse_uk_date

        try:
            return parse_uk_date(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


_FILES = click.Path(path_type=Path, exists=True)


def _source_options(command):
    """Add the options naming where a hub's results come from (``results`` and ``report``)."""
    options = [
        click.option("--pre", "pre", multiple=True, type=_FILES, metavar="FILE",
                     help="Pre-event forms: an export (.xlsx, .csv), a returned form (.docx) or a folder"
                          " of them. Repeat for several."),
        click.option("--post", "post", multiple=True, type=_FILES, metavar="FILE", help="Post-event forms, as --pre."),
        click.option("--notes", multiple=True, type=_FILES, metavar="FILE", help="Session notes (.xlsx or .csv)."),
        click.option("--actions", multiple=True, type=_FILES, metavar="FILE",
                     help="\"You said, we did\" actions (.xlsx or .csv)."),
        click.option("--workbook", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                     help="The planning workbook: its capture sheets supply whatever the options above do not."),
        click.option("--scans", multiple=True, type=_FILES, metavar="PATH",
                     help="Scanned paper forms: a PDF from the scanner or a folder of page images, pre and post"
                          " mixed. Repeat for several."),
        click.option("--layout", "layouts", multiple=True, type=click.Path(path_type=Path, exists=True,
                                                                          dir_okay=False),
                     metavar="FILE", help="The layout file written beside the printed forms (when the config"
                                          " has changed since printing)."),
        click.option("--review", type=click.Path(path_type=Path, dir_okay=False),
                     help="The scan review workbook to read decisions from and update  [default:"
                          " scan-review.xlsx beside the results]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _sources(pre, post, notes, actions, workbook, scans=(), layouts=(), review=None):
    from packgen.results import Sources

    return Sources(pre=list(pre), post=list(post), notes=list(notes), actions=list(actions), workbook=workbook,
                   scans=list(scans), layouts=list(layouts), review=review)


@cli.command()
@_CONFIG
@_source_options
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), default="results.json",
              show_default=True, help="Where to write the results dataset.")
@click.option("--strict", is_flag=True, help="Treat any problem in the results as an error.")
@click.option("--force", is_flag=True,
              help="Replace a file packgen did not write, or one changed since (yours is kept as a dated copy).")
def results(config: Path, pre, post, notes, actions, workbook, scans, layouts, review, out: Path,
            strict: bool, force: bool) -> None:
    """Read a hub's results from every source into one dataset (results.json).

    Prints what was read from each source, how many forms were paired by personal code, and every
    value that could not be used, with its file, sheet, row and column. Your files are never changed,
    and OUT is never one of them. Scans leave what needs a person's eye in a review workbook; run
    again once it is filled in.
    """
    from packgen.stages.results import default_review, run_results

    if scans and review is None:
        review = default_review(out)
    if review is not None:
        _check_review_path(review, out, [*pre, *post, *notes, *actions, *scans, *layouts, workbook])
    result = run_results(config, _sources(pre, post, notes, actions, workbook, scans, layouts, review), out,
                         strict=strict, force=force, say=click.echo, warn=_warn,
                         progress=lambda line: click.echo(line, err=True))
    for copy in result.written.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    click.echo(f"Wrote {result.out}")


def _check_review_path(review: Path, out: Path, inputs: list) -> None:
    if review.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"expected a name ending .xlsx, found '{review.name}'", param_hint="--review")
    if review.resolve() == out.resolve() or any(p and Path(p).resolve() == review.resolve() for p in inputs):
        raise click.BadParameter(f"'{review}' is also read or written as something else; name another file",
                                 param_hint="--review")


@cli.command()
@_CONFIG
@click.option("--results", "results_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="The results file written by 'packgen results'.")
@_source_options
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="out",
              show_default=True, help="Folder to write the two PDFs into.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of your own templates; its report/ folder's files replace packgen's.")
@click.option("--force", is_flag=True, help="Replace PDFs you have changed (your versions are kept as dated copies).")
@click.option("--date", "as_of", type=_UkDate(), default=None,
              help="The day the reports are built (default: today); actions due before it and not done are overdue.")
def report(config: Path, results_file: Path | None, pre, post, notes, actions, workbook, scans, layouts, review,
           out: Path, templates: Path | None, force: bool, as_of) -> None:
    """Build the evaluation report and the "You said, we did" update (two accessible PDFs).

    Reads the results from a results file (--results) or afresh from the sources 'packgen results'
    accepts, and writes evaluation-report.pdf and you-said-we-did.pdf into the output folder.
    Nothing is written unless both build.
    """
    from datetime import date

    from packgen.stages.report import write_reports

    sources = _sources(pre, post, notes, actions, workbook, scans, layouts, review)
    result = write_reports(config, out, results=results_file, sources=sources,
                           templates=templates, force=force, as_of=as_of or date.today())
    _warn(result.config.warnings + result.warnings)
    for copy in result.written.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    for path in result.written.written:
        click.echo(f"Wrote {path}")


@cli.command()
@_CONFIG
@click.option("--workbook", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="The planning workbook whose Actions sheet says where each action stands now.")
@click.option("--results", "results_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="The results file the first \"You said, we did\" was built from (needed once, for"
                   " the first update).")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="out",
              show_default=True, help="Folder of the history and the editions.")
@click.option("--date", "as_of", type=_UkDate(), default=None,
              help="The date of this update (default: today). Actions due before it and not done are overdue.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of your own templates; its report/ folder's files replace packgen's.")
@click.option("--force", is_flag=True, help="Replace a history you have changed (yours is kept as a dated copy).")
def update(config: Path, workbook: Path, results_file: Path | None, out: Path, as_of, templates: Path | None,
           force: bool) -> None:
    """Record where the actions stand and build the next "You said, we did" update.

    Compares the workbook's Actions sheet with the last entry of actions-history.json in the output
    folder. If anything changed, adds one dated entry to it and writes the next edition,
    you-said-we-did-2.pdf (then -3, ...), with an email draft (.eml) to send to the attendees who
    asked for updates. Nothing is written when nothing changed; an edition is never written over.

    Example: packgen update hub.yaml --workbook planning.xlsx --results results.json -o out
    """
    from datetime import date

    from packgen.stages.update import write_update

    result = write_update(config, workbook, out, as_of or date.today(), results=results_file,
                          templates=templates, force=force)
    _warn(result.warnings)
    if (unchanged := result.unchanged()) is not None:
        click.echo(unchanged)
    for copy in result.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    for path in result.written:
        click.echo(f"Wrote {path}")


@cli.command("entry-sheet")
@_CONFIG
@click.option("--stage", type=click.Choice(["pre", "post"]), required=True, help="Which form the sheet is for.")
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The sheet to write: .xlsx or .csv.")
@click.option("--force", is_flag=True,
              help="Replace a sheet you have typed into, or a file packgen did not write (yours is kept as a"
                   " dated copy).")
def entry_sheet(config: Path, stage: str, out: Path, force: bool) -> None:
    """Write a blank sheet for typing in paper forms, headed exactly as the forms are printed."""
    from packgen.stages.entry_sheet import SUFFIXES, run_entry_sheet

    if out.suffix.lower() not in SUFFIXES:
        raise click.BadParameter(f"expected a name ending .csv or .xlsx, found '{out.name}'", param_hint="-o")
    result = run_entry_sheet(config, stage, out, force=force, warn=_warn)
    for copy in result.written.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    click.echo(f"Wrote {result.out}")


@cli.command("print")
@_CONFIG
@click.option("--copies", type=click.IntRange(min=1, max=1000), default=None, metavar="N",
              help="How many numbered forms of each stage to print (default: the number invited,"
                   " rounded up to the next ten, for spares).")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="out",
              show_default=True, help="Folder to write the forms into.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of your own templates; its paper/ folder's files (form.html, paper.css)"
                   " replace packgen's.")
@click.option("--force", is_flag=True, help="Replace files you have changed (your versions are kept as dated copies).")
def print_command(config: Path, copies: int | None, out: Path, templates: Path | None, force: bool) -> None:
    """Print numbered paper forms that packgen can read back from scans.

    Writes pre-event-forms.pdf and post-event-forms.pdf, N forms each numbered 1 to N, and the
    layout of each (pre-event-forms.layout.json, post-event-forms.layout.json) that scans are
    read by. Print them on both sides of A4. Give every attendee a pre and a post form with the
    same number, handed out at random, and never note who got which number.
    """
    from packgen.stages.print_forms import print_forms

    result = print_forms(config, out, copies, templates=templates, force=force)
    _warn(result.config.warnings + result.warnings)
    for copy in result.written.kept_copies:
        click.echo(f"Kept your previous version as {copy}")
    for path in result.written.written:
        click.echo(f"Wrote {path}")
    click.echo(result.summary())


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default="batch-out",
              show_default=True, help="Folder to build into: one folder per event, and manifest.json.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="How many events to build at once (default: one per processor core).")
@click.option("--reports", is_flag=True, help="Also build the two PDFs for every event that has results.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of your own templates for every event.")
@click.option("--rollup", "with_rollup", is_flag=True,
              help="Then build the force-wide roll-up (rollup.pdf, rollup.xlsx) of the events with results.")
@click.option("--force", is_flag=True, help="Rebuild every event, even those that have not changed.")
@click.option("--date", "as_of", type=_UkDate(), default=None,
              help="The day the reports and roll-up are as of (default: today); actions due before it and not done"
                   " are overdue.")
def batch(source: Path, out: Path, jobs: int | None, reports: bool, templates: Path | None, with_rollup: bool,
          force: bool, as_of) -> None:
    """Build the packs of many hubs at once, from a folder of event configs or a batch file.

    In a folder, every .yaml file is an event and defaults.yaml holds the settings they share.
    Events that have not changed since the last run are skipped. One event that fails never stops
    the others; the exit code is 1 when any failed.
    """
    from datetime import date

    from packgen.stages.batch import discover, run_batch

    found = discover(source)
    _warn(found.warnings)
    count = len(found.events)
    with click.progressbar(length=count, label=f"Building {count} events", file=sys.stderr,
                           show_pos=True) as bar:
        outcomes = run_batch(found, out, jobs=jobs, reports=reports, force=force, templates=templates,
                             progress=lambda outcome: bar.update(1), as_of=as_of or date.today())
    width = max(len(o.name) for o in outcomes)
    click.echo(f"{'Event':<{width}}  {'Status':<8}  Outputs or reason")
    for outcome in outcomes:
        detail = ", ".join(outcome.outputs) if outcome.status != "failed" else outcome.reason.splitlines()[0]
        click.echo(f"{outcome.name:<{width}}  {outcome.status:<8}  {detail}")
        if outcome.status == "failed":
            for line in outcome.reason.splitlines()[1:]:
                click.echo(f"{'':<{width}}  {'':<8}  {line.strip()}")
    counts = {status: sum(o.status == status for o in outcomes) for status in ("built", "skipped", "failed")}
    click.echo(f"{counts['built']} built, {counts['skipped']} unchanged, {counts['failed']} failed."
               f" Manifest: {out / 'manifest.json'}")
    if with_rollup:
        from packgen.stages.rollup import write_rollup

        for path in write_rollup(out, force, as_of)[1].written:
            click.echo(f"Wrote {path}")
    if counts["failed"]:
        raise BatchFailed(f"{counts['failed']} of {len(outcomes)} events failed; each is listed above with its"
                          " reason, and the others were built")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--force", is_flag=True, help="Replace a roll-up you have changed (yours is kept as a dated copy).")
@click.option("--date", "as_of", type=_UkDate(), default=None,
              help="The day the action register is as of (default: today): overdue actions, promises broken.")
def rollup(folder: Path, force: bool, as_of) -> None:
    """Build the force-wide roll-up of a batch: rollup.pdf and rollup.xlsx in FOLDER.

    FOLDER is the output folder of 'packgen batch'. Every event with results is shown side by
    side, with the force-wide totals. A count below the disclosure threshold is shown as "fewer
    than N", and any other count that would let a hidden one be worked out from the totals or the
    other hubs is withheld too ("not shown").
    """
    from packgen.stages.rollup import write_rollup

    result, written = write_rollup(folder, force, as_of)
    for reason in result.skipped:
        click.echo(f"Left out {reason}")
    for path in written.written:
        click.echo(f"Wrote {path}")


@cli.group()
def templates() -> None:
    """Work with your own branded templates."""


@templates.command("check")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("-c", "--config", type=click.Path(path_type=Path, dir_okay=False),
              help="Check against this event config (default: the bundled example).")
def templates_check(folder: Path, config: Path | None) -> None:
    """List every placeholder in FOLDER's templates that the config cannot fill.

    FOLDER holds docx/pre-event-form.docx, docx/post-event-form.docx, pptx/presentation.pptx,
    xlsx/planning.xlsx, the report/ templates and the paper/ form (form.html, paper.css), or some
    of them; the paper form is also checked as 'packgen print' lays it out. Exits 1 when a
    problem is found.
    """
    from packgen.stages.templates import check_templates

    result = check_templates(folder, config)
    for path in result.checked:
        click.echo(f"Checked {path}")
    for name in result.bundled:
        click.echo(f"Not in the folder, packgen's own will be used: {name}")
    if (error := result.error()) is not None:
        raise error
    click.echo("No problems found.")


def main(argv: list[str] | None = None) -> None:
    """Run packgen as a command (``packgen`` and ``python -m packgen``)."""
    cli.main(args=argv, prog_name="packgen")
