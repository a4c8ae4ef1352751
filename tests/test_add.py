"""`python -m generator add`: pages fetched from a server this module starts
on 127.0.0.1 (a page, a redirect, a 404, an image, an empty page, a section
front without article text, a page too large, a server that never answers),
saved under DIR/articles/ or refused with nothing written."""
from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator import add, fetch, pipeline
from generator.errors import Refused
from generator.load import parse_article

from .conftest import CONTENT, FIXTURES, REPO

PAGES = FIXTURES / "pages"
SEEN_AGENTS: list[str] = []


class Handler(http.server.BaseHTTPRequestHandler):
    """The routes: path → (status, headers, body)."""
    release = threading.Event()  # set at teardown: the silent route's threads end

    def do_GET(self):  # noqa: N802 - the base class's name
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path == "/silent":
            self.release.wait(30)  # accepts, never answers
            return
        routes = {
            "/news/rebels-enter-hama": (200, "text/html; charset=utf-8", (PAGES / "jsonld_news.html").read_bytes()),
            "/go/rastan": (302, None, b""),
            "/syria/opposition-seizes-rastan": (200, "text/html", (PAGES / "og_published_time.html").read_bytes()),
            "/missing": (404, "text/html", b"<html><body><h1>Not found</h1></body></html>"),
            "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            "/empty": (200, "text/html", b""),
            "/syria": (200, "text/html", (PAGES / "no_article_text.html").read_bytes()),
            "/huge": (200, "text/html", b"<html><body>" + b"<p>x</p>" * 20_000 + b"</body></html>"),
            "/huge-unsized": (200, "text/html", b"<html><body>" + b"<p>x</p>" * 20_000 + b"</body></html>"),
        }
        if path not in routes:
            routes[path] = (404, "text/html", b"")
        status, kind, body = routes[path]
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/syria/opposition-seizes-rastan")
        if kind:
            self.send_header("Content-Type", kind)
        if path == "/huge-unsized":  # its size is known only as it is read
            self.send_header("Content-Length", "unknown")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def content(tmp_path) -> Path:
    """A content folder with the registries and the seeds."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator", "add", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_a_page_is_saved_with_its_address_and_read_as_the_build_reads_it(server, content):
    SEEN_AGENTS.clear()
    url = f"{server}/news/rebels-enter-hama"
    added = add.add(url, content, add.saved_addresses(content))
    assert added.src_path == "articles/rebels-enter-hama-as-army-pulls-out.html"
    saved = (content / added.src_path).read_bytes()
    assert saved == f"<!-- saved from url=({len(url):04d}){url} -->\n".encode() + (PAGES / "jsonld_news.html").read_bytes()
    assert SEEN_AGENTS == [fetch.USER_AGENT] and SEEN_AGENTS[0].startswith("Mozilla/5.0 ")
    article, problems = parse_article(saved, added.src_path)
    assert problems == [] and article.title == "Rebels enter Hama as army pulls out"
    assert article.url == "https://levant-ledger.example/news/rebels-enter-hama"  # the page's canonical address


def test_the_command_prints_what_it_read(server, content):
    result = run(f"{server}/news/rebels-enter-hama", "--content", str(content))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        f"saved {server}/news/rebels-enter-hama as articles/rebels-enter-hama-as-army-pulls-out.html",
        "  title: Rebels enter Hama as army pulls out",
        "  published: 2024-12-05",
        "  outlet: Levant Ledger",
        "  places: Aleppo, Damascus, Hama, Homs, Rastan",
        "  event: Syrian opposition entered Hama (undated)"]
    assert "  event: Hayat Tahrir al-Sham entered Hama (2024-12-05)" in lines


def test_a_redirect_is_followed_and_the_page_saved_under_the_address_it_led_to(server, content):
    added = add.add(f"{server}/go/rastan", content, add.saved_addresses(content))
    assert added.src_path == "articles/opposition-seizes-rastan-and-talbiseh-north-of-homs.html"
    assert (content / added.src_path).read_bytes().startswith(
        f"<!-- saved from url=({len(server) + 31:04d}){server}/syria/opposition-seizes-rastan -->".encode())


def test_an_address_added_twice_is_reported_and_saved_once(server, content):
    first = run(f"{server}/news/rebels-enter-hama", "--content", str(content))
    assert first.returncode == 0, first.stderr
    before = files(content)
    # Again, as the same address with a tracking parameter, and as the page's canonical address.
    again = run(f"{server}/news/rebels-enter-hama/?utm_source=feed", "https://levant-ledger.example/news/rebels-"
                "enter-hama", "--content", str(content))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        f"already saved: {server}/news/rebels-enter-hama/?utm_source=feed is "
        "articles/rebels-enter-hama-as-army-pulls-out.html; not saved again",
        "already saved: https://levant-ledger.example/news/rebels-enter-hama is "
        "articles/rebels-enter-hama-as-army-pulls-out.html; not saved again"]
    assert files(content) == before


def test_a_page_saved_by_hand_is_found_by_its_canonical_address(server, content):
    shutil.copy(PAGES / "og_published_time.html", content / "articles" / "by-hand.htm")
    added = add.add(f"{server}/go/rastan", content, add.saved_addresses(content))
    assert (added.already, added.src_path) == (True, "articles/by-hand.htm")


@pytest.mark.parametrize("path, message", [
    ("/missing", "{url}: HTTP 404 Not Found"),
    ("/photo.png", "{url}: not an HTML page (Content-Type: image/png)"),
    ("/empty", "{url}: the page is empty"),
    ("/syria", "{url}: no article text found in the page (only headings, links or page furniture)"),
    ("/huge", "{url}: the page is larger than 100,000 bytes"),
    ("/huge-unsized", "{url}: the page is larger than 100,000 bytes"),
])
def test_a_refused_page_writes_nothing(server, content, path, message):
    before = files(content)
    url = server + path
    with pytest.raises(Refused) as err:
        add.add(url, content, add.saved_addresses(content), max_bytes=100_000)
    assert str(err.value) == message.format(url=url)
    assert files(content) == before


def test_a_server_that_never_answers_is_refused_after_the_timeout(server, content):
    before = files(content)
    result = run(f"{server}/silent", "--timeout", "1", "--content", str(content))
    assert result.returncode == 1
    assert result.stderr.strip() == f"refused: {server}/silent: no answer within 1 s; nothing was saved"
    assert files(content) == before


def test_the_command_exits_1_naming_each_refusal_and_saves_the_others(server, content):
    result = run(f"{server}/missing", "ftp://example.org/x", f"{server}/news/rebels-enter-hama",
                 "--content", str(content))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"refused: {server}/missing: HTTP 404 Not Found; nothing was saved",
        "refused: ftp://example.org/x: not a web address (it must start with http:// or https://); nothing was saved"]
    assert [p.name for p in (content / "articles").glob("*.html")] == ["rebels-enter-hama-as-army-pulls-out.html"]


def test_a_title_never_leads_outside_the_articles_folder(server, content, monkeypatch):
    page = (PAGES / "jsonld_news.html").read_bytes().replace(b"Rebels enter Hama as army pulls out",
                                                              b"../../../etc/passwd")
    monkeypatch.setattr(fetch, "fetch", lambda url, *a: fetch.Fetched(url, url, page))
    added = add.add(f"{server}/x", content, {})
    assert added.src_path == "articles/etc-passwd.html"
    assert sorted(p.parent for p in content.rglob("*.html")) == [content / "articles"]


def test_two_pages_with_one_title_get_two_files(server, content):
    saved = add.saved_addresses(content)
    first = add.add(f"{server}/news/rebels-enter-hama", content, saved)
    page = (content / first.src_path).read_bytes()
    (content / first.src_path).write_bytes(page.replace(b"levant-ledger.example/news/rebels-enter-hama",
                                                        b"levant-ledger.example/news/other"))
    second = add.add(f"{server}/news/rebels-enter-hama?edition=2", content, add.saved_addresses(content))
    assert second.src_path == "articles/rebels-enter-hama-as-army-pulls-out-2.html"
    assert (content / first.src_path).read_bytes() != (content / second.src_path).read_bytes()


def test_a_saved_page_builds_like_any_article(server, content):
    run(f"{server}/news/rebels-enter-hama", "--content", str(content))
    from generator.registry import load_registry
    articles, problems = pipeline.prepare(sorted((content / "articles").iterdir()), load_registry(content),
                                          base=content)
    assert problems == []
    assert "rebels-enter-hama-as-army-pulls-out" in [a.slug for a in articles]


def test_make_add_passes_each_address_whole(tmp_path):
    result = subprocess.run(["make", "-n", "add", "URL=https://a.example/x?a=1&b=2 https://b.example/y;z"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "generator add $ADD_URLS --content content" in result.stdout
