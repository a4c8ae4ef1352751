"""MkDocs hooks (mkdocs.yml `hooks:`): links to events, and flat memory on a large site.

Article pages link each fused event to its day's timeline page; a busy day
has more pages, and which one shows an event changes as events come and go.
The generator writes where each event is shown (EVENT_PAGES) and the hook
points the links there as MkDocs reads each page, so that an event moving
changes one table, not the Markdown of every article reporting it.

MkDocs renders every page's Markdown before it writes any page, and keeps
each page's source and HTML to the end of the build: at 10,000 articles that
is most of its memory. Here a page's source is dropped once it is rendered
(its title is already read: from front matter, or from the first heading at
render), and its HTML is kept compressed until the page is written.
"""
from __future__ import annotations

import json
import logging
import re
import zlib
from pathlib import Path

log = logging.getLogger("mkdocs.briefing")  # generator/build.py shows these lines as progress
PROGRESS_EVERY = 2000
_count = {"pages": 0, "rendered": 0, "written": 0}


EVENT_PAGES = ".event-pages.json"  # generator/paths.py DEST["event_pages"], in the docs folder
_event_pages: dict[str, str] = {}
_EVENT_LINK = re.compile(r"\]\(([^()\s#]+)#(ev-[\w-]+)\)")


def on_config(config):
    path = Path(config["docs_dir"]) / EVENT_PAGES
    _event_pages.clear()
    if path.is_file():
        _event_pages.update(json.loads(path.read_text(encoding="utf-8")))
    return config


def on_page_markdown(markdown, page, config, files):
    return resolve_event_links(markdown, page.file.src_uri, _event_pages)


def resolve_event_links(markdown: str, src_uri: str, event_pages: dict[str, str]) -> str:
    """Links to an event (`#ev-...`) shown on a later page of its day pointed at that page."""
    def to_page(m: re.Match) -> str:
        dest = event_pages.get(m.group(2))
        if dest is None:
            return m.group(0)
        return f"]({_relative(src_uri, dest)}#{m.group(2)})"
    return _EVENT_LINK.sub(to_page, markdown) if "#ev-" in markdown else markdown


def _relative(from_uri: str, to_dest: str) -> str:
    """The link from one docs path to another, by string arithmetic as
    generator/paths.link does (posixpath.relpath asks the OS for the working
    folder on each call)."""
    here, there = from_uri.split("/")[:-1], to_dest.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def on_files(files, config):
    _count.update(pages=len(files.documentation_pages()), rendered=0, written=0)
    return files


def _tick(key: str, verb: str) -> None:
    _count[key] += 1
    if _count[key] % PROGRESS_EVERY == 0 and _count[key] < _count["pages"]:
        log.info(f"  MkDocs: {verb} {_count[key]} of {_count['pages']} pages")


def on_page_content(html, page, config, files):
    _tick("rendered", "rendered")
    page.markdown = ""  # not None: MkDocs reads None as "not read yet" and gives no title
    page.briefing_html = zlib.compress(html.encode("utf-8"), 1)
    return ""


def on_page_context(context, page, config, nav):
    page.content = zlib.decompress(page.briefing_html).decode("utf-8")
    return context


def on_post_page(output, page, config):
    page.content, page.briefing_html = "", b""
    _tick("written", "wrote")
    return output
