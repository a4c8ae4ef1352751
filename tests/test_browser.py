"""The site as a reader uses it: built from content/, served, driven in Chromium.

One session builds the seed site (content/ of the repository) into a temporary
folder and serves it on 127.0.0.1; every test gets a fresh browser context.
Every test, through the `browser_page` fixture, also checks that the pages it
visited made no request to another host and logged no console or page error.

Screenshots of the main pages (desktop and phone) land in build/screenshots/
for a person to look at; the layout tests assert what a machine can judge
(no horizontal scrolling).

Chromium comes from Debian (`make browser`, run by `make test`); without it
these tests fail rather than skip, so a missing browser cannot pass unnoticed.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from generator.build import build

from .conftest import pagefind_pages

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
SITE_NAME = "Syria briefing"  # site_name in mkdocs.yml: document titles are "<page> - Syria briefing"

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Pages of the seed content used below. They are facts of content/, not of the
# generator: if the seed articles change, these may need to follow.
ARTICLE = "/articles/002-56e75cb3a8a73a42/"   # Stern: headings, events, several places
PLACE = "/places/daraa/"                      # control, locator map, events table


# --- the site, built once and served ----------------------------------------

@dataclass
class Site:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    root: Path  # the built site served
    slow: dict[str, float]  # seconds a path's response waits, as a slow network's: the server's own dict

    def at(self, path: str) -> str:
        return self.url + path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, slow: dict[str, float], **kwargs):
        self.slow = slow  # the base class handles the request as it is made
        super().__init__(*args, **kwargs)

    def do_GET(self):
        time.sleep(self.slow.get(urlsplit(self.path).path, 0))
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")  # its threads end with the module
def site_server(tmp_path_factory) -> Site:
    """The seed site, its search index split in bundles of 15 pages as a large
    site's is, so every search test also checks that the bundles merge."""
    tmp = tmp_path_factory.mktemp("browser-site")
    yield from _serve(ROOT / "content", tmp, search_batch=15)


@pytest.fixture(scope="module")  # its threads end with the module
def hostile_site_server(tmp_path_factory) -> Site:
    """The seeds plus articles whose text is HTML, scripts and template syntax."""
    tmp = tmp_path_factory.mktemp("hostile-site")
    shutil.copytree(ROOT / "content", tmp / "content")
    for name in ("html.md", "jinja.md", "markdown_title.md"):
        shutil.copy(ROOT / "tests" / "fixtures" / "content" / name, tmp / "content" / "articles" / name)
    yield from _serve(tmp / "content", tmp)


@pytest.fixture(scope="module")  # its threads end with the module
def unnamed_site_server(tmp_path_factory) -> Site:
    """The seeds plus an article whose withdrawal names no one: a place lost by unnamed forces."""
    tmp = tmp_path_factory.mktemp("unnamed-site")
    shutil.copytree(ROOT / "content", tmp / "content")
    (tmp / "content" / "articles" / "unnamed.md").write_text(
        "---\ntitle: Troops leave a town\npublished: 2024-12-04\n---\n"
        "Troops withdrew from Rastan on December 3, residents said.\n", encoding="utf-8")
    yield from _serve(tmp / "content", tmp)


def _serve(content: Path, tmp: Path, search_batch: int | None = None):
    extra = {"search_batch": search_batch} if search_batch else {}
    report = build(content, tmp / "site", docs_dir=tmp / "docs", quiet=True, **extra)
    bundles = json.loads((tmp / "site" / "pagefind" / "bundles.json").read_text())
    assert bool(bundles) == bool(search_batch), bundles
    assert report.articles > 0, "the content built no article"
    slow: dict[str, float] = {}
    handler = functools.partial(_QuietHandler, directory=str(tmp / "site"), slow=slow)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", tmp / "site", slow)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- the browser --------------------------------------------------------------

def _chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        pytest.fail(f"Chromium not found (looked for `chromium` on PATH and {path}). The browser tests need "
                    "Debian's chromium: run `make browser` (or `apt-get install chromium` as root); "
                    "`make test` installs it.", pytrace=False)
    return path


@pytest.fixture(scope="module")  # its threads end with the module
def browser_chromium() -> Browser:
    executable = _chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageGuard:
    """What the pages of one test did that a static, self-contained site must not."""
    allowed_netloc: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):  # no network involved
            return False
        return parts.scheme not in ("http", "https") or parts.netloc != self.allowed_netloc

    def watch(self, context: BrowserContext) -> None:
        def route(r):
            self.requests.append(r.request.url)
            if self.is_foreign(r.request.url):
                r.abort()  # recorded, so the test fails; no waiting on the outside network
            else:
                r.continue_()
        # Routing and the request event both see the requests of pages and of
        # their workers (Material's search runs in one); either would do.
        context.route("**/*", route)
        context.on("request", lambda req: self.requests.append(req.url))

        def console(msg):
            if msg.type == "error":  # a failed load (404, aborted request) is one too
                self.console_errors.append(f"{msg.page.url if msg.page else '?'}: {msg.text}")
        context.on("console", console)
        context.on("weberror", lambda err: self.page_errors.append(
            f"{err.page.url if err.page else '?'}: {err.error}"))

    def problems(self) -> list[str]:
        foreign = sorted({u for u in self.requests if self.is_foreign(u)})
        return ([f"request to another host: {u}" for u in foreign]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors])


def _new_page(browser: Browser, site: Site, viewport: dict, request) -> Page:
    # Service workers blocked: requests they served would bypass routing.
    context = browser.new_context(viewport=viewport, service_workers="block")
    context.set_default_timeout(10_000)
    guard = PageGuard(urlsplit(site.url).netloc)
    guard.watch(context)

    def check():
        try:
            problems = guard.problems()
        finally:
            context.close()
        if problems:
            pytest.fail("the pages visited misbehaved:\n  " + "\n  ".join(problems), pytrace=False)
    request.addfinalizer(check)
    return context.new_page()


@pytest.fixture
def browser_page(browser_chromium, site_server, request) -> Page:
    """A desktop-sized page in a fresh context. At teardown the test fails if
    any visited page requested another host or logged an error."""
    return _new_page(browser_chromium, site_server, DESKTOP, request)


@pytest.fixture
def browser_page_factory(browser_chromium, site_server, request):
    """Pages of a chosen viewport, each checked like `browser_page`."""
    return lambda viewport: _new_page(browser_chromium, site_server, viewport, request)


# --- helpers ------------------------------------------------------------------

def visit(page: Page, site: Site, path: str) -> None:
    response = page.goto(site.at(path), wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"
    wait_for_maps(page)


def wait_for_maps(page: Page) -> None:
    """Maps draw after fetching their data: wait for their markers."""
    # briefing-map.js sets data-markers once its data (control.json, or places.geojson) is drawn.
    page.wait_for_function("() => [...document.querySelectorAll('.bf-map[data-control], .bf-map[data-places]')]"
                           ".every(el => el.hasAttribute('data-markers'))")
    if page.locator(".bf-locator").count():
        page.locator(".bf-locator .bf-marker").first.wait_for(state="attached")


def click_through(page: Page, link) -> None:
    """Click a link and wait for the page it leads to (a bare click returns
    before the navigation starts)."""
    with page.expect_navigation():
        link.click()


def heading(page: Page) -> str:
    return " ".join(page.locator(".md-content h1").first.inner_text().split())


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the site's search as a reader would and return the
    pages the results link to, as site paths ("/places/daraa/"), best first.

    All knowledge of the search UI lives here: the header's search form
    opens the search page, where Pagefind's UI shows the results."""
    box = page.locator(".bf-search-input")
    assert box.count() == 1, f"no search box on {page.url}"
    box.click()
    box.fill(query)
    # A navigation each time: from the search page itself, waiting for its URL alone
    # would read the previous query's results before the new page loads.
    with page.expect_navigation(url="**/search/?q=*"):
        box.press("Enter")
    # "N results for X" / "No results for X" once Pagefind has answered (the UI
    # re-renders the message, so it is looked up afresh each time), then every
    # result shown loaded: each result stands as a placeholder until its fragment
    # arrives, in no fixed order, and sub-results carry result links too, so a
    # count of links can be reached while the best result is still loading.
    page.wait_for_function("""() => {
        const m = document.querySelector(".pagefind-ui__message");
        if (!m) return false;
        if (/^\\s*no results/i.test(m.textContent)) return true;
        const n = parseInt(m.textContent, 10);
        return /results? for/i.test(m.textContent) &&
            document.querySelectorAll("li.pagefind-ui__result").length >= Math.min(n, 5) &&
            !document.querySelector(".pagefind-ui__results .pagefind-ui__loading");
    }""")
    hrefs = page.locator("a.pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")
    paths: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path  # drop #section
        if path not in paths:
            paths.append(path)
    return paths


def horizontal_overflow(page: Page) -> tuple[int, int, list[str]]:
    """(scrollWidth, clientWidth, the outermost elements reaching past the right edge)."""
    return page.evaluate("""() => {
        const root = document.documentElement, limit = root.clientWidth + 1;
        const wide = el => el.getBoundingClientRect().right > limit;
        const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            [...el.classList].map(c => '.' + c).join('');
        const culprits = [...document.body.querySelectorAll('*')]
            .filter(el => wide(el) && !wide(el.parentElement)).slice(0, 8).map(name);
        return [root.scrollWidth, root.clientWidth, culprits];
    }""")


def places_geojson(site: Site) -> list[dict]:
    with urllib.request.urlopen(site.at("/data/places.geojson"), timeout=10) as r:
        return json.load(r)["features"]


# --- search -------------------------------------------------------------------

@pytest.mark.parametrize("query, canonical", [
    # The reader's spelling. It also matches "Deir" in the page's title (and an
    # article that writes "Deir Essor"), so it would pass without aliases too;
    # the next case is the one that needs the alias list.
    ("Deir Essor", "/places/deir-ez-zor/"),
    # Shares no word with "Deir ez-Zor": only the page's alias list can match it.
    ("Dayr az Zawr", "/places/deir-ez-zor/"),
    ("Levant Liberation Organization", "/factions/hayat-tahrir-al-sham/"),
])
def test_search_finds_the_canonical_page_by_an_alias(browser_page, site_server, query, canonical):
    visit(browser_page, site_server, "/")
    results = search(browser_page, query)
    assert canonical in results, f"searching {query!r} gave {results}"


def test_search_finds_an_article_by_a_word_of_its_body(browser_page, site_server):
    visit(browser_page, site_server, "/")
    # "bloodily" occurs only in the body of the Stern article, not in its title.
    results = search(browser_page, "bloodily")
    assert ARTICLE in results, f"searching 'bloodily' gave {results}"


def test_search_finds_articles_of_every_bundle(browser_page, site_server):
    """The seed site's index is split in bundles (see site_server): an article
    indexed only in an extra bundle is found by its title."""
    bundles = json.loads((site_server.root / "pagefind" / "bundles.json").read_text())
    assert len(bundles) >= 2, bundles
    visit(browser_page, site_server, "/")
    for name in bundles:
        article = next(f for f in pagefind_pages(site_server.root / name) if f["url"].startswith("/articles/"))
        results = search(browser_page, article["meta"]["title"])
        message = browser_page.locator(".pagefind-ui__message").inner_text()  # the count the UI showed, for a failure
        assert article["url"] in results, f"{name}: searching {article['meta']['title']!r} gave {results} ({message})"


def test_search_reads_results_once_each_has_loaded(browser_page, site_server):
    """Keeps search() honest: the best result's fragment, served last, is
    still among the results it reads, though the others loaded long before."""
    root = site_server.root
    bundles = ["pagefind", *json.loads((root / "pagefind" / "bundles.json").read_text())]
    # pagefind_pages reads a bundle's fragments in file order: each page beside its fragment's file
    fragment, article = next((f, p) for name in bundles
                             for f, p in zip(sorted((root / name / "fragment").iterdir()), pagefind_pages(root / name))
                             if p["url"].startswith("/articles/"))
    slow_path = "/" + fragment.relative_to(root).as_posix()
    visit(browser_page, site_server, "/")
    site_server.slow[slow_path] = 3.0
    try:
        results = search(browser_page, article["meta"]["title"])
    finally:
        del site_server.slow[slow_path]
    assert article["url"] in results, f"searching {article['meta']['title']!r} gave {results}"


def test_search_works_on_a_phone(browser_page_factory, site_server):
    # On a phone the box stays in the header, narrower: typing and Enter work there too.
    page = browser_page_factory(PHONE)
    visit(page, site_server, PLACE)
    results = search(page, "Levant Liberation Organization")
    assert "/factions/hayat-tahrir-al-sham/" in results, results


def test_search_without_a_match_shows_no_result(browser_page, site_server):
    # Keeps search() honest: it reads results, not any link on the page.
    visit(browser_page, site_server, "/")
    assert search(browser_page, "xqzvwplk") == []


# --- navigation ---------------------------------------------------------------

def test_navigation_home_article_place_faction_date(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/")
    assert heading(page).startswith(SITE_NAME)
    assert page.title() == f"Briefing - {SITE_NAME}"

    def follow(link, section: str) -> str:
        """Click `link`; the page reached is in `section` and titled by the link's text."""
        assert link.count(), f"no link to {section} on {path_of(page)}"
        text = " ".join(link.first.inner_text().split())
        click_through(page, link.first)
        assert path_of(page).startswith(f"/{section}/"), f"{text!r} led to {page.url}"
        assert heading(page) == text
        assert page.title() == f"{text} - {SITE_NAME}"
        return text

    follow(page.locator("#latest-articles + ul a[href*='articles/']"), "articles")
    # The place links of the "What this article reports" list.
    follow(page.locator(".md-content li", has=page.locator("strong", has_text=re.compile(r"^Places:$")))
           .locator("a[href*='places/']"), "places")
    follow(page.locator(".md-content a[href*='factions/']"), "factions")
    date = follow(page.locator(".md-content a[href*='dates/']"), "dates")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)


# --- map ----------------------------------------------------------------------

def test_map_draws_one_marker_per_located_place(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/map/")
    features = places_geojson(site_server)
    assert features, "places.geojson has no place"
    assert len({f["properties"]["url"] for f in features}) == len(features), "a place appears twice"
    assert page.locator("#bf-map").get_attribute("data-markers") == str(len(features))
    assert page.locator("#bf-map .bf-marker").count() == len(features)


def test_home_thumbnail_draws_the_latest_holders_from_places_geojson(browser_page, site_server):
    """The home page needs the latest day only: places.geojson, not every day's control.json."""
    page, fetched = browser_page, []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    visit(page, site_server, "/")
    features = places_geojson(site_server)
    assert page.locator(".bf-map-thumb .bf-marker").count() == len(features) > 0
    assert "/data/places.geojson" in fetched and "/data/control.json" not in fetched
    fills = page.locator(".bf-map-thumb path.bf-marker").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    held = sum(f["properties"]["holder"] is not None for f in features)
    assert len(fills) - fills.count("#ffffff") - fills.count("#9e9e9e") == held


def test_map_marker_popup_leads_to_the_place(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/map/")
    names = {f["properties"]["name"]: f["properties"]["url"] for f in places_geojson(site_server)}
    # Markers can overlap: click the centre of one that is on top there.
    point = page.evaluate("""() => {
        for (const m of document.querySelectorAll('#bf-map .bf-marker')) {
            const r = m.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (document.elementFromPoint(x, y) === m) return [x, y];
        }
        return null;
    }""")
    assert point, "no marker can be clicked: every one is covered"
    page.mouse.click(*point)
    link = page.locator(".leaflet-popup a.bf-popup-link")
    link.wait_for(state="visible")
    name = link.inner_text().strip()
    assert name in names, f"the popup names {name!r}, not a place of places.geojson"
    click_through(page, link)
    assert path_of(page) == "/" + names[name]
    assert heading(page) == name


def control_data(site: Site) -> dict:
    with urllib.request.urlopen(site.at("/data/control.json"), timeout=10) as r:
        return json.load(r)


def holders_as_of(data: dict, day: str) -> dict[str, str]:
    """What the list under the map should say as of `day`: each place's latest change
    on or before it (undated ones on the latest day alone), as data/control.json gives them."""
    k, last, found = data["days"].index(day), len(data["days"]) - 1, {}
    for place, when, holder, lost_by, *_ in data["changes"]:
        if (k == last) if when is None else when <= k:
            loser = data["holders"][lost_by][0] if lost_by >= 0 else "unnamed forces"
            found[data["places"][place][0]] = data["holders"][holder][0] if holder >= 0 else f"unknown (lost by {loser})"
    return found


def listed_holders(page: Page) -> dict[str, str]:
    rows = page.locator("#bf-asof-places tbody tr")
    return {" ".join(r[0].split()): " ".join(r[1].split())
            for r in (row.locator("td").all_inner_texts() for row in rows.all())}


def day_shown(page: Page) -> str:
    return page.locator(".bf-asof-day").inner_text()


def test_map_day_control_shows_the_holders_of_each_day(browser_page, site_server):
    """Two days apart, the list under the map and the legend say what the control history says;
    the slider moves from the keyboard and the address follows it."""
    page, data = browser_page, control_data(site_server)
    first, second = data["days"][0], data["days"][-1]
    assert holders_as_of(data, first) != holders_as_of(data, second), "the seed days do not differ: no test"
    visit(page, site_server, f"/map/?as_of={first}")
    assert day_shown(page) == "As of " + long_day(first)
    assert listed_holders(page) == holders_as_of(data, first)
    slider = page.locator("#bf-asof-slider")
    slider.focus()
    for _ in range(len(data["days"]) - 1):
        page.keyboard.press("ArrowRight")
    assert day_shown(page) == "As of " + long_day(second)
    assert listed_holders(page) == holders_as_of(data, second)
    assert urlsplit(page.url).query == f"as_of={second}"
    # The legend counts the markers of each colour as of the day; white: no reported change yet.
    fills = page.locator("#bf-map path.bf-marker").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    legend = {row.get_attribute("data-colour"): int(row.locator(".bf-legend-count").inner_text())
              for row in page.locator(".bf-legend-item").all()}
    assert {colour: n for colour, n in legend.items() if n} == {c: fills.count(c) for c in set(fills)}
    located = {p[0] for p in data["places"] if p[2] is not None and p[4]}
    assert legend["#ffffff"] == len(located - holders_as_of(data, second).keys())
    # A colour standing for several holders says how many places each holds.
    held = [holder for place, holder in holders_as_of(data, second).items()
            if place in located and not holder.startswith("unknown")]
    said = " ".join(page.locator(".bf-legend-holders").all_inner_texts())
    several = {name: held.count(name) for name in set(held)}
    assert len(several) > 2, "the seed day has too few holders: no test"
    for name, n in several.items():
        assert f"{name} {n}" in said or f"{name}" not in said, (name, n, said)
    assert sum(f"{name} {n}" in said for name, n in several.items()) >= 2, said


def long_day(iso: str) -> str:
    """How the map writes a day: 7 December 2024."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def test_map_without_a_day_shows_the_latest_and_buttons_step_through_days(browser_page, site_server):
    page, data = browser_page, control_data(site_server)
    visit(page, site_server, "/map/")
    last = data["days"][-1]
    assert day_shown(page) == "As of " + long_day(last)
    assert listed_holders(page) == holders_as_of(data, last)
    next_day = page.locator(".bf-step[aria-label='Next day']")
    assert next_day.get_attribute("aria-disabled") == "true"
    page.locator(".bf-step[aria-label='Previous day']").click()
    assert urlsplit(page.url).query == f"as_of={data['days'][-2]}"
    assert listed_holders(page) == holders_as_of(data, data["days"][-2])
    # From the keyboard to the end and past it: the focus stays on the button, the day on the last.
    next_day.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert day_shown(page) == "As of " + long_day(last)
    assert next_day.get_attribute("aria-disabled") == "true"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Next day"


def test_map_plays_the_days_in_turn(browser_page, site_server):
    page, data = browser_page, control_data(site_server)
    visit(page, site_server, f"/map/?as_of={data['days'][0]}")
    seen = []
    page.expose_function("seen", lambda text: seen.append(text))
    page.evaluate("""() => new MutationObserver(() => window.seen(document.querySelector('.bf-asof-day').textContent))
        .observe(document.querySelector('.bf-asof-day'), {childList: true, characterData: true, subtree: true})""")
    summary = page.locator(".bf-asof-summary")
    assert summary.get_attribute("aria-live") == "polite"
    # The day shown is not a live region: the slider's value says it, and the summary once a step.
    assert page.locator(".bf-asof-day").evaluate("el => el.tagName") != "OUTPUT"
    assert page.locator(".bf-asof-day").get_attribute("aria-live") in (None, "off")
    play = page.locator(".bf-play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    assert summary.get_attribute("aria-live") == "off", "the summary would speak every step of play"
    page.wait_for_function("() => document.querySelector('.bf-play').getAttribute('aria-pressed') === 'false'",
                           timeout=15_000)
    assert seen == ["As of " + long_day(d) for d in data["days"][1:]]
    assert urlsplit(page.url).query == f"as_of={data['days'][-1]}"
    assert summary.get_attribute("aria-live") == "polite"
    assert summary.inner_text().startswith("As of " + long_day(data["days"][-1]))


def test_map_reads_a_day_between_days_and_says_when_it_cannot(browser_page, site_server):
    page, data = browser_page, control_data(site_server)
    first, last = data["days"][0], data["days"][-1]
    after_first = (dt.date.fromisoformat(first) + dt.timedelta(days=1)).isoformat()
    assert after_first not in data["days"]
    visit(page, site_server, f"/map/?as_of={after_first}")  # a day with no event: the day before it
    assert day_shown(page) == "As of " + long_day(first)
    assert page.locator(".bf-asof-note").is_hidden()
    visit(page, site_server, "/map/?as_of=yesterday")
    assert day_shown(page) == "As of " + long_day(last)
    assert "not a day" in page.locator(".bf-asof-note").inner_text()


def test_map_labels_name_the_main_places_without_covering_each_other(browser_page_factory, site_server):
    data = control_data(site_server)
    for viewport in (DESKTOP, PHONE):
        page = browser_page_factory(viewport)
        visit(page, site_server, "/map/")
        boxes = page.locator("#bf-map .bf-label").evaluate_all("""els => els
            .filter(el => getComputedStyle(el).display !== 'none')
            .map(el => { const r = el.getBoundingClientRect(); return [el.textContent, r.x, r.y, r.width, r.height]; })""")
        shown = {b[0] for b in boxes}
        capitals = {p[0] for p in data["places"] if p[5]}
        assert len(shown & capitals) >= len(capitals) // 2, f"{viewport['width']}px: labels {sorted(shown)}"
        if viewport is DESKTOP:
            assert {"Damascus", "Aleppo"} <= shown
        for k, a in enumerate(boxes):
            assert a[3] > 0 and a[4] > 0, a
            for b in boxes[k + 1:]:
                overlap = a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]
                assert not overlap, f"{viewport['width']}px: the labels {a[0]!r} and {b[0]!r} overlap"


def test_map_on_a_phone_has_its_day_control_and_list_in_the_width(browser_page_factory, site_server):
    page, data = browser_page_factory(PHONE), control_data(site_server)
    visit(page, site_server, f"/map/?as_of={data['days'][0]}")
    for selector in ("#bf-asof-slider", ".bf-play", ".bf-step[aria-label='Next day']", "#bf-asof-places table"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (selector, box)
    page.locator(".bf-step[aria-label='Next day']").click()
    assert listed_holders(page) == holders_as_of(data, data["days"][1])
    scroll_width, client_width, culprits = horizontal_overflow(page)
    assert scroll_width <= client_width + 1, culprits


def test_map_screenshots_of_three_days(browser_page, site_server):
    """For a person to look at: the map on its first, a middle and its last day."""
    page, data = browser_page, control_data(site_server)
    days = data["days"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for day in (days[0], days[len(days) // 2], days[-1]):
        visit(page, site_server, f"/map/?as_of={day}")
        assert listed_holders(page) == holders_as_of(data, day)
        path = SCREENSHOTS / f"map-as-of-{day}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def test_place_page_control_history_links_the_map_on_that_day(browser_page, site_server):
    page = browser_page
    visit(page, site_server, PLACE)
    table = page.locator(".md-content table", has=page.locator("th", has_text="Reported by"))
    assert table.count() == 1, "no control history table on the place page"
    row = table.locator("tbody tr").first  # newest first: the latest spell
    assert row.locator("a", has_text="captured").count() >= 1, row.inner_text()
    day = row.locator("td").first.locator("a").first.inner_text()
    holder = " ".join(row.locator("td").nth(1).inner_text().split()).removeprefix("held by ")
    click_through(page, row.locator("a", has_text=re.compile(r"^map$")))
    wait_for_maps(page)
    assert path_of(page) == "/map/" and urlsplit(page.url).query == f"as_of={day}"
    assert day_shown(page) == "As of " + long_day(day)
    assert listed_holders(page)["Daraa"] == holder


def test_control_page_opens_the_map_as_of_a_chosen_day(browser_page, site_server):
    page, data = browser_page, control_data(site_server)
    visit(page, site_server, "/control/")
    page.locator("#bf-asof-day").fill(data["days"][0])
    with page.expect_navigation():
        page.locator(".bf-asof-form button").click()
    wait_for_maps(page)
    assert path_of(page) == "/map/"
    assert day_shown(page) == "As of " + long_day(data["days"][0])
    assert listed_holders(page) == holders_as_of(data, data["days"][0])


def test_map_shows_a_place_lost_by_unnamed_forces(browser_chromium, unnamed_site_server, request):
    page = _new_page(browser_chromium, unnamed_site_server, DESKTOP, request)
    data = control_data(unnamed_site_server)
    assert [c for c in data["changes"] if c[2] == c[3] == -1], "no change without holder and loser: no test"
    visit(page, unnamed_site_server, "/map/?as_of=2024-12-03")
    assert listed_holders(page)["Rastan"] == "unknown (lost by unnamed forces)"


def test_the_bench_counts_what_a_first_visit_to_the_map_fetches(site_server):
    """make bench reports map_first_visit_kb: here on the seed site, at least the outlines and the
    control data the map draws, gzipped as a static host sends them."""
    from generator.bench import _browser_bytes

    # In a thread of its own: this module's browser runs Playwright's loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        fetched = pool.submit(_browser_bytes, site_server.root, 60).result()["map"]
    assert fetched["note"] is None, fetched["note"]
    drawn = sum(len(gzip.compress((site_server.root / path).read_bytes()))
                for path in ("assets/vendor/countries-50m.json", "data/control.json", "assets/briefing-map.js"))
    assert drawn / 1024 < fetched["kb"] < 500, fetched


# --- timeline and control -----------------------------------------------------

def test_timeline_shows_fused_events(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/timeline/")
    corroborated = page.locator(".bf-event", has=page.locator(".bf-badge.bf-corroborated"))
    assert corroborated.count() > 0, "no corroborated event on the timeline"
    assert corroborated.first.locator(".bf-badge.bf-corroborated").is_visible()
    # Corroborated means fused from two or more articles: the line says how many.
    reports = re.search(r"· (\d+) articles?", corroborated.first.inner_text())
    assert reports and int(reports.group(1)) >= 2, corroborated.first.inner_text()


def test_control_table_has_a_row_for_daraa(browser_page, site_server):
    page = browser_page
    visit(page, site_server, "/control/")
    row = page.locator(".md-content table tbody tr",
                       has=page.locator("td:first-child a", has_text=re.compile(r"^Daraa$")))
    assert row.count() == 1
    cells = [" ".join(c.split()) for c in row.locator("td").all_inner_texts()]
    assert cells[1], "no holder for Daraa"
    assert row.locator(".bf-badge").count() == 1
    click_through(page, row.locator("td:first-child a"))
    assert path_of(page) == PLACE


# --- layout on desktop and phone, with screenshots ------------------------------

LAYOUT_PAGES = {"home": "/", "article": ARTICLE, "place": PLACE, "map": "/map/", "timeline": "/timeline/"}


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(LAYOUT_PAGES))
def test_layout_has_no_horizontal_scroll(browser_page_factory, site_server, viewport_name, name):
    viewport = VIEWPORTS[viewport_name]
    page = browser_page_factory(viewport)
    visit(page, site_server, LAYOUT_PAGES[name])
    assert page.locator(".md-content h1").first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Before the assertion, so a failing layout still leaves its picture.
    page.screenshot(path=str(SCREENSHOTS / f"{viewport_name}-{name}.png"), full_page=True)
    scroll_width, client_width, culprits = horizontal_overflow(page)
    assert scroll_width <= client_width + 1, (
        f"{LAYOUT_PAGES[name]} scrolls sideways at {viewport['width']}px: {scroll_width} > {client_width}; "
        f"reaching past the edge: {culprits}")


# --- defects found by looking at the site, now guarded --------------------------

def covered_by(page: Page, selector: str, cover: str) -> list[str]:
    """Elements matching `selector` (inside the viewport) whose centre is
    under an element matching `cover` that takes the click, by text or tag."""
    return page.evaluate("""([selector, cover]) => [...document.querySelectorAll(selector)].filter(el => {
            const r = el.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (!r.width || x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
            const top = document.elementFromPoint(x, y);
            return top && top !== el && !el.contains(top) && top.closest(cover);
        }).map(el => el.textContent.trim() || el.tagName)""", [selector, cover])


def test_phone_menu_is_not_painted_over_by_the_map(browser_page_factory, site_server):
    page = browser_page_factory(PHONE)
    visit(page, site_server, "/map/")
    page.locator('label.md-header__button[for="__drawer"]').click()
    drawer = page.locator(".md-sidebar--primary")
    # Wait for the drawer to finish sliding in.
    page.wait_for_function("el => el.getBoundingClientRect().left >= 0", arg=drawer.element_handle())
    page.wait_for_timeout(300)
    # The map does not catch the pointer over the menu, so hit-testing cannot
    # see this: compare the drawer's pixels with and without the map behind it.
    with_map = drawer.screenshot()
    page.add_style_tag(content=".bf-map { visibility: hidden !important; }")
    assert drawer.screenshot() == with_map, "the map is painted over the open menu"


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
def test_map_legend_hides_no_marker(browser_page_factory, site_server, viewport_name):
    page = browser_page_factory(VIEWPORTS[viewport_name])
    visit(page, site_server, "/map/")
    hidden = covered_by(page, "#bf-map .bf-marker", ".leaflet-control")
    assert not hidden, f"{len(hidden)} markers under the map's controls"


# --- hostile content ------------------------------------------------------------

def test_scripts_in_articles_never_run_on_their_page_or_in_search(browser_chromium, hostile_site_server, request):
    page = _new_page(browser_chromium, hostile_site_server, DESKTOP, request)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visit(page, hostile_site_server, "/articles/html/")
    assert "<script>alert('body')</script>" in page.locator(".md-content").inner_text()
    visit(page, hostile_site_server, "/")
    results = search(page, "onerror")
    assert "/articles/html/" in results
    page.wait_for_timeout(500)  # any injected handler would have fired by now
    assert dialogs == []
    assert page.locator(".pagefind-ui__results img, .pagefind-ui__results script").count() == 0
