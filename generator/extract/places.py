"""Places no gazetteer holds, recognised from context: "the villages of A,
B and C", "villages such as A and B", "seized these areas: A, B and C", "the
A area", "B village", "captured A", a name listed beside a known place
("strikes on Aleppo, A and B"). A name recognised once is a place for the
rest of the article (see Extractor.sentences). A spelling that differs from
a gazetteer name only in its vowels or article ("Al-Sukhna", "Kafranbel") is
that place (`Skeletons`). The others are kept as places without coordinates
("not located"), with the sentence they were read from."""
from __future__ import annotations

import re
import unicodedata

_PREFIX = r"(?:al|el|Al|El|Tal|Tel|Tell|Kafr|Kfar|Deir|Jisr|Ain|Ayn|Bab|Ras|Abu|Umm|Beit|Khan|Jabal|Jebel|Wadi|" \
          r"Sheikh|Qasr|Bir|Maarat|Marat|Madinat|Rahbat|Taybat|Dar|Deyr)"
_WORD = rf"(?:{_PREFIX}[- ])?[A-Z][a-zA-Z'’]+(?:-[A-Za-z][a-zA-Z'’]+)*"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_NAME_RX = re.compile(_NAME)
_LIST = rf"(?P<names>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME})?)"
_KIND = r"(?:towns?|villages?|cities|city|hamlets?|neighbou?rhoods?|suburbs?|districts?|areas?|settlements?|" \
        r"localities|locality|crossing|quarters?)"
_ADJ = r"(?:(?:strategic|nearby|key|small|major|northern|southern|eastern|western|central|border|frontline|" \
       r"rebel-held|government-held|regime-held|neighbou?ring|surrounding|following|several|other|two|three|four|" \
       r"five|six|seven|eight|nine|ten|dozens\s+of|[\w-]+-majority)\s+)*"
_CAPTURE = (r"(?:(?:re)?captur(?:ed|ing|es?)|seiz(?:ed|ing|es?)|liberat(?:ed|ing|es?)|overr(?:an|un|unning)|"
            r"enter(?:ed|ing|s)?|(?:took|taken|taking|gained|regained|seized|restored)\s+(?:full\s+)?control\s+"
            r"(?:of|over)|took\s+back|retook|"
            r"into|toward|towards|near|(?:positions|points|sites|areas|parts)\s+(?:in|of|near|around)|"
            r"(?:outskirts|edges?|gates|centre|center|heart)\s+of|(?:km|kilomet(?:er|re)s?|miles)\s+"
            r"(?:away\s+)?from)")
_AREA = r"(?:area|areas|district|districts|neighbou?rhoods?|suburbs?|village|town|crossing|region|" \
        r"(?:military\s+)?(?:airport|airbase|air\s+base|prison))"
# Each context with a cheap test of a word it needs, so that most sentences skip the costly pattern.
CONTEXT_RX = [
    # "the villages of A, B and C", "the town of X"
    (re.compile(rf"\b{_KIND}\s+of\s"), re.compile(rf"\b(?:the\s+)?{_ADJ}{_KIND}\s+of\s+{_LIST}")),
    # "villages such as A and B", "towns, including A", "the following areas: A, B and C"
    (re.compile(rf"\b{_KIND}\b[^.;:]{{0,80}}?(?:\bincluding|\bsuch\s+as|\blike|\bnamely|:)"),
     re.compile(rf"\b{_KIND}\b[^.;:]{{0,80}}?(?:,\s*)?(?:\bincluding|\bsuch\s+as|\blike|\bnamely|:)\s+"
                rf"(?:the\s+)?(?:{_ADJ}{_KIND}\s+of\s+)?{_LIST}")),
    # "these towns are A, B and C"
    (re.compile(rf"\b{_KIND}\s+(?:are|were|include)"),
     re.compile(rf"\b{_KIND}\s+(?:are|were|include|included)\s+{_LIST}")),
    # "the A area", "the A, B and C areas", "Hirbil village", "the A crossing", "the A airbase"
    (re.compile(rf"[a-z]\s+{_AREA}\b"), re.compile(rf"\b{_LIST}\s+{_AREA}\b")),
    # the object of a capture or entry, a target or a reference point: "captured A", "took control of
    # A and B", "points in A and B", "near A", "the edge of A", "a few kilometres from A and B"
    (re.compile(rf"\b{_CAPTURE}\s+[A-Z]|\b{_CAPTURE}\s+(?:al|el)-"), re.compile(rf"\b{_CAPTURE}\s+{_LIST}")),
]
# A capitalised word not opening the sentence: no sentence without one names an unlisted place.
_CAPITALISED = re.compile(r"(?<=[\s(\"'-])[A-Z][\w'’]*")
# A list of names with at least one known place in it: "Aleppo, A and B".
_LIST_ONLY = re.compile(rf"{_LIST}")
_STOP = {"The", "A", "An", "This", "That", "These", "Those", "Syria", "Syrian", "Friday", "Saturday", "Sunday",
         "Monday", "Tuesday", "Wednesday", "Thursday", "January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December", "God", "Islam", "Arabic", "English",
         # words that make a capitalised run a facility, an institution, a unit or a people, not a place
         "Base", "Airport", "Airbase", "Prison", "Regiment", "Brigade", "Division", "Battalion", "Operation",
         "Operations", "Room", "Command", "Army", "Forces", "Force", "Council", "Ministry", "Front", "Guard",
         "Headquarters", "Bridge", "Square", "Highway", "Road", "Street", "Dam", "Palace", "Citadel", "University",
         "Hospital", "School", "Mosque", "Church", "Station", "Camp", "Centre", "Center", "Office", "Party",
         "Government", "Regime", "President", "Minister", "General", "State", "Republic", "United", "Nations",
         "Kurdish", "Druze", "Alawite", "Sunni", "Shiite", "Shia", "Christian", "Arab", "Islamist", "Islamic",
         "Jihadist", "Turkish", "Russian", "Iranian", "Israeli", "American", "Lebanese", "Iraqi", "Jordanian",
         "Western", "Eastern", "Northern", "Southern", "Central", "Middle", "East", "West", "North", "South",
         "Greater", "New", "Old", "Mount", "Telegram", "Facebook", "Twitter", "Deterrence", "Aggression", "Dawn",
         "Freedom",
         "Liberation", "Revolution", "Reuters", "Mr", "Mrs", "His", "Her", "Their", "Its", "Our", "Opposition",
         "Rebels", "Rebel", "Militants", "Fighters", "Troops", "Soldiers", "Civilians", "Residents", "Sources",
         "Security", "Defence", "Defense", "Interior", "Foreign", "Media", "News", "Agency", "Observatory",
         "Human", "Rights", "Wednesday's", "Thursday's", "Friday's", "Saturday's", "Sunday's", "It", "In", "On",
         "At", "As", "By", "For", "From", "With", "And", "But", "Or", "If", "When", "While", "After", "Before",
         "Meanwhile", "However", "Earlier", "Later", "Also", "Today", "Yesterday", "Tonight", "Live", "Update",
         "Updates", "Breaking", "Photo", "Video", "Image", "Read", "More", "Share",
         # cities of the neighbouring countries and capitals that news names beside Syrian places
         "Amman", "Beirut", "Baghdad", "Erbil", "Mosul", "Ankara", "Istanbul", "Gaziantep", "Hatay", "Antakya",
         "Kilis", "Tehran", "Moscow", "Jerusalem", "Cairo", "Riyadh", "Doha", "Dubai", "Washington", "London", "Paris",
         "Berlin", "Geneva", "Astana", "Sochi", "Tripoli", "Tyre",
         "Sidon", "Baalbek", "Gaza", "Qatar", "Lebanon", "Iraq", "Jordan", "Turkey", "Israel", "Iran", "Russia",
         # seas, rivers and regions: no places under the conventions
         "Mediterranean", "Euphrates", "Tigris", "Orontes", "Levant", "Gulf", "Europe", "Kurdistan", "Rojava", "Badia",
         "Jazira", "Hauran", "Ghouta", "Golan", "Sinai"}
_STOP_NAMES = {"Tel Aviv", "Abu Dhabi"}
_PARTICLES = {"al", "el", "Al", "El", "and"}


_SPLIT = re.compile(r"[\s-]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _usable(name: str) -> bool:
    if name in _STOP:
        return False
    words = [_POSSESSIVE.sub("", w) for w in _SPLIT.split(name)]
    return name not in _STOP_NAMES and not (words[0] in _STOP or any(w in _STOP for w in words if w not in _PARTICLES))


def names_unknown(sentence: str, known_spans: list[tuple[int, int]]) -> bool:
    """Whether a capitalised word past the sentence's first is no registry
    name and no stop word: without one there is no new name to read."""
    return any(_usable(m.group(0)) and not any(a <= m.start() < b for a, b in known_spans)
               for m in _CAPITALISED.finditer(sentence, 1))


def _names(match: re.Match, offset_group: str = "names") -> list[tuple[int, int, str]]:
    offset = match.start(offset_group)
    return [(offset + part.start(), offset + part.end(), part.group(0))
            for part in _NAME_RX.finditer(match.group(offset_group))]


def unlisted_places(sentence: str, known_spans: list[tuple[int, int]],
                    known_places: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """(start, end, name) of names in place contexts that no registry entry covers.
    `known_spans` are every registry mention, `known_places` those of places."""
    found: dict[tuple[int, int], str] = {}
    if not names_unknown(sentence, known_spans):
        return []
    candidates = [name for cue, rx in CONTEXT_RX if cue.search(sentence) for m in rx.finditer(sentence)
                  for name in _names(m)]
    if known_places and " and " in sentence:
        for m in _LIST_ONLY.finditer(sentence):
            names = _names(m)
            if len(names) > 1 and " and " in m.group(0) and any(
                    a <= s < b for s, _, _ in names for a, b in known_places):
                candidates.extend(names)
    for start, end, name in candidates:
        if (start, end) in found or not _usable(name):
            continue
        inside = [(a, b) for a, b in known_spans if a < end and start < b]
        # "Kafr Dael" holds the gazetteer's "Dael": the longer name, opened by a place word, wins.
        if inside and not (all(start <= a and b <= end and (a, b) in known_places for a, b in inside)
                           and re.match(rf"{_PREFIX}[- ]", name) and (start, end) not in known_spans):
            continue
        found[(start, end)] = name
    return [(a, b, name) for (a, b), name in sorted(found.items())]


def skeleton(name: str) -> str:
    """A spelling reduced to its consonants: diacritics, the Arabic article,
    vowels, doubled letters and a final h dropped ("Al-Sukhna" and "Sukhnah"
    are both skhn; "Kafranbel" and "Kafr Nabl" kfrnbl)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(?:al|el|ad|ar|as|at|az|an|ez|es|ed|er|et|en|ul)[- ]", "", text)
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"[aeiouyw]", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return text[:-1] if text.endswith("h") and len(text) > 1 else text


class Skeletons:
    """Gazetteer places by skeleton, for names read from context: a skeleton
    of at least four letters that one place alone has."""

    MIN = 4

    def __init__(self, places: dict):
        owners: dict[str, set[str]] = {}
        for place in places.values():
            for spelling in (place.name, *place.aliases):
                owners.setdefault(skeleton(spelling), set()).add(place.name)
        # a name the gazetteer tells apart by its governorate ("Al Hamidiyah (Tartus)") is not one place
        self._place = {key: next(iter(names)) for key, names in owners.items()
                       if len(names) == 1 and len(key) >= self.MIN and "(" not in next(iter(names))}

    def place(self, name: str) -> str | None:
        return self._place.get(skeleton(name))
