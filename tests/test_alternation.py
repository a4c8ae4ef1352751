"""generator.extract.alternation: the trigger regex grouped by first letter
finds exactly what the plain alternation finds."""
import re
from pathlib import Path

import pytest

from generator.corpus import synthetic_corpus
from generator.extract import events
from generator.extract.alternation import compile_words, first_letters, split_alternatives
from generator.registry import load_registry

from .conftest import CONTENT, FIXTURES

PATTERNS = [p for _, p, _ in events._TRIGGERS]
AFTER_DIGIT = frozenset(k for k, p in enumerate(PATTERNS) if "km" in p)


def plain(patterns, after_digit):
    """The alternation the grouped regex stands for, alternative by alternative in order."""
    starts = {True: r"(?:\b|(?<=\d))", False: r"\b"}
    return re.compile("|".join(f"(?P<t{k}>{starts[k in after_digit]}(?:{p})\\b)" for k, p in enumerate(patterns)),
                      re.I)


def matches(rx, group_of, text):
    return [(m.start(), m.end(), group_of(m.lastgroup)) for m in rx.finditer(text)]


def test_alternatives_and_their_first_letters():
    assert split_alternatives(r"a|(?:b|c)d|[|x]|e\|f") == ["a", "(?:b|c)d", "[|x]", r"e\|f"]
    assert first_letters(r"took|(?:Ga|wo)n\s+over") == {"t", "g", "w"}
    assert first_letters(r"(?:re)?take") is None      # optional: it may start with "t"
    assert first_letters(r"s?hell") is None
    assert first_letters(r"[a-c]ross") is None       # not plain from the text: anywhere


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for folder in (CONTENT / "articles", FIXTURES)
             for p in sorted(Path(folder).rglob("*")) if p.is_file() and p.suffix in (".txt", ".md")]
    texts += synthetic_corpus(150, load_registry(CONTENT), 0).values()
    texts += ["Rebels were 40km from Damascus, 3 kilometres short of it.", "THEY RETOOK CONTROL OF HAMA.",
              "Zealots ceded control of it; 5advancing on Homs", "re-captured_ Recaptured _took over",
              "The army began retreating to its outskirts.", "Jets later hit the city."]
    return [s for text in texts for s in re.split(r"(?<=[.!?\n])\s+", text) if s]


def test_the_grouped_trigger_regex_matches_as_the_plain_alternation():
    sentences = _sentences()
    reference = plain(PATTERNS, AFTER_DIGIT)
    found = [matches(events._TRIGGER_RX, events._TRIGGER_OF.__getitem__, s) for s in sentences]
    assert found == [matches(reference, lambda name: int(name[1:]), s) for s in sentences]
    assert sum(map(len, found)) > 1000  # the sentences do hold triggers of every kind
    assert {k for f in found for _, _, k in f} == set(range(len(PATTERNS)))


@pytest.mark.parametrize("text", ["zebras took over", "_taking over", "9miles from", "Quietly retreated from"])
def test_alternatives_that_may_start_anywhere_are_tried_at_every_word(text):
    patterns = [r"(?:re)?treat(?:ed)?\s+from|(?:_|z)?\w+\s+over|tak(?:e|ing)\s+control\s+of", r"miles\s+from"]
    rx, group_of = compile_words(patterns, frozenset({1}))
    assert matches(rx, group_of.__getitem__, text) == matches(plain(patterns, {1}), lambda n: int(n[1:]), text)
    assert matches(rx, group_of.__getitem__, text)
