import pytest

from generator.errors import BuildError
from generator.write import swap_in, write_tree


def test_writes_skip_unchanged_files_and_remove_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    first = write_tree({"a.md": "A", "places/b.md": "B", "old/c.md": "C"}, docs)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    mtime = (docs / "a.md").stat().st_mtime_ns
    second = write_tree({"a.md": "A", "places/b.md": "B2"}, docs)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (docs / "a.md").stat().st_mtime_ns == mtime
    assert not (docs / "old").exists()
    assert (docs / "places/b.md").read_text() == "B2"


def test_nothing_is_written_when_one_path_leaves_the_folder(tmp_path):
    with pytest.raises(BuildError, match="outside"):
        write_tree({"a.md": "A", "../escape.md": "X"}, tmp_path / "docs")
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "docs" / "a.md").exists()


def test_swap_in_replaces_the_site_whole(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site.staging"
    site.mkdir(); (site / "old.html").write_text("old")
    staging.mkdir(); (staging / "new.html").write_text("new")
    swap_in(staging, site)
    assert [p.name for p in site.iterdir()] == ["new.html"] and not staging.exists()
