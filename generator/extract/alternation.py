"""A long alternation of trigger words compiled for speed.

Python's regex engine tries every alternative of `\\b(?:a|b|...)` at every
word start: with some seventy alternatives that was the largest share of
extraction. Grouped by the letter each alternative can start with, behind a
lookahead for that letter, the engine tries only the few that can match
there, in the same order, so the matches are the same.
"""
from __future__ import annotations

import re

_OPTIONAL = ("?", "*", "{")  # after an item: it may be absent


def _depths(pattern: str):
    """(index, character, depth of parentheses before it) of each character
    of `pattern` outside escapes and character classes."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            yield i, c, depth
            depth += (c == "(") - (c == ")")
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern: `a|(?:b|c)d` → `a`, `(?:b|c)d`."""
    cuts = [i for i, c, depth in _depths(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]


def first_letters(pattern: str) -> set[str] | None:
    """The lower-case letters a match of `pattern` can start with, or None
    where its text does not make that plain (it may then start anywhere)."""
    letters: set[str] = set()
    for alt in split_alternatives(pattern):
        if alt[:1].isascii() and alt[:1].isalpha() and alt[1:2] not in _OPTIONAL:
            letters.add(alt[0].lower())
        elif alt.startswith("(?:"):
            close = next(i for i, c, depth in _depths(alt) if c == ")" and depth == 1)
            inner = first_letters(alt[3:close])
            if inner is None or alt[close + 1:close + 2] in _OPTIONAL:
                return None
            letters |= inner
        else:
            return None
    return letters


def compile_words(groups: list[str], after_digit: frozenset[int] = frozenset(), flags: int = re.I
                  ) -> tuple[re.Pattern, dict[str, int]]:
    """A regex matching what `|`.join(`(?P<tK>\\b(?:groups[K])\\b)`) matches,
    where the groups in `after_digit` may also start right after a digit
    ("40km"). Returns it and the group K of each name `lastgroup` can give."""
    alternatives = [(k, alt, first_letters(alt)) for k, pattern in enumerate(groups)
                    for alt in split_alternatives(pattern)]
    letters = sorted(set().union(*(found for _, _, found in alternatives if found)))
    group_of: dict[str, int] = {}

    def named(k: int, alt: str) -> str:
        name = f"t{k}_{len(group_of)}"  # a name used twice is refused: each copy of an alternative has its own
        group_of[name] = k
        return f"(?P<{name}>(?:{alt})\\b)"

    branches = [f"(?={letter})(?:" + "|".join(named(k, alt) for k, alt, found in alternatives
                                              if found is None or letter in found) + ")" for letter in letters]
    anywhere = [named(k, alt) for k, alt, found in alternatives if found is None]
    if anywhere:  # a word starting with none of those letters
        branches.append(f"(?![{''.join(letters)}])(?:" + "|".join(anywhere) + ")")
    rx = r"\b(?:" + "|".join(branches) + ")"
    # Right after a digit \b does not hold, so none of the above can match there.
    rx += "".join(f"|(?<=\\d){named(k, groups[k])}" for k in sorted(after_digit))
    return re.compile(rx, flags), group_of
