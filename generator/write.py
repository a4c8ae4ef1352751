"""The only module that writes the docs tree.

Writes each rendered file whose bytes changed (so `mkdocs serve` reloads
only what changed), removes files that are no longer generated (no stale
page survives), and refuses any path that would land outside the docs folder.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def safe_target(docs_dir: Path, dest_path: str) -> Path:
    root = docs_dir.resolve()
    target = (root / dest_path).resolve()
    if dest_path.startswith(("/", "\\")) or ".." in Path(dest_path).parts or not target.is_relative_to(root):
        raise BuildError(f"refused to write {dest_path!r}: it would land outside {docs_dir}")
    return target


def write_tree(files: dict[str, str | bytes], docs_dir: Path) -> WriteReport:
    report = WriteReport()
    targets = {dest: safe_target(docs_dir, dest) for dest in files}  # check all before writing any
    docs_dir.mkdir(parents=True, exist_ok=True)
    for dest in sorted(files):
        data = files[dest]
        data = data.encode("utf-8") if isinstance(data, str) else data
        target = targets[dest]
        try:
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        report.written += 1
    wanted = set(targets.values())
    root = docs_dir.resolve()
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            report.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` with the finished `staging` folder in two renames, so
    a reader or a failed build never sees half a site."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)


def remove_tree(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
