"""Regenerate tests/golden/ (`make golden`): the docs tree the generator
renders for the seed articles. Review the diff before committing it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator import load, pipeline
from generator.index import build_index
from generator.registry import load_registry
from generator.render import render

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def render_seeds() -> dict[str, str]:
    content = REPO / "content"
    registry = load_registry(content)
    articles, _ = pipeline.prepare(load.find_articles(content), registry, base=content)
    briefing, _ = build_index(articles, registry)
    return render(briefing)


def main() -> int:
    files = render_seeds()
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for dest, text in files.items():
        path = GOLDEN / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {GOLDEN.relative_to(REPO)}; review with git diff", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
