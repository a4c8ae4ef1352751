"""Find and resolve dates in text. Regexes find candidate spans cheaply;
python-dateutil parses only those spans (parsing every token would cost
milliseconds an article)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil import parser as dateparser

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T|[+-]\d{2}:?\d{2}))?)"
# "Dec 7, 2024" / "Dec. 5" / "December 6, 2024" / "7 December 2024" / "2024-12-07"
DATE_RX = re.compile(
    rf"(?P<iso>\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b)"
    rf"|(?P<mdy>\b(?P<m2>{_MONTH})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?)"
    rf"|(?P<dmy>\b(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m3>{_MONTH})\.?(?:,?\s+(?P<y3>(?:19|20)\d\d)\b)?)"
)
WEEKDAY_RX = re.compile(rf"\b(?P<wd>{_WEEKDAY})\b")
RELATIVE_RX = re.compile(r"\b(?P<rel>yesterday|today|last night|this morning|this afternoon|this evening|tonight)\b",
                         re.I)
# A line that is only a date (a dateline or byline date), optionally labelled.
_NUMERIC = r"[0-3]?\d[./][0-3]?\d[./](?:19|20)\d\d"
DATELINE_RX = re.compile(
    rf"^\s*(?:(?:published|updated|last updated|posted|date|dated|on|stand|aktualisiert|update|publié le|"
    rf"mis à jour le|yayınlanma|güncelleme)\s*:?\s*)?(?:{_WEEKDAY},?\s+)?"
    rf"(?P<date>(?:(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?)|(?:{_NUMERIC})"
    rf"|(?:{_MONTH}\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)"
    rf"|(?:[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d))"
    rf"{_TIME}?\s*(?:[|·•-]\s*)?", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@functools.lru_cache(maxsize=4096)
def _parse_span(span: str) -> dt.date | None:
    """Numeric dates are read day first ("06.12.2024", "28/11/2024"), as
    written outside the US, unless the second number cannot be a month."""
    numeric = re.fullmatch(r"([0-3]?\d)[./]([01]?\d)[./]((?:19|20)\d\d)", span.strip())
    try:
        if numeric:
            a, b, year = (int(x) for x in numeric.groups())
            day, month = (b, a) if b > 12 else (a, b)
            return dt.date(year, month, day)
        return dateparser.parse(span, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


_FULL_DATE_RX = re.compile(rf"(?:19|20)\d\d-[01]\d-[0-3]\d|\b{_NUMERIC}\b"
                           rf"|\b{_MONTH}\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
                           rf"|\b[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d\b")


def full_date_in(line: str) -> str | None:
    """The first date with a year anywhere in a line, as ISO."""
    m = _FULL_DATE_RX.search(line)
    day = _parse_span(m.group(0).replace(".", " ") if not re.match(r"\d", m.group(0)) else m.group(0)) if m else None
    return day.isoformat() if day else None


def leading_date(line: str) -> tuple[str, str] | None:
    """A date that opens a line ("date 2024-12-07 ...", "Dec 7, 2024 4:55 PM")
    → (ISO date, the rest of the line). None when the line does not open so."""
    m = DATELINE_RX.match(line)
    if not m:
        return None
    span = m.group("date")
    day = _parse_span(span if re.fullmatch(_NUMERIC, span) else span.replace(".", " "))
    if day is None:
        return None
    return day.isoformat(), line[m.end():].strip()


def _explicit(m: re.Match, published: dt.date | None) -> tuple[str | None, str]:
    """A matched date → (ISO date or None, precision)."""
    if m.group("iso"):
        day = _parse_span(m.group("iso"))
        return (day.isoformat() if day else None), "day"
    month = m.group("m2") or m.group("m3")
    day_s = m.group("d2") or m.group("d3")
    year = m.group("y2") or m.group("y3")
    if year is None:
        if published is None:
            return None, "day"
        year = str(published.year)
    day = _parse_span(f"{month} {day_s} {year}")
    if day is None:
        return None, "day"
    # "Dec. 30" in an article published on Jan. 2 is last year's.
    if published and not (m.group("y2") or m.group("y3")) and (day - published).days > 31:
        day = day.replace(year=day.year - 1)
    return day.isoformat(), "day"


def resolve_weekday(name: str, published: dt.date | None) -> str | None:
    """'Friday' → the latest Friday on or before publication; unknown without it."""
    if published is None:
        return None
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return (published - dt.timedelta(days=back)).isoformat()


def explicit_date(sentence: str, published: str | None, at: int = 0) -> str | None:
    """The calendar date a sentence states ("on Dec. 5", "7 December 2024")
    nearest to position `at` (the first, by default), its year taken from
    publication where it gives none."""
    if not _DIGIT.search(sentence):
        return None  # every calendar date has a digit: most sentences stop here
    pub = dt.date.fromisoformat(published) if published else None
    found = []
    for m in DATE_RX.finditer(sentence):
        if m.group("dmy") and not (m.group("y3") or _DAY_MONTH_RX.search(m.group("dmy"))):
            continue
        iso, _ = _explicit(m, pub)
        if iso:
            # a date just after the verb dates it ("had liberated A on 1 December"), else the nearest one
            distance = m.start() - at if 0 <= m.start() - at <= _AFTER_VERB else _AFTER_VERB + abs(m.end() - at)
            found.append((distance, iso))
    return min(found)[1] if found else None


_DIGIT = re.compile(r"\d")
_AFTER_VERB = 100  # characters after a verb within which a date is its own
_DAY_MONTH_RX = re.compile(r"\d\s+(?:of\s+)?[A-Z]")


_HEADING_DATE_RX = re.compile(rf"^\s*(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\.?\s+[0-3]?\d(?:st|nd|rd|th)?|[0-3]?\d(?:st|nd|rd|th)?\s+"
                              rf"{_MONTH}\.?)(?:,?\s+(?:19|20)\d\d)?\s*:?\s*$", re.I)


def heading_date(line: str, published: str | None) -> str | None:
    """A heading that is a date alone ("November 27", "5 December 2024"):
    a timeline's entry header, dating what follows it. Two days ("November
    29, 30") date nothing."""
    return explicit_date(line, published) if _HEADING_DATE_RX.match(line) else None


def sentence_date(sentence: str, published: str | None, at: int = 0) -> str | None:
    """The date a sentence states for what it reports at position `at`: an
    explicit date first (the nearest), then a weekday or 'yesterday' resolved
    against the publication date; None when nothing can be resolved (never a
    guess)."""
    pub = dt.date.fromisoformat(published) if published else None
    explicit = explicit_date(sentence, published, at)
    if explicit:
        return explicit
    m = WEEKDAY_RX.search(sentence)
    if m:
        return resolve_weekday(m.group("wd"), pub)
    m = RELATIVE_RX.search(sentence)
    if m and pub:
        back = 1 if m.group("rel").lower() in ("yesterday", "last night") else 0
        return (pub - dt.timedelta(days=back)).isoformat()
    return None


# Dates in a page's address: "/2024/12/06/", "2024-12-06", "20241130" (or day
# first, "30112024"), "?date=09-12-2024", "iran-update-november-30-2024".
_URL_DATE_RX = re.compile(
    r"(?<!\d)(?P<y1>(?:19|20)\d\d)[/_-](?P<m1>[01]?\d)[/_-](?P<d1>[0-3]?\d)(?!\d)"
    r"|(?<!\d)(?P<d2>[0-3]\d)[/_-](?P<m2>[01]\d)[/_-](?P<y2>(?:19|20)\d\d)(?!\d)"
    r"|(?<![\d])(?P<digits>\d{8})(?![\d])"
    rf"|(?<![a-z])(?P<m3>{_MONTH})[/_-](?P<d3>[0-3]?\d)(?:st|nd|rd|th)?[/_-](?P<y3>(?:19|20)\d\d)(?!\d)"
    rf"|(?<!\d)(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?[/_-](?P<m4>{_MONTH})[/_-](?P<y4>(?:19|20)\d\d)(?!\d)", re.I)


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        found = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


def date_from_url(url: str | None) -> str | None:
    """The publication date an address states, as ISO; None when it states
    none. The path is read before the query, the first date found wins."""
    if not url:
        return None
    for m in _URL_DATE_RX.finditer(url):
        if m.group("y1"):
            found = _day(m.group("y1"), m.group("m1"), m.group("d1"))
        elif m.group("y2"):
            found = _day(m.group("y2"), m.group("m2"), m.group("d2"))
        elif m.group("digits"):
            d = m.group("digits")
            found = _day(d[:4], d[4:6], d[6:]) or _day(d[4:], d[2:4], d[:2])
        else:
            month, day, year = (m.group("m3"), m.group("d3"), m.group("y3")) if m.group("m3") else \
                (m.group("m4"), m.group("d4"), m.group("y4"))
            parsed = _parse_span(f"{month} {day} {year}")
            found = parsed if parsed and 1990 <= parsed.year <= 2100 else None
        if found:
            return found.isoformat()
    return None
