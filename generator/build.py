"""Orchestrate a build: read everything, index, render, write the docs tree,
then MkDocs into a staging folder that is swapped in only when it finished.

A broken registry or a failing MkDocs leaves the previous site exactly as it
was; a bad article is reported and left out while the others build.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import assets, cache, load, pipeline, write
from .errors import BuildError, Problem
from .desk import make_desk
from .fuse import Memo
from .index import build_index
from .model import Article
from .render import Last, Made, render_into, render_text_edits

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass
class BuildReport:
    articles: int = 0
    pages: int = 0
    written: int = 0   # files written this time: the rest were already on disk
    indexed: bool = True  # False when no article's head changed: the index was not made again
    problems: list[Problem] = field(default_factory=list)
    desk: list[str] = field(default_factory=list)  # the editor's desk in short (see desk.Desk.summary)
    timings: dict[str, float] = field(default_factory=dict)


class _CountWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _Progress(logging.Handler):
    def __init__(self, progress: Callable[[str], None]):
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record):
        self.progress(record.getMessage())


def generate(content_dir: Path, docs_dir: Path, site_url: str = "", node_modules: Path | None = None,
             progress: Callable[[str], None] = lambda _: None) -> BuildReport:
    """content/ → docs tree. Everything is read and indexed before a file is
    written; what the last build left in build/cache/ is reused where it
    is what this build would make (see cache)."""
    report = BuildReport()
    t0 = time.perf_counter()
    cache_dir = docs_dir.parent / "cache"
    with _collector_paused():
        return _generate(content_dir, docs_dir, cache_dir, site_url, node_modules, progress, report, t0)


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector paused while the model is read (it would
    walk every object of 10,000 articles again and again as they are made),
    then the model frozen out of its sight for the rendering: the model holds
    no cycles to collect, and forked workers do not copy pages it would touch."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def _generate(content_dir: Path, docs_dir: Path, cache_dir: Path, site_url: str, node_modules: Path | None,
              progress: Callable[[str], None], report: BuildReport, t0: float) -> BuildReport:
    registry = cache.load_registry(content_dir, cache_dir)  # raises RegistryError: nothing written
    paths, refused = load.scan_articles(content_dir)
    progress(f"reading {len(paths)} articles from {content_dir}")
    sources = pipeline.read(paths, registry, base=content_dir, cache_dir=cache_dir, progress=progress)
    sources.problems.extend(refused)  # reported as unreadable files are (and the index made again)
    state, known_lists = cache.load_pages(cache_dir)
    on_disk = write.scan(docs_dir)
    last = Last(write.current_files(on_disk, state), known_lists)
    was = cache.load_last_build(cache_dir)
    index_key = hashlib.sha1(repr((cache.code_digest(), registry.digest, site_url, str(content_dir))).encode()
                             ).hexdigest()
    views = cache.views(cache_dir)
    bytecode_dir = cache.folder(cache_dir, "templates")
    edited = _text_edits(sources, was, index_key, views) if len(last.pages) == len(state) else None
    t1 = time.perf_counter()
    if edited is not None:
        # No article's head changed and every file is as the last build left it:
        # the index would come out as it was, so it is not made.
        report.indexed = False
        t2 = t1
        writer = write.TreeWriter(docs_dir, on_disk)
        writer.dests.update(state)
        fingerprints = {dest: fingerprint for dest, (fingerprint, *_) in state.items()}
        fingerprints.update(render_text_edits(writer, edited, lambda src_path: views.get(src_path.encode()),
                                              was["feeds"], _entry(sources, was), registry, site_url, last,
                                              bytecode_dir))
        was["sources"].update((a.src_path, (a.digest, a.index_digest, a.slug)) for a in edited)
        report.problems.extend(Problem(*p) for p in was["problems"])
    else:
        articles, problems = sources.articles()
        report.problems.extend(problems)
        t1 = time.perf_counter()
        briefing, problems = _index(articles, registry, cache_dir)
        report.problems.extend(problems)
        t2 = time.perf_counter()
        # Articles whose file and slug are as the last build left them: their
        # pages are too, unless what their views show of the rest changed.
        last.views_kept = {bytes(key).decode() for key in views.raw}
        if was.get("key") == index_key and "events" in was:
            before = was["sources"]
            unchanged = {a.src_path for a in articles if a.src_path in last.views_kept
                         for found in [before.get(a.src_path)] if found and found[0] == a.digest and found[2] == a.slug}
            last.views = (unchanged, was["events"], was["links"])
        rows = last.lines = cache.RowsCache(cache_dir)
        writer, made = _render_write(briefing, site_url, last, docs_dir, on_disk, bytecode_dir,
                                     parallel=len(articles) >= RENDER_PARALLEL_MIN and (
                                         sources.extracted >= RENDER_PARALLEL_MIN // 10 or
                                         len(last.pages) < len(articles)))
        rows.keep(made.lines_used, made.lines_new)
        views.keep(sources.keys, made.views)
        fingerprints, known_lists = made.fingerprints, made.lists
        was = {"key": index_key, "articles": len(briefing.articles), "feeds": made.feeds, "events": made.marks,
               "links": made.links, "problems": [tuple(p.__dict__.values()) for p in report.problems],
               "sources": {src_path: (key, "", "") for src_path, key in sources.keys.items()},
               "desk": briefing.desk.summary()}
        was["sources"].update((a.src_path, (a.digest, a.index_digest, a.slug)) for a in articles)
    sources.save()
    vendor, problems = assets.read_vendor(node_modules or PROJECT_DIR / "node_modules")
    writer.update(vendor)
    report.problems.extend(problems)
    written = writer.finish()
    cache.save_pages(cache_dir, _pages_now(writer.dests, state, fingerprints, written.stats), known_lists)
    cache.save_last_build(cache_dir, was)
    report.articles = was["articles"]
    report.desk = was.get("desk", [])
    report.pages = sum(1 for d in writer.dests if d.endswith(".md"))
    report.written = written.written
    t3 = time.perf_counter()
    report.timings.update(read_extract_s=t1 - t0, index_s=t2 - t1, render_write_s=t3 - t2, generate_s=t3 - t0)
    progress(f"generated {report.pages} pages for {report.articles} articles: {written.written} written, "
             f"{written.unchanged} unchanged, {written.removed} removed"
             + ("" if report.indexed else " (no article's head changed: the index was not made again)"))
    return report


def _pages_now(dests: set[str], state: dict[str, tuple], fingerprints: dict[str, str],
               stats: dict[str, tuple[int, int]]) -> dict[str, tuple]:
    """Each file's (fingerprint, size, mtime_ns) as this build leaves it: a
    file handed to the writer as it is now on disk, the others (not rendered:
    their fingerprint is the last build's) as the last build left them,
    looked up in C (24,000 tuples made one by one took a re-run 40 ms)."""
    pages = dict(zip(dests, map(state.get, dests)))
    pages.update((dest, (fingerprints.get(dest, ""), *stat)) for dest, stat in stats.items())
    if None in pages.values():  # none should lack both; one that did would be rendered again next time
        pages = {dest: entry for dest, entry in pages.items() if entry is not None}
    return pages


def _index(articles: list[Article], registry, cache_dir: Path):
    """The index, fused groups reused from the memo of the last build's (see fuse.Memo)."""
    memo_cache = cache.MemoCache(cache_dir)
    memo = Memo(memo_cache)
    found = build_index(articles, registry, memo)
    found[0].desk = make_desk(found[0])  # once: the summary and the page show it
    memo_cache.keep(memo.used, memo.made)
    gc.freeze()
    gc.enable()
    return found


def _entry(sources: pipeline.Sources, was: dict) -> Callable[[str], Article]:
    """An unchanged article by src_path, with the slug the last build gave it (for the feeds quoting it)."""
    def entry(src_path: str) -> Article:
        article = sources.entry(src_path)[0]
        article.slug = was["sources"][src_path][2]
        return article
    return entry


def _text_edits(sources: pipeline.Sources, last: dict, index_key: str, views: cache.Records) -> list[Article] | None:
    """The articles edited since the last build when none of their heads (what
    the index reads) changed and no file came or went: only their pages and
    the feeds quoting them can differ. None when the index must be made."""
    if last.get("key") != index_key or sources.problems or sources.keys.keys() != last["sources"].keys():
        return None
    edited = []
    for src_path, key in sources.keys.items():
        was_key, was_digest, slug = last["sources"][src_path]
        if key == was_key:
            continue
        article = sources.read[src_path][0] if src_path in sources.read else None
        if article is None or article.index_digest != was_digest or (slug and src_path.encode() not in views):
            return None
        article.digest, article.slug = key, slug
        edited.append(article)
    return edited


RENDER_PARALLEL_MIN = 1000  # articles below which rendering stays in one process
_shared: tuple = ()  # what forked render workers inherit


def _render_write(briefing, site_url: str, last: Last, docs_dir: Path, on_disk: dict[str, tuple[int, int]],
                  bytecode_dir: Path | None = None, parallel: bool = True) -> tuple[write.TreeWriter, Made]:
    """Render every page and write it as it is rendered (the site's text is
    never all in memory). A large site whose pages mostly need rendering is
    split among forked workers by a hash of each page's path; each renders
    and writes its share. Returns a writer holding every page's path (to
    finish the tree) and what the renderers made for the next build."""
    global _shared
    n = pipeline.workers()
    writer = write.TreeWriter(docs_dir, on_disk)
    if not parallel or n < 2 or pipeline.start_method() != "fork":
        return writer, render_into(writer, briefing, site_url, last, bytecode_dir=bytecode_dir)
    _shared = (briefing, site_url, last, docs_dir, n, bytecode_dir)
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            shares = pool.map(_render_share, range(n))
    finally:
        _shared = ()
    made = Made()
    for share, report, dests in shares:
        made.update(share)
        writer.add(report, dests)
    return writer, made


def _render_share(k: int) -> tuple[Made, write.WriteReport, set[str]]:
    briefing, site_url, last, docs_dir, n, bytecode_dir = _shared
    writer = write.TreeWriter(docs_dir)
    made = render_into(writer, briefing, site_url, last, mine=lambda dest: zlib.crc32(dest.encode()) % n == k,
                       bytecode_dir=bytecode_dir)
    writer.wait()
    return made, writer.report, writer.dests


SEARCH_BATCH = 2000  # pages one Pagefind run indexes: its memory grows with them (about 0.3 MB a page)
SEARCH_BUNDLES = "pagefind/bundles.json"  # the extra bundles the search page merges


def index_search(site: Path, batch: int = SEARCH_BATCH, progress: Callable[[str], None] = lambda _: None,
                 out: Path | None = None) -> None:
    """Pagefind over the built site: a chunked index, of which a search loads
    only the parts it needs. The binary ships in the pagefind package.

    Pagefind holds every page it indexes in memory, so a large site is
    indexed in batches of `batch` pages, each into its own bundle
    (pagefind/, pagefind-2/, ...); the search page merges them
    (Pagefind's mergeIndex), loading only the chunks a query needs from each.
    The bundles go in `out`, the site itself unless given."""
    out = out or site
    marker = b"<div data-pagefind-body>"
    pages = sorted(p for p in site.rglob("*.html") if marker in p.read_bytes())
    count = max(1, -(-len(pages) // batch))
    bundles = []
    if count == 1:
        _pagefind(site, out / "pagefind")
    for k in range(count if count > 1 else 0):
        # Every count-th page, so each bundle holds a like mix (its word statistics rank alike).
        stage = site.parent / f".{site.name}.search-{k + 1}"
        write.remove_tree(stage)
        for page in pages[k::count]:
            target = stage / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:  # another file system: copy instead
                shutil.copyfile(page, target)
        name = "pagefind" if k == 0 else f"pagefind-{k + 1}"
        progress(f"  Pagefind: bundle {k + 1} of {count} ({len(pages[k::count])} pages)")
        try:
            _pagefind(stage, out / name)
        finally:
            write.remove_tree(stage)
        if k:
            bundles.append(name)
    (out / SEARCH_BUNDLES).write_text(json.dumps(bundles) + "\n", encoding="utf-8")


def _pagefind(source: Path, output: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output),
                             "--silent"], capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed: {(result.stderr or result.stdout).strip()}")


_BUNDLE = re.compile(r"pagefind(-\d+)?")  # the names index_search gives its bundles


def index_preview_search(site: Path, batch: int = SEARCH_BATCH, progress: Callable[[str], None] = lambda _: None
                         ) -> None:
    """The preview's search index, made again over its whole site after each
    of its builds (Pagefind indexes no part of a site alone). It is made in a
    folder beside the site, then each bundle is swapped in whole, so a search
    under way reads the old index or the new; a bundle no longer made goes."""
    out = site.parent / f".{site.name}.search"
    write.remove_tree(out)
    try:
        index_search(site, batch, progress, out)
        made = {bundle.name for bundle in out.iterdir()}
        # The extra bundles first, the main one last (its bundles.json names them), then those it no longer names.
        for name in sorted(made, key=lambda name: name == "pagefind"):
            write.swap_in(out / name, site / name)
        for old in site.iterdir():
            if _BUNDLE.fullmatch(old.name) and old.name not in made and old.is_dir():
                write.remove_tree(old)
    finally:
        write.remove_tree(out)


def mkdocs_config(config_file: Path, docs_dir: Path, site_dir: Path, strict: bool):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), docs_dir=str(docs_dir.resolve()),
                       site_dir=str(site_dir.resolve()), strict=strict)


def build(content_dir: Path, site_dir: Path, strict: bool = False, quiet: bool = False,
          docs_dir: Path | None = None, config_file: Path | None = None,
          search_batch: int = SEARCH_BATCH) -> BuildReport:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    progress = (lambda _: None) if quiet else (lambda msg: print(msg, flush=True))
    config_file = config_file or PROJECT_DIR / "mkdocs.yml"
    docs_dir = docs_dir or site_dir.resolve().parent / "build" / "docs"
    if not content_dir.is_dir():
        raise BuildError(f"content folder {content_dir} does not exist")
    staging = site_dir.resolve().parent / f".{site_dir.name}.staging"
    docs_dir.mkdir(parents=True, exist_ok=True)
    try:
        cfg = mkdocs_config(config_file, docs_dir, staging, strict)
    except MkDocsException as exc:
        raise BuildError(f"{config_file}: {exc}") from None
    report = generate(content_dir, docs_dir, cfg["site_url"] or "", progress=progress)
    if strict and report.problems:
        progress("strict: content problems found; the site is still built from the readable articles")
    progress(f"building the site with MkDocs into {site_dir}")
    t0 = time.perf_counter()
    counter = _CountWarnings()
    logging.getLogger("mkdocs").addHandler(counter)
    progress_log = logging.getLogger("mkdocs.briefing")  # generator/mkdocs_hooks.py: pages done
    shown = _Progress(progress)
    progress_log.addHandler(shown)
    progress_log.setLevel(logging.INFO)
    write.remove_tree(staging)
    try:
        mkdocs_build(cfg)
    except (MkDocsException, OSError) as exc:
        write.remove_tree(staging)
        raise BuildError(f"MkDocs failed: {exc}; the previous site was left as it was") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        progress_log.removeHandler(shown)
    report.problems.extend(Problem("mkdocs", None, msg, "warning") for msg in counter.messages)
    report.timings["mkdocs_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    progress("indexing the site for search with Pagefind")
    try:
        index_search(staging, search_batch, progress)
    except BuildError as exc:
        write.remove_tree(staging)
        raise BuildError(f"{exc}; the previous site was left as it was") from None
    report.timings["search_s"] = time.perf_counter() - t0
    write.swap_in(staging, site_dir)
    return report


def serve(content_dir: Path, dev_addr: str = "127.0.0.1:8000", config_file: Path | None = None,
          docs_dir: Path | None = None) -> None:
    """Preview with live reload: regenerate the docs tree when content/
    changes (unchanged pages are not rewritten), and let `mkdocs serve`
    rebuild and reload the browser when the docs tree changes. Its rebuilds
    are dirty (only the pages whose Markdown changed, and those the MkDocs
    hook names: see mkdocs_hooks), so one edit does not build every page of a
    large site again. After each build the site is indexed for search again,
    in the background."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from .mkdocs_hooks import PREVIEW_STATE

    config_file = config_file or PROJECT_DIR / "mkdocs.yml"
    docs_dir = docs_dir or PROJECT_DIR / "build" / "docs"
    state = (cache.folder(docs_dir.parent / "cache", "preview") / "state.json").resolve()
    os.environ[PREVIEW_STATE] = str(state)

    def regenerate() -> None:
        try:
            report = generate(content_dir, docs_dir, progress=print)
            for problem in sorted(report.problems):
                print(problem)
        except Exception as exc:  # keep serving; the message says what to fix
            print(f"generation failed: {exc}")

    changed = Coalesced(regenerate, name="regenerate")
    searchable = Coalesced(lambda: _search_preview(state), name="preview search")

    class OnChange(FileSystemEventHandler):
        def on_any_event(self, event):
            # Only changes: reading the files (opened, closed) must not trigger another round.
            if not event.is_directory and event.event_type in ("created", "modified", "deleted", "moved"):
                changed()

    class OnBuilt(FileSystemEventHandler):
        def on_any_event(self, event):
            # The hook renames its state file into place as each preview build ends.
            if event.event_type in ("created", "moved") and (event.dest_path or event.src_path) == str(state):
                searchable()

    regenerate()
    observer = Observer()
    observer.schedule(OnChange(), str(content_dir), recursive=True)
    observer.schedule(OnBuilt(), str(state.parent))
    observer.start()
    try:
        mkdocs_serve(config_file=str(config_file), docs_dir=str(docs_dir.resolve()), dev_addr=dev_addr,
                     livereload=True, build_type="dirty")
    finally:
        observer.stop()
        observer.join()
        changed.close()
        searchable.close()
        os.environ.pop(PREVIEW_STATE, None)


def _search_preview(state: Path) -> None:
    """Index the site the preview's last build wrote (its folder is in the
    hook's state file) for search, in the background: at 10,000 articles
    this takes about half a minute, and the pages are served meanwhile."""
    try:
        site = Path(json.loads(state.read_text(encoding="utf-8"))["site_dir"])
        t0 = time.perf_counter()
        index_preview_search(site)
        print(f"preview search index made again ({time.perf_counter() - t0:.1f} s)", flush=True)
    except (OSError, ValueError, KeyError, BuildError) as exc:  # keep serving; the message says what failed
        print(f"preview search index not made: {exc}", flush=True)


class Coalesced:
    """Calls of `job` coalesced: it runs, in a thread of its own, once a burst
    of calls has been quiet for `quiet` seconds; calls while it runs make one
    run more after it. An editor's save is several file events (a temporary
    file written, renamed, the old one removed): one regeneration, not one each."""

    def __init__(self, job: Callable[[], None], quiet: float = 0.3, name: str = "coalesced"):
        self.job, self.quiet = job, quiet
        self._called = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def __call__(self) -> None:
        self._called.set()

    def _run(self) -> None:
        while True:
            self._called.wait()
            while True:  # until a quiet spell
                self._called.clear()
                if not self._called.wait(self.quiet):
                    break
            if self._closed:
                return
            self.job()

    def close(self) -> None:
        """Stop after the run under way, if any; pending calls are dropped."""
        self._closed = True
        self._called.set()
        self._thread.join()
