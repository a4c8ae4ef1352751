"""The read side: extraction on every CPU gives what one process gives."""
import multiprocessing
import threading

import pytest

from generator import pipeline
from generator.load import find_articles

from .conftest import CONTENT


def _items(copies: int) -> list[tuple[str, bytes]]:
    seeds = [(p.name, p.read_bytes()) for p in find_articles(CONTENT)]
    return [(f"articles/{i:03}-{name}", data) for i in range(copies) for name, data in seeds]


@pytest.mark.skipif(pipeline.workers() < 2, reason="one CPU: extraction stays in-process")
@pytest.mark.parametrize("other_thread", [False, True])
def test_extraction_in_worker_processes_equals_extraction_in_one(extractor, monkeypatch, other_thread):
    """With another thread running, as under `serve`, workers are not forked
    from this process (a fork can copy a lock that thread holds)."""
    items = _items(24)  # 120 articles: enough for two workers once the threshold is lowered
    started = []
    real = multiprocessing.get_context
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 100)
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: started.append(method) or real(method))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    if other_thread:
        thread.start()
    try:
        if threading.active_count() > 1 and not other_thread:
            pytest.skip("another test left a thread running (the browser tests' server)")
        parallel = pipeline.extract_all(items, extractor)
    finally:
        stop.set()
        if other_thread:
            thread.join()
    assert started == (["forkserver"] if other_thread else ["fork"])
    alone = [pipeline.extract_source(src_path, data, extractor) for src_path, data in items]
    assert [(a.src_path, a.blocks, a.extraction) for a, _ in parallel] == \
        [(a.src_path, a.blocks, a.extraction) for a, _ in alone]


def test_a_damaged_cache_entry_of_an_unchanged_file_is_extracted_again(content_dir, tmp_path):
    """A file trusted by its stat is not read; when its cache entry cannot be
    decoded, the file is read and extracted again, not dropped."""
    import marshal
    import time

    from generator.cache import ExtractionCache
    from generator.registry import load_registry

    registry = load_registry(content_dir)
    paths = find_articles(content_dir)
    time.sleep(0.05)  # the files are older than the build's clock: trusted by their stat next time
    fresh, _ = pipeline.prepare(paths, registry, base=content_dir, cache_dir=tmp_path)
    sources = pipeline.read(paths, registry, base=content_dir, cache_dir=tmp_path)
    assert sources.read == {}  # every file known by its stat
    damaged = fresh[0]
    _, _, entries = marshal.loads((tmp_path / "extraction.bin.idx").read_bytes())
    start, size = entries[bytes.fromhex(damaged.digest)]
    with (tmp_path / "extraction.bin").open("r+b") as f:  # same length and inode: the index still points at it
        f.seek(start)
        f.write(b"M" + b"\xff" * (size - 1))
    assert ExtractionCache(tmp_path, registry.digest).get(damaged.digest) is None
    again, problems = pipeline.prepare(paths, registry, base=content_dir, cache_dir=tmp_path)
    assert problems == []
    assert [(a.src_path, a.digest, a.extraction) for a in again] == \
        [(a.src_path, a.digest, a.extraction) for a in fresh]


