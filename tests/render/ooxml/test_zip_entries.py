"""Zip entries copied as they are (packgen.render.ooxml.zip_entries)."""

from __future__ import annotations

import zipfile
from io import BytesIO

from packgen.render.ooxml.zip_entries import raw_entries, zip_of


class Unseekable(BytesIO):
    """A stream zipfile cannot go back in, so it writes each entry's sizes after its data."""

    def seek(self, *_):
        raise OSError("not seekable")


def a_zip(stream: BytesIO | None = None) -> bytes:
    stream = stream if stream is not None else BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + "text " * 500 + "</w:document>")
        archive.writestr(zipfile.ZipInfo("media/plain.txt"), "stored as it is")
        archive.writestr("customXml/é.xml", "<r/>")
    return stream.getvalue()


def contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_entries_put_together_again_hold_what_they_held_in_order_dated_1980():
    data = a_zip()
    entries = raw_entries(data)

    written = zip_of(list(entries.values()))

    assert contents(written) == contents(data)
    with zipfile.ZipFile(BytesIO(written)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["word/document.xml", "media/plain.txt", "customXml/é.xml"]
    assert [info.compress_type for info in infos] == [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert entries["word/document.xml"].data == data[data.index(b"word/document.xml") + 17:][:len(entries["word/document.xml"].data)]


def test_an_entry_whose_sizes_follow_its_data_is_written_with_them_in_its_header():
    data = a_zip(Unseekable())
    assert all(info.flag_bits & 0x08 for info in zipfile.ZipFile(BytesIO(data)).infolist())

    written = zip_of(list(raw_entries(data).values()))

    assert contents(written) == contents(data)
    assert not any(info.flag_bits & 0x08 for info in zipfile.ZipFile(BytesIO(written)).infolist())


def test_an_encrypted_entry_a_damaged_header_or_no_zip_at_all_gives_none():
    data = a_zip()
    directory = data.rindex(b"PK\x01\x02")  # the last entry's central header: its flags at bytes 8-9
    encrypted = data[:directory + 8] + bytes([data[directory + 8] | 0x01]) + data[directory + 9:]
    first = data.index(b"PK\x03\x04")
    damaged = data[:first] + b"XX" + data[first + 2:]

    assert raw_entries(encrypted) is None
    assert raw_entries(damaged) is None
    assert raw_entries(b"not a zip") is None
