"""What the build keeps between runs, under build/cache/, so a rebuild after
one edit does the work of one article, not of the corpus.

- extraction.bin: each article's load → clean → extract result, keyed by the
  file's bytes and path, the registries' digest and a hash of the generator's
  own code: a changed article, registry or rule is re-extracted and nothing
  stale is ever reused. One file of framed records, appended to when a few
  articles change and compacted when most of it is unused: thousands of small
  files cost more to open than to parse.
- registry.pickle: the parsed and validated registries, keyed by their
  files' bytes and the code: parsing thousands of YAML aliases takes seconds.
- rows.pickle: the lines of the data exports (articles.json, events.csv,
  events.geojson) by what each shows, so one edit does not re-encode them all.
- pages.json: each generated file's fingerprint (see render.Renderer) and
  what it looked like on disk when written, so an unchanged page is neither
  rendered nor written again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import struct
from pathlib import Path

from . import __version__
from .errors import Problem
from .model import Article, Registry
from .registry import parse_registry, read_registry, registry_digest

_CODE = Path(__file__).resolve().parent
_MAGIC = b"briefing-cache-1\n"
_FRAME = struct.Struct("<32sI")  # key digest, pickled length


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of the generator's Python sources: a change to any rule invalidates the cache."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(_CODE.rglob("*.py")):
        h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


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


class ExtractionCache:
    """get/put by key(src_path, bytes); `save` writes what this build added and
    forgets entries no build used since (deleted or edited articles, old rules).

    Entries are kept pickled until asked for: an entry is unpickled at most
    once, and a cached article is never the same object a build mutates."""

    def __init__(self, folder: Path | None, registry_digest: str):
        self.path = folder / "extraction.bin" if folder else None
        self.salt = hashlib.sha256((registry_digest + code_digest()).encode()).digest()
        self.raw: dict[bytes, bytes] = {}
        self.new: dict[bytes, bytes] = {}
        self.used: set[bytes] = set()
        self.hits = self.misses = 0
        if self.path is not None:
            self.raw = self._read()

    def _read(self) -> dict[bytes, bytes]:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        head = len(_MAGIC) + 32
        if not data.startswith(_MAGIC) or data[len(_MAGIC):head] != self.salt:
            return {}  # other rules or registries: nothing in it can be used
        raw, pos = {}, head
        while pos + _FRAME.size <= len(data):
            key, size = _FRAME.unpack_from(data, pos)
            pos += _FRAME.size
            if pos + size > len(data):
                break  # a record cut short by an interrupted build: the rest is re-extracted
            raw[key] = data[pos: pos + size]
            pos += size
        return raw

    def key(self, src_path: str, data: bytes) -> str:
        return hashlib.sha256(self.salt + src_path.encode() + b"\0" + data).hexdigest()

    def get(self, key: str) -> tuple[Article | None, list[Problem]] | None:
        """The entry for a key from `key()`, or None."""
        blob = self.raw.get(bytes.fromhex(key))
        if blob is None:
            self.misses += 1
            return None
        try:
            found = pickle.loads(blob)  # noqa: S301 - the build's own cache file
        except Exception:  # noqa: BLE001 - a damaged entry is only a miss
            self.misses += 1
            return None
        self.used.add(bytes.fromhex(key))
        self.hits += 1
        return found

    def put(self, key: str, article: Article | None, problems: list[Problem]) -> None:
        if self.path is None:
            return
        raw_key = bytes.fromhex(key)
        self.new[raw_key] = pickle.dumps((article, problems), protocol=pickle.HIGHEST_PROTOCOL)
        self.used.add(raw_key)

    def save(self) -> None:
        """Append the new entries; rewrite the file without unused ones when
        they are most of it (or it is missing or from other rules)."""
        if self.path is None:
            return
        stale = len(self.raw.keys() - self.used)
        if self.raw and stale <= len(self.used) and self.path.exists():
            if self.new:
                with self.path.open("ab") as f:
                    f.write(self._frames(self.new))
            return
        keep = {k: self.raw[k] for k in sorted(self.used) if k in self.raw and k not in self.new}
        keep.update(self.new)
        _replace(self.path, _MAGIC + self.salt + self._frames(keep))

    @staticmethod
    def _frames(entries: dict[bytes, bytes]) -> bytes:
        return b"".join(_FRAME.pack(k, len(v)) + v for k, v in entries.items())

    def __len__(self) -> int:
        return len(self.raw.keys() | self.new.keys())


def load_pages(path: Path) -> dict[str, list]:
    """{dest_path: [fingerprint, size, mtime_ns]} of the last build's files."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def save_pages(path: Path, state: dict[str, list]) -> None:
    _replace(path, json.dumps(state, separators=(",", ":"), sort_keys=True).encode("utf-8"))


def load_rows(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as f:
            rows = pickle.load(f)  # noqa: S301 - the build's own cache file
        return rows if isinstance(rows, dict) else {}
    except Exception:  # noqa: BLE001 - missing or damaged: every line is encoded again
        return {}


def save_rows(path: Path, rows: dict[str, str]) -> None:
    _replace(path, pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))


def _replace(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: an interrupted build leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
