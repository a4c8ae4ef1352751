"""Command line: the only place that prints and picks exit codes.

    python -m generator build [--content DIR] [--site DIR] [--strict]
    python -m generator serve [--content DIR] [--dev-addr HOST:PORT]
    python -m generator extract PATH... [--json]
    python -m generator add URL... [--content DIR] [--timeout SECONDS]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from .errors import GeneratorError, Problem, Refused, RegistryError


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        print(str(problem), file=sys.stderr)


def _registry_dir_for(paths: list[Path], given: str | None) -> Path:
    """Registries live in the content folder; extract on a bare folder of
    articles (../shared/seeds) falls back to this project's content/."""
    if given:
        return Path(given)
    for path in paths:
        for parent in [path, *path.resolve().parents]:
            if (parent / "registry" / "places.yml").exists():
                return parent
    return Path(__file__).resolve().parent.parent / "content"


def cmd_extract(args) -> int:
    from . import pipeline
    from .load import scan_articles

    paths, refused = [], []
    for given in args.paths:
        path = Path(given)
        if path.is_dir():  # walked as a build walks content/: no link leads out of it
            found, problems = scan_articles(path)
            paths.extend(found)
            refused.extend(dataclasses.replace(p, src_path=str(path / p.src_path)) for p in problems)
        else:  # a file named on the command line is read as named
            paths.append(path)
    paths.sort()
    content_dir = _registry_dir_for([Path(p) for p in args.paths], args.content)
    try:
        results, problems = pipeline.extract_files(paths, content_dir)
    except RegistryError as exc:
        _report(exc.problems)
        return 1
    problems += refused
    _report(problems)
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for item in results:
            print(f"{item['path']}: {item['title']}")
            for key in ("published", "places", "countries", "factions", "people", "sources"):
                value = item[key]
                print(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
            for e in item["events"]:
                print(f"  event: {e['actor']} {e['action']} {e['place']} ({e['date'] or 'undated'})")
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_build(args) -> int:
    from . import build

    try:
        report = build.build(Path(args.content), Path(args.site), strict=args.strict, quiet=args.quiet)
    except RegistryError as exc:
        _report(exc.problems)
        print("build stopped: fix the registry above; the previous site was left as it was", file=sys.stderr)
        return 1
    except GeneratorError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    _report(report.problems)
    for line in report.desk:  # not problems: what an editor may look at, on standard output
        print(line)
    errors = sum(p.severity == "error" for p in report.problems)
    warnings = len(report.problems) - errors
    print(f"built {report.articles} articles, {report.pages} pages into {args.site} "
          f"({errors} errors, {warnings} warnings)", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def cmd_add(args) -> int:
    from . import add, pipeline
    from .extract import Extractor
    from .registry import load_registry

    content_dir = Path(args.content)
    try:
        extractor = Extractor(load_registry(content_dir))
    except RegistryError as exc:
        _report(exc.problems)
        print("nothing added: fix the registry above", file=sys.stderr)
        return 1
    saved = add.saved_addresses(content_dir)
    refused = 0
    for url in args.urls:
        try:
            added = add.add(url, content_dir, saved, timeout=args.timeout)
        except Refused as exc:
            print(f"refused: {exc}; nothing was saved", file=sys.stderr)
            refused += 1
            continue
        if added.already:
            print(f"already saved: {url} is {added.src_path}; not saved again")
            continue
        article, problems = pipeline.extract_source(added.src_path, added.data, extractor)
        print(f"saved {url} as {added.src_path}")
        _report(problems)
        if article is not None:
            x = article.extraction
            print(f"  title: {article.title}")
            sidecar = Path(added.src_path).with_suffix(".yml").name
            print(f"  published: {article.published or f'not stated: add published: to {sidecar} beside it'}")
            print(f"  outlet: {article.outlet or 'not stated'}")
            print(f"  places: {', '.join(x.places) or 'none'}")
            for e in x.events:
                print(f"  event: {e.actor or 'someone'} {e.action} {e.place} ({e.date or 'undated'})")
    return 1 if refused else 0


def cmd_serve(args) -> int:
    from . import build

    try:
        build.serve(Path(args.content), args.dev_addr)
    except KeyboardInterrupt:
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate the docs tree and build the site with MkDocs")
    b.add_argument("--content", default="content", help="content folder (articles/ and registry/)")
    b.add_argument("--site", default="site", help="output folder for the built site")
    b.add_argument("--strict", action="store_true", help="fail on warnings too (CI)")
    b.add_argument("--quiet", action="store_true", help="no progress output")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="preview with live reload; regenerates when content changes")
    s.add_argument("--content", default="content", help="content folder (articles/ and registry/)")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    s.set_defaults(func=cmd_serve)
    e = sub.add_parser("extract", help="print what is extracted from articles")
    e.add_argument("paths", nargs="+", help="article files or folders")
    e.add_argument("--json", action="store_true", help="the extraction contract's JSON")
    e.add_argument("--content", help="content folder whose registry/ to use")
    e.set_defaults(func=cmd_extract)
    a = sub.add_parser("add", help="fetch web pages and save them as articles (DIR/articles/SLUG.html)")
    a.add_argument("urls", nargs="+", metavar="URL", help="addresses of articles")
    a.add_argument("--content", default="content", help="content folder (articles/ and registry/)")
    a.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for an answer (default 20)")
    a.set_defaults(func=cmd_add)
    args = parser.parse_args(argv)
    return args.func(args)
