"""Small text utilities shared by clean and extract: sentence splitting and
the normalisation alias matching relies on."""
from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
           "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "etc", "approx", "sen", "rep", "gov",
           "prof", "jr", "sr", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "mt", "ft"}
# A full stop may carry a footnote marker ("...Hama City.[6] Geolocated footage ...").
_BOUNDARY = re.compile(r"[.!?]+(?:\[\d{1,3}\])*[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
_INITIAL = re.compile(r"[A-Z]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, keeping "Dec. 5" and
    "U.S." whole."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start() + 1]
        word = _LAST_WORD.search(before)
        if word and (word.group(1).lower().rstrip(".") in _ABBREV or _INITIAL.fullmatch(word.group(1))):
            continue
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


_TRANS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "“": '"', "”": '"',
                        "\u2010": "-", "\u2011": "-"})


def normalise(text: str) -> str:
    """Typographic variants folded to ASCII one-for-one, so offsets still
    point into the original text."""
    return text.translate(_TRANS)


def lower_same_length(text: str) -> str:
    """Lowercase without changing the length (str.lower turns 'İ' into two
    characters, which would shift every later offset)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
