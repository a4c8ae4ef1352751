"""Render the Briefing to the docs tree: {dest_path: text}, pure, no I/O.

Markdown pages come from Jinja2 templates in generator/templates. Article
text is escaped for Markdown and HTML wherever it is placed, so pasted
`<script>`, `[x](javascript:...)` or `{{ ... }}` reach the page as text.
"""
from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
from pathlib import Path

import jinja2

from . import paths
from .extract import as_json
from .fuse import describe
from .model import Article, Briefing, FusedEvent, Term

TEMPLATES = Path(__file__).parent / "templates"
HOME_ITEMS = 10      # latest items on the home page
FEED_ENTRIES = 50    # entries in a feed
CSV_COLUMNS = ["event_id", "event_date", "date_precision", "action", "actor", "place", "admin1", "latitude",
               "longitude", "status", "sources_count", "articles", "notes"]
STATUS_LABEL = {"claimed": "claimed", "corroborated": "corroborated", "contested": "contested"}

_MD_INLINE = re.compile(r"([\\`*_{}\[\]|<>&])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md(text: object) -> str:
    """Text → inline Markdown that renders as the same text: HTML special
    characters become entities, inline Markdown syntax is backslash-escaped
    (with `[` escaped no link can form), block syntax at the start is
    neutralised, lines are joined (a title or a table cell is one line)."""
    text = " ".join(str(text or "").split())

    def sub(m: re.Match) -> str:
        c = m.group(1)
        return {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(c, "\\" + c)
    text = _MD_INLINE.sub(sub, text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                        else "\\" + m.group(2)), text)


def yaml_str(text: object) -> str:
    """A front-matter value: HTML-escaped (themes print titles unescaped) and
    quoted as JSON, which YAML reads as a plain string."""
    return json.dumps(html.escape(" ".join(str(text or "").split()), quote=False), ensure_ascii=False)


class Renderer:
    def __init__(self, briefing: Briefing, site_url: str = ""):
        self.b = briefing
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
            lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("xml",), default_for_string=False))
        self.env.filters.update(md=md, yaml_str=yaml_str, id=id)
        self.env.globals.update(describe=describe, status_label=STATUS_LABEL)
        self.places = briefing.taxonomies["places"]
        self.factions = briefing.taxonomies["factions"]
        self.people = briefing.taxonomies["people"]
        self.dates = briefing.taxonomies["dates"]
        self.control_by_place = {c.place: c for c in briefing.control}

    # Links -----------------------------------------------------------------
    def _links(self, here: str):
        """Helpers bound to the page being rendered: every link is relative."""
        def to(dest: str) -> str:
            return paths.link(here, dest)

        def term(taxonomy: str, name: str | None) -> str:
            if not name:
                return "unnamed forces"
            t = self.b.taxonomies[taxonomy].get(" ".join(name.casefold().split()))
            return f"[{md(name)}]({to(t.dest_path)})" if t else md(name)

        def date(iso: str | None) -> str:
            if not iso:
                return "undated"
            t = self.dates.get(iso)
            return f"[{iso}]({to(t.dest_path)})" if t else iso

        def article(a: Article) -> str:
            return f"[{md(a.title)}]({to(paths.dest_path('article', slug=a.slug))})"
        return {"to": to, "term": term, "date": date, "article_link": article, "here": here}

    def page(self, template: str, dest: str, **context) -> str:
        return self.env.get_template(template).render(**self._links(dest), b=self.b, paths=paths, **context)

    # Pages -----------------------------------------------------------------
    def render(self) -> dict[str, str]:
        out: dict[str, str] = {}
        b = self.b
        out[paths.dest_path("home")] = self.page("home.md.j2", paths.dest_path("home"), items=HOME_ITEMS,
                                                 places=self._top(self.places), factions=self._top(self.factions))
        for article in b.articles:
            dest = paths.dest_path("article", slug=article.slug)
            out[dest] = self.page("article.md.j2", dest, a=article, x=article.extraction,
                                  fused=self._fused_for(article))
        out[paths.dest_path("articles")] = self.page("articles.md.j2", paths.dest_path("articles"))
        for taxonomy, kind, index_kind in (("places", "place", "places"), ("factions", "faction", "factions"),
                                           ("people", "person", "people")):
            terms = sorted(b.taxonomies[taxonomy].values(), key=lambda t: t.name)
            out[paths.dest_path(index_kind)] = self.page(f"{index_kind}.md.j2", paths.dest_path(index_kind),
                                                         terms=terms)
            for term in terms:
                out[term.dest_path] = self.page(f"{kind}.md.j2", term.dest_path, t=term,
                                                control=self.control_by_place.get(term.name),
                                                discrepancies=[d for d in b.discrepancies if d.place == term.name],
                                                feed=self._feed_dest(taxonomy, term))
                feed = self._feed_dest(taxonomy, term)
                if feed:
                    out[feed] = self.feed(term.name, term.articles, feed)
        dates = sorted(self.dates.values(), key=lambda t: t.key, reverse=True)
        out[paths.dest_path("dates")] = self.page("dates.md.j2", paths.dest_path("dates"), terms=dates)
        for term in dates:
            out[term.dest_path] = self.page("date.md.j2", term.dest_path, t=term)
        out[paths.dest_path("undated")] = self.page("undated.md.j2", paths.dest_path("undated"))
        by_date = [(day, list(events)) for day, events in itertools.groupby(b.events, key=lambda e: e.date)]
        for kind in ("timeline", "control", "map", "discrepancies", "data", "search"):
            out[paths.dest_path(kind)] = self.page(f"{kind}.md.j2", paths.dest_path(kind), by_date=by_date)
        out[paths.dest_path("articles_json")] = self.articles_json()
        out[paths.dest_path("events_csv")] = self.events_csv()
        out[paths.dest_path("events_geojson")] = self.events_geojson()
        out[paths.dest_path("places_geojson")] = self.places_geojson()
        out[paths.dest_path("feed")] = self.feed("Latest articles", self.b.articles, paths.dest_path("feed"))
        return out

    def _top(self, terms: dict[str, Term], n: int = 10) -> list[Term]:
        return sorted(terms.values(), key=lambda t: (-len(t.articles), t.name))[:n]

    def _feed_dest(self, taxonomy: str, term: Term) -> str | None:
        kind = {"places": "place_feed", "factions": "faction_feed"}.get(taxonomy)
        return paths.dest_path(kind, slug=term.slug) if kind else None

    def _fused_for(self, article: Article) -> dict[int, FusedEvent]:
        """Each of the article's events → the fused event it joined."""
        found = {}
        for event in self.b.events:
            for report in event.reports:
                if report.article is article:
                    found[id(report.event)] = event
        return found

    # Data ------------------------------------------------------------------
    def _url(self, dest: str) -> str:
        return paths.url_of(dest)

    def articles_json(self) -> str:
        items = []
        for a in sorted(self.b.articles, key=lambda a: a.src_path):
            item = as_json(a, a.extraction)
            item["url"] = self.site_url + paths.url_of(paths.dest_path("article", slug=a.slug))
            item["source_url"] = a.url
            items.append(item)
        return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def _event_row(self, e: FusedEvent) -> dict:
        place = self.places.get(" ".join(e.place.casefold().split()))
        entity = place.entity if place else None
        notes = "; ".join(sorted({f"denied by {r.event.denied_by}" for r in e.reports if r.event.denied_by}))
        return {"event_id": e.id, "event_date": e.date or "", "date_precision": e.date_precision,
                "action": e.action, "actor": e.actor or "", "place": e.place,
                "admin1": getattr(entity, "governorate", None) or "",
                "latitude": "" if not entity or entity.lat is None else entity.lat,
                "longitude": "" if not entity or entity.lon is None else entity.lon,
                "status": e.status, "sources_count": e.sources_count, "articles": " ".join(e.articles),
                "notes": notes}

    def events_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for e in self.b.events:
            writer.writerow(self._event_row(e))
        return buf.getvalue()

    def events_geojson(self) -> str:
        features = []
        for e in self.b.events:
            row = self._event_row(e)
            if row["latitude"] == "":
                continue
            props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
            features.append({"type": "Feature", "id": e.id, "properties": props,
                             "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}})
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"

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
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"

    def feed(self, title: str, articles: list[Article], dest: str) -> str:
        entries = sorted(articles, key=lambda a: (a.published or "", a.slug), reverse=True)[:FEED_ENTRIES]
        updated = max((a.published for a in entries if a.published), default=self.b.as_of or "1970-01-01")
        return self.env.get_template("feed.xml.j2").render(
            title=title, entries=entries, updated=updated, site_url=self.site_url,
            self_url=paths.url_of(dest), url_of=lambda a: paths.url_of(paths.dest_path("article", slug=a.slug)),
            summary=lambda a: " ".join(a.body.split()[:60]))


def render(briefing: Briefing, site_url: str = "") -> dict[str, str]:
    return Renderer(briefing, site_url).render()
