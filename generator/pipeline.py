"""The read side of the flow: load → clean → extract, for every article,
before anything is written."""
from __future__ import annotations

from pathlib import Path

from .clean import clean
from .errors import Problem
from .extract import Extractor, as_json
from .cache import ExtractionCache
from .load import parse_source, read_sources
from .model import Article, Registry
from .registry import load_registry


def prepare(paths: list[Path], registry: Registry, base: Path | None = None,
            extractor: Extractor | None = None, cache_dir: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """Every article loaded, cleaned and extracted, reusing cached results for
    unchanged files when a cache folder is given."""
    sources, problems = read_sources(paths, base)
    cache = ExtractionCache(cache_dir, registry.digest)
    articles = []
    for src_path, data in sources:
        cached = cache.get(src_path, data)
        if cached is None:
            article, found = parse_source(src_path, data)
            if article is not None:
                clean(article)
                extractor = extractor or Extractor(registry)
                article.extraction = extractor.extract(article)
            cache.put(src_path, data, article, found)
        else:
            article, found = cached
        if article is not None:
            article.digest = cache.key(src_path, data)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    cache.prune()
    return articles, problems


def extract_files(paths: list[Path], content_dir: Path) -> tuple[list[dict], list[Problem]]:
    registry = load_registry(content_dir)
    articles, problems = prepare(paths, registry)
    by_path = {a.src_path: a for a in articles}
    return [as_json(by_path[str(p)], by_path[str(p)].extraction) for p in paths if str(p) in by_path], problems
