"""The editor's desk: what an editor should look at, from the Briefing.

Articles without a publication date (events cannot be placed in time),
without a place or an event extracted, names taken as places that no
registry lists, and capitalised names standing where an actor stands that
no registry holds (candidates to add). Nothing on it fails a build; the
build's summary and the /desk/ page show it. Pure: a Briefing in, a Desk out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract.events import trigger_starts
from .index import term_key
from .load import SIDECAR_SUFFIX, is_page
from .model import Article, Briefing, Registry

SHOWN = 100  # items of each list on the page; the rest are counted
SUMMARY_SHOWN = 5  # of each list in the build's summary

# A run of capitalised words ("Jaysh al-Izza", "Tahrir Brigades") right before
# a trigger, after which only an auxiliary or an adverb may stand.
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(\"']))(?P<name>[A-Z][\w'’.-]*(?:\s+(?:(?:al|el|ad|as|ash|of|the|and|for|"
                          r"bin|ibn)[- ]\s*)?[A-Z][\w'’-]*)*)\s+(?:(?:have|has|had|reportedly|also|now|then|later|"
                          r"have\s+now|quickly|swiftly|finally|apparently)\s+)*$")
# Capitalised for other reasons: at a sentence's start, a day, a month.
_NOT_NAMES = {"the", "a", "an", "they", "he", "she", "it", "we", "i", "you", "this", "that", "these", "those",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "meanwhile", "earlier", "later", "overnight", "yesterday", "today", "after", "before", "when",
              "while", "as", "but", "and", "then", "there", "here", "government", "opposition", "rebels",
              "fighters", "troops", "forces", "militants", "insurgents", "residents", "officials", "witnesses"}


@dataclass
class Candidate:
    name: str
    sentence: str
    article: Article


@dataclass
class Desk:
    undated: list[Article] = field(default_factory=list)
    no_place: list[Article] = field(default_factory=list)
    no_event: list[Article] = field(default_factory=list)
    unlisted: list[tuple[str, str | None, int]] = field(default_factory=list)  # name, sentence, articles
    candidates: list[Candidate] = field(default_factory=list)

    def fix_date(self, article: Article) -> str:
        """Where an editor gives the date."""
        if is_page(article.src_path):
            stem = article.src_path.rpartition("/")[2].rpartition(".")[0]
            sidecar = (stem + SIDECAR_SUFFIX).replace("`", "'")  # a code span: shown as written, never markup
            return f"add `published: YYYY-MM-DD` to `{sidecar}` beside the page"
        return "add `published: YYYY-MM-DD` to its front matter"

    def summary(self) -> list[str]:
        """The build summary's lines: counts and the first few of each list."""
        if not any((self.undated, self.no_place, self.no_event, self.unlisted, self.candidates)):
            return []
        lines = [f"editor's desk (/desk/): {len(self.undated)} without a date, {len(self.no_place)} without a "
                 f"place, {len(self.no_event)} without an event, {len(self.unlisted)} unlisted places, "
                 f"{len(self.candidates)} unknown actors"]
        lines += [f"  no date: {a.src_path}: {self.fix_date(a)}" for a in self.undated[:SUMMARY_SHOWN]]
        lines += [f"  no place: {a.src_path}" for a in self.no_place[:SUMMARY_SHOWN]]
        lines += [f"  no event: {a.src_path}" for a in self.no_event[:SUMMARY_SHOWN]]
        lines += [f"  unlisted place: {name}" for name, _, _ in self.unlisted[:SUMMARY_SHOWN]]
        lines += [f"  unknown actor: {c.name} ({c.article.src_path})" for c in self.candidates[:SUMMARY_SHOWN]]
        return lines


def make_desk(briefing: Briefing) -> Desk:
    by_path = sorted(briefing.articles, key=lambda a: a.src_path)
    desk = Desk(undated=[a for a in by_path if not a.published],
                no_place=[a for a in by_path if not a.extraction.places],
                no_event=[a for a in by_path if not a.extraction.events])
    desk.unlisted = sorted((t.name, t.entity.context, len(t.articles)) for t in briefing.taxonomies["places"].values()
                           if t.entity is not None and not getattr(t.entity, "listed", True))
    known = _known_names(briefing.registry)
    seen = set()
    for article in by_path:
        for event in article.extraction.events:
            if event.actor is not None or (article.src_path, event.sentence) in seen:
                continue
            seen.add((article.src_path, event.sentence))
            for name in _names_before_triggers(event.sentence, known):
                desk.candidates.append(Candidate(name, event.sentence, article))
    desk.candidates.sort(key=lambda c: (c.name, c.article.src_path))
    return desk


def _known_names(registry: Registry) -> set[str]:
    names = set()
    for table in (registry.places, registry.factions, registry.people, registry.sources, registry.countries):
        for name, entry in table.items():
            names.add(term_key(name))
            names.update(term_key(alias) for alias in getattr(entry, "aliases", []))
            names.update(term_key(adj) for adj in getattr(entry, "adjectives", []))
    return names


def _names_before_triggers(sentence: str, known: set[str]) -> list[str]:
    found = []
    for start in trigger_starts(sentence):
        m = _NAME_BEFORE.search(sentence[:start])
        if not m:
            continue
        name = re.sub(r"^(?:The|A|An)\s+", "", m.group("name")).strip(".")
        key = term_key(name)
        if key in _NOT_NAMES or key in known or not name[:1].isupper():
            continue
        if any(term_key(word) in known for word in name.split()) and " " not in name:
            continue
        if name not in found:
            found.append(name)
    return found
