"""MkDocs hooks (mkdocs.yml `hooks:`) that keep MkDocs' memory flat on a large site.

MkDocs renders every page's Markdown before it writes any page, and keeps
each page's source and HTML to the end of the build: at 10,000 articles that
is most of its memory. Here a page's source is dropped once it is rendered
(its title is already read: from front matter, or from the first heading at
render), and its HTML is kept compressed until the page is written.
"""
from __future__ import annotations

import logging
import zlib

log = logging.getLogger("mkdocs.briefing")  # generator/build.py shows these lines as progress
PROGRESS_EVERY = 2000
_count = {"pages": 0, "rendered": 0, "written": 0}


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
