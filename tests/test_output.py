import json
import os
from pathlib import Path

import pytest

from packgen.errors import OutputError, OverwriteRefused
from packgen.output import LOCK_FILE, STATE_FILE, sha256, write_atomically, write_outputs


def test_write_atomically_replaces_the_file_whole(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_crash_mid_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"previous")

    def fail_halfway(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail_halfway)
    with pytest.raises(OutputError) as error:
        write_atomically(target, b"new content")
    assert str(error.value) == f"{target}: could not write the file (the disk is full)"
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_write_into_a_folder_that_cannot_exist_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    with pytest.raises(OutputError) as error:
        write_outputs(blocker / "out", {"a.txt": b"x"})
    assert str(error.value).startswith(f"{blocker / 'out'}: could not create the output folder (")


def test_write_outputs_records_what_it_wrote(tmp_path):
    report = write_outputs(tmp_path, {"a.txt": b"A", "b.txt": b"B"})
    assert report.written == [tmp_path / "a.txt", tmp_path / "b.txt"]
    state = json.loads((tmp_path / STATE_FILE).read_text())
    assert state == {"files": {"a.txt": sha256(b"A"), "b.txt": sha256(b"B")}}


def test_rewriting_packgens_own_unchanged_files_is_allowed(tmp_path):
    write_outputs(tmp_path, {"a.txt": b"A"})
    write_outputs(tmp_path, {"a.txt": b"A2"})
    assert (tmp_path / "a.txt").read_bytes() == b"A2"


def test_a_file_changed_since_packgen_wrote_it_is_not_overwritten(tmp_path):
    write_outputs(tmp_path, {"a.txt": b"A", "b.txt": b"B"})
    (tmp_path / "a.txt").write_bytes(b"organiser's edit")
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"a.txt": b"A2", "b.txt": b"B2"})
    assert error.value.message == f"{tmp_path}: packgen did not write anything, to keep your work"
    assert error.value.problems == [
        f"{tmp_path / 'a.txt'} has been changed since packgen wrote it",
        "Use --force to replace them (your versions are kept as dated copies), or write to another"
        " folder with -o.",
    ]
    assert (tmp_path / "a.txt").read_bytes() == b"organiser's edit"
    assert (tmp_path / "b.txt").read_bytes() == b"B", "nothing is written when one file is refused"


def test_a_file_packgen_did_not_write_is_not_overwritten(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"someone else's")
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"a.txt": b"A"})
    assert error.value.problems[0] == f"{tmp_path / 'a.txt'} already exists and was not written by packgen"


def test_a_guard_can_refuse_with_its_own_reason(tmp_path):
    write_outputs(tmp_path, {"a.txt": b"A"})
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"a.txt": b"A"}, guards={"a.txt": lambda path: "holds typed data"})
    assert error.value.problems[0] == f"{tmp_path / 'a.txt'} holds typed data"


def test_force_replaces_and_keeps_the_organisers_version(tmp_path):
    write_outputs(tmp_path, {"a.txt": b"A"})
    (tmp_path / "a.txt").write_bytes(b"organiser's edit")
    report = write_outputs(tmp_path, {"a.txt": b"A2"}, force=True)
    assert (tmp_path / "a.txt").read_bytes() == b"A2"
    [copy] = report.kept_copies
    assert copy.name.startswith("a (yours, ") and copy.suffix == ".txt"
    assert copy.read_bytes() == b"organiser's edit"


def test_a_damaged_state_file_counts_as_no_record(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"A")
    (tmp_path / STATE_FILE).write_text("{not json")
    with pytest.raises(OverwriteRefused):
        write_outputs(tmp_path, {"a.txt": b"A"})


def test_failure_part_way_leaves_no_temporary_files_and_a_true_record(tmp_path, monkeypatch):
    calls = []
    real_replace = os.replace

    def replace_then_fail(src, dst):
        calls.append(Path(dst).name)
        if Path(dst).name == "b.txt":
            raise OSError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(OutputError) as error:
        write_outputs(tmp_path, {"a.txt": b"A", "b.txt": b"B"})
    assert str(error.value) == f"{tmp_path / 'b.txt'}: could not write the file (permission denied)"
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE, LOCK_FILE, "a.txt"]
    monkeypatch.setattr(os, "replace", real_replace)
    write_outputs(tmp_path, {"a.txt": b"A2", "b.txt": b"B"})  # a.txt is known to be packgen's
    assert (tmp_path / "a.txt").read_bytes() == b"A2"


def test_reproducible_fixes_zip_times_and_document_dates():
    import io
    import zipfile

    from packgen.output import reproducible

    core = (b'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-26T09:15:00Z'
            b'</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-26T09:16:00Z'
            b"</dcterms:modified></cp:coreProperties>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as container:
        container.writestr("[Content_Types].xml", b"<Types/>")
        container.writestr("docProps/core.xml", core)
    fixed = zipfile.ZipFile(io.BytesIO(reproducible(buffer.getvalue())))
    assert [i.filename for i in fixed.infolist()] == ["[Content_Types].xml", "docProps/core.xml"]
    assert {i.date_time for i in fixed.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert fixed.read("docProps/core.xml") == core.replace(b"2026-11-26T09:15:00Z", b"2000-01-01T00:00:00Z").replace(
        b"2026-11-26T09:16:00Z", b"2000-01-01T00:00:00Z")


def test_two_writers_in_one_folder_at_once_are_refused_not_mixed(tmp_path):
    import multiprocessing

    from packgen.output import folder_lock

    held, release = multiprocessing.Event(), multiprocessing.Event()

    def hold():
        with folder_lock(tmp_path):
            held.set()
            release.wait(10)

    other = multiprocessing.get_context("fork").Process(target=hold)
    other.start()
    try:
        assert held.wait(10)
        with pytest.raises(OutputError) as error:
            write_outputs(tmp_path, {"a.txt": b"A"})
        assert str(error.value) == (
            f"{tmp_path}: another packgen run is writing into this folder; wait for it to finish,"
            " or write to another folder with -o")
        assert not (tmp_path / "a.txt").exists()
    finally:
        release.set()
        other.join(10)
    write_outputs(tmp_path, {"a.txt": b"A"})  # free again once the other run is done
    assert (tmp_path / "a.txt").read_bytes() == b"A"


def test_reproducible_only_patches_the_times_when_the_dates_are_already_fixed():
    import io
    import zipfile

    from packgen.output import FIXED_STAMP, FIXED_ZIP_TIME, reproducible

    core = f"<dcterms:created>{FIXED_STAMP}</dcterms:created>".encode()

    def container(date_time) -> bytes:
        # a stored entry and one deflated at level 1: written afresh, both would come out otherwise
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            target.writestr(zipfile.ZipInfo("docProps/core.xml", date_time), core, zipfile.ZIP_STORED)
            target.writestr(zipfile.ZipInfo("word/document.xml", date_time), b"<w:document/>" * 100,
                            zipfile.ZIP_DEFLATED, compresslevel=1)
        return buffer.getvalue()

    original = container((2026, 11, 26, 9, 15, 0))
    assert reproducible(original) == container(FIXED_ZIP_TIME), "only the times change, byte for byte"


def test_a_file_the_command_reads_is_never_replaced_not_even_with_force(tmp_path):
    config = tmp_path / "hub.yaml"
    config.write_text("title: mine\n")
    write_outputs(tmp_path, {"planning.xlsx": b"workbook"})  # packgen's own, unchanged since
    (tmp_path / "pack").mkdir()
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"hub.yaml": b"{}", "planning.xlsx": b"{}"}, force=True,
                      reads=[config, None, tmp_path / "pack" / ".." / "planning.xlsx"])
    assert error.value.message == f"{tmp_path}: packgen did not write anything, to keep your work"
    assert error.value.problems == [
        f"{config} is a file this command reads",
        f"{tmp_path / 'planning.xlsx'} is a file this command reads",
        "packgen never writes over a file it reads or its own record, not even with --force: write to another"
        " file or folder with -o.",
    ]
    assert config.read_text() == "title: mine\n"
    assert (tmp_path / "planning.xlsx").read_bytes() == b"workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE, LOCK_FILE, "hub.yaml", "pack", "planning.xlsx"]


def test_a_file_read_under_another_name_is_still_never_replaced(tmp_path):
    write_outputs(tmp_path, {"results.json": b"{}"})
    os.link(tmp_path / "results.json", tmp_path / "copy.json")
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"results.json": b"new"}, reads=[tmp_path / "copy.json"])
    assert error.value.problems[0] == f"{tmp_path / 'results.json'} is a file this command reads"
    assert (tmp_path / "results.json").read_bytes() == b"{}"


@pytest.mark.parametrize("name", [STATE_FILE, LOCK_FILE])
def test_packgens_own_record_is_never_an_output(tmp_path, name):
    write_outputs(tmp_path, {"a.txt": b"A"})
    record = (tmp_path / STATE_FILE).read_bytes()
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {name: b"{}"}, force=True)
    assert error.value.problems[0] == f"{tmp_path / name} is where packgen keeps its record of what it wrote"
    assert (tmp_path / STATE_FILE).read_bytes() == record


def test_both_kinds_of_refusal_are_listed_with_both_remedies(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "hub.yaml").write_text("title: mine\n")
    with pytest.raises(OverwriteRefused) as error:
        write_outputs(tmp_path, {"hub.yaml": b"{}", "notes.txt": b"x"}, reads=[tmp_path / "hub.yaml"])
    assert error.value.problems == [
        f"{tmp_path / 'hub.yaml'} is a file this command reads",
        f"{tmp_path / 'notes.txt'} already exists and was not written by packgen",
        "Use --force to replace them (your versions are kept as dated copies), or write to another folder with -o.",
        "packgen never writes over a file it reads or its own record, not even with --force: write to another"
        " file or folder with -o.",
    ]


def test_write_output_writes_one_file_under_the_same_rules(tmp_path):
    from packgen.output import write_output

    target = tmp_path / "sub" / "results.json"
    assert write_output(target, b"1").written == [target]
    assert write_output(target, b"2").written == [target]  # packgen's own, unchanged: replaced
    target.write_bytes(b"edited")
    with pytest.raises(OverwriteRefused):
        write_output(target, b"3")
    [copy] = write_output(target, b"3", force=True).kept_copies
    assert (target.read_bytes(), copy.read_bytes()) == (b"3", b"edited")


def test_check_outputs_refuses_as_writing_would_and_writes_nothing(tmp_path):
    from packgen.output import check_outputs

    (tmp_path / "manifest.json").write_text("mine")
    with pytest.raises(OverwriteRefused) as error:
        check_outputs(tmp_path, ["manifest.json"])
    assert error.value.problems[0] == f"{tmp_path / 'manifest.json'} already exists and was not written by packgen"
    check_outputs(tmp_path, ["manifest.json"], force=True)
    check_outputs(tmp_path / "new", ["manifest.json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]
