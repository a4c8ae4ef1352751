"""Content-hash cache of each article's load → clean → extract result.

The key is the file's bytes and path, the registries' digest and a hash of
the generator's own code, so a changed article, registry or rule is
re-extracted and nothing stale is ever reused. Entries are JSON files under
build/cache/; entries no build used are removed at the end of the build.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from pathlib import Path

from . import __version__
from .errors import Problem
from .model import Article, Block, Event, Extraction, Figure, Furniture

_CODE = Path(__file__).resolve().parent


def code_digest() -> str:
    """Hash of the generator's Python sources: a change to any rule invalidates the cache."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(_CODE.rglob("*.py")):
        h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def article_to_json(article: Article | None, problems: list[Problem]) -> dict:
    """Shallow field copies (the model's dataclasses are flat), much cheaper
    than dataclasses.asdict's deep copy on a large corpus."""
    data = None
    if article is not None:
        data = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)
                if f.name not in ("text", "extraction")}  # the page shows the cleaned blocks, not the raw text
        data["blocks"] = [vars(b) for b in article.blocks]
        data["furniture"] = [vars(f) for f in article.furniture]
        x = article.extraction
        data["extraction"] = dict(vars(x), events=[vars(e) for e in x.events], figures=[vars(f) for f in x.figures])
    return {"article": data, "problems": [vars(p) for p in problems]}


def article_from_json(data: dict) -> tuple[Article | None, list[Problem]]:
    problems = [Problem(**p) for p in data["problems"]]
    a = data["article"]
    if a is None:
        return None, problems
    x = a.pop("extraction")
    extraction = Extraction(
        places=x["places"], countries=x["countries"], factions=x["factions"], people=x["people"],
        sources=x["sources"], events=[Event(**e) for e in x["events"]], figures=[Figure(**f) for f in x["figures"]],
        unlisted_places=x["unlisted_places"], overridden=x["overridden"])
    article = Article(text="", extraction=extraction, **{k: v for k, v in a.items()
                                                          if k not in ("blocks", "furniture")})
    article.blocks = [Block(**b) for b in a["blocks"]]
    article.furniture = [Furniture(**f) for f in a["furniture"]]
    return article, problems


def load_pages(path: Path) -> dict[str, str]:
    """Rendered pages of the last build by fingerprint (see render.Renderer)."""
    try:
        with path.open("rb") as f:
            memo = pickle.load(f)  # noqa: S301 - the build's own cache file
        return memo if isinstance(memo, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}


def save_pages(path: Path, memo: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(memo, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class ExtractionCache:
    def __init__(self, folder: Path | None, registry_digest: str):
        self.folder = folder
        self.salt = hashlib.sha256((registry_digest + code_digest()).encode()).hexdigest()
        self.used: set[Path] = set()
        self.hits = self.misses = 0

    def key(self, src_path: str, data: bytes) -> str:
        return hashlib.sha256(self.salt.encode() + src_path.encode() + b"\0" + data).hexdigest()

    def _path(self, src_path: str, data: bytes) -> Path:
        key = self.key(src_path, data)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, src_path: str, data: bytes):
        if self.folder is None:
            return None
        path = self._path(src_path, data)
        self.used.add(path)
        try:
            found = article_from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, src_path: str, data: bytes, article: Article | None, problems: list[Problem]) -> None:
        if self.folder is None:
            return
        path = self._path(src_path, data)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(article_to_json(article, problems), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def prune(self) -> None:
        """Drop entries this build did not use (deleted or changed articles, old rules)."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.rglob("*.json"):
            if path not in self.used:
                path.unlink()
