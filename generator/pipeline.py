"""The read side of the flow: load → clean → extract, for every article,
before anything is written."""
from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from typing import Callable

from .cache import ExtractionCache
from .clean import clean
from .errors import Problem
from .extract import Extractor, as_json
from .load import parse_source, read_sources, source_stat, src_path_of
from .model import Article, Registry
from .registry import load_registry

# Below this many articles to extract, worker processes cost more than they save.
PARALLEL_MIN = 200
PROGRESS_EVERY = 500  # a line of progress every this many articles extracted (or every tenth)
_worker_extractor: Extractor | None = None  # each worker process's own


def extract_source(src_path: str, data: bytes, extractor: Extractor) -> tuple[Article | None, list[Problem]]:
    """One file's bytes → its article (loaded, cleaned, extracted) and problems."""
    article, problems = parse_source(src_path, data)
    if article is not None:
        clean(article)
        article.extraction = extractor.extract(article)
        article.text = ""  # cleaned into blocks: not kept (nor cached) twice
    return article, problems


def _start_worker(registry: Registry) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(registry)


def _extract_in_worker(item: tuple[str, bytes]) -> tuple[Article | None, list[Problem]]:
    return extract_source(*item, _worker_extractor)


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def start_method() -> str:
    """Fork, unless this process runs other threads (`serve`: the file watcher,
    the preview server), where a fork can copy a lock another thread holds:
    then workers start from a fresh interpreter (which re-imports the main
    module: a script calling the generator needs `if __name__ == "__main__":`)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def extract_all(items: list[tuple[str, bytes]], extractor: Extractor,
                progress: Callable[[str], None] = lambda _: None) -> list[tuple[Article | None, list[Problem]]]:
    """Extraction of many files on every CPU. Each worker builds its own
    extractor from the registry (a tenth of a second); results come back in
    input order, so the output does not depend on the workers."""
    n = min(workers(), len(items) // 50)
    every = max(PROGRESS_EVERY, len(items) // 10)
    results = []

    def done(result) -> None:
        results.append(result)
        if len(results) % every == 0 and len(results) < len(items):
            progress(f"  extracted {len(results)} of {len(items)} articles")

    if len(items) < PARALLEL_MIN or n < 2:
        for src_path, data in items:
            done(extract_source(src_path, data, extractor))
        return results
    with multiprocessing.get_context(start_method()).Pool(n, _start_worker, (extractor.registry,)) as pool:
        for result in pool.imap(_extract_in_worker, items, chunksize=25):
            done(result)
    return results


class Sources:
    """The article files as a build finds them: each one's cache key, and the
    entries of those read this time (new, or changed since last read),
    extracted or found in the cache. The others are neither read nor decoded
    until `articles()` asks: a rebuild after an edit to an article's text
    alone needs none of them (see build)."""

    def __init__(self, order: list[str], keys: dict[str, str], read: dict[str, tuple[Article | None, list[Problem]]],
                 problems: list[Problem], cache: ExtractionCache, extract: Callable, extracted: int = 0):
        self.order = order          # every article file's src_path, as found
        self.extracted = extracted  # how many were new to the cache: extracted this time
        self.keys = keys            # src_path → cache key, for the files that could be read
        self.read = read            # src_path → (article, problems), for the files read this time
        self.problems = problems    # files that could not be read
        self.cache = cache
        self._extract = extract

    def entry(self, src_path: str) -> tuple[Article | None, list[Problem]]:
        """One file's (article, problems), decoded from the cache if it was not read."""
        found = self.read.get(src_path) or self.cache.get(self.keys[src_path])
        if found is None:  # a damaged cache entry: read the file again
            key, found = self._extract(src_path)
            self.keys[src_path] = key
        if found[0] is not None:
            found[0].digest = self.keys[src_path]
        return found

    def articles(self) -> tuple[list[Article], list[Problem]]:
        """Every article, in the order found, and every problem."""
        articles, problems = [], list(self.problems)
        for src_path in self.order:
            if src_path in self.keys:
                article, article_problems = self.entry(src_path)
                problems.extend(article_problems)
                if article is not None:
                    articles.append(article)
        return articles, problems

    def save(self) -> None:
        self.cache.save()


def read(paths: list[Path], registry: Registry, base: Path | None = None, extractor: Extractor | None = None,
         cache_dir: Path | None = None, progress: Callable[[str], None] = lambda _: None) -> Sources:
    """Every file's key, reading only the files whose size and times changed
    since last read (or every file, without a cache folder), and extracting
    those the cache does not hold."""
    cache = ExtractionCache(cache_dir, registry.digest)
    order, keys, stats, unknown, where = [], {}, {}, [], {}
    for path in paths:
        src_path = src_path_of(path, base)
        where[src_path] = path
        try:
            stats[src_path] = st = source_stat(path)
        except OSError:
            unknown.append(path)  # reading it reports the problem
            continue
        order.append(src_path)
        key = cache.known_key(src_path, st)
        if key is None:
            unknown.append(path)
        else:
            keys[src_path] = key
    sources, problems = read_sources(unknown, base)
    for src_path, data in sources:
        keys[src_path] = cache.key(src_path, data)
    def extract(items: list[tuple[str, bytes]]) -> None:  # into `found` and the cache
        results = extract_all(items, extractor or Extractor(registry), progress)
        for (src_path, _), (article, article_problems) in zip(items, results):
            cache.put(keys[src_path], article, article_problems)
            found[src_path] = (article, article_problems)

    found = {src_path: cache.get(keys[src_path]) for src_path, _ in sources}
    missing = [(src_path, data) for src_path, data in sources if found[src_path] is None]
    if missing:
        progress(f"extracting {len(missing)} new or changed articles ({len(keys) - len(missing)} unchanged)")
        extract(missing)
    for src_path in order:
        if src_path in keys:
            cache.record(src_path, stats[src_path], keys[src_path])

    def extract_again(src_path: str) -> tuple[str, tuple[Article | None, list[Problem]]]:
        read_back, unread = read_sources([where[src_path]], base)
        if unread:
            return "", (None, unread)
        keys[src_path] = cache.key(src_path, read_back[0][1])
        extract(read_back)
        return keys[src_path], found[src_path]
    return Sources(order, keys, found, problems, cache, extract_again, len(missing))


def prepare(paths: list[Path], registry: Registry, base: Path | None = None,
            extractor: Extractor | None = None, cache_dir: Path | None = None,
            progress: Callable[[str], None] = lambda _: None) -> tuple[list[Article], list[Problem]]:
    """Every article loaded, cleaned and extracted, reusing cached results for
    unchanged files when a cache folder is given (a file whose size and times
    are as last read is not read again)."""
    sources = read(paths, registry, base, extractor, cache_dir, progress)
    articles, problems = sources.articles()
    sources.save()
    return articles, problems


def extract_files(paths: list[Path], content_dir: Path) -> tuple[list[dict], list[Problem]]:
    registry = load_registry(content_dir)
    articles, problems = prepare(paths, registry)
    by_path = {a.src_path: a for a in articles}
    return [as_json(by_path[str(p)], by_path[str(p)].extraction) for p in paths if str(p) in by_path], problems
