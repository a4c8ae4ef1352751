"""What the build keeps between runs, under build/cache/, so a rebuild after
one edit does the work of one article, not of the corpus.

- extraction.bin: each article's load → clean → extract result, keyed by the
  file's bytes and path, the registries' digest and a hash of the generator's
  own code: a changed article, registry or rule is re-extracted and nothing
  stale is ever reused. One file of records (see Records), appended to when
  a few articles change and compacted when most of it is unused: thousands of
  small files cost more to open than to parse. Each article's head (what the
  index reads) is kept apart from its text, read only for pages rendered again.
- sources.marshal: each article file's size and times as last read, so an
  unchanged file is not read again; clock: an empty file written as a build
  begins, whose time tells which files changed too late to be trusted.
- registry.pickle: the parsed and validated registries, keyed by their
  files' bytes and the code: parsing thousands of YAML aliases takes seconds.
- index.bin: fused events and figure disagreements by a digest of the
  reports they came from (see fuse.Memo): one edit re-fuses its own groups.
- rows.bin: the lines of the data exports (articles.json, events.csv,
  events.geojson) by what each shows, so one edit does not re-encode them all.
- pages.marshal: each generated file's fingerprint (see render/reuse.py) and
  what it looked like on disk when written, so an unchanged page is neither
  rendered nor written again; and a digest of each paged list, so a list
  whose inputs are unchanged is skipped whole.
- views.bin: what each article page shows besides its own file (where its
  terms and dates link, the fused events its events joined; see
  render/pages.py article_view), and build.marshal: what the last build's
  index was made from (each file's key and head digest) and each feed's
  entries. With them a rebuild in which no article's head changed (an edit
  to text alone) renders the edited pages without indexing anything.
- templates/: Jinja's compiled templates.
"""
from __future__ import annotations

import hashlib
import marshal
import mmap
import operator
import os
import pickle
import struct
import sys
import time
from pathlib import Path
from typing import Iterable

from . import __version__
from .errors import Problem
from .model import Article, Event, Extraction, Figure, Registry
from .registry import parse_registry, read_registry, registry_digest

_CODE = Path(__file__).resolve().parent
_MAGIC = b"briefing-cache-4\n"
_ROWS_MAGIC = b"briefing-rows-1\n"
_MEMO_MAGIC = b"briefing-index-1\n"
_VIEWS_MAGIC = b"briefing-views-1\n"


def _sources_digest() -> str:
    h = hashlib.sha256((__version__ + sys.version).encode())  # marshal's bytes differ between Pythons
    for path in sorted(_CODE.rglob("*.py")):
        h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# Read as the package is imported: the code this process runs. Read later, a
# source edited meanwhile (under a preview left running) would file the old
# code's results under the new code's key, and a build with the new code would reuse them.
_CODE_DIGEST = _sources_digest()


def code_digest() -> str:
    """Hash of the generator's Python sources as this process loaded them:
    a change to any rule invalidates the cache."""
    return _CODE_DIGEST


def load_registry(content_dir: Path, folder: Path) -> Registry:
    """registry.load_registry, reusing the last build's parse when the files
    and the code are the same. A broken registry raises as always."""
    files = read_registry(content_dir)
    key = hashlib.sha256((code_digest() + registry_digest(files) + str(content_dir)).encode()).hexdigest()
    path = folder / "registry.pickle"
    try:
        with path.open("rb") as f:
            if pickle.load(f) == key:  # noqa: S301 - the build's own cache file
                return pickle.load(f)  # noqa: S301
    except Exception:  # noqa: BLE001 - missing or damaged: parse again
        pass
    registry = parse_registry(content_dir, files)
    _replace(path, pickle.dumps(key) + pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL))
    return registry


# An article's fields the index reads, kept apart from its text (the body):
# a rebuild reads every article's head but renders the pages of only a few.
# Marshal's format 2 writes equal values as equal bytes (later formats share
# repeated objects, so bytes follow object identity): the index digest is a hash of them.
_CANONICAL = 2
_HEAD_FIELDS = ("src_path", "text", "meta", "body_line", "slug", "title", "published", "outlet", "url",
                "language", "translated_from", "author")
_EXTRACTION_LISTS = ("places", "countries", "factions", "people", "sources")


class CachedArticle(Article):
    """An article read back from the cache: its blocks and furniture are
    unpickled on first use (only the pages rendered again need them)."""

    def __getattr__(self, name: str):  # reached only for attributes not set
        body = self.__dict__.get("_body")
        if body is None or name not in ("blocks", "furniture"):
            raise AttributeError(name)
        del self.__dict__["_body"]
        self.blocks, self.furniture = pickle.loads(body)  # noqa: S301 - the build's own cache file
        return getattr(self, name)

    def __getstate__(self):  # a copy or a pickle carries the body, not the lazy reader
        return {k: v for k, v in self.__dict__.items() if k != "_body"} | \
            {"blocks": self.blocks, "furniture": self.furniture}


def _encode(article: Article | None, problems: list[Problem]) -> tuple[bytes, bytes]:
    """(head, body): the head in marshal, several times faster to read back
    than pickled dataclasses; the body pickled, read only when rendered."""
    problems = [tuple(p.__dict__.values()) for p in problems]
    if article is None:
        return b"M" + marshal.dumps((None, problems), _CANONICAL), b""
    x = article.extraction
    head = ([getattr(article, f) for f in _HEAD_FIELDS], [getattr(x, f) for f in _EXTRACTION_LISTS],
            [tuple(e.__dict__.values()) for e in x.events], [tuple(f.__dict__.values()) for f in x.figures],
            x.unlisted_places, x.overridden)
    body = pickle.dumps((article.blocks, article.furniture), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        return b"M" + marshal.dumps((head, problems), _CANONICAL), body
    except ValueError:  # front matter holding a type marshal lacks
        return b"P" + pickle.dumps((head, problems), protocol=pickle.HIGHEST_PROTOCOL), body


def _decode(head: memoryview, body: memoryview) -> tuple[Article | None, list[Problem]]:
    fields, problems = marshal.loads(head[1:]) if head[:1] == b"M" else pickle.loads(head[1:])  # noqa: S301
    problems = [Problem(*p) for p in problems]
    if fields is None:
        return None, problems
    values, lists, events, figures, unlisted, overridden = fields
    extraction = Extraction(*lists, [Event(*e) for e in events], [Figure(*f) for f in figures], unlisted, overridden)
    article = object.__new__(CachedArticle)  # no __init__: blocks and furniture stay unset until asked for
    article.__dict__.update(zip(_HEAD_FIELDS, values), digest="", index_digest="", extraction=extraction,
                            _body=body)
    return article, problems


_START, _SIZE = operator.itemgetter(0), operator.itemgetter(1)  # of a record's (start, size)


class Records:
    """A file of (key, value) byte records under a header: read whole, or
    mapped (read by the system only where asked: for records few builds
    need), kept as views into it until asked for; `save` appends what this build added,
    or rewrites the file without the records no build used since when those
    are most of it. A header other than `header` (other rules, registries,
    format) makes every record unusable; a record cut short by an
    interrupted build is dropped with whatever followed it.

    Beside it, NAME.idx holds where each record starts as of the last save
    (for the file of that inode and length), so opening it does not walk
    80,000 records one by one; records after that length are walked."""

    _FRAME = struct.Struct("<II")  # key length, value length

    def __init__(self, path: Path | None, header: bytes, mapped: bool = False):
        self.path, self.header, self.mapped = path, header, mapped
        self.index_path = path.with_name(path.name + ".idx") if path else None
        self.data = memoryview(b"")
        self.raw: dict[bytes, tuple[int, int]] = {}  # key → (start, length) in data
        self.end = 0  # where the last whole record ends
        self.indexed = 0  # where the records NAME.idx holds end: those after it are walked on opening
        self.index_ok = False  # NAME.idx was read: one refused (another file, or longer than it) is written again
        self.new: dict[bytes, bytes] = {}
        self.used: set[bytes] = set()
        if path is not None:
            self.raw = self._read()

    def _read(self) -> dict[bytes, tuple[int, int]]:
        try:
            with self.path.open("rb") as f:
                inode = os.fstat(f.fileno()).st_ino
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if self.mapped else f.read()
        except (OSError, ValueError):  # missing, or empty (nothing to map)
            return {}
        if data[:len(self.header)] != self.header:
            return {}
        self.data = memoryview(data)
        index = _load_marshal(self.index_path, tuple)
        self.index_ok = len(index) == 3 and index[0] == inode and len(self.header) <= index[1] <= len(data)
        raw, pos = (index[2], index[1]) if self.index_ok else ({}, len(self.header))
        self.indexed = pos
        frame = self._FRAME
        while pos + frame.size <= len(data):
            key_size, size = frame.unpack_from(data, pos)
            start = pos + frame.size + key_size
            if start + size > len(data):
                break
            raw[data[pos + frame.size: start]] = (start, size)
            pos = start + size
        self.end = pos
        return raw

    def get(self, key: bytes) -> memoryview | bytes | None:
        found = self.new.get(key)
        if found is None:
            where = self.raw.get(key)
            if where is None:
                return None
            found = self.data[where[0]: where[0] + where[1]]
        self.used.add(key)
        return found

    def get_many(self, keys: list[bytes]) -> list[memoryview | bytes | None]:
        """get for each key, without marking them used (keep does): the
        80,000 lines of the exports are looked up in one call, sliced in C."""
        wheres = list(map(self.raw.get, keys))
        if self.new:  # records this build added: one by one
            return [found if found is not None else self.data[w[0]: w[0] + w[1]] if w else None
                    for found, w in zip(map(self.new.get, keys), wheres)]
        missing = [k for k, w in enumerate(wheres) if w is None] if None in wheres else []
        for k in missing:
            wheres[k] = (0, 0)
        starts = list(map(_START, wheres))
        out = list(map(self.data.__getitem__, map(slice, starts, map(operator.add, starts, map(_SIZE, wheres)))))
        for k in missing:
            out[k] = None
        return out

    def __contains__(self, key: bytes) -> bool:
        return key in self.raw or key in self.new

    def put(self, key: bytes, value: bytes) -> None:
        self.new[key] = value
        self.used.add(key)

    def keep(self, used: Iterable[str], new: dict[str, bytes]) -> None:
        """Save what a build used (by text key), adding the records it made."""
        self.keep_encoded((k.encode() for k in used), {key.encode(): value for key, value in new.items()})

    def keep_encoded(self, used: Iterable[bytes], new: dict[bytes, bytes]) -> None:
        """keep, by the keys as stored."""
        self.used.update(used)
        for key, value in new.items():
            self.put(key, value)
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        stale = len(self.raw.keys() - self.used)
        if self.raw and stale <= len(self.used) and self.path.exists():
            if not self.new:
                return
            entries = {}
            with self.path.open("r+b") as f:
                f.seek(self.end)  # past the last whole record: a cut one is overwritten
                f.truncate()
                f.write(self._frames(self.new, self.end, entries))
                inode, length = os.fstat(f.fileno()).st_ino, f.tell()
            if self.index_ok and length - self.indexed <= max(1 << 20, length >> 4):
                return  # a short tail: walked on opening, cheaper than writing the whole index again
            entries = {**self.raw, **entries}
        else:
            keep = {k: self.data[a: a + n] for k in sorted(self.used) if k in self.raw and k not in self.new
                    for a, n in [self.raw[k]]}
            keep.update(self.new)
            entries = {}
            data = self.header + self._frames(keep, len(self.header), entries)
            _replace(self.path, data)
            inode, length = self.path.stat().st_ino, len(data)
        _replace(self.index_path, marshal.dumps((inode, length, entries)))

    def _frames(self, records: dict, start: int, entries: dict) -> bytes:
        """The records framed as written at offset `start`; where each lands goes into `entries`."""
        out, pos = [], start
        for key, value in records.items():
            out.append(self._FRAME.pack(len(key), len(value)) + key)
            pos += self._FRAME.size + len(key)
            entries[bytes(key)] = (pos, len(value))
            out.append(value)
            pos += len(value)
        return b"".join(out)

    def __len__(self) -> int:
        return len(self.raw.keys() | self.new.keys())


class ExtractionCache:
    """get/put by key(src_path, bytes); `save` writes what this build added and
    forgets entries no build used since (deleted or edited articles, old rules).
    Each article's head (see _encode) is in extraction.bin, its text in
    texts.bin, both mapped (see Records): a text is read only for the pages
    rendered again, a head only when the index is made or the file changed.

    Entries are kept encoded until asked for: an entry is decoded at most
    once a build.

    Beside it, sources.marshal records each file's size, times and key as
    last read, so an unchanged file is not even read again (make's and git's
    test). A file changed in the same tick of the file system's clock as it
    was read could change again unseen (same size, same times), so it is
    read again next time, as git treats "racily clean" entries. The tick is
    told by the clock file this cache writes before any article is looked
    at: a file on the same device whose times are older than it is trusted.
    On another device (whose clock may differ) a file is trusted once it
    was STAT_SETTLE_S old when read."""

    STAT_SETTLE_S = 2.0

    def __init__(self, folder: Path | None, registry_digest: str):
        self.salt = hashlib.sha256((registry_digest + code_digest()).encode()).digest()
        self.records = Records(folder / "extraction.bin" if folder else None, _MAGIC + self.salt, mapped=True)
        self.texts = Records(folder / "texts.bin" if folder else None, _MAGIC + self.salt, mapped=True)
        self.stats: dict[str, tuple] = {}      # src_path → (size, mtime_ns, ctime_ns, inode, key) as last read
        self.stats_out: dict[str, tuple] = {}
        self.started_ns = time.time_ns()
        self.clock: os.stat_result | None = None  # the file system's time as this build began
        if folder is not None:
            _replace(folder / "clock", b"")
            self.clock = (folder / "clock").stat()
        self.stats_path = folder / "sources.marshal" if folder else None
        if self.records.raw:
            self.stats = _load_marshal(self.stats_path, dict)

    def key(self, src_path: str, data: bytes) -> str:
        return hashlib.sha256(self.salt + src_path.encode() + b"\0" + data).hexdigest()

    def known_key(self, src_path: str, st: os.stat_result) -> str | None:
        """The key of a file read before and unchanged since (by its stat), or None."""
        found = self.stats.get(src_path)
        if found is None or tuple(found[:4]) != (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
            return None
        raw_key = bytes.fromhex(found[4])
        return found[4] if raw_key in self.records and raw_key in self.texts else None

    def record(self, src_path: str, st: os.stat_result, key: str) -> None:
        """What the file looked like when read, unless it changed a moment ago;
        and its entry kept (a build need not decode an entry it keeps)."""
        raw_key = bytes.fromhex(key)
        self.records.used.add(raw_key)
        self.texts.used.add(raw_key)
        changed = max(st.st_mtime_ns, st.st_ctime_ns)
        if self.clock is not None and st.st_dev == self.clock.st_dev:
            settled = changed < self.clock.st_mtime_ns
        else:
            settled = self.started_ns - changed > self.STAT_SETTLE_S * 1e9
        if settled:
            self.stats_out[src_path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, key)

    def get(self, key: str) -> tuple[Article | None, list[Problem]] | None:
        """The entry for a key from `key()`, or None."""
        raw_key = bytes.fromhex(key)
        head, body = self.records.get(raw_key), self.texts.get(raw_key)
        if head is None or body is None:
            return None
        try:
            article, problems = _decode(head, body)
        except Exception:  # noqa: BLE001 - a damaged entry is only a miss
            return None
        if article is not None:
            article.index_digest = self._index_digest(head)
        return article, problems

    def put(self, key: str, article: Article | None, problems: list[Problem]) -> None:
        """Keep an entry, and give the article its index digest."""
        head, body = _encode(article, problems)
        self.records.put(bytes.fromhex(key), head)
        self.texts.put(bytes.fromhex(key), body)
        if article is not None:
            article.index_digest = self._index_digest(head)

    def _index_digest(self, head: bytes) -> str:
        """What lists, fused events and exports show of an article is its head,
        read with these rules and registries: an edit to the text alone
        leaves every page but the article's own (and feeds quoting it) as it was."""
        return hashlib.sha1(self.salt + head).hexdigest()

    def save(self) -> None:
        self.records.save()
        self.texts.save()
        if self.stats_path is not None and self.stats_out != self.stats:
            _replace(self.stats_path, marshal.dumps(self.stats_out))

    def __len__(self) -> int:
        return len(self.records)


class MemoCache:
    """fuse.Memo's entries between builds (index.bin, see Records), each
    marshalled: an edit appends the groups it changed."""

    def __init__(self, folder: Path | None):
        self.records = Records(folder / "index.bin" if folder else None, _MEMO_MAGIC + code_digest().encode())

    def __contains__(self, key: str) -> bool:
        return key.encode() in self.records

    def get(self, key: str):
        found = self.records.get(key.encode())
        try:
            return None if found is None else marshal.loads(found)
        except (ValueError, EOFError, TypeError):  # damaged: made again
            return None

    def keep(self, used: set[str], made: dict[str, object]) -> None:
        self.records.keep(used, {key: marshal.dumps(value) for key, value in made.items()})


class RowsCache:
    """The lines of the data exports by what each shows (rows.bin, see
    Records), so one edit re-encodes only its own lines and appends them.
    Opened (mapped) only when an export is rendered again."""

    def __init__(self, folder: Path | None):
        self.path = folder / "rows.bin" if folder else None
        self._records: Records | None = None

    @property
    def records(self) -> Records:
        if self._records is None:
            self._records = Records(self.path, _ROWS_MAGIC + code_digest().encode(), mapped=True)
        return self._records

    def get_many(self, keys: list[bytes]) -> list[memoryview | bytes | None]:
        return self.records.get_many(keys)

    def keep(self, used: list[bytes], new: dict[bytes, bytes]) -> None:
        """What a build used: its new lines are added, unused ones forgotten at the next compaction.
        A build that rendered no export leaves the file as it was."""
        if used:
            self.records.keep_encoded(used, new)


def _load_marshal(path: Path, kind: type):
    try:
        found = marshal.loads(path.read_bytes())
        return found if isinstance(found, kind) else kind()
    except (OSError, ValueError, EOFError, TypeError):
        return kind()


def views(folder: Path | None) -> Records:
    """Each article page's view by src_path (views.bin, mapped: a build reads few)."""
    return Records(folder / "views.bin" if folder else None, _VIEWS_MAGIC + code_digest().encode(), mapped=True)


def load_last_build(folder: Path) -> dict:
    """What save_last_build kept, or {}."""
    return _load_marshal(folder / "build.marshal", dict)


def save_last_build(folder: Path, last: dict) -> None:
    _replace(folder / "build.marshal", marshal.dumps(last))


def load_pages(folder: Path) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """The last build's ({dest_path: (fingerprint, size, mtime_ns)}, {paged list: (digest, its pages)}): every
    file it wrote, with "" for the fingerprint of one rendered every time."""
    found = _load_marshal(folder / "pages.marshal", tuple)
    return (found[0], found[1]) if len(found) == 2 else ({}, {})


def save_pages(folder: Path, pages: dict[str, tuple], groups: dict[str, tuple]) -> None:
    _replace(folder / "pages.marshal", marshal.dumps((pages, groups)))


def folder(cache_dir: Path, name: str) -> Path:
    """A sub-folder of the cache, made if missing (Jinja's compiled templates)."""
    path = cache_dir / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _replace(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: an interrupted build leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
