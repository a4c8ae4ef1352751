"""Render the Briefing to the docs tree: {dest_path: text}, pure, no I/O.

The build calls one of three functions: `render` (every page's text),
`render_into` (every page into a writer, reusing what the last build left:
see reuse) and `render_text_edits` (after an edit to articles' text alone).
Each kind of page is a function of (Site, out) listed in KINDS: adding a
kind of page is a path in paths.DEST, a template in generator/templates
and a function here.

    markdown  escaping, links and the Jinja2 environment
    site      what every page of a build is rendered with (Site)
    pages     the Markdown pages
    lists     paged lists and their continued pages
    exports   data exports and feeds
    reuse     incremental bookkeeping: which files of the last build stay
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping, MutableMapping

from .. import paths
from ..model import Article, Briefing, Parts, Registry
from . import exports, lists, pages
from .exports import CSV_COLUMNS, csv_cell
from .markdown import code_digest, environment, md, xml_environment, xml_text, yaml_str
from .reuse import Last, Made, Reuse
from .site import Site

__all__ = ["CSV_COLUMNS", "KINDS", "Last", "Made", "csv_cell", "md", "render", "render_into", "render_text_edits",
           "xml_text", "yaml_str"]

# Every kind of page, in the order rendered: the exports first, so that the writer's
# thread writes their tens of MB while the pages are rendered (see write.TreeWriter).
KINDS: tuple[Callable[[Site, MutableMapping[str, str]], None], ...] = (
    exports.data, pages.home, pages.articles, pages.terms, pages.dates, pages.timeline, pages.control,
    pages.discrepancies, pages.fixed, pages.desk, exports.map_data, exports.feeds)


def render(briefing: Briefing, site_url: str = "") -> dict[str, str]:
    """Every file's text: {dest_path: text}."""
    out: dict = {}
    render_into(out, briefing, site_url)
    return {dest: text.joined().decode("utf-8") if isinstance(text, Parts) else text for dest, text in out.items()}


def render_into(out: MutableMapping[str, str], briefing: Briefing, site_url: str = "", last: Last | None = None,
                mine: Callable[[str], bool] = lambda dest: True, bytecode_dir: Path | None = None) -> Made:
    """Every file into `out` (a dict, or write.TreeWriter, which writes each
    as it comes): its text, or UNCHANGED where `last` says the file on disk
    is as this build would render it, or ELSEWHERE where `mine` says
    another worker renders it. Returns what the next build needs."""
    reuse = Reuse(last or Last(), _prefix(briefing.registry), mine)
    site = Site(briefing, site_url, reuse, environment(bytecode_dir), xml_environment(bytecode_dir))
    lists.timeline_pages(site)
    for kind in KINDS:
        kind(site, out)
    return reuse.made


def render_text_edits(out: MutableMapping[str, str], edited: list[Article], view: Callable[[str], bytes],
                      feeds: Mapping[str, tuple[str, str, list[str]]], entry: Callable[[str], Article],
                      registry: Registry, site_url: str, last: Last, bytecode_dir: Path | None = None
                      ) -> dict[str, str]:
    """The pages that change when articles changed but not their heads (an
    edit to text alone, see build): their own pages, from the views the last
    build kept, and the feeds that quote them. Every other page would come
    out as it is. `view` gives an article's view by src_path, `entry` an
    article by src_path. Returns the fingerprints of the pages rendered."""
    reuse, env = Reuse(last, _prefix(registry)), environment(bytecode_dir)
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    for article in edited:
        if article.slug:  # one refused its slug has no page
            dest = paths.dest_path("article", slug=article.slug)
            out[dest] = pages.article_page(env, reuse, article, bytes(view(article.src_path)), dest)
    by_src = {a.src_path: a for a in edited}
    for dest, (title, updated, listed) in sorted(feeds.items()):
        if by_src.keys() & set(listed):
            out[dest] = exports.feed_page(xml_environment(bytecode_dir), reuse, site_url, title,
                                          [by_src.get(src) or entry(src) for src in listed], updated, dest)
    return reuse.made.fingerprints


def _prefix(registry: Registry) -> str:
    """What every key starts from: the renderer's code and templates, and the registry."""
    return repr((code_digest(), registry.digest))
