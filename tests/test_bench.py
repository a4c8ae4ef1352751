"""The bench's synthetic corpus (deterministic, realistic enough that
extraction reads the text and skips the furniture) and one small run of the bench end to end."""
from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
from collections import Counter

import pytest

from generator.bench import KEYS, RERUN_ROUNDS, RERUNS, tree_differences
from generator.corpus import START, corpus_days, synthetic_articles, synthetic_corpus
from generator.clean import clean
from generator.load import parse_article

from .conftest import REPO


def test_corpus_is_deterministic_for_a_seed(registry):
    assert synthetic_corpus(25, registry, seed=7) == synthetic_corpus(25, registry, seed=7)
    assert synthetic_corpus(25, registry, seed=7) != synthetic_corpus(25, registry, seed=8)


@pytest.mark.parametrize("n", [1, 60])
def test_corpus_has_n_articles_with_unique_paths(registry, n):
    corpus = synthetic_corpus(n, registry)
    assert len(corpus) == n
    assert all(path.startswith("articles/") and path.endswith((".txt", ".md")) for path in corpus)


def test_corpus_mixes_pasted_text_and_markdown(registry):
    suffixes = Counter(path.rsplit(".", 1)[1] for path in synthetic_corpus(100, registry))
    assert suffixes["txt"] > suffixes["md"] > 0


def test_every_article_parses_and_has_text(registry):
    for a in synthetic_articles(80, registry, seed=3):
        article, problems = parse_article(a.text.encode("utf-8"), a.path)
        assert problems == []
        clean(article)
        words = len(article.body.split())
        assert 400 <= words <= 900, (a.path, words)
        assert article.title and not article.title.startswith("Skip")
        assert article.published == a.published
        kinds = {f.kind for f in article.furniture}
        assert "byline" in kinds and "also-read" in kinds


def test_dates_spread_about_a_hundred_a_day(registry):
    articles = synthetic_articles(300, registry)
    days = Counter(a.published for a in articles)
    assert corpus_days(300) == 3 and corpus_days(10_000) == 100 and corpus_days(50_000) == 100
    assert sorted(days) == [(START + dt.timedelta(days=i)).isoformat() for i in range(3)]
    assert all(count == 100 for count in days.values())


def test_big_cities_come_up_more_than_villages(registry):
    counts = Counter(p for a in synthetic_articles(200, registry) for p in a.body_places)
    kinds = {name: registry.places[name].kind for name in counts}
    cities = [counts[n] for n in counts if kinds[n] == "city"]
    villages = [counts[n] for n in counts if kinds[n] == "village"]
    assert sum(cities) / len(cities) > 5 * sum(villages) / len(villages)


def test_extraction_finds_body_places_and_not_furniture_places(registry, extractor):
    for a in synthetic_articles(12, registry, seed=5):
        article, _ = parse_article(a.text.encode("utf-8"), a.path)
        clean(article)
        found = set(extractor.extract(article).places)
        assert a.furniture_places, a.path  # every article names some place only in a caption or "Also Read"
        assert a.body_places <= found, (a.path, a.body_places - found)
        assert not found & a.furniture_places, (a.path, found & a.furniture_places)
        assert found == a.body_places


def test_bench_end_to_end(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, "-m", "generator.bench", "--articles", "20", "--no-browser",
                          "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text())
    assert set(KEYS) <= set(result)
    assert result["articles"] == 20
    for key in ("generate_s", "mkdocs_s", "total_s", "preview_start_s", "incremental_s", "incremental_new_s",
                "incremental_delete_s", "incremental_cold_s", "peak_rss_mb", "docs_mb", "site_mb", "max_page_kb",
                "extract_articles_per_s"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
    assert isinstance(result["search_s"], (int, float)) and result["search_s"] >= 0
    assert result["total_s"] >= result["generate_s"]
    assert result["max_page"].endswith(".html")
    assert result["search_first_query_kb"] is None  # --no-browser
    assert result["details"]["articles_built"] == 20 and result["details"]["build_errors"] == 0
    assert result["details"]["stale_files"] == []  # the re-runs' docs equal docs generated from nothing
    # The preview's first build writes nothing; each edit makes the index again but the text edit.
    details = result["details"]
    assert details["preview_start"]["written"] == 0
    assert [details[kind]["timings"]["index_s"] > 0 for kind in ("preview_start", "text", "event", "new", "gone",
                                                                  "cold")] == [False, False, True, True, True, True]
    # Each re-run figure is the median of its rounds.
    rounds = details["incremental_rounds"]
    assert len(rounds) == RERUN_ROUNDS
    for key, kind in RERUNS.items():
        assert result[key] == statistics.median(r[kind] for r in rounds), key
    # The children's processes timed from start to exit hold what they timed inside.
    assert details["incremental_cold_process_s"] > result["incremental_cold_s"]
    assert details["total_process_s"] > result["total_s"]
    env = result["env"]
    assert env["python"] and env["mkdocs"] and env["mkdocs_material"] and env["cpu_count"] >= 1
    assert "generate_s" in run.stdout  # the table


def test_tree_differences_names_each_file_not_held_alike(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "x").mkdir(parents=True)
        (root / "same.md").write_text("one")
        (root / "x" / "edited.md").write_text("before")
    (b / "x" / "edited.md").write_text("beforE")  # same size: compared by bytes, not by stat
    (a / "x" / "only-a.md").write_text("a")
    (b / "only-b.md").write_text("b")
    assert tree_differences(a, b) == ["only-b.md", "x/edited.md", "x/only-a.md"]
    assert tree_differences(a, a) == []
