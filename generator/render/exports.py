"""The data exports (articles.json, events.csv, events.geojson,
places.geojson) and the Atom feeds."""
from __future__ import annotations

import csv
import io
import json
from typing import MutableMapping

import jinja2

from .. import paths
from ..extract import as_json
from ..fuse import describe
from ..index import term_key
from ..model import ELSEWHERE, Article, FusedEvent, Parts, Term
from .reuse import Reuse
from .site import Site, article_ref

FEED_ENTRIES = 50    # entries in a feed
FEED_KINDS = {"places": "place_feed", "factions": "faction_feed"}  # the taxonomies whose terms have a feed
CSV_COLUMNS = ["event_id", "event_date", "date_precision", "action", "actor", "place", "admin1", "latitude",
               "longitude", "status", "sources_count", "articles", "notes"]
_COLLECTION_START = '{"type": "FeatureCollection", "features": [\n'


def data(site: Site, out: MutableMapping[str, str]) -> None:
    """The exports that change with any article, fingerprinted by what their rows show. First, so that
    the writer's thread writes their tens of MB while the pages are rendered (see write.TreeWriter)."""
    reuse, b = site.reuse, site.b
    dest = paths.dest_path("articles_json")
    out[dest] = reuse.memoised(dest, lambda: ("articles_json", site.site_url), lambda: articles_json(site),
                               lambda: [article_ref(a) for a in b.articles])
    event_refs = site.refs(b.events)
    for kind, export in (("events_csv", events_csv), ("events_geojson", events_geojson)):
        dest = paths.dest_path(kind)
        out[dest] = reuse.memoised(dest, lambda: (kind,), lambda: export(site, event_refs), lambda: event_refs)


def map_data(site: Site, out: MutableMapping[str, str]) -> None:
    for kind, export in (("places_geojson", places_geojson), ("control_changes", control_changes)):
        dest = paths.dest_path(kind)
        out[dest] = site.reuse.direct(dest, lambda: export(site))


def articles_json(site: Site) -> Parts:
    def line(a: Article) -> str:
        item = as_json(a, a.extraction)
        item["url"] = site.site_url + paths.url_of(paths.dest_path("article", slug=a.slug))
        item["source_url"] = a.url
        return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    articles = sorted(site.b.articles, key=lambda a: a.src_path)
    # Each line shows the article's extraction: its head, not the row a list shows.
    lines = site.reuse.lines(f"article|{site.site_url}|", articles, line, [article_ref(a) for a in articles])
    return Parts((b"[\n", *_separated(lines, b",\n"), b"\n]\n"))


def _event_row(site: Site, e: FusedEvent) -> dict:
    place = site.places.get(term_key(e.place))
    entity = place.entity if place else None
    notes = "; ".join(sorted({f"denied by {r.event.denied_by}" for r in e.reports if r.event.denied_by}))
    return {"event_id": e.id, "event_date": e.date or "", "date_precision": e.date_precision,
            "action": e.action, "actor": e.actor or "", "place": e.place,
            "admin1": getattr(entity, "governorate", None) or "",
            "latitude": "" if not entity or entity.lat is None else entity.lat,
            "longitude": "" if not entity or entity.lon is None else entity.lon,
            "status": e.status, "sources_count": e.sources_count, "articles": " ".join(e.articles),
            "notes": notes}


def events_csv(site: Site, refs: list[str]) -> Parts:
    buf = io.StringIO()
    # Every text cell quoted: with lines ending in LF alone, the csv module would leave a CR in a cell
    # unquoted, and a reader takes it for the end of the row.
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def line(e: FusedEvent) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow({column: csv_cell(value) for column, value in _event_row(site, e).items()})
        return buf.getvalue()
    writer.writeheader()
    header = buf.getvalue().encode("utf-8")
    # The registry gives coordinates and governorates: part of what a line shows.
    return Parts((header, *site.reuse.lines(f"csv|{site.b.registry.digest}|", site.b.events, line, refs)))


def events_geojson(site: Site, refs: list[str]) -> Parts:
    def line(e: FusedEvent) -> str:
        row = _event_row(site, e)
        if row["latitude"] == "":
            return ""
        props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        return json.dumps({"type": "Feature", "id": e.id, "properties": props,
                           "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}},
                          ensure_ascii=False, separators=(",", ":"))
    lines = site.reuse.lines(f"geojson|{site.b.registry.digest}|", site.b.events, line, refs)
    return Parts((_COLLECTION_START.encode(), *_separated([x for x in lines if x], b",\n"), b"\n]}\n"))


def places_geojson(site: Site) -> str:
    """Every place with an event, for the map: colour by latest holder."""
    features = []
    for term in sorted(site.places.values(), key=lambda t: t.name):
        if not term.events or not term.entity or term.entity.lat is None:
            continue
        control = site.control_by_place.get(term.name)
        holder = control.holder if control else None
        side = site.b.registry.factions[holder].side if holder in site.b.registry.factions else None
        features.append({"type": "Feature", "properties": {
            "name": term.name, "url": paths.url_of(term.dest_path), "holder": holder,
            "side": side or ("lost-by-" + (control.lost_by or "unknown") if control else "no-change"),
            "since": control.since if control else None, "events": len(term.events),
            "latest": describe(term.events[0])},
            "geometry": {"type": "Point", "coordinates": [term.entity.lon, term.entity.lat]}})
    return _json({"type": "FeatureCollection", "features": features})


STATUSES = ["claimed", "corroborated", "contested"]


def control_changes(site: Site) -> str:
    """What the map draws, for every day at once: the places, the factions
    holding them, and each place's changes of control (fuse.control_history)
    as one list, from which the map works out the holder of every place as
    of any day. Indexes into the lists keep it small: a snapshot a day would
    grow with days times places.

    places: [name, url or null, lon, lat, events, capital], main places
    first (governorate capitals, then the most events): the map labels them
    in this order. changes: [place, day, holder, lost_by, status, since], by
    day, as indexes (-1: none): a spell of control from its first day
    (since), and again where a later day's report gives it another status;
    day null for a spell no report dates, which only the latest day shows."""
    places = _map_places(site)
    place_index = {p[0]: k for k, p in enumerate(places)}
    days = site.event_days
    day_index = {day: k for k, day in enumerate(days)}
    holders = sorted({name for spells in site.b.history.values() for c in spells for name in (c.holder, c.lost_by)
                      if name})
    holder_index = {name: k for k, name in enumerate(holders)}
    changes = []
    for place, spells in site.b.history.items():
        if place not in place_index:
            continue
        for k, c in enumerate(spells):
            if c.since is None and k < len(spells) - 1:  # undated, and later reports say more
                continue
            since = day_index.get(c.since)
            status = None
            # A row on the spell's first day, and again on each later day whose deciding report has another status.
            for e in c.decided:
                if STATUSES.index(e.status) != status:
                    status = STATUSES.index(e.status)
                    changes.append([place_index[place], day_index[e.date] if e.date else since,
                                    holder_index.get(c.holder, -1), holder_index.get(c.lost_by, -1), status, since])
    changes.sort(key=lambda ch: (ch[1] is None, ch[1] or 0, ch[0]))
    factions = site.b.registry.factions
    return json.dumps({
        "days": days, "statuses": STATUSES,
        "holders": [[name, factions[name].side if name in factions else None,
                     paths.url_of(site.links[("factions", term_key(name))])
                     if ("factions", term_key(name)) in site.links else None] for name in holders],
        "places": places, "changes": changes}, ensure_ascii=False, separators=(",", ":")) + "\n"


def _map_places(site: Site) -> list[list]:
    """[name, url or null, lon, lat, events, capital] of the places with events and the governorate
    capitals (a capital is the city its governorate is named after), in the order the map labels them."""
    terms = {t.name: t for t in site.places.values() if t.events}
    capitals = {p.name: p for p in site.b.registry.places.values()
                if p.kind == "city" and p.name == p.governorate and p.located}
    names = sorted(terms.keys() | capitals.keys(),
                   key=lambda n: (n not in capitals, -len(terms[n].events) if n in terms else 0, n))
    places = []
    for name in names:
        term = terms.get(name)
        entity = term.entity if term else capitals[name]
        located = bool(entity) and entity.located
        places.append([name, paths.url_of(term.dest_path) if term else None, entity.lon if located else None,
                       entity.lat if located else None, len(term.events) if term else 0, int(name in capitals)])
    return places


def feeds(site: Site, out: MutableMapping[str, str]) -> None:
    """The site's feed of the newest articles, and each place's and faction's."""
    out[paths.dest_path("feed")] = feed(site, "Latest articles", site.b.articles, paths.dest_path("feed"))
    for taxonomy in FEED_KINDS:
        for term in site.b.taxonomies[taxonomy].values():
            dest = feed_dest(taxonomy, term)
            out[dest] = feed(site, term.name, term.articles, dest)


def feed_dest(taxonomy: str, term: Term) -> str | None:
    return paths.dest_path(FEED_KINDS[taxonomy], slug=term.slug) if taxonomy in FEED_KINDS else None


def feed(site: Site, title: str, articles: list[Article], dest: str) -> str:
    if not site.reuse.mine(dest):
        return ELSEWHERE
    entries = articles[:FEED_ENTRIES]  # the index keeps every list of articles newest first
    updated = max((a.published for a in entries if a.published), default=site.b.as_of or "1970-01-01")
    # What a rebuild after an edit to text alone renders the feed from (see render_text_edits).
    site.reuse.made.feeds[dest] = (title, updated, [a.src_path for a in entries])
    return feed_page(site.xml_env, site.reuse, site.site_url, title, entries, updated, dest)


def feed_page(env: jinja2.Environment, reuse: Reuse, site_url: str, title: str, entries: list[Article],
              updated: str, dest: str) -> str:
    return reuse.keyed(dest, reuse.key(("feed", title, updated, site_url),  # summaries quote text
                                       *(article_ref(a) + a.digest for a in entries)),
                       lambda: env.get_template("feed.xml.j2").render(
                           title=title, entries=entries, updated=updated, site_url=site_url,
                           self_url=paths.url_of(dest),
                           url_of=lambda a: paths.url_of(paths.dest_path("article", slug=a.slug)),
                           summary=lambda a: " ".join(a.body.split(maxsplit=60)[:60])))  # the first 60 words


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet may safely open it: text a spreadsheet would
    read as a formula gets a leading apostrophe (OWASP's rule against CSV
    injection). Numbers are left as they are: a longitude may be negative."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _separated(items: list, sep: bytes) -> list:
    """items with sep between each two, as parts to write (see model.Parts)."""
    out = [sep] * (2 * len(items) - 1) if items else []
    out[::2] = items
    return out


def _json(data) -> str:
    """A GeoJSON FeatureCollection as compact JSON, one feature a line for
    diffs: without `indent` json uses its C encoder, several times faster."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in data["features"]]
    return _COLLECTION_START + ",\n".join(lines) + "\n]}\n"
