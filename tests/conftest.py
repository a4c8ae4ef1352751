"""Shared fixtures: the repository's paths and content folders built in
temporary directories (tests never write into the repository's content/)."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def registry():
    from generator.registry import load_registry

    return load_registry(CONTENT)


@pytest.fixture(scope="session")
def extractor(registry):
    from generator.extract import Extractor

    return Extractor(registry)


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A copy of content/ (seeds and registries) to build or break."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def article_from(text: str, name: str = "a.txt"):
    """Load and clean one article from text, as the pipeline does."""
    from generator.clean import clean
    from generator.load import parse_article

    article, _ = parse_article(text.encode("utf-8"), name)
    return clean(article)


def pagefind_pages(bundle: Path) -> list[dict]:
    """The pages a Pagefind bundle holds, as its fragments record them (url,
    content, meta), in file order: each fragment is "pagefind_dcd" and the page's JSON, gzipped."""
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
            for f in sorted((bundle / "fragment").iterdir())]
