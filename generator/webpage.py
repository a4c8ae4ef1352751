"""Read a saved web page: its article text and metadata, with trafilatura.

trafilatura finds the page's main text and leaves out navigation, cookie
banners, "most read" and related links, captions and footers; its metadata
gives the title, author, site name and (through htmldate) the publication
date. Pure: bytes in, a Page out. trafilatura is imported on first use, so
a build without saved pages does not pay for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# htmldate: the page's date markup (meta tags, JSON-LD) first, its address
# after; no guessing from dates anywhere in the page's text (a "most read"
# list holds other days). A fixed upper bound, not today's date: the same
# page reads the same on any day.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "deferred_url_extractor": True,
                "max_date": "2100-12-31"}
# The address browsers write atop a saved page ("mark of the web"), and `add` too.
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
MIN_WORDS = 10  # a line of at least this many words: the page has article text


@dataclass
class Page:
    text: str               # the article's paragraphs, one a line
    title: str | None
    author: str | None
    outlet: str | None      # the site's name
    url: str | None         # canonical address
    published: str | None   # ISO date from the page's markup


def saved_from(html: bytes) -> str | None:
    m = _SAVED_FROM.search(html[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def saved_from_mark(url: str) -> bytes:
    """The comment `add` writes atop a page it saves, as browsers do."""
    return f"<!-- saved from url=({len(url):04d}){url} -->\n".encode()


def read_page(html: bytes) -> Page:
    """The page's article; Page.text is empty when it has none."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True,
                                      date_extraction_params=dict(_DATE_PARAMS))
    if doc is None:
        return Page("", None, None, None, saved_from(html), None)
    lines = [" ".join(line.split()) for line in (doc.text or "").split("\n")]
    lines = [line for line in lines if line]
    # trafilatura keeps the headline when it stands inside <article>: it is the title, not text.
    if lines and doc.title and lines[0].casefold() == " ".join(doc.title.split()).casefold():
        lines = lines[1:]
    if not any(len(line.split()) >= MIN_WORDS for line in lines):
        lines = []  # headings and links only (a section front, a video page): no article
    return Page("\n".join(lines), doc.title or None, doc.author or None, doc.sitename or None,
                doc.url or saved_from(html), doc.date or None)


def addresses(html: bytes) -> list[str]:
    """The page's address as read_page gives it, and the address it was
    saved from, from its metadata alone (no text extraction): what `add`
    compares to find a page saved before."""
    from trafilatura.metadata import extract_metadata

    found = [extract_metadata(html, date_config=dict(_DATE_PARAMS)).url, saved_from(html)]
    return [url for url in dict.fromkeys(found) if url]
