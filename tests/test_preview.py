"""The preview's dirty rebuilds (generator serve): real MkDocs builds with the
project's mkdocs.yml and hook, compared with a clean build of the same docs tree."""
from __future__ import annotations

import json

from generator import build
from generator.bench import tree_differences
from generator.mkdocs_hooks import PREVIEW_STATE

from .conftest import pagefind_pages


def _mkdocs(docs, site, dirty: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    mkdocs_build(build.mkdocs_config(build.PROJECT_DIR / "mkdocs.yml", docs, site, strict=False), dirty=dirty)


def _captures(content, registry, day: int, first: int, count: int) -> None:
    """`count` articles each reporting a capture of another town on December `day`."""
    towns = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town"))
    for i in range(first, first + count):
        (content / "articles" / f"capture-{i:03}.md").write_text(
            f"---\ntitle: Capture {i}\npublished: 2024-12-0{day}\n---\nRebels captured {towns[i]} on "
            f"December {day}, report {i} said.\n", encoding="utf-8")


def _html(site):
    """The built site's pages (sitemap.xml.gz carries the build's time)."""
    return [p for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"]


def test_a_dirty_preview_rebuild_equals_a_clean_build(content_dir, registry, tmp_path, monkeypatch):
    docs, state = tmp_path / "docs", tmp_path / "preview.json"
    _captures(content_dir, registry, 1, 0, 30)  # a day with more events than its first timeline page shows
    build.generate(content_dir, docs)
    monkeypatch.setenv(PREVIEW_STATE, str(state))
    _mkdocs(docs, tmp_path / "preview", dirty=True)  # the preview's first build: its site folder is empty
    monkeypatch.delenv(PREVIEW_STATE)
    _mkdocs(docs, tmp_path / "plain", dirty=False)
    before = {p.name: p.read_text() for p in (docs / "articles").glob("capture-*.md")}

    # Thirty more events that day: its pages are cut again and events move to other pages,
    # which changes the Markdown of the articles linking them. One article goes.
    _captures(content_dir, registry, 1, 30, 30)
    (content_dir / "articles" / "capture-007.md").unlink()
    build.generate(content_dir, docs)
    assert any((docs / "articles" / name).read_text() != text for name, text in before.items()
               if name != "capture-007.md")

    monkeypatch.setenv(PREVIEW_STATE, str(state))
    _mkdocs(docs, tmp_path / "preview", dirty=True)
    monkeypatch.delenv(PREVIEW_STATE)
    _mkdocs(docs, tmp_path / "plain", dirty=True)  # MkDocs' dirty build alone, without the hook's state
    _mkdocs(docs, tmp_path / "clean", dirty=False)

    stale = tree_differences(tmp_path / "plain", tmp_path / "clean")
    assert any(p.startswith("articles/capture-007/") for p in stale)  # the deleted article's page stays
    assert [p for p in tree_differences(tmp_path / "preview", tmp_path / "clean") if not p.endswith(".gz")] == []
    assert len(_html(tmp_path / "clean")) > 100


def test_the_preview_serves_dirty_rebuilds_with_the_hooks_state(content_dir, tmp_path, monkeypatch):
    import mkdocs.commands.serve

    seen = {}

    def fake_serve(**kwargs):  # stands in for the server: what it was asked to do, and the hook's state file
        seen.update(kwargs, state=build.os.environ.get(PREVIEW_STATE))
    monkeypatch.setattr(mkdocs.commands.serve, "serve", fake_serve)
    monkeypatch.setenv(PREVIEW_STATE, "")  # restored when the test ends
    build.serve(content_dir, docs_dir=tmp_path / "build" / "docs")
    assert seen["build_type"] == "dirty" and seen["livereload"] is True
    assert seen["state"] == str((tmp_path / "build" / "cache" / "preview" / "state.json").resolve())
    assert (tmp_path / "build" / "docs" / "index.md").is_file()  # generated before the server started
    assert PREVIEW_STATE not in build.os.environ  # a build after the preview keeps no state


def test_a_burst_of_file_events_regenerates_once_and_a_later_one_again():
    import threading
    import time

    runs, ran = [], threading.Event()

    def job():
        runs.append(1)
        ran.set()
    changed = build.Coalesced(job, quiet=0.2)
    try:
        for _ in range(5):  # an editor's save: several events at once
            changed()
        assert ran.wait(10)
        time.sleep(1.0)  # five quiet spells' worth: no run more for the same burst
        assert runs == [1]
        ran.clear()
        changed()
        assert ran.wait(10) and runs == [1, 1]
    finally:
        changed.close()
    assert not changed._thread.is_alive()


def _searchable(site) -> dict[str, str]:
    """url → text of every page a site's Pagefind bundles hold."""
    return {page["url"]: page["content"] for bundle in site.glob("pagefind*") for page in pagefind_pages(bundle)}


def test_the_preview_search_is_made_again_after_a_build(content_dir, tmp_path, monkeypatch):
    docs, site = tmp_path / "docs", tmp_path / "preview"
    monkeypatch.setenv(PREVIEW_STATE, str(tmp_path / "preview.json"))
    build.generate(content_dir, docs)
    _mkdocs(docs, site, dirty=True)
    build.index_preview_search(site, batch=15)  # a large site's index: several bundles
    bundles = sorted(p.name for p in site.glob("pagefind*"))
    assert len(bundles) > 2 and json.loads((site / build.SEARCH_BUNDLES).read_text()) == bundles[1:]
    assert not any("Zanzibarquux" in text for text in _searchable(site).values())

    (content_dir / "articles" / "later.md").write_text(
        "---\ntitle: Later\npublished: 2024-12-09\n---\nThe Zanzibarquux bridge reopened in Aleppo.\n",
        encoding="utf-8")
    build.generate(content_dir, docs)
    _mkdocs(docs, site, dirty=True)
    build.index_preview_search(site)  # one bundle now: the others go
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind"]
    assert json.loads((site / build.SEARCH_BUNDLES).read_text()) == []
    found = [url for url, text in _searchable(site).items() if "Zanzibarquux" in text]
    assert found and all(url.startswith("/articles/later") for url in found), found
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no folder of its left beside


def test_the_preview_indexes_each_build_for_search(content_dir, tmp_path, monkeypatch):
    import time

    import mkdocs.commands.serve
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = tmp_path / "served"

    def fake_serve(config_file, docs_dir, **kwargs):  # one build, as MkDocs' server makes, with the hook
        mkdocs_build(load_config(config_file=config_file, docs_dir=docs_dir, site_dir=str(site)), dirty=True)
        deadline = time.monotonic() + 60
        while not (site / "pagefind" / "pagefind-entry.json").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    monkeypatch.setattr(mkdocs.commands.serve, "serve", fake_serve)
    monkeypatch.setenv(PREVIEW_STATE, "")
    build.serve(content_dir, docs_dir=tmp_path / "build" / "docs")
    assert any(url.startswith("/places/daraa/") for url in _searchable(site))
