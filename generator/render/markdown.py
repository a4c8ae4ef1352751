"""Text placed in Markdown, and the Jinja2 environment of the page templates.

Article text is escaped for Markdown and HTML wherever it is placed, so
pasted `<script>`, `[x](javascript:...)` or `{{ ... }}` reach the page as text.
"""
from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from ..fuse import describe
from ..model import FusedEvent

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
MAX_CLAIMS = 8       # claims shown for one discrepancy; the rest are counted
SPELL_EVENTS = 3  # a spell of control lists up to this many events; a longer one its first and latest
MAX_REPORTS = 3      # reports quoted under a timeline event; the rest are counted
STATUS_LABEL = {"claimed": "claimed", "corroborated": "corroborated", "contested": "contested"}

# Inline Markdown syntax is backslash-escaped, HTML special characters become entities.
_MD_INLINE = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]|"}, "<": "&lt;", ">": "&gt;", "&": "&amp;"})
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md(text: object) -> str:
    """Text → inline Markdown that renders as the same text: HTML special
    characters become entities, inline Markdown syntax is backslash-escaped
    (with `[` escaped no link can form), block syntax at the start is
    neutralised, lines are joined (a title or a table cell is one line)."""
    text = " ".join(str(text or "").split()).translate(_MD_INLINE)
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                        else "\\" + m.group(2)), text)


def yaml_str(text: object) -> str:
    """A front-matter value: HTML-escaped (themes print titles unescaped) and
    quoted as JSON, which YAML reads as a plain string."""
    return json.dumps(html.escape(" ".join(str(text or "").split()), quote=False), ensure_ascii=False)


# Text as XML character data: the markup characters as references (quotes too: attributes are quoted with
# them), a carriage return too (a parser reads a raw one as a line feed), and what XML 1.0 cannot hold
# dropped (a parser refuses the whole file for one): control characters but tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF.
_XML_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("\r"): "&#13;",
             **dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])}


def xml_text(value: object) -> Markup:
    """What an XML template prints for a value (its `finalize`)."""
    return Markup(str(value).translate(_XML_TEXT))


def badge(status: str) -> str:
    """An event's status as the badge the theme styles (theme/assets/briefing.css)."""
    return f'<span class="bf-badge bf-{status}">{STATUS_LABEL[status]}</span>'


def term_link(name: str | None, dest: str | None, to: Callable[[str], str]) -> str:
    """A term's name linking to its page (dest), or plain where it has none."""
    if not name:
        return "unnamed forces"
    return f"[{md(name)}]({to(dest)})" if dest else md(name)


def date_link(iso: str | None, dest: str | None, to: Callable[[str], str]) -> str:
    """A date linking to its page (dest), or plain where it has none."""
    if not iso:
        return "undated"
    return f"[{iso}]({to(dest)})" if dest else iso


def _groupby_first(items: list, attribute: str) -> list[tuple[object, list]]:
    """Runs of items sharing an attribute, in their order (Jinja's groupby sorts)."""
    return [(key, list(run)) for key, run in itertools.groupby(items, key=lambda i: getattr(i, attribute))]


def _group_by_date(events: list[FusedEvent]) -> list[tuple[str | None, list[FusedEvent]]]:
    """Events (newest first) in runs of one date, for the timeline's headings."""
    return [(day, list(run)) for day, run in itertools.groupby(events, key=lambda e: e.date)]


def environment(bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The Markdown templates' environment."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        # Compiled templates kept on disk between builds: compiling them all costs a build a third of a second.
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None)
    env.filters.update(md=md, yaml_str=yaml_str, id=id, groupby_first=_groupby_first)
    env.globals.update(describe=describe, badge=badge, group_by_date=_group_by_date, max_claims=MAX_CLAIMS,
                       spell_events=SPELL_EVENTS,
                       max_reports=MAX_REPORTS)
    return env


def xml_environment(bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The XML templates' (*.xml.j2): every value they print passes xml_text. Compiled apart, since
    Jinja keys compiled code by the template's source alone, not by how it is escaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined, autoescape=True, finalize=xml_text,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir), "__xml_%s.cache") if bytecode_dir else None)


# The renderer's modules as imported (see cache._CODE_DIGEST); the templates are read at each build.
_SOURCES = b"".join(path.name.encode() + b"\0" + path.read_bytes() for path in sorted(PACKAGE.glob("*.py")))


def code_digest() -> str:
    """What every page's fingerprint starts from: the renderer's code and templates."""
    h = hashlib.sha256(_SOURCES)
    for path in sorted(TEMPLATES.glob("*.j2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
