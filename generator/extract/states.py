"""Foreign states: when a mention of a state is the state acting in the
conflict (a faction as well as a country) and when it is a country only.

A state acts when its forces act, or it backs, arms, allies with or pledges
support to a side ("Russian airstrikes", "Iran-backed", "pro-Turkish
factions"). It does not act where it is a location ("refugees in Turkey",
"the border with Jordan"), or only speaks or is spoken of through its
officials, media, citizens or bases ("Iran's foreign minister", "Iranian
state TV", "representatives of Iran and Turkey", "US citizens").
"""
from __future__ import annotations

import re

_LOCATIVE_BEFORE = re.compile(r"\b(?:in|into|to|from|across|toward|towards|near|inside|via|through|border\s+with|"
                              r"visit\s+to|trip\s+to|fled\s+to)\s+(?:neighbou?ring\s+)?$", re.I)
_LOCATIVE_AFTER = re.compile(r"^(?:'s)?\s*(?:border|frontier)\b", re.I)
_VOICE_AFTER = re.compile(r"^(?:'s)?\s+(?:(?:foreign|defen[cs]e|interior|prime|deputy)\s+)?(?:minister|ministry|officials?|"
                          r"lawmakers?|diplomats?|state\s+(?:tv|television|media|news|broadcaster)|media|news\s+agency|"
                          r"outlets?|counterparts?|embassy|consulate|citizens|nationals|(?:naval\s+|air\s+|military\s+)?"
                          r"bases?|supreme\s+leader|leader|envoy|representatives?|delegation|spokes\w+)\b", re.I)
_VOICE_BEFORE = re.compile(r"\b(?:representatives?|officials?|ministers?|envoys?|delegations?|diplomats?)\s+(?:of|from)\s+"
                           r"(?:\w+\s+(?:and|,)\s+)?$", re.I)
# "pro-Iranian", "Ankara-backed": the state behind a side, also where an alias swallowed it ("Iran-backed militias")
BACKER_RX = re.compile(r"\b[Pp]ro-(?P<pro>[A-Z][\w.]+)|\b(?P<backer>[A-Z][\w.]+)-(?:backed|aligned|allied|supported|"
                       r"sponsored|funded|armed)\b")


def acts(text: str, start: int, end: int) -> bool:
    """Whether the state mentioned at text[start:end] acts in the conflict there."""
    before, after = text[:start], text[end:]
    return not (_LOCATIVE_BEFORE.search(before) or _LOCATIVE_AFTER.match(after) or _VOICE_AFTER.match(after)
                or _VOICE_BEFORE.search(before))


def backers(text: str, states: dict[str, str]) -> list[str]:
    """The states named as backers in a sentence; `states` maps each name,
    alias and adjective of a foreign state to its canonical name."""
    if "-" not in text:
        return []
    return [states[w] for m in BACKER_RX.finditer(text) for w in (m.group("pro") or m.group("backer"),) if w in states]
