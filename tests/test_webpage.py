"""Saved web pages as articles: text and metadata read with trafilatura, a
sidecar NAME.yml overriding them, the date from the address as the last
resort, and the built page showing the article without the site around it.

The pages under fixtures/pages were written for these tests: each carries a
cookie banner, navigation, "most read" or related links, a caption or a
newsletter box and a footer, none of which is article text."""
from __future__ import annotations

import shutil

import pytest

from generator import build, pipeline
from generator.clean import clean
from generator.dates import date_from_url
from generator.errors import ContentError
from generator.load import parse_article, read_source
from generator.webpage import read_page, saved_from, saved_from_mark

from .conftest import CONTENT, FIXTURES

PAGES = FIXTURES / "pages"
# Text of each fixture that is not the article's: it must never reach the text.
NOT_ARTICLE = ["cookies", "Accept all", "Newsletter", "Opinion", "Most read", "Latakia port", "Idlib market",
               "Related", "Protests spread in Daraa", "SDF reinforces", "AFP Photo", "roundabout",
               "All rights reserved", "Privacy", "Share on", "Copy link", "Sign up", "More stories",
               "Aleppo airport", "Tal Rifaat", "Popular this week", "How Aleppo fell", "independent news"]


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def load(src_path: str, data: bytes):
    article, problems = parse_article(data, src_path)
    return clean(article), problems


def assert_only_article_text(text: str) -> None:
    leaked = [s for s in NOT_ARTICLE if s.casefold() in text.casefold()]
    assert not leaked, leaked


def test_json_ld_gives_date_author_outlet_and_the_text_alone():
    p = read_page(page("jsonld_news.html"))
    assert (p.title, p.published, p.author, p.outlet, p.url) == (
        "Rebels enter Hama as army pulls out", "2024-12-05", "Mariam Haddad", "Levant Ledger",
        "https://levant-ledger.example/news/rebels-enter-hama")
    lines = p.text.split("\n")
    # The headline inside <article> is the title, not the first line of text.
    assert lines[0].startswith("Opposition fighters led by Hayat Tahrir al-Sham entered the central city of Hama")
    assert lines[-1].startswith("Russian and Syrian warplanes struck the town of Rastan overnight")
    assert "A road south" in lines  # a sub-heading stays
    assert_only_article_text(p.text)


def test_article_published_time_gives_the_date_and_a_newsletter_box_is_left_out():
    p = read_page(page("og_published_time.html"))
    assert (p.title, p.published, p.author, p.outlet, p.url) == (
        "Opposition seizes Rastan and Talbiseh north of Homs", "2024-12-06", "Karim Nassar", "Orontes Daily",
        "https://www.orontes-daily.example/syria/opposition-seizes-rastan")
    assert len(p.text.split("\n")) == 5
    assert_only_article_text(p.text)


def test_a_page_dated_only_by_its_address_takes_the_date_from_its_canonical_address():
    data = page("dated_by_address.html")
    assert read_page(data).published is None  # no date markup; the sidebar's dates are not the page's
    article, problems = load("articles/dated_by_address.html", data)
    assert problems == []
    assert article.url == "https://www.southern-dispatch.example/syria/southern-factions-take-daraa-december-7-2024"
    assert article.published == date_from_url(article.url) == "2024-12-07"
    assert_only_article_text(article.body)


def test_the_pages_metadata_date_wins_over_its_address():
    data = page("og_published_time.html").replace(b"syria/opposition-seizes-rastan",
                                                  b"2024/12/01/opposition-seizes-rastan")
    article, _ = load("articles/x.html", data)
    assert article.published == "2024-12-06"


def test_a_page_with_no_article_text_is_an_error_naming_the_file():
    with pytest.raises(ContentError) as err:
        parse_article(page("no_article_text.html"), "articles/no_article_text.html")
    assert str(err.value) == ("articles/no_article_text.html: no article text found in the saved page (only "
                              "headings, links or page furniture): save the article's own page, or paste its text "
                              "into a .txt file")


def test_a_frame_saved_with_a_complete_page_is_not_an_article():
    assert parse_article(page("no_article_text.html"), "articles/story_files/ad.html") == (None, [])


def test_an_address_written_atop_a_saved_page_is_its_address_when_it_has_no_canonical_one():
    data = page("dated_by_address.html")
    data = data.replace(b'<link rel="canonical" href="https://www.southern-dispatch.example/syria/'
                        b'southern-factions-take-daraa-december-7-2024">', b"")
    url = "https://southern-dispatch.example/2024/12/07/daraa"
    assert saved_from(saved_from_mark(url) + data) == url
    article, _ = load("articles/x.html", saved_from_mark(url) + data)
    assert (article.url, article.published) == (url, "2024-12-07")


# --- the sidecar ---------------------------------------------------------------

def saved(tmp_path, name: str, sidecar: str | None = None):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    shutil.copy(PAGES / name, folder / name)
    if sidecar is not None:
        (folder / name).with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    return folder / name


def test_a_sidecar_overrides_and_adds_fields_with_the_front_matters_schema(tmp_path):
    path = saved(tmp_path, "dated_by_address.html",
                 "published: 2024-12-06\noutlet: Southern Dispatch (Amman)\nadd:\n  places: [Suran]\n")
    article, problems = load("articles/dated_by_address.html", read_source(path))
    assert problems == []
    assert (article.published, article.outlet, article.title) == (
        "2024-12-06", "Southern Dispatch (Amman)", "Southern factions say they have taken Daraa")
    assert article.meta["add"] == {"places": ["Suran"]}


@pytest.mark.parametrize("sidecar, message", [
    ("publised: 2024-12-06\n", "articles/jsonld_news.yml:1: unknown front-matter key 'publised' (did you mean "
                               "'published'?)"),
    ("title: x\npublished: last week\n", "articles/jsonld_news.yml:2: 'published' must be a date written "
                                          "YYYY-MM-DD, not 'last week'"),
    ("title: [unclosed\n", "articles/jsonld_news.yml:1: invalid YAML: while parsing a flow sequence; expected ',' "
                           "or ']', but got '<stream end>'; fix the YAML of this sidecar"),
])
def test_a_broken_sidecar_is_an_error_naming_the_sidecar_and_its_line(tmp_path, sidecar, message):
    path = saved(tmp_path, "jsonld_news.html", sidecar)
    with pytest.raises(ContentError) as err:
        parse_article(read_source(path), "articles/jsonld_news.html")
    assert str(err.value) == message


def test_the_cache_follows_a_sidecar_added_edited_and_removed(tmp_path, registry):
    path = saved(tmp_path, "jsonld_news.html")
    cache_dir = tmp_path / "cache"

    def outlet():
        articles, problems = pipeline.prepare([path], registry, base=tmp_path, cache_dir=cache_dir)
        assert problems == []
        return articles[0].outlet

    assert outlet() == "Levant Ledger"
    sidecar = path.with_suffix(".yml")
    sidecar.write_text("outlet: Ledger A\n")
    assert outlet() == "Ledger A"
    sidecar.write_text("outlet: Ledger B\n")
    assert outlet() == "Ledger B"
    sidecar.unlink()
    assert outlet() == "Levant Ledger"


# --- the built page --------------------------------------------------------------

@pytest.fixture(scope="module")
def pages_site(tmp_path_factory):
    """The seeds and the saved pages, built with MkDocs."""
    root = tmp_path_factory.mktemp("pages_site")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for name in ("jsonld_news.html", "og_published_time.html", "dated_by_address.html", "no_article_text.html"):
        shutil.copy(PAGES / name, content / "articles" / name)
    report = build.build(content, root / "site", quiet=True, docs_dir=root / "docs")
    return root, report


def test_the_built_page_shows_the_articles_text_without_the_site_around_it(pages_site):
    root, report = pages_site
    html = (root / "site" / "articles" / "jsonld-news" / "index.html").read_text(encoding="utf-8")
    main = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    assert "<h1" in main and "Rebels enter Hama as army pulls out</h1>" in main
    assert "Opposition fighters led by Hayat Tahrir al-Sham entered the central city of Hama" in main
    assert "Russian and Syrian warplanes struck the town of Rastan overnight" in main
    assert "Mariam Haddad" in main and "Levant Ledger" in main
    assert 'href="https://levant-ledger.example/news/rebels-enter-hama"' in main
    assert_only_article_text(main.replace("Original article", ""))


def test_a_page_without_article_text_is_reported_and_the_others_build(pages_site):
    root, report = pages_site
    assert [str(p) for p in report.problems if p.severity == "error"] == [
        "articles/no_article_text.html: no article text found in the saved page (only headings, links or page "
        "furniture): save the article's own page, or paste its text into a .txt file"]
    assert (root / "site" / "articles" / "dated-by-address" / "index.html").exists()
    assert not (root / "site" / "articles" / "no-article-text").exists()
    assert (root / "content" / "articles" / "no_article_text.html").read_bytes() == page("no_article_text.html")


def test_a_sidecar_not_in_utf8_is_read_with_a_warning_naming_it(tmp_path):
    path = saved(tmp_path, "jsonld_news.html")
    path.with_suffix(".yml").write_bytes("outlet: Le Caf\xe9\n".encode("cp1252"))
    article, problems = parse_article(read_source(path), "articles/jsonld_news.html")
    assert article.outlet == "Le Café"
    assert [str(p) for p in problems] == ["articles/jsonld_news.yml:1: warning: not UTF-8, read as cp1252; re-save "
                                          "the file as UTF-8"]


def test_a_sidecar_linking_outside_the_content_folder_is_refused(tmp_path, registry):
    outside = tmp_path / "secret.yml"
    outside.write_text("title: a file of the machine that builds\n")
    content = tmp_path / "content"
    content.mkdir()
    path = saved(content, "jsonld_news.html")
    path.with_suffix(".yml").symlink_to(outside)
    articles, problems = pipeline.prepare([path], registry, base=content)
    assert articles == []
    assert [str(p) for p in problems] == [
        f"articles/jsonld_news.yml: a link to {outside}, outside the content folder: refused; copy what it links "
        "to into the content folder instead"]
