"""``packgen demo``: the whole pipeline on the bundled example hub and its sample results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packgen.output import write_atomically
from packgen.pack import PackResult, pack
from packgen.resources import example_folder
from packgen.starter import write_starter

Say = Callable[[str], None]


@dataclass
class DemoResult:
    config: Path
    pack: PackResult
    results: Path
    summary: list[str]


def sample_sources():
    """Return the bundled sample results as sources: every kind packgen reads."""
    from packgen.results import Sources

    samples = example_folder() / "results"
    planning = samples / "planning.xlsx"
    return Sources(pre=[samples / "pre-microsoft-forms.xlsx", planning],
                   post=[samples / "post-google-forms.csv", planning, samples / "returned"],
                   workbook=planning)


def run_demo(out: Path, force: bool = False, say: Say | None = None) -> DemoResult:
    """Write the example's config into ``out/example``, its pack into ``out``, and the dataset of
    its sample results into ``out/results.json``."""
    from packgen.results import ingest
    from packgen.results.summary import summary_lines

    say = say or (lambda message: None)
    config = write_starter(out / "example", force=True)  # the demo's own copy: always fresh
    say(f"Wrote the example config {config}")
    packed = pack(config, out, force=force, progress=lambda name: say(f"  building {name}"))
    dataset = ingest(packed.config, sample_sources())
    results = out / "results.json"
    write_atomically(results, dataset.to_json().encode("utf-8"))
    return DemoResult(config=config, pack=packed, results=results, summary=summary_lines(dataset))
