"""Escaping: article text placed in Markdown renders as the same text, never as markup."""
import html as htmllib
import re

import markdown
import pytest

from generator.render import md, yaml_str

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "{{ config.site_name }} {% include 'x' %}",
    "a | b | c",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "`code` *bold* _it_ ~~x~~",
    "AT&T &amp; co",
    "Text {: onclick=\"alert(1)\" }",
])
def test_escaped_text_renders_as_the_same_text(text):
    html = markdown.markdown(md(text), extensions=EXTENSIONS)
    visible = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    assert visible.strip() == text
    assert re.findall(r"<[^>]+>", html) == ["<p>", "</p>"]  # no tag, link or attribute from the text


def test_escaped_text_in_a_table_cell_stays_in_its_cell():
    table = f"| a | b |\n| --- | --- |\n| {md('x | y')} | z |\n"
    html = markdown.markdown(table, extensions=EXTENSIONS)
    assert html.count("<td>") == 2 and "x | y" in html


def test_a_new_event_moves_no_other_days_timeline_pages_nor_the_links_to_them(registry, extractor):
    """The timeline is paged within each day: an event reported on one day
    leaves every other day's pages, and the article pages linking them, as they were."""
    from generator.index import build_index
    from generator.render import render
    from generator.render.lists import TIMELINE_PAGE_SIZE

    from .conftest import article_from

    towns = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town"))

    def article(i: int, day: str, town: str):
        a = article_from(f"---\ntitle: Report {i}\npublished: {day}\n---\nRebels captured {town} on "
                         f"December {int(day[-2:])}, report {i} said.\n", f"articles/a{i:03}.md")
        a.extraction = extractor.extract(a)
        return a

    older = [article(i, "2024-12-01", towns[i]) for i in range(TIMELINE_PAGE_SIZE + 5)]
    newer = [article(100 + i, "2024-12-05", towns[50 + i]) for i in range(TIMELINE_PAGE_SIZE + 5)]
    before = render(build_index(older + newer, registry)[0])
    after = render(build_index(older + newer + [article(200, "2024-12-05", towns[90])], registry)[0])
    day = "timeline/2024/12/01"
    continued = [dest for dest in before if dest.startswith(f"{day}/page/")]
    assert continued
    for dest in (f"{day}.md", *continued, *(f"articles/{a.slug}.md" for a in older)):
        assert after[dest] == before[dest], dest
    assert after["timeline/2024/12/05.md"] != before["timeline/2024/12/05.md"]
    # Article pages link each event on the page of its day that shows it: the first or a later one.
    for a in older:
        link, anchor = re.search(r"\]\(\.\./(timeline/[^)#]+)#(ev-\w+)\)", before[f"articles/{a.slug}.md"]).groups()
        assert link.startswith(day) and f'id="{anchor}"' in before[link]
    assert any(f"](../{continued[0]}#ev-" in before[f"articles/{a.slug}.md"] for a in older)


def test_one_more_article_changes_few_pages_of_a_long_list(registry, extractor):
    """Long lists are cut where their content says (see generator.paging):
    an article added at the top or in the middle of a place's 400 changes
    its first page and the pages near it, not every page of the list."""
    from generator.index import build_index
    from generator.render import render

    from .conftest import article_from

    def article(i: int, day: int):
        a = article_from(f"---\ntitle: Report {i}\npublished: 2024-11-{day:02}\n---\nFighting near Daraa "
                         f"went on, report {i} said.\n", f"articles/a{i:03}.md")
        a.extraction = extractor.extract(a)
        return a

    articles = [article(i, 1 + i % 28) for i in range(400)]
    before = render(build_index(articles, registry)[0])
    pages = sorted(dest for dest in before if dest.startswith("places/daraa/page/"))
    assert len(pages) >= 7
    for added in (article(500, 30), article(501, 14)):  # the newest, then one in the middle
        after = render(build_index(articles + [added], registry)[0])
        changed = [dest for dest in pages if after.get(dest) != before[dest]]
        assert len(changed) <= 3, changed
        lists = [dest for dest in after if dest.startswith(("places/daraa.md", "places/daraa/page/"))]
        assert sum(after[dest].count("](../") - after[dest].count("](../../places/daraa.md") for dest in lists) \
            >= 401  # every article is still listed


def test_the_timeline_follows_the_count_of_days_it_does_not_list(registry, extractor):
    """The timeline's page lists its latest days and counts the others: a
    day added past those it lists changes the count, so the page is
    rendered again though its latest events are as they were."""
    import datetime

    from generator.index import build_index
    from generator.model import UNCHANGED
    from generator.render import Last, render, render_into
    from generator.render.pages import TIMELINE_DAYS

    from .conftest import article_from

    towns = sorted(n for n, p in registry.places.items() if p.kind == "town")

    def article(i: int, day: datetime.date):
        a = article_from(f"---\ntitle: Report {i}\npublished: {day}\n---\nRebels captured {towns[i]}.\n",
                         f"articles/t{i:03}.md")
        a.extraction = extractor.extract(a)
        return a

    first = datetime.date(2024, 11, 1)
    articles = [article(i, first + datetime.timedelta(days=i + 1)) for i in range(TIMELINE_DAYS + 3)]
    before = render_into({}, build_index(articles, registry)[0])
    older = build_index(articles + [article(TIMELINE_DAYS + 3, first)], registry)[0]
    out = {}
    render_into(out, older, last=Last(before.fingerprints))
    assert out["timeline/index.md"] is not UNCHANGED
    assert out["timeline/index.md"] == render(older)["timeline/index.md"]
    assert "4 days more" in out["timeline/index.md"]


def test_yaml_str_is_a_quoted_html_escaped_string():
    import yaml

    assert yaml.safe_load(f"title: {yaml_str('<b>a</b>: x # y')}") == {"title": "&lt;b&gt;a&lt;/b&gt;: x # y"}


def test_pages_are_paginated_and_every_pager_link_resolves(registry, extractor):
    import posixpath

    from generator.index import build_index
    from generator.render import render
    from generator.render.lists import CONTINUED_SIZE, EVENTS_CONTINUED_SIZE, EVENTS_PAGE_SIZE, PAGE_SIZE

    from .conftest import article_from

    articles = []
    others = sorted(n for n, p in registry.places.items() if p.kind in ("city", "town") and n != "Daraa")[:70]
    for i in range(PAGE_SIZE * 2 + 7):
        # Every article reports Daraa, and one more place each: enough events for two timeline pages.
        article = article_from(f"Rebels captured Daraa and {others[i % len(others)]} on Friday, report {i} said.\n",
                               f"articles/a{i:03}.txt")
        article.extraction = extractor.extract(article)
        articles.append(article)
    briefing, _ = build_index(articles, registry)
    files = render(briefing)

    def chain(first: str, text: str) -> list[str]:
        """A list's continued pages, newest first: the first page's link `text`, then each "Older" link."""
        pages, here = [], first
        while found := re.search(r"\[" + text + r" →\]\(([^)]+)\)", files[here]):
            here = posixpath.normpath(posixpath.join(posixpath.dirname(here), found.group(1)))
            pages.append(here)
            text = "Older"
        return pages

    first = files["places/daraa.md"]
    pages = chain("places/daraa.md", "Older articles")
    listed = [files[p].count("](../../../articles/") for p in pages]
    assert 1 <= first.count("](../articles/") <= PAGE_SIZE and all(1 <= n <= CONTINUED_SIZE for n in listed)
    assert first.count("](../articles/") + sum(listed) == len(articles)
    assert sorted(pages) == sorted(d for d in files if d.startswith("places/daraa/page/"))
    faction = "factions/syrian-opposition.md"
    events = chain(faction, "Older events")
    assert events and sorted(events) == sorted(d for d in files if d.startswith("factions/syrian-opposition/events/"))
    assert files[faction].split("## Articles")[0].count("\n| [") <= EVENTS_PAGE_SIZE
    assert all(files[d].count("\n| [") <= EVENTS_CONTINUED_SIZE for d in events)
    assert any(d.startswith("articles/page/") for d in files)
    assert any(d.startswith("timeline/undated/page/") for d in files)  # the articles state no date: nor do their events
    anchors = later = 0
    for dest, text in files.items():
        if dest.endswith(".md"):  # each link as the generator wrote it: no builder's hook points it elsewhere
            for link, anchor in re.findall(r"\]\(([^)#\s]+\.md)(?:#([\w-]+))?\)", text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), link))
                assert target in files, f"{dest} links {link}"
                if anchor.startswith("ev-"):
                    anchors += 1
                    later += "/page/" in target
                    assert f'id="{anchor}"' in files[target], f"{dest} links {link}#{anchor}"
    assert anchors > PAGE_SIZE and later > 0  # the undated events fill more than one timeline page




def test_the_maps_data_is_one_list_of_changes_that_gives_the_holder_of_any_day(registry, extractor):
    """data/control.json: each place's changes of control once (not a snapshot a day), from which the
    holder as of a day is the latest change on or before it, as fuse.control_history says."""
    import json

    from generator.index import build_index
    from generator.paths import slugify
    from generator.render import render

    from .conftest import article_from

    towns = sorted(n for n, p in registry.places.items() if p.kind == "town" and p.located)
    first, second = towns[3], towns[7]
    texts = [("2024-12-01", f"Rebels captured {first} on December 1, the report said."),
             ("2024-12-03", f"Rebels captured {second} on December 3, the report said."),
             ("2024-12-05", f"Syrian government forces captured {first} on December 5, the report said."),
             ("2024-12-06", f"Syrian government forces shelled {second} on December 6, the report said."),
             # Two reports of a capture on a later day of the spell: as of then, it is corroborated.
             ("2024-12-20", f"Rebels captured {second} on December 20, one report said."),
             ("2024-12-20", f"Rebels captured {second} on December 20, another report said.")]
    articles = []
    for i, (day, body) in enumerate(texts):
        a = article_from(f"---\ntitle: Report {i}\npublished: {day}\n---\n{body}\n", f"articles/a{i}.md")
        a.extraction = extractor.extract(a)
        articles.append(a)
    briefing = build_index(articles, registry)[0]
    pages = render(briefing)
    data = json.loads(pages["data/control.json"])

    assert data["days"] == ["2024-12-01", "2024-12-03", "2024-12-05", "2024-12-06", "2024-12-20"]
    # A row a spell, and one more where a later day's report changes its status.
    assert len(data["changes"]) == sum(len(spells) for spells in briefing.history.values()) + 1 == 4
    names = [p[0] for p in data["places"]]
    capitals = [p[0] for p in data["places"] if p[5]]
    assert names[:len(capitals)] == capitals and "Damascus" in capitals  # labelled first
    assert {first, second} <= set(names)

    def as_of(day: str, place: str) -> tuple | None:
        k = data["days"].index(day)
        found = [c for c in data["changes"] if names[c[0]] == place and c[1] is not None and c[1] <= k]
        return (data["holders"][found[-1][2]][0], data["statuses"][found[-1][4]],
                data["days"][found[-1][5]]) if found else None

    opposition, government = ("Syrian opposition", "claimed", "2024-12-01"), \
        ("Syrian government forces", "claimed", "2024-12-05")
    assert [as_of(d, first) for d in data["days"]] == [opposition, opposition, government, government, government]
    held = ("Syrian opposition", "claimed", "2024-12-03")
    assert [as_of(d, second) for d in data["days"]] == [
        None, held, held, held, ("Syrian opposition", "corroborated", "2024-12-03")]
    # The place's page has its control history, the map linked at each day.
    page = pages[f"places/{slugify(first)}.md"]
    assert "## Control history, newest first (2)" in page
    assert page.index("?as_of=2024-12-05") < page.index("?as_of=2024-12-01")


def test_a_long_control_history_continues_on_pages_of_its_own(registry, extractor):
    """A place that changed hands many times keeps a light page: its latest spells, then older pages,
    each spell on exactly one of them."""
    import datetime as dt

    from generator.index import build_index
    from generator.paths import slugify
    from generator.render import render
    from generator.render.lists import HISTORY_PAGE_SIZE

    from .conftest import article_from

    town = sorted(n for n, p in registry.places.items() if p.kind == "town" and p.located)[5]
    sides = ("Rebels", "Syrian government forces")
    articles = []
    for i in range(2 * HISTORY_PAGE_SIZE + 3):  # a month apart: fusion keeps them apart
        day = dt.date(2022, 1, 1) + dt.timedelta(days=30 * i)
        a = article_from(f"---\ntitle: Report {i}\npublished: {day}\n---\n{sides[i % 2]} captured {town} on "
                         f"{day:%B} {day.day}, report {i} said.\n", f"articles/h{i:03}.md")
        a.extraction = extractor.extract(a)
        articles.append(a)
    briefing = build_index(articles, registry)[0]
    assert len(briefing.history[town]) == len(articles)
    pages = render(briefing)
    stem = f"places/{slugify(town)}"
    first = pages[f"{stem}.md"]
    later = {dest: text for dest, text in pages.items() if dest.startswith(f"{stem}/control/")}
    assert later, "no continued page of the control history"
    assert 0 < first.count("· [map](") <= HISTORY_PAGE_SIZE  # cut where the content says (see paging)
    assert "Older control history" in first
    shown = [day for text in [first, *later.values()] for day in re.findall(r"as_of=(\d{4}-\d{2}-\d{2})", text)]
    assert sorted(shown) == sorted(c.since for c in briefing.history[town])
    assert all("control history" in text.split("\n", 3)[1] for text in later.values())


def test_a_spell_with_many_reports_shows_the_first_how_many_more_and_the_latest(registry, extractor):
    import datetime as dt

    from generator.index import build_index
    from generator.paths import slugify
    from generator.render import render
    from generator.render.markdown import SPELL_EVENTS

    from .conftest import article_from

    town = sorted(n for n, p in registry.places.items() if p.kind == "town" and p.located)[9]
    days = [dt.date(2022, 1, 1) + dt.timedelta(days=30 * i) for i in range(SPELL_EVENTS + 2)]
    articles = []
    for i, day in enumerate(days):  # the same holder each month: one spell, a fused event a month
        a = article_from(f"---\ntitle: Report {i}\npublished: {day}\n---\nRebels captured {town} on "
                         f"{day:%B} {day.day}, report {i} said.\n", f"articles/s{i}.md")
        a.extraction = extractor.extract(a)
        articles.append(a)
    briefing = build_index(articles, registry)[0]
    (spell,) = briefing.history[town]
    assert len(spell.events) == len(days)
    row = next(line for line in render(briefing)[f"places/{slugify(town)}.md"].splitlines()
               if line.startswith(f"| [{days[0]}]"))
    assert f"captured, {days[0]}" in row and f"; {len(days) - 2} more; the latest: " in row
    assert f"captured, {days[-1]}" in row and f"captured, {days[1]}" not in row
