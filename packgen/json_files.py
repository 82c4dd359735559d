"""Reading back a JSON file packgen wrote: the results file and the actions' history.

Both are read the same way: the text (an unreadable or non-UTF-8 file is refused with its path),
then pydantic validates it against the dataclasses that are its schema, and every problem is
listed with its place (``results.json, pre[3].scores.trust: expected a whole number 0 to 10,
found 99``). :class:`JsonKind` holds how a kind of file is named in those messages;
:func:`read_json_model` is the whole read, and its parts serve a file with checks of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packgen.errors import PackgenError

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@dataclass(frozen=True)
class JsonKind:
    """How the messages name one kind of JSON file packgen reads back."""

    the: str
    """``the results file``"""
    a: str
    """``a packgen results file``"""
    remedy: str
    """What to do about problems: ``put back the file packgen wrote``."""
    error: type[PackgenError]
    """The error raised for this kind of file."""


def read_json_text(path: Path, kind: JsonKind) -> str:
    """Return the text of ``path``, or raise ``kind.error`` when it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise kind.error(f"{path}: could not read {kind.the} ({error.strerror})") from None
    except UnicodeDecodeError:
        raise kind.error(f"{path}: not {kind.a} (it is not UTF-8 text)") from None


def refused(path: Path | str, kind: JsonKind, problems: list[str]) -> PackgenError:
    """Return the error listing ``problems``: ``results.json: the results file has 2 problems (…)``."""
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    return kind.error(f"{path}: {kind.the} has {count} ({kind.remedy})", problems)


def read_json_model(path: Path, adapter: TypeAdapter, kind: JsonKind) -> Any:
    """Return the content of ``path`` validated by ``adapter``; raise ``kind.error`` listing every
    problem with its place."""
    from pydantic import ValidationError

    text = read_json_text(path, kind)
    try:
        return adapter.validate_json(text)
    except ValidationError as error:
        raise refused(path, kind, [describe_error(path, e) for e in error.errors(include_url=False)]) from None


_STRUCTURE = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "list_type": "expected a list [ ... ]",
    "dict_type": "expected an object { ... }",
    "dataclass_type": "expected an object { ... }",
    "dataclass_exact_type": "expected an object { ... }",
    "model_type": "expected an object { ... }",
}


def describe_error(path: Path | str, error: dict) -> str:
    """Return one validation error as a located message an organiser can act on."""
    at = _dotted(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{path}, {at}: required, but missing"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return f"{path}, {at}: unknown key"
    if kind == "expected":
        message = f"expected {error['ctx']['words']}"
    elif kind == "literal_error":
        message = f"expected {error['ctx']['expected']}"
    else:
        message = _STRUCTURE.get(kind, error["msg"])
    return f"{path}, {at}: {message}, found {shown(error.get('input'))}"


def _dotted(loc: tuple) -> str:
    """Return ``pre[3].scores.trust`` for the location ``('pre', 3, 'scores', 'trust')``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the whole file"


def shown(value: Any) -> str:
    """Return a value as the file holds it: ``99``, ``"7"``, ``true``, ``null``, a list, an object."""
    if isinstance(value, dict):
        return "an object { ... }"
    if isinstance(value, list) and len(json.dumps(value, ensure_ascii=False)) > 40:
        return "a list [ ... ]"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
