"""Read an event config: YAML in, a validated :class:`~packgen.model.Event` out.

Every problem is collected and reported at once, each with the file, the line, the key path
(``tables[2].facilitator``), what was expected and what was found. Relative paths resolve against
the config's own folder.

A batch file is read the same way (:func:`load_yaml`): the same YAML rules, limits and warnings.
"""

from __future__ import annotations

import copy
import csv
import difflib
import os
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError

from packgen import question_bank
from packgen.errors import ConfigError
from packgen.images import logo_problem
from packgen.model import Event, describe
from packgen.store import TemplateStore
from packgen.text import clean_text

MAX_CONFIG_BYTES = 1_000_000
"""A hub's config is a few kilobytes; anything near a megabyte is not one."""
MAX_ALIASES = 100
"""YAML anchors let a small file expand exponentially ("billion laughs"); real configs use few."""
MAX_VALUES = 100_000
"""A config holds a few hundred values; aliases must not make it more than this many."""
MAX_CSV_BYTES = 5_000_000
INVITEE_COLUMNS = ("name", "organisation", "sector", "email", "needs")

Path_ = tuple[str | int, ...]


@dataclass
class LoadedConfig:
    """A validated event and what is worth telling the organiser about it."""

    event: Event
    path: Path
    warnings: list[str] = field(default_factory=list)
    defaults: Path | None = None
    """The defaults file the config extends, if any."""

    @property
    def folder(self) -> Path:
        return self.path.parent


# --- YAML ------------------------------------------------------------------------------------


_TAGGED = {"int": "a whole number", "float": "a number", "bool": "true or false", "timestamp": "a date"}
"""What a value with an explicit YAML tag (``!!int 5``) must be, in words."""


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 scalars: ``09:30`` stays text (YAML 1.1 reads it as the number
    570), ``no`` stays text, and dates are left for :mod:`packgen.model` to parse strictly."""

    yaml_implicit_resolvers: dict = {}
    aliases = 0
    noun = "config"

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise ConfigError(f"{self.name}, line {mark.line + 1}: more than {MAX_ALIASES} YAML"
                                  f" aliases (*name); a {self.noun} does not need them")
        return super().compose_node(parent, index)

    def construct_object(self, node, deep=False):
        """Return the value of ``node``; one its tag cannot hold (``!!int 08``, ``!!bool maybe``)
        is a YAML error at its line, not the Python error PyYAML's constructors let through."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, AttributeError, TypeError):
            tag = node.tag.removeprefix("tag:yaml.org,2002:")
            what = _TAGGED.get(tag, f"a !!{tag} value")
            raise yaml.constructor.ConstructorError(
                None, None, f"{describe(node.value)} is not {what}; remove the '!!{tag}' before it",
                node.start_mark,
            ) from None


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, regexp)
        for tag, regexp in _resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp",
                       "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]

_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# Numbers are YAML 1.2's decimals, except that one with a leading zero (a phone number such as
# 02079460000, a code such as 007) stays the text the organiser typed: read as a number it would
# lose its zeros, and YAML 1.1 would even read it as octal.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_Loader.add_constructor(  # decimal always, also for an explicit '!!int 010' (YAML 1.1: octal 8)
    "tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10)
)


@dataclass(frozen=True)
class YamlKind:
    """What a YAML file packgen reads is meant to be, in the words its messages use."""

    noun: str
    """``config``: "a config is at most 1,000,000 bytes"."""
    file: str
    """``config file``: "no such config file"."""
    expected: str
    """What an empty file should have held."""
    mapping: str
    """What the whole file should be, when it is not a mapping."""


CONFIG_FILE = YamlKind("config", "config file", "an event config (start from 'packgen init')",
                       "a mapping of keys such as 'title:' and 'venue:'")
BATCH_FILE = YamlKind("batch file", "batch file", "'events:', a list of event configs",
                      "'events:', a list of event configs")


@dataclass
class YamlDocument:
    """A YAML file's data, the line of every key path in it, and what was removed from it."""

    data: Any
    lines: dict[Path_, int]
    warnings: list[str] = field(default_factory=list)


def load_yaml(path: Path, kind: YamlKind) -> YamlDocument:
    """Return a YAML file (a mapping) read as every packgen file is: YAML 1.2 scalars, numbers
    with a leading zero kept as typed, control characters removed with a warning naming the line
    (typed, or escaped as ``"\\x07"``), and size, alias and tag limits said with their line.

    Raises :class:`ConfigError` naming the file and line; a file that is not a mapping is
    described without quoting it.
    """
    document = _load_document(path, kind)
    data, cleaned = _clean_strings(document.data)
    locator = _Locator(path, document.lines)
    return YamlDocument(data, document.lines, document.warnings + [locator.locate(at, m) for at, m in cleaned])


def _read_yaml(path: Path, text: str, kind: YamlKind) -> YamlDocument:
    """Return the YAML's data with the line of every key path, refusing duplicate keys and
    anything that would expand beyond a config's size. The text is parsed once."""
    loader = _Loader(text)
    loader.name = str(path)
    loader.noun = kind.noun
    try:
        node = loader.get_single_node()
        if node is None:
            raise ConfigError(f"{path}: the file is empty; expected {kind.expected}")
        _refuse_expansion(path, node, kind)
        problems: list[str] = []
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, problems, visited=set())
        if problems:
            raise ConfigError(f"{path}: the YAML cannot be read", problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:  # bad syntax, or a tag such as !!python/object
        raise ConfigError(_yaml_message(path, error, kind)) from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines)


def _refuse_expansion(path: Path, root: yaml.Node, kind: YamlKind) -> None:
    """Refuse a document whose aliases (``*name``) would expand it past :data:`MAX_VALUES` values
    (a "billion laughs" bomb), counting each shared node once per use without expanding it."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 0  # a node that contains itself counts once
            children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else (
                node.value if isinstance(node, yaml.SequenceNode) else [])
            sizes[id(node)] = 1 + sum(size(child) for child in children)
        return sizes[id(node)]

    if size(root) > MAX_VALUES:
        raise ConfigError(f"{path}: the file expands to more than {MAX_VALUES:,} values through YAML"
                          f" aliases (*name); a {kind.noun} does not need them")


def _walk(node: yaml.Node, at: Path_, lines: dict, problems: list, visited: set[int]) -> None:
    if id(node) in visited:  # an alias of a node already walked: its lines are known
        return
    visited.add(id(node))
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    f"line {line}: '{_dotted(at + (key,))}' is given twice (first on line {seen[key]});"
                    " keep one"
                )
            seen[key] = line
            lines[at + (key,)] = line
            _walk(value_node, at + (key,), lines, problems, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, at + (index,), lines, problems, visited)


def _yaml_message(path: Path, error: yaml.MarkedYAMLError, kind: YamlKind) -> str:
    mark = error.problem_mark or error.context_mark
    where = f"{path}, line {mark.line + 1}, column {mark.column + 1}" if mark else str(path)
    problem = error.problem or "this is not valid YAML"
    if "\\t" in problem or "'\\t'" in str(error):
        problem = "a tab is used for indentation; YAML needs spaces"
    elif match := re.search(r"constructor for the tag '(?:tag:yaml.org,2002:)?([^']*)'", problem):
        problem = f"the tag '!!{match.group(1)}' is not allowed; a {kind.noun} holds only text, numbers and lists"
    return f"{where}: {problem}"


# --- Loading ---------------------------------------------------------------------------------


def load_config(path: str | Path, defaults: str | Path | None = None,
                store: TemplateStore | None = None) -> LoadedConfig:
    """Return the validated event described by the YAML file at ``path``.

    Shared settings can live in a defaults file, named by ``defaults`` or by the config's own
    ``extends:`` key (relative to the config): the config overrides it key by key (see
    :func:`merge`). Raises :class:`ConfigError` listing every problem found.
    """
    path = Path(path)
    document = _load_document(path)
    extends = document.data.pop("extends", None)
    if defaults is None and extends is not None:
        if not isinstance(extends, str):
            raise ConfigError(f"{path}, line {document.lines[('extends',)]}, extends:"
                              f" expected the path of a defaults file, found {describe(extends)}")
        defaults = Path(os.path.normpath(path.parent / extends))
    base = None
    if defaults is not None:
        base = _load_defaults(Path(defaults), store)
        base.data.pop("extends", None)  # one level only: a defaults file does not extend another
    locator = _Locator(path, document.lines, base=(Path(defaults), base.lines) if base else None)
    data = merge(base.data, document.data) if base else document.data
    warnings = document.warnings + (base.warnings if base else [])
    data, clean_warnings = _clean_strings(data)
    warnings += [locator.locate(at, message) for at, message in clean_warnings]
    problems: list[str] = []
    data = _resolve_files(data, locator, problems, warnings)
    data = _standard_questions(data, locator, problems)
    try:
        event = Event.model_validate(data)
    except ValidationError as error:
        errors = _without_unchosen_branches(error.errors())
        problems += [_describe_error(locator, e) for e in errors]
        raise ConfigError(f"{path}: the config has {_count(problems, 'problem')}", _by_line(problems)) from None
    problems += [locator.locate(at, msg) for at, msg in _cross_checks(event)]
    if problems:
        raise ConfigError(f"{path}: the config has {_count(problems, 'problem')}", _by_line(problems))
    return LoadedConfig(event=event, path=path, warnings=warnings,
                        defaults=Path(defaults) if defaults is not None else None)


def merge(defaults: dict, overrides: dict) -> dict:
    """Return ``defaults`` overridden by ``overrides``, key by key.

    A mapping in both is merged the same way, key by key; anything else in ``overrides`` (text,
    a number, a list) replaces the default whole: a list of questions is the event's list, not
    the two lists joined.
    """
    merged = dict(defaults)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load_document(path: Path, kind: YamlKind = CONFIG_FILE) -> YamlDocument:
    """Return a YAML file's data (a mapping) with its lines, refusing anything unsafe."""
    text = _read_text(path, kind)
    text, warnings = _strip_illegal_characters(path, text)
    document = _read_yaml(path, text, kind)
    if not isinstance(document.data, dict):
        raise ConfigError(f"{path}, line 1: expected {kind.mapping}, found {_kind_of(document.data)}")
    document.warnings = warnings
    return document


def _kind_of(value: Any) -> str:
    """Return what a file's whole content is, in words and without quoting it: a file that is not
    a config at all (``/etc/passwd`` reads as one long text) is not packgen's to print."""
    kinds = ((bool, "true or false"), (int, "a number"), (float, "a number"), (str, "text"), (list, "a list"))
    return next((word for kind, word in kinds if isinstance(value, kind)), "something else")


def _load_defaults(path: Path, store: TemplateStore | None) -> YamlDocument:
    """Return a defaults file as :func:`_load_document` does; with the run's ``store`` (a batch
    worker's: every event of a batch extends the same one), read once while it is unchanged."""
    if store is None or not path.is_file():  # a missing file is said by _load_document
        return _load_document(path)
    return copy.deepcopy(store.get(path, _load_document))


def _read_text(path: Path, kind: YamlKind) -> str:
    if not path.is_file():
        raise ConfigError(f"{path}: no such {kind.file}")
    size = path.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: the file is {size:,} bytes; a {kind.noun} is at most {MAX_CONFIG_BYTES:,} bytes"
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}, line {line}: the file is not UTF-8 text (save it as UTF-8 in your editor)"
        ) from None


def _strip_illegal_characters(path: Path, text: str) -> tuple[str, list[str]]:
    """Return the text without characters no document can hold, with a warning per line."""
    warnings = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        cleaned, removed = clean_text(line.rstrip("\r"))
        if removed:
            warnings.append(f"{path}, line {number}: removed {_count(removed, 'control character')}")
            lines[number - 1] = cleaned
    return "\n".join(lines), warnings


def _clean_strings(data: Any, at: Path_ = ()) -> tuple[Any, list[tuple[Path_, str]]]:
    """Return ``data`` with escaped control characters (``"\\x07"``) removed from every string."""
    warnings: list[tuple[Path_, str]] = []
    if isinstance(data, str):
        cleaned, removed = clean_text(data)
        if removed:
            warnings.append((at, f"removed {_count(removed, 'control character')}"))
        return cleaned, warnings
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            result[key], more = _clean_strings(value, at + (key,))
            warnings += more
        return result, warnings
    if isinstance(data, list):
        items = []
        for index, value in enumerate(data):
            item, more = _clean_strings(value, at + (index,))
            items.append(item)
            warnings += more
        return items, warnings
    return data, warnings


def _resolve_files(data: dict, locator: _Locator, problems: list, warnings: list) -> dict:
    """Return ``data`` with the invitee CSV read in and the logo path made absolute."""
    invitees = data.get("invitees")
    if isinstance(invitees, str):
        csv_path = locator.folder_of(("invitees",)) / invitees
        try:
            data["invitees"], rows = read_invitees_csv(csv_path, warnings)
            locator.invitee_csv = (csv_path, rows)
        except ConfigError as error:
            problems.append(locator.locate(("invitees",), str(error)))
            data["invitees"] = []
    branding = data.get("branding")
    if isinstance(branding, dict) and isinstance(branding.get("logo"), str):
        logo = locator.folder_of(("branding", "logo")) / branding["logo"]
        branding["logo"] = str(logo)
        problem = logo_problem(logo)
        if problem:
            problems.append(locator.locate(("branding", "logo"), problem))
    return data


def _standard_questions(data: dict, locator: _Locator, problems: list) -> dict:
    """Return ``data`` with each ``{standard: id}`` question replaced by the bank's question."""
    evaluation = data.get("evaluation")
    if not isinstance(evaluation, dict) or not isinstance(evaluation.get("questions"), list):
        return data
    questions = []
    for index, entry in enumerate(evaluation["questions"]):
        entry, key, problem = question_bank.expand(entry)
        if problem:  # reported here; a stand-in keeps the later questions' places for their problems
            problems.append(locator.locate(("evaluation", "questions", index, key), problem))
            entry = {"id": f"unknown_standard_{index}", "pre": "?"}
        questions.append(entry)
    evaluation["questions"] = questions
    return data


def read_invitees_csv(csv_path: Path, warnings: list[str] | None = None
                      ) -> tuple[list[dict[str, str]], list[int]]:
    """Return the rows of an invitee CSV (name, organisation, sector, email, needs), and the
    row number in the file of each (blank rows are skipped).

    Raises :class:`ConfigError` naming the file, row and column of the first problem found.
    """
    if not csv_path.is_file():
        raise ConfigError(f"the invitee list {csv_path} does not exist")
    if csv_path.stat().st_size > MAX_CSV_BYTES:
        raise ConfigError(f"the invitee list {csv_path} is larger than {MAX_CSV_BYTES:,} bytes")
    try:
        text = csv_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(
            f"the invitee list {csv_path} is not UTF-8 text (in Excel: Save As, 'CSV UTF-8')"
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, numbers = [], []
    number = 0  # the last row read
    try:
        headers = _invitee_headers(csv_path, reader.fieldnames or [])
        number = 1
        for number, row in enumerate(reader, start=2):
            values = {h: (v or "").strip() for h, v in zip(headers, row.values()) if h}
            if not any(values.values()):
                continue
            for column, value in values.items():
                cleaned, removed = clean_text(value)
                if removed and warnings is not None:
                    warnings.append(
                        f"{csv_path}, row {number}, column '{column}':"
                        f" removed {_count(removed, 'control character')}"
                    )
                values[column] = cleaned
            rows.append(values)
            numbers.append(number)
    except csv.Error:  # what Python's reader raises (not strict): a value longer than its limit
        raise ConfigError(
            f"{csv_path}, row {number + 1}: a value is longer than {csv.field_size_limit():,} characters;"
            " is this the invite list?"
        ) from None
    return rows, numbers


def _invitee_headers(csv_path: Path, found: list[str]) -> list[str]:
    """Return the invite list's column headings, lower case, or raise :class:`ConfigError`.

    The headings found are quoted only when some are an invite list's: the first line of any
    other file (``root:x:0:0:...``) is not packgen's to print.
    """
    headers = [h.strip().lower() for h in found]
    if "name" not in headers:
        near = next((h for h in headers if _suggest(h, ["name"])), None)
        hint = f" ('{near}': did you mean 'name'?)" if near else ""
        if not found:
            shown = "nothing"
        elif near or any(h in INVITEE_COLUMNS for h in headers):
            shown = ", ".join(found)
        else:
            shown = "none of them (is this the invite list?)"
        raise ConfigError(
            f"{csv_path}, row 1: expected a header row with the columns {', '.join(INVITEE_COLUMNS)};"
            f" found {shown}{hint}"
        )
    unknown = [h for h in headers if h and h not in INVITEE_COLUMNS]
    if unknown:
        raise ConfigError(
            f"{csv_path}, row 1: unknown column '{unknown[0]}'{_suggest(unknown[0], INVITEE_COLUMNS)};"
            f" expected {', '.join(INVITEE_COLUMNS)}"
        )
    return headers


def _cross_checks(event: Event) -> list[tuple[Path_, str]]:
    """Return problems that involve more than one field, each with its key path."""
    problems: list[tuple[Path_, str]] = []
    sectors = {s.lower(): s for s in event.sectors}
    for index, invitee in enumerate(event.invitees):
        if invitee.sector and invitee.sector.lower() not in sectors:
            problems.append(
                (("invitees", index, "sector"),
                 f"'{invitee.sector}' is not one of the sectors{_suggest(invitee.sector, event.sectors)}")
            )
    timed = [("opening", event.opening.time, None, None), ("close", event.close.time, None, None)]
    timed += [(("sessions", i), s.start, s.end, s.date) for i, s in enumerate(event.sessions)]
    timed += [(("breaks", i), b.start, b.end, b.date) for i, b in enumerate(event.breaks)]
    for at, start, end, on in timed:
        at = at if isinstance(at, tuple) else (at,)
        if not (event.start <= start and (end or start) <= event.end):
            problems.append(
                (at, f"runs outside the day ({event.start:%H:%M} to {event.end:%H:%M})")
            )
        if end is not None and end <= start:
            problems.append((at, f"ends ({end:%H:%M}) before it starts ({start:%H:%M})"))
        if on is not None and on not in event.dates:
            problems.append((at + ("date",), f"{on:%d/%m/%Y} is not one of the hub's dates"))
    return problems


# --- Messages --------------------------------------------------------------------------------


def _dotted(at: Path_) -> str:
    """Return ``tables[2].facilitator`` for the path ``('tables', 2, 'facilitator')``."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class _Locator:
    """Turns a key path into the place an organiser can find it: file, line and key, or for an
    invite list read from CSV, that file's row and column."""

    path: Path
    lines: dict[Path_, int]
    base: tuple[Path, dict[Path_, int]] | None = None
    """The defaults file and its lines, for keys the config takes from it."""
    invitee_csv: tuple[Path, list[int]] | None = None

    def locate(self, at: Path_, message: str, line: int | None = None) -> str:
        if self.invitee_csv and len(at) > 1 and at[0] == "invitees" and isinstance(at[1], int):
            csv_path, rows = self.invitee_csv
            column = f", column '{at[2]}'" if len(at) > 2 else ""
            return f"{csv_path}, row {rows[at[1]]}{column}: {message}"
        path, found = (self.path, line) if line else self.source_of(at)
        where = f"{path}, line {found}" if found else str(path)
        return f"{where}, {_dotted(at)}: {message}" if at else f"{where}: {message}"

    def source_of(self, at: Path_) -> tuple[Path, int | None]:
        """Return the file and line that give the key ``at`` (or its nearest parent)."""
        while at:
            if at in self.lines:
                return self.path, self.lines[at]
            if self.base and at in self.base[1]:
                return self.base[0], self.base[1][at]
            at = at[:-1]
        return self.path, self.lines.get(())

    def folder_of(self, at: Path_) -> Path:
        """Return the folder a relative path at ``at`` resolves against: its own file's."""
        return self.source_of(at)[0].parent


_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "list_type": "expected a list (lines starting with '- ')",
    "model_type": "expected a mapping of keys",
    "dict_type": "expected a mapping of keys",
    "bool_type": "expected true or false",
    "path_type": "expected a file path",
}


def _describe_error(locator: _Locator, error: dict) -> str:
    at = _strip_union_branches(error["loc"])
    kind = error["type"]
    found = describe(error.get("input"))
    if kind == "missing":
        # A missing key has no line of its own: point at the mapping it belongs in.
        message = f"required, but missing{_missing_hint(at)}"
        if len(at) == 1:
            return f"{locator.path}, {_dotted(at)}: {message}"
        # A missing key has no line of its own: point at the mapping it belongs in.
        path, line = locator.source_of(at[:-1])
        return f"{path}, line {line}, {_dotted(at)}: {message}"
    if kind == "extra_forbidden":
        known = _known_keys(at[:-1])
        suggestion = _suggest(str(at[-1]), known)
        return locator.locate(at, f"unknown key{suggestion}")
    if kind == "one_of":
        return locator.locate(at, f"expected {' or '.join(error['expected'])}, found {found}")
    if kind == "string_too_short":
        return locator.locate(at, "must not be empty")
    if kind in ("too_short", "too_long"):
        return locator.locate(at, f"{error['msg'].lower()}, found {found}")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return locator.locate(at, f"expected a value {_bound(error)}, found {found}")
    message = error["msg"]
    message = message.removeprefix("Value error, ")
    return locator.locate(at, message)


def _by_line(problems: list[str]) -> list[str]:
    """Return problems in the order of their lines in the file."""
    def line(problem: str) -> int:
        match = re.search(r", line (\d+)", problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)


_SCALAR_ERRORS = {"int_type", "int_parsing", "float_type", "float_parsing", "string_type", "bool_type"}


def _without_unchosen_branches(errors: list[dict]) -> list[dict]:
    """Drop the errors of union branches the organiser clearly did not mean.

    ``tables`` is a number or a list: when a list is given and one of its tables is wrong, pydantic
    also says "expected a whole number"; only the list's own problem is useful.
    """
    def structured(error: dict) -> bool:
        return isinstance(error.get("input"), (list, dict)) and error["type"] in _SCALAR_ERRORS

    kept = []
    for error in errors:
        prefix = _strip_union_branches(error["loc"])
        deeper = any(
            other is not error and _strip_union_branches(other["loc"])[: len(prefix)] == prefix
            and len(_strip_union_branches(other["loc"])) > len(prefix)
            for other in errors
        )
        if structured(error) and deeper:
            continue
        kept.append(error)
    return _merge_branch_type_errors(kept)


def _merge_branch_type_errors(errors: list[dict]) -> list[dict]:
    """Say "expected a whole number or a list" once, not once per union branch."""
    merged: dict[Path_, dict] = {}
    result = []
    for error in errors:
        at = _strip_union_branches(error["loc"])
        if error["type"] not in _EXPECTED:
            result.append(error)
        elif at in merged:
            merged[at]["expected"].append(_EXPECTED[error["type"]].removeprefix("expected "))
        else:
            merged[at] = {**error, "type": "one_of", "expected": [_EXPECTED[error["type"]].removeprefix("expected ")]}
            result.append(merged[at])
    return result


def _bound(error: dict) -> str:
    ctx = error.get("ctx", {})
    words = {"ge": "at least", "le": "at most", "gt": "above", "lt": "below"}
    return " and ".join(f"{words[k]} {v}" for k, v in ctx.items() if k in words)


def _strip_union_branches(loc: tuple) -> Path_:
    """Drop pydantic's union branch names (``'int'``, ``'list[Table]'``) from an error location."""
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("int", "str"))))


def _missing_hint(at: Path_) -> str:
    return " (see 'packgen init' for a starter config)" if len(at) == 1 else ""


def _known_keys(at: Path_) -> list[str]:
    """Return the keys allowed at ``at`` by walking the model classes along the path."""
    model: Any = Event
    for part in at:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if _is_model(model) else None
        if field_info is None:
            return []
        model = _model_in(field_info.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _model_in(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _suggest(word: str, known: list[str] | tuple[str, ...]) -> str:
    matches = difflib.get_close_matches(word.lower(), [k.lower() for k in known], n=1, cutoff=0.6)
    if not matches:
        return ""
    original = next(k for k in known if k.lower() == matches[0])
    return f"; did you mean '{original}'?"


def _count(n: int | list, noun: str) -> str:
    n = len(n) if isinstance(n, list) else n
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
