"""Search as you type: the panel under the header's search box, driven in
Chromium on the seed site (its index split in bundles, see `site_server`).

The fixtures come from test_browser: every page is checked there for requests
to another host and for console and page errors.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import pagefind_pages
from .test_browser import (  # noqa: F401 - fixtures, found by pytest under these names
    DESKTOP, PHONE, PLACE, SCREENSHOTS, _new_page, browser_chromium, browser_page, browser_page_factory,
    covered_by, heading, horizontal_overflow, hostile_site_server, path_of, search, site_server, visit)

PANEL = "#bf-search-panel"
ALIAS, CANONICAL = "Dayr az Zawr", "/places/deir-ez-zor/"  # shares no word with the page's name "Deir ez-Zor"


# --- helpers ------------------------------------------------------------------

def type_in_box(page: Page, query: str, key_by_key: bool = True) -> None:
    """Type `query` into the header's box as a reader does, without Enter,
    and return once the panel shows the answer to the whole query."""
    box = page.locator(".bf-search-input")
    box.click()
    if key_by_key:
        box.press_sequentially(query, delay=40)
    else:
        box.fill(query)
    wait_for_panel(page, query)


def wait_for_panel(page: Page, query: str) -> None:
    # The panel's last row names the query it answers: "All results for “q”" or "No results for “q”".
    last = page.locator(f"{PANEL}:visible [role=option]").last
    last.filter(has_text=re.compile(rf"^\s*(All|No) results for “{re.escape(query)}”\s*$")).wait_for()


def panel_results(page: Page) -> list[str]:
    """The pages the panel lists, as site paths, best first (not the last row's link to the search page)."""
    return page.locator(f"{PANEL} a[role=option]").evaluate_all(
        "links => links.map(a => new URL(a.href)).filter(u => !u.pathname.endsWith('/search/')).map(u => u.pathname)")


def option(page: Page, path: str):
    return page.locator(f'{PANEL} a[role=option][href$="{path}"]')


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two CSS colours ("rgb(...)"/"rgba(...)"), the first blended over the second."""
    def channels(css: str) -> list[float]:
        values = [float(v) for v in re.findall(r"[\d.]+", css)]
        return values + [1.0] * (4 - len(values))

    *back, back_alpha = channels(bg)
    assert back_alpha == 1, f"the panel's background is see-through: {bg}"
    *front, alpha = channels(fg)
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(front, back)]

    def luminance(rgb: list[float]) -> float:
        lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted([luminance(blended), luminance(back)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- what a reader sees while typing ---------------------------------------------

def test_typing_an_alias_lists_its_canonical_page_without_enter(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/")
    type_in_box(page, ALIAS)
    assert path_of(page) == "/", "typing left the page"
    results = panel_results(page)
    assert CANONICAL in results, f"typing {ALIAS!r} listed {results}"
    assert 1 <= len(results) <= 8
    row = option(page, CANONICAL)
    assert row.locator(".bf-search-title").inner_text() == "Deir ez-Zor"
    assert row.locator("mark").count() > 0, "the excerpt marks no match"
    # The last row opens the full search page for the query.
    last = page.locator(f"{PANEL} [role=option]").last
    url = urlsplit(last.get_attribute("href") or "")
    assert (url.path, parse_qs(url.query)) == ("/search/", {"q": [ALIAS]})
    # The combobox pattern, and a polite live region saying how many.
    box = page.locator(".bf-search-input")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator(f"#{box.get_attribute('aria-controls')}").get_attribute("role") == "listbox"
    status = page.locator(".bf-search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.fullmatch(r"\d+ results?(, the first 8 listed)?", status.inner_text()), status.inner_text()
    assert int(status.inner_text().split()[0]) >= len(results)
    # Readable in the light theme: the header's white text does not reach the panel.
    colours = row.evaluate("""row => [row.querySelector('.bf-search-title'), row.querySelector('.bf-search-excerpt'),
        document.querySelector('#bf-search-panel [role=option]:last-child')].map(el => getComputedStyle(el).color)
        .concat(getComputedStyle(document.querySelector('#bf-search-panel')).backgroundColor)""")
    *texts, background = colours
    for text in texts:
        assert contrast(text, background) >= 4.5, f"{text} on {background}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desktop-search-panel.png"))


def test_panel_lists_pages_of_every_bundle(browser_page, site_server):
    """An article indexed only in an extra bundle (see site_server) is listed by its title."""
    bundles = json.loads((site_server.root / "pagefind" / "bundles.json").read_text())
    assert len(bundles) >= 2, bundles
    visit(browser_page, site_server, "/")
    for name in ["pagefind", *bundles]:
        article = next(f for f in pagefind_pages(site_server.root / name) if f["url"].startswith("/articles/"))
        type_in_box(browser_page, article["meta"]["title"], key_by_key=False)
        results = panel_results(browser_page)
        assert article["url"] in results, f"{name}: typing {article['meta']['title']!r} listed {results}"


def test_a_late_answer_to_an_older_query_never_replaces_the_newer(browser_page, site_server):
    """The first query's best result loads slowly; the panel keeps the second query's results."""
    page, root = browser_page, site_server.root
    bundles = ["pagefind", *json.loads((root / "pagefind" / "bundles.json").read_text())]
    fragment = next(f for name in bundles
                    for f, p in zip(sorted((root / name / "fragment").iterdir()), pagefind_pages(root / name))
                    if p["url"] == CANONICAL)
    slow_path = "/" + fragment.relative_to(root).as_posix()
    newer, newer_page = "Levant Liberation Organization", "/factions/hayat-tahrir-al-sham/"
    visit(page, site_server, "/")
    site_server.slow[slow_path] = 3.0
    try:
        with page.context.expect_event("requestfinished", lambda r: r.url.endswith(slow_path), timeout=20_000):
            with page.context.expect_event("request", lambda r: r.url.endswith(slow_path)):
                page.locator(".bf-search-input").click()
                page.locator(".bf-search-input").fill(ALIAS)  # its answer now waits on the slow fragment
            type_in_box(page, newer, key_by_key=False)
            assert newer_page in panel_results(page)
    finally:
        del site_server.slow[slow_path]
    page.wait_for_timeout(500)  # time for the older answer to be drawn, were it drawn
    last_row = " ".join(page.locator(f"{PANEL} [role=option]").last.inner_text().split())
    results = panel_results(page)
    assert last_row == f"All results for “{newer}”", f"the panel answers an older query: {last_row!r}, {results}"
    assert newer_page in results and CANONICAL not in results, results


def test_panel_on_the_search_page_lists_each_page_once(browser_page, site_server):
    """The search page's own UI has merged the bundles into Pagefind already;
    the panel's search must not merge them a second time."""
    page = browser_page
    visit(page, site_server, "/")
    query = "Levant Liberation Organization"
    assert "/factions/hayat-tahrir-al-sham/" in search(page, query)  # now on the search page
    type_in_box(page, query, key_by_key=False)
    results = panel_results(page)
    assert "/factions/hayat-tahrir-al-sham/" in results
    assert len(results) == len(set(results)), f"the panel lists a page twice: {results}"


# --- keyboard, Enter and closing -------------------------------------------------

def test_arrow_keys_choose_a_result_and_enter_opens_it(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/")
    type_in_box(page, ALIAS)
    box, options = page.locator(".bf-search-input"), page.locator(f"{PANEL} [role=option]")
    assert options.count() >= 3

    def chosen() -> int:
        selected = [i for i in range(options.count()) if options.nth(i).get_attribute("aria-selected") == "true"]
        active = box.get_attribute("aria-activedescendant")
        assert len(selected) <= 1 and (active == (options.nth(selected[0]).get_attribute("id") if selected else None))
        return selected[0] if selected else -1

    assert chosen() == -1
    box.press("ArrowDown")
    assert chosen() == 0
    box.press("ArrowDown")
    assert chosen() == 1
    box.press("ArrowUp")
    assert chosen() == 0
    box.press("ArrowUp")
    assert chosen() == -1, "ArrowUp from the first result goes back to the box"
    box.press("ArrowUp")
    assert chosen() == options.count() - 1, "ArrowUp from the box goes round to the last row"
    box.press("ArrowDown")
    assert chosen() == -1, "ArrowDown from the last row goes round to the box"
    box.press("ArrowDown")
    assert chosen() == 0
    assert page.evaluate("window.scrollY") == 0, "choosing a result scrolled the page"
    target = urlsplit(options.nth(0).get_attribute("href") or "").path
    title = options.nth(0).locator(".bf-search-title").inner_text()
    with page.expect_navigation():
        box.press("Enter")
    assert path_of(page) == target
    assert heading(page) == title


def test_enter_with_no_result_chosen_opens_the_search_page(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/")
    type_in_box(page, ALIAS)
    assert page.locator(PANEL).is_visible()
    # search() presses Enter in the box with the panel open and nothing chosen, then reads the search page.
    results = search(page, ALIAS)
    assert (path_of(page), parse_qs(urlsplit(page.url).query)) == ("/search/", {"q": [ALIAS]})
    assert CANONICAL in results, results


def test_escape_or_a_click_outside_closes_the_panel_and_keeps_the_text(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/")
    type_in_box(page, ALIAS)
    box, panel = page.locator(".bf-search-input"), page.locator(PANEL)
    box.press("ArrowDown")
    box.press("Escape")
    assert panel.is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == ALIAS
    box.press("ArrowDown")  # opens it again, the same results
    assert panel.is_visible() and CANONICAL in panel_results(page)
    page.locator(".md-content h1").first.click(position={"x": 5, "y": 5})  # its left end, clear of the panel
    assert panel.is_hidden()
    assert box.input_value() == ALIAS
    assert path_of(page) == "/"


def test_a_page_not_searched_fetches_no_index(browser_page, site_server):
    page = browser_page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    visit(page, site_server, PLACE)
    page.wait_for_timeout(500)
    assert not [p for p in fetched if p.startswith("/pagefind")], fetched
    with page.expect_request(lambda r: urlsplit(r.url).path == "/pagefind/pagefind.js"):
        page.locator(".bf-search-input").focus()


# --- layout: phone, maps ------------------------------------------------------------

def test_panel_on_a_phone(browser_page_factory, site_server):
    page = browser_page_factory(PHONE)
    visit(page, site_server, PLACE)
    type_in_box(page, "Levant Liberation Organization")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "phone-search-panel.png"))
    box = page.locator(PANEL).bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    header = page.locator(".md-header").bounding_box()
    assert header and box["y"] >= header["y"] + header["height"] - 1, (box, header)
    scroll_width, client_width, culprits = horizontal_overflow(page)
    assert scroll_width <= client_width + 1, f"scrolls sideways: {scroll_width} > {client_width}: {culprits}"
    row = option(page, "/factions/hayat-tahrir-al-sham/")
    assert covered_by(page, f"{PANEL} [role=option]", "body") == []
    with page.expect_navigation():
        row.click()
    assert path_of(page) == "/factions/hayat-tahrir-al-sham/"


# The place page's locator map is narrow: on a desktop it lies left of the panel, on a phone under it.
@pytest.mark.parametrize("path, map_selector, viewport", [("/map/", ".bf-map", DESKTOP), (PLACE, ".bf-locator", PHONE)])
def test_panel_lies_above_the_maps(browser_page_factory, site_server, path, map_selector, viewport):
    page = browser_page_factory(viewport)
    visit(page, site_server, path)
    # Bring the map just under the header, where the panel opens.
    page.evaluate("""sel => { const top = document.querySelector(sel).getBoundingClientRect().top;
        window.scrollBy(0, top - document.querySelector('.md-header').getBoundingClientRect().bottom - 20); }""",
                  map_selector)
    type_in_box(page, ALIAS)
    panel, drawn = page.locator(PANEL).bounding_box(), page.locator(map_selector).bounding_box()
    assert panel and drawn
    overlap = (min(panel["y"] + panel["height"], drawn["y"] + drawn["height"]) - max(panel["y"], drawn["y"]),
               min(panel["x"] + panel["width"], drawn["x"] + drawn["width"]) - max(panel["x"], drawn["x"]))
    assert min(overlap) > 50, f"the panel {panel} does not reach over the map {drawn}: nothing is tested"
    hidden = covered_by(page, f"{PANEL} [role=option]", f"{map_selector}, .leaflet-container")
    assert not hidden, f"the map covers {hidden}"


# --- hostile content ------------------------------------------------------------------

def test_scripts_in_articles_never_run_in_the_search_panel(browser_chromium, hostile_site_server, request):
    page = _new_page(browser_chromium, hostile_site_server, DESKTOP, request)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visit(page, hostile_site_server, "/")
    type_in_box(page, "onerror")
    assert "/articles/html/" in panel_results(page)
    row = option(page, "/articles/html/")
    # The title and excerpt show the article's markup as text, the match marked.
    assert "<script>alert('title')</script>" in row.locator(".bf-search-title").inner_text()
    assert "onerror" in " ".join(row.locator("mark").all_inner_texts())
    page.wait_for_timeout(500)  # any injected handler would have fired by now
    assert dialogs == []
    tags = page.locator(PANEL).evaluate("p => [...new Set([...p.querySelectorAll('*')].map(e => e.tagName))]")
    assert set(tags) <= {"A", "SPAN", "MARK", "DIV"}, tags
