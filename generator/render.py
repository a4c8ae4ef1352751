"""Render the Briefing to the docs tree: {dest_path: text}, pure, no I/O.

Markdown pages come from Jinja2 templates in generator/templates. Article
text is escaped for Markdown and HTML wherever it is placed, so pasted
`<script>`, `[x](javascript:...)` or `{{ ... }}` reach the page as text.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
import itertools
import json
import marshal
import operator
import re
from pathlib import Path
from typing import Callable, Container, Iterator, Mapping, MutableMapping, NamedTuple, Protocol

import jinja2
from markupsafe import Markup

from . import paging, paths
from .desk import SHOWN as DESK_SHOWN
from .desk import make_desk
from .extract import as_json
from .fuse import describe
from .index import TAXONOMIES, term_key
from .model import (ELSEWHERE, UNCHANGED, Article, Briefing, Control, Discrepancy, Event, FusedEvent, Parts, Registry,
                    Term)

TEMPLATES = Path(__file__).parent / "templates"
HOME_ITEMS = 10      # latest items on the home page
FEED_ENTRIES = 50    # entries in a feed
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
MAX_CLAIMS = 8       # claims shown for one discrepancy; the rest are counted
MAX_REPORTS = 3      # reports quoted under a timeline event; the rest are counted
TIMELINE_PAGE_SIZE = 20  # events a timeline page: each carries its reports
TIMELINE_DAYS = 30   # days the timeline's first page lists; the dates archive has them all
CSV_COLUMNS = ["event_id", "event_date", "date_precision", "action", "actor", "place", "admin1", "latitude",
               "longitude", "status", "sources_count", "articles", "notes"]
_COLLECTION_START = '{"type": "FeatureCollection", "features": [\n'
STATUS_LABEL = {"claimed": "claimed", "corroborated": "corroborated", "contested": "contested"}


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
_SHOWN_AS = {"page": ("items", "total", "more"), "events": ("events", "total_events", "more_events")}


class Lines(Protocol):
    """Export lines of the last build by what each shows (cache.RowsCache)."""
    def get_many(self, keys: list[bytes]) -> list[bytes | memoryview | None]: ...


class Shown(NamedTuple):
    """What an article page shows of the fused event one of its events joined.
    Not how many articles report it: that changes with every new report, and
    would change every reporting article's page; the timeline, linked, says."""
    id: str
    status: str
    date: str | None
    timeline: str  # its day's timeline page: the MkDocs hook points the link at the page showing it

# Inline Markdown syntax is backslash-escaped, HTML special characters become entities.
_MD_INLINE = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]|"}, "<": "&lt;", ">": "&gt;", "&": "&amp;"})
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def badge(status: str) -> str:
    """An event's status as the badge the theme styles (theme/assets/briefing.css)."""
    return f'<span class="bf-badge bf-{status}">{STATUS_LABEL[status]}</span>'


def md(text: object) -> str:
    """Text → inline Markdown that renders as the same text: HTML special
    characters become entities, inline Markdown syntax is backslash-escaped
    (with `[` escaped no link can form), block syntax at the start is
    neutralised, lines are joined (a title or a table cell is one line)."""
    text = " ".join(str(text or "").split()).translate(_MD_INLINE)
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                        else "\\" + m.group(2)), text)


def yaml_str(text: object) -> str:
    """A front-matter value: HTML-escaped (themes print titles unescaped) and
    quoted as JSON, which YAML reads as a plain string."""
    return json.dumps(html.escape(" ".join(str(text or "").split()), quote=False), ensure_ascii=False)


# Text as XML character data: the markup characters as references (quotes too: attributes are quoted with
# them), a carriage return too (a parser reads a raw one as a line feed), and what XML 1.0 cannot hold
# dropped (a parser refuses the whole file for one): control characters but tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF.
_XML_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("\r"): "&#13;",
             **dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])}


def xml_text(value: object) -> Markup:
    """What an XML template prints for a value (its `finalize`)."""
    return Markup(str(value).translate(_XML_TEXT))


_SOURCE = Path(__file__).read_bytes()  # this module as imported (see cache._CODE_DIGEST); templates are read per build


def _code_digest() -> str:
    h = hashlib.sha256(_SOURCE)
    for path in sorted(TEMPLATES.glob("*.j2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class Renderer:
    """`known` maps a dest_path to the fingerprint of the page now on disk
    there: a page rendered from exactly the same inputs (the templates and
    this module's code included) is not rendered again, which is what keeps
    a rebuild after one edit fast. `fingerprints` collects this build's.

    Without a briefing it renders article pages from their views and feeds
    from their entries only (see render_text_edits).

    `carried` is the `carry` of the last build's renderer in this process:
    a list made of the very objects it listed, their refs unchanged, has
    the digest it had, without its refs being read again; an export's line
    showing what a line of the last build showed is that line."""

    def __init__(self, briefing: Briefing | None, site_url: str = "", known: dict[str, str] | None = None,
                 rows: Lines | None = None, mine: Callable[[str], bool] = lambda dest: True,
                 known_groups: dict[str, tuple[str, tuple[str, ...]]] | None = None,
                 bytecode_dir: Path | None = None, registry: Registry | None = None, views_kept: Container[str] = (),
                 last_views: tuple[Container[str], Mapping[str, tuple], Mapping[tuple[str, str], str]] | None = None,
                 carried: dict | None = None):
        self.b = briefing
        self.registry = briefing.registry if briefing else registry
        self.mine = mine  # which pages this renderer renders: all, or one worker's share
        self.known = known or {}
        self.fingerprints: dict[str, str] = {}
        # A paged list's digest over all its pages' inputs: when it is as last
        # time, none of its pages is looked at one by one.
        self.known_groups = known_groups or {}
        self.groups: dict[str, tuple[str, tuple[str, ...]]] = {}  # each list's digest and pages
        self.rows = rows                  # export lines of the last build, by what they show
        self.rows_used: list[bytes] = []  # the keys of the lines this build's exports hold
        self.rows_out: dict[bytes, bytes] = {}  # the lines among them the last build did not have
        self._term_links: dict[tuple[str, str, str], str] = {}
        self._parts: dict[int, tuple] = {}  # id(article) → (article, its parts): see _article_parts
        self._hash: dict[int, int] = {}  # each list item's hash (see _hashes), once
        # The hashes of the objects the carry holds (articles, events, discrepancies), the last build's and this one's.
        self._last_hash: dict[int, int] = {}
        self._held_hash: dict[int, int] = {}
        self._span_memo: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        # Each cut list's (page size, items, their hashes, where pages may start), the last build's and this one's.
        self._last_cuts: dict[tuple[str, str], tuple] = {}
        self._cuts: dict[tuple[str, str], tuple] = {}
        self._diffs: dict[tuple[int, int], list[int] | tuple[int, int]] = {}  # see _changes
        self._shown_at: dict[tuple[str, str], tuple[list[FusedEvent], dict[int, tuple]]] = {}  # see _shown
        # Each article page's view (see article_view) where the last build's
        # is not kept, and each feed's entries: what a rebuild after an edit
        # to text alone renders those pages from.
        self.views_kept = views_kept
        self.views: dict[str, bytes] = {}
        self.feeds: dict[str, tuple[str, str, list[str]]] = {}
        self.code = _code_digest()
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
            lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            # Compiled templates kept between builds: compiling them all costs a rebuild a third of a second.
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None)
        # The XML templates (*.xml.j2): every value they print passes xml_text. Compiled apart, since
        # Jinja keys compiled code by the template's source alone, not by how it is escaped.
        self.xml_env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
            lstrip_blocks=True, undefined=jinja2.StrictUndefined, autoescape=True, finalize=xml_text,
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir), "__xml_%s.cache") if bytecode_dir
            else None)
        self.env.filters.update(md=md, yaml_str=yaml_str, id=id, groupby_first=_groupby_first)
        self.env.globals.update(describe=describe, badge=badge, group_by_date=_group_by_date,
                                max_claims=MAX_CLAIMS, max_reports=MAX_REPORTS)
        if briefing is None:
            return
        self.places = briefing.taxonomies["places"]
        self.factions = briefing.taxonomies["factions"]
        self.people = briefing.taxonomies["people"]
        self.dates = briefing.taxonomies["dates"]
        self.control_by_place = {c.place: c for c in briefing.control}
        # The timeline's pages by day. A day's events are in no order of their own (they share a
        # date): they go in the order of their ids, which are hashes, and are cut by them, so that a
        # new one leaves the others on their pages (see paging.cut_by_hash).
        self.days = [(day, dest, sorted(events, key=_by_id, reverse=True))
                     for day, dest, events in _timeline_days(self.dates, [e for e in briefing.events if not e.date])]
        carry_key = (self.code, self.registry.digest)
        last = carried if carried and carried["key"] == carry_key else None
        articles, events = briefing.articles, briefing.events
        a_ids, e_ids = list(map(id, articles)), list(map(id, events))
        # Each article's and event's hash and fingerprint, once: they show on many pages. An object
        # the last build here held too (see carry) has the hash it had, and an event the ref it had
        # while the terms link where they did: looked up in C, not made again for 36,000 events.
        self._last_hash = was_hash = last["hash"] if last else {}
        self._hash.update(zip(a_ids, _carried(a_ids, was_hash, lambda k: paging.key_hash(articles[k].src_path))))
        self._hash.update(zip(e_ids, _carried(e_ids, was_hash, lambda k: _id_bits(events[k]))))
        self.links = {(taxonomy, key): term.dest_path for taxonomy, terms in briefing.taxonomies.items()
                      for key, term in terms.items()}
        # An article's row, by the object and its slug (which can move): the last build's here, or made.
        a_keys = list(zip(a_ids, map(_slug, articles)))
        a_rows = _carried(a_keys, last["rows"] if last else None, lambda k: _article_row(articles[k]))
        self._refs = dict(zip(a_ids, a_rows))
        # Thousands of events share a place and an actor: where those link is looked up once a pair.
        linked: dict[tuple[str, str | None], str] = {}

        def event_ref(k: int) -> str:
            e = events[k]
            found = linked.get((e.place, e.actor))
            if found is None:
                found = linked[(e.place, e.actor)] = "|".join(self._linked(e))
            return (e.digest or hashlib.sha1(repr(_fp(e)).encode()).hexdigest()) + "|" + found
        same_links = last is not None and last["links"] == self.links
        self._refs.update(zip(e_ids, _carried(e_ids, last["refs"] if same_links else None, event_ref)))
        self._refs.update((id(d), d.digest) for d in briefing.discrepancies if d.digest)
        # What the next build's views are compared with: each event's state
        # (what article pages show of it, see Shown) and digest, which changes
        # when a report joins or leaves it (see _same_views).
        # An event the last build here held has the mark it had: its state and day are its own.
        day_dest = {day: dest for day, dest, _ in self.days}
        marks = _carried(e_ids, last["mark_of"] if last else None, lambda k: _mark(events[k], day_dest))
        self.event_marks = dict(zip(map(_by_id, events), marks))
        self.same_views = self._same_views(*last_views) if last_views else frozenset()
        # What the next build in this process reuses (see carried): the model's
        # objects are held, so the ids keying `refs` stay theirs.
        self._held_hash.update(self._hash)
        self.carry = {"key": carry_key, "refs": self._refs, "rows": dict(zip(a_keys, a_rows)), "hash": self._held_hash,
                      "links": self.links, "lists": {}, "pages": {}, "lines": {}, "shown": self._shown_at,
                      "marks": self.event_marks, "mark_of": dict(zip(e_ids, marks)), "feeds": {}, "days": {},
                      "cuts": self._cuts, "objects": (articles, events, briefing.discrepancies)}
        self._last_lists = last["lists"] if last else {}
        self._last_lines = last["lines"] if last else {}
        self._last_pages = last["pages"] if last else {}
        self._last_feeds = last["feeds"] if last else {}
        self._last_days = last["days"] if last else {}
        self._last_cuts = last["cuts"] if last else {}
        self._last_shown, self._last_marks = (last["shown"], last["marks"]) if last else ({}, {})
        # Objects of the last build here too whose ref changed (an article's slug, where an event's terms link).
        self._last_refs = was = last["refs"] if last else {}
        keys, refs = list(self._refs), list(self._refs.values())
        self._stale = {keys[k] for k in _positions(list(map(operator.ne, map(was.get, keys, refs), refs)), True)}

    @functools.cached_property
    def _by_group(self) -> dict[tuple[str, str], list[FusedEvent]]:
        """The fused events of each action and place (see fuse.fuse_events)."""
        groups: dict[tuple[str, str], list[FusedEvent]] = {}
        for e in self.b.events:
            groups.setdefault((e.action, e.place), []).append(e)
        return groups

    def _shown(self, event: Event) -> tuple | None:
        """What article pages show of the fused event an extracted event
        joined (see Shown). Looked up by the event's action and place, and
        mapped one group at a time: a rebuild after one edit renders the
        pages of few articles, and maps the few groups they report."""
        group = (event.action, event.place)
        found = self._shown_at.get(group)
        if found is None:
            events = self._by_group.get(group, [])
            ids = list(map(_by_id, events))
            # The last build's map here, where the group holds the very events it did, marked alike.
            was = self._last_shown.get(group)
            if was is None or len(was[0]) != len(events) or not all(map(operator.is_, was[0], events)) or \
                    not all(map(operator.eq, map(self.event_marks.get, ids), map(self._last_marks.get, ids))):
                was = (events, {})
                for e in events:  # a large place's groups hold thousands of reports: keyed in C
                    was[1].update(dict.fromkeys(map(id, map(_report_event, e.reports)),
                                                (e.id, *self.event_marks[e.id][:3])))
            found = self._shown_at[group] = was
        return found[1].get(id(event))

    def _event_pages(self) -> str:
        """.event-pages.json: the page of each fused event shown past its
        day's first timeline page (the MkDocs hook points links to it there,
        see mkdocs_hooks), one pair a line, day after day. A day holding the
        events of the ids the last build's did has the lines it had (see
        carry), which its ids alone make (see paging.cut_by_hash): a rebuild
        after one edit cuts and writes out again the days it touched."""
        found = []
        for _, dest, events in self.days:
            ids = list(map(_by_id, events))
            was = self._last_days.get(dest)
            if was is None or was[0] != ids:
                pages: dict[str, str] = {}
                for here, start, end in self._spans(dest, _timeline_chain(events))[1:]:
                    pages.update(zip(ids[start:end], itertools.repeat(here)))
                was = (ids, _lines_json(pages)[2:-3] if pages else "")
            self.carry["days"][dest] = was
            if was[1]:
                found.append(was[1])
        return "{\n" + ",\n".join(found) + "\n}\n" if found else "{}\n"

    def _same_views(self, unchanged: Container[str], event_marks: Mapping[str, tuple],
                    links: Mapping[tuple[str, str], str]) -> Container[str]:
        """The articles whose view is the last build's, given those whose
        file and slug are unchanged (`unchanged`) and the last build's event
        marks and term links: all of them but those reporting an event whose
        state or reports changed (a report whose event went joins another,
        which can keep its state) or naming a term or date that now links
        elsewhere (or nowhere, or somewhere where it did not link before)."""
        events, marks = self.b.events, self.event_marks
        ids = list(map(_by_id, events))
        changed = map(operator.ne, map(event_marks.get, ids), map(marks.__getitem__, ids))  # compared in C
        undigested = _positions(list(map(_digest, events)), "")  # events made outside the pipeline
        stale = {r.article.src_path for k in itertools.chain(_positions(list(changed), True), undigested)
                 for r in events[k].reports}
        moved = {key for key, dest in self.links.items() if links.get(key) != dest} | (links.keys() - self.links)
        if moved:
            for article in self.b.articles:
                names, isos = _linked_names(article)
                if any((taxonomy, term_key(name)) in moved for taxonomy, name in names) or \
                        any(("dates", iso) in moved for iso in isos):
                    stale.add(article.src_path)
        return {src_path for src_path in unchanged if src_path not in stale}

    # Links -----------------------------------------------------------------
    def _links(self, here: str):
        """Helpers bound to the page being rendered: every link is relative."""
        def to(dest: str) -> str:
            return paths.link(here, dest)

        folder = here.rpartition("/")[0]

        def term(taxonomy: str, name: str | None) -> str:
            key = (folder, taxonomy, name)  # pages of one folder link a term alike
            found = self._term_links.get(key)
            if found is None:
                t = self.b.taxonomies[taxonomy].get(term_key(name)) if name else None
                found = self._term_links[key] = _term_link(name, t and t.dest_path, to)
            return found

        def date(iso: str | None) -> str:
            t = self.dates.get(iso)
            return _date_link(iso, t and t.dest_path, to)

        def article(a: Article) -> str:
            title, dest, _ = self._article_parts(a)
            return f"[{title}]({to(dest)})"

        # The rows of lists are made here, not by macros: the lists of a large site hold hundreds of
        # thousands, and calling a macro per row cost about as much again as making the row.
        def article_row(a: Article) -> str:
            title, dest, outlet = self._article_parts(a)
            return f"- [{title}]({to(dest)}) — {outlet}{date(a.published) if a.published else 'date not stated'}"

        def event_row(e: FusedEvent, without: str | None) -> str:
            cells = [date(e.date) + (" (on or before)" if e.date_precision == "on-or-before" else "")]
            if without != "actor":
                cells.append(term("factions", e.actor))
            cells.append(e.action)
            if without != "place":
                cells.append(term("places", e.place))
            return f"| {' | '.join(cells)} | {badge(e.status)} | {e.sources_count} |"
        return {"to": to, "term": term, "date": date, "article_link": article, "article_row": article_row,
                "event_row": event_row, "here": here}

    def _article_parts(self, a: Article) -> tuple[str, str, str]:
        """What every link and row of an article shows: its title as Markdown, its page, its outlet."""
        found = self._parts.get(id(a))
        if found is None or found[0] is not a:  # the article is kept with its parts: its id is not reused
            found = self._parts[id(a)] = (a, (md(a.title), paths.dest_path("article", slug=a.slug),
                                              f"{md(a.outlet)}, " if a.outlet else ""))
        return found[1]

    def article_view(self, article: Article) -> tuple:
        """What an article page shows besides its own file, as plain data:
        where each term and date it names links to (a term's slug can move
        when another article brings a term that slugifies alike), and the
        state of the fused event each of its events joined."""
        taxonomies, dates = self.b.taxonomies, self.dates
        names, isos = _linked_names(article)
        terms = tuple(sorted((taxonomy, name, found.dest_path if found else "") for taxonomy, name in names
                             for found in [taxonomies[taxonomy].get(term_key(name))]))
        linked = tuple(sorted((iso, dates[iso].dest_path if iso in dates else "") for iso in isos))
        return terms, linked, tuple(map(self._shown, article.extraction.events))

    def article_page(self, article: Article, view: bytes, dest: str) -> str:
        """The page of an article, given its view (marshalled): the page is
        rendered again when its file or its view changed."""
        key = hashlib.sha1(b"\x1e".join((self._article_prefix, article.digest.encode(),
                                         _article_ref(article).encode(), view))).hexdigest()
        return self.keyed(dest, key, lambda: self._article_page(article, marshal.loads(view), dest))

    @functools.cached_property
    def _article_prefix(self) -> bytes:
        return repr((self.code, self.registry.digest, "article")).encode()

    def _article_page(self, article: Article, view: tuple, dest: str) -> str:
        terms, dates, shown = view
        term_dest, date_dest = {(taxonomy, name): d for taxonomy, name, d in terms}, dict(dates)

        def to(d: str) -> str:
            return paths.link(dest, d)

        def term(taxonomy: str, name: str | None) -> str:
            return _term_link(name, term_dest.get((taxonomy, name)), to)

        def date(iso: str | None) -> str:
            return _date_link(iso, date_dest.get(iso), to)
        fused = {id(e): Shown(*s) for e, s in zip(article.extraction.events, shown) if s}
        return self.env.get_template("article.md.j2").render(
            to=to, term=term, date=date, here=dest, b=self.b, paths=paths, a=article, x=article.extraction,
            fused=fused)

    def page(self, template: str, dest: str, **context) -> str:
        return self.env.get_template(template).render(**self._links(dest), b=self.b, paths=paths, **context)

    def paged(self, out: MutableMapping[str, str], template: str, dest: str, title: str, chains: list[Chain],
              label: str | None = None, **context) -> None:
        """A page showing the first page's worth of each chain (articles,
        events, rows) and linking the rest, which go on continued pages
        (continued.md.j2) chained newer to older, cut where their content
        says (see paging): a term with thousands of articles stays light,
        and one more article changes the pages near it, not all of them."""
        if not self.mine(dest):  # a list's pages are one worker's: it alone cuts the list and hands them over
            return
        head = repr((template, title, [(c.part, c.rows, c.first, c.size, c.without, len(c.items)) for c in chains],
                     {k: self.fp(v) for k, v in context.items()}))
        items = [c.items for c in chains]
        last = self._last_lists.get(dest)
        if last is not None and last[0] == head and self._same_objects(last[1], items):
            refs, group = last[2], last[3]
        else:
            was = zip(last[1], last[2]) if last is not None and len(last[1]) == len(chains) else itertools.repeat(None)
            refs = [self._refs_again(c.items, w) for c, w in zip(chains, was)]
            # The refs cover each item's key and label, so the pages' names follow from them too.
            group = last[3] if last is not None and last[0] == head and last[2] == refs else hashlib.sha1(
                "\x1e".join((self.code, self.registry.digest, head, *("\x1d".join(r) for r in refs))).encode()
            ).hexdigest()
        self.carry["lists"][dest] = (head, items, refs, group)
        was = self.known_groups.get(dest)
        if was and was[0] == group and all(here in self.known for here in was[1]):
            self.groups[dest] = was
            pages, last_pages = self.carry["pages"], self._last_pages
            for here in was[1]:
                self.fingerprints[here] = self.known[here]
                out[here] = UNCHANGED
                if here in last_pages:
                    pages[here] = last_pages[here]
            for c in chains:  # for the build in which it changes (see _cut_again)
                cut = self._last_cuts.get((dest, c.part))
                if cut is not None:
                    self._cuts[(dest, c.part)] = cut
            return
        spans = [self._spans(dest, c) for c in chains]
        self.groups[dest] = (group, (dest, *(here for sp in spans for here, _, _ in sp[1:])))
        # The first page: each chain's first span, its total, and a link to the next.
        firsts = [(c.items[:s[0][2]], r[:s[0][2]], s[1][0] if len(s) > 1 else None)
                  for c, s, r in zip(chains, spans, refs)]
        shown = {name: v for c, (chunk, _, more) in zip(chains, firsts)
                 for name, v in zip(_SHOWN_AS[c.part], (chunk, len(c.items), more))}
        out[dest] = self.keyed(dest, self._key((head, [(len(r), more) for _, r, more in firsts]),
                                               *(x for _, r, _ in firsts for x in r)),
                               lambda: self.page(template, dest, **shown, **context))
        pages, last_pages = self.carry["pages"], self._last_pages
        for c, s, r in zip(chains, spans, refs):
            for k in range(1, len(s)):
                here, start, end = s[k]
                newer, older = s[k - 1][0], s[k + 1][0] if k + 1 < len(s) else None
                labels = (_key_label(c.items[start])[1], _key_label(c.items[end - 1])[1])
                span = labels[0] if labels[0] == labels[1] else f"{labels[0]} to {labels[1]}"
                span = "continued" if span == label else span  # the list of one day: its title says which
                page_title = f"{title} ({', '.join(x for x in (c.heading, span) if x)})"
                inputs = ("continued", page_title, c.rows, c.without, dest, newer, older)
                # A page of the last build here showing the same inputs and refs has the key it had (see carry):
                # one item added to a list of thousands leaves most of its pages as they were.
                was = last_pages.get(here)
                if was is not None and was[0] == inputs and was[1][was[2]:was[3]] == r[start:end]:
                    key = was[4]
                else:
                    key = self._key(inputs, *r[start:end])
                pages[here] = (inputs, r, start, end, key)
                out[here] = self.keyed(
                    here, key, lambda: self.page("continued.md.j2", here, title=page_title, rows=c.rows,
                                                 without=c.without, items=c.items[start:end], first=dest, back=title,
                                                 newer=newer, older=older))

    def _same_objects(self, last: list[list], items: list[list]) -> bool:
        """Whether each list holds, in order, the objects the last build's
        did, none of whose refs changed, or at a few places another object of
        the same ref (an article read again, an event fused again): their refs
        are the last build's (read one by one, 460,000 refs cost a re-run a
        tenth of a second)."""
        if len(last) != len(items):
            return False
        was, now = self._last_refs, self._refs
        for a, b in zip(last, items):
            if len(a) != len(b) or (self._stale and not self._stale.isdisjoint(map(id, b))):
                return False
            for k in _positions(list(map(operator.is_, a, b)), False):  # the places holding another object
                ref = was.get(id(a[k]))
                if ref is None or ref != now.get(id(b[k])):
                    return False
        return True

    def _spans(self, dest: str, chain: Chain) -> list[tuple[str, int, int]]:
        """(dest_path, start, end) of each page of a chain: the first is the
        list's own page; the others are named by their first item."""
        found = self._span_memo.get((dest, chain.part))
        if found is None and chain.hashed:
            found = [(dest if not k else paths.continued_dest(dest, chain.part, bits), start, end)
                     for k, (start, end, bits) in enumerate(
                         paging.cut_by_hash(self._hashes(chain.items), chain.size))]
            self._span_memo[(dest, chain.part)] = found
        elif found is None and len(chain.items) <= chain.first:  # one page: nothing to cut
            found = self._span_memo[(dest, chain.part)] = [(dest, 0, len(chain.items))]
        elif found is None:
            hashes, starts = self._cut_again(dest, chain)
            found, seen, tried = [], set(), {}
            for start, end in paging.cut(hashes, chain.first, chain.size, starts):
                if not found:
                    found.append((dest, start, end))
                    continue
                key, label = _key_label(chain.items[start])
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
            self._span_memo[(dest, chain.part)] = found
        return found

    def _cut_again(self, dest: str, chain: Chain) -> tuple[list[int], list[int]]:
        """The items' hashes and where pages may start (see paging): from the
        last build's cut of this list in this process, where it holds the
        very objects but at a few places (items replaced) or between its
        start and end (items added or removed), only the items there are
        hashed and only the pages near them looked at. One article added to a list
        of thousands changes a page or two (hashing every item of the lists
        it joined took a re-run at 10,000 articles 60 ms)."""
        items = chain.items
        was = self._last_cuts.get((dest, chain.part))
        if was is None or was[0] != chain.size:
            hashes = self._hashes(items)
            starts = paging.page_starts(hashes, chain.size)
        else:
            _, was_items, was_hashes, was_starts = was
            changed = self._changes(was_items, items)
            if isinstance(changed, list):
                hashes = _patched(was_hashes, changed, self._hashes([items[k] for k in changed]))
                starts = paging.page_starts_near(was_starts, hashes, changed, chain.size)
            else:
                same_start, same_end = changed
                hashes = [*was_hashes[:same_start], *self._hashes(items[same_start:len(items) - same_end]),
                          *was_hashes[len(was_items) - same_end:]]
                starts = paging.page_starts_again(was_hashes, was_starts, hashes, same_start, same_end, chain.size)
        self._cuts[(dest, chain.part)] = (chain.size, items, hashes, starts)
        return hashes, starts

    def _changes(self, was: list, now: list) -> list[int] | tuple[int, int]:
        """Where a list holds other objects than the last build's: the
        positions (see _replaced), or how many it shares at its start and end
        (see _common_ends). Once a build for a pair of lists: a list's refs and its cut ask alike."""
        key = (id(was), id(now))  # both held through the build
        found = self._diffs.get(key)
        if found is None:
            found = _replaced(was, now)
            found = self._diffs[key] = found if found is not None else _common_ends(was, now)
        return found

    def _refs_again(self, items: list, was: tuple[list, list[str]] | None) -> list[str]:
        """refs(items), those of the items a list shares with the last build's
        list here (`was`: its items and refs) taken as they were: the very
        objects but at a few places, or at its start and end, where none of
        the list's refs changed."""
        if was is None or (self._stale and not self._stale.isdisjoint(map(id, items))):
            return self.refs(items)
        was_items, was_refs = was
        changed = self._changes(was_items, items)
        if isinstance(changed, list):
            return _patched(was_refs, changed, self.refs([items[k] for k in changed]))
        same_start, same_end = changed
        return [*was_refs[:same_start], *self.refs(items[same_start:len(items) - same_end]),
                *was_refs[len(was_items) - same_end:]]

    def _hashes(self, items: list) -> list[int]:
        """Each item's hash, which says where pages start (see paging): of its
        key, which stays while the item is in the list (a fused event's id is a hash already)."""
        found = list(map(self._hash.get, map(id, items)))
        for k in _positions(found):
            x = items[k]
            if isinstance(x, Discrepancy):  # held by the carry: the hash the last build here gave it, kept for the next
                h = self._held_hash[id(x)] = self._last_hash.get(id(x)) or paging.key_hash(_key_label(x)[0])
            else:
                h = _id_bits(x) if isinstance(x, FusedEvent) else paging.key_hash(_key_label(x)[0])
            found[k] = self._hash[id(x)] = h
        return found

    def fp(self, x) -> object:
        """_fp, with each article's and fused event's computed once: one
        shows on the pages of its places, its actors, its date and lists."""
        found = self._refs.get(id(x))
        if found is not None:
            return found
        if isinstance(x, (list, tuple)):
            return [self.fp(i) for i in x]
        return (_fp(x), *self._linked(x)) if isinstance(x, (Control, Term)) else _fp(x)

    def _linked(self, x) -> tuple[str, ...]:
        """Where the terms shown beside x (in its row, or on its page) link
        now: a page reused from the last build must link them there too, and
        a term's slug can move (see index._check_slug_clashes) or its page
        come to be when an article first names it. Plain where it has none."""
        if isinstance(x, FusedEvent):
            named = (("places", x.place), ("factions", x.actor))
        elif isinstance(x, Control):
            named = (("places", x.place), ("factions", x.holder), ("factions", x.lost_by))
        elif isinstance(x, Term):
            named = (("factions", getattr(x.entity, "parent", None)), ("factions", getattr(x.entity, "faction", None)))
        else:
            return ()
        return tuple(self.links.get((taxonomy, term_key(name)), "") if name else "" for taxonomy, name in named)

    def refs(self, items: list) -> list[str]:
        """Each item's fp as text, to join into one digest."""
        try:  # map in C: the lists of a large site hold hundreds of thousands of items
            return list(map(self._refs.__getitem__, map(id, items)))
        except KeyError:
            refs = self._refs
            return [r if r is not None else repr(self.fp(i)) for i in items for r in [refs.get(id(i))]]

    def memoised(self, dest: str, inputs: Callable[[], tuple], render: Callable[[], str],
                 refs: Callable[[], list[str]] = list) -> str:
        """The page's text; UNCHANGED when the page on disk was rendered from
        the same inputs (and the refs of the items it shows, when it shows
        thousands); ELSEWHERE when another worker renders it."""
        if not self.mine(dest):
            return ELSEWHERE
        return self.keyed(dest, self._key(inputs(), *refs()), render)

    @functools.cached_property
    def _event_refs(self) -> list[str]:
        """refs of every fused event: two exports' fingerprints and their lines."""
        return self.refs(self.b.events)

    def _key(self, inputs: object, *refs: str) -> str:
        """A page's fingerprint: the code, the registry, its inputs and the refs of the items it lists
        (joined, not repr'd: a list's pages hold thousands)."""
        return hashlib.sha1("\x1e".join((repr((self.code, self.registry.digest, inputs)), *refs)).encode()
                            ).hexdigest()

    def keyed(self, dest: str, key: str, render: Callable[[], str]) -> str:
        """memoised, given the fingerprint (which must cover the code and the registry)."""
        self.fingerprints[dest] = key
        return UNCHANGED if self.known.get(dest) == key else render()

    def direct(self, dest: str, render: Callable[[], str]) -> str:
        """A page rendered every time (a few small ones that read everything)."""
        return render() if self.mine(dest) else ELSEWHERE

    # Pages -----------------------------------------------------------------
    def render(self, out: MutableMapping[str, str] | None = None) -> MutableMapping[str, str]:
        """Every file into `out` (a dict, or write.TreeWriter, which writes
        each as it comes instead of holding the whole site's text)."""
        out = {} if out is None else out
        b = self.b
        status = {s: [e for e in b.events if e.status == s] for s in ("corroborated", "contested")}
        out[paths.dest_path("home")] = self.direct(paths.dest_path("home"), lambda: self.page(
            "home.md.j2", paths.dest_path("home"), items=HOME_ITEMS, corroborated=status["corroborated"],
            contested=status["contested"], places=self._top(self.places), factions=self._top(self.factions)))
        # The exports change with any article: fingerprinted by what their rows show. First, so that
        # the writer's thread writes their tens of MB while the pages are rendered (see write.TreeWriter).
        dest = paths.dest_path("articles_json")
        out[dest] = self.memoised(dest, lambda: ("articles_json", self.site_url), self.articles_json,
                                  lambda: [_article_ref(a) for a in b.articles])
        for kind, export in (("events_csv", self.events_csv), ("events_geojson", self.events_geojson)):
            out[paths.dest_path(kind)] = self.memoised(paths.dest_path(kind), lambda: (kind,), export,
                                                       lambda: self._event_refs)
        # An article page shows its own file and its view of the rest.
        for article in b.articles:
            dest = paths.dest_path("article", slug=article.slug)
            if not self.mine(dest):
                out[dest] = ELSEWHERE
                continue
            if article.src_path in self.same_views and dest in self.known:
                # Its file, slug and view are the last build's: so is its page.
                self.fingerprints[dest] = self.known[dest]
                out[dest] = UNCHANGED
                continue
            view = marshal.dumps(self.article_view(article), 2)
            out[dest] = text = self.article_page(article, view, dest)
            if text is not UNCHANGED or article.src_path not in self.views_kept:
                self.views[article.src_path] = view
        self.paged(out, "articles.md.j2", paths.dest_path("articles"), "Articles",
                   [Chain("page", "", "articles", b.articles, PAGE_SIZE, CONTINUED_SIZE)])
        discrepancies_at: dict[str, list] = {}
        for d in b.discrepancies:
            discrepancies_at.setdefault(d.place, []).append(d)
        for taxonomy, kind, index_kind, without in (("places", "place", "places", "place"),
                                                    ("factions", "faction", "factions", "actor"),
                                                    ("people", "person", "people", None)):
            terms = sorted(b.taxonomies[taxonomy].values(), key=lambda t: t.name)
            self.paged(out, f"{index_kind}.md.j2", paths.dest_path(index_kind), index_kind.capitalize(),
                       [Chain("page", "", index_kind, terms, INDEX_PAGE_SIZE, CONTINUED_SIZE)])
            for term in terms:
                feed = self._feed_dest(taxonomy, term)
                chains = [Chain("page", "articles", "articles", term.articles, PAGE_SIZE, CONTINUED_SIZE)]
                if without:  # a person's page lists articles only
                    chains.append(Chain("events", "events", "events", term.events, EVENTS_PAGE_SIZE,
                                        EVENTS_CONTINUED_SIZE, without))
                self.paged(out, f"{kind}.md.j2", term.dest_path, term.name, chains, t=term,
                           control=self.control_by_place.get(term.name), feed=feed,
                           discrepancies=discrepancies_at.get(term.name, [])[:DISCREPANCIES_PAGE_SIZE])
                if feed:
                    out[feed] = self.feed(term.name, term.articles, feed)
        dates = sorted(self.dates.values(), key=lambda t: t.key, reverse=True)
        self.paged(out, "dates.md.j2", paths.dest_path("dates"), "Dates",
                   [Chain("page", "", "dates", dates, INDEX_PAGE_SIZE, CONTINUED_SIZE)], undated=len(b.undated))
        for term in dates:
            self.paged(out, "date.md.j2", term.dest_path, term.name,
                       [Chain("page", "articles", "articles", term.articles, PAGE_SIZE, CONTINUED_SIZE),
                        Chain("events", "events", "events", term.events, EVENTS_PAGE_SIZE, EVENTS_CONTINUED_SIZE)],
                       label=term.key, t=term, timeline=paths.day_dest("timeline_day", term.key))
        self.paged(out, "undated.md.j2", paths.dest_path("undated"), "Undated articles",
                   [Chain("page", "", "articles", b.undated, PAGE_SIZE, CONTINUED_SIZE)], label="undated")
        timeline = paths.dest_path("timeline")
        recent = [(day, dest, len(events)) for day, dest, events in self.days[:TIMELINE_DAYS]]
        latest = b.events[:TIMELINE_PAGE_SIZE]
        out[timeline] = self.memoised(
            timeline, lambda: ("timeline", self.refs(latest), recent, len(self.days)),
            lambda: self.page("timeline.md.j2", timeline, items=latest, days=recent,
                              more_days=len(self.days) - len(recent)))
        for k, (day, dest, events) in enumerate(self.days):
            newer, older = (self.days[k - 1][:2] if k else None), (self.days[k + 1][:2] if k + 1 < len(self.days)
                                                                   else None)
            self.paged(out, "timeline_day.md.j2", dest, f"Timeline: {day or 'date unknown'}",
                       [_timeline_chain(events)], label=day or "undated", day=day, newer=newer, older=older,
                       date_page=day and self.dates[day].dest_path)
        self.paged(out, "control.md.j2", paths.dest_path("control"), "Control",
                   [Chain("page", "", "control", b.control, INDEX_PAGE_SIZE, CONTINUED_SIZE)])
        self.paged(out, "discrepancies.md.j2", paths.dest_path("discrepancies"), "Discrepancies",
                   [Chain("page", "", "discrepancies", b.discrepancies, DISCREPANCIES_PAGE_SIZE,
                          DISCREPANCIES_PAGE_SIZE)])
        for kind in ("map", "data", "search"):
            out[paths.dest_path(kind)] = self.direct(paths.dest_path(kind),
                                                     lambda: self.page(f"{kind}.md.j2", paths.dest_path(kind)))
        # The editor's desk (see desk): rendered every time, from what the build made for its summary.
        desk_dest = paths.dest_path("desk")
        out[desk_dest] = self.direct(desk_dest, lambda: self.page(
            "desk.md.j2", desk_dest, desk=b.desk if b.desk is not None else make_desk(b), shown=DESK_SHOWN))
        # Made every time, of each day's lines: fingerprinting its 35,000 pairs cost more than joining them.
        out[paths.dest_path("event_pages")] = self.direct(paths.dest_path("event_pages"),
                                                          self._event_pages)
        out[paths.dest_path("places_geojson")] = self.direct(paths.dest_path("places_geojson"), self.places_geojson)
        out[paths.dest_path("feed")] = self.feed("Latest articles", self.b.articles, paths.dest_path("feed"))
        return out

    def _top(self, terms: dict[str, Term], n: int = 10) -> list[Term]:
        return sorted(terms.values(), key=lambda t: (-len(t.articles), t.name))[:n]

    def _feed_dest(self, taxonomy: str, term: Term) -> str | None:
        kind = {"places": "place_feed", "factions": "faction_feed"}.get(taxonomy)
        return paths.dest_path(kind, slug=term.slug) if kind else None

    # Data ------------------------------------------------------------------
    def _lines(self, prefix: str, items: list, make: Callable[[object], str],
               refs: list[str] | None = None) -> list[bytes]:
        """A line of an export for each item, reused from the last build by
        what it shows (prefix and the item's fp): one changed article changes
        these files, not most of their lines. Kept as bytes: 80,000 lines
        are joined, not decoded and encoded again."""
        keys = list(map(prefix.encode().__add__, map(str.encode, refs or self.refs(items))))
        # The last build's lines here first (see carry), looked up in C: only
        # the lines it had not are looked for in the cache file, one by one.
        lines = list(map(self._last_lines.get, keys))
        missing = list(_positions(lines))
        if missing:
            found = (self.rows.get_many([keys[k] for k in missing]) if self.rows is not None
                     else [None] * len(missing))
            made = self.rows_out
            for k, line in zip(missing, found):
                if line is None:
                    line = made[keys[k]] = make(items[k]).encode("utf-8")
                lines[k] = line
        self.rows_used.extend(keys)
        self.carry["lines"].update(zip(keys, lines))
        return lines

    def articles_json(self) -> Parts:
        def line(a: Article) -> str:
            item = as_json(a, a.extraction)
            item["url"] = self.site_url + paths.url_of(paths.dest_path("article", slug=a.slug))
            item["source_url"] = a.url
            return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        articles = sorted(self.b.articles, key=lambda a: a.src_path)
        # Each line shows the article's extraction: its head, not the row a list shows.
        lines = self._lines(f"article|{self.site_url}|", articles, line, [_article_ref(a) for a in articles])
        return Parts((b"[\n", *_separated(lines, b",\n"), b"\n]\n"))

    def _event_row(self, e: FusedEvent) -> dict:
        place = self.places.get(term_key(e.place))
        entity = place.entity if place else None
        notes = "; ".join(sorted({f"denied by {r.event.denied_by}" for r in e.reports if r.event.denied_by}))
        return {"event_id": e.id, "event_date": e.date or "", "date_precision": e.date_precision,
                "action": e.action, "actor": e.actor or "", "place": e.place,
                "admin1": getattr(entity, "governorate", None) or "",
                "latitude": "" if not entity or entity.lat is None else entity.lat,
                "longitude": "" if not entity or entity.lon is None else entity.lon,
                "status": e.status, "sources_count": e.sources_count, "articles": " ".join(e.articles),
                "notes": notes}

    def events_csv(self) -> Parts:
        buf = io.StringIO()
        # Every text cell quoted: with lines ending in LF alone, the csv module would leave a CR in a cell
        # unquoted, and a reader takes it for the end of the row.
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

        def line(e: FusedEvent) -> str:
            buf.seek(0)
            buf.truncate()
            writer.writerow({column: csv_cell(value) for column, value in self._event_row(e).items()})
            return buf.getvalue()
        writer.writeheader()
        header = buf.getvalue().encode("utf-8")
        # The registry gives coordinates and governorates: part of what a line shows.
        return Parts((header, *self._lines(f"csv|{self.b.registry.digest}|", self.b.events, line, self._event_refs)))

    def events_geojson(self) -> Parts:
        def line(e: FusedEvent) -> str:
            row = self._event_row(e)
            if row["latitude"] == "":
                return ""
            props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
            return json.dumps({"type": "Feature", "id": e.id, "properties": props,
                               "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}},
                              ensure_ascii=False, separators=(",", ":"))
        lines = self._lines(f"geojson|{self.b.registry.digest}|", self.b.events, line, self._event_refs)
        return Parts((_COLLECTION_START.encode(), *_separated([x for x in lines if x], b",\n"), b"\n]}\n"))

    def places_geojson(self) -> str:
        """Every place with an event, for the map: colour by latest holder."""
        features = []
        for term in sorted(self.places.values(), key=lambda t: t.name):
            if not term.events or not term.entity or term.entity.lat is None:
                continue
            control = self.control_by_place.get(term.name)
            holder = control.holder if control else None
            side = self.b.registry.factions[holder].side if holder in self.b.registry.factions else None
            features.append({"type": "Feature", "properties": {
                "name": term.name, "url": paths.url_of(term.dest_path), "holder": holder,
                "side": side or ("lost-by-" + (control.lost_by or "unknown") if control else "no-change"),
                "since": control.since if control else None, "events": len(term.events),
                "latest": describe(term.events[0])},
                "geometry": {"type": "Point", "coordinates": [term.entity.lon, term.entity.lat]}})
        return _json({"type": "FeatureCollection", "features": features})

    def feed(self, title: str, articles: list[Article], dest: str) -> str:
        if not self.mine(dest):
            return ELSEWHERE
        entries = articles[:FEED_ENTRIES]  # the index keeps every list of articles newest first
        # The last build's feed here quoting the very articles, none of whose slugs moved: its key (see carry).
        was = self._last_feeds.get(dest)
        if was is not None and was[0] == (title, self.site_url, self.b.as_of) and len(was[1]) == len(entries) \
                and all(map(operator.is_, was[1], entries)) and self._stale.isdisjoint(map(id, entries)):
            self.carry["feeds"][dest] = was
            self.feeds[dest] = was[2]
            return self.keyed(dest, was[3], lambda: self._feed(title, entries, was[2][1], dest))
        updated = max((a.published for a in entries if a.published), default=self.b.as_of or "1970-01-01")
        self.feeds[dest] = (title, updated, [a.src_path for a in entries])
        page = self.feed_page(title, entries, updated, dest)
        if dest in self.fingerprints:
            self.carry["feeds"][dest] = ((title, self.site_url, self.b.as_of), entries, self.feeds[dest],
                                         self.fingerprints[dest])
        return page

    def feed_page(self, title: str, entries: list[Article], updated: str, dest: str) -> str:
        return self.memoised(dest, lambda: ("feed", title, updated, self.site_url,
                                            [(_article_ref(a), a.digest) for a in entries]),  # summaries quote text
                             lambda: self._feed(title, entries, updated, dest))

    def _feed(self, title: str, entries: list[Article], updated: str, dest: str) -> str:
        return self.xml_env.get_template("feed.xml.j2").render(
            title=title, entries=entries, updated=updated, site_url=self.site_url,
            self_url=paths.url_of(dest), url_of=lambda a: paths.url_of(paths.dest_path("article", slug=a.slug)),
            summary=lambda a: " ".join(a.body.split(maxsplit=60)[:60]))  # the first 60 words, not every word split


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet may safely open it: text a spreadsheet would
    read as a formula gets a leading apostrophe (OWASP's rule against CSV
    injection). Numbers are left as they are: a longitude may be negative."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _linked_names(article: Article) -> tuple[set[tuple[str, str]], set[str]]:
    """The terms ((taxonomy, name)) and dates an article page links to."""
    x = article.extraction
    names = {(taxonomy, name) for taxonomy in TAXONOMIES for name in getattr(x, taxonomy)}
    names.update(("factions", e.actor) for e in x.events if e.actor)
    names.update(("places", e.place) for e in x.events if e.place)
    return names, {article.published, *(e.date for e in x.events)} - {None, ""}


def _term_link(name: str | None, dest: str | None, to: Callable[[str], str]) -> str:
    """A term's name linking to its page (dest), or plain where it has none."""
    if not name:
        return "unnamed forces"
    return f"[{md(name)}]({to(dest)})" if dest else md(name)


def _date_link(iso: str | None, dest: str | None, to: Callable[[str], str]) -> str:
    """A date linking to its page (dest), or plain where it has none."""
    if not iso:
        return "undated"
    return f"[{iso}]({to(dest)})" if dest else iso


def _separated(items: list, sep: bytes) -> list:
    """items with sep between each two, as parts to write (see model.Parts)."""
    out = [sep] * (2 * len(items) - 1) if items else []
    out[::2] = items
    return out


def _carried(ids: list[int], was: Mapping[int, object] | None, make: Callable[[int], object]) -> list:
    """Each object's value (the objects given by id) from the last build's
    `was` where that build held the object too, else make(its position).
    `was` must key only objects the last build's carry holds: a live
    object's id is no other's."""
    values = list(map(was.get, ids)) if was else [None] * len(ids)
    for k in _positions(values):
        values[k] = make(k)
    return values


def _replaced(was: list, now: list) -> list[int] | None:
    """The positions at which a list as long as the last build's holds
    other objects (events fused again, scattered through a list by date),
    found in C; None for a list of another length."""
    return list(_positions(list(map(operator.is_, was, now)), False)) if len(was) == len(now) else None


def _patched(values: list, at: list[int], new: list) -> list:
    """A copy of `values` holding `new` at the positions `at`."""
    values = list(values)
    for k, value in zip(at, new):
        values[k] = value
    return values


def _common_ends(was: list, now: list) -> tuple[int, int]:
    """How many items two lists share at their start, then at their end
    (after those): the very objects, found in C."""
    shorter = min(len(was), len(now))
    start = next(_positions(list(map(operator.is_, was, now)), False), shorter)
    end = next(_positions(list(map(operator.is_, reversed(was), reversed(now))), False), shorter)
    return start, min(end, shorter - start)


def _positions(values: list, value: object = None) -> Iterator[int]:
    """The positions of `value` in a list, found in C (list.index): most
    lists looked through hold it in few places or none."""
    k = 0
    try:
        while True:
            k = values.index(value, k)
            yield k
            k += 1
    except ValueError:
        return


def _article_ref(a: Article) -> str:
    """What the index reads of an article: its head (see cache.ExtractionCache._index_digest) and slug."""
    return a.index_digest + a.slug if a.index_digest else repr(_fp(a))


def _mark(e: FusedEvent, day_dest: Mapping[str | None, str]) -> tuple:
    """What an article page's view holds of a fused event (see Renderer.event_marks), given each day's timeline page."""
    return e.status, e.date, day_dest[e.date], e.digest


def _article_row(a: Article) -> str:
    """What a list shows of an article: its link, outlet and date, and the
    path that names its place in the list (see paging). Not its head: an
    event added to its text changes its page, not the lists naming it."""
    return repr((a.src_path, a.slug, a.title, a.outlet, a.published))


def _fp(x) -> object:
    """What a page shows of a model object, as plain data to fingerprint.
    An article is its source digest (content, path, extraction rules) and slug."""
    if isinstance(x, Article):
        # The digest covers the file and the rules, so the title and date it gives.
        return x.digest + x.slug if x.digest else ("article", x.src_path, x.slug, x.title, x.published, x.outlet)
    if isinstance(x, FusedEvent):
        # What a report shows (its sentence, date, attribution) is the article's extraction: its digest.
        return ("event", x.id, x.date, x.date_precision, x.actor, x.action, x.place, x.status,
                [(r.article.digest, r.article.slug) if r.article.digest else
                 (r.article.slug, r.article.title, r.article.outlet, r.event.date, r.event.attributed_to,
                  r.event.denied_by, r.event.sentence) for r in x.reports])
    if isinstance(x, Term):
        return ("term", x.taxonomy, x.name, x.slug, repr(x.entity), len(x.articles), len(x.events))
    if isinstance(x, Control):
        return ("control", x.place, x.holder, x.lost_by, x.since, x.status, x.reports, x.event.date_precision)
    if isinstance(x, Discrepancy):
        return ("discrepancy", x.kind, x.topic, x.place, len(x.claims),
                [(v, a.slug, a.title, s) for v, a, s in x.claims[:MAX_CLAIMS]])
    if isinstance(x, (list, tuple)):
        return [_fp(i) for i in x]
    return x


def _json(data) -> str:
    """A GeoJSON FeatureCollection as compact JSON, one feature a line for
    diffs: without `indent` json uses its C encoder, several times faster."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in data["features"]]
    return _COLLECTION_START + ",\n".join(lines) + "\n]}\n"


def _lines_json(data: dict) -> str:
    """A flat JSON object, one pair a line: as json.dumps(indent=0) writes
    it, by the C encoder (which `indent` turns off)."""
    if not data:
        return "{}\n"
    return "{\n" + json.dumps(data, separators=(",\n", ":"))[1:-1] + "\n}\n"


def _groupby_first(items: list, attribute: str) -> list[tuple[object, list]]:
    """Runs of items sharing an attribute, in their order (Jinja's groupby sorts)."""
    return [(key, list(run)) for key, run in itertools.groupby(items, key=lambda i: getattr(i, attribute))]


def _timeline_days(dates: Mapping[str, Term], undated: list[FusedEvent]) -> list[tuple[str | None, str, list]]:
    """(day, dest, its events) for each day with events, newest first, then the undated events."""
    days = [(t.key, paths.day_dest("timeline_day", t.key), t.events)
            for t in sorted(dates.values(), key=lambda t: t.key, reverse=True) if t.events]
    return days + [(None, paths.dest_path("timeline_undated"), undated)] if undated else days


def _timeline_chain(events: list[FusedEvent]) -> Chain:
    """A day's events on its timeline pages: article pages link each to the page that shows it."""
    return Chain("page", "", "timeline", events, TIMELINE_PAGE_SIZE, TIMELINE_PAGE_SIZE, hashed=True)


_by_id = operator.attrgetter("id")
_slug = operator.attrgetter("slug")
_digest = operator.attrgetter("digest")
_report_event = operator.attrgetter("event")


def _id_bits(e: FusedEvent) -> int:
    """A fused event's id (ev- and hex digits of a hash) as the 64-bit number paging.cut_by_hash cuts by."""
    digits = e.id[len("ev-"):]
    return int(digits, 16) << (64 - 4 * len(digits))


def _key_label(x) -> tuple[str, str]:
    """What a list item is known by while it is in the list, and what a page title says of it."""
    if isinstance(x, Article):
        return x.src_path, x.published or "undated"
    if isinstance(x, FusedEvent):
        return x.id, x.date or "undated"
    if isinstance(x, Term):
        return f"{x.taxonomy}:{x.key}", x.name
    if isinstance(x, Control):
        return x.place, x.place
    if isinstance(x, Discrepancy):
        return f"{x.kind}:{x.topic}:{x.place}", x.place or x.kind
    raise TypeError(f"no key for a list item of type {type(x).__name__}")


def _group_by_date(events: list[FusedEvent]) -> list[tuple[str | None, list[FusedEvent]]]:
    """Events (newest first) in runs of one date, for the timeline's headings."""
    return [(day, list(run)) for day, run in itertools.groupby(events, key=lambda e: e.date)]


def render(briefing: Briefing, site_url: str = "", known: dict[str, str] | None = None) -> dict[str, str]:
    """{dest_path: text}; without `known`, every page's text."""
    return {dest: text.joined().decode("utf-8") if isinstance(text, Parts) else text
            for dest, text in Renderer(briefing, site_url, known).render().items()}


def render_into(out: MutableMapping[str, str], briefing: Briefing, site_url: str, known: dict[str, str],
                rows: Lines | None, mine: Callable[[str], bool] = lambda dest: True,
                known_groups: dict[str, tuple] | None = None, bytecode_dir: Path | None = None,
                views_kept: Container[str] = (), last_views: tuple | None = None,
                carried: dict | None = None) -> Renderer:
    """Every file into `out` (text, or UNCHANGED where `known` holds the page's
    fingerprint, or ELSEWHERE where `mine` says another worker renders it; a
    paged list's pages only from the worker `mine` gives its first page),
    reusing the export lines in `rows` and, where `last_views` says an
    article's view is as it was (see Renderer._same_views), its page. The
    renderer returned holds this build's fingerprints, export lines, list
    digests, views, feeds and what the next build's views are compared with."""
    renderer = Renderer(briefing, site_url, known, rows, mine, known_groups, bytecode_dir, views_kept=views_kept,
                        last_views=last_views, carried=carried)
    renderer.render(out)
    return renderer


def render_text_edits(out: MutableMapping[str, str], edited: list[Article], view: Callable[[str], bytes],
                      feeds: Mapping[str, tuple[str, str, list[str]]], entry: Callable[[str], Article],
                      registry: Registry, site_url: str, known: dict[str, str],
                      bytecode_dir: Path | None = None) -> dict[str, str]:
    """The pages that change when articles changed but not their heads (an
    edit to text alone, see build): their own pages, from the views the last
    build kept, and the feeds that quote them. Every other page would come
    out as it is. `view` gives an article's view by src_path, `entry` an
    article by src_path. Returns the fingerprints of the pages rendered."""
    renderer = Renderer(None, site_url, known, registry=registry, bytecode_dir=bytecode_dir)
    for article in edited:
        if article.slug:  # one refused its slug has no page
            dest = paths.dest_path("article", slug=article.slug)
            out[dest] = renderer.article_page(article, bytes(view(article.src_path)), dest)
    by_src = {a.src_path: a for a in edited}
    for dest, (title, updated, listed) in sorted(feeds.items()):
        if by_src.keys() & set(listed):
            out[dest] = renderer.feed_page(title, [by_src.get(src) or entry(src) for src in listed], updated, dest)
    return renderer.fingerprints
