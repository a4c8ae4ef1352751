"""Dataclasses of the content model; no behaviour beyond small derived values."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Place:
    name: str
    kind: str = "place"
    governorate: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)
    listed: bool = True          # False: recognised from context, not in the gazetteer
    context: str | None = None   # for an unlisted place, the sentence it was read from

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Faction:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    parent: str | None = None
    side: str | None = None  # factions on one side report compatibly ("rebels" and HTS)


@dataclass
class Person:
    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    faction: str | None = None  # whose actions this person's name stands for ("Assad withdrew")


@dataclass
class Source:
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Country:
    name: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)


@dataclass
class Registry:
    """The curated registries of content/registry, validated."""

    places: dict[str, Place]
    factions: dict[str, Faction]
    people: dict[str, Person]
    sources: dict[str, Source]
    countries: dict[str, Country]
    digest: str = ""  # hash of the registry files, part of the extraction cache key


@dataclass
class Block:
    """A paragraph of an article's own text, or a sub-heading within it."""

    text: str
    heading: bool = False


@dataclass
class Furniture:
    """A line of page furniture: kept on the page, never extracted from."""

    kind: str   # navigation, share, also-read, reading-time, image, caption, byline, dateline, source, bio, kicker
    text: str


@dataclass
class Event:
    actor: str | None
    action: str
    place: str
    date: str | None
    sentence: str
    attributed_to: str | None = None
    denied_by: str | None = None  # who the text says denies this claim

    def as_json(self) -> dict:
        out = {"actor": self.actor, "action": self.action, "place": self.place, "date": self.date,
               "sentence": self.sentence, "attributed_to": self.attributed_to}
        if self.denied_by:
            out["denied_by"] = self.denied_by
        return out


@dataclass
class Figure:
    """A number with what it measures: deaths 300,000; 20 km from Damascus."""

    measure: str          # deaths, distance_km, share_percent, displaced
    value: float
    qualifier: str | None  # over, about, more than, less than, at least, nearly
    subject: str | None   # the place it is about, when there is one
    text: str             # the figure as written
    sentence: str

    def as_json(self) -> dict:
        return {"measure": self.measure, "value": self.value, "qualifier": self.qualifier,
                "subject": self.subject, "text": self.text, "sentence": self.sentence}


@dataclass
class Extraction:
    places: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    factions: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    unlisted_places: dict[str, str] = field(default_factory=dict)  # name -> sentence
    overridden: dict[str, list[str]] = field(default_factory=dict)  # taxonomy -> items added by an editor


@dataclass
class Article:
    src_path: str                 # relative to the content folder, POSIX separators
    text: str                     # decoded text without front matter
    digest: str = ""              # hash of the file's path and bytes: what its extraction depends on
    index_digest: str = ""        # hash of what the index reads of it (fields, extraction, not the text)
    meta: dict = field(default_factory=dict)
    body_line: int = 1            # line in the file where `text` starts
    slug: str = ""
    title: str = ""
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    translated_from: str | None = None
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    extraction: Extraction = field(default_factory=Extraction)

    @property
    def body(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Term:
    """One value of a taxonomy (the place Homs, the date 2024-12-07)."""

    taxonomy: str                 # places, factions, people, dates
    key: str                      # normalised, for lookup
    name: str                     # display
    slug: str
    dest_path: str
    entity: object | None = None  # the registry entry, when there is one
    articles: list[Article] = field(default_factory=list)
    events: list["FusedEvent"] = field(default_factory=list)


@dataclass
class Report:
    """One article's account of an event."""

    article: Article
    event: Event


@dataclass
class FusedEvent:
    """Reports of one action at one place by compatible actors within a few
    days, as one record (ACLED's unit: an event per place, actor and day)."""

    id: str
    action: str
    place: str
    actor: str | None
    date: str | None            # earliest stated date, or the bound below
    date_precision: str         # day | on-or-before | unknown
    reports: list[Report]
    status: str                 # claimed | corroborated | contested
    articles: list[str]         # slugs, distinct
    outlets: list[str]
    digest: str = ""            # hash of what pages show of it (see fuse._shown_digest)
    last_stated: str | None = None  # latest date a report states: far from `date`, the reports disagree

    @property
    def sources_count(self) -> int:
        return len(self.articles)


@dataclass
class Control:
    """A spell of reported control of a place (see fuse.control_history)."""

    place: str
    holder: str | None          # faction reported holding it, None when only a loss is reported
    lost_by: str | None
    since: str | None           # its first day; None when no report of it is dated
    status: str                 # of the event deciding its latest day
    reports: int                # articles reporting its events
    event: FusedEvent           # the event deciding its latest day
    events: list[FusedEvent] = field(default_factory=list)  # its captures and withdrawals, day by day
    decided: list[FusedEvent] = field(default_factory=list)  # the event deciding each of its days


@dataclass
class Discrepancy:
    kind: str                   # figure, date, contested
    topic: str                  # "deaths", "distance to Damascus", "Daraa: share held"
    place: str | None
    claims: list[tuple[str, Article, str]]  # (value as written, article, sentence)
    digest: str = ""            # hash of what pages show of it: a page showing it is as it was while this is


@dataclass
class Briefing:
    """Everything the pages are rendered from, built before anything is written."""

    articles: list[Article]                 # newest first
    registry: Registry
    taxonomies: dict[str, dict[str, Term]]  # places/factions/people/dates → key → term
    undated: list[Article]
    events: list[FusedEvent]                # newest first
    control: list[Control]                 # each place's latest spell of control, by place
    discrepancies: list[Discrepancy]
    as_of: str | None                       # newest publication date
    desk: object | None = None              # what the editor's desk shows (desk.Desk), set by the build
    history: dict[str, list[Control]] = field(default_factory=dict)  # place → its spells of control, oldest first


class Unchanged(str):
    """Stands in for a page's text where this writer has nothing to write."""


UNCHANGED = Unchanged()  # the file on disk was written from the same inputs: not rendered nor written again
ELSEWHERE = Unchanged()  # a page another worker renders and writes


class Parts(tuple):
    """A file's bytes as parts written one after another: an export of
    tens of MB is written from its cached lines, not joined into one copy
    first (joining 43 MB took a tenth of a second)."""

    @property
    def size(self) -> int:
        return sum(map(len, self))

    def joined(self) -> bytes:
        return b"".join(self)
