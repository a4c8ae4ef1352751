"""Incremental bookkeeping: which files of the last build stay as they are.

Every page has a fingerprint (its key): a digest of the renderer's code,
the registry and what the page shows. A page whose key is that of the file
the last build left on disk is neither rendered nor written again. A paged
list has a digest over all its pages' inputs: while it is the last build's,
none of its pages is looked at one by one. An export is made of lines, each
reused by what it shows. All of it comes from the files the last build left
in build/cache/ (see cache), read by the build: nothing is carried in
memory from one build to the next.
"""
from __future__ import annotations

import hashlib
import operator
from dataclasses import dataclass, field
from typing import Callable, Container, Mapping, Protocol

from ..index import TAXONOMIES, term_key
from ..model import ELSEWHERE, UNCHANGED, Article, FusedEvent


class Lines(Protocol):
    """Export lines of the last build by what each shows (cache.RowsCache)."""
    def get_many(self, keys: list[bytes]) -> list[bytes | memoryview | None]: ...


@dataclass
class Last:
    """What the last build left, as the build read it from build/cache/."""
    pages: dict[str, str] = field(default_factory=dict)  # dest → fingerprint of the file now on disk
    lists: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # list → (digest, its pages)
    lines: Lines | None = None              # export lines by what each shows
    views_kept: Container[str] = ()         # the articles whose view (see pages.article_view) is on disk
    # The articles whose file and slug are unchanged, and each fused event's mark and each term's link
    # as the last build's views saw them (see same_views); None where the last build's index was another's.
    views: tuple[Container[str], Mapping[str, tuple], Mapping[tuple[str, str], str]] | None = None


@dataclass
class Made:
    """What this build leaves for the next, saved by the build."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    lists: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    lines_used: list[bytes] = field(default_factory=list)   # the keys of the lines this build's exports hold
    lines_new: dict[bytes, bytes] = field(default_factory=dict)  # the lines among them the last build had not
    views: dict[str, bytes] = field(default_factory=dict)   # article views new or changed, by src_path
    feeds: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)  # feed → (title, updated, sources)
    marks: dict[str, tuple] = field(default_factory=dict)   # each fused event's mark (see Site.marks)
    links: dict[tuple[str, str], str] = field(default_factory=dict)  # each term's page

    def update(self, other: Made) -> None:
        """Add what another worker made (each renders its share of the pages)."""
        for name in ("fingerprints", "lists", "lines_new", "views", "feeds", "marks", "links"):
            getattr(self, name).update(getattr(other, name))
        self.lines_used.extend(other.lines_used)


class Reuse:
    """The last build's fingerprints against this build's, for one renderer
    (`mine`: the pages it renders, all or one worker's share)."""

    def __init__(self, last: Last, prefix: str, mine: Callable[[str], bool] = lambda dest: True):
        self.last, self.made = last, Made()
        self.prefix = prefix  # the code's and the registry's digests: part of every key
        self.mine = mine

    def key(self, inputs: object, *refs: str) -> str:
        """A page's fingerprint: its inputs and the refs of the items it lists
        (joined, not repr'd: a list's pages hold thousands)."""
        return hashlib.sha1("\x1e".join((self.prefix, repr(inputs), *refs)).encode()).hexdigest()

    def keyed(self, dest: str, key: str, render: Callable[[], str]) -> str:
        """The page's text, or UNCHANGED where the file on disk has this key."""
        self.made.fingerprints[dest] = key
        return UNCHANGED if self.last.pages.get(dest) == key else render()

    def memoised(self, dest: str, inputs: Callable[[], object], render: Callable[[], str],
                 refs: Callable[[], list[str]] = list) -> str:
        """keyed, by the page's inputs and the refs of the items it shows;
        ELSEWHERE where another worker renders it."""
        if not self.mine(dest):
            return ELSEWHERE
        return self.keyed(dest, self.key(inputs(), *refs()), render)

    def direct(self, dest: str, render: Callable[[], str]) -> str:
        """A page rendered every time (a few small ones that read everything)."""
        return render() if self.mine(dest) else ELSEWHERE

    def same_list(self, dest: str, digest: str, out) -> bool:
        """Whether a paged list is the last build's (its digest, and every page
        on disk as written): then each of its pages is UNCHANGED in `out`."""
        was = self.last.lists.get(dest)
        if not was or was[0] != digest or not all(here in self.last.pages for here in was[1]):
            return False
        self.made.lists[dest] = was
        for here in was[1]:
            self.made.fingerprints[here] = self.last.pages[here]
            out[here] = UNCHANGED
        return True

    def lines(self, prefix: str, items: list, make: Callable[[object], str], refs: list[str]) -> list[bytes]:
        """A line of an export for each item, reused from the last build by
        what it shows (prefix and the item's ref): one changed article changes
        these files, not most of their lines. Kept as bytes: 80,000 lines are
        joined, not decoded and encoded again."""
        keys = list(map(prefix.encode().__add__, map(str.encode, refs)))
        found = self.last.lines.get_many(keys) if self.last.lines is not None else [None] * len(keys)
        lines = list(found)
        for k in positions(lines):
            line = lines[k] = make(items[k]).encode("utf-8")
            self.made.lines_new[keys[k]] = line
        self.made.lines_used.extend(keys)
        return lines


def same_views(events: list[FusedEvent], marks: Mapping[str, tuple], links: Mapping[tuple[str, str], str],
               articles: list[Article], last: tuple) -> set[str]:
    """The articles whose view is the last build's, given `last`: those whose
    file and slug are unchanged, and the last build's event marks and term
    links. All of them but those reporting a fused event whose mark changed
    (its state, its page or its reports: a report whose event went joins
    another, which can keep its state) or naming a term or date that now
    links elsewhere (or nowhere, or somewhere where it did not link before)."""
    unchanged, was_marks, was_links = last
    ids = list(map(_by_id, events))
    changed = map(operator.ne, map(was_marks.get, ids), map(marks.__getitem__, ids))  # compared in C
    undigested = positions(list(map(_digest, events)), "")  # events made outside the pipeline
    stale = {r.article.src_path for k in (*positions(list(changed), True), *undigested) for r in events[k].reports}
    moved = {key for key, dest in links.items() if was_links.get(key) != dest} | (was_links.keys() - links.keys())
    if moved:
        for article in articles:
            names, isos = linked_names(article)
            if any((taxonomy, term_key(name)) in moved for taxonomy, name in names) or \
                    any(("dates", iso) in moved for iso in isos):
                stale.add(article.src_path)
    return {src_path for src_path in unchanged if src_path not in stale}


def linked_names(article: Article) -> tuple[set[tuple[str, str]], set[str]]:
    """The terms ((taxonomy, name)) and dates an article page links to."""
    x = article.extraction
    names = {(taxonomy, name) for taxonomy in TAXONOMIES for name in getattr(x, taxonomy)}
    names.update(("factions", e.actor) for e in x.events if e.actor)
    names.update(("places", e.place) for e in x.events if e.place)
    return names, {article.published, *(e.date for e in x.events)} - {None, ""}


def positions(values: list, value: object = None):
    """The positions of `value` in a list, found in C (list.index)."""
    k = 0
    try:
        while True:
            k = values.index(value, k)
            yield k
            k += 1
    except ValueError:
        return


_by_id = operator.attrgetter("id")
_digest = operator.attrgetter("digest")
