"""Values made from files, kept while the file is unchanged (packgen.cache)."""

from __future__ import annotations

import os

import pytest

from packgen.cache import FileCache


class Maker:
    """Reads a file's text and counts how often it was asked to."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path):
        self.calls += 1
        return path.read_text(encoding="utf-8")


def test_a_file_is_made_into_its_value_once_while_it_is_unchanged(tmp_path):
    path = tmp_path / "defaults.yaml"
    path.write_text("force: A\n", encoding="utf-8")
    cache, make = FileCache(), Maker()

    assert [cache.get(path, make) for _ in range(3)] == ["force: A\n"] * 3
    assert make.calls == 1


def test_a_file_changed_on_disk_is_made_again(tmp_path):
    path = tmp_path / "defaults.yaml"
    path.write_text("force: A\n", encoding="utf-8")
    cache, make = FileCache(), Maker()
    cache.get(path, make)

    path.write_text("force: B\n", encoding="utf-8")  # same size: the modified time tells
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert cache.get(path, make) == "force: B\n"
    assert make.calls == 2


def test_what_make_raises_is_raised_and_nothing_is_kept(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_text("not a document", encoding="utf-8")
    cache, attempts = FileCache(), []

    def refuse(p):
        attempts.append(p)
        raise ValueError("cannot be read")

    for _ in range(2):
        with pytest.raises(ValueError, match="cannot be read"):
            cache.get(path, refuse)
    assert attempts == [path, path]


def test_the_store_never_holds_more_than_its_limit(tmp_path):
    cache, make = FileCache(limit=2), Maker()
    paths = []
    for name in "abc":
        paths.append(tmp_path / name)
        paths[-1].write_text(name, encoding="utf-8")
        cache.get(paths[-1], make)

    assert len(cache._values) <= 2
    cache.get(paths[0], make)  # 'a' was let go to make room, so it is made again
    assert make.calls == 4
