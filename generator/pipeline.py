"""The read side of the flow: load → clean → extract, for every article,
before anything is written."""
from __future__ import annotations

from pathlib import Path

from .clean import clean
from .errors import Problem
from .extract import Extractor, as_json
from .load import load_articles
from .model import Article, Registry
from .registry import load_registry


def prepare(paths: list[Path], registry: Registry, base: Path | None = None,
            extractor: Extractor | None = None) -> tuple[list[Article], list[Problem]]:
    articles, problems = load_articles(paths, base)
    extractor = extractor or Extractor(registry)
    for article in articles:
        clean(article)
        article.extraction = extractor.extract(article)
    return articles, problems


def extract_files(paths: list[Path], content_dir: Path) -> tuple[list[dict], list[Problem]]:
    registry = load_registry(content_dir)
    articles, problems = prepare(paths, registry)
    for article, path in zip(articles, paths):
        pass
    by_path = {a.src_path: a for a in articles}
    results = [as_json(by_path[str(p)], by_path[str(p)].extraction) for p in paths if str(p) in by_path]
    return results, problems
