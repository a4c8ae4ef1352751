"""Places no gazetteer holds, recognised from context: "the villages of A,
B and C", "the town of X", "captured X". They are kept as places without
coordinates ("not located"), with the sentence they were read from."""
from __future__ import annotations

import re

_WORD = r"(?:(?:al|el|Al|El|Tal|Tel|Tell|Kafr|Kfar|Deir|Jisr|Ain|Ayn|Bab|Ras|Abu|Umm|Beit|Khan|Jabal|Jebel|Wadi|" \
        r"Sheikh|Qasr|Bir|Maarat|Marat)[- ])?[A-Z][a-zA-Z'’]+(?:-[A-Za-z][a-zA-Z'’]+)*"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_LIST = rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)"
CONTEXT_RX = re.compile(
    rf"\b(?:the\s+)?(?:(?:strategic|nearby|key|small|northern|southern|eastern|western|central|border|"
    rf"frontline|rebel-held|government-held)\s+)?(?:towns?|villages?|cities|city|hamlets?|neighbou?rhoods?|"
    rf"suburbs?|districts?|airbase|air\s+base|military\s+airport|crossing)\s+of\s+{_LIST}")
_STOP = {"The", "A", "An", "This", "That", "These", "Those", "Syria", "Syrian", "Friday", "Saturday", "Sunday",
         "Monday", "Tuesday", "Wednesday", "Thursday", "January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December", "God", "Islam", "Arabic", "English"}


def unlisted_places(sentence: str, known_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, name) of names in place contexts that no registry entry covers."""
    out = []
    for m in CONTEXT_RX.finditer(sentence):
        offset = m.start("names")
        for part in re.finditer(_NAME, m.group("names")):
            start, end = offset + part.start(), offset + part.end()
            name = part.group(0)
            if name in _STOP or name.split()[0] in _STOP or name == "and":
                continue
            if any(a < end and start < b for a, b in known_spans):
                continue
            out.append((start, end, name))
    return out
