"""Figures: numbers with what they measure, for comparing sources: the war's
death toll, distances to a city, the share of a province held."""
from __future__ import annotations

import re

from ..model import Figure

_QUAL = r"(?P<qual>(?:more|fewer|less)\s+than|over|about|around|nearly|almost|at\s+least|up\s+to|some|roughly|" \
        r"approximately|just)?\s*"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<mult>million|thousand))?"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100}
_WNUM = r"(?P<wnum>one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)"
_ANY_NUMBER = re.compile(rf"\d|\b{_WNUM}\b", re.I)
# Number-first patterns start at the number (the regex engine skips to
# digits fast); a qualifier just before it ("more than") is read afterwards.
_QUAL_BEFORE = re.compile(r"\b((?:more|fewer|less)\s+than|over|about|around|nearly|almost|at\s+least|up\s+to|some|"
                          r"roughly|approximately|just)\s*$", re.I)
PATTERNS = [
    ("deaths", re.compile(rf"\b{_NUM}\s+(?:people\s+)?(?:lives|deaths|dead|people\s+(?:have\s+been\s+)?killed|"
                          r"killed)\b", re.I)),
    ("deaths", re.compile(rf"\b(?:killed|killing|claimed|claiming)\s+{_QUAL}{_NUM}\s+(?:people|civilians|lives|"
                          r"persons|fighters|soldiers)\b", re.I)),
    ("displaced", re.compile(rf"\b{_NUM}\s+(?:people\s+)?(?:displaced|refugees|fled)\b", re.I)),
    ("distance_km", re.compile(rf"\b(?:{_NUM}|{_WNUM})\s*(?P<unit>km|kilomet(?:er|re)s?|miles?)\b", re.I)),
    ("share_percent", re.compile(rf"\b{_NUM}\s*(?:%|per\s*cent|percent)\s+of\b", re.I)),
]


def _value(m: re.Match) -> float:
    if m.groupdict().get("wnum"):
        return float(_WORDS[m.group("wnum").lower()])
    value = float(m.group("num").replace(",", ""))
    mult = (m.groupdict().get("mult") or "").lower()
    return value * {"million": 1e6, "thousand": 1e3}.get(mult, 1)


_REFERS_BACK = re.compile(r"^\s*(?:of\s+)?the\s+(?:province|governorate|city|town|region|area)\b", re.I)


def figures_of(sentence: str, place_spans: list[tuple[int, int, str]], previous_place: str | None = None
               ) -> list[Figure]:
    """Figures in one sentence; the subject is the first place after the
    number (a distance from Damascus, a share of Daraa province), or the place
    named before when the text refers back ("90 percent of the province")."""
    out = []
    if not _ANY_NUMBER.search(sentence):
        return out
    seen = set()  # one figure per number, though two patterns of a measure may read it
    for measure, rx in PATTERNS:
        for m in rx.finditer(sentence):
            number = (measure, m.start("num") if m.groupdict().get("num") else m.start())
            if number in seen:
                continue
            seen.add(number)
            value = _value(m)
            unit = (m.groupdict().get("unit") or "").lower()
            if measure == "distance_km" and unit.startswith("mile"):
                continue  # a conversion in brackets; the km figure is the one stated
            if measure == "deaths" and value < 1:
                continue
            after = [name for start, _, name in place_spans if m.end() <= start < m.end() + 60]
            subject = None
            if measure in ("distance_km", "share_percent"):
                subject = after[0] if after else None
                before = [name for start, end, name in place_spans if end <= m.start() and m.start() - end < 40]
                if subject is None and before and re.match(r"\s*away\b", sentence[m.end():]):
                    subject = before[-1]  # "the capital, Damascus, about 100 kilometers away"
                if subject is None and _REFERS_BACK.match(sentence[m.end():]):
                    subject = previous_place
            start, qual = m.start(), (m.groupdict().get("qual") or "").strip().lower() or None
            if "qual" not in m.groupdict():
                before = _QUAL_BEFORE.search(sentence, max(0, start - 25), start)
                if before:
                    start, qual = before.start(), " ".join(before.group(1).lower().split())
            text = re.sub(r"\s+of$", "", sentence[start:m.end()].strip())
            out.append(Figure(measure, value, qual, subject, text, sentence))
    return out
