"""Where a registry name or alias is matched in text.

One Aho-Corasick automaton (pyahocorasick) holds every name, alias and
adjective of every registry, built once per run; a second holds the
lower-case aliases ("rebels", "regime forces") matched without regard to
case. Matches must stand on word boundaries; overlapping matches resolve to
the longest, leftmost one ("Free Syrian Army" over "Syrian Army").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from ..model import Registry
from ..text import lower_same_length, normalise

_ANTI_PRO = re.compile(r"(?:^|[^\w])(?:anti|pro)[- ]$", re.I)
_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l|[Aa][dnrstz])([- ])(?=[A-Z])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    taxonomy: str   # places, factions, people, sources, countries
    name: str       # canonical
    form: str       # name, alias or adjective
    text: str       # as written


def variants(alias: str) -> set[str]:
    """Spellings of one alias met in real text: the Arabic article with a
    hyphen or a space, capitalised or not ("al-Rastan", "Al Rastan")."""
    alias = normalise(alias).strip()
    out = {alias}
    if alias[:1].islower() and alias != alias.lower():
        out.add(alias[0].upper() + alias[1:])  # "pro-Assad fighters" opening a sentence
    for a in list(out):
        for m in _ARTICLE.finditer(a):
            for art in {m.group(1).lower(), m.group(1).capitalize()}:
                for sep in ("-", " "):
                    out.add(a[: m.start()] + art + sep + a[m.end():])
    return {v for v in out if v}


class Matcher:
    """All registries as patterns; `find(text)` lists the mentions."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        entries: dict[tuple[bool, str], set[tuple[str, str, str]]] = {}

        def add(pattern: str, taxonomy: str, name: str, form: str) -> None:
            for v in variants(pattern):
                folded = v == v.lower()  # lower-case aliases match any case
                key = (folded, v.lower() if folded else v)
                entries.setdefault(key, set()).add((taxonomy, name, form))

        for taxonomy in ("places", "factions", "people", "sources", "countries"):
            for item in getattr(registry, taxonomy).values():
                add(item.name, taxonomy, item.name, "name")
                for alias in item.aliases:
                    add(alias, taxonomy, item.name, "alias")
                for adj in getattr(item, "adjectives", []) or []:
                    add(adj, taxonomy, item.name, "adjective")
        for (folded, key), values in sorted(entries.items()):
            (self._folded if folded else self._exact).add_word(key, (len(key), tuple(sorted(values))))
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        text = normalise(text)
        hits = []
        for automaton, haystack in ((self._exact, text), (self._folded, lower_same_length(text))):
            if not len(automaton):
                continue
            folded = automaton is self._folded
            for end, (length, values) in automaton.iter(haystack):
                start = end - length + 1
                if folded and not _common_noun(text[start:end + 1]):
                    continue  # "the military" is not "the Military Operations Command"
                if _on_boundary(text, start, end + 1, values):
                    hits.append((start, end + 1, values))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        mentions, last_end = [], -1
        for start, end, values in hits:
            if start < last_end:
                continue
            last_end = end
            for taxonomy, name, form in values:
                mentions.append(Mention(start, end, taxonomy, name, form, text[start:end]))
        return mentions


def _common_noun(written: str) -> bool:
    """A lower-case alias matches text capitalised at most at its start (or
    all in capitals): a capital inside makes it part of a proper name."""
    return written[1:] == written[1:].lower() or written == written.upper()


def _on_boundary(text: str, start: int, end: int, values) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return False
    if _ANTI_PRO.search(text[max(0, start - 6):start]):
        return False  # "anti-government" is not the government, "pro-Iranian" not Iran
    word = text[start:end]
    if len(word) <= 3 and word.isupper():
        # Short acronyms ("IS", "US") in an all-caps line are ordinary words.
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            return False
    return True
