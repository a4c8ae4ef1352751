"""The site's Markdown pages: articles, terms, dates, the timeline, control,
discrepancies and the few pages that read everything. Long lists go on
paged lists (see lists)."""
from __future__ import annotations

import marshal
from typing import MutableMapping

import jinja2

from .. import paths
from ..desk import SHOWN as DESK_SHOWN
from ..desk import make_desk
from ..index import term_key
from ..model import ELSEWHERE, UNCHANGED, Article, Term
from . import lists
from .exports import feed_dest
from .lists import Chain
from .markdown import date_link, term_link
from .reuse import Reuse, linked_names, same_views
from .site import Shown, Site, article_ref

HOME_ITEMS = 10      # latest items on the home page
TIMELINE_DAYS = 30   # days the timeline's first page lists; the dates archive has them all


def home(site: Site, out: MutableMapping[str, str]) -> None:
    b, dest = site.b, paths.dest_path("home")
    status = {s: [e for e in b.events if e.status == s] for s in ("corroborated", "contested")}
    out[dest] = site.reuse.direct(dest, lambda: site.page(
        "home.md.j2", dest, items=HOME_ITEMS, corroborated=status["corroborated"], contested=status["contested"],
        places=_top(site.places), factions=_top(site.factions)))


def _top(terms: dict[str, Term], n: int = 10) -> list[Term]:
    return sorted(terms.values(), key=lambda t: (-len(t.articles), t.name))[:n]


def articles(site: Site, out: MutableMapping[str, str]) -> None:
    """Each article's page, from its own file and its view of the rest; then the list of all."""
    reuse = site.reuse
    same = same_views(site.b.events, site.marks, site.links, site.b.articles, reuse.last.views) \
        if reuse.last.views else frozenset()
    for article in site.b.articles:
        dest = paths.dest_path("article", slug=article.slug)
        if not reuse.mine(dest):
            out[dest] = ELSEWHERE
        elif article.src_path in same and dest in reuse.last.pages:
            # Its file, slug and view are the last build's: so is its page.
            reuse.made.fingerprints[dest] = reuse.last.pages[dest]
            out[dest] = UNCHANGED
        else:
            view = marshal.dumps(article_view(site, article), 2)
            out[dest] = text = article_page(site.env, reuse, article, view, dest)
            if text is not UNCHANGED or article.src_path not in reuse.last.views_kept:
                reuse.made.views[article.src_path] = view
    lists.paged(site, out, "articles.md.j2", paths.dest_path("articles"), "Articles",
                [lists.articles(site.b.articles)])


def article_view(site: Site, article: Article) -> tuple:
    """What an article page shows besides its own file, as plain data:
    where each term and date it names links to (a term's slug can move
    when another article brings a term that slugifies alike), and what it
    shows of the fused event each of its events joined (see Shown)."""
    taxonomies, dates = site.b.taxonomies, site.dates
    names, isos = linked_names(article)
    terms = tuple(sorted((taxonomy, name, found.dest_path if found else "") for taxonomy, name in names
                         for found in [taxonomies[taxonomy].get(term_key(name))]))
    linked = tuple(sorted((iso, dates[iso].dest_path if iso in dates else "") for iso in isos))
    return terms, linked, tuple(map(site.shown, article.extraction.events))


def article_page(env: jinja2.Environment, reuse: Reuse, article: Article, view: bytes, dest: str) -> str:
    """The page of an article, given its view (marshalled): rendered again
    when its file or its view changed."""
    key = reuse.key("article", article.digest, article_ref(article), view.hex())
    return reuse.keyed(dest, key, lambda: _article_page(env, article, marshal.loads(view), dest))


def _article_page(env: jinja2.Environment, article: Article, view: tuple, dest: str) -> str:
    terms, dates, shown = view
    term_dest, date_dest = {(taxonomy, name): d for taxonomy, name, d in terms}, dict(dates)

    def to(d: str) -> str:
        return paths.link(dest, d)

    def term(taxonomy: str, name: str | None) -> str:
        return term_link(name, term_dest.get((taxonomy, name)), to)

    def date(iso: str | None) -> str:
        return date_link(iso, date_dest.get(iso), to)
    fused = {id(e): Shown(*s) for e, s in zip(article.extraction.events, shown) if s}
    return env.get_template("article.md.j2").render(to=to, term=term, date=date, here=dest, paths=paths,
                                                    a=article, x=article.extraction, fused=fused)


def terms(site: Site, out: MutableMapping[str, str]) -> None:
    """The index of places, factions and people, and a page per term with its articles and events."""
    discrepancies_at: dict[str, list] = {}
    for d in site.b.discrepancies:
        discrepancies_at.setdefault(d.place, []).append(d)
    for taxonomy, kind, index_kind, without in (("places", "place", "places", "place"),
                                                ("factions", "faction", "factions", "actor"),
                                                ("people", "person", "people", None)):
        found = sorted(site.b.taxonomies[taxonomy].values(), key=lambda t: t.name)
        lists.paged(site, out, f"{index_kind}.md.j2", paths.dest_path(index_kind), index_kind.capitalize(),
                    [lists.table(index_kind, found)])
        for term in found:
            chains = [lists.articles(term.articles, heading="articles")]
            if without:  # a person's page lists articles only
                chains.append(lists.events(term.events, without))
            lists.paged(site, out, f"{kind}.md.j2", term.dest_path, term.name, chains, t=term,
                        control=site.control_by_place.get(term.name), feed=feed_dest(taxonomy, term),
                        history=site.b.history.get(term.name, []) if taxonomy == "places" else [],
                        discrepancies=discrepancies_at.get(term.name, [])[:lists.DISCREPANCIES_PAGE_SIZE])


def dates(site: Site, out: MutableMapping[str, str]) -> None:
    """The dates archive, a page per day, and the undated articles."""
    found = sorted(site.dates.values(), key=lambda t: t.key, reverse=True)
    lists.paged(site, out, "dates.md.j2", paths.dest_path("dates"), "Dates", [lists.table("dates", found)],
                undated=len(site.b.undated))
    for term in found:
        lists.paged(site, out, "date.md.j2", term.dest_path, term.name,
                    [lists.articles(term.articles, heading="articles"), lists.events(term.events)],
                    label=term.key, t=term, timeline=paths.day_dest("timeline_day", term.key))
    lists.paged(site, out, "undated.md.j2", paths.dest_path("undated"), "Undated articles",
                [lists.articles(site.b.undated)], label="undated")


def timeline(site: Site, out: MutableMapping[str, str]) -> None:
    """The latest fused events and days, and each day's events with their reports."""
    dest = paths.dest_path("timeline")
    recent = [(day, here, len(events)) for day, here, events in site.days[:TIMELINE_DAYS]]
    latest = site.b.events[:lists.TIMELINE_PAGE_SIZE]
    out[dest] = site.reuse.memoised(
        dest, lambda: ("timeline", site.refs(latest), recent, len(site.days)),
        lambda: site.page("timeline.md.j2", dest, items=latest, days=recent, more_days=len(site.days) - len(recent)))
    for k, (day, here, events) in enumerate(site.days):
        newer = site.days[k - 1][:2] if k else None
        older = site.days[k + 1][:2] if k + 1 < len(site.days) else None
        lists.paged(site, out, "timeline_day.md.j2", here, f"Timeline: {day or 'date unknown'}",
                    [lists.timeline_chain(events)], label=day or "undated", day=day, newer=newer, older=older,
                    date_page=day and site.dates[day].dest_path)


def control(site: Site, out: MutableMapping[str, str]) -> None:
    lists.paged(site, out, "control.md.j2", paths.dest_path("control"), "Control",
                [lists.table("control", site.b.control)], days=site.event_days[:1] + site.event_days[-1:])


def discrepancies(site: Site, out: MutableMapping[str, str]) -> None:
    lists.paged(site, out, "discrepancies.md.j2", paths.dest_path("discrepancies"), "Discrepancies",
                [Chain("page", "", "discrepancies", site.b.discrepancies, lists.DISCREPANCIES_PAGE_SIZE,
                       lists.DISCREPANCIES_PAGE_SIZE)])


def desk(site: Site, out: MutableMapping[str, str]) -> None:
    """The editor's desk (see generator/desk.py): rendered every time, from what the build made for its summary."""
    dest = paths.dest_path("desk")
    out[dest] = site.reuse.direct(dest, lambda: site.page(
        "desk.md.j2", dest, desk=site.b.desk if site.b.desk is not None else make_desk(site.b), shown=DESK_SHOWN))


def fixed(site: Site, out: MutableMapping[str, str]) -> None:
    """The map, the data and the search pages: small, rendered every time."""
    for kind in ("map", "data", "search"):
        dest = paths.dest_path(kind)
        out[dest] = site.reuse.direct(dest, lambda: site.page(f"{kind}.md.j2", dest))

