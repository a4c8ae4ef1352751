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
PATTERNS = [
    ("deaths", re.compile(rf"{_QUAL}{_NUM}\s+(?:people\s+)?(?:lives|deaths|dead|people\s+(?:have\s+been\s+)?killed|"
                          r"killed)\b", re.I)),
    ("deaths", re.compile(rf"\b(?:killed|killing|claimed|claiming)\s+{_QUAL}{_NUM}\s+(?:people|civilians|lives|"
                          r"persons|fighters|soldiers)\b", re.I)),
    ("displaced", re.compile(rf"{_QUAL}{_NUM}\s+(?:people\s+)?(?:displaced|refugees|fled)\b", re.I)),
    ("distance_km", re.compile(rf"{_QUAL}(?:{_NUM}|{_WNUM})\s*(?P<unit>km|kilomet(?:er|re)s?|miles?)\b", re.I)),
    ("share_percent", re.compile(rf"{_QUAL}{_NUM}\s*(?:%|per\s*cent|percent)\s+of\b", re.I)),
]


def _value(m: re.Match) -> float:
    if m.groupdict().get("wnum"):
        return float(_WORDS[m.group("wnum").lower()])
    value = float(m.group("num").replace(",", ""))
    mult = (m.groupdict().get("mult") or "").lower()
    return value * {"million": 1e6, "thousand": 1e3}.get(mult, 1)


def figures_of(sentence: str, place_spans: list[tuple[int, int, str]]) -> list[Figure]:
    """Figures in one sentence; the subject is the first place after the
    number (a distance from Damascus, a share of Daraa province)."""
    out = []
    if not _ANY_NUMBER.search(sentence):
        return out
    for measure, rx in PATTERNS:
        for m in rx.finditer(sentence):
            value = _value(m)
            unit = (m.groupdict().get("unit") or "").lower()
            if measure == "distance_km" and unit.startswith("mile"):
                continue  # a conversion in brackets; the km figure is the one stated
            if measure == "deaths" and value < 1:
                continue
            after = [name for start, _, name in place_spans if m.end() <= start < m.end() + 60]
            subject = after[0] if after and measure in ("distance_km", "share_percent") else None
            qual = (m.group("qual") or "").strip().lower() or None
            out.append(Figure(measure, value, qual, subject, m.group(0).strip(), sentence))
    return out
