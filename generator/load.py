"""Read articles from content/: decode, split and validate front matter.

One of the few modules that touch the disk; it only ever reads.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

from . import yamlsafe
from .errors import ContentError, Problem
from .model import Article
from .paths import slugify

PAGE_SUFFIXES = (".html", ".htm")  # saved web pages, read with trafilatura (see webpage)
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", *PAGE_SUFFIXES)
SIDECAR_SUFFIX = ".yml"  # beside a saved page: front matter's keys, since the page has none
# A page read with its sidecar is one source (its cache key covers both):
# this mark, the sidecar's length, the sidecar, then the page. No page starts with a NUL.
_SIDECAR_MARK = b"\x00sidecar "
TAXONOMY_KEYS = ("places", "factions", "people", "sources", "countries")
# Front-matter keys and the type each takes.
FRONT_MATTER = {
    "title": str,
    "published": "date",
    "outlet": str,
    "url": str,
    "language": str,
    "translated_from": str,
    "slug": str,
    "author": str,
    "tags": list,
    "add": dict,   # add: {places: [...], factions: [...]} — editorial additions
    "drop": dict,  # drop: {places: [...]} — extracted items an editor removes
}
_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SLUG_OK = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def decode(data: bytes, src_path: str) -> tuple[str, list[Problem]]:
    """Bytes → text with LF line ends. UTF-8 (BOM or not); else cp1252/latin-1
    with a warning, since pasted pages sometimes arrive in a Windows code page."""
    if b"\x00" in data[:8192]:
        raise ContentError(src_path, "binary data, not text: save the article as UTF-8 text (.txt or .md)")
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            enc = "latin-1"
        problems.append(Problem(src_path, line, f"not UTF-8, read as {enc}; re-save the file as UTF-8",
                                "warning"))
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def _check_date(value, key: str, src_path: str, line: int | None) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise ContentError(src_path, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}", line)


def _key_lines(fm_text: str, first_line: int) -> dict[str, int]:
    """File line of each top-level key, so a message can point at it."""
    lines = {}
    for i, line in enumerate(fm_text.splitlines()):
        m = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if m:
            lines.setdefault(m.group(1), first_line + i)
    return lines


def validate_front_matter(meta, src_path: str, fm_text: str, first_line: int) -> dict:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ContentError(src_path, "front matter must be a mapping of key: value lines", first_line)
    key_line = _key_lines(fm_text, first_line)
    clean = {}
    for key, value in meta.items():
        line = key_line.get(str(key), first_line)
        if key not in FRONT_MATTER:
            close = difflib.get_close_matches(str(key), FRONT_MATTER, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(FRONT_MATTER)}"
            raise ContentError(src_path, f"unknown front-matter key '{key}'{hint}", line)
        want = FRONT_MATTER[key]
        if value is None:
            continue
        if want == "date":
            value = _check_date(value, key, src_path, line)
        elif want is str:
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise ContentError(src_path, f"'{key}' must be text, not {type(value).__name__} {value!r}", line)
            value = str(value)
        elif want is list:
            if not isinstance(value, list):
                raise ContentError(src_path, f"'{key}' must be a list such as [a, b], not {value!r}", line)
        elif want is dict:
            value = _check_overrides(value, key, src_path, line)
        clean[key] = value
    if "slug" in clean and not _SLUG_OK.match(clean["slug"]):
        raise ContentError(src_path, f"'slug' must be lowercase letters, digits and hyphens, not {clean['slug']!r}",
                           key_line.get("slug"))
    return clean


def _check_overrides(value, key: str, src_path: str, line: int) -> dict:
    if not isinstance(value, dict):
        raise ContentError(src_path, f"'{key}' must map a taxonomy to a list, e.g. {key}: {{places: [Homs]}}", line)
    out = {}
    for taxonomy, items in value.items():
        if taxonomy not in TAXONOMY_KEYS:
            close = difflib.get_close_matches(str(taxonomy), TAXONOMY_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; use one of {', '.join(TAXONOMY_KEYS)}"
            raise ContentError(src_path, f"unknown taxonomy '{taxonomy}' under '{key}'{hint}", line)
        if isinstance(items, str):
            raise ContentError(src_path, f"'{key}.{taxonomy}' must be a list such as [{items}], not the string "
                                         f"{items!r}", line)
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ContentError(src_path, f"'{key}.{taxonomy}' must be a list of names, not {items!r}", line)
        out[taxonomy] = items
    return out


def parse_article(data: bytes, src_path: str) -> tuple[Article | None, list[Problem]]:
    """One file's bytes → Article (None for an empty file, with a warning)."""
    if is_page(src_path):
        return parse_page(data, src_path)
    text, problems = decode(data, src_path)
    if not text.strip():
        problems.append(Problem(src_path, None, "empty file skipped; add the article's text or delete the file",
                                "warning"))
        return None, problems
    meta, body_line = {}, 1
    m = _FENCE.match(text)
    if m:
        fm_text = m.group(1) or ""
        try:
            raw = yamlsafe.parse(fm_text)
        except yamlsafe.YAMLProblem as exc:
            line = exc.line + 1 if exc.line else 1  # +1: the opening '---' line
            raise ContentError(src_path, f"{exc.message} in front matter; fix the YAML between the '---' lines",
                               line) from None
        meta = validate_front_matter(raw, src_path, fm_text, 2)
        body_line = text[: m.end()].count("\n") + 1
        text = text[m.end():]
    elif text.startswith("---\n"):
        raise ContentError(src_path, "front matter is not closed: add a line '---' after it", 1)
    if not text.strip():
        raise ContentError(src_path, "no article text after the front matter", body_line)
    article = Article(src_path=src_path, text=text, meta=meta, body_line=body_line)
    article.title = meta.get("title", "")
    article.published = meta.get("published")
    for key in ("outlet", "url", "author", "language", "translated_from"):
        setattr(article, key, meta.get(key))
    article.slug = meta.get("slug") or slugify(Path(src_path).stem)
    return article, problems


def is_page(src_path: str) -> bool:
    return src_path.lower().endswith(PAGE_SUFFIXES)


def sidecar_of(path: str) -> str:
    """articles/x.html → articles/x.yml"""
    return path[: path.rindex(".")] + SIDECAR_SUFFIX


def parse_page(data: bytes, src_path: str) -> tuple[Article | None, list[Problem]]:
    """A saved page (and its sidecar, if read with one) → Article. The
    sidecar's keys win over what the page's metadata says."""
    from .webpage import read_page

    if any(part.endswith("_files") for part in src_path.split("/")[:-1]):
        return None, []  # a frame of a page saved "complete" (x_files/), not an article
    sidecar, data = split_source(data)
    meta, problems = _sidecar_meta(sidecar, sidecar_of(src_path)) if sidecar is not None else ({}, [])
    if not data.strip():
        return None, problems + [Problem(src_path, None, "empty file skipped; save the page again or delete the "
                                                         "file", "warning")]
    page = read_page(data)
    if not page.text:
        raise ContentError(src_path, "no article text found in the saved page (only headings, links or page "
                                     "furniture): save the article's own page, or paste its text into a .txt file")
    article = Article(src_path=src_path, text=page.text, meta=meta)
    article.title = meta.get("title") or page.title or ""
    article.published = meta.get("published") or page.published
    article.outlet = meta.get("outlet") or page.outlet
    article.url = meta.get("url") or page.url
    article.author = meta.get("author") or page.author
    article.language = meta.get("language")
    article.translated_from = meta.get("translated_from")
    article.slug = meta.get("slug") or slugify(Path(src_path).stem)
    return article, problems


def split_source(data: bytes) -> tuple[bytes | None, bytes]:
    """A saved page's source (see read_source) → (its sidecar or None, the page)."""
    if not data.startswith(_SIDECAR_MARK):
        return None, data
    size, _, rest = data[len(_SIDECAR_MARK):].partition(b"\n")
    return rest[: int(size)], rest[int(size):]


def _sidecar_meta(data: bytes, src_path: str) -> tuple[dict, list[Problem]]:
    """A sidecar's keys, checked as front matter is: errors name the sidecar and its line."""
    text, problems = decode(data, src_path)
    try:
        raw = yamlsafe.parse(text)
    except yamlsafe.YAMLProblem as exc:
        raise ContentError(src_path, f"{exc.message}; fix the YAML of this sidecar", exc.line) from None
    return validate_front_matter(raw, src_path, text, 1), problems


def find_articles(content_dir: Path) -> list[Path]:
    """The article files scan_articles finds (a refused link is left out)."""
    return scan_articles(content_dir)[0]


def scan_articles(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Article files under content/articles (or content/), hidden ones
    skipped, and a problem for each link not followed. A link whose target
    lies outside the content folder is refused (it would publish a file of
    the machine that builds); a link to a file inside is read like the
    file; a link to a folder is not walked (no loops, no file read twice)."""
    folder = content_dir / "articles"
    root = folder if folder.is_dir() else content_dir
    inside = os.path.realpath(content_dir)
    problems = []
    found = []  # (folder's parts, name, path): sorted as paths sort, without comparing 10,000 Path objects
    target = link_outside(root, inside)
    folders = [] if target else [((), str(root))]
    if target:
        problems.append(Problem(src_path_of(root, content_dir), None, link_refused(target)))
    while folders:
        parts, where = folders.pop()
        with os.scandir(where) as entries:  # an entry knows its type: no stat a file
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    src_path = src_path_of(entry.path, content_dir)
                    target = link_outside(entry.path, inside)
                    if target:
                        problems.append(Problem(src_path, None, link_refused(target)))
                    elif entry.is_dir():
                        problems.append(Problem(src_path, None, "a link to a folder is not followed; move the "
                                                                "folder's files here instead", "warning"))
                    elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                        found.append((parts, entry.name, entry.path))  # a broken link: reading it says so
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(((*parts, entry.name), entry.path))
                elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                    found.append((parts, entry.name, entry.path))
    return [Path(path) for _, _, path in sorted(found, key=lambda f: (f[0] + (f[1],)))], problems


def link_outside(path: Path | str, inside: str) -> str | None:
    """Where `path` really leads (links on the way resolved) when that lies
    outside the folder `inside` (a real path); None when it stays inside."""
    real = os.path.realpath(path)
    if real == inside or real.startswith(os.path.join(inside, "")):
        return None
    return real


def link_refused(target: str) -> str:
    return f"a link to {target}, outside the content folder: refused; copy what it links to into the content " \
           "folder instead"


def read_sources(paths: list[Path], base: Path | None = None) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """(src_path, bytes) of every file; an unreadable one is a problem, not a stop."""
    sources, problems = [], []
    for path in paths:
        src_path = src_path_of(path, base)
        try:
            sources.append((src_path, read_source(path, base)))
        except OSError as exc:
            problems.append(Problem(src_path, None, f"cannot read: {exc.strerror}"))
        except ContentError as exc:
            problems.append(exc.problem)
    return sources, problems


def read_source(path: Path, base: Path | None = None) -> bytes:
    """A file's bytes; a saved page's with its sidecar's, if it has one. A
    sidecar that is a link leading outside the content folder `base` is
    refused, as an article's link is (see scan_articles)."""
    data = path.read_bytes()
    if path.name.lower().endswith(PAGE_SUFFIXES):
        sidecar_path = sidecar_of(os.fspath(path))
        try:
            sidecar = Path(sidecar_path).read_bytes()
        except FileNotFoundError:
            return data
        target = base is not None and link_outside(sidecar_path, os.path.realpath(base))
        if target:
            raise ContentError(src_path_of(sidecar_path, base), link_refused(target))
        return _SIDECAR_MARK + str(len(sidecar)).encode() + b"\n" + sidecar + data
    return data


def source_stat(path: Path) -> os.stat_result:
    """A file's stat, as the cache compares it to tell an unchanged file;
    a saved page's changes with its sidecar too (appearing, edited, removed)."""
    st = os.stat(path)
    if not path.name.lower().endswith(PAGE_SUFFIXES):
        return st
    try:
        side = os.stat(sidecar_of(os.fspath(path)))
    except FileNotFoundError:
        return st
    fields = list(st)
    fields[1] = (st.st_ino << 64) | side.st_ino  # st_ino: another with, without or with another sidecar
    fields[6] = st.st_size + side.st_size
    return os.stat_result(fields, {"st_mtime_ns": max(st.st_mtime_ns, side.st_mtime_ns),
                                   "st_ctime_ns": max(st.st_ctime_ns, side.st_ctime_ns)})


def src_path_of(path: Path | str, base: Path | None) -> str:
    """A file's src_path: relative to the content folder, POSIX separators
    (string work: pathlib's relative_to costs seconds over 10,000 files)."""
    path = os.fspath(path)
    root = os.path.join(os.fspath(base), "") if base else None
    if root and path.startswith(root):
        path = path[len(root):]
    return path.replace(os.sep, "/") if os.sep != "/" else path


def parse_source(src_path: str, data: bytes) -> tuple[Article | None, list[Problem]]:
    """parse_article with its error as a problem, for collecting them all."""
    try:
        return parse_article(data, src_path)
    except ContentError as exc:
        return None, [exc.problem]


def load_articles(paths: list[Path], base: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every article; collect problems instead of stopping at the first."""
    sources, problems = read_sources(paths, base)
    articles = []
    for src_path, data in sources:
        article, found = parse_source(src_path, data)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems
