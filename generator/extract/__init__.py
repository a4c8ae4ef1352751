"""Extraction: pure functions from a cleaned article to its metadata.

`Extractor(registry)` builds the matcher once per run; `extract(article)`
reads the title and the article's own text (never the furniture) and fills
an `Extraction`, then applies the editor's front-matter overrides.
"""
from __future__ import annotations

import re

from ..model import Article, Event, Extraction, Registry
from ..text import normalise, sentence_spans
from .events import Sentence, events_of
from .figures import figures_of
from .matcher import Matcher, Mention
from .people import canonical_person, context_people, titled_people
from . import states
from .places import Skeletons, names_unknown, unlisted_places
from .sources import cited_sources

# Gazetteer kinds that are not places under the annotation conventions: broad
# regions (the Golan Heights) and military bases are matched, so that their
# names are not read as unlisted places, but never reported.
NOT_PLACES = frozenset({"region", "base"})


class Extractor:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.matcher = Matcher(registry)
        self.skeletons = Skeletons(registry.places)
        # every name, alias and adjective of a foreign state, for "pro-X" and "X-backed"
        self.states = {word: f.name for f in registry.factions.values() if f.kind == "foreign state"
                       for word in (f.name, *f.aliases, *(f.adjectives or []))}

    def sentences(self, article: Article) -> list[Sentence]:
        """Title and body as sentences with their registry and context mentions."""
        blocks = [(b.text, b.heading) for b in article.blocks]
        title = normalise(article.title or "")
        if title and not any(normalise(b).startswith(title.rstrip("…")) for b, _ in blocks[:2]):
            blocks.insert(0, (article.title, True))
        out = []
        for paragraph, (text, heading) in enumerate(blocks):
            mentions = self.matcher.find(text)  # sorted by start
            i = 0
            for start, end in sentence_spans(text):
                while i < len(mentions) and mentions[i].start < start:
                    i += 1
                local = []
                while i < len(mentions) and mentions[i].start < end:
                    m = mentions[i]
                    local.append(Mention(m.start - start, m.end - start, m.taxonomy, m.name, m.form, m.text))
                    i += 1
                out.append(Sentence(normalise(text[start:end]), local, heading, paragraph))
        self._add_unlisted_places(out)
        return out

    def _add_unlisted_places(self, sentences: list[Sentence]) -> None:
        """Names read as places from their context, then wherever else the
        article names them; regions and bases of the gazetteer are no places."""
        places = self.registry.places
        known: dict[str, str] = {}  # as written -> canonical
        for s in sentences:
            spans = [(m.start, m.end) for m in s.mentions]
            place_spans = [(m.start, m.end) for m in s.mentions if m.taxonomy == "places"]
            for a, b, written in unlisted_places(s.text, spans, place_spans):
                known.setdefault(written, self.skeletons.place(written) or written)
        longest_first = sorted(known, key=len, reverse=True)
        names = re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w'’-])") if known else None
        for s in sentences:
            found = [(m.start(), m.end(), m.group(0)) for m in names.finditer(s.text)] if names else []
            # a longer name read as a place replaces the gazetteer names inside it ("Kafr Dael", not "Dael")
            s.mentions = [m for m in s.mentions if not (m.taxonomy == "places" and (
                places[m.name].kind in NOT_PLACES or any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end)
                                                         for a, b, _ in found)))]
            spans = [(m.start, m.end) for m in s.mentions]
            for start, end, written in found:
                if not any(a < end and start < b for a, b in spans):
                    name = known[written]
                    form = "alias" if name in places else "unlisted"
                    s.mentions.append(Mention(start, end, "places", name, form, written))
            s.mentions.sort(key=lambda m: (m.start, m.taxonomy))

    def extract(self, article: Article) -> Extraction:
        sentences = self.sentences(article)
        found: dict[str, set[str]] = {k: set() for k in ("places", "countries", "factions", "people", "sources")}
        unlisted: dict[str, str] = {}
        figures = []
        last_place = None
        factions = self.registry.factions
        for s in sentences:
            for m in s.mentions:
                if m.taxonomy == "countries":
                    found["countries"].add(m.name)  # "US-backed" names the United States too
                elif m.taxonomy == "factions" and factions[m.name].kind == "foreign state":
                    if states.acts(s.text, m.start, m.end):
                        found["factions"].add(m.name)
                elif m.form == "unlisted":
                    found["places"].add(m.name)
                    unlisted.setdefault(m.name, s.text)
                else:
                    found[m.taxonomy].add(m.name)
            for state in states.backers(s.text, self.states):
                found["factions"].add(state)
                if state in self.registry.countries:
                    found["countries"].add(state)
            spans = [(m.start, m.end) for m in s.mentions]
            if names_unknown(s.text, spans):  # an unlisted source or person needs a name no registry holds
                found["sources"].update(cited_sources(s.text, spans))
                named = titled_people(s.text, spans) + context_people(s.text, spans)
                found["people"].update(canonical_person(n, self.registry.people) for n in named)
            places = [(m.start, m.end, m.name) for m in s.mentions if m.taxonomy == "places"]
            figures.extend(figures_of(s.text, places, last_place))
            last_place = places[-1][2] if places else last_place
        # A dateline is the article's own text for where it was written: its places and countries count.
        for line in (f.text for f in article.furniture if f.kind == "dateline"):
            for m in self.matcher.find(line):
                if m.taxonomy == "countries" or m.taxonomy == "places" and \
                        self.registry.places[m.name].kind not in NOT_PLACES:
                    found[m.taxonomy].add(m.name)
        found["countries"].discard("Syria")
        events = events_of(sentences, article.published, factions, self.registry.people)
        result = Extraction(
            places=sorted(found["places"]), countries=sorted(found["countries"]),
            factions=sorted(found["factions"]), people=sorted(found["people"]),
            sources=sorted(found["sources"]), events=events, figures=figures, unlisted_places=unlisted)
        apply_overrides(result, article.meta)
        return result


def apply_overrides(result: Extraction, meta: dict) -> None:
    """Front matter `add:` and `drop:` lists: an editor's word beats extraction."""
    for taxonomy, items in (meta.get("drop") or {}).items():
        kept = [x for x in getattr(result, taxonomy) if x not in set(items)]
        setattr(result, taxonomy, kept)
        if taxonomy == "places":
            result.events = [e for e in result.events if e.place not in set(items)]
        result.overridden.setdefault("dropped:" + taxonomy, []).extend(sorted(set(items)))
    for taxonomy, items in (meta.get("add") or {}).items():
        current = getattr(result, taxonomy)
        new = [x for x in items if x not in current]
        setattr(result, taxonomy, sorted(set(current) | set(items)))
        result.overridden.setdefault(taxonomy, []).extend(new)


def as_json(article: Article, result: Extraction) -> dict:
    """The extraction contract's object for one article."""
    return {
        "path": article.src_path,
        "title": article.title,
        "published": article.published,
        "places": result.places,
        "countries": result.countries,
        "factions": result.factions,
        "people": result.people,
        "sources": result.sources,
        "events": [e.as_json() for e in result.events],
        "figures": [f.as_json() for f in result.figures],
        "outlet": article.outlet,
        "url": article.url,
    }


__all__ = ["Extractor", "Event", "as_json", "apply_overrides"]
