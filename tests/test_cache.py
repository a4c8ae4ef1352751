"""The record files the caches are made of (generator.cache.Records), and
the digests of the code that key them."""
import marshal
import shutil
import subprocess
import sys

from generator import cache
from generator.cache import Records
from generator.render import markdown


def _open(path):
    return Records(path, b"TEST1", mapped=True)


def test_records_appended_past_the_index_are_found_and_a_long_tail_is_indexed_again(tmp_path):
    """A save that appends a few records leaves NAME.idx as it was (the next
    opening walks the records after it); once the tail is long, the index is
    written again. Either way every record reads back, and a record cut
    short by an interrupted save is dropped alone."""
    path = tmp_path / "r.bin"
    records = _open(path)
    for k in range(100):
        records.put(f"k{k}".encode(), f"value {k}".encode())
    records.save()
    index = (tmp_path / "r.bin.idx").read_bytes()
    assert len(marshal.loads(index)[2]) == 100

    records = _open(path)
    records.keep([f"k{k}" for k in range(100)], {"new1": b"one", "new2": b"two"})
    assert (tmp_path / "r.bin.idx").read_bytes() == index  # a short tail: not indexed again
    records = _open(path)
    assert records.get_many([b"k7", b"new1", b"new2", b"missing"]) == [b"value 7", b"one", b"two", None]
    assert records.get_many([b"k1", b"k0"]) == [b"value 1", b"value 0"] and records.get_many([]) == []
    assert len(records) == 102

    records.keep([f"k{k}" for k in range(100)] + ["new1", "new2"], {"big": b"x" * (2 << 20)})
    assert len(marshal.loads((tmp_path / "r.bin.idx").read_bytes())[2]) == 103  # a long one is

    with path.open("r+b") as f:  # an interrupted save: the last record cut short
        f.seek(0, 2)
        f.truncate(f.tell() - 10)
    records = _open(path)
    assert records.get(b"big") is None and records.get(b"new2") == b"two" and len(records) == 102


def test_records_are_looked_up_many_at_once_those_read_those_added_and_those_missing(tmp_path):
    records = _open(tmp_path / "r.bin")
    for k in range(5):
        records.put(f"k{k}".encode(), f"value {k}".encode())
    records.save()
    records = _open(tmp_path / "r.bin")
    assert records.get_many([b"k3", b"missing", b"k0"]) == [b"value 3", None, b"value 0"]
    records.put(b"put", b"here")
    assert records.get_many([b"put", b"k1", b"missing"]) == [b"here", b"value 1", None]


def test_an_index_refused_on_opening_is_written_again_at_the_next_save(tmp_path):
    """An index longer than its file (the file cut short after it was
    written) is refused; the next save, however short what it appends,
    writes it again, or a later opening would trust it over records it
    never held and read one record's bytes as another's."""
    path = tmp_path / "r.bin"
    records = _open(path)
    for k in range(20):
        records.put(f"k{k}".encode(), b"v" * 30)
    records.save()
    with path.open("r+b") as f:
        f.seek(0, 2)
        f.truncate(f.tell() - 5)  # the last record cut: the index now claims more than the file holds
    records = _open(path)
    assert records.get(b"k19") is None and records.get(b"k18") == b"v" * 30
    records.keep([f"k{k}" for k in range(19)], {"new": b"N" * 40})
    records = _open(path)
    assert records.get(b"new") == b"N" * 40 and records.get(b"k19") is None and records.get(b"k3") == b"v" * 30


def test_the_code_digest_is_of_the_code_imported_not_of_sources_edited_since(tmp_path, monkeypatch):
    """A preview left running while a rule is edited keeps the old code: its
    results must not be filed under the new code's key, nor its pages
    fingerprinted as the new renderer's (a build with the new code would reuse them)."""
    package = tmp_path / "generator"
    shutil.copytree(cache._CODE, package, ignore=shutil.ignore_patterns("__pycache__"))

    def digest(edit_after_import: str) -> str:  # in a process of its own, importing the copy
        script = (f"import sys; sys.path.insert(0, {str(tmp_path)!r}); from generator import cache; "
                  f"open({str(package / 'fuse.py')!r}, 'a').write({edit_after_import!r}); print(cache.code_digest())")
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    imported = digest("\nFUSE_DAYS = 5\n")
    assert digest("") != imported  # the edit is a change of code: a process started now keys by it
    assert digest("") == digest("")

    pages = markdown.code_digest()
    with (cache._CODE / "render" / "pages.py").open("rb") as f:
        source = f.read()
    monkeypatch.setattr(markdown, "PACKAGE", package / "render")
    (package / "render" / "pages.py").write_bytes(source + b"\n# another renderer\n")
    assert markdown.code_digest() == pages


def test_the_page_digest_follows_the_templates_as_each_build_reads_them(tmp_path, monkeypatch):
    """Templates are read from disk by each build's renderer, so their digest is too."""
    before = markdown.code_digest()
    templates = tmp_path / "templates"
    shutil.copytree(markdown.TEMPLATES, templates)
    monkeypatch.setattr(markdown, "TEMPLATES", templates)
    assert markdown.code_digest() == before
    with (templates / "home.md.j2").open("a") as f:
        f.write("\n")
    assert markdown.code_digest() != before
