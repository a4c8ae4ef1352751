"""A content folder of the seeds plus one fixture of each bad-input class:
every readable article is built, every problem is reported with file, line
and fix, the exit status is 1, no script from the content reaches a page
and no file from outside the content folder reaches the site.

The links leading out of the content folder are made here, in the test's
folder, rather than committed: a committed link's target would depend on
where the repository is checked out."""
import gzip
import os
import shutil
from html.parser import HTMLParser
import subprocess
import sys

import pytest

from .conftest import CONTENT, FIXTURES, REPO


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for fixture in (FIXTURES / "content").iterdir():
        shutil.copy(fixture, content / "articles" / fixture.name)
    (content / "articles" / "long_line.txt").write_text("Rebels advanced on Homs. " * 40_000)
    outside = root / "beyond"
    outside.mkdir()
    (outside / "hostname.txt").write_text(f"{OUTSIDE_MARK}: rebels entered Homs, the build machine said.\n")
    (content / "articles" / "hostname.txt").symlink_to(outside / "hostname.txt")
    (content / "articles" / "elsewhere").symlink_to(outside, target_is_directory=True)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                             "--site", str(root / "site"), "--quiet"], cwd=REPO, capture_output=True, text=True)
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    return root, result, before == after


OUTSIDE_MARK = "outside-the-content-folder-7f3a"


def refused(link: str, target) -> str:
    return (f"{link}: a link to {os.path.realpath(target)}, outside the content folder: refused; copy what it links "
            "to into the content folder instead")


def test_exit_status_is_1_and_each_problem_is_named(bad_build):
    root, result, _ = bad_build
    assert result.returncode == 1
    messages = [line for line in result.stderr.splitlines() if not line.startswith("built ")]
    assert messages == [
        "articles/bad_date.md:3: 'published' must be a date written YYYY-MM-DD, not 'last Thursday'",
        "articles/bad_yaml.md:4: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got "
        "'<stream end>' in front matter; fix the YAML between the '---' lines",
        "articles/billion_laughs.md:3: invalid YAML: YAML aliases (*name) are not allowed; write the value out "
        "in front matter; fix the YAML between the '---' lines",
        "articles/binary.txt: binary data, not text: save the article as UTF-8 text (.txt or .md)",
        "articles/cp1252.txt:1: warning: not UTF-8, read as cp1252; re-save the file as UTF-8",
        refused("articles/elsewhere", root / "beyond"),
        "articles/empty.txt: warning: empty file skipped; add the article's text or delete the file",
        refused("articles/hostname.txt", root / "beyond" / "hostname.txt"),
        "articles/list_as_string.md:3: 'add.places' must be a list such as [Homs], not the string 'Homs'",
        "articles/slug_clash_b.md: slug 'same-slug' is already used by articles/slug_clash_a.md; give one of them "
        "another 'slug:'",
        "articles/slug_escape.md:3: 'slug' must be lowercase letters, digits and hyphens, not '../../outside'",
        "articles/unknown_key.md:3: unknown front-matter key 'publised' (did you mean 'published'?)",
        "articles/whitespace.txt: warning: empty file skipped; add the article's text or delete the file",
    ]
    assert result.stderr.splitlines()[-1].startswith("built 16 articles")


def test_good_articles_are_built_with_distinct_slugs(bad_build):
    site = bad_build[0] / "site"
    for slug in ["000-256aa227eb8e4656", "bom-crlf", "cp1252", "html", "jinja", "markdown-title", "same-title-a",
                 "same-title-b", "same-slug", "long-line", "feed-text", "markup-headline"]:
        assert (site / "articles" / slug / "index.html").is_file(), slug
    assert not any(p.name == "outside" for p in bad_build[0].rglob("*"))


def test_no_file_from_outside_the_content_folder_reaches_the_site(bad_build):
    site = bad_build[0] / "site"
    assert not (site / "articles" / "hostname").exists()
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data.startswith(b"\x1f\x8b"):  # the search index's fragments, the sitemap
                data = gzip.decompress(data)
            assert OUTSIDE_MARK.encode() not in data, path


def test_content_is_untouched(bad_build):
    assert bad_build[2]


class ActiveContent(HTMLParser):
    """Collects what a browser would run or load from the content's fixtures:
    script text, event-handler attributes, javascript: URLs, iframes."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag == "iframe":
            self.found.append("iframe")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or value.startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append("script: " + data[:60])


def test_no_script_or_handler_from_content_reaches_any_page(bad_build):
    site = bad_build[0] / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        parser = ActiveContent()
        parser.feed(page.read_text())
        assert parser.found == [], page
    # The escaped text is there, as text.
    html = (site / "articles" / "html" / "index.html").read_text()
    assert "&lt;img src=\"x\" onerror=\"alert(4)\"&gt;" in html


def test_jinja_and_markdown_in_titles_are_shown_literally(bad_build):
    site = bad_build[0] / "site"
    jinja = (site / "articles" / "jinja" / "index.html").read_text()
    assert "<h1>Template {{ config.site_name }} {% raw %}</h1>" in jinja
    assert 'Rebels entered Rastan {{ config.extra }} and {% include "base.html" %} on Friday.' in jinja
    title = (site / "articles" / "markdown-title" / "index.html").read_text()
    assert "<h1>Homs | Hama # [clicked](http://evil.example) `code` *bold* _it_</h1>" in title
    html = (site / "articles" / "html" / "index.html").read_text()
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in html


def test_every_feed_is_well_formed_and_quotes_titles_as_text(bad_build):
    import xml.etree.ElementTree as ET

    site = bad_build[0] / "site"
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {}
    for feed in site.rglob("*.xml"):  # the site's feed and each place's and faction's; MkDocs' sitemap
        titles[feed.relative_to(site).as_posix()] = [e.findtext(f"{atom}title")
                                                     for e in ET.parse(feed).getroot().iter(f"{atom}entry")]
    assert len(titles) > 20
    # feed_text.md: markup characters come back as text; the control character (U+0001), which XML 1.0
    # cannot hold, is dropped.
    title = 'Tanks & troops <enter> Homs ]]> "at dawn" \u05e9\u05dc\u05d5\u05dd'
    assert title in titles["feed.xml"] and title in titles["places/homs/feed.xml"]
    assert "<script>alert('title')</script> Rebels <img src=x onerror=alert(1)> take Hama" in titles["feed.xml"]


def test_a_pasted_line_of_markup_is_furniture_not_the_headline(bad_build):
    html = (bad_build[0] / "site" / "articles" / "markup-headline" / "index.html").read_text()
    assert "<h1>Rebels push toward Homs as the army pulls back</h1>" in html
    assert '&lt;div class="share"&gt;' in html  # kept aside, as text
