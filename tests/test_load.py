"""Loading: decoding, front matter, and an exact message for each bad input."""
import os

import pytest

from generator.errors import ContentError
from generator.load import load_articles, parse_article, scan_articles

from .conftest import FIXTURES

BAD = FIXTURES / "content"


def load_one(name):
    articles, problems = load_articles([BAD / name], BAD)
    return articles, [str(p) for p in problems]


@pytest.mark.parametrize("name, message", [
    ("bad_yaml.md", "bad_yaml.md:4: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got "
                    "'<stream end>' in front matter; fix the YAML between the '---' lines"),
    ("unknown_key.md", "unknown_key.md:3: unknown front-matter key 'publised' (did you mean 'published'?)"),
    ("bad_date.md", "bad_date.md:3: 'published' must be a date written YYYY-MM-DD, not 'last Thursday'"),
    ("list_as_string.md", "list_as_string.md:3: 'add.places' must be a list such as [Homs], not the string 'Homs'"),
    ("binary.txt", "binary.txt: binary data, not text: save the article as UTF-8 text (.txt or .md)"),
    ("billion_laughs.md", "billion_laughs.md:3: invalid YAML: YAML aliases (*name) are not allowed; write the value "
                          "out in front matter; fix the YAML between the '---' lines"),
    ("slug_escape.md", "slug_escape.md:3: 'slug' must be lowercase letters, digits and hyphens, not '../../outside'"),
])
def test_bad_input_is_an_error_naming_file_line_and_fix(name, message):
    articles, problems = load_one(name)
    assert articles == []
    assert problems == [message]


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt"])
def test_empty_file_is_skipped_with_a_warning(name):
    articles, problems = load_one(name)
    assert articles == []
    assert problems == [f"{name}: warning: empty file skipped; add the article's text or delete the file"]


def test_text_that_is_not_utf8_is_read_as_cp1252_with_a_warning():
    articles, problems = load_one("cp1252.txt")
    assert problems == ["cp1252.txt:1: warning: not UTF-8, read as cp1252; re-save the file as UTF-8"]
    assert "“We are in control,”" in articles[0].text


def test_bom_crlf_and_tabs_are_handled():
    articles, problems = load_one("bom_crlf.txt")
    assert problems == []
    text = articles[0].text
    assert not text.startswith("\ufeff") and "\r" not in text
    assert text.startswith("Rebels close in on Homs\n")


def test_front_matter_fields_and_body_line():
    data = b"---\ntitle: Rebels enter Hama\npublished: 2024-12-05\noutlet: AFP\n---\nRebels entered Hama.\n"
    article, problems = parse_article(data, "x.md")
    assert problems == []
    assert (article.title, article.published, article.outlet, article.body_line) == \
        ("Rebels enter Hama", "2024-12-05", "AFP", 6)
    assert article.text == "Rebels entered Hama.\n"


def test_a_pasted_article_without_front_matter_is_valid():
    article, problems = parse_article("Rebels entered Hama.\n".encode(), "x.txt")
    assert problems == [] and article.meta == {} and article.slug == "x"


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(ContentError, match=r"x.md:1: front matter is not closed"):
        parse_article(b"---\ntitle: x\nRebels entered Hama.\n", "x.md")


def test_a_megabyte_line_is_loaded_cleaned_and_extracted(extractor):
    from generator.clean import clean

    line = ("Rebels advanced on Homs. " * 80_000).encode()  # 2 MB on one line
    article, problems = parse_article(line, "long.txt")
    assert problems == [] and len(article.text) == len(line)
    result = extractor.extract(clean(article))
    assert result.places == ["Homs"]


def refused(link: str, target) -> str:
    return (f"{link}: a link to {os.path.realpath(target)}, outside the content folder: refused; copy what it links "
            "to into the content folder instead")


def test_a_link_leading_outside_the_content_folder_is_refused_and_one_inside_is_read(tmp_path):
    content = tmp_path / "content"
    articles = content / "articles"
    (articles / "2024").mkdir(parents=True)
    (articles / "a.txt").write_text("Rebels entered Hama.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hostname.txt").write_text("build-machine\n")
    (articles / "leak.txt").symlink_to(outside / "hostname.txt")
    (articles / "2024" / "up.md").symlink_to("../../../outside/hostname.txt")  # relative, two levels down
    (articles / "elsewhere").symlink_to(outside, target_is_directory=True)
    (articles / "copy.txt").symlink_to("a.txt")                                  # inside: read like the file
    (articles / "2024" / "again").symlink_to("..", target_is_directory=True)     # inside, a folder: not walked
    (articles / "gone.txt").symlink_to("nowhere.txt")                            # inside, broken: reading says so
    paths, problems = scan_articles(content)
    assert [p.relative_to(content).as_posix() for p in paths] == \
        ["articles/a.txt", "articles/copy.txt", "articles/gone.txt"]
    assert sorted(map(str, problems)) == [
        "articles/2024/again: warning: a link to a folder is not followed; move the folder's files here instead",
        refused("articles/2024/up.md", outside / "hostname.txt"),
        refused("articles/elsewhere", outside),
        refused("articles/leak.txt", outside / "hostname.txt"),
    ]
    articles_read, problems = load_articles(paths, content)
    assert [a.src_path for a in articles_read] == ["articles/a.txt", "articles/copy.txt"]
    assert [str(p) for p in problems] == ["articles/gone.txt: cannot read: No such file or directory"]


def test_an_articles_folder_linking_outside_is_refused_whole(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text("Rebels entered Hama.\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "articles").symlink_to(outside, target_is_directory=True)
    paths, problems = scan_articles(tmp_path / "content")
    assert paths == [] and [str(p) for p in problems] == [refused("articles", outside)]
