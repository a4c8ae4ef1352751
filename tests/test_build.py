"""Whole-site builds with MkDocs in temporary folders."""
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import build
from generator.bench import tree_differences
from generator.errors import RegistryError

from .conftest import CONTENT


def synthetic_content(tmp_path: Path, registry, n: int, seed: int) -> Path:
    """A content folder of N of the bench's synthetic articles beside the real registries."""
    from generator.corpus import synthetic_corpus

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "registry", content / "registry")
    for rel, text in synthetic_corpus(n, registry, seed=seed).items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("seed-site")
    report = build.build(CONTENT, root / "site", strict=True, quiet=True, docs_dir=root / "docs")
    return root, report


def test_seed_site_has_the_pages_at_fixed_urls(seed_site):
    root, report = seed_site
    assert report.problems == [] and report.articles == 5
    site = root / "site"
    for url in ["", "places/", "places/daraa/", "places/homs/", "places/deir-ez-zor/", "factions/",
                "factions/hayat-tahrir-al-sham/", "factions/syrian-democratic-forces/", "dates/", "dates/2024/12/07/",
                "dates/undated/", "articles/000-256aa227eb8e4656/", "timeline/", "control/", "map/", "discrepancies/",
                "data/"]:
        assert (site / url / "index.html").is_file(), url
    for data in ["data/articles.json", "data/events.csv", "data/events.geojson", "feed.xml",
                 "places/daraa/feed.xml", "assets/vendor/leaflet/leaflet.js"]:
        assert (site / data).is_file(), data


def test_daraa_page_links_all_five_articles(seed_site):
    html = (seed_site[0] / "site" / "places" / "daraa" / "index.html").read_text()
    linked = set(re.findall(r'href="\.\./\.\./articles/([\w-]+)/"', html))
    assert linked == {p.stem.replace("_", "-") for p in (CONTENT / "articles").glob("*.txt")}


def test_aliases_are_indexed_for_search_on_the_canonical_page(seed_site):
    """The browser tests search for real; here: the Pagefind index exists and
    each alias sits, weighted, in the indexed body of its canonical page."""
    site = seed_site[0] / "site"
    assert (site / "pagefind" / "pagefind.js").is_file() and any((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists()  # no whole-site index for every reader
    for page, alias in [("places/deir-ez-zor", "Deir Essor"), ("factions/hayat-tahrir-al-sham",
                                                                "Levant Liberation Organization")]:
        html = (site / page / "index.html").read_text()
        body = html[html.index("data-pagefind-body"):]
        weighted = re.search(r'<span data-pagefind-weight="5">Also known as: ([^<]*)</span>', body)
        assert weighted and alias in weighted.group(1), page


def test_article_pages_carry_search_filters(seed_site):
    html = (seed_site[0] / "site" / "articles" / "004-e813703dab104bef" / "index.html").read_text()
    filters = re.findall(r'data-pagefind-filter="(\w+)">([^<]*)<', html)
    assert ("place", "Daraa") in filters and ("faction", "Hayat Tahrir al-Sham") in filters
    assert ("date", "2024-12-07") in filters and ("type", "article") in filters


def test_articles_json_has_every_article_with_its_url(seed_site):
    items = json.loads((seed_site[0] / "site" / "data" / "articles.json").read_text())
    assert len(items) == 5
    assert all(item["url"].startswith("articles/") and item["url"].endswith("/") for item in items)
    assert {"title", "published", "places", "countries", "factions", "people", "sources", "events"} <= set(items[0])


def test_the_same_input_gives_a_byte_identical_docs_tree(tmp_path):
    build.generate(CONTENT, tmp_path / "one")
    build.generate(CONTENT, tmp_path / "two")
    assert len([p for p in (tmp_path / "one").rglob("*") if p.is_file()]) > 50
    assert tree_differences(tmp_path / "one", tmp_path / "two") == []


def test_a_broken_registry_leaves_the_previous_site_as_it_was(content_dir, tmp_path):
    site = tmp_path / "site"
    build.build(content_dir, site, quiet=True, docs_dir=tmp_path / "docs")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (content_dir / "registry" / "places.yml").write_text("- name: Homs\n  lat: [1, 2\n")
    with pytest.raises(RegistryError) as exc:
        build.build(content_dir, site, quiet=True, docs_dir=tmp_path / "docs")
    assert str(exc.value).startswith(f"{(content_dir / 'registry' / 'places.yml').as_posix()}:2: invalid YAML")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_deleted_article_leaves_no_stale_page(content_dir, tmp_path):
    site = tmp_path / "site"
    build.build(content_dir, site, quiet=True, docs_dir=tmp_path / "docs")
    assert (site / "articles" / "003-abc9d40aaf08aa38" / "index.html").exists()
    (content_dir / "articles" / "003_abc9d40aaf08aa38.txt").unlink()
    build.build(content_dir, site, quiet=True, docs_dir=tmp_path / "docs")
    assert not (site / "articles" / "003-abc9d40aaf08aa38").exists()
    assert not (tmp_path / "docs" / "articles" / "003-abc9d40aaf08aa38.md").exists()


def test_content_is_never_modified(content_dir, tmp_path):
    before = {p: p.read_bytes() for p in content_dir.rglob("*") if p.is_file()}
    build.build(content_dir, tmp_path / "site", quiet=True, docs_dir=tmp_path / "docs")
    assert {p: p.read_bytes() for p in content_dir.rglob("*") if p.is_file()} == before


def test_the_extraction_cache_gives_the_same_docs_and_follows_changes(content_dir, tmp_path):
    from generator import pipeline
    from generator.cache import ExtractionCache
    from generator.load import find_articles
    from generator.registry import load_registry

    cache = tmp_path / "cache"
    paths = find_articles(content_dir)
    registry = load_registry(content_dir)

    def entries(reg=registry) -> int:
        return len(ExtractionCache(cache, reg.digest))

    fresh, _ = pipeline.prepare(paths, registry, base=content_dir)
    pipeline.prepare(paths, registry, base=content_dir, cache_dir=cache)
    cached, _ = pipeline.prepare(paths, registry, base=content_dir, cache_dir=cache)
    assert [(a.title, a.published, a.blocks, a.furniture, a.extraction) for a in cached] == \
        [(a.title, a.published, a.blocks, a.furniture, a.extraction) for a in fresh]
    assert entries() == 5
    reused = ExtractionCache(cache, registry.digest)
    assert all(reused.get(reused.key(a.src_path, (content_dir / a.src_path).read_bytes())) for a in fresh)
    # An edited article is extracted again; its old entry is dropped once most are unused.
    edited = content_dir / "articles" / "003_abc9d40aaf08aa38.txt"
    edited.write_text(edited.read_text() + "\nRebels also captured Tartus.\n")
    again, _ = pipeline.prepare(paths, registry, base=content_dir, cache_dir=cache)
    assert ("captured", "Tartus") in {(e.action, e.place) for e in again[3].extraction.events}
    assert entries() == 6  # appended: the old entry goes when the file is next compacted
    # A registry change invalidates every entry, and the file is rewritten.
    (content_dir / "registry" / "people.yml").write_text(
        (content_dir / "registry" / "people.yml").read_text() + "- {name: Test Person}\n")
    changed = load_registry(content_dir)
    assert entries(changed) == 0
    pipeline.prepare(paths, changed, base=content_dir, cache_dir=cache)
    assert entries(changed) == 5 and entries(registry) == 0


def test_an_interrupted_cache_write_loses_only_the_cut_entry(content_dir, tmp_path):
    from generator import pipeline
    from generator.cache import ExtractionCache
    from generator.load import find_articles
    from generator.registry import load_registry

    registry = load_registry(content_dir)
    pipeline.prepare(find_articles(content_dir), registry, base=content_dir, cache_dir=tmp_path)
    store = tmp_path / "extraction.bin"
    store.write_bytes(store.read_bytes()[:-10])
    assert len(ExtractionCache(tmp_path, registry.digest)) == 4
    articles, problems = pipeline.prepare(find_articles(content_dir), registry, base=content_dir, cache_dir=tmp_path)
    assert len(articles) == 5 and not problems


def test_exports_parse_and_daraa_is_one_fused_capture(seed_site):
    import csv
    import xml.etree.ElementTree as ET

    site = seed_site[0] / "site"
    rows = list(csv.DictReader((site / "data" / "events.csv").open(encoding="utf-8")))
    assert list(rows[0]) == ["event_id", "event_date", "date_precision", "action", "actor", "place", "admin1",
                             "latitude", "longitude", "status", "sources_count", "articles", "notes"]
    daraa = [r for r in rows if (r["action"], r["place"]) == ("captured", "Daraa")]
    assert len(daraa) == 1
    assert daraa[0]["actor"] == "Syrian opposition" and int(daraa[0]["sources_count"]) >= 4
    assert daraa[0]["status"] == "corroborated" and daraa[0]["admin1"] == "Daraa"
    geo = json.loads((site / "data" / "events.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    located = [r for r in rows if r["latitude"]]
    assert len(geo["features"]) == len(located)
    assert all(f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2 for f in geo["features"])
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in [site / "feed.xml", site / "places" / "daraa" / "feed.xml", site / "factions" / "ypg" / "feed.xml"]:
        root = ET.parse(feed).getroot()
        entries = root.findall(f"{atom}entry")
        assert root.tag == f"{atom}feed" and entries, feed
        assert all(e.find(f"{atom}link").get("href").startswith("articles/") for e in entries)
    assert len(ET.parse(site / "places" / "daraa" / "feed.xml").getroot().findall(f"{atom}entry")) == 5
    place_html = (site / "places" / "daraa" / "index.html").read_text()
    assert 'href="feed.xml"' in place_html or 'href="./feed.xml"' in place_html


def test_map_page_loads_no_asset_from_another_host(seed_site):
    html = (seed_site[0] / "site" / "map" / "index.html").read_text()
    tag = r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)="
    external = re.findall(tag + r'"((?:https?:)?//[^"]+)"', html)
    assert external == []
    assert "assets/vendor/leaflet/leaflet.js" in html


@pytest.mark.parametrize("broken", ["[x](../places/nowhere.md)", "[x](../timeline/index.md#no-such-event)"])
def test_strict_link_validation_catches_a_broken_link_or_anchor(tmp_path, broken):
    """The seed build above passes MkDocs' link and anchor validation in strict
    mode; this shows that validation is live in mkdocs.yml and would fail it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    docs = tmp_path / "docs"
    build.generate(CONTENT, docs)
    page = docs / "articles" / "000-256aa227eb8e4656.md"
    page.write_text(page.read_text() + f"\n{broken}\n")
    cfg = build.mkdocs_config(build.PROJECT_DIR / "mkdocs.yml", docs, tmp_path / "site", strict=True)
    with pytest.raises(Abort, match="warnings in strict mode"):
        mkdocs_build(cfg)


def test_links_to_events_on_a_days_later_timeline_pages_reach_them(content_dir, tmp_path, registry):
    """A busy day's events spread over several timeline pages. Article pages
    link each event on the page that shows it, and strict anchor validation passes."""
    towns = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town"))[:30]
    for i, town in enumerate(towns):
        (content_dir / "articles" / f"busy-{i:02}.md").write_text(
            f"---\ntitle: Busy day {i}\npublished: 2024-12-02\n---\nRebels captured {town} on December 1, "
            f"report {i} said.\n", encoding="utf-8")
    report = build.build(content_dir, tmp_path / "site", strict=True, quiet=True, docs_dir=tmp_path / "docs")
    assert report.problems == []
    site = tmp_path / "site"
    later = [p for p in (site / "timeline" / "2024" / "12" / "01").rglob("index.html") if "/page/" in str(p)]
    assert later
    reached = 0
    for html_path in (site / "articles").glob("busy-*/index.html"):
        for href, anchor in re.findall(r'href="([^"#]*)#(ev-[\w-]+)"', html_path.read_text()):
            target = (html_path.parent / href / "index.html").resolve()
            assert f'id="{anchor}"' in target.read_text(), (html_path, href, anchor)
            reached += "/page/" in href
    assert reached > 0
    assert not (site / ".event-pages.json").exists()


def test_pages_reused_from_the_last_build_equal_freshly_rendered_ones(content_dir, tmp_path):
    """Reusing pages never serves a stale one: after an edit that changes
    fused events, dates and lists, a build reusing the last one's pages
    writes exactly what a build from scratch writes."""
    build.generate(content_dir, tmp_path / "warm" / "docs")
    edited = content_dir / "articles" / "003_abc9d40aaf08aa38.txt"
    edited.write_text(edited.read_text().replace("Syrian rebels seized control of the southern city of Daraa",
                                                 "On Dec. 2, Syrian rebels seized control of Tartus"))
    reused = build.generate(content_dir, tmp_path / "warm" / "docs")
    fresh = build.generate(content_dir, tmp_path / "cold" / "docs")
    assert reused.pages == fresh.pages
    assert tree_differences(tmp_path / "warm" / "docs", tmp_path / "cold" / "docs") == []


def test_a_rebuild_writes_nothing_new_and_repairs_a_hand_edited_docs_tree(content_dir, tmp_path):
    docs = tmp_path / "docs"
    first = build.generate(content_dir, docs)
    assert first.written > first.pages
    assert build.generate(content_dir, docs).written == 0
    page, gone = docs / "places" / "daraa.md", docs / "timeline" / "index.md"
    right = page.read_text()
    page.write_text(right + "edited by hand\n")
    gone.unlink()
    again = build.generate(content_dir, docs)
    assert again.written == 2 and page.read_text() == right and gone.exists()


def test_the_docs_tree_builds_strict_without_the_hooks_to_the_same_pages(content_dir, tmp_path, registry):
    """The generator writes every link as it must be (an event past its day's
    first timeline page included): with `hooks:` removed from mkdocs.yml the
    docs tree builds strict, as a builder that ignores hooks would, to the
    very pages the project's configuration gives. The hooks (each page's
    HTML kept compressed between MkDocs' phases, progress lines) are optional."""
    from mkdocs.commands.build import build as mkdocs_build

    towns = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town"))[:30]
    for i, town in enumerate(towns):  # a day with more events than its first timeline page shows
        (content_dir / "articles" / f"busy-{i:02}.md").write_text(
            f"---\ntitle: Busy day {i}\npublished: 2024-12-02\n---\nRebels captured {town} on December 1.\n",
            encoding="utf-8")
    docs = tmp_path / "docs"
    build.generate(content_dir, docs)
    assert any("/page/" in link for p in (docs / "articles").glob("busy-*.md")
               for link in re.findall(r"\]\(([^)#]+)#ev-", p.read_text()))
    plain = tmp_path / "plain"
    shutil.copytree(build.PROJECT_DIR / "theme", plain / "theme")
    text = (build.PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    assert "hooks" in text and "hooks:" not in without
    (plain / "mkdocs.yml").write_text(without, encoding="utf-8")
    sites = {}
    for name, config in (("with", build.PROJECT_DIR / "mkdocs.yml"), ("without", plain / "mkdocs.yml")):
        cfg = build.mkdocs_config(config, docs, tmp_path / name, strict=True)
        assert any("hooks" in key for key in cfg.plugins) == (name == "with")
        mkdocs_build(cfg)  # strict: a broken link or anchor fails the build
        sites[name] = {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*.html")}
    assert len(sites["with"]) > 90 and sites["with"] == sites["without"]


def test_the_cached_registry_follows_its_files_and_a_broken_one_still_stops_the_build(content_dir, tmp_path):
    from generator import cache
    from generator.errors import RegistryError
    from generator.registry import load_registry

    folder = tmp_path / "cache"
    first = cache.load_registry(content_dir, folder)
    assert (folder / "registry.pickle").exists()
    assert cache.load_registry(content_dir, folder) == first == load_registry(content_dir)
    people = content_dir / "registry" / "people.yml"
    people.write_text(people.read_text() + "- {name: Test Person}\n")
    changed = cache.load_registry(content_dir, folder)
    assert "Test Person" in changed.people and changed.digest != first.digest
    people.write_text(people.read_text() + "- {name: 3}\n")
    with pytest.raises(RegistryError, match="people.yml"):
        cache.load_registry(content_dir, folder)


@pytest.mark.skipif(build.pipeline.workers() < 2, reason="one CPU: rendering stays in one process")
def test_pages_rendered_by_worker_processes_equal_pages_rendered_in_one(content_dir, tmp_path, monkeypatch,
                                                                        registry):
    import multiprocessing

    towns = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town"))[:90]
    for i, town in enumerate(towns):  # lists long enough for continued pages, which one worker cuts
        (content_dir / "articles" / f"more-{i:02}.md").write_text(
            f"---\ntitle: More {i}\npublished: 2024-12-0{1 + i % 3}\n---\nRebels captured {town} and Daraa on "
            f"December 1, report {i} said.\n", encoding="utf-8")
    alone = build.generate(content_dir, tmp_path / "one" / "docs")
    assert any((tmp_path / "one" / "docs" / "places" / "daraa" / "page").iterdir())
    started = []
    real = multiprocessing.get_context
    monkeypatch.setattr(build, "RENDER_PARALLEL_MIN", 0)
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: started.append(method) or real(method))
    shared = build.generate(content_dir, tmp_path / "many" / "docs")
    assert started == ["fork"] and shared.pages == alone.pages and shared.written == alone.written
    one, many = tmp_path / "one", tmp_path / "many"
    assert tree_differences(one / "docs", many / "docs") == []
    def fingerprints(root):
        return {dest: v[0] for dest, v in build.cache.load_pages(root / "cache")[0].items()}
    assert fingerprints(one) == fingerprints(many)


def test_rebuilds_after_a_run_of_edits_equal_builds_from_scratch(registry, tmp_path, monkeypatch):
    """Every cache (file stats, extraction heads, fused groups, export lines,
    page and list digests, article views) reused across edits of every kind
    gives the docs tree a build from nothing gives: events added and moved,
    body-only edits (which skip the index), dates changed, articles deleted,
    added and clashing on a slug, and a new term whose slug moves another's."""
    import random
    import time

    from generator.cache import ExtractionCache
    from generator.paths import slugify

    monkeypatch.setattr(ExtractionCache, "STAT_SETTLE_S", 0)  # trust any stat taken: same-size edits must show

    content = synthetic_content(tmp_path, registry, 40, seed=11)
    articles = sorted((content / "articles").iterdir())
    rng = random.Random(5)

    def append(path: Path, text: str) -> None:
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")

    def replace(path: Path, pattern: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert re.search(pattern, text), (path, pattern)
        path.write_text(re.sub(pattern, new, text, count=1), encoding="utf-8")

    on_tuesday = r"((?:captured|seized|withdrew from|entered|advanced on) [^.\n]*) on Tuesday"
    weekday = next(p for p in articles[20:] if re.search(on_tuesday, p.read_text(encoding="utf-8")))
    dated = next(p for p in articles[25:] if re.search(r"published: 2024-11-\d\d", p.read_text(encoding="utf-8")))
    boilerplate = "cannot be independently verified"

    def quoted() -> Path:  # an article whose first words the site's feed quotes
        entry = next(e for e in (warm / "feed.xml").read_text().split("<entry>") if boilerplate in e)
        slug = re.search(r'<link href="articles/([^/"]+)/"', entry).group(1)
        return next(p for p in articles if slugify(p.stem) == slug)

    def person(name: str, file: str) -> None:  # an editor adds a person the registry does not know
        (content / "articles" / file).write_text(
            f"---\ntitle: {file}\npublished: 2024-11-30\nadd:\n  people: [{name}]\n---\n\nA report.\n")

    def early(file: str, day: int, text: str) -> None:
        (content / "articles" / file).write_text(f"---\ntitle: {file}\npublished: 2024-11-{day}\n---\n\n{text}\n")
    edits = [
        lambda: replace(dated, r"published: 2024-11-\d\d", "published: 2024-11-20"),  # every date in it moves
        lambda: replace(weekday, on_tuesday, r"\1 on Monday"),                           # one event's date
        lambda: append(articles[3], "Rebels captured Hama on Friday."),                  # an event joins a group
        lambda: append(articles[7], "Residents said the market reopened."),              # the body only
        lambda: replace(quoted(), boilerplate, "could not be verified independently"),   # the body, in feeds
        lambda: append(articles[3], "The army withdrew from Homs on Dec. 1."),            # a new group
        lambda: articles[12].unlink(),                                                    # an article goes
        lambda: (content / "articles" / "zz-new.txt").write_text(                        # one comes
            "Late report\n\nOn Dec. 5, HTS captured Tartus, and 40 people were killed, officials said.\n"),
        lambda: (content / "articles" / "sub").mkdir() or                               # a slug clash
            (content / "articles" / "sub" / articles[20].name).write_text(articles[20].read_text()),
        lambda: append(rng.choice(articles[25:]), "Rebels seized Daraa on Dec. 6. Over 300,000 people have died."),
        lambda: person("Foo-Bar", "clash-a.md"),
        lambda: person("Foo Bar", "clash-b.md"),  # takes the slug foo-bar: clash-a's link must move to foo-bar-2
        # Two reports of one event, dated Nov. 8 (the event's date) and Nov. 10 (a day with no page yet) ...
        lambda: early("early-a.md", 12, "Rebels captured Aleppo on Nov. 8.") or
            early("early-b.md", 12, "Rebels captured Aleppo on Nov. 10."),
        lambda: early("early-c.md", 10, "A quiet day."),  # ... until an article of Nov. 10 makes one
        # An undated report joins the oldest event it fits (Nov. 1, which it makes corroborated) ...
        lambda: early("move-a.md", "02", "Rebels captured Manbij on Nov. 1.") or
            early("move-b.md", 16, "Rebels captured Manbij on Nov. 15.") or
            early("move-c.md", 16, "Rebels captured Manbij on Nov. 15.") or
            early("move-u.md", 17, "Rebels captured Manbij."),
        # ... and when that event goes, joins the Nov. 15 one, whose status, date and page stay as they were.
        lambda: (content / "articles" / "move-a.md").unlink(),
    ]
    body_only = {3, 4}
    warm = tmp_path / "warm" / "docs"
    build.generate(content, warm)
    for k, edit in enumerate(edits):
        edit()
        time.sleep(0.01)  # past the clock tick of the last build's stat
        reused = build.generate(content, warm)
        fresh_docs = tmp_path / f"cold{k}" / "docs"
        fresh = build.generate(content, fresh_docs)
        assert reused.pages == fresh.pages and reused.indexed == (k not in body_only), k
        assert tree_differences(warm, fresh_docs) == [], k
        shutil.rmtree(fresh_docs.parent)
    assert "[Foo-Bar](../people/foo-bar-2.md)" in (warm / "articles" / "clash-a.md").read_text()
    assert "on [2024-11-10](../dates/2024/11/10.md)" in (warm / "articles" / "early-b.md").read_text()
    assert "2024/11/15.md#ev-" in (warm / "articles" / "move-u.md").read_text()


RANDOM_EDITS_SEED = 3  # fixed: the same edits on every run


def test_rebuilds_after_random_edits_equal_builds_from_scratch(registry, tmp_path, monkeypatch):
    """Edits drawn at random (reports added, dated and undated; articles
    deleted, added, copied, re-dated; text alone) on a corpus dense with
    events: after each run of them, the docs tree the caches give is the
    one a build from nothing gives. Deleting an article moves the reports
    its events had gathered to other events, which the hand-picked edits
    above cover only for one case."""
    import random
    import time

    from generator.corpus import synthetic_articles
    from generator.cache import ExtractionCache

    monkeypatch.setattr(ExtractionCache, "STAT_SETTLE_S", 0)
    rng = random.Random(RANDOM_EDITS_SEED)
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "registry", content / "registry")
    synthetic = synthetic_articles(260, registry, seed=RANDOM_EDITS_SEED)
    held_back = synthetic[200:]  # the articles "new" adds, one at a time
    for a in synthetic[:200]:
        (content / a.path).parent.mkdir(parents=True, exist_ok=True)
        (content / a.path).write_text(a.text, encoding="utf-8")
    places = ["Aleppo", "Hama", "Homs", "Idlib", "Daraa", "Manbij", "Saraqib", "Tartus"]
    actors = ["Rebels", "HTS", "Syrian government forces", "Opposition fighters", "The SDF"]

    def pick() -> Path:
        return rng.choice(sorted((content / "articles").rglob("*.*")))

    def append(text: str) -> None:
        path = pick()
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")

    def new() -> None:
        a = held_back.pop()
        (content / a.path).write_text(a.text, encoding="utf-8")

    def copy() -> None:
        path = pick()
        shutil.copyfile(path, path.with_name(f"copy-{rng.randrange(10**6)}-{path.name}"))

    def redate() -> None:
        path = pick()
        text = path.read_text(encoding="utf-8")
        day = rng.randrange(24, 31)
        text = re.sub(r"published: 2024-\d\d-\d\d", f"published: 2024-11-{day}", text, count=1)
        text = re.sub(r"(November|December) \d{1,2}, 2024", f"November {day}, 2024", text, count=1)
        path.write_text(text, encoding="utf-8")
    edits = [
        lambda: append("Residents said the market reopened."),
        lambda: append(f"{rng.choice(actors)} captured {rng.choice(places)} on Nov. {rng.randrange(20, 30)}."),
        lambda: append(f"{rng.choice(actors)} entered {rng.choice(places)}."),  # undated: joins the first event it fits
        lambda: pick().unlink(),
        lambda: pick().unlink(),
        new, copy, redate,
    ]
    warm = tmp_path / "warm" / "docs"
    build.generate(content, warm)
    for check in range(4):
        for _ in range(4):
            for _ in range(rng.choice((1, 1, 2))):
                rng.choice(edits)()
            time.sleep(0.01)  # past the clock tick of the last build's stat
            build.generate(content, warm)
        cold = tmp_path / f"cold{check}" / "docs"
        build.generate(content, cold)
        assert tree_differences(warm, cold) == [], check
        shutil.rmtree(cold.parent)


def test_list_pages_follow_a_term_that_moves_or_comes_into_being(tmp_path, monkeypatch):
    """A list page reused from the last build must still link each term it
    names where the term is now: a place whose slug another place takes
    (listed names that slugify alike), and a faction that had no page when a
    person's or a faction's page named it."""
    from generator.cache import ExtractionCache

    monkeypatch.setattr(ExtractionCache, "STAT_SETTLE_S", 0)
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "registry", content / "registry")
    with (content / "registry" / "places.yml").open("a", encoding="utf-8") as f:
        f.write("- {name: Zaytunah, kind: village, governorate: Homs, lat: 34.15, lon: 36.75}\n"
                "- {name: Zaytun'ah, kind: village, governorate: Daraa, lat: 32.6, lon: 36.2}\n")
    (content / "articles").mkdir()

    def article(name: str, text: str) -> None:
        (content / "articles" / name).write_text(f"---\ntitle: {name}\npublished: 2024-11-30\n---\n\n{text}\n",
                                                 encoding="utf-8")
    edits = [
        lambda: article("a.md", "Rebels captured Zaytunah on Nov. 29, the Syrian Observatory said. "
                                "Mazloum Abdi spoke. YPG fighters withdrew from Manbij on Nov. 28."),
        lambda: article("b.md", "Rebels captured Zaytun'ah on Nov. 27, the Syrian Observatory said."),  # takes its slug
        lambda: article("c.md", "The Syrian Democratic Forces said so."),  # the parent and the person's faction
    ]
    warm = tmp_path / "warm" / "docs"
    for k, edit in enumerate(edits):
        edit()
        build.generate(content, warm)
        cold = tmp_path / f"cold{k}" / "docs"
        build.generate(content, cold)
        assert tree_differences(warm, cold) == [], k
    assert "[Zaytunah](../../../places/zaytunah-2.md)" in (warm / "dates" / "2024" / "11" / "29.md").read_text()
    assert "[Syrian Democratic Forces](" in (warm / "factions" / "ypg.md").read_text()
    assert "[Syrian Democratic Forces](" in (warm / "people" / "mazloum-abdi.md").read_text()


def test_an_edit_to_the_text_alone_rewrites_only_its_page_and_keeps_the_export_lines(content_dir, tmp_path):
    from generator.cache import RowsCache

    docs = tmp_path / "docs"
    build.generate(content_dir, docs)
    lines = len(RowsCache(tmp_path / "cache").records)
    edited = content_dir / "articles" / "003_abc9d40aaf08aa38.txt"
    edited.write_text(edited.read_text() + "\nResidents said the market reopened.\n")
    again = build.generate(content_dir, docs)
    # Its page alone (the feeds quote its first words, unchanged); every list and export is as it was.
    assert again.written == 1 and (docs / "articles" / "003-abc9d40aaf08aa38.md").read_text().count("market reopened")
    assert len(RowsCache(tmp_path / "cache").records) == lines > 0


def test_an_event_added_to_an_article_renders_only_the_pages_showing_it(registry, tmp_path, monkeypatch):
    """Lists key on what their rows show: an event added to an article's text
    changes the article's page and the new event's lists, not the lists
    naming the article (its row is as it was) nor the pages of the events
    it reported before (what they show of it is as it was)."""
    from generator import paths
    from generator.cache import ExtractionCache
    from generator.paths import slugify
    from generator.render.site import Site

    monkeypatch.setattr(ExtractionCache, "STAT_SETTLE_S", 0)
    content = synthetic_content(tmp_path, registry, 60, seed=3)
    docs = tmp_path / "docs"
    build.generate(content, docs)
    articles = json.loads((docs / "data" / "articles.json").read_text())
    # A place no article names yet, captured on a day that has events already (so no day's neighbours change) ...
    named = {p for a in articles for p in a["places"]}
    place = next(n for n, p in sorted(registry.places.items()) if p.kind == "town" and n not in named)
    day = "2024-11-25"
    # ... in an article at two places or more, whose other events are of other days.
    edited = next(a for a in articles if len({e["place"] for e in a["events"]}) >= 2 and a["published"] != day
                  and any(e["date"] and e["date"] != day for e in a["events"]))
    path = content / edited["path"]
    path.write_text(path.read_text(encoding="utf-8") + f"\n\nRebels captured {place} on Nov. 25.\n", encoding="utf-8")
    rendered = []
    page = Site.page
    monkeypatch.setattr(Site, "page", lambda self, template, dest, **kw: rendered.append(dest) or
                        page(self, template, dest, **kw))
    build.generate(content, docs)
    new_lists = {paths.dest_path("place", slug=slugify(place)), paths.day_dest("timeline_day", day)}
    assert new_lists <= set(rendered), sorted(new_lists - set(rendered))
    untouched = {paths.dest_path("articles"), paths.day_dest("date", edited["published"]),
                 *(paths.dest_path("place", slug=slugify(e["place"])) for e in edited["events"]),
                 *(paths.day_dest("timeline_day", e["date"]) for e in edited["events"] if e["date"] not in (None, day))}
    assert len(untouched) >= 4 and not untouched & set(rendered), sorted(untouched & set(rendered))


def test_an_articles_index_digest_does_not_depend_on_how_it_was_made(content_dir, tmp_path):
    """The digest lists and fusion key on is a hash of the article's encoded
    head: extracted here, in a worker, or read back from the cache, the same
    article must encode to the same bytes."""
    import pickle

    from generator import pipeline
    from generator.cache import ExtractionCache, _encode
    from generator.load import find_articles
    from generator.registry import load_registry

    registry = load_registry(content_dir)
    paths = find_articles(content_dir)
    fresh, _ = pipeline.prepare(paths, registry, base=content_dir, cache_dir=tmp_path)
    cached, _ = pipeline.prepare(paths, registry, base=content_dir, cache_dir=tmp_path)
    shipped = [pickle.loads(pickle.dumps(a)) for a in fresh]  # as a worker process hands it back
    assert [a.index_digest for a in fresh] == [a.index_digest for a in cached]
    assert all(a.index_digest for a in fresh)
    for a, b, c in zip(fresh, cached, shipped):
        assert _encode(a, [])[0] == _encode(b, [])[0] == _encode(c, [])[0]
    assert len(ExtractionCache(tmp_path, registry.digest)) == len(paths)


def test_a_file_is_trusted_by_its_stat_only_when_it_changed_before_the_build_began(tmp_path):
    """A file whose times are not older than the cache's clock file (same tick
    as the build's start, or later) is read again next time; an older one,
    even a moment older, is not. On another device the clock file says
    nothing of the file's clock: a settling time applies instead."""
    import os
    import time
    from types import SimpleNamespace

    from generator.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache", "registry")
    clock = cache.clock
    assert clock is not None and (tmp_path / "cache" / "clock").exists()

    def stat(mtime_ns: int, dev: int = clock.st_dev):
        return SimpleNamespace(st_size=10, st_mtime_ns=mtime_ns, st_ctime_ns=mtime_ns, st_ino=1, st_dev=dev)
    key = "ab" * 32
    cache.record("older.txt", stat(clock.st_mtime_ns - 1), key)
    cache.record("same-tick.txt", stat(clock.st_mtime_ns), key)
    cache.record("later.txt", stat(clock.st_mtime_ns + 1), key)
    cache.record("elsewhere-new.txt", stat(clock.st_mtime_ns - 1, dev=clock.st_dev + 1), key)
    settled = time.time_ns() - int(ExtractionCache.STAT_SETTLE_S * 1e9) - 10**9
    cache.record("elsewhere-old.txt", stat(settled, dev=clock.st_dev + 1), key)
    assert sorted(cache.stats_out) == ["elsewhere-old.txt", "older.txt"]

    # A real file written a moment before a build began is trusted; one written after it is not.
    before = tmp_path / "before.txt"
    before.write_text("text")
    time.sleep(0.05)  # past the file system clock's tick
    cache = ExtractionCache(tmp_path / "cache", "registry")
    time.sleep(0.05)
    after = tmp_path / "after.txt"
    after.write_text("text")
    cache.record("before.txt", os.stat(before), key)
    cache.record("after.txt", os.stat(after), key)
    assert list(cache.stats_out) == ["before.txt"]


def test_a_failing_search_index_leaves_the_previous_site(content_dir, tmp_path, monkeypatch):
    build.build(content_dir, tmp_path / "site", quiet=True, docs_dir=tmp_path / "docs")
    before = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*"))
    real_run = build.subprocess.run

    def pagefind_fails(args, **kwargs):
        if "pagefind" in args:
            return build.subprocess.CompletedProcess(args, 2, "", "Error: no pages found")
        return real_run(args, **kwargs)
    monkeypatch.setattr(build.subprocess, "run", pagefind_fails)
    with pytest.raises(build.BuildError, match="^Pagefind failed: Error: no pages found; the previous site was left"):
        build.build(content_dir, tmp_path / "site", quiet=True, docs_dir=tmp_path / "docs")
    assert sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left


def test_what_a_build_leaves_of_each_file_is_the_last_builds_entry_but_for_the_files_handed_to_the_writer():
    state = {"a.md": ("fa", 1, 10), "b.md": ("fb", 2, 20), "gone.md": ("fg", 3, 30)}
    fingerprints = {"a.md": "fa", "b.md": "fb2", "c.md": "fc", "lost.md": "fl"}
    stats = {"b.md": (5, 50), "c.md": (6, 60), "v.js": (7, 70)}
    assert build._pages_now({"a.md", "b.md", "c.md", "v.js", "lost.md"}, state, fingerprints, stats) == {
        "a.md": ("fa", 1, 10), "b.md": ("fb2", 5, 50), "c.md": ("fc", 6, 60), "v.js": ("", 7, 70)}


