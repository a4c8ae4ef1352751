"""Index the extracted articles: taxonomies and their terms, date archives,
fused events, control and discrepancies. Pure: the whole set in, a
Briefing out, before anything is written."""
from __future__ import annotations

import functools
from collections.abc import Callable

from . import fuse, paths
from .errors import Problem
from .model import Article, Briefing, Place, Registry, Term

TAXONOMIES = {"places": "place", "factions": "faction", "people": "person"}


@functools.lru_cache(maxsize=1 << 16)
def term_key(name: str) -> str:
    """A term's lookup key: case and spacing folded."""
    return " ".join(name.casefold().split())


def assign_slugs(articles: list[Article]) -> list[Problem]:
    """Distinct, stable slugs. Two files with the same stem get the folder
    or a counter added; two that claim one slug in front matter are refused."""
    problems = []
    claimed: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: a.src_path):
        if article.meta.get("slug"):
            other = claimed.get(article.slug)
            if other is not None:
                problems.append(Problem(article.src_path, None,
                                        f"slug '{article.slug}' is already used by {other.src_path}; "
                                        f"give one of them another 'slug:'"))
                article.slug = ""
                continue
            claimed[article.slug] = article
    for article in sorted(articles, key=lambda a: a.src_path):
        if article.meta.get("slug"):
            continue
        base = article.slug or "article"
        slug, n = base, 2
        while slug in claimed:
            slug = f"{base}-{n}"
            n += 1
        article.slug = slug
        claimed[slug] = article
    return problems


def _term(taxonomy: str, name: str, entity=None) -> Term:
    slug = paths.slugify(name) or "term"
    return Term(taxonomy, term_key(name), name, slug, paths.dest_path(TAXONOMIES[taxonomy], slug=slug), entity)


def build_index(articles: list[Article], registry: Registry,
                memo: fuse.Memo | None = None) -> tuple[Briefing, list[Problem]]:
    """`memo` holds the last build's fused groups and figure topics by what
    they were made from (see fuse.Memo): only those an edit touched are redone."""
    memo = memo or fuse.Memo()
    problems = assign_slugs(articles)
    articles = [a for a in articles if a.slug]
    articles.sort(key=lambda a: (a.published or "", a.slug), reverse=True)
    taxonomies: dict[str, dict[str, Term]] = {t: {} for t in (*TAXONOMIES, "dates")}
    # One taxonomy at a time, each name looked up once: the articles of a large
    # briefing name terms a million times, and a rebuild makes the index again.
    for taxonomy in TAXONOMIES:
        terms, table = taxonomies[taxonomy], getattr(registry, taxonomy)
        add: dict[str, Callable[[Article], None]] = {}  # a name → its term's articles.append
        for article in articles:
            for name in getattr(article.extraction, taxonomy):
                append = add.get(name)
                if append is None:
                    key = term_key(name)
                    term = terms.get(key)
                    if term is None:
                        entity = table.get(name)
                        if taxonomy == "places" and entity is None:
                            entity = Place(name, kind="place", listed=False,
                                           context=article.extraction.unlisted_places.get(name))
                        term = terms[key] = _term(taxonomy, name, entity)
                    append = add[name] = term.articles.append
                append(article)
    for article in articles:
        if article.published:
            _date_term(taxonomies["dates"], article.published).articles.append(article)
    _check_slug_clashes(taxonomies, problems)
    events = fuse.fuse_events(articles, registry, memo)
    places, factions = taxonomies["places"], taxonomies["factions"]
    for event in events:
        place = places.get(term_key(event.place))
        if place:
            place.events.append(event)
        actor = event.actor and factions.get(term_key(event.actor))
        if actor:
            actor.events.append(event)
        if event.date:
            _date_term(taxonomies["dates"], event.date).events.append(event)
    undated = [a for a in articles if not a.published]
    as_of = max((a.published for a in articles if a.published), default=None)
    history = fuse.control_history(events)
    briefing = Briefing(articles, registry, taxonomies, undated, events, [spells[-1] for spells in history.values()],
                        fuse.discrepancies(articles, events, memo), as_of, history=history)
    return briefing, problems


def _date_term(dates: dict[str, Term], iso: str) -> Term:
    if iso not in dates:
        dates[iso] = Term("dates", iso, iso, iso, paths.day_dest("date", iso))
    return dates[iso]


def _check_slug_clashes(taxonomies: dict[str, dict[str, Term]], problems: list[Problem]) -> None:
    """Two terms of one taxonomy whose names slugify alike get a suffix, so
    neither page overwrites the other."""
    for taxonomy, terms in taxonomies.items():
        if taxonomy == "dates":
            continue
        seen: dict[str, Term] = {}
        for term in sorted(terms.values(), key=lambda t: (t.entity is None or not getattr(t.entity, "listed", True),
                                                          t.name)):
            slug, n = term.slug, 2
            while slug in seen:
                slug = f"{term.slug}-{n}"
                n += 1
            if slug != term.slug:
                term.slug = slug
                term.dest_path = paths.dest_path(TAXONOMIES[taxonomy], slug=slug)
            seen[slug] = term
