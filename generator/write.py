"""The only module that writes the docs tree.

Writes each rendered file whose bytes changed (so `mkdocs serve` reloads
only what changed), removes files that are no longer generated (no stale
page survives), and refuses any path that would land outside the docs folder.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .model import UNCHANGED


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # dest → (size, mtime_ns) now on disk


def safe_target(docs_dir: Path, dest_path: str) -> Path:
    root = docs_dir.resolve()
    target = (root / dest_path).resolve()
    if dest_path.startswith(("/", "\\")) or ".." in Path(dest_path).parts or not target.is_relative_to(root):
        raise BuildError(f"refused to write {dest_path!r}: it would land outside {docs_dir}")
    return target


def current_files(docs_dir: Path, state: dict[str, list]) -> dict[str, str]:
    """{dest_path: fingerprint} of the files the last build wrote that are
    still on disk as it left them (same size and modification time)."""
    current = {}
    for dest, (fingerprint, size, mtime_ns) in state.items():
        try:
            st = os.stat(os.path.join(docs_dir, dest))
        except OSError:
            continue
        if st.st_size == size and st.st_mtime_ns == mtime_ns:
            current[dest] = fingerprint
    return current


def write_tree(files: dict[str, str | bytes], docs_dir: Path) -> WriteReport:
    """Write `files` ({dest_path: text}); a text that is render.UNCHANGED
    stands for the file already there. Every other file is removed."""
    report = WriteReport()
    # Check every path before writing any.
    targets = {dest: safe_target(docs_dir, dest) for dest, data in files.items() if data is not UNCHANGED}
    docs_dir.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for dest in sorted(targets):
        data = files[dest]
        data = data.encode("utf-8") if isinstance(data, str) else data
        target = targets[dest]
        try:
            if target.read_bytes() == data:
                report.unchanged += 1
                report.stats[dest] = _stat(target)
                continue
        except OSError:
            pass
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        report.written += 1
        report.stats[dest] = _stat(target)
    report.unchanged += len(files) - len(targets)
    wanted = {os.path.normpath(dest) for dest in files}
    root = str(docs_dir)
    for folder, dirs, names in os.walk(root, topdown=False):
        rel = os.path.relpath(folder, root)
        for name in names:
            if os.path.normpath(os.path.join(rel, name)) not in wanted:
                os.unlink(os.path.join(folder, name))
                report.removed += 1
        if folder != root and not os.listdir(folder):
            os.rmdir(folder)
    return report


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


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
