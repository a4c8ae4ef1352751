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
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)"
NAME_RX = re.compile(rf"\b{_TITLE}\s+(?P<name>{_PARTICLE}?{_NAME_WORD}(?:\s+{_PARTICLE}?{_NAME_WORD}){{1,3}})")
# Capitalised words that follow a title without being a name.
_NOT_NAME = {"The", "This", "That", "His", "Her", "Their", "Syria", "Syrian", "Of", "In", "On", "And", "For",
             "State", "Affairs", "Office", "Council", "Department", "Ministry", "General", "United", "Nations",
             "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"}


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
