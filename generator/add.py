"""`add`: web addresses saved as articles. Each page is fetched once (see
fetch), checked, and saved as DIR/articles/SLUG.html with the address it
came from written atop it, as a browser saving a page does; the build reads
it like any saved page and never fetches.

An address already saved (the address a page in DIR/articles states or was
saved from, or where a fetch of it leads) is not saved again.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import fetch, load, write
from .errors import Refused
from .paths import slugify
from .webpage import addresses, read_page, saved_from_mark


@dataclass
class Added:
    url: str
    src_path: str         # of the page saved, or of the one saved before
    data: bytes = b""     # what was saved; empty when the address was saved before
    already: bool = False


def address_key(url: str) -> str:
    """An address as compared: scheme, "www.", fragment, trailing slash and
    tracking parameters aside (courlan's normalisation)."""
    from courlan import normalize_url

    try:
        url = normalize_url(url, trailing_slash=False)
    except ValueError:
        pass
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def saved_addresses(content_dir: Path) -> dict[str, str]:
    """address_key → src_path of every saved page in the content folder."""
    paths = [p for p in load.find_articles(content_dir) if load.is_page(p.name)]
    sources, _ = load.read_sources(paths, content_dir)  # an unreadable page cannot be compared: skipped
    saved = {}
    for src_path, data in sources:
        for url in addresses(load.split_source(data)[1]):
            saved.setdefault(address_key(url), src_path)
    return saved


def add(url: str, content_dir: Path, saved: dict[str, str], timeout: float = fetch.TIMEOUT_S,
        max_bytes: int = fetch.MAX_BYTES) -> Added:
    """Fetch, check and save one address; `saved` (from saved_addresses) is
    updated. Raises Refused, having written nothing."""
    known = saved.get(address_key(url))
    if known:
        return Added(url, known, already=True)
    fetched = fetch.fetch(url, timeout, max_bytes)
    page = read_page(fetched.data)
    keys = {address_key(u) for u in (url, fetched.final_url, page.url) if u}
    known = next((saved[k] for k in keys if k in saved), None)
    if known:
        return Added(url, known, already=True)
    if not page.text:
        raise Refused(f"{url}: no article text found in the page (only headings, links or page furniture)")
    slug = slugify(page.title or "") or slugify(urlsplit(fetched.final_url).path.rstrip("/").rpartition("/")[2]) \
        or "page"
    data = saved_from_mark(fetched.final_url) + fetched.data
    path = write.save_new(content_dir / "articles", slug, ".html", data)
    src_path = load.src_path_of(path, content_dir)
    saved.update(dict.fromkeys(keys, src_path))
    return Added(url, src_path, data)
