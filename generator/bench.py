"""Benchmark the build on a synthetic corpus of N articles (generator.corpus).

    python -m generator.bench --articles N [--out build/bench.json] [--keep DIR]
                              [--seed S] [--no-browser]

Measures, in a temporary folder (or DIR):

  generate_s, mkdocs_s, search_s, total_s   the full build in a child process
  peak_rss_mb                               the largest single process of that build
  preview_start_s                           generate() again in this process, nothing
                                            changed: the preview's first build
  incremental_s                             then after one article's text changed
                                            (a sentence naming nothing)
  incremental_event_s                       after that article reports a capture
  incremental_new_s                         after a new article of the latest day
  incremental_delete_s                      after the edited article is deleted
  incremental_cold_s                        the article put back, generate() in a fresh
                                            process, as `make site` meets it (the process
                                            from start to exit: details.incremental_cold_process_s)
  docs_mb, site_mb, max_page_kb, max_page   what the build wrote
  search_first_query_kb                     gzipped bytes a browser fetches from opening
                                            the home page to a one-word search's results
  map_first_visit_kb                        gzipped bytes a first visit to /map/ fetches:
                                            page, scripts, outlines, control data (at most
                                            500 KB at 10,000 articles)
  extract_articles_per_s                    load+clean+extract per CPU second on one core

The edits are made in RERUN_ROUNDS rounds (each with another sentence and
another new article); each re-run figure is the median of its rounds. After
them the docs tree is compared file by file with one generated from nothing
(details.stale_files): a reuse that let a file go stale fails the bench.
Prints a table and writes the figures to build/bench.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .corpus import START, Writer, corpus_days, synthetic_corpus
from .model import Registry

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEARCH_WORD = "Daraa"
EVENT_EDIT = "Rebels captured Hama on Friday, the Syrian Observatory for Human Rights said."
# Sentences naming nothing (no place, actor, date or figure): the article's head stays as it was.
TEXT_EDITS = ("Residents said calm had returned to the city by evening, and shops began to reopen.",
              "Shopkeepers said bread was easier to find than it had been.",
              "Families who had left began to come back, neighbours said.")
RERUN_ROUNDS = 3  # each re-run figure is the median of this many rounds of the edits
RATE_SAMPLE = 2000  # articles the one-core extraction rate is measured on
CHROMIUM = "/usr/bin/chromium"
KEYS = {"articles": "", "generate_s": "s", "mkdocs_s": "s", "search_s": "s", "total_s": "s", "preview_start_s": "s",
        "incremental_s": "s", "incremental_event_s": "s", "incremental_new_s": "s", "incremental_delete_s": "s",
        "incremental_cold_s": "s", "peak_rss_mb": "MB", "docs_mb": "MB", "site_mb": "MB", "max_page_kb": "KB",
        "max_page": "", "search_first_query_kb": "KB", "map_first_visit_kb": "KB",
        "extract_articles_per_s": "articles/s"}
RERUNS = {"incremental_s": "text", "incremental_event_s": "event", "incremental_new_s": "new",
          "incremental_delete_s": "gone", "incremental_cold_s": "cold"}


def _in_child(func: str, *args: object) -> tuple[dict, float]:
    """One of the _child_ functions below in a fresh Python process: what it
    wrote (JSON) and the process's time from its start to its exit."""
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    code = f"import sys; from generator.bench import {func}; {func}(*sys.argv[1:])"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_DIR) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code, *map(str, args), str(out)], cwd=PROJECT_DIR, env=env,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    try:
        if run.returncode != 0:
            raise RuntimeError(f"{func} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
        return json.loads(out.read_text()), seconds
    finally:
        out.unlink()


def _child_build(content: str, site: str, docs: str, out: str) -> None:
    """The full build (generate, MkDocs, Pagefind), timed, with its peak memory."""
    import resource

    from .build import build

    t0 = time.perf_counter()
    report = build(Path(content), Path(site), docs_dir=Path(docs), quiet=True)
    total = time.perf_counter() - t0
    rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    Path(out).write_text(json.dumps({
        "timings": report.timings, "total_s": total, "articles": report.articles, "pages": report.pages,
        "errors": sum(p.severity == "error" for p in report.problems),
        "warnings": sum(p.severity != "error" for p in report.problems), "peak_rss_kb": rss}))


def _child_generate(content: str, docs: str, site_url: str, out: str) -> None:
    """generate() timed alone (not the interpreter's start)."""
    from .build import generate

    t0 = time.perf_counter()
    report = generate(Path(content), Path(docs), site_url)
    Path(out).write_text(json.dumps({"generate_s": time.perf_counter() - t0, "timings": report.timings}))


def tree_differences(a: Path, b: Path) -> list[str]:
    """Paths (relative, sorted) of the files two trees do not hold alike, byte for byte."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    in_a, in_b = files(a), files(b)
    return sorted(rel for rel in in_a.keys() | in_b.keys()
                  if rel not in in_a or rel not in in_b or not filecmp.cmp(in_a[rel], in_b[rel], shallow=False))


def _sizes(root: Path) -> tuple[int, Path | None]:
    """Total bytes under root, and its largest .html file."""
    files = [p for p in root.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    return sum(p.stat().st_size for p in files), max(pages, key=lambda p: p.stat().st_size, default=None)


def _extract_rate(paths: list[Path], content: Path, registry: Registry, runs: int = 3) -> dict:
    """Articles per CPU second (and per wall-clock second) for load+clean+extract,
    on one core, median of `runs`; the extractor is built beforehand."""
    from .clean import clean
    from .extract import Extractor
    from .load import load_articles

    extractor = Extractor(registry)
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {min(affinity)})
    cpu, wall = [], []
    try:
        for _ in range(runs):
            w0, c0 = time.perf_counter(), time.process_time()
            articles, _ = load_articles(paths, content)
            for article in articles:
                article.extraction = extractor.extract(clean(article))
            cpu.append(len(articles) / max(time.process_time() - c0, 1e-9))
            wall.append(len(articles) / max(time.perf_counter() - w0, 1e-9))
    finally:
        if affinity:
            os.sched_setaffinity(0, affinity)
    return {"per_cpu_s": statistics.median(cpu), "per_wall_s": statistics.median(wall)}


_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                 "application/rss+xml", "application/geo+json", "application/manifest+json")


class _Gzipped(SimpleHTTPRequestHandler):
    """A static host as GitHub Pages serves the site: text gzipped; the body bytes sent are counted."""
    sent: list[int]

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not kind.startswith(_COMPRESSIBLE) or not gzipped:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        for name, value in (("Content-Type", kind), ("Content-Encoding", "gzip"),
                            ("Content-Length", str(len(body))), ("Cache-Control", "max-age=600")):
            self.send_header(name, value)
        self.end_headers()
        self.sent.append(len(body))
        return _Body(body)

    def copyfile(self, source, outputfile):
        if not isinstance(source, _Body):
            self.sent.append(os.fstat(source.fileno()).st_size)
        super().copyfile(source, outputfile)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A download the browser cut off by leaving the page is no error of the bench's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, n: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def _search(page, url: str, timeout_ms: float) -> None:
    """From opening the home page to the first results of a search for SEARCH_WORD
    (Enter in the header's box opens the search page)."""
    page.goto(url, timeout=timeout_ms)
    box = page.locator("form[role=search] input").first
    box.fill(SEARCH_WORD)
    with page.expect_navigation(timeout=timeout_ms):
        box.press("Enter")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=timeout_ms)


def _map(page, url: str, timeout_ms: float) -> None:
    """A first visit to the map: the page, its outlines and its data, drawn."""
    page.goto(url + "map/", wait_until="networkidle", timeout=timeout_ms)
    page.locator("#bf-map[data-markers]").wait_for(state="attached", timeout=timeout_ms)


VISITS = {"search": _search, "map": _map}  # what a browser does, each in a fresh context (no cache)


def _browser_bytes(site: Path, timeout_s: float) -> dict:
    """Gzipped bytes a browser fetches in each of VISITS: {name: {kb, requests, note}}."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {name: {"kb": None, "note": "playwright is not installed"} for name in VISITS}
    if not Path(CHROMIUM).exists():
        return {name: {"kb": None, "note": f"{CHROMIUM} not found (make browser installs it)"} for name in VISITS}
    sent: list[int] = []
    server = _Server(("127.0.0.1", 0), partial(type("H", (_Gzipped,), {"sent": sent}), directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                for name, visit in VISITS.items():
                    sent.clear()
                    context = browser.new_context(service_workers="block")
                    try:
                        visit(context.new_page(), f"http://127.0.0.1:{server.server_address[1]}/", timeout_s * 1000)
                        found[name] = {"kb": round(sum(sent) / 1024, 1), "requests": len(sent), "note": None}
                    except Exception as exc:  # a timeout, a missing element: record null and say why
                        found[name] = {"kb": None, "note": f"browser measurement failed: {type(exc).__name__}: "
                                                          f"{str(exc)[:300]}"}
                    finally:
                        context.close()
            finally:
                browser.close()
    except Exception as exc:  # a missing library, a crash
        note = f"browser measurement failed: {type(exc).__name__}: {str(exc)[:300]}"
        return {name: found.get(name, {"kb": None, "note": note}) for name in VISITS}
    finally:
        server.shutdown()
        server.server_close()
    return found


def run(n: int, out: Path | None = Path("build/bench.json"), keep: Path | None = None, seed: int = 0,
        browser: bool = True) -> dict:
    """The whole bench; returns the measurements (and writes them to `out`)."""
    from .build import generate, mkdocs_config
    from .registry import load_registry

    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:7.1f}s] {msg}", file=sys.stderr, flush=True)
    work = keep or Path(tempfile.mkdtemp(prefix="bench-"))
    if keep and keep.exists():
        if any(keep.iterdir()) and not (keep / ".bench").exists():
            raise SystemExit(f"--keep {keep}: the folder is not empty and was not made by the bench")
        shutil.rmtree(keep)  # a cold start: no cache or docs tree of an earlier run
    if keep:
        keep.mkdir(parents=True)
        (keep / ".bench").write_text("made by python -m generator.bench; safe to delete\n")
    content, site, docs = work / "content", work / "site", work / "docs"
    try:
        log(f"writing {n} synthetic articles into {content}")
        registry = load_registry(PROJECT_DIR / "content")
        corpus = synthetic_corpus(n, registry, seed)
        shutil.copytree(PROJECT_DIR / "content" / "registry", content / "registry")
        (content / "articles").mkdir(parents=True)
        for rel, text in corpus.items():
            (content / rel).write_text(text, encoding="utf-8")

        log("the full build in a child process (generate, MkDocs, Pagefind)")
        full, full_process_s = _in_child("_child_build", content, site, docs)
        log(f"  {full['articles']} articles, {full['pages']} pages in {full['total_s']:.1f} s")
        docs_bytes, _ = _sizes(docs)
        site_bytes, biggest = _sizes(site)
        fetched = {name: {"kb": None, "note": "skipped (--no-browser)"} for name in VISITS}
        if browser:
            log(f"a browser searches for {SEARCH_WORD!r} from the home page, then opens the map")
            fetched = _browser_bytes(site, timeout_s=max(120.0, n / 20))

        site_url = mkdocs_config(PROJECT_DIR / "mkdocs.yml", docs, work / ".staging", False)["site_url"] or ""
        changed_rel = sorted(corpus)[n // 2]
        changed = content / changed_rel

        def rerun(what: str, edit) -> tuple[float, dict]:
            edit()
            t0 = time.perf_counter()
            report = generate(content, docs, site_url)
            seconds = time.perf_counter() - t0
            log(f"  {what}: {seconds:.2f} s ({', '.join(f'{k} {v:.2f}' for k, v in report.timings.items())})")
            return seconds, {"timings": report.timings, "indexed": report.indexed, "written": report.written}

        def append(text: str) -> None:
            with open(changed, "a", encoding="utf-8") as fh:
                fh.write(f"\n{text}\n")

        def add_new(k: int) -> None:
            new = Writer(registry, random.Random(seed + 1 + k)).article(
                n + k, START + dt.timedelta(days=corpus_days(n) - 1))
            (content / new.path).write_text(new.text, encoding="utf-8")

        log("re-runs, as the preview and `make site` make them")
        preview_start_s, start = rerun("the preview's first build, nothing changed", lambda: None)
        rounds = []
        for k in range(RERUN_ROUNDS):
            log(f"round {k + 1} of {RERUN_ROUNDS}")
            found = {"text": rerun("one article's text changed", lambda: append(TEXT_EDITS[k % len(TEXT_EDITS)])),
                     "event": rerun("it reports a capture", lambda: append(EVENT_EDIT)),
                     "new": rerun("a new article of the latest day", lambda: add_new(k)),
                     "gone": rerun("the edited article deleted", changed.unlink)}
            changed.write_text(corpus[changed_rel], encoding="utf-8")
            cold, process_s = _in_child("_child_generate", content, docs, site_url)
            log(f"  put back, in a fresh process: {cold['generate_s']:.2f} s ({process_s:.2f} s start to exit)")
            found["cold"] = (cold["generate_s"], {"timings": cold["timings"], "process_s": process_s})
            rounds.append(found)

        def median(kind: str) -> tuple[float, dict]:
            """The median round's (seconds, details) of one kind of re-run."""
            return sorted((r[kind] for r in rounds), key=lambda found: found[0])[(len(rounds) - 1) // 2]

        log("stale check: generate() from nothing into another folder, compared file by file")
        generate(content, work / "scratch" / "docs", site_url)
        stale = tree_differences(docs, work / "scratch" / "docs")
        log(f"  {len(stale)} files differ" + (": " + ", ".join(stale[:5]) if stale else ""))

        sample = sorted(content / rel for rel in corpus)[:RATE_SAMPLE]
        log(f"extraction on one core ({len(sample)} articles, median of 3)")
        rates = _extract_rate(sample, content, registry)
        t = full["timings"]
        result = {
            "articles": n, "generate_s": t["generate_s"], "mkdocs_s": t["mkdocs_s"], "search_s": t["search_s"],
            "total_s": full["total_s"], "preview_start_s": preview_start_s,
            **{key: median(kind)[0] for key, kind in RERUNS.items()},
            "peak_rss_mb": full["peak_rss_kb"] / 1024, "docs_mb": docs_bytes / 2**20, "site_mb": site_bytes / 2**20,
            "max_page_kb": biggest.stat().st_size / 1024 if biggest else None,
            "max_page": biggest.relative_to(site).as_posix() if biggest else None,
            "search_first_query_kb": fetched["search"]["kb"], "map_first_visit_kb": fetched["map"]["kb"],
            "extract_articles_per_s": rates["per_cpu_s"],
            "details": {
                "timings": t, "pages": full["pages"], "articles_built": full["articles"],
                "build_errors": full["errors"], "build_warnings": full["warnings"], "total_process_s": full_process_s,
                "preview_start": start, **{kind: median(kind)[1] for kind in RERUNS.values()},
                "incremental_cold_process_s": median("cold")[1]["process_s"],
                "incremental_rounds": [{kind: found[0] for kind, found in r.items()} for r in rounds],
                "stale_files": stale, "search": fetched["search"], "map": fetched["map"],
                "extract_articles_per_wall_s": rates["per_wall_s"],
                "seed": seed, "days": corpus_days(n), "load_average": os.getloadavg(),
            },
            "env": _versions(),
            "bench_s": time.perf_counter() - t_start,
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result = json.loads(json.dumps(result), parse_float=lambda x: round(float(x), 3))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {out}")
    return result


def _versions() -> dict:
    from importlib import metadata

    return {"python": platform.python_version(), "mkdocs": metadata.version("mkdocs"),
            "mkdocs_material": metadata.version("mkdocs-material"), "cpu_count": os.cpu_count()}


def table(result: dict) -> str:
    rows = [(key, "n/a" if result.get(key) is None else f"{result[key]:,}" if isinstance(result[key], (int, float))
             else str(result[key]), unit) for key, unit in KEYS.items()]
    lines = [f"{key:<24}  {value:>12} {unit}".rstrip() for key, value, unit in rows]
    for name, key in (("search", "search_first_query_kb"), ("map", "map_first_visit_kb")):
        if result["details"][name].get("note"):
            lines.append(f"({key}: {result['details'][name]['note']})")
    env = result["env"]
    lines.append(f"Python {env['python']}, MkDocs {env['mkdocs']}, Material {env['mkdocs_material']}, "
                 f"{env['cpu_count']} CPUs; bench took {result['bench_s']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="number of synthetic articles (default 1000)")
    parser.add_argument("--out", default="build/bench.json", help="where to write the JSON (default build/bench.json)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR (emptied first) and keep it")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser's measurements (search, map)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    result = run(args.articles, Path(args.out), Path(args.keep) if args.keep else None, args.seed,
                 browser=not args.no_browser)
    print(table(result))
    details = result["details"]
    if details["stale_files"]:
        print(f"{len(details['stale_files'])} files of the re-runs' docs tree differ from a tree generated from "
              f"nothing (a reuse left them stale): {', '.join(details['stale_files'][:10])}", file=sys.stderr)
        return 1
    if details["build_errors"] or details["build_warnings"]:
        # The synthetic corpus is well formed: any problem is the generator's (a broken link, say).
        print(f"the build reported {details['build_errors']} errors and {details['build_warnings']} warnings on "
              f"the synthetic corpus", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
