"""Where a long list is cut into pages: where its content says, not by position.

Cut by position (items 1-50, 51-100, ...), one item added near the top of a
faction's 3,000 moves every older item to the next page, and every page of
the list changes. Here a page starts at an item whose key hashes higher
than those of the `size // 2` items on either side of it (a local maximum,
as winnowing picks document fingerprints), so whether an item starts a page
depends on its neighbours alone: an item added or removed changes the page
it lands on and at most the pages beside it. A run longer than `size`
between two such items is split into equal pages. Pages then hold about
two thirds of `size` on average, never more.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

from .paths import slugify


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def cut(hashes: Sequence[int], first: int, size: int) -> list[tuple[int, int]]:
    """(start, end) of each page of a list, given its items' key hashes: the
    first page holds at most `first` items, the others at most `size`. An
    empty list is one empty page."""
    n = len(hashes)
    if n <= first:
        return [(0, n)]
    bounds = [0, *page_starts(hashes, size), n]
    spans = []
    for start, end in zip(bounds, bounds[1:]):
        if not spans and end - start > first:  # the first page's share of the first run, the rest after it
            spans.append((0, first))
            start = first
        count = -(-(end - start) // size)
        spans.extend((start + (end - start) * k // count, start + (end - start) * (k + 1) // count)
                     for k in range(count))
    return spans


def page_starts(hashes: Sequence[int], size: int) -> list[int]:
    """Where pages of `size` may start: the positions (after the first) whose
    hash is the highest within half a page on either side."""
    return _local_maxima(hashes, max(1, size // 2), 1, len(hashes))


def _local_maxima(hashes: Sequence[int], w: int, lo: int, hi: int) -> list[int]:
    """The positions from lo to hi (excluded) whose hash is the highest within
    w on either side; of equal hashes (items of one key), the last. Such a
    position is the highest of its own block of w items, so each block's one
    candidate is checked against its neighbours by slices, in C: a loop in
    Python over every item cost a re-run at 10,000 articles a tenth of a second."""
    found = []
    for start in range(lo, hi, w):
        block = hashes[start:min(start + w, hi)]
        top = max(block)
        at = start + len(block) - 1 - block[::-1].index(top)
        left, right = hashes[max(0, at - w):at], hashes[at + 1:at + w + 1]
        if at and (not left or max(left) <= top) and (not right or max(right) < top):
            found.append(at)
    return found


def cut_by_hash(hashes: Sequence[int], size: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of each page of a list in descending order of its
    key hashes, for a list whose order does not matter (a day's events) and
    whose items are linked to where they are shown: a page holds the items
    whose hash starts with its name's bits, halved until each holds at most
    `size`. An item added joins its page and moves no other item, unless the
    page overflows and halves."""
    pages: list[tuple[int, int, str]] = []

    def visit(start: int, end: int, bits: str) -> None:
        if end - start <= size or len(bits) == 64:
            if end > start or not pages and end == len(hashes):
                pages.append((start, end, bits or "all"))
            return
        bit, mid = 1 << (63 - len(bits)), start
        while mid < end and hashes[mid] & bit:  # those with the bit set come first
            mid += 1
        visit(start, mid, bits + "1")
        visit(mid, end, bits + "0")
    visit(0, len(hashes), "")
    return pages


def name(key: str, label: str) -> str:
    """A continued page's name: its first item's label (a date, a name) and a
    short hash of its key, so that it stays while that item heads the page."""
    return f"{slugify(label)[:40].strip('-') or 'page'}-{hashlib.blake2b(key.encode(), digest_size=3).hexdigest()}"
