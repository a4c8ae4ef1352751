"""What every page of one build is rendered with: the model, the templates,
where each term links, where each fused event is shown, and what a page
shows of each item it lists (its ref, which the pages' fingerprints join)."""
from __future__ import annotations

import hashlib
import operator
from typing import NamedTuple

import jinja2

from .. import paging, paths
from ..index import term_key
from ..model import Article, Briefing, Control, Discrepancy, Event, FusedEvent, Term
from .markdown import MAX_CLAIMS, SPELL_EVENTS, badge, date_link, md, term_link
from .reuse import Reuse, positions


class Shown(NamedTuple):
    """What an article page shows of the fused event one of its events joined.
    Not how many articles report it: that changes with every new report, and
    would change every reporting article's page; the timeline, linked, says."""
    id: str
    status: str
    date: str | None
    page: str  # the timeline page showing it: its day's first, or a later one on a busy day


class Site:
    def __init__(self, briefing: Briefing, site_url: str, reuse: Reuse, env: jinja2.Environment,
                 xml_env: jinja2.Environment):
        self.b, self.reuse, self.env, self.xml_env = briefing, reuse, env, xml_env
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.places = briefing.taxonomies["places"]
        self.factions = briefing.taxonomies["factions"]
        self.dates = briefing.taxonomies["dates"]
        self.control_by_place = {c.place: c for c in briefing.control}
        self.event_days = sorted(key for key, t in self.dates.items() if t.events)  # the map's days, oldest first
        self.links = {(taxonomy, key): term.dest_path for taxonomy, terms in briefing.taxonomies.items()
                      for key, term in terms.items()}
        self._hash: dict[int, int] = {}  # each list item's hash (see hashes), by id: the model lives through the build
        self._parts: dict[int, tuple[str, str, str]] = {}  # see article_parts
        self._term_links: dict[tuple[str, str, str | None], str] = {}
        self._faction_links: dict[str | None, str] = {}  # see _ref
        self._shown: dict[tuple[str, str], dict[int, tuple]] = {}  # see shown
        self._by_group: dict[tuple[str, str], list[FusedEvent]] | None = None
        self.spans: dict[tuple[str, str], list[tuple[str, int, int]]] = {}  # each list's pages (see lists.spans)
        # The timeline's pages by day. A day's events are in no order of their own (they share a
        # date): they go in the order of their ids, which are hashes, and are cut by them, so that a
        # new one leaves the others on their pages (see paging.cut_by_hash).
        self.days = [(day, dest, sorted(events, key=_by_id, reverse=True))
                     for day, dest, events in _timeline_days(self.dates, [e for e in briefing.events if not e.date])]
        # Each fused event's timeline page, which article pages link, and what they show of it (see
        # lists.timeline_pages, which cuts the days).
        self.page_of: dict[str, str] = {}
        self.marks: dict[str, tuple] = {}
        # What a list shows of each article and fused event (its ref), once: one shows on many pages.
        # Thousands of events share a place and an actor: where those link is looked up once a pair.
        self._refs: dict[int, str] = {id(a): _article_row(a) for a in briefing.articles}
        linked: dict[tuple[str, str | None], str] = {}
        for e in briefing.events:
            found = linked.get((e.place, e.actor))
            if found is None:
                found = linked[(e.place, e.actor)] = "|".join(self.linked(e))
            self._refs[id(e)] = (e.digest or hashlib.sha1(repr(_fp(e)).encode()).hexdigest()) + "|" + found
        self._refs.update((id(d), d.digest) for d in briefing.discrepancies if d.digest)
        reuse.made.marks, reuse.made.links = self.marks, self.links

    def page(self, template: str, dest: str, **context) -> str:
        return self.env.get_template(template).render(**self._helpers(dest), b=self.b, paths=paths, **context)

    def _helpers(self, here: str) -> dict:
        """Helpers bound to the page being rendered: every link is relative."""
        def to(dest: str) -> str:
            return paths.link(here, dest)

        folder = here.rpartition("/")[0]

        def term(taxonomy: str, name: str | None) -> str:
            key = (folder, taxonomy, name)  # pages of one folder link a term alike
            found = self._term_links.get(key)
            if found is None:
                t = self.b.taxonomies[taxonomy].get(term_key(name)) if name else None
                found = self._term_links[key] = term_link(name, t and t.dest_path, to)
            return found

        def date(iso: str | None) -> str:
            t = self.dates.get(iso)
            return date_link(iso, t and t.dest_path, to)

        def article(a: Article) -> str:
            title, dest, _ = self.article_parts(a)
            return f"[{title}]({to(dest)})"

        # The rows of lists are made here, not by macros: the lists of a large site hold hundreds of
        # thousands, and calling a macro per row cost about as much again as making the row.
        def article_row(a: Article) -> str:
            title, dest, outlet = self.article_parts(a)
            return f"- [{title}]({to(dest)}) — {outlet}{date(a.published) if a.published else 'date not stated'}"

        def event_row(e: FusedEvent, without: str | None) -> str:
            cells = [date(e.date) + (" (on or before)" if e.date_precision == "on-or-before" else "")]
            if without != "actor":
                cells.append(term("factions", e.actor))
            cells.append(e.action)
            if without != "place":
                cells.append(term("places", e.place))
            return f"| {' | '.join(cells)} | {badge(e.status)} | {e.sources_count} |"
        def event_link(e: FusedEvent, text: str) -> str:
            """Text linking to the timeline page that shows a fused event, with all its reports."""
            return f"[{md(text)}]({to(self.page_of[e.id])}#{e.id})"

        def map_at(day: str | None) -> str:
            """The map as of a day (its date control reads ?as_of=)."""
            return to(paths.dest_path("map")) + (f"?as_of={day}" if day else "")
        return {"to": to, "term": term, "date": date, "article_link": article, "article_row": article_row,
                "event_row": event_row, "event_link": event_link, "map_at": map_at, "here": here,
                "url_to": lambda dest: paths.url_link(here, dest)}

    def article_parts(self, a: Article) -> tuple[str, str, str]:
        """What every link and row of an article shows: its title as Markdown, its page, its outlet."""
        found = self._parts.get(id(a))
        if found is None:
            found = self._parts[id(a)] = (md(a.title), paths.dest_path("article", slug=a.slug),
                                          f"{md(a.outlet)}, " if a.outlet else "")
        return found

    def shown(self, event: Event) -> tuple | None:
        """What article pages show of the fused event an extracted event
        joined (a Shown, as plain data for the page's view). Mapped one action
        and place at a time, as pages ask: a rebuild after one edit renders
        the pages of few articles."""
        group = (event.action, event.place)
        found = self._shown.get(group)
        if found is None:
            if self._by_group is None:  # the fused events of each action and place, once
                self._by_group = {}
                for e in self.b.events:
                    self._by_group.setdefault((e.action, e.place), []).append(e)
            found = self._shown[group] = {}
            for e in self._by_group.get(group, ()):  # a large place's groups hold thousands of reports: keyed in C
                found.update(dict.fromkeys(map(id, map(_report_event, e.reports)),
                                           (e.id, e.status, e.date, self.page_of[e.id])))
        return found.get(id(event))

    def refs(self, items: list) -> list[str]:
        """What a list shows of each item, as text, to join into one digest."""
        try:  # map in C: the lists of a large site hold hundreds of thousands of items
            return list(map(self._refs.__getitem__, map(id, items)))
        except KeyError:
            return [r if r is not None else self._ref(i) for i in items for r in [self._refs.get(id(i))]]

    def _ref(self, x) -> str:
        """The ref of an item made lazily: a spell of control (tens of thousands on a large site, each
        on its place's pages) from what its row shows (see _ends) and the refs of the events it links,
        which hold where the place links; anything else from its fp."""
        if not isinstance(x, Control):
            return repr(self.fp(x))
        faction = self._faction_links
        for name in (x.holder, x.lost_by):
            if name not in faction:
                faction[name] = self.links.get(("factions", term_key(name)), "") if name else ""
        found = self._refs[id(x)] = "\x1f".join((
            x.place, x.holder or "", x.lost_by or "", x.since or "", x.status, str(x.reports), str(len(x.events)),
            faction[x.holder], faction[x.lost_by],
            *(self._refs[id(e)] + "|" + self.page_of.get(e.id, "") for e in _ends(x))))
        return found

    def fp(self, x) -> object:
        """What a page shows of a model object, as plain data to fingerprint."""
        found = self._refs.get(id(x))
        if found is not None:
            return found
        if isinstance(x, (list, tuple)):
            return [self.fp(i) for i in x]
        if isinstance(x, Control):
            return self._ref(x)
        return (_fp(x), *self.linked(x)) if isinstance(x, Term) else _fp(x)

    def linked(self, x) -> tuple[str, ...]:
        """Where the terms shown beside x (in its row, or on its page) link
        now: a term's slug can move (see index._check_slug_clashes) or its
        page come to be when an article first names it. Plain where it has none."""
        if isinstance(x, FusedEvent):
            named = (("places", x.place), ("factions", x.actor))
        elif isinstance(x, Term):
            named = (("factions", getattr(x.entity, "parent", None)), ("factions", getattr(x.entity, "faction", None)))
        else:
            return ()
        return tuple(self.links.get((taxonomy, term_key(name)), "") if name else "" for taxonomy, name in named)

    def hashes(self, items: list) -> list[int]:
        """Each item's hash, which says where pages start (see paging): of its
        key, which stays while the item is in the list (a fused event's id is a hash already)."""
        found = list(map(self._hash.get, map(id, items)))
        for k in positions(found):  # those not hashed yet this build, found in C
            x = items[k]
            found[k] = self._hash[id(x)] = (_id_bits(x) if isinstance(x, FusedEvent)
                                            else paging.key_hash(key_label(x)[0]))
        return found


def article_ref(a: Article) -> str:
    """What the index reads of an article: its head (see cache.ExtractionCache._index_digest) and slug."""
    return a.index_digest + a.slug if a.index_digest else repr(_fp(a))


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
    if isinstance(x, Discrepancy):
        return ("discrepancy", x.kind, x.topic, x.place, len(x.claims),
                [(v, a.slug, a.title, s) for v, a, s in x.claims[:MAX_CLAIMS]])
    if isinstance(x, (list, tuple)):
        return [_fp(i) for i in x]
    return x


def _ends(spell: Control) -> list:
    """The events a spell's row links (see rows_history): all, or the first and the one deciding its latest day."""
    if len(spell.events) <= SPELL_EVENTS:
        return spell.events
    return [spell.events[0]] + ([spell.event] if spell.event is not spell.events[0] else [])


def key_label(x) -> tuple[str, str]:
    """What a list item is known by while it is in the list, and what a page title says of it."""
    if isinstance(x, Article):
        return x.src_path, x.published or "undated"
    if isinstance(x, FusedEvent):
        return x.id, x.date or "undated"
    if isinstance(x, Term):
        return f"{x.taxonomy}:{x.key}", x.name
    if isinstance(x, Control):  # a place's spells of control differ by their first day
        return f"{x.place}|{x.since or ''}", x.place
    if isinstance(x, Discrepancy):
        return f"{x.kind}:{x.topic}:{x.place}", x.place or x.kind
    raise TypeError(f"no key for a list item of type {type(x).__name__}")


def _id_bits(e: FusedEvent) -> int:
    """A fused event's id (ev- and hex digits of a hash) as the 64-bit number paging.cut_by_hash cuts by."""
    digits = e.id[len("ev-"):]
    return int(digits, 16) << (64 - 4 * len(digits))


def _timeline_days(dates: dict[str, Term], undated: list[FusedEvent]) -> list[tuple[str | None, str, list]]:
    """(day, dest, its events) for each day with events, newest first, then the undated events."""
    days = [(t.key, paths.day_dest("timeline_day", t.key), t.events)
            for t in sorted(dates.values(), key=lambda t: t.key, reverse=True) if t.events]
    return days + [(None, paths.dest_path("timeline_undated"), undated)] if undated else days


_by_id = operator.attrgetter("id")
_report_event = operator.attrgetter("event")
