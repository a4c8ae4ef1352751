"""People the registry does not list, recognised from a title or role
before the name ("Foreign Minister Abbas Araghchi", "rebel commander
Hassan Abdel Ghani")."""
from __future__ import annotations

import re

_TITLE = (r"(?:President|Prime\s+Minister|(?:Foreign|Defen[cs]e|Interior|Information|Finance)\s+Minister|Minister|"
          r"Secretary\s+of\s+State|Secretary[- ]General|Supreme\s+Leader|King|Crown\s+Prince|Emir|Sheikh|"
          r"(?:Brigadier|Major|Lieutenant)?\s*General|Gen\.|Colonel|Col\.|Commander|commander|spokes(?:man|woman|person)|"
          r"leader|chief|head|envoy|[Aa]mbassador|counterpart|director|[Cc]hairman|[Ss]enator|Sen\.|Rep\.|"
          r"official|analyst|researcher|journalist|activist|resident|Mayor|mayor|Governor|governor)")
_PARTICLE = r"(?:al-|el-|Al-|El-|bin\s|ibn\s|de\s|van\s|von\s|Abu\s|Abdel\s|Abdul\s|Abd\s)"
_NAME_WORD = r"(?:[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’]+(?:-[A-Z][a-zß-ÿā-ž'’]+)?|[A-Z]\.)"
NAME_RX = re.compile(rf"\b{_TITLE}\s+(?P<name>{_PARTICLE}?{_NAME_WORD}(?:\s+{_PARTICLE}?{_NAME_WORD}){{1,3}})")
# Capitalised words that follow a title without being a name.
_NOT_NAME = {"The", "This", "That", "His", "Her", "Their", "Syria", "Syrian", "Of", "In", "On", "And", "For",
             "State", "Affairs", "Office", "Council", "Department", "Ministry", "General", "United", "Nations",
             "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"}


_NAME = rf"(?P<name>{_PARTICLE}?{_NAME_WORD}(?:\s+{_PARTICLE}?{_NAME_WORD}){{1,2}})"
_ROLE = r"(?:commander|spokes(?:man|woman|person)|head|leader|chief|director|minister|founder|official|envoy|" \
        r"deputy|governor|mayor|analyst|researcher|professor)"
# Names introduced by speech or apposition: "said Mahmoud Hallak", "Rania
# Sabbagh, 34, said", "Assad's father, Hafez Assad".
_SPEECH = re.compile(r"\b(?:said|says|told|added|wrote|according\s+to)\b")
# Each pattern with a cheap test of a word it needs, so that most sentences skip the costly pattern.
CONTEXT_RX = [
    (_SPEECH, re.compile(rf"\b(?:said|says|told|added|according\s+to)\s+{_NAME}(?=\s*(?:,|\.|$|\bwho\b))")),
    (re.compile(rf",\s+(?:a|an|the|who|\d{{1,3}},|{_ROLE})\s"),
     re.compile(rf"(?:^|[.,;]\s+|\band\s+){_NAME},\s+(?:a|an|the|who|\d{{1,3}},|{_ROLE})\s")),
    # "the commander of the Northern Command, Ori Gordin,"
    (re.compile(rf"\b{_ROLE}\b"), re.compile(rf"\b{_ROLE}\b[^,.;]{{0,60}},\s+{_NAME}(?=\s*,)")),
    (_SPEECH, re.compile(rf"(?:^|[.,;]\s+|\band\s+){_NAME}\s+(?:said|told|says|added|wrote)\b")),
    (re.compile(r"\b(?:father|mother|son|brother|sister|wife|husband|uncle|cousin|daughter),"),
     re.compile(rf"\b(?:father|mother|son|brother|sister|wife|husband|uncle|cousin|daughter),\s+{_NAME}")),
]
# Words that make a capitalised run an institution or a place, not a person.
_INSTITUTION = {"Ministry", "Department", "Council", "Army", "Forces", "Force", "Agency", "News", "Observatory",
                "Office", "Committee", "Front", "Organization", "Organisation", "Command", "Room", "Brigade",
                "Movement", "Party", "Government", "University", "Institute", "Times", "Post", "Press", "Network",
                "Coalition", "Union", "Nations", "House", "Kremlin", "Pentagon", "Guard", "Guards", "Monitor",
                "Crossing", "Airport", "Highway", "Square", "Mosque", "Prison", "Street", "Defence", "Defense",
                "Foreign", "Minister", "President", "General", "Syrian", "Israeli", "Turkish", "Russian", "Iranian",
                "American", "Kurdish", "Arab", "Islamic", "Democratic", "National", "Free", "Republic", "State",
                "Lebanese", "Iraqi", "Jordanian", "Western", "Eastern", "Northern", "Southern", "Central", "Middle",
                "East", "Damascus", "Aleppo", "Reuters", "Telegram", "Facebook", "Twitter", "Sunday", "Monday",
                "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "However", "Meanwhile", "Residents",
                "Officials", "Fighters", "Rebels", "Sources", "Witnesses", "Activists", "Analysts"}


def context_people(sentence: str, known_spans: list[tuple[int, int]]) -> list[str]:
    """Names introduced by speech or apposition, not by a title."""
    out = []
    for cue, rx in CONTEXT_RX:
        for m in (rx.finditer(sentence) if cue.search(sentence) else ()):
            start, end = m.span("name")
            words = m.group("name").split()
            if any(a < end and start < b for a, b in known_spans) or any(w in _INSTITUTION or w in _NOT_NAME
                                                                           for w in words):
                continue
            out.append(" ".join(words))
    return out


def titled_people(sentence: str, known_spans: list[tuple[int, int]]) -> list[str]:
    """Names after a title, unless the span is already a registry match."""
    out = []
    for m in NAME_RX.finditer(sentence):
        start, end = m.span("name")
        if any(a < end and start < b for a, b in known_spans):
            continue
        words = m.group("name").split()
        if words[0] in _NOT_NAME or any(w in _NOT_NAME for w in words):
            continue
        out.append(" ".join(words))
    return out


def _skeleton(name: str) -> str:
    name = re.sub(r"\b(?:al|el|ad|ar|as|at|az|an)[- ]", "", name.lower())
    return re.sub(r"[^a-z]", "", name)


def canonical_person(name: str, people: dict) -> str:
    """A titled name that is a misspelling or another transliteration of a
    listed person ("Bassam al-Bassagh" for Bassam al-Sabbagh): same given
    name, and the whole names alike."""
    from difflib import SequenceMatcher

    first = name.split()[0]
    best, best_ratio = name, 0.75
    for person in people.values():
        for known in [person.name, *person.aliases]:
            if known.split()[0] != first:
                continue
            ratio = SequenceMatcher(None, _skeleton(name), _skeleton(known)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = person.name, ratio
    return best
