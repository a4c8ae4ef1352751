"""The files a site serves to other programs (feeds, events.csv, JSON and
GeoJSON) stay well-formed whatever an article's title, outlet or text hold."""
import csv
import itertools
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import build
from generator.render import CSV_COLUMNS, csv_cell, xml_text

from .conftest import CONTENT

ATOM = "{http://www.w3.org/2005/Atom}"


def xml_chars(text: str) -> str:
    """The characters of `text` XML 1.0 can hold (its Char production): feeds drop the others."""
    return "".join(c for c in text if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                   or c >= "\U00010000")


NASTY = ["&", "<", ">", "]]>", "<![CDATA[", '"', "'", "&amp;", "\x00", "\x01", "\x0b", "\x1f", "\r", "\r\n", "\t",
         "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\u202e", "\u200f", "שלום", "مرحبا", "😀", "👩🏽‍💻", "\ufeff",
         "{{ x }}", "-->", "=cmd|' /C calc'!A0", ",", ";"]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), min_size=1, max_size=8).map("".join)
# A sentence the extractor reads as an event, so that the exports and the feeds of places have rows.
EVENTS = ["Rebels captured Homs on 5 December 2024.", "The army withdrew from Hama on Friday.",
          "Hayat Tahrir al-Sham seized Aleppo."]


def yaml_quoted(text: str) -> str:
    """A double-quoted YAML scalar holding exactly `text` (every character
    YAML would read otherwise, or refuses raw, as an escape)."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c < " " or "\x7f" <= c <= "\x9f" or c in "\u2028\u2029\ufeff\ufffe\uffff":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


# A title "" is no title: the site takes one from the text.
article = st.fixed_dictionaries({"title": nasty_text.filter(bool), "outlet": nasty_text, "body": nasty_text,
                                 "event": st.sampled_from(EVENTS)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=st.lists(article, min_size=1, max_size=3))
def test_every_feed_and_export_parses_whatever_the_articles_hold(articles):
    with tempfile.TemporaryDirectory() as tmp:
        content, docs = Path(tmp) / "content", Path(tmp) / "build" / "docs"
        shutil.copytree(CONTENT / "registry", content / "registry")
        (content / "articles").mkdir()
        titles = set()
        for k, a in enumerate(articles):
            body = a["body"].replace("\x00", "")  # a file holding a NUL is refused as binary (see load.decode)
            text = (f"---\ntitle: {yaml_quoted(a['title'])}\noutlet: {yaml_quoted(a['outlet'])}\n"
                    f"published: 2024-12-0{k + 1}\n---\n{body}\n\n{a['event']}\n\n{body}\n")
            (content / "articles" / f"a{k}.md").write_text(text, encoding="utf-8")
            titles.add(a["title"])
        report = build.generate(content, docs)
        assert report.articles == len(articles), report.problems
        feeds = sorted(docs.rglob("*.xml"))
        assert len(feeds) >= 3  # the site's feed, a place's and a faction's
        for feed in feeds:
            root = ET.parse(feed).getroot()  # raises on a feed that is not well-formed
            got = {e.find(f"{ATOM}title").text or "" for e in root.iter(f"{ATOM}entry")}
            assert got <= {xml_chars(t) for t in titles}, feed
            if feed == docs / "feed.xml":
                assert got == {xml_chars(t) for t in titles}
        with (docs / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == CSV_COLUMNS and len(rows) > 1
        assert all(len(row) == len(CSV_COLUMNS) for row in rows)
        for path in [*docs.rglob("*.json"), *docs.rglob("*.geojson")]:
            json.loads(path.read_text(encoding="utf-8"))


def test_xml_text_escapes_markup_and_drops_what_xml_cannot_hold():
    text = 'Tanks & troops <b> "in" ]]> Homs\x00\x08\x0b\x0c\x1f\ufffe\r\n\t\u202eحمص 😀'
    assert xml_text(text) == 'Tanks &amp; troops &lt;b&gt; &quot;in&quot; ]]&gt; Homs&#13;\n\t\u202eحمص 😀'
    assert ET.fromstring(f'<t a="{xml_text(text)}">{xml_text(text)}</t>').text == \
        'Tanks & troops <b> "in" ]]> Homs\r\n\t\u202eحمص 😀'


FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("value, cell", [
    *((f"{c}1+2", f"'{c}1+2") for c in FORMULA_STARTS),
    ("Homs", "Homs"), ("", ""), ("a=b", "a=b"), (-35.5, -35.5), (3, 3)])
def test_a_text_cell_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe(value, cell):
    assert csv_cell(value) == cell


def test_events_csv_quotes_formulas_from_the_registry(content_dir, tmp_path):
    # Each place's governorate made to open with one of the characters a spreadsheet reads as a formula
    # (an article's own text reaches no cell: names come from the registry, slugs are [a-z0-9-]).
    places = content_dir / "registry" / "places.yml"
    starts = itertools.cycle(FORMULA_STARTS)
    places.write_text(re.sub(r"governorate: .*", lambda m: f"governorate: {json.dumps(next(starts) + 'SUM(A1)')}",
                             places.read_text(encoding="utf-8")), encoding="utf-8")
    build.generate(content_dir, tmp_path / "docs")
    with (tmp_path / "docs" / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_COLUMNS and len(rows) > 20 and all(len(row) == len(CSV_COLUMNS) for row in rows)
    rows = [dict(zip(CSV_COLUMNS, row)) for row in rows[1:]]  # a CR in a cell is quoted, not the end of a row
    admin1 = {row["admin1"] for row in rows if row["admin1"]}
    assert len(admin1) >= 4 and admin1 <= {f"'{c}SUM(A1)" for c in FORMULA_STARTS}, admin1
    assert all(row["latitude"][:1].isdigit() and row["place"][:1].isalpha() for row in rows if row["latitude"])
