"""The editor's desk: articles without a date, a place or an event, unlisted
places and unknown actors, in the build's summary and on /desk/ (left out of
search and of the feeds); nothing on it fails the build, --strict included."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator import build, pipeline
from generator.desk import _names_before_triggers, _known_names, make_desk
from generator.index import build_index
from generator.load import find_articles

from .conftest import FIXTURES, REPO

ARTICLES = {
    # Undated; an actor no registry holds; a place no registry lists.
    "brigades.txt": "Tahrir Brigades take two villages\n"
                    "The Tahrir Brigades seized the village of Umm Zaytuna on Friday, a monitor said.\n"
                    "Government forces withdrew from Rastan, residents said.\n",
    # Dated, no place, no event.
    "talks.md": "---\npublished: 2024-12-05\n---\nTalks end without agreement\n\n"
                "The talks ended without agreement on Thursday, diplomats said, and no date was set for more.\n",
}


@pytest.fixture
def content(tmp_path, registry):
    dest = tmp_path / "content"
    shutil.copytree(REPO / "content" / "registry", dest / "registry")
    (dest / "articles").mkdir()
    for name, text in ARTICLES.items():
        (dest / "articles" / name).write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "pages" / "dated_by_address.html", dest / "articles" / "daraa.html")
    # The same page at an address without a date: no date at all.
    (dest / "articles" / "undated-page.html").write_bytes(
        (dest / "articles" / "daraa.html").read_bytes().replace(b"-december-7-2024", b""))
    (dest / "articles" / "undated-page.yml").write_text("outlet: Southern Dispatch\n")
    return dest


def desk_of(content, registry):
    articles, problems = pipeline.prepare(find_articles(content), registry, base=content)
    assert problems == []
    briefing, _ = build_index(articles, registry)
    return make_desk(briefing)


def test_the_desk_lists_what_an_editor_should_look_at(content, registry):
    desk = desk_of(content, registry)
    assert [a.src_path for a in desk.undated] == ["articles/brigades.txt", "articles/undated-page.html"]
    assert [desk.fix_date(a) for a in desk.undated] == [
        "add `published: YYYY-MM-DD` to its front matter",
        "add `published: YYYY-MM-DD` to `undated-page.yml` beside the page"]
    assert [a.src_path for a in desk.no_place] == ["articles/talks.md"]
    assert [a.src_path for a in desk.no_event] == ["articles/talks.md"]
    assert desk.unlisted == [("Umm Zaytuna", "The Tahrir Brigades seized the village of Umm Zaytuna on Friday, "
                                             "a monitor said.", 1)]
    assert [(c.name, c.article.src_path) for c in desk.candidates] == [("Tahrir Brigades", "articles/brigades.txt")]
    assert desk.candidates[0].sentence.startswith("The Tahrir Brigades seized the village")


@pytest.mark.parametrize("sentence, names", [
    ("The Tahrir Brigades seized Rastan on Friday.", ["Tahrir Brigades"]),
    ("On Friday, Liwa al-Quds had reportedly withdrawn from Aleppo.", ["Liwa al-Quds"]),
    ("Hayat Tahrir al-Sham entered Hama.", []),        # a registry holds it
    ("Rebels captured Hama.", []),                     # an ordinary word at a sentence's start
    ("Thursday saw fighters enter Hama.", []),
    ("Opposition fighters captured Rastan.", []),      # not a name right before the verb
])
def test_unknown_actors_are_capitalised_names_right_before_an_action(registry, sentence, names):
    assert _names_before_triggers(sentence, _known_names(registry)) == names


def test_the_build_summary_lists_the_desk_and_strict_still_passes(content, tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site",
                             str(tmp_path / "site"), "--strict", "--quiet"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "editor's desk (/desk/): 2 without a date, 1 without a place, 1 without an event, 1 unlisted places, "
        "1 unknown actors",
        "  no date: articles/brigades.txt: add `published: YYYY-MM-DD` to its front matter",
        "  no date: articles/undated-page.html: add `published: YYYY-MM-DD` to `undated-page.yml` beside the page",
        "  no place: articles/talks.md",
        "  no event: articles/talks.md",
        "  unlisted place: Umm Zaytuna",
        "  unknown actor: Tahrir Brigades (articles/brigades.txt)"]
    # A rebuild that indexes nothing again (no change) gives the same summary.
    again = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site",
                            str(tmp_path / "site"), "--quiet"], cwd=REPO, capture_output=True, text=True)
    assert again.stdout == result.stdout

    site = tmp_path / "site"
    page = (site / "desk" / "index.html").read_text(encoding="utf-8")
    assert "Tahrir Brigades" in page and "<code>undated-page.yml</code>" in page and "Umm Zaytuna" in page
    assert "data-pagefind-body" not in page  # left out of search
    indexed = subprocess.run(["grep", "-rl", "Editor's desk", str(site / "pagefind")], capture_output=True)
    assert indexed.stdout == b""
    assert "desk" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_an_empty_desk_prints_nothing(tmp_path, registry):
    articles, _ = pipeline.prepare([], registry)
    briefing, _ = build_index(articles, registry)
    assert make_desk(briefing).summary() == []
    (tmp_path / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "registry", tmp_path / "content" / "registry")
    report = build.generate(tmp_path / "content", tmp_path / "docs")
    assert report.desk == []
    assert "## No publication date (0)\n\nTheir events" in (tmp_path / "docs" / "desk" / "index.md").read_text()
