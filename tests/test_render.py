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


def test_yaml_str_is_a_quoted_html_escaped_string():
    import yaml

    assert yaml.safe_load(f"title: {yaml_str('<b>a</b>: x # y')}") == {"title": "&lt;b&gt;a&lt;/b&gt;: x # y"}
