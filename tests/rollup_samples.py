"""The example batch the roll-up's tests share: built with four hubs' results, and tracked (two
hubs with an actions' history). Used by tests/stages/test_rollup.py and
tests/render/xlsx/test_rollup.py, each building it once."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

from packgen.results.dataset import read_dataset
from packgen.stages.batch import run_batch

BATCH_EXAMPLE = Path(__file__).resolve().parents[1] / "config" / "batch-example"
WITH_RESULTS = ["central-south", "east", "north", "west"]
AS_OF = date(2023, 9, 1)


def build_batch(tmp_path_factory) -> Path:
    """Return the output folder of the example batch with two events without results and the four with."""
    folder = tmp_path_factory.mktemp("batch")
    for name in ["defaults.yaml", "logo.png", "central-east.yaml",
                 *(f"{n}.yaml" for n in WITH_RESULTS), *(f"{n}.results.json" for n in WITH_RESULTS)]:
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    out = tmp_path_factory.mktemp("out")
    run_batch(folder, out, jobs=1)
    return out


def history_text(results: Path, steps) -> str:
    """Return an actions' history as 'packgen update' writes it: edition 1 of the actions in
    ``results``, then one edition per step, each (its date, {action's position: new status})."""
    from packgen.editions import appended, snapshot

    actions = read_dataset(results).actions
    text, last = None, None
    for number, (day, changes) in enumerate(steps, start=1):
        actions = [dataclasses.replace(a, status=changes.get(i, a.status)) for i, a in enumerate(actions)]
        entry = snapshot(actions, last, day, number)
        text, last = appended(text, entry), entry
    return text


def track_batch(built: Path, tmp_path_factory) -> Path:
    """Return a copy of the ``built`` batch, East with three editions (the third late) and North with
    two (the second late); Central South and West with none."""
    from packgen.editions import HISTORY

    out = tmp_path_factory.mktemp("tracked") / "out"
    shutil.copytree(built, out)
    (out / "east" / HISTORY).write_text(history_text(BATCH_EXAMPLE / "east.results.json", [
        (date(2023, 4, 18), {}), (date(2023, 6, 1), {1: "Done", 3: "In progress"}), (date(2023, 8, 15), {2: "Done"})]),
        encoding="utf-8")
    (out / "north" / HISTORY).write_text(history_text(BATCH_EXAMPLE / "north.results.json", [
        (date(2023, 4, 25), {}), (date(2023, 7, 1), {4: "Not doing"})]), encoding="utf-8")
    return out
