import pytest

from generator import paths
from generator.errors import BuildError
from generator.write import safe_target


@pytest.mark.parametrize("name, slug", [
    ("Deir ez-Zor", "deir-ez-zor"),
    ("Hayat Tahrir al-Sham", "hayat-tahrir-al-sham"),
    ("Dar'a", "dara"),
    ("Türkiye", "turkiye"),
    ("  Rif   Dimashq ", "rif-dimashq"),
    ("../../etc/passwd", "etc-passwd"),
])
def test_slugify_is_lowercase_ascii_with_hyphens(name, slug):
    assert paths.slugify(name) == slug


def test_urls_come_from_the_dest_table():
    assert paths.dest_path("place", slug="daraa") == "places/daraa.md"
    assert paths.url("place", slug="daraa") == "places/daraa/"
    assert paths.url("date", yyyy="2024", mm="12", dd="07") == "dates/2024/12/07/"
    assert paths.url("home") == ""
    assert paths.url("timeline") == "timeline/"
    assert paths.url("events_csv") == "data/events.csv"


def test_links_are_relative_between_docs_paths():
    assert paths.link("articles/x.md", "places/daraa.md") == "../places/daraa.md"
    assert paths.link("index.md", "timeline/index.md") == "timeline/index.md"
    assert paths.link("dates/2024/12/07.md", "places/homs.md") == "../../../places/homs.md"


@pytest.mark.parametrize("dest", ["../outside.md", "/etc/passwd", "places/../../x.md"])
def test_paths_leaving_the_docs_folder_are_refused(tmp_path, dest):
    with pytest.raises(BuildError, match="outside"):
        safe_target(tmp_path / "docs", dest)


from hypothesis import given, strategies as st  # noqa: E402

_part = st.sampled_from(["places", "daraa", "page", "2", "index", "dates", "2024", "12", "articles", "x"])
_path = st.lists(_part, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".md")


@given(_path, _path)
def test_link_agrees_with_posixpath_relpath(a, b):
    import posixpath

    assert paths.link(a, b) == posixpath.relpath(b, posixpath.dirname(a) or ".")


