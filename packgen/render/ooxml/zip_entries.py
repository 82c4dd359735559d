"""An Office file's zip entries taken as they are, still compressed, and put together again.

An Office file is a zip of XML parts. Filling a template leaves some parts exactly as the template
had them: a Word form's styles, often the larger part of the file (the bundled forms' styles are
780 KB of XML), its images and thumbnail. Saving through python-docx serializes and compresses
every one of them again for every form (a fifth of the time it takes to fill one). packgen copies
the template's own compressed bytes for those parts instead.

This is written here because :mod:`zipfile` cannot do it: it compresses whatever it writes, and has
no way to add an entry already compressed. The format is small and fixed (PKWARE's APPNOTE,
sections 4.3.7, 4.3.12 and 4.3.16); only what Office files use is supported, and anything else
(encrypted entries, zip64, a file too damaged to follow) makes :func:`raw_entries` return None, so
the caller saves in full as before.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from io import BytesIO

_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END = struct.Struct("<4s4H2IH")
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_VERSION = 20  # 2.0: deflate, folders
_KEPT_FLAGS = 0x0806
"""Bits 1-2 (how hard the entry was deflated) and 11 (its name is UTF-8); bit 3 (sizes after the
data) is dropped, because each header written here holds the sizes itself."""
_EPOCH = (0, 0x21)
"""00:00:00 on 1 January 1980 as a zip header's time and date: the time every packed file carries
(see :func:`packgen.output.reproducible`)."""


@dataclass(frozen=True)
class RawEntry:
    """One zip entry with its data as stored: compressed (``method`` 8) or not (0)."""

    name: str
    flags: int
    method: int
    crc: int
    size: int
    data: bytes

    def encoded_name(self) -> bytes:
        return self.name.encode("utf-8" if self.flags & 0x0800 else "cp437")


def raw_entries(data: bytes) -> dict[str, RawEntry] | None:
    """Return every entry of the zip ``data`` by name, still compressed, in the zip's order; or
    None when it holds anything this module does not write (encryption, zip64, a damaged header)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return None
    entries: dict[str, RawEntry] = {}
    for info in infos:
        if info.flag_bits & 0x0001 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
                or max(info.file_size, info.compress_size, info.header_offset) >= 0xFFFFFFFF:
            return None
        header = data[info.header_offset:info.header_offset + _LOCAL.size]
        if len(header) < _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
            return None
        *_, name_length, extra_length = _LOCAL.unpack(header)
        start = info.header_offset + _LOCAL.size + name_length + extra_length
        stored = data[start:start + info.compress_size]
        if len(stored) != info.compress_size:
            return None
        entries[info.filename] = RawEntry(info.filename, info.flag_bits & _KEPT_FLAGS, info.compress_type,
                                          info.CRC, info.file_size, stored)
    return entries


def zip_of(entries: list[RawEntry]) -> bytes:
    """Return a zip holding ``entries`` in order, each written as stored, every time 1 January 1980."""
    out = BytesIO()
    central = []
    for entry in entries:
        name = entry.encoded_name()
        offset = out.tell()
        out.write(_LOCAL.pack(_LOCAL_SIGNATURE, _VERSION, entry.flags, entry.method, *_EPOCH,
                              entry.crc, len(entry.data), entry.size, len(name), 0))
        out.write(name)
        out.write(entry.data)
        central.append(_CENTRAL.pack(_CENTRAL_SIGNATURE, _VERSION, _VERSION, entry.flags, entry.method, *_EPOCH,
                                     entry.crc, len(entry.data), entry.size, len(name), 0, 0, 0, 0, 0, offset) + name)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(_END_SIGNATURE, 0, 0, len(entries), len(entries), len(directory), start, 0))
    return out.getvalue()
