"""Separate an article's own text from page furniture.

Pasted pages carry navigation, share buttons, "Also Read" links, reading
times, image placeholders, photo captions with agency notices, bylines,
datelines, "Source: X" lines and author biographies. Each line is classified;
furniture is kept (the page shows it collapsed) but never extracted from.
Datelines and "Source:" lines become metadata.
"""
from __future__ import annotations

import re

from . import dates
from .model import Article, Block, Furniture
from .text import sentences

_I = re.I
FURNITURE_RX = [
    ("navigation", re.compile(r"^(?:skip to (?:main )?content|skip navigation|main menu|menu|home|search|sign in|"
                              r"log ?in|register|subscribe(?: now)?|newsletter|advertisement|advert|close|"
                              r"back to top|listen(?: to this article)?(?: \d+ min)?|follow us(?: on .*)?|"
                              r"trending|most read|latest news|breaking news|you may also like|comments?|"
                              r"print|email|toggle navigation|open menu|cookie.*|accept(?: all)?(?: cookies)?)$", _I)),
    ("share", re.compile(r"^(?:copy (?:the )?(?:current )?link|copy link|link copied|"
                         r"share(?: this)?(?: article| story)?(?: on \w+)?|"
                         r"tweet|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|"
                         r"e-?mail this|share via .*)$", _I)),
    ("also-read", re.compile(r"^(?:also read|read also|read more|read|"
                             r"related(?: articles?| stories| news| coverage| posts)?|"
                             r"see also|more on this(?: story)?|recommended|watch|listen|photos?|videos?|live|"
                             r"more from .*)\s*[:\-–—|]\s*\S", _I)),
    ("credit", re.compile(r"^(?:.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?|"
                          r"(?:additional )?reporting by .{2,200}|editing by .{2,120}|writing by .{2,120}|"
                          r"compiled by .{2,80}|this (?:is a breaking news story|story has been updated|article "
                          r"(?:was|has been) (?:updated|amended)).*|follow our live coverage.*)$", _I)),
    ("navigation", re.compile(r"^(?:[^»›/|\n]{1,40}\s*[»›]\s*){1,6}[^»›\n]{1,40}$|^list \d+ of \d+$", _I)),
    ("reading-time", re.compile(r"^[·•|\s]*(?:\d+\s*(?:min|mins|minutes?)(?:\s*read)?|read(?:ing)? time\s*:?.*)$", _I)),
    ("image", re.compile(r"^(?:image|photo|picture|video|gallery|graphic|illustration|\[image\]|"
                         r"image \d+ of \d+|photo: .{0,60}|getty images|view image in fullscreen)$", _I)),
    ("byline", re.compile(r"^(?i:by|written by|reported by|words by|author:?)\s+[A-Z][\w.'’ -]{1,60}"
                          r"(?:\s*[|,/–-]\s*[\w .'’-]{1,40})?$")),
    ("source", re.compile(r"^(?:source|sources|via|originally published (?:by|in|on)|first published (?:by|in))"
                          r"\s*:\s*(?P<outlet>.{2,80})$", _I)),
]
# Photo credits and agency photo notices: a line holding one is a caption.
CAPTION_RX = re.compile(
    r"\((?:AFP|AP|Reuters|EPA|Getty|Anadolu)[ -]?Photo(?:\s*/[^)]*)?\)"
    r"|\[[^\[\]\n]{2,60}/(?:AFP|Reuters|AP|EPA|Getty Images|Anadolu(?: Agency)?|Al Jazeera|SANA)\]"
    r"|\(\s*Photo(?:graph)?s?\s*(?:by|:|credit)"
    r"|\bPhoto(?:graph)?s?\s*(?:by|credit)\s*:?|/\s*(?:AFP|Getty Images|EPA|AP|Reuters|Anadolu Agency)\s*\)"
    r"|\(\s*[^()]{2,60}\s[–—-]\s(?:Anadolu Agency|AFP|Reuters|Getty Images|AP|EPA|Xinhua)\s*\)"
    r"|\b(?:REUTERS|AFP|EPA|AP)/[A-Z]|\(Getty Images\)|erroneous PHOTOGRAPHER"
    r"|[.!?]\s*[(\[](?:AP|AFP|Reuters|Getty|Getty Images|EPA|Anadolu|Xinhua|SANA)[)\]]\s*$"
    r"|\[Getty\]\s*$|\bPhoto:\s*(?:AFP|AP|Reuters|Getty|EPA|Anadolu|Xinhua|SANA)\b"
    r"|^[A-Z][A-Z .'’-]+,\s+[A-Z][A-Z .'’-]+\s+[–—-]\s+[A-Z]+\s+\d{1,2}\s*:",
    re.M)
# Author biographies: first-person career lines or "X is a reporter ..." at the end.
BIO_RX = re.compile(r"^(?:I (?:have|am|'ve|’ve|cover|write)\b.*\b(?:journalis|report|edit|writ|news|cover)"
                    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is an? (?:\w+ ){0,3}(?:journalist|reporter|"
                    r"correspondent|editor|writer|freelance)|covers|reports on|writes about|is based in)"
                    r"|about the author)", _I)
_END_PUNCT = re.compile(r"[.!?:;…\"”'’)]\s*$")
_TAG_WORDS = 6  # a trailing line longer than this is no tag or section link
_HEADING_ANCHOR = re.compile(r"\s*[#¶]\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_WRAPPED_MIN, _WRAPPED_MAX = 60, 200  # characters of a line wrapped by hand
# A line of HTML tags (or comments) alone, pasted with the text: <img src=x width=100>, <div class="share">.
MARKUP_LINE_RX = re.compile(r"(?:\s*(?:<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s(?:\"[^\"]*\"|'[^']*'|[^'\">])*)?/?>))+\s*")


# A line that only announces a list of links: the short lines after it are links too.
LINK_LIST_RX = re.compile(r"^(?:read more|related(?: coverage| articles| posts| stories| topics| news)?|keep reading|"
                          r"more stories|more on this(?: story)?|recommended(?: for you)?|you may also like|most read|"
                          r"trending|latest(?: news| stories)?|topics|tags|explore more)\s*:?$", _I)
_SHARE_WORDS = {"share", "save", "print", "email", "e", "mail", "facebook", "twitter", "x", "whatsapp", "telegram",
                "linkedin", "reddit", "copy", "link", "copied", "pinterest", "comment", "comments", "flipboard",
                "messenger", "bookmark", "tweet", "gift", "article"}
# "BEIRUT (AP) — ": the wire's dateline opens the first paragraph.
# "BEIRUT (AP) — ", "DAMASCUS, Dec 08 (Reuters/AFP):", "SWEIDA, Syria, July 15, 2025 (Reuters) - "
WIRE_DATELINE_RX = re.compile(r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30}?)??"
                              r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*(?:19|20)\d\d)?))?\s*"
                              r"\((?P<agency>AP|Reuters|AFP|dpa|DPA|Anadolu|AA|SANA|Xinhua|UPI|CNN|IANS)"
                              r"(?:/(?:AP|Reuters|AFP|dpa|DPA|Anadolu|AA|SANA|Xinhua|UPI|CNN|IANS))*\)\s*[-—–:]\s*)")
_ALL_CAPS_PLACE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}$")
_MD_INLINE = [(re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"), (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
              (re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])"), r"\1")]


def _plain(line: str, markdown: bool) -> str:
    """Markdown article lines as plain text: links to their text, emphasis
    and quote markers dropped (the text is shown escaped, never as markup)."""
    if not markdown:
        return line
    line = re.sub(r"^(?:>\s*)+", "", line)
    for rx, repl in _MD_INLINE:
        line = rx.sub(repl, line)
    return line.strip()


def _furniture_kind(line: str) -> tuple[str, re.Match | None] | None:
    words = re.findall(r"[a-z]+", line.lower())
    if words and all(w in _SHARE_WORDS for w in words) and len(words) <= 12:
        return "share", None
    for kind, rx in FURNITURE_RX:
        m = rx.match(line)
        if m:
            return kind, m
    if CAPTION_RX.search(line):
        return "caption", None
    return None


def _is_heading_like(line: str, seen_prose: bool) -> bool:
    """Short and unpunctuated: a headline or sub-heading. Sub-headings between
    paragraphs may be lower case ("stronghold of the opposition")."""
    words = line.split()
    if not words or len(words) > 16 or _END_PUNCT.search(line):
        return False
    return line[:1].isupper() or line[:1].isdigit() or (seen_prose and len(words) <= 8)


def _wrapped(raw: list[str]) -> bool:
    """Whether lines that follow one another are one paragraph wrapped, as
    Markdown is written, or a page's paragraphs pasted one a line, as a `.md`
    file made by adding front matter to pasted text is. A wrapped line stops
    mid-sentence, and the next goes on in lower case or the line is long; a
    pasted line ends a sentence or is a short headline or dateline. Without a
    sentence ended at a line's end, nothing says the text was pasted."""
    pairs = [(a, b) for a, b in zip(raw, raw[1:]) if a and b]
    if max(map(len, raw), default=0) > _WRAPPED_MAX:
        return False
    wraps = sum(not _END_PUNCT.search(a) and (b[:1].islower() or len(a) >= _WRAPPED_MIN) for a, b in pairs)
    return wraps >= len(pairs) / 2 or not any(_END_PUNCT.search(a) for a, _ in pairs)


def _lines(article: Article) -> list[str]:
    """Paragraph lines: in Markdown, lines joined up to a blank line; in pasted
    text every line is its own paragraph (pages lose their blank lines)."""
    raw = [ln.strip() for ln in article.text.split("\n")]
    if not article.src_path.lower().endswith((".md", ".markdown")) or not _wrapped(raw):
        return [ln for ln in raw if ln]
    out, para = [], []
    for ln in raw + [""]:
        if not ln or _MD_HEADING.match(ln):
            if para:
                out.append(" ".join(para))
                para = []
            if ln:
                out.append(ln)
        else:
            para.append(ln)
    return out


def clean(article: Article) -> Article:
    """Fill article.blocks and article.furniture; set title, published and
    outlet from the text where front matter did not."""
    lines = _lines(article)
    blocks: list[Block] = []
    furniture: list[Furniture] = []
    published = None
    headline = None
    seen_prose = False
    markdown = article.src_path.lower().endswith((".md", ".markdown"))
    in_link_list = False
    for i, line in enumerate(lines):
        line = line.replace("\u00a0", " ").strip()
        if markdown and re.fullmatch(r"(?:[-*_]\s*){3,}", line):
            continue  # a Markdown rule
        if not _MD_HEADING.match(line):
            line = _plain(line, markdown)
        if not line:
            continue
        if MARKUP_LINE_RX.fullmatch(line):
            furniture.append(Furniture("markup", line))
            continue
        if LINK_LIST_RX.match(line):
            furniture.append(Furniture("also-read", line))
            in_link_list = True
            continue
        if in_link_list and len(line.split()) <= 16 and (not _END_PUNCT.search(line) or "|" in line
                                                        or line.endswith("?")):
            furniture.append(Furniture("also-read", line))
            continue
        in_link_list = False
        if not seen_prose and _ALL_CAPS_PLACE.match(line) and len(line.split()) <= 4 and line not in ("ANALYSIS",):
            furniture.append(Furniture("dateline", line))
            continue
        found = None if WIRE_DATELINE_RX.match(line) else _furniture_kind(line)  # "(Reuters/AFP)": no caption
        if found:
            kind, m = found
            if kind == "source" and not article.outlet:
                article.outlet = m.group("outlet").strip()
            furniture.append(Furniture(kind, line))
            continue
        if (not seen_prose or i < 8) and not published and len(line.split()) <= 14 and not _END_PUNCT.search(line):
            day = dates.full_date_in(line)
            if day:  # "By Nadia Karam | December 3, 2024 | 7 min read"
                published = day
                furniture.append(Furniture("dateline", line))
                continue
        wire = WIRE_DATELINE_RX.match(line)
        if wire:
            article.outlet = article.outlet or wire.group("agency")
            published = published or (dates.full_date_in(wire.group("date")) if wire.group("date") else None)
            furniture.append(Furniture("dateline", wire.group("dateline").strip()))
            line = line[wire.end():]
        lead = dates.leading_date(line)
        if lead:
            iso, rest = lead
            published = published or iso
            if len(rest.split()) <= 4:  # only a time or a label left: a dateline
                furniture.append(Furniture("dateline", line))
                continue
            furniture.append(Furniture("dateline", line[: len(line) - len(rest)].strip()))
            line = rest
        if seen_prose and BIO_RX.match(line) and i >= len(lines) - 3:
            furniture.append(Furniture("bio", line))
            continue
        is_md_heading = bool(_MD_HEADING.match(line))
        text = _HEADING_ANCHOR.sub("", _MD_HEADING.sub("", line)).strip()
        if not text:
            continue
        if is_md_heading or _is_heading_like(text, seen_prose):
            if not seen_prose and headline is None:
                if len(text.split()) >= 4 or is_md_heading:
                    headline = text
                else:
                    furniture.append(Furniture("kicker", text))
                continue
            if not seen_prose and len(text.split()) < 4:
                furniture.append(Furniture("kicker", text))
                continue
            blocks.append(Block(text, heading=True))
            continue
        seen_prose = True
        blocks.append(Block(text))
    # A trailing heading with nothing after it is a tag or section link, not text; a long one is the
    # last paragraph cut short ("On Friday, rebels took control of Daraa in southern Syr").
    while blocks and blocks[-1].heading:
        if len(blocks[-1].text.split()) > _TAG_WORDS:
            blocks[-1] = Block(blocks[-1].text)
            break
        furniture.append(Furniture("navigation", blocks.pop().text))
    article.blocks = blocks
    article.furniture = furniture
    if not article.title:
        article.title = headline or _title_from_text(blocks)
    elif headline:
        blocks.insert(0, Block(headline, heading=True))
    # Front matter's `published:` wins, then a date the text states, then one in the address.
    article.published = article.published or published or dates.date_from_url(article.url)
    return article


def _title_from_text(blocks: list[Block]) -> str:
    """No headline on the page: the first sentence, shortened at a word."""
    for block in blocks:
        if not block.heading:
            first = sentences(block.text)[0]
            first = re.sub(r"^[A-Z][\w ]{1,30}\s*\([A-Za-z]{2,12}\)\s*[:–—-]\s*", "", first)  # "Damascus (TDI): "
            if len(first) > 90:
                first = first[:90].rsplit(" ", 1)[0] + "…"
            return first.rstrip(".")
    return "Untitled article"
