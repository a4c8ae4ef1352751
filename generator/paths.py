"""The one table of output paths. Every generated page's `dest_path` (in the
docs tree) and `url` (on the site) comes from here, never assembled ad hoc."""
from __future__ import annotations

import functools
import posixpath
import re
import unicodedata

# Format strings of the docs tree, relative to the docs folder.
DEST = {
    "home": "index.md",
    "article": "articles/{slug}.md",
    "articles": "articles/index.md",
    "places": "places/index.md",
    "place": "places/{slug}.md",
    "factions": "factions/index.md",
    "faction": "factions/{slug}.md",
    "people": "people/index.md",
    "person": "people/{slug}.md",
    "dates": "dates/index.md",
    "date": "dates/{yyyy}/{mm}/{dd}.md",
    "undated": "dates/undated.md",
    "timeline": "timeline/index.md",
    "timeline_day": "timeline/{yyyy}/{mm}/{dd}.md",
    "timeline_undated": "timeline/undated.md",
    "control": "control/index.md",
    "map": "map/index.md",
    "discrepancies": "discrepancies/index.md",
    "data": "data/index.md",
    "search": "search/index.md",
    "desk": "desk/index.md",
    "articles_json": "data/articles.json",
    "events_csv": "data/events.csv",
    "events_geojson": "data/events.geojson",
    "places_geojson": "data/places.geojson",
    "control_changes": "data/control.json",
    "feed": "feed.xml",
    "place_feed": "places/{slug}/feed.xml",
    "faction_feed": "factions/{slug}/feed.xml",
    # A long list's later pages, beside its first (see paging): places/daraa/events/2024-12-01-3fa2c1.md
    "continued": "{stem}/{part}/{name}.md",
}


def dest_path(kind: str, **fields: object) -> str:
    return DEST[kind].format(**fields)


def day_dest(kind: str, iso: str) -> str:
    """The dest_path of a day's page ("date", "timeline_day") from its ISO date."""
    yyyy, mm, dd = iso.split("-")
    return dest_path(kind, yyyy=yyyy, mm=mm, dd=dd)


def continued_dest(dest: str, part: str, name: str) -> str:
    """A later page of a long list on page `dest`, named `name` (see paging):
    places/daraa.md → places/daraa/events/NAME.md, articles/index.md → articles/page/NAME.md."""
    stem = dest[: -len("/index.md")] if dest.endswith("/index.md") else dest[: -len(".md")]
    return dest_path("continued", stem=stem, part=part, name=name)


def url(kind: str, **fields: object) -> str:
    """Site URL (relative to the site root, no leading slash) of a page."""
    return url_of(dest_path(kind, **fields))


def url_of(path: str) -> str:
    """The URL MkDocs gives a docs path with `use_directory_urls`."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)
def _up(from_dir: str) -> tuple[str, ...]:
    return tuple(from_dir.split("/")) if from_dir else ()


def link(from_dest: str, to_dest: str) -> str:
    """Relative link between two docs paths. Markdown pages link to `.md`
    files so MkDocs resolves them to URLs and, in strict mode, checks them.
    (String arithmetic: docs paths are normalised and relative, and
    posixpath.relpath's calls to getcwd cost a quarter of rendering.)"""
    return _link(from_dest.rpartition("/")[0], to_dest)


def url_link(from_dest: str, to_dest: str) -> str:
    """Relative URL from one page to another, for raw HTML that MkDocs leaves
    as written (a form's action): between their URLs, not their docs paths."""
    to_url = url_of(to_dest)
    rel = posixpath.relpath("/" + to_url, "/" + url_of(from_dest))
    return rel + "/" if to_url.endswith("/") or not to_url else rel


@functools.lru_cache(maxsize=1 << 17)  # pages of one folder link the same pages: most calls repeat
def _link(from_dir: str, to_dest: str) -> str:
    here = _up(from_dir)
    there = to_dest.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII with hyphens: 'Deir ez-Zor' → 'deir-ez-zor'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("’", "").replace("‘", "")
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return slug[:80].strip("-")
