"""The batch stage: packs (and reports) for many hubs at once, in parallel, incrementally.

A batch is a folder of event configs, or a batch file listing them, with an optional defaults
file every event extends key by key (see :func:`packgen.config.merge`). Each event is built into
``OUT/<event>/``; one that fails is reported and never stops the others. ``OUT/manifest.json``
records, per event, the hash of every input (config, defaults, templates, results, packgen's
version) and of every output, so a re-run rebuilds only what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from packgen import __version__
from packgen.errors import ConfigError, PackgenError
from packgen.output import LOCK_FILE, STATE_FILE, check_outputs, sha256, write_outputs
from packgen.resources import data_folder
from packgen.store import TemplateStore, store_or_new
from packgen.stages.rollup import ROLLUP_PDF, ROLLUP_XLSX

MANIFEST = "manifest.json"
DEFAULTS_NAMES = ("defaults.yaml", "defaults.yml")
RESULTS_SUFFIX = ".results.json"
"""An event ``central-south.yaml`` has results when ``central-south.results.json`` sits beside it."""


@dataclass(frozen=True)
class BatchEvent:
    """One event of a batch: its name (the output folder), config and results, if any."""

    name: str
    config: Path
    results: Path | None = None
    problem: str | None = None
    """Why the event cannot be built at all (a name that is not a folder name), else None."""


@dataclass
class Batch:
    events: list[BatchEvent]
    defaults: Path | None
    warnings: list[str] = field(default_factory=list)
    """What was removed from the batch file (control characters), each with its line."""


@dataclass
class Outcome:
    """What happened to one event."""

    name: str
    status: str
    """built, skipped (nothing changed) or failed"""
    outputs: dict[str, str] = field(default_factory=dict)
    """Output file (relative to the event's folder) → sha256."""
    inputs: str = ""
    """One hash over every input."""
    reason: str = ""


Progress = Callable[[Outcome], None]


# --- Finding the events ---------------------------------------------------------------------------


def discover(source: Path) -> Batch:
    """Return the events of a batch folder or batch file.

    A folder: every ``*.yaml`` in it is an event, except ``defaults.yaml``, which they all extend.
    A batch file: ``defaults:`` (optional) and ``events:``, a list of config paths or of mappings
    with ``config``, and optionally ``name`` and ``results``; paths are relative to the file.
    """
    if source.is_dir():
        return _discover_folder(source)
    if source.is_file():
        return _discover_file(source)
    raise ConfigError(f"{source}: no such batch folder or batch file")


def _discover_folder(folder: Path) -> Batch:
    defaults = next((folder / n for n in DEFAULTS_NAMES if (folder / n).is_file()), None)
    configs = sorted((p for p in folder.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.name not in DEFAULTS_NAMES), key=lambda p: p.stem)
    if not configs:
        raise ConfigError(f"{folder}: the folder holds no event configs (.yaml files)")
    return Batch([_event(p.stem, p, None, str(p), "rename the file") for p in configs], defaults)


def _discover_file(path: Path) -> Batch:
    from packgen.config import BATCH_FILE, load_yaml

    document = load_yaml(path, BATCH_FILE)  # read as a config is: '010' stays '010', lines in messages
    data = document.data
    if not isinstance(data.get("events"), list):
        raise ConfigError(f"{path}: expected 'events:', a list of event configs")
    unknown = sorted(str(key) for key in set(data) - {"defaults", "events"})
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}'; a batch file has 'defaults' and 'events'")
    folder = path.parent
    defaults = folder / data["defaults"] if data.get("defaults") else None
    events = []
    for index, item in enumerate(data["events"]):
        if isinstance(item, str):
            item = {"config": item}
        if not isinstance(item, dict) or not isinstance(item.get("config"), str):
            raise ConfigError(f"{path}, events[{index}]: expected a config path or a mapping with 'config'")
        config = folder / item["config"]
        results = folder / item["results"] if item.get("results") else None
        where = f"{path}, events[{index}].name" if item.get("name") else f"{path}, events[{index}].config"
        events.append(_event(str(item.get("name") or config.stem), config, results, where, "give it a plain 'name'"))
    names = [e.name for e in events]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ConfigError(f"{path}: two events would both write into '{repeated[0]}'; give one a 'name'")
    return Batch(events, defaults, document.warnings)


def _event(name: str, config: Path, results: Path | None, where: str, remedy: str) -> BatchEvent:
    if results is None:
        beside = config.with_name(config.stem + RESULTS_SUFFIX)
        results = beside if beside.is_file() else None
    why = name_problem(name)
    problem = f"{where}: '{name}' cannot be the event's folder: {why}; {remedy}" if why else None
    return BatchEvent(name, config, results, problem)


_BATCH_FILES = {MANIFEST, ROLLUP_PDF, ROLLUP_XLSX, STATE_FILE, LOCK_FILE}
"""What the batch itself keeps in its output folder: no event's folder may take their names."""


def name_problem(name: str) -> str | None:
    """Return why ``name`` cannot be an event's folder inside the output folder, or None.

    An event is built into ``OUT/<name>/``, so a name must be one plain folder name on every system
    a force may use: ``../escaped`` or ``/srv/x`` would build outside ``OUT``, ``CON`` cannot be
    made on Windows. pathvalidate knows each system's rules; packgen words its findings.
    """
    from pathvalidate import ErrorReason, ValidationError, is_valid_filename, validate_filename

    if name in (".", ".."):
        return "it names a folder, not a new one inside the output folder"
    if name in _BATCH_FILES:
        return "the batch keeps its own file of that name in the output folder"
    try:
        validate_filename(name, platform="universal")
    except ValidationError as error:
        if error.reason in (ErrorReason.FOUND_ABS_PATH, ErrorReason.MALFORMED_ABS_PATH):
            return "it is a path, so the event would be built outside the output folder"
        if error.reason == ErrorReason.NULL_NAME:
            return "it is blank"
        if error.reason == ErrorReason.RESERVED_NAME:
            return "Windows keeps that name for a device"
        if error.reason == ErrorReason.INVALID_LENGTH:
            return "it is longer than a folder name can be (255 bytes)"
        bad = [c for c in dict.fromkeys(name) if not is_valid_filename(f"a{c}a", platform="universal")]
        if not bad:
            return "it ends with a space or a full stop, which Windows drops from a folder name"
        shown = ", ".join(repr(c) for c in bad)
        parts = name.replace("\\", "/").split("/")
        if ".." in parts or "" in parts[:1]:
            return f"it holds {shown}, which a folder name cannot, so the event would be built outside the output folder"
        return f"it holds {shown}, which a folder name cannot"
    return None


# --- Hashing the inputs -------------------------------------------------------------------------


def input_hash(event: BatchEvent, defaults: Path | None, templates: Path | None, reports: bool,
               as_of: date | None = None) -> str:
    """Return one hash over everything an event's outputs depend on (for an event whose reports
    are built, the day they are as of: which actions are overdue)."""
    digest = hashlib.sha256()
    parts: list[tuple[str, Path | None]] = [("config", event.config), ("defaults", defaults)]
    if reports:
        parts.append(("results", event.results))
    folders = [data_folder("templates")] + ([templates] if templates else [])
    for folder in folders:
        parts += [(f"template:{p.relative_to(folder)}", p) for p in sorted(folder.rglob("*")) if p.is_file()]
    for label, path in parts:
        digest.update(label.encode() + b"\0")
        digest.update(path.read_bytes() if path and path.is_file() else b"-")
    digest.update(f"packgen {__version__} reports={reports}".encode())
    if reports and event.results is not None:  # no reports, nothing overdue: a new day rebuilds nothing
        digest.update(f" as of {as_of.isoformat() if as_of else '-'}".encode())
    return digest.hexdigest()


# --- Building -----------------------------------------------------------------------------------


def build_event(event: BatchEvent, defaults: Path | None, out: Path, templates: Path | None,
                reports: bool, force: bool, previous: dict | None, as_of: date | None = None,
                store: TemplateStore | None = None) -> Outcome:
    """Build one event, or skip it when nothing changed; never raises. ``as_of`` is the day the
    reports are as of (actions due before it and not done are overdue; none without it);
    ``store`` holds what the run has parsed already (templates, the defaults file)."""
    if event.problem:
        return Outcome(event.name, "failed", reason=event.problem)
    folder = out / event.name
    try:
        inputs = input_hash(event, defaults, templates, reports, as_of)
        if not force and _unchanged(previous, inputs, folder):
            return Outcome(event.name, "skipped", previous["outputs"], inputs)
        written = _build(event, defaults, folder, templates, reports, force, as_of, store_or_new(store))
        outputs = {str(p.relative_to(folder)): sha256(p.read_bytes()) for p in written}
        return Outcome(event.name, "built", outputs, inputs)
    except PackgenError as error:
        return Outcome(event.name, "failed", reason=str(error))
    except Exception as error:  # a bug must not stop the other events; say what it was
        last = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome(event.name, "failed",
                       reason=f"internal error: {type(error).__name__}: {error} ({Path(last.filename).name}:{last.lineno})")


def _unchanged(previous: dict | None, inputs: str, folder: Path) -> bool:
    if not previous or previous.get("status") == "failed" or previous.get("inputs") != inputs:
        return False
    for name, digest in previous.get("outputs", {}).items():
        path = folder / name
        if not path.is_file() or sha256(path.read_bytes()) != digest:
            return False
    return bool(previous.get("outputs"))


def _build(event: BatchEvent, defaults: Path | None, folder: Path, templates: Path | None,
           reports: bool, force: bool, as_of: date | None, store: TemplateStore) -> list[Path]:
    from packgen.config import load_config
    from packgen.stages.pack import pack_loaded

    loaded = load_config(event.config, defaults=defaults, store=store)
    written = pack_loaded(loaded, folder, templates=templates, force=force, store=store).report.written
    if reports and event.results is not None:
        from packgen.stages.report import write_loaded_reports

        written += write_loaded_reports(loaded, folder, results=event.results, templates=templates, force=force,
                                        as_of=as_of, store=store).written.written
    return written


_WORKER_STORE: TemplateStore | None = None
"""A batch worker process's store: set once when the worker starts, used for every event it builds,
so each template is parsed once per worker; gone with the worker when the batch ends."""


def _start_worker() -> None:
    global _WORKER_STORE
    _WORKER_STORE = TemplateStore()


def _build_in_worker(*args) -> Outcome:
    return build_event(*args, store=_WORKER_STORE)


def run_batch(source: Path | Batch, out: Path, jobs: int | None = None, reports: bool = False,
              force: bool = False, templates: Path | None = None,
              progress: Progress | None = None, as_of: date | None = None) -> list[Outcome]:
    """Build every event of the batch into ``out`` and write ``out/manifest.json``; ``as_of`` is
    the day the reports are as of (actions due before it and not done are overdue; none without it).

    ``source`` is a batch folder or file, or a batch :func:`discover` has read already (whose
    warnings the caller has said). Returns the outcome of each event in the batch's order;
    failures are outcomes, not errors.
    """
    batch = source if isinstance(source, Batch) else discover(source)
    check_outputs(out, [MANIFEST], force=force)  # a manifest packgen may not replace is said before building
    manifest = read_manifest(out)
    jobs = max(1, jobs or os.cpu_count() or 1)
    previous = {name: entry for name, entry in manifest.get("events", {}).items()}
    args = [(e, batch.defaults, out, templates, reports, force, previous.get(e.name), as_of) for e in batch.events]
    outcomes: dict[str, Outcome] = {}
    if jobs == 1 or len(args) == 1:
        store = TemplateStore()  # one run in this process: each template parsed once
        for arg in args:
            outcomes[arg[0].name] = outcome = build_event(*arg, store=store)
            if progress:
                progress(outcome)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(args)), initializer=_start_worker) as pool:
            futures = {pool.submit(_build_in_worker, *arg): arg[0].name for arg in args}
            for future in as_completed(futures):
                outcomes[futures[future]] = outcome = future.result()
                if progress:
                    progress(outcome)
    ordered = [outcomes[e.name] for e in batch.events]
    write_manifest(out, batch, ordered, force)
    return ordered


# --- The manifest -------------------------------------------------------------------------------


def read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(out: Path, batch: Batch, outcomes: list[Outcome], force: bool = False) -> None:
    events = {}
    for event, outcome in zip(batch.events, outcomes):
        entry = asdict(outcome)
        entry.pop("name")
        entry["config"] = str(event.config)
        entry["results"] = str(event.results) if event.results else None
        events[outcome.name] = entry
    data = {"packgen": __version__, "defaults": str(batch.defaults) if batch.defaults else None, "events": events}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_outputs(out, {MANIFEST: text.encode("utf-8")}, force=force)
