"""Loading: decoding, front matter, and an exact message for each bad input."""
import pytest

from generator.errors import ContentError
from generator.load import load_articles, parse_article

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
