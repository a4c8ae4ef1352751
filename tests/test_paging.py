"""Lists cut into pages where their content says (generator/paging.py)."""
import random

from generator.paging import cut, cut_by_hash, key_hash, name


def _pages(keys: list[str], first: int = 20, size: int = 40) -> list[tuple[str, ...]]:
    return [tuple(keys[start:end]) for start, end in cut([key_hash(k) for k in keys], first, size)]


def test_pages_cover_the_list_in_order_and_stay_within_their_sizes():
    keys = [f"ev-{i}" for i in range(1000)]
    pages = _pages(keys)
    assert [k for page in pages for k in page] == keys
    assert 1 <= len(pages[0]) <= 20 and all(1 <= len(page) <= 40 for page in pages[1:])
    assert sum(map(len, pages[1:])) / len(pages[1:]) >= 40 * 0.6  # pages hold about two thirds of their size
    assert _pages([]) == [()] and _pages(keys[:20]) == [tuple(keys[:20])]  # a short list is one page


def test_an_item_added_or_removed_anywhere_moves_few_pages():
    rng = random.Random(7)
    keys = [f"articles/{i:05}.txt" for i in range(3000)]
    before = set(_pages(keys, 50, 50))
    moved = []
    for _ in range(200):
        changed = list(keys)
        at = rng.randrange(len(keys))
        if rng.random() < 0.5:
            changed.insert(at, f"articles/new-{rng.random()}.txt")
        else:
            del changed[at]
        moved.append(len(set(_pages(changed, 50, 50)) - before))
    # By position, an edit at a random place would move half of the pages on average.
    assert max(moved) <= 4 and sum(moved) / len(moved) < 1.6, moved


def test_a_continued_page_is_named_by_its_first_item():
    assert name("ev-1", "2024-12-01") == name("ev-1", "2024-12-01") != name("ev-2", "2024-12-01")
    assert name("ev-1", "2024-12-01").startswith("2024-12-01-")
    assert name("x", "").startswith("page-")


def _hashed(keys: list[str], size: int = 20) -> dict[str, str]:
    """Which page (its name) shows each key."""
    ordered = sorted(keys, key=key_hash, reverse=True)
    return {k: bits for start, end, bits in cut_by_hash([key_hash(k) for k in ordered], size)
            for k in ordered[start:end]}


def test_pages_cut_by_hash_hold_at_most_their_size_and_an_item_added_moves_no_other_but_on_a_split():
    keys = [f"ev-{i}" for i in range(360)]
    where = _hashed(keys)
    assert where.keys() == set(keys)
    sizes = [list(where.values()).count(bits) for bits in set(where.values())]
    assert max(sizes) <= 20 and sum(sizes) / len(sizes) >= 20 * 0.5
    splits = 0
    for i in range(100):
        new = f"new-{i}"
        after = _hashed(keys + [new])
        moved = {k for k in keys if after[k] != where[k]}
        if moved:  # the new item's page overflowed: its items, and only they, went to its two halves
            splits += 1
            joined = next(bits for bits in set(where.values()) if after[new].startswith(bits))
            assert {where[k] for k in moved} == {joined}
    assert splits < 30
    assert cut_by_hash([], 20) == [(0, 0, "all")] and cut_by_hash([5, 3], 20) == [(0, 2, "all")]


def test_continued_pages_whose_first_items_share_a_key_are_told_apart_by_primes_in_turn(registry):
    """Discrepancies of one topic and place share a key: the page of the
    k-th of them to head a page is named by its key with k primes (the names
    of pages already named are skipped), found without trying every earlier
    one again."""
    from generator import paging, paths
    from generator.index import build_index
    from generator.model import Discrepancy
    from generator.render import Last, lists
    from generator.render.markdown import environment
    from generator.render.reuse import Reuse
    from generator.render.site import Site

    items = [Discrepancy("date", "date of: Hama captured", "Hama", []) for _ in range(400)]
    site = Site(build_index([], registry)[0], "", Reuse(Last(), ""), environment(), environment())
    spans = lists.spans(site, "discrepancies/index.md", lists.Chain("page", "", "discrepancies", items, 5, 5))
    names = [here for here, _, _ in spans[1:]]
    key = "date:date of: Hama captured:Hama"
    assert len(spans) > 60 and len(set(names)) == len(names)
    assert names == [paths.continued_dest("discrepancies/index.md", "page", paging.name(key + "'" * k, "Hama"))
                     for k in range(len(names))]
    assert [end for _, _, end in spans[:-1]] == [start for _, start, _ in spans[1:]] and spans[-1][2] == 400


def test_pages_start_where_a_hash_is_the_highest_within_half_a_page_on_either_side_the_last_of_equals():
    from generator.paging import page_starts

    def spec(hashes, w):  # the definition, item by item
        return [i for i in range(1, len(hashes)) if all(hashes[j] <= hashes[i] for j in range(max(0, i - w), i))
                and all(hashes[j] < hashes[i] for j in range(i + 1, min(len(hashes), i + w + 1)))]
    rng = random.Random(3)
    for _ in range(400):
        n, w = rng.randrange(0, 120), rng.randrange(1, 12)
        top = rng.choice((3, 50, 2 ** 64))  # few values: runs of equal hashes, as items of one key give
        hashes = [rng.randrange(top) for _ in range(n)]
        assert page_starts(hashes, 2 * w) == page_starts(hashes, 2 * w + 1) == spec(hashes, w), (hashes, w)


