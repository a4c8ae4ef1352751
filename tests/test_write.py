import os
import threading

import pytest

from generator import write as write_module
from generator.errors import BuildError
from generator.model import ELSEWHERE, UNCHANGED, Parts
from generator.write import TreeWriter, swap_in


def write(files: dict, docs):
    writer = TreeWriter(docs)
    writer.update(files)
    return writer.finish()


def test_writes_skip_unchanged_files_and_remove_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    first = write({"a.md": "A", "places/b.md": "B", "old/c.md": "C"}, docs)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    mtime = (docs / "a.md").stat().st_mtime_ns
    second = write({"a.md": "A", "places/b.md": "B2"}, docs)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (docs / "a.md").stat().st_mtime_ns == mtime
    assert not (docs / "old").exists()
    assert (docs / "places/b.md").read_text() == "B2"
    assert set(second.stats) == {"a.md", "places/b.md"}  # what the next build compares with


def test_a_page_left_as_it_is_or_written_by_another_worker_is_kept(tmp_path):
    docs = tmp_path / "docs"
    write({"a.md": "A", "b.md": "B"}, docs)
    report = write({"a.md": UNCHANGED, "b.md": ELSEWHERE, "c.md": "C"}, docs)
    assert (report.written, report.unchanged, report.removed) == (1, 1, 0)
    assert (docs / "a.md").read_text() == "A" and (docs / "b.md").read_text() == "B"


def test_a_file_in_parts_is_written_whole_and_left_alone_when_its_bytes_are_there(tmp_path):
    docs = tmp_path / "docs"
    parts = Parts((b"[\n", memoryview(b"one"), b",\n", b"two", b"\n]\n"))
    assert parts.size == len(parts.joined()) == 13
    assert write({"data/x.json": parts}, docs).written == 1
    assert (docs / "data/x.json").read_bytes() == b"[\none,\ntwo\n]\n"
    mtime = (docs / "data/x.json").stat().st_mtime_ns
    same = write({"data/x.json": Parts((b"[\none,", b"\ntwo\n]\n"))}, docs)
    assert (same.written, same.unchanged) == (0, 1) and (docs / "data/x.json").stat().st_mtime_ns == mtime
    other = write({"data/x.json": Parts((b"[\none,", b"\nTWO\n]\n"))}, docs)  # same size, other bytes
    assert other.written == 1 and (docs / "data/x.json").read_bytes() == b"[\none,\nTWO\n]\n"


def test_a_path_leaving_the_folder_is_refused(tmp_path):
    writer = TreeWriter(tmp_path / "docs")
    for dest in ("../escape.md", "places/../../escape.md", "/tmp/escape.md"):
        with pytest.raises(BuildError, match="outside"):
            writer[dest] = "X"
    assert not (tmp_path / "escape.md").exists()


def test_swap_in_replaces_the_site_whole(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site.staging"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging.mkdir()
    (staging / "new.html").write_text("new")
    swap_in(staging, site)
    assert [p.name for p in site.iterdir()] == ["new.html"] and not staging.exists()


def test_a_large_file_is_written_by_the_writers_thread_and_counted_when_waited_for(tmp_path, monkeypatch):
    monkeypatch.setattr(write_module, "BACKGROUND_MIN", 10)
    threads = []
    real = write_module._write_file
    monkeypatch.setattr(write_module, "_write_file",
                        lambda *a: threads.append(threading.current_thread().name) or real(*a))
    docs = tmp_path / "docs"
    big = Parts((b"x" * 6, memoryview(b"y" * 6)))
    writer = TreeWriter(docs)
    writer.update({"data/big.csv": big, "small.md": "S"})
    assert writer.report.written == 1  # the small file at once; the large one when waited for
    report = writer.finish()
    assert (report.written, set(report.stats)) == (2, {"data/big.csv", "small.md"})
    assert (docs / "data/big.csv").read_bytes() == b"xxxxxxyyyyyy"
    assert threads[0] != threading.current_thread().name and threads[1] == threading.current_thread().name
    again = write({"data/big.csv": big}, docs)  # its bytes are there: left alone
    assert (again.written, again.unchanged) == (0, 1)


def test_an_error_in_the_writers_thread_is_raised_by_finish(tmp_path, monkeypatch):
    monkeypatch.setattr(write_module, "BACKGROUND_MIN", 1)
    docs = tmp_path / "docs"
    (docs / "data" / "x.json.tmp").mkdir(parents=True)  # the temporary file cannot be made
    writer = TreeWriter(docs)
    writer["data/x.json"] = Parts((b"[]",))
    with pytest.raises(IsADirectoryError):
        writer.finish()


def test_parts_are_written_whole_when_the_system_writes_fewer_bytes_than_asked(tmp_path, monkeypatch):
    calls = []

    def short_writev(fd, buffers):  # at most 5 bytes a call, as a slow device may
        calls.append(len(buffers))
        return os.write(fd, b"".join(bytes(b) for b in buffers)[:5])
    monkeypatch.setattr(write_module.os, "writev", short_writev, raising=False)
    monkeypatch.setattr(write_module, "_IOV_MAX", 3)
    parts = Parts((b"abc", b"", memoryview(b"defghij"), b"k", b"lmnopq"))
    target = tmp_path / "out.bin"
    with open(target, "wb") as fh:
        write_module._write_parts(fh.fileno(), parts)
    assert target.read_bytes() == b"abcdefghijklmnopq"
    assert len(calls) == 4 and max(calls) <= 3


def test_parts_are_written_whole_where_the_system_has_no_writev(tmp_path, monkeypatch):
    monkeypatch.delattr(write_module.os, "writev", raising=False)
    calls = []
    real_write = os.write

    def counted_write(fd, data):  # a loop that writes nothing again and again fails here, not hangs
        calls.append(len(data))
        assert len(calls) < 10, calls
        return real_write(fd, data)
    monkeypatch.setattr(write_module.os, "write", counted_write)
    for name, parts in (("empty", Parts((b"", b""))), ("full", Parts((b"abc", memoryview(b"def"), b"")))):
        target = tmp_path / name
        with open(target, "wb") as fh:
            write_module._write_parts(fh.fileno(), parts)
        assert target.read_bytes() == parts.joined()
    assert calls == [6]


def test_the_files_a_build_may_leave_are_those_on_disk_as_the_last_build_left_them():
    on_disk = {"a.md": (1, 10), "b.md": (3, 40), "c.md": (5, 60)}
    state = {"a.md": ("fa", 1, 10), "b.md": ("fb", 3, 30), "gone.md": ("fg", 1, 10)}
    assert write_module.current_files(on_disk, state) == {"a.md": "fa"}  # b changed since, gone is gone
