"""Writing outputs safely: atomically, and never over the organiser's own work.

Every file is written to a temporary file beside its target and renamed into place, so a crash
leaves the previous file whole. packgen remembers the hash of each file it writes in a small state
file in the output folder; a file whose bytes no longer match (edited in Office since) or that
packgen did not write is not replaced without ``force``. Callers may add their own guards, e.g. a
planning workbook holding captured data (:func:`packgen.output_guards.captured_data`).
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from packgen.errors import OutputError, OverwriteRefused

STATE_FILE = ".packgen-state.json"
LOCK_FILE = ".packgen.lock"

Guard = Callable[[Path], str | None]
"""Return why an existing file must not be replaced (``None`` when it may be)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Raises :class:`OutputError` naming the file when it cannot be written; the previous file, if
    any, is left as it was.
    """
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        raise OutputError(f"{path}: could not write the file ({_reason(error)})") from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return error.strerror or str(error)


@dataclass
class WriteReport:
    """What a call to :func:`write_outputs` did."""

    written: list[Path] = field(default_factory=list)
    kept_copies: list[Path] = field(default_factory=list)
    """Files the organiser had changed, kept beside the new ones because ``force`` replaced them."""


def write_outputs(
    folder: Path,
    files: Mapping[str, bytes],
    force: bool = False,
    guards: Mapping[str, Guard] | None = None,
    reads: Iterable[Path | None] = (),
) -> WriteReport:
    """Write every file of ``files`` (name → bytes) into ``folder``, or none of them.

    First every target is checked; if any holds the organiser's own work, nothing is written and
    :class:`OverwriteRefused` lists each such file. With ``force`` such a file is replaced and the
    organiser's version is kept beside it under a dated name. A target that is one of the files the
    command ``reads`` (its config, its sources) is never replaced, not even with ``force``.
    """
    make_folder(folder)
    with folder_lock(folder):
        return _write_locked(folder, files, force, guards, reads)


def write_output(path: Path, data: bytes, force: bool = False, guards: Guard | None = None,
                 reads: Iterable[Path | None] = ()) -> WriteReport:
    """Write one file as :func:`write_outputs` writes a folder's (results.json, an entry sheet)."""
    return write_outputs(path.parent, {path.name: data}, force, {path.name: guards} if guards else None, reads)


def check_outputs(folder: Path, names: Iterable[str], force: bool = False,
                  guards: Mapping[str, Guard] | None = None, reads: Iterable[Path | None] = ()) -> None:
    """Raise :class:`OverwriteRefused` as :func:`write_outputs` would, writing nothing: so a command
    that builds for a long time (a batch) can say at the start that it may not write its files."""
    _refuse(folder, _read_state(folder) if folder.is_dir() else {}, names, force, guards, reads)


def _write_locked(folder: Path, files: Mapping[str, bytes], force: bool,
                  guards: Mapping[str, Guard] | None, reads: Iterable[Path | None]) -> WriteReport:
    state = _read_state(folder)
    replaced = _refuse(folder, state, files, force, guards, reads)
    report = WriteReport()
    for name in replaced:
        report.kept_copies.append(_keep_copy(folder / name))
    for name, data in files.items():
        write_atomically(folder / name, data)
        state[name] = sha256(data)
        report.written.append(folder / name)
        _write_state(folder, state)  # after each file, so a failure later still leaves a true record
    return report


def _refuse(folder: Path, state: dict[str, str], names: Iterable[str], force: bool,
            guards: Mapping[str, Guard] | None, reads: Iterable[Path | None]) -> list[str]:
    """Raise :class:`OverwriteRefused` when a file may not be written; return the names of the
    organiser's files that ``force`` lets packgen replace (their copies are kept)."""
    inputs = [path for path in reads if path is not None and path.exists()]
    never, refusals = {}, {}
    for name in names:
        path = folder / name
        if name in (STATE_FILE, LOCK_FILE):
            never[name] = "is where packgen keeps its record of what it wrote"
        elif path.exists() and any(_same_file(path, source) for source in inputs):
            never[name] = "is a file this command reads"
        elif reason := _why_keep(path, state.get(name), (guards or {}).get(name)):
            refusals[name] = reason
    if never or (refusals and not force):
        shown = {**never, **({} if force else refusals)}
        hints = []
        if refusals and not force:
            hints.append("Use --force to replace them (your versions are kept as dated copies), or write to"
                         " another folder with -o.")
        if never:
            hints.append("packgen never writes over a file it reads or its own record, not even with --force:"
                         " write to another file or folder with -o.")
        raise OverwriteRefused(f"{folder}: packgen did not write anything, to keep your work",
                               [f"{folder / name} {reason}" for name, reason in shown.items()] + hints)
    return list(refusals)


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False



@contextmanager
def folder_lock(folder: Path):
    """Hold the output folder for one writer at a time.

    Two runs writing into one folder at once (two events given the same output folder) would mix
    their files and their record of what packgen wrote; the second is refused, not queued. The
    lock is the operating system's, so it is released even if packgen is killed.
    """
    path = folder / LOCK_FILE
    try:
        handle = open(path, "a+b")
    except OSError as error:
        raise OutputError(f"{folder}: could not write into the output folder ({_reason(error)})") from None
    with handle:
        if not _try_lock(handle):
            raise OutputError(f"{folder}: another packgen run is writing into this folder;"
                              " wait for it to finish, or write to another folder with -o")
        try:
            yield
        finally:
            _unlock(handle)


def _try_lock(handle) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - packgen's tests run on Linux
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _why_keep(path: Path, recorded: str | None, guard: Guard | None) -> str | None:
    if not path.exists():
        return None
    if guard is not None and (reason := guard(path)):
        return reason
    if recorded is None:
        return "already exists and was not written by packgen"
    if sha256(path.read_bytes()) != recorded:
        return "has been changed since packgen wrote it"
    return None


def _keep_copy(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    copy = path.with_name(f"{path.stem} (yours, {stamp}){path.suffix}")
    try:
        os.replace(path, copy)
    except OSError as error:
        raise OutputError(f"{path}: could not keep your copy ({_reason(error)})") from None
    return copy


def check_folder(folder: Path) -> None:
    """Raise :class:`OutputError` if ``folder`` could not be created or written, without
    creating it (nothing is made before everything has built)."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{folder}: could not create the output folder ({existing} is not a folder)")
    if not os.access(existing, os.W_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


def make_folder(folder: Path) -> None:
    """Create the output folder, or raise :class:`OutputError` saying why it cannot be used."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: could not create the output folder ({_reason(error)})") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


def _read_state(folder: Path) -> dict[str, str]:
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        files = state.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_state(folder: Path, files: dict[str, str]) -> None:
    text = json.dumps({"files": dict(sorted(files.items()))}, indent=2) + "\n"
    write_atomically(folder / STATE_FILE, text.encode("utf-8"))


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = "2000-01-01T00:00:00Z"
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def reproducible(data: bytes) -> bytes:
    """Return an Office file (a zip container) with every timestamp fixed, so the same inputs
    give byte-identical files: the zip entries' times, and the document's created and modified
    dates (set to 1 January 2000; Office shows them under File > Info)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        infos = source.infolist()
        core = source.read("docProps/core.xml") if "docProps/core.xml" in source.namelist() else b""
    if _fixed_dates(core) == core:
        return _with_fixed_times(data, infos)  # the common case: only the zip's own times vary
    return _rewritten(data)


def _fixed_dates(core: bytes) -> bytes:
    return _CORE_DATES.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<2>", core)


_DOS_TIME_AND_DATE = bytes([0, 0, 0x21, 0])
"""00:00:00 on 1 January 1980, as a zip header's time and date fields hold it."""


def _with_fixed_times(data: bytes, infos: list[zipfile.ZipInfo]) -> bytes:
    """Return the container with every entry's time set in place, nothing recompressed."""
    patched = bytearray(data)
    for info in infos:  # local file headers: time and date at bytes 10-13
        offset = info.header_offset
        if patched[offset:offset + 4] != b"PK\x03\x04":
            return _rewritten(data)
        patched[offset + 10:offset + 14] = _DOS_TIME_AND_DATE
    end = patched.rfind(b"PK\x05\x06")
    count = int.from_bytes(patched[end + 10:end + 12], "little")
    position = int.from_bytes(patched[end + 16:end + 20], "little")
    for _ in range(count):  # central directory headers: time and date at bytes 12-15
        if patched[position:position + 4] != b"PK\x01\x02":
            return _rewritten(data)
        patched[position + 12:position + 16] = _DOS_TIME_AND_DATE
        lengths = (int.from_bytes(patched[position + n:position + n + 2], "little") for n in (28, 30, 32))
        position += 46 + sum(lengths)
    return bytes(patched)


def _rewritten(data: bytes) -> bytes:
    """Return the container written afresh with fixed times and document dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                content = _fixed_dates(content)
            fixed = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return buffer.getvalue()
