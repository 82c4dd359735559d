"""A question of the bank, on the five-point agreement scale, through every stage with exact counts:
config → Word forms → filled answers (Word forms and an online-form export) → results → the
evaluation and its report text → the roll-up of two hubs."""

import shutil
from pathlib import Path

import yaml

from conftest import tick_and_type
from packgen.batch import run_batch
from packgen.config import load_config
from packgen.context import build_context
from packgen.evaluation import evaluate
from packgen.render.docx import render_form
from packgen.report.charts import chart_alt
from packgen.report.evaluation_report import question_names
from packgen.resources import template_path
from packgen.results import Sources, ingest
from packgen.rollup import collect

BATCH_EXAMPLE = Path(__file__).resolve().parent / ".." / "config" / "batch-example"
HUBS = {  # hub: (pre ticks, post ticks, online post answers), one person per position
    "east": (["confidence=5", "confidence=3", "confidence=2", "confidence=1"],
             ["confidence=5", "confidence=4", "confidence=4", "confidence=2"],
             ["Strongly agree", "neither agree NOR disagree"]),
    "north": (["confidence=4", "confidence=3", "confidence=3"],
              ["confidence=4", "confidence=4", "confidence=1"],
              []),
}


def _batch(folder: Path) -> None:
    """Write the two hubs' configs, their defaults asking the bank's confidence question first."""
    folder.mkdir()
    defaults = yaml.safe_load((BATCH_EXAMPLE / "defaults.yaml").read_text(encoding="utf-8"))
    defaults["evaluation"]["questions"].insert(0, {"standard": "confidence"})
    (folder / "defaults.yaml").write_text(yaml.safe_dump(defaults, sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")
    shutil.copy(BATCH_EXAMPLE / "logo.png", folder / "logo.png")
    for hub in HUBS:
        shutil.copy(BATCH_EXAMPLE / f"{hub}.yaml", folder / f"{hub}.yaml")


def _results(folder: Path, hub: str, work: Path):
    """Fill in the hub's Word forms and online export, read them, and write its results beside it."""
    loaded = load_config(folder / f"{hub}.yaml")
    context = build_context(loaded.event)
    pre, post, online = HUBS[hub]
    sources = Sources()
    for stage, ticks in (("pre", pre), ("post", post)):
        returned = work / hub / stage
        returned.mkdir(parents=True)
        blank = render_form(context, stage, template_path(f"{stage}-event-form"), None)
        for person, tick in enumerate(ticks, start=1):
            (returned / f"{person}.docx").write_bytes(tick_and_type(blank, [tick], {"personal_code": [f"P{person}"]}))
        getattr(sources, stage).append(returned)
    if online:
        export = work / hub / "post-online.csv"
        export.write_text("code,confidence\n" + "".join(f"W{n},{answer}\n" for n, answer in enumerate(online)),
                          encoding="utf-8")
        sources.post.append(export)
    dataset = ingest(loaded, sources)
    (folder / f"{hub}.results.json").write_text(dataset.to_json(), encoding="utf-8")
    return loaded, dataset


def test_a_five_point_question_goes_through_every_stage(tmp_path):
    folder = tmp_path / "batch"
    _batch(folder)
    loaded, dataset = _results(folder, "east", tmp_path / "work")
    assert [str(issue) for issue in dataset.issues if "confidence" in str(issue)] == []
    assert sorted(r.scores["confidence"] for r in dataset.pre) == [1, 2, 3, 5]
    assert sorted(r.scores["confidence"] for r in dataset.post) == [2, 3, 4, 4, 5, 5]

    evaluation = evaluate(loaded.event, dataset)
    result = evaluation.questions[0]
    assert (result.id, result.scale, result.cutoff, result.cutoff_words) == (
        "confidence", "agree", 4, "strongly agree or agree")
    assert (result.pre.count, result.pre.n, result.post.count, result.post.n) == (1, 4, 4, 6)
    assert result.pre_distribution == [1, 1, 1, 0, 1]  # strongly disagree … strongly agree
    assert result.post_distribution == [0, 1, 1, 2, 2]
    assert result.cutoff_test.paired and result.cutoff_test.n == 4  # the four Word pairs by code
    assert (result.cutoff_test.moved_up, result.cutoff_test.moved_down) == (2, 0)

    names = question_names(1, result, None)
    assert names["wording"] == "All things considered, I have confidence in the police in this area."
    assert names["figures"][1]["label"] == "Scored strongly agree or agree"
    assert [(row["score"], row["pre"], row["post"], row["at_or_above"]) for row in names["distribution"]["rows"]] == [
        ("Strongly disagree", 1, 0, False), ("Disagree", 1, 1, False), ("Neither agree nor disagree", 1, 1, False),
        ("Agree", 0, 2, True), ("Strongly agree", 1, 2, True)]
    assert names["distribution"]["noun"] == "Answer"
    assert chart_alt(result, "the question") == (
        "Bar chart of how many people gave each answer from strongly disagree to strongly agree to the"
        " question, before and after the hub. Before, 1 of 4 (25%) scored strongly agree or agree; after, 4 of 6 (67%).")

    _results(folder, "north", tmp_path / "work")
    out = tmp_path / "out"
    run_batch(folder, out, jobs=1)
    rollup = collect(out)
    assert [(hub.name, hub.questions["confidence"].before, hub.questions["confidence"].after)
            for hub in rollup.hubs] == [("east", (1, 4), (4, 6)), ("north", (1, 3), (2, 3))]
    assert (rollup.totals.questions["confidence"].before, rollup.totals.questions["confidence"].after) == (
        (2, 7), (6, 9))
    assert rollup.question_cutoffs == {"confidence": "strongly agree or agree"}
