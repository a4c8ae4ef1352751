"""Organisations cited for a claim that no registry lists: "according to
Example TV", "Example News Agency reported", "told the Example Post". A
name counts when it reads as an organisation (a word such as TV, Agency,
News or Radio in it, or an acronym), never a person's name."""
from __future__ import annotations

import re

_ORG_WORD = (r"(?:TV|Television|Radio|FM|News|Agency|Network|Channel|Media|Times|Post|Journal|Gazette|Herald|Tribune|"
             r"Press|Daily|Broadcasting|Broadcaster|Monitor|Observatory|Institute|Watch|Centre|Center|Foundation|"
             r"Committee|Council|Organi[sz]ation|International|Online|Review|Telegraph|Reporter)")
_WORD = r"(?:[A-Z][\w'’.&-]*|of|the|for|and|al-[A-Z][\w'-]*)"
_NAME = rf"(?P<name>[A-Z][\w'’.&-]*(?:\s+{_WORD}){{0,5}})"
CITED_RX = [
    re.compile(rf"\b(?:according\s+to|told|cited\s+by|quoted\s+by|reported\s+by|carried\s+by)\s+(?:the\s+)?{_NAME}"),
    re.compile(rf"(?:^|[.,;:]\s+|\band\s+|\bthe\s+){_NAME}\s+(?:reported|reports|said|says|quoted|cited|broadcast|"
               rf"aired|published)\b"),
]
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_ORG_CUE = re.compile(rf"\b(?:{_ORG_WORD}|[A-Z]{{2,6}})\b")
# Acronyms that are states, armed groups or their kin rather than outlets.
_NOT_ORG = {"US", "UK", "UN", "EU", "USA", "UAE", "HTS", "SDF", "SNA", "FSA", "YPG", "PKK", "ISIS", "ISIL", "IS", "IDF",
            "SAA", "NATO", "PYD", "AANES", "IRGC", "CTP", "ISW", "PM"}


def cited_sources(sentence: str, known_spans: list[tuple[int, int]]) -> list[str]:
    """Organisation names cited in a sentence that no registry mention covers."""
    out = []
    if not _ORG_CUE.search(sentence):
        return out  # no word an organisation's name needs
    for rx in CITED_RX:
        for m in rx.finditer(sentence):
            start, end = m.span("name")
            words = m.group("name").rstrip(".").split()
            while words and words[-1] in ("of", "the", "for", "and"):
                words.pop()
            if not words or any(a < end and start < b for a, b in known_spans):
                continue
            org = any(re.fullmatch(_ORG_WORD, w) for w in words) or (
                len(words) == 1 and _ACRONYM.match(words[0]) and words[0] not in _NOT_ORG)
            if org:
                out.append(" ".join(words))
    return out
