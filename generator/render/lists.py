"""Paged lists: a page showing the first items of one or more lists (a
term's articles and events, an index table), and continued pages holding
the rest, cut where their content says (see paging), chained newer to older."""
from __future__ import annotations

from typing import MutableMapping, NamedTuple

from .. import paging, paths
from .site import Site, key_label

# Page sizes: no page grows with the corpus, and each kind stays under 40 KB
# of HTML with its reports (Material's chrome is about 14 KB of that). A
# list's later pages are cut where their content says (see paging) and hold
# about two thirds of their size on average: where rows are light, their
# size is larger than the first page's.
PAGE_SIZE = 50       # articles on the first page of a list or a term
EVENTS_PAGE_SIZE = 20  # events beside them on a term's first page
INDEX_PAGE_SIZE = 50   # rows of an index table (places, factions, control) on its first page
CONTINUED_SIZE = 75    # articles or index rows on a later page
EVENTS_CONTINUED_SIZE = 60  # events on a term's later pages, which list events alone
DISCREPANCIES_PAGE_SIZE = 5  # each quotes up to MAX_CLAIMS sentences
TIMELINE_PAGE_SIZE = 20  # events a timeline page: each carries its reports
HISTORY_PAGE_SIZE = 10  # spells of control on a place's first page, newest first
HISTORY_CONTINUED_SIZE = 40  # spells on its later pages


class Chain(NamedTuple):
    """One list a page shows: its first `first` items or so on the page, the
    rest on continued pages of `size` or so (see paging)."""
    part: str       # folder of its continued pages: "page", or "events" beside the articles
    heading: str    # what a continued page's title says it holds, where the page's title does not
    rows: str       # how continued.md.j2 shows it: a macro of _macros.md.j2
    items: list
    first: int
    size: int
    without: str | None = None  # a column the page is about (events of a place need no place)
    hashed: bool = False  # in order of key hash, cut by it: where each item is shown stays put (see paging)


# What a list's first page calls its first items, their total and the link to the rest.
_SHOWN_AS = {"page": ("items", "total", "more"), "events": ("events", "total_events", "more_events"),
             "control": ("history", "total_history", "more_history")}


def articles(items: list, part: str = "page", heading: str = "") -> Chain:
    return Chain(part, heading, "articles", items, PAGE_SIZE, CONTINUED_SIZE)


def events(items: list, without: str | None = None) -> Chain:
    return Chain("events", "events", "events", items, EVENTS_PAGE_SIZE, EVENTS_CONTINUED_SIZE, without)


def history(items: list) -> Chain:
    """A place's spells of control (fuse.control_history), newest first."""
    return Chain("control", "control history", "history", items, HISTORY_PAGE_SIZE, HISTORY_CONTINUED_SIZE)


def table(rows: str, items: list) -> Chain:
    return Chain("page", "", rows, items, INDEX_PAGE_SIZE, CONTINUED_SIZE)


def timeline_chain(items: list) -> Chain:
    """A day's events on its timeline pages: article pages link each to the page that shows it."""
    return Chain("page", "", "timeline", items, TIMELINE_PAGE_SIZE, TIMELINE_PAGE_SIZE, hashed=True)


def timeline_pages(site: Site) -> None:
    """Each day's events cut into its timeline pages: where each fused event
    is shown, which article pages link, and so what they show of it (a
    Site's marks, which the next build compares: see reuse.same_views)."""
    for _, dest, events in site.days:
        for here, start, end in spans(site, dest, timeline_chain(events)):
            site.page_of.update((e.id, here) for e in events[start:end])
    site.marks.update((e.id, (e.status, e.date, site.page_of[e.id], e.digest)) for e in site.b.events)


def paged(site: Site, out: MutableMapping[str, str], template: str, dest: str, title: str, chains: list[Chain],
          label: str | None = None, **context) -> None:
    """A page showing the first page's worth of each chain (articles,
    events, rows) and linking the rest, which go on continued pages
    (continued.md.j2) chained newer to older: a term with thousands of
    articles stays light, and one more article changes the pages near it,
    not all of them. A list whose digest is the last build's is not looked
    at page by page."""
    reuse = site.reuse
    if not reuse.mine(dest):  # a list's pages are one worker's: it alone cuts the list and hands them over
        return
    head = repr((template, title, [(c.part, c.rows, c.first, c.size, c.without, len(c.items)) for c in chains],
                 {k: site.fp(v) for k, v in context.items()}))
    refs = [site.refs(c.items) for c in chains]
    # The refs cover each item's key and label, so the pages' names follow from them too.
    digest = reuse.key(head, *("\x1d".join(r) for r in refs))
    if reuse.same_list(dest, digest, out):
        return
    cuts = [spans(site, dest, c) for c in chains]
    reuse.made.lists[dest] = (digest, (dest, *(here for sp in cuts for here, _, _ in sp[1:])))
    # The first page: each chain's first span, its total, and a link to the next.
    firsts = [(c.items[:s[0][2]], r[:s[0][2]], s[1][0] if len(s) > 1 else None) for c, s, r in zip(chains, cuts, refs)]
    shown = {name: v for c, (chunk, _, more) in zip(chains, firsts)
             for name, v in zip(_SHOWN_AS[c.part], (chunk, len(c.items), more))}
    out[dest] = reuse.keyed(dest, reuse.key((head, [(len(r), more) for _, r, more in firsts]),
                                            *(x for _, r, _ in firsts for x in r)),
                            lambda: site.page(template, dest, **shown, **context))
    for c, s, r in zip(chains, cuts, refs):
        for k in range(1, len(s)):
            here, start, end = s[k]
            newer, older = s[k - 1][0], s[k + 1][0] if k + 1 < len(s) else None
            labels = (key_label(c.items[start])[1], key_label(c.items[end - 1])[1])
            span = labels[0] if labels[0] == labels[1] else f"{labels[0]} to {labels[1]}"
            span = "continued" if span == label else span  # the list of one day: its title says which
            page_title = f"{title} ({', '.join(x for x in (c.heading, span) if x)})"
            out[here] = reuse.keyed(
                here, reuse.key(("continued", page_title, c.rows, c.without, dest, newer, older), *r[start:end]),
                lambda: site.page("continued.md.j2", here, title=page_title, rows=c.rows, without=c.without,
                                  items=c.items[start:end], first=dest, back=title, newer=newer, older=older))


def spans(site: Site, dest: str, chain: Chain) -> list[tuple[str, int, int]]:
    """(dest_path, start, end) of each page of a chain: the first is the
    list's own page; the others are named by their first item (or, cut by
    hash, by the bits their items' hashes start with). Once a build a list."""
    found = site.spans.get((dest, chain.part))
    if found is not None:
        return found
    if chain.hashed:
        found = [(dest if not k else paths.continued_dest(dest, chain.part, bits), start, end)
                 for k, (start, end, bits) in enumerate(paging.cut_by_hash(site.hashes(chain.items), chain.size))]
    elif len(chain.items) <= chain.first:  # one page: nothing to cut
        found = [(dest, 0, len(chain.items))]
    else:
        found, seen, tried = [], set(), {}
        for start, end in paging.cut(site.hashes(chain.items), chain.first, chain.size):
            if not found:
                found.append((dest, start, end))
                continue
            key, label = key_label(chain.items[start])
            # Two first items whose names clash: the later is told apart by its key, primed. Items of one
            # key (discrepancies of one topic and place) go on from the last one's primes, not from none.
            primes = tried.get((key, label), 0)
            here = paths.continued_dest(dest, chain.part, paging.name(key + "'" * primes, label))
            while here in seen:
                primes += 1
                here = paths.continued_dest(dest, chain.part, paging.name(key + "'" * primes, label))
            tried[(key, label)] = primes + 1
            seen.add(here)
            found.append((here, start, end))
    site.spans[(dest, chain.part)] = found
    return found
