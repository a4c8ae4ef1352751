"""Fuse reports across articles: one event per action, place, compatible
actor and few days; the latest reported control of each place; and where
reports disagree (figures, dates, denials). Deterministic and pure."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections import defaultdict
from typing import Callable, Iterable, Mapping

from .model import Article, Control, Discrepancy, Event, Figure, FusedEvent, Registry, Report

FUSE_DAYS = 3  # reports of one action at one place this close are one event
DATE_DISAGREEMENT_DAYS = 2  # stated dates of one event this far apart are a discrepancy
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)  # of (article, index, ...) members
_MEASURE_TOPIC = {"deaths": "deaths in the war", "displaced": "people displaced",
                  "distance_km": "distance to {subject} (km)", "share_percent": "share of {subject} held (%)"}


def _side(actor: str | None, registry: Registry) -> str | None:
    faction = registry.factions.get(actor) if actor else None
    return (faction.side or faction.name) if faction else None


def compatible(a: str | None, b: str | None, registry: Registry) -> bool:
    """Same actor, an unnamed one, or the same side where one of the two is the
    generic term ("rebels" and HTS) or the parent of the other (SDF and YPG)."""
    if a is None or b is None or a == b:
        return True
    fa, fb = registry.factions.get(a), registry.factions.get(b)
    if not fa or not fb:
        return False
    if fa.parent == b or fb.parent == a:
        return True
    return _side(a, registry) == _side(b, registry) and "generic" in (fa.kind, fb.kind)


@functools.lru_cache(maxsize=4096)
def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _days(a: str, b: str) -> int:
    return abs(_ordinal(a) - _ordinal(b))


def _choose_actor(reports: list[Report], generic: set[str]) -> str | None:
    counts: dict[str, int] = {}  # a plain dict: Counter's set-up cost shows over 36,000 events
    for r in reports:
        if r.event.actor:
            counts[r.event.actor] = counts.get(r.event.actor, 0) + 1
    if not counts:
        return None
    return sorted(counts, key=lambda a: (-counts[a], a in generic, a))[0]


class _Cluster:
    """Reports of one event: the first dated one's date anchors the window;
    the distinct actors named decide who else may join."""

    __slots__ = ("positions", "reports", "anchor", "actors")

    def __init__(self):
        self.positions: list[int] = []
        self.reports: list[Report] = []
        self.anchor: str | None = None
        self.actors: set[str] = set()

    def add(self, position: int, report: Report) -> None:
        self.positions.append(position)
        self.reports.append(report)
        if self.anchor is None and report.event.date:
            self.anchor = report.event.date
        if report.event.actor:
            self.actors.add(report.event.actor)


class Memo:
    """Results of the last build by a digest of their inputs (index.bin, see
    cache.MemoCache), so a rebuild after one edit fuses again only the
    groups that edit touched. `used` and `made` are what this build reused
    and computed: the next build's memo.

    A group's digest covers each report's article index digest (its
    extraction under these registries and rules), its slug and the report's
    place in the article: everything fusion reads."""

    def __init__(self, old: Mapping[str, object] | None = None):
        self.old = old if old is not None else {}
        self.used: set[str] = set()
        self.made: dict[str, object] = {}

    def get(self, key: str | None, make):
        if key is None:  # an article built outside the pipeline has no digest: nothing to key by
            return make()
        found = self.old.get(key)
        if found is None:
            found = self.made[key] = make()
        else:
            self.used.add(key)
        return found


def _grouped(articles: list[Article], entries: Callable[[Article], Iterable[tuple]],
             derive: Callable[[tuple, list[tuple]], object]) -> dict[tuple, tuple[list[tuple], object]]:
    """Each group's (article, index, item) members, in the order of
    `articles`, from `entries(article)`: its (group, index, item); and
    derive(group, members), what the caller keys the group by."""
    members: dict[tuple, list[tuple]] = defaultdict(list)
    for article in articles:
        for group, i, item in entries(article):
            members[group].append((article, i, item))
    return {group: (m, derive(group, m)) for group, m in members.items()}


def _tokens(articles: list[Article]) -> dict[int, str] | None:
    """What fusion reads of each article (its index digest and slug), by id;
    None when an article has no index digest (one built outside the pipeline)."""
    if not all(a.index_digest for a in articles):
        return None
    return {id(a): a.index_digest + a.slug for a in articles}


def _events_of(article: Article) -> Iterable[tuple]:
    """(group, index, event) of each event an article reports: grouped by action and place."""
    return (((e.action, e.place), i, e) for i, e in enumerate(article.extraction.events))


def _figures_of(article: Article) -> Iterable[tuple]:
    """(topic, index, figure) of each figure an article gives: grouped by measure and subject."""
    return (((f.measure, f.subject), i, f) for i, f in enumerate(article.extraction.figures))


def _members_key(kind: str, members: list[tuple], tokens: dict[int, str] | None) -> str | None:
    """Digest of (article, index, ...) members, or None without tokens."""
    if tokens is None:
        return None
    # map in C: a large place's groups hold thousands of members, and every group is keyed at every build
    text = "\n".join([kind, *map(tokens.__getitem__, map(id, map(_FIRST, members))),
                      repr(list(map(_SECOND, members)))])
    return hashlib.sha1(text.encode()).hexdigest()


def fuse_events(articles: list[Article], registry: Registry, memo: Memo | None = None) -> list[FusedEvent]:
    memo = memo or Memo()
    tokens = _tokens(articles)
    groups = _grouped(articles, _events_of, lambda group, members: _members_key(
        f"fuse {group[0]} {group[1]}", members, tokens))
    pairs: dict[tuple[str, str], bool] = {}

    def fits(actor: str | None, cluster: _Cluster) -> bool:
        if actor is None:
            return True
        for other in cluster.actors:
            ok = pairs.get((actor, other))
            if ok is None:
                ok = pairs[(actor, other)] = compatible(actor, other, registry)
            if not ok:
                return False
        return True

    generic = {n for n, f in registry.factions.items() if f.kind == "generic"}
    fused = []
    for (action, place), (members, key) in sorted(groups.items()):
        clusters = memo.get(key, lambda: _fuse_group(
            action, place, [Report(a, event) for a, _, event in members], members, fits, generic))
        fused.extend(FusedEvent(ident, action, place, actor, date, precision,
                                [Report(members[k][0], members[k][2]) for k in positions], status, slugs, outlets,
                                digest, last_stated)
                     for positions, ident, actor, date, precision, status, slugs, outlets, digest, last_stated
                     in clusters)
    return sorted(fused, key=_newest_first, reverse=True)


def _newest_first(e: FusedEvent) -> tuple[str, str]:
    """The order of fused events, reversed: by date (the undated last), then id."""
    return e.date or "", e.id


def _fuse_group(action: str, place: str, reports: list[Report], members: list[tuple[Article, int, Event]], fits,
                generic: set[str]) -> list[tuple]:
    """The clusters of one action at one place, as plain data: the positions
    of their reports and the fused event's fields."""
    # Dated reports first, oldest first, so clusters grow from a date.
    order = sorted(range(len(reports)), key=lambda k: (reports[k].event.date is None, reports[k].event.date or "",
                                                        reports[k].article.src_path))
    clusters: list[_Cluster] = []
    first = 0  # dated reports come in date order: clusters anchored before this one's window are done
    for k in order:
        report = reports[k]
        date = report.event.date
        if date is not None:
            while first < len(clusters) and _days(date, clusters[first].anchor) > FUSE_DAYS:
                first += 1
        for cluster in clusters[first if date is not None else 0:]:
            if (date is None or cluster.anchor is None or _days(date, cluster.anchor) <= FUSE_DAYS) and \
                    fits(report.event.actor, cluster):
                cluster.add(k, report)
                break
        else:
            clusters.append(_Cluster())
            clusters[-1].add(k, report)
    out = []
    for cluster in clusters:
        anchor, index, _ = members[cluster.positions[0]]
        event = _fused(action, place, cluster.reports, generic, f"{anchor.src_path}#{index}")
        out.append((cluster.positions, event.id, event.actor, event.date, event.date_precision, event.status,
                    event.articles, event.outlets, _shown_digest(event), event.last_stated))
    return out


def _shown_digest(event: FusedEvent) -> str:
    """A hash of what pages show of a fused event: its fields and each
    report's article (link, outlet, date) and account. Not its reports'
    whole articles: an event added to one of them leaves this one's pages as they are."""
    reports = [(r.article.slug, r.article.title, r.article.outlet, r.article.published, *vars(r.event).values())
               for r in event.reports]
    return hashlib.sha1(repr((event.id, event.actor, event.date, event.date_precision, event.status, event.articles,
                              reports)).encode()).hexdigest()


def _fused(action: str, place: str, cluster: list[Report], generic: set[str], anchor: str) -> FusedEvent:
    """The fused event of a cluster. Its id comes from the report that
    anchors the cluster (`anchor`: its article's path and the event's place
    among the article's events), so that it stays while more reports join:
    exports, links and the pages showing it keep it."""
    stated = sorted(r.event.date for r in cluster if r.event.date)
    published = sorted(r.article.published for r in cluster if r.article.published)
    if stated:
        date, precision = stated[0], "day"
    elif published:
        date, precision = published[0], "on-or-before"
    else:
        date, precision = None, "unknown"
    slugs = sorted({r.article.slug for r in cluster})
    outlets = sorted({r.article.outlet for r in cluster if r.article.outlet})
    actor = _choose_actor(cluster, generic)
    if any(r.event.denied_by for r in cluster):
        status = "contested"
    elif len(slugs) >= 2:
        status = "corroborated"
    else:
        status = "claimed"
    ident = hashlib.sha1(f"{action}|{place}|{anchor}".encode()).hexdigest()[:10]
    return FusedEvent(f"ev-{ident}", action, place, actor, date, precision, cluster, status, slugs, outlets,
                      last_stated=stated[-1] if stated else None)


def control_history(events: list[FusedEvent]) -> dict[str, list[Control]]:
    """Per place, its spells of reported control, oldest first: who held it
    (or who lost it, where only a withdrawal is reported) from which day, by
    which captures and withdrawals. One day's reports make one change: a
    capture names the holder and outranks a withdrawal (which says who lost
    it). Days that change nothing (the same holder reported again) join the
    spell they go on. Undated reports come first: nothing says when they were."""
    by_place: dict[str, dict[str | None, list[FusedEvent]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        if event.action in ("captured", "withdrew"):
            by_place[event.place][event.date].append(event)
    history: dict[str, list[Control]] = {}
    for place, days in sorted(by_place.items()):
        spells: list[Control] = []
        for day in sorted(days, key=lambda d: d or ""):
            # The best-reported capture decides the day; else the best-reported withdrawal.
            day_events = sorted(days[day], key=lambda e: (e.action == "captured", e.sources_count, e.id), reverse=True)
            event = day_events[0]
            lost = next((e.actor for e in day_events if e.action == "withdrew"), None)
            holder = event.actor if event.action == "captured" else None
            lost_by = lost if holder else event.actor
            ordered = [event, *sorted(day_events[1:], key=lambda e: e.id)]  # the deciding one first
            last = spells[-1] if spells else None
            if last and last.holder == holder and (holder or last.lost_by == lost_by):
                last.events.extend(ordered)
                last.decided.append(event)
                last.since = last.since or day
                last.status, last.event = event.status, event
                last.reports = len({s for e in last.events for s in e.articles})
                continue
            spells.append(Control(place, holder, lost_by, day, event.status,
                                  len({s for e in day_events for s in e.articles}), event, ordered, [event]))
        history[place] = spells
    return history


def discrepancies(articles: list[Article], events: list[FusedEvent], memo: Memo | None = None) -> list[Discrepancy]:
    memo = memo or Memo()
    tokens = _tokens(articles)
    out = []

    def windows(topic: tuple[str, str | None], members: list[tuple]) -> list[tuple[list[tuple], str | None]]:
        # Each window of days is memoised apart: a new article changes the latest window, not a topic's thousands.
        found = _same_days(members)
        return [(window, _members_key(f"figures {topic[0]} {topic[1]} {len(found) > 1}", window, tokens))
                for window in found]
    # Each topic's members in publication order, as _same_days reads them: one sort, not one a topic.
    figures = _grouped(sorted(articles, key=lambda a: (a.published or "", a.slug)), _figures_of, windows)
    for (measure, subject), (_, topic_windows) in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        several = len(topic_windows) > 1
        for window, key in topic_windows:
            out.extend(Discrepancy("figure", topic, subject, [(f.text, a, f.sentence) for k in claims
                                                              for a, _, f in [window[k]]], digest)
                       for topic, claims, digest in memo.get(key, lambda: _figure_disagreements(
                           measure, subject, window, several)))
    for event in events:
        # A day apart is how "on Friday" and a dateline of the next morning differ: not a disagreement.
        last = event.last_stated
        if last not in (None, event.date) and _days(event.date, last) >= DATE_DISAGREEMENT_DAYS:
            out.append(Discrepancy("date", f"date of: {describe(event)}", event.place,
                                   [(r.event.date, r.article, r.event.sentence) for r in event.reports if r.event.date],
                                   event.digest and "date " + event.digest))
        if event.status == "contested":
            out.append(Discrepancy("contested", describe(event), event.place,
                                   [(f"denied by {r.event.denied_by}" if r.event.denied_by else "reported", r.article,
                                     r.event.sentence) for r in event.reports],
                                   event.digest and "contested " + event.digest))
    return out


def _figure_disagreements(measure: str, subject: str | None, window: list, several: bool
                          ) -> list[tuple[str, list[int], str]]:
    """One window's disagreement as plain data, none or one (topic, [position
    in the window of each claim], a hash of what pages show of it), from its
    (article, index, figure) members; `several` when the topic has other
    windows, so the topic says which this is."""
    values = {f.value for _, _, f in window}
    if len(values) < 2 or len({a.slug for a, _, _ in window}) < 2:
        return []
    topic = _MEASURE_TOPIC[measure].format(subject=subject or "the place")
    dates = [a.published for a, _, _ in window if a.published]
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    if several and first:
        topic += f", {first}" + (f" to {last}" if last != first else "")
    unique = {(f.text, a.slug): (f.value, f.text, k) for k, (a, _, f) in enumerate(window)}.values()
    # Every value first, then further articles giving it: a capped list still shows the disagreement.
    by_value: dict[float, list] = defaultdict(list)
    for value, _, k in sorted(unique, key=lambda c: (c[0], window[c[2]][0].slug, c[1])):
        by_value[value].append(k)
    claims = [c for rank in range(max(map(len, by_value.values())))
              for value in sorted(by_value) if rank < len(by_value[value]) for c in [by_value[value][rank]]]
    shown = [(f.text, a.slug, a.title, f.sentence) for k in claims for a, _, f in [window[k]]]
    return [(topic, claims, hashlib.sha1(repr((topic, subject, shown)).encode()).hexdigest())]


def _same_days(found: list) -> list[list]:
    """(article, ...) members of one topic, in order of (publication date, slug),
    the undated first, in runs whose articles were published within FUSE_DAYS
    of the run's first: a distance or a toll a week later is news, not a
    disagreement. An undated article may be of any run: it joins each."""
    first = 0
    while first < len(found) and not found[first][0].published:
        first += 1
    undated, dated = found[:first], found[first:]
    runs: list[list] = []
    for x in dated:
        if runs and _days(x[0].published, runs[-1][0][0].published) <= FUSE_DAYS:
            runs[-1].append(x)
        else:
            runs.append([x])
    return [run + undated for run in runs] if runs else [undated]


def describe(event: FusedEvent) -> str:
    return f"{event.actor or 'Unnamed forces'} {event.action} {event.place}"
