"""Benchmark the build on a synthetic corpus of N articles.

    python -m generator.bench --articles N [--out build/bench.json] [--keep DIR]
                              [--seed S] [--no-browser]

Writes N realistic pasted articles (drawn from the real registries, with the
page furniture real pages carry) into a temporary folder, then measures:

  generate_s, mkdocs_s, search_s, total_s   the full build, run in a child
                                            process (its timings come back as JSON)
  peak_rss_mb                               peak resident memory of that child, or of
                                            a process it ran (the search indexer)
  preview_start_s                           generate() in this process, making the index
                                            though nothing changed, as the preview's
                                            first build does (make serve)
  incremental_s                             generate() again after one article changed
                                            (with whatever the build and the process
                                            kept, as in the preview): a sentence that
                                            names nothing is added
  incremental_event_s                       and again after that article gains a
                                            capture (fused events and lists move)
  incremental_new_s                         and again after a new article of the
                                            latest day is added (the common edit)
  incremental_delete_s                      and again after the edited article is
                                            deleted (its events leave their groups)
  incremental_cold_s                        generate() in a fresh process after the
                                            deleted article is put back: an edit that
                                            changes the index, as `make site` meets it
                                            (the five edits are made in RERUN_ROUNDS
                                            rounds, each with another new article:
                                            each figure is the median of its rounds);
                                            details.incremental_cold_process_s is
                                            that process from its start to its exit
  docs_mb, site_mb, max_page_kb, max_page   what the build wrote
  search_first_query_kb                     gzipped bytes a browser fetches from
                                            opening the home page to the first
                                            results of a one-word search
  extract_articles_per_s                    load+clean+extract on one core, per CPU
                                            second, on up to RATE_SAMPLE articles (the
                                            wall-clock rate is in details)

After the re-runs the docs tree they left is compared file by file with one
generated from nothing (details.stale_files): a cache that let a page go
stale fails the bench, at the corpus's own scale.

Prints a table and writes the figures to build/bench.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import filecmp
import gzip
import json
import math
import mimetypes
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .extract import NOT_PLACES
from .model import Registry

PROJECT_DIR = Path(__file__).resolve().parent.parent
START = dt.date(2024, 11, 27)
DAYS = 100          # the corpus spans at most this many days from START ...
PER_DAY = 100       # ... at about this many articles a day
SEARCH_WORD = "Daraa"
EVENT_EDIT = "Rebels captured Hama on Friday, the Syrian Observatory for Human Rights said."
# Sentences naming nothing (no place, actor, date or figure): the article's head stays as it was.
TEXT_EDITS = ("Residents said calm had returned to the city by evening, and shops began to reopen.",
              "Shopkeepers said bread was easier to find than it had been.",
              "Families who had left began to come back, neighbours said.")
RERUN_ROUNDS = 3  # each re-run figure is the median of this many rounds of the edits
RATE_SAMPLE = 2000  # articles the one-core extraction rate is measured on
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KEYS = ("articles", "generate_s", "mkdocs_s", "search_s", "total_s", "preview_start_s", "incremental_s",
        "incremental_event_s", "incremental_new_s", "incremental_delete_s", "incremental_cold_s", "peak_rss_mb",
        "docs_mb", "site_mb", "max_page_kb", "max_page", "search_first_query_kb", "extract_articles_per_s")


# --------------------------------------------------------------------------
# Synthetic corpus
# --------------------------------------------------------------------------

@dataclass
class SyntheticArticle:
    path: str                   # relative to the content folder: articles/00042_<hex>.txt
    text: str                   # the file's text
    published: str              # ISO date the article carries (dateline or front matter)
    body_places: set[str] = field(default_factory=set)       # named in the title or the article's own text
    furniture_places: set[str] = field(default_factory=set)  # named only in captions and "Also Read" lines


_PLACE_WEIGHT = {"city": 40, "district": 5, "crossing": 5, "base": 4, "region": 4, "town": 4, "village": 1}
_SIDE_WEIGHT = {"generic": 6, "government": 6, "armed group": 2}
_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_OUTLETS = ["Reuters", "Al Jazeera", "The National", "Middle East Eye", "Daily Sabah", "Anadolu Agency", "Stern",
            "The Guardian", "France 24", "Deutsche Welle", "Enab Baladi", "Al-Monitor", "Arab News", "The Daily Star",
            "24 Hours World", "TDI", "Euronews", "Kurdistan24", "North Press Agency", "Asharq Al-Awsat", "BBC",
            "Associated Press", "The New Arab", "Hurriyet Daily News", "Al Arabiya"]
_REPORTERS = ["Layla Haddad", "Tom Perry", "Suleiman Al-Khalidi", "Maya Gebeily", "Timour Azhari", "Kareem Chehayeb",
              "Bassem Mroue", "Abby Sewell", "Sarah El Deeb", "Ghaith Alsayed", "Newsroom", "Staff Writer",
              "Omar Alhamdan", "Lina Sinjab", "Hanna Davis", "Jomana Karadsheh", "Nadia Taha", "Web Desk"]
_PHOTOGRAPHERS = ["OMAR HAJ KADOUR", "AREF TAMMAWI", "BAKR ALKASEM", "ABDULAZIZ KETAZ", "RAMI AL SAYED",
                  "LOUAI BESHARA", "DELIL SOULEIMAN", "MOHAMMED AL-RIFAI", "SAMEER AL-DOUMY", "OZAN KOSE"]
_KICKERS = ["Middle East", "Syria war", "World", "Breaking", "Analysis", "Live updates", "Conflict"]
_SUBHEADINGS = ["International reactions", "Humanitarian situation worsens", "What happens next",
                "A shifting front line", "Civilians caught in the fighting", "Diplomacy stalls",
                "Background to the war", "Allies under pressure"]
_PLACE_SUBHEADINGS = ["Fighting spreads to {P}", "Strategic gains near {P}", "Pressure mounts on {P}",
                      "The battle for {P}"]

# Sentences. {A} an actor, {P}/{Q} places, {G} a governorate, {W} " on Friday" or "",
# {R} an attribution (", according to ..."), {K} a number, {S} a source, {ADJ} a foreign state's adjective.
_EVENTS = {
    "captured": ["{A} captured {P}{W}{R}.", "{A} seized the town of {P}{W} after {K} hours of fighting{R}.",
                 "{A} took full control of {P}{W}{R}.", "{A} overran {P}{W}, meeting little resistance{R}.",
                 "{P} fell to {A}{W}{R}.", "{A} recaptured {P}{W}{R}.", "{A} seized the city of {P}{W}{R}."],
    "entered": ["{A} entered {P}{W}{R}.", "{A} pushed into {P}{W}{R}.",
                "{A} entered several districts of {P}{W}{R}.", "Columns of {A} rolled into {P}{W}{R}."],
    "advanced": ["{A} advanced on {P}{W}{R}.", "{A} advanced toward {P}{W}{R}.",
                 "{A} reached the outskirts of {P}{W}{R}.", "{A} were about {K} km from {P}{W}{R}.",
                 "{A} closed in on {P}{W}{R}."],
    "withdrew": ["{A} withdrew from {P}{W}{R}.", "{A} pulled out of {P}{W}{R}.",
                 "{A} retreated from {P}{W}, leaving behind tanks and ammunition depots{R}."],
    "besieged": ["{A} besieged {P}{W}{R}.", "{A} surrounded {P}{W}, cutting the main supply road{R}.",
                 "{A} encircled {P}{W}{R}."],
    "struck": ["Air strikes hit {P}{W}, killing at least {K} people{R}.", "{ADJ} warplanes struck {P}{W}{R}.",
               "{ADJ} air strikes hit {P}{W}, killing at least {K} people{R}.", "{A} shelled {P}{W}{R}.",
               "Drone strikes targeted {P}{W}{R}."],
}
_ACTION_WEIGHTS = {"captured": 6, "entered": 3, "advanced": 4, "withdrew": 3, "besieged": 1, "struck": 4}
_FIGURES = ["{A} now control about {K} percent of {G} province{R}.",
            "The fighting has killed at least {K} people in {P} since the start of the month{R}.",
            "Front lines were less than {K} km from {P}{W}{R}.",
            "More than {K},000 people have fled {G} province in the past week{R}."]
_CONTEXT = ["Thousands of residents fled {P} toward {Q}{W}{R}.",
            "Aid agencies warned that hospitals in {P} were running out of fuel and medicine.",
            "The highway between {P} and {Q} remained closed to civilian traffic{W}.",
            "Residents of {P} said bakeries had reopened and electricity returned for a few hours a day.",
            "Witnesses in {P} described heavy gunfire and the sound of explosions through the night.",
            "Local councils in {P} appealed for fuel, flour and medical supplies.",
            "The road from {P} to {Q} is the main supply line for the region.",
            "Video posted online showed crowds celebrating in the main square of {P}."]
_BACKGROUND = ["The war, which began in 2011 with a crackdown on peaceful protests, has killed more than "
               "500,000 people and displaced millions.",
               "Analysts say the speed of the offensive has surprised both the government and its allies.",
               "The United Nations has called for an immediate halt to the fighting and for the protection of "
               "civilians.",
               "The front lines had barely moved for four years before the offensive began.",
               "Humanitarian groups say millions of people in the north depend on aid to survive.",
               "Much of the information from the front lines cannot be independently verified.",
               "Diplomats say talks on a political settlement have made little progress.",
               "Prices of bread and fuel have soared in recent weeks, residents say."]
_PEOPLE = ["{N}, {ROLE}, said{W} that the situation in {P} was being followed closely.",
           "{N}, {ROLE}, called for a ceasefire and the protection of civilians{W}.",
           "Speaking to reporters{W}, {N} said talks with regional partners would continue.",
           "{N} discussed the situation in {P} in a phone call with {N2}{W}, {S} reported.",
           "{N}, {ROLE}, warned that the conflict risked spreading beyond Syria's borders."]
_QUOTES = ['"We are now less than {K} km from {P}," a commander with {A} told {S}.',
           '"The situation in {P} is very difficult," a resident told {S} by phone.',
           '"Our forces are advancing on all fronts," a spokesman for {A} said in a statement.']
_CAPTIONS = ["Fighters ride in the back of a pickup truck in {P} on {D}.",
             "Residents inspect the damage after an air strike in {P} on {D}.",
             "Smoke rises over {P} on {D}.",
             "A man walks past a destroyed building in {P} on {D}.",
             "Anti-government fighters gather near a checkpoint in {P} on {D}."]
_CREDITS = ["(Photo by {PH} / AFP)", "(AFP Photo)", "REUTERS/{PHR}", "(Photo by {PH} / Anadolu Agency)"]
_ALSO_READ = ["Also Read: Clashes erupt near {P} as talks stall", "Also Read: Thousands flee {P} amid fighting",
              "Also Read: Aid convoy reaches {P} after weeks of delay", "Read more: What the fall of {P} means",
              "Related: Residents of {P} count the cost of the war"]
_HEADLINES = ["{A} capture {P} as offensive gathers pace", "{A} enter {P} after days of fighting",
              "Air strikes hit {P} as {A} advance", "{A} withdraw from {P} amid rapid offensive",
              "Fighting rages around {P} as civilians flee", "Syria war: {A} close in on {P}",
              "{A} tighten grip on {P} and surrounding villages"]
_SHARE = ["Share", "Copy the current link", "Share on Facebook", "Tweet", "WhatsApp", "Email"]
_BIOS = ["{B} is a reporter covering Syria, Lebanon and Iraq.",
         "{B} is a senior correspondent who has covered the region for a decade.",
         "I have been working in the news industry for over 6 years, first as a reporter and now as an editor. "
         "I have covered politics extensively, and my work has appeared in major newspapers."]


def _clean_name(name: str) -> bool:
    return name.replace("-", "").replace(" ", "").replace("'", "").isalpha()


class _Writer:
    """Draws articles from the registries with one random.Random."""

    def __init__(self, registry: Registry, rng: random.Random):
        self.rng = rng
        places = [p for p in registry.places.values() if p.located and _clean_name(p.name)]
        places.sort(key=lambda p: p.name)
        self.places = [p.name for p in places]
        self.not_places = {p.name for p in places if p.kind in NOT_PLACES}  # named, but no place to extraction
        self.place_weights = [_PLACE_WEIGHT.get(p.kind, 1) for p in places]
        by_name = {p.name: p for p in places}
        self.governorates = sorted({p.governorate for p in places if p.governorate in by_name})
        self.governorate_of = {p.name: p.governorate for p in places}
        self.actors: list[list[str]] = []   # per ground faction: its surface forms
        self.actor_weights: list[int] = []
        self.actor_kinds: list[str] = []
        self.headline_actors: list[str] = []
        self.adjectives: list[str] = []
        for f in sorted(registry.factions.values(), key=lambda f: f.name):
            if f.kind == "foreign state":
                self.adjectives.extend(f.adjectives)
                continue
            forms = [f.name] + [a for a in f.aliases if len(a) > 2 and "/" not in a and not a.startswith("the ")]
            self.actors.append(forms)
            self.actor_kinds.append(f.kind)
            self.actor_weights.append(_SIDE_WEIGHT.get(f.kind, 1))
            self.headline_actors.extend(a for a in [f.name] + f.aliases if 2 < len(a) <= 16 and "/" not in a
                                        and not a.startswith("the "))
        self.people = [(p.name, p.role) for p in sorted(registry.people.values(), key=lambda p: p.name) if p.role]
        self.sources = sorted(registry.sources.values(), key=lambda s: s.name)

    # small draws
    def place(self, exclude: set[str] = frozenset()) -> str:
        while True:
            name = self.rng.choices(self.places, self.place_weights)[0]
            if name not in exclude:
                return name

    def actor(self) -> str:
        i = self.rng.choices(range(len(self.actors)), self.actor_weights)[0]
        forms, kind = self.actors[i], self.actor_kinds[i]
        if kind == "armed group" and self.rng.random() < 0.6:
            name = forms[0]
            return "the " + name if " " in name and self.rng.random() < 0.6 else name
        return self.rng.choice(forms[1:] or forms)

    def source(self) -> str:
        s = self.rng.choice(self.sources)
        name = s.name if self.rng.random() < 0.75 or not s.aliases else self.rng.choice(s.aliases)
        if s.kind == "monitor" and not name.isupper() and not name.startswith("the "):
            name = "the " + name
        return name

    def attribution(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return ""
        if r < 0.55:
            return ", according to the Syrian Observatory for Human Rights"
        if r < 0.75:
            return f", {self.source()} reported"
        if r < 0.9:
            return f", according to {self.source()}"
        return ", a war monitor said"

    def when(self, pub: dt.date) -> str:
        r = self.rng.random()
        back = self.rng.randint(0, 6)
        day = pub - dt.timedelta(days=back)
        if r < 0.35:
            return ""
        if r < 0.6:
            return f" on {_WEEKDAYS[day.weekday()]}"
        if r < 0.75:
            return f" on {_MONTHS[day.month - 1]} {day.day}"
        if r < 0.85:
            return " yesterday"
        return f" early on {_WEEKDAYS[day.weekday()]}"

    @staticmethod
    def cap(s: str) -> str:
        return s[:1].upper() + s[1:]

    def fill(self, template: str, pub: dt.date, places: set[str], cast: list[str]) -> str:
        """A template with its slots drawn; places named go into `places`.
        `cast` is the article's places, its main place first."""
        values = {}
        weights = [3] + [1] * (len(cast) - 1)
        if "{P}" in template:
            values["P"] = self.rng.choices(cast, weights)[0] if self.rng.random() < 0.9 else self.place()
        if "{Q}" in template:
            values["Q"] = self.rng.choice([c for c in cast if c != values.get("P")] or [self.place(set(cast))])
        if "{G}" in template:
            gov = self.governorate_of.get(self.rng.choice(cast))
            values["G"] = gov if gov in self.governorates else self.rng.choice(self.governorates)
        for slot in ("P", "Q", "G"):
            if slot in values:
                places.add(values[slot])
        if "{A}" in template:
            values["A"] = self.actor()
        if "{N}" in template:
            (values["N"], values["ROLE"]), (values["N2"], _) = self.rng.sample(self.people, 2)
        values.update(W=self.when(pub) if "{W}" in template else "", R=self.attribution() if "{R}" in template else "",
                      K=str(self.rng.choice([3, 5, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 90])),
                      S=self.source(), ADJ=self.rng.choice(self.adjectives) if self.adjectives else "Russian")
        text = template.format_map(values)
        return self.cap(text)

    def sentence(self, pub: dt.date, places: set[str], cast: list[str]) -> str:
        # Shares calibrated on the seeds and the unseen set: about 8-10 events
        # and 1-2 figures an article of 600-700 words.
        r = self.rng.random()
        if r < 0.2:
            action = self.rng.choices(list(_ACTION_WEIGHTS), list(_ACTION_WEIGHTS.values()))[0]
            template = self.rng.choice(_EVENTS[action])
        elif r < 0.24:
            template = self.rng.choice(_FIGURES)
        elif r < 0.5:
            template = self.rng.choice(_CONTEXT)
        elif r < 0.65:
            template = self.rng.choice(_PEOPLE) if self.people else self.rng.choice(_BACKGROUND)
        elif r < 0.72:
            template = self.rng.choice(_QUOTES)
        else:
            template = self.rng.choice(_BACKGROUND)
        return self.fill(template, pub, places, cast)

    def dateline(self, pub: dt.date) -> str:
        hour, minute = self.rng.randint(1, 12), self.rng.randint(0, 59)
        ampm = self.rng.choice(["AM", "PM"])
        month = pub.strftime("%B")
        return self.rng.choice([
            f"{month[:3]} {pub.day}, {pub.year} {hour}:{minute:02d} {ampm}",
            f"{month} {pub.day}, {pub.year}",
            f"{pub.day} {month} {pub.year} {hour + 8}:{minute:02d} GMT",
            f"Published: {pub.isoformat()}",
            f"Updated: {month[:3]}. {pub.day}, {pub.year} at {hour}:{minute:02d} {ampm}",
        ])

    def article(self, index: int, pub: dt.date) -> SyntheticArticle:
        rng = self.rng
        markdown = rng.random() < 0.2
        body_places: set[str] = set()
        main = self.place()
        cast = [main]
        for _ in range(rng.randint(3, 8)):
            cast.append(self.place(exclude=set(cast)))
        headline = rng.choice(_HEADLINES).format(A=self.cap(rng.choice(self.headline_actors)), P=main)
        body_places.add(main)
        # The article's own text: paragraphs of 2-4 sentences, a sub-heading or two.
        target = rng.randint(540, 660)
        paragraphs: list[str] = []
        words = 0
        while words < target:
            if paragraphs and rng.random() < 0.12:
                heading = rng.choice(_SUBHEADINGS + _PLACE_SUBHEADINGS)
                if "{P}" in heading:
                    p = rng.choice(cast)
                    body_places.add(p)
                    heading = heading.format(P=p)
                paragraphs.append(("## " if markdown else "") + heading)
            para = " ".join(self.sentence(pub, body_places, cast) for _ in range(rng.randint(2, 4)))
            paragraphs.append(para)
            words += len(para.split())
        # Furniture: captions and "Also Read" lines name places the text does not.
        furniture_places: set[str] = set()

        def furniture_place() -> str:
            p = self.place(exclude=body_places)
            furniture_places.add(p)
            return p

        def caption() -> str:
            shot = pub - dt.timedelta(days=rng.randint(0, 2))
            credit = rng.choice(_CREDITS).format(PH=rng.choice(_PHOTOGRAPHERS),
                                                 PHR=rng.choice(_PHOTOGRAPHERS).title())
            return rng.choice(_CAPTIONS).format(P=furniture_place(), D=f"{shot:%B} {shot.day}, {shot.year}") + \
                " " + credit

        def also_read() -> str:
            return rng.choice(_ALSO_READ).format(P=furniture_place())

        reporter = rng.choice(_REPORTERS)
        outlet = rng.choice(_OUTLETS)
        head: list[str] = []
        if rng.random() < 0.5:
            head.append("Skip to main content")
        if rng.random() < 0.3:
            head.append(rng.choice(_KICKERS))
        if not markdown:
            head.append(headline)
        if rng.random() < 0.4:
            head.append(f"·{rng.randint(2, 6)} mins")
        head += rng.sample(_SHARE, rng.randint(1, 3))
        head.append(f"By {reporter}")
        if not markdown:
            head.append(self.dateline(pub))
        if rng.random() < 0.6:
            if rng.random() < 0.5:
                head.append("Image")
            head.append(caption())
        # Furniture inside the text: "Also Read" lines, a second photo, an advert.
        for _ in range(rng.randint(1, 2)):
            paragraphs.insert(rng.randint(1, len(paragraphs)), also_read())
        if rng.random() < 0.4:
            paragraphs.insert(rng.randint(2, len(paragraphs)), caption())
        if rng.random() < 0.2:
            paragraphs.insert(rng.randint(2, len(paragraphs)), "Advertisement")
        tail = [f"Source: {outlet}"] if rng.random() < 0.7 else []
        if rng.random() < 0.3:
            tail.append(rng.choice(_BIOS).format(B=reporter))
        # Some pages open the text with the date: "date 2024-12-07 Syrian ...".
        if not markdown and rng.random() < 0.05:
            paragraphs[0] = f"date {pub.isoformat()} {paragraphs[0]}"
        stem = f"{index:05d}_{rng.getrandbits(64):016x}"
        lines = head + paragraphs + tail
        if markdown:
            front = ["---", f"title: {json.dumps(headline)}", f"published: {pub.isoformat()}"]
            if rng.random() < 0.7:
                front.append(f"outlet: {json.dumps(outlet)}")
                front.append(f"url: https://example.org/{pub:%Y/%m/%d}/{stem}")
            text = "\n".join(front) + "\n---\n\n" + "\n\n".join(lines) + "\n"
            path = f"articles/{stem}.md"
        else:
            text = "\n".join(lines) + "\n"
            path = f"articles/{stem}.txt"
        return SyntheticArticle(path, text, pub.isoformat(), body_places - self.not_places,
                                furniture_places - body_places - self.not_places)


def corpus_days(n: int) -> int:
    """Days the corpus spans: about PER_DAY articles a day, at most DAYS days."""
    return max(1, min(DAYS, math.ceil(n / PER_DAY)))


def synthetic_articles(n: int, registry: Registry, seed: int = 0) -> list[SyntheticArticle]:
    """N synthetic articles with what each names where; deterministic for a seed."""
    rng = random.Random(seed)
    writer = _Writer(registry, rng)
    days = corpus_days(n)
    return [writer.article(i, START + dt.timedelta(days=i * days // max(n, 1))) for i in range(n)]


def synthetic_corpus(n: int, registry: Registry, seed: int = 0) -> dict[str, str]:
    """Relative path (articles/...) → file text of N synthetic articles."""
    return {a.path: a.text for a in synthetic_articles(n, registry, seed)}


# --------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------

def _child_code(func: str) -> str:
    """A child's program: one of the functions below, then the end `python -m
    generator` has (cli.exit_with), so the child's wall time as this process
    sees it, from its start to its exit, is a command's."""
    return (f"import sys; from generator.bench import {func}; from generator.cli import exit_with; "
            f"{func}(*sys.argv[1:]); exit_with(0)")


def _child_build(content: str, site: str, docs: str, out: str) -> None:
    """Run in a child process: the timed full build; timings to `out` as JSON."""
    from .build import build

    t0 = time.perf_counter()
    report = build(Path(content), Path(site), docs_dir=Path(docs), quiet=True)
    total = time.perf_counter() - t0
    Path(out).write_text(json.dumps({
        "timings": report.timings, "total_s": total, "articles": report.articles, "pages": report.pages,
        "errors": sum(p.severity == "error" for p in report.problems),
        "warnings": sum(p.severity != "error" for p in report.problems),
        "maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }))


def _child_generate(content: str, docs: str, site_url: str, out: str) -> None:
    """Run in a child process: generate() timed alone (not the interpreter's start); the report to `out` as JSON."""
    from .build import generate

    t0 = time.perf_counter()
    report = generate(Path(content), Path(docs), site_url)
    Path(out).write_text(json.dumps({"generate_s": time.perf_counter() - t0, "timings": report.timings,
                                     "indexed": report.indexed, "written": report.written}))


def _cold_generate(content: Path, docs: Path, site_url: str, work: Path) -> dict:
    """generate() in a fresh process, which holds nothing of the builds before it but what they left on disk."""
    out = work / "cold-timings.json"
    code = _child_code("_child_generate")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_DIR) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code, str(content), str(docs), site_url, str(out)], cwd=PROJECT_DIR,
                         env=env, capture_output=True, text=True)
    process_s = time.perf_counter() - t0
    if run.returncode != 0 or not out.exists():
        raise RuntimeError(f"generate() in a fresh process failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    return dict(json.loads(out.read_text()), process_s=process_s)


def _full_build(content: Path, site: Path, docs: Path, work: Path, log: Callable[[str], None]) -> dict:
    """The full build in a child process; its peak RSS from RUSAGE_CHILDREN."""
    out = work / "build-timings.json"
    errlog = work / "build-stderr.log"
    code = _child_code("_child_build")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_DIR) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage0.ru_maxrss
    t0 = time.perf_counter()
    with open(errlog, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", code, str(content), str(site), str(docs), str(out)],
                                cwd=PROJECT_DIR, env=env, stdout=err, stderr=subprocess.STDOUT)
        next_beat = 30.0
        while proc.poll() is None:   # poll() reaps the child, so RUSAGE_CHILDREN counts it
            time.sleep(0.2)
            if time.perf_counter() - t0 >= next_beat:
                log(f"  ... full build still running ({next_beat:.0f} s)")
                next_beat += 30.0
    if proc.returncode != 0 or not out.exists():
        tail = errlog.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"the full build failed (exit {proc.returncode}):\n{tail}")
    result = dict(json.loads(out.read_text()), process_s=time.perf_counter() - t0)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    after = usage.ru_maxrss
    result["cpu_s"] = (usage.ru_utime - usage0.ru_utime) + (usage.ru_stime - usage0.ru_stime)
    # RUSAGE_CHILDREN holds the largest waited-for child; this harness starts
    # no other child before the build, so it is the build's (and anything the
    # build itself ran, such as an indexer).
    if before == 0:
        result["peak_rss_kb"] = after
    else:  # an earlier child may dominate; use what the build saw of itself
        result["peak_rss_kb"] = max(result["maxrss_self_kb"], result["maxrss_children_kb"])
    return result


def tree_differences(a: Path, b: Path) -> list[str]:
    """Paths (relative, sorted) of the files two trees do not hold alike, byte for byte."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    in_a, in_b = files(a), files(b)
    return sorted(rel for rel in in_a.keys() | in_b.keys()
                  if rel not in in_a or rel not in in_b or not filecmp.cmp(in_a[rel], in_b[rel], shallow=False))


def _tree_bytes(root: Path) -> tuple[int, Path | None, int]:
    """Total bytes under root, and the largest .html file with its size."""
    total, biggest, biggest_size = 0, None, -1
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            size = path.stat().st_size
            total += size
            if name.endswith(".html") and size > biggest_size:
                biggest, biggest_size = path, size
    return total, biggest, biggest_size


def _extract_rate(paths: list[Path], content: Path, registry: Registry, runs: int = 3) -> dict:
    """Articles a second for load+clean+extract, one Extractor built beforehand
    (the matcher build is not timed), median of `runs`, pinned to one core.
    `per_cpu_s` counts this process's CPU time, `per_wall_s` the wall clock:
    on a shared machine the first is the one core's throughput."""
    from .clean import clean
    from .extract import Extractor
    from .load import load_articles

    extractor = Extractor(registry)
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {min(affinity)})
    cpu_rates, wall_rates = [], []
    try:
        for _ in range(runs):
            w0, c0 = time.perf_counter(), time.process_time()
            articles, _ = load_articles(paths, content)
            for article in articles:
                clean(article)
                article.extraction = extractor.extract(article)
            cpu_rates.append(len(articles) / max(time.process_time() - c0, 1e-9))
            wall_rates.append(len(articles) / max(time.perf_counter() - w0, 1e-9))
    finally:
        if affinity:
            os.sched_setaffinity(0, affinity)
    return {"per_cpu_s": statistics.median(cpu_rates), "per_wall_s": statistics.median(wall_rates)}


# A static host: gzip for text types, every body byte sent counted.
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                 "application/rss+xml", "application/geo+json", "application/manifest+json")


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []   # (path, body bytes as sent)
        self.gz_cache: dict[Path, bytes] = {}
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request, client_address):  # a request the browser dropped: not our business
        pass

    def reset(self) -> None:
        with self.lock:
            self.sent = []

    def snapshot(self) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _SiteServer

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str, gz: bool, head: bool, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)
            with self.server.lock:
                self.server.sent.append((self.path, len(body)))

    def do_GET(self, head: bool = False):
        root = self.server.root
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return self._send(403, b"forbidden", "text/plain", False, head)
        if target.is_dir():
            if not url_path.endswith("/"):
                return self._send(301, b"", "text/plain", False, head, {"Location": url_path + "/"})
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, root / "404.html"
            if not target.is_file():
                return self._send(404, b"not found", "text/plain", False, head)
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        gz = ctype.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            with self.server.lock:
                body = self.server.gz_cache.get(target)
            if body is None:
                body = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
                with self.server.lock:
                    self.server.gz_cache[target] = body
        else:
            body = target.read_bytes()
        # As GitHub Pages does: fresh for ten minutes, so a second page reuses the first one's assets.
        headers = {"Last-Modified": email.utils.formatdate(target.stat().st_mtime, usegmt=True),
                   "Cache-Control": "max-age=600"}
        self._send(status, body, ctype, gz, head, headers)

    def do_HEAD(self):
        self.do_GET(head=True)


_PAGEFIND_INPUT, _PAGEFIND_RESULT = ".pagefind-ui__search-input", ".pagefind-ui__result"
_MATERIAL_INPUT, _MATERIAL_RESULT = ".md-search__input", ".md-search-result__item"
_FORM_INPUT = "form[role=search] input[type=search], form[role=search] input[name=q]"


def search_first_results(page, word: str, timeout_ms: float) -> str:
    """Type one word into the site's search box and wait for the first result;
    returns which search answered. Pagefind's UI on the page first, then
    Material's built-in search box, then a plain search form (a header form
    that opens a search page, which shows Pagefind's or Material's results)."""
    page.wait_for_selector(f"{_PAGEFIND_INPUT}, {_MATERIAL_INPUT}, {_FORM_INPUT}", state="attached",
                           timeout=timeout_ms)
    for box_sel, result_sel, engine in ((_PAGEFIND_INPUT, _PAGEFIND_RESULT, "pagefind"),
                                        (_MATERIAL_INPUT, _MATERIAL_RESULT, "material")):
        if page.locator(box_sel).count():
            box = page.locator(box_sel).first
            box.click()
            box.type(word, delay=40)
            page.locator(result_sel).first.wait_for(state="visible", timeout=timeout_ms)
            return engine
    box = page.locator(_FORM_INPUT).first
    box.click()
    box.type(word, delay=40)
    with page.expect_navigation(timeout=timeout_ms):
        box.press("Enter")
    page.locator(f"{_PAGEFIND_RESULT}, {_MATERIAL_RESULT}").first.wait_for(state="visible", timeout=timeout_ms)
    engine = "pagefind" if page.locator(_PAGEFIND_RESULT).count() else "material"
    return f"{engine} (search page via form)"


def _browser_search(site: Path, word: str, timeout_s: float) -> dict:
    """Gzipped bytes from opening the home page to the first search results."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"kb": None, "note": "playwright is not installed"}
    if not Path(CHROMIUM).exists():
        return {"kb": None, "note": f"{CHROMIUM} not found (make browser installs it)"}
    server = _SiteServer(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    browser_bytes: list[int] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                page = context.new_page()
                others: list[str] = []

                def finished(request):
                    if not request.url.startswith(base):
                        others.append(request.url)
                    try:
                        browser_bytes.append(max(0, request.sizes()["responseBodySize"]))
                    except Exception:
                        pass
                page.on("requestfinished", finished)
                server.reset()
                t0 = time.perf_counter()
                page.goto(base + "/", wait_until="domcontentloaded", timeout=timeout_s * 1000)
                engine = search_first_results(page, word, timeout_s * 1000)
                elapsed = time.perf_counter() - t0
                sent = server.snapshot()
                browser_total = sum(browser_bytes)
            finally:
                browser.close()
    except Exception as exc:  # a missing library, a crash: record null and say why
        return {"kb": None, "note": f"browser measurement failed: {type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        server.shutdown()
        server.server_close()
    total = sum(n for _, n in sent)
    top = sorted(sent, key=lambda x: -x[1])[:8]
    return {"kb": round(total / 1024, 1), "engine": engine, "word": word, "requests": len(sent),
            "seconds": round(elapsed, 2), "largest": [{"path": p, "kb": round(n / 1024, 1)} for p, n in top],
            "browser_reported_kb": round(browser_total / 1024, 1), "other_hosts": others[:5], "note": None}


def _versions() -> dict:
    from importlib import metadata

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None
    return {"python": platform.python_version(), "mkdocs": version("mkdocs"),
            "mkdocs_material": version("mkdocs-material"), "playwright": version("playwright"),
            "cpu_count": os.cpu_count(),
            "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "platform": platform.platform()}


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _prepare_workdir(keep: Path | None) -> tuple[Path, bool]:
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="bench-")), True
    marker = keep / ".bench"
    if keep.exists() and any(keep.iterdir()) and not marker.exists():
        raise SystemExit(f"--keep {keep}: the folder is not empty and was not made by the bench; "
                         f"give an empty or new folder")
    keep.mkdir(parents=True, exist_ok=True)
    for child in keep.iterdir():  # a cold start: no site, docs tree or extraction cache from a previous run
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    marker.write_text("made by python -m generator.bench; safe to delete\n")
    return keep, False


def run(n: int, out: Path | None = Path("build/bench.json"), keep: Path | None = None, seed: int = 0,
        browser: bool = True, log: Callable[[str], None] | None = None) -> dict:
    """The whole bench; returns the measurements (and writes them to `out`)."""
    from .build import BuildReport, generate, mkdocs_config
    from .registry import load_registry

    t_start = time.perf_counter()
    log = log or (lambda msg: print(f"[{time.perf_counter() - t_start:7.1f}s] {msg}", file=sys.stderr, flush=True))
    work, temporary = _prepare_workdir(keep)
    load_start = _loadavg()
    content, site, docs = work / "content", work / "site", work / "docs"
    try:
        log(f"writing {n} synthetic articles into {content}")
        registry = load_registry(PROJECT_DIR / "content")
        corpus = synthetic_corpus(n, registry, seed)
        shutil.copytree(PROJECT_DIR / "content" / "registry", content / "registry")
        (content / "articles").mkdir(parents=True)
        for rel, text in corpus.items():
            (content / rel).write_text(text, encoding="utf-8")
        words = sum(len(t.split()) for t in corpus.values())
        log(f"  {words / max(n, 1):.0f} words an article over {corpus_days(n)} days")

        log("full build in a child process (generate + MkDocs)")
        full = _full_build(content, site, docs, work, log)
        t = full["timings"]
        generate_s = t.get("generate_s", 0.0)
        log(f"  built {full['articles']} articles, {full['pages']} pages in {full['total_s']:.1f} s "
            f"({full['errors']} errors, {full['warnings']} warnings)")

        work_entries = sorted(p.name for p in work.iterdir())
        docs_bytes, _, _ = _tree_bytes(docs)
        site_bytes, biggest, biggest_size = _tree_bytes(site)

        search = {"kb": None, "note": "skipped (--no-browser)"}
        if browser:
            log(f"browser: home page → first results for {SEARCH_WORD!r}")
            search = _browser_search(site, SEARCH_WORD, timeout_s=max(120.0, n / 20))
            log(f"  {search['kb']} KB" + (f" ({search['note']})" if search.get("note") else
                                          f" over {search['requests']} requests, {search['engine']} search"))

        changed_rel = sorted(corpus)[n // 2] if n else None
        changed = content / changed_rel if n else None
        site_url = mkdocs_config(PROJECT_DIR / "mkdocs.yml", docs, work / ".site.staging", False)["site_url"] or ""

        def rerun(what: str, edit: Callable[[], object], make_index: bool = False) -> tuple[float, BuildReport]:
            """One edit, then generate() again, reusing whatever the last build cached: its time and report."""
            log(f"incremental: {what}, generate() again")
            edit()
            t0 = time.perf_counter()
            report = generate(content, docs, site_url, make_index=make_index)
            seconds = time.perf_counter() - t0
            log(f"  {seconds:.2f} s (" + ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items()) + ")"
                + ("" if report.indexed else ", index not made again: no article's head changed"))
            return seconds, report

        def append(text: str) -> None:
            if changed is not None:
                with open(changed, "a", encoding="utf-8") as fh:
                    fh.write(f"\n{text}\n")

        def add_new(k: int) -> None:
            new = _Writer(registry, random.Random(seed + 1 + k)).article(
                n + k, START + dt.timedelta(days=corpus_days(n) - 1))
            (content / new.path).write_text(new.text, encoding="utf-8")

        # The re-runs are the preview's (make serve): its first build makes the index though nothing changed,
        # and the edits after it reuse what that process holds of it.
        preview_start_s, start = rerun("the preview's first build (nothing changed, the index made)", lambda: None,
                                       make_index=True)
        # The edits in rounds, each figure the median of its rounds (the machine is shared and noisy). Each
        # round edits the article anew and adds another new article: nothing it does was cached before.
        rounds = []
        for k in range(RERUN_ROUNDS):
            of = f" (round {k + 1} of {RERUN_ROUNDS})"
            text = rerun("one article's text changed" + of, lambda: append(TEXT_EDITS[k % len(TEXT_EDITS)]))
            # An edit that changes what the article reports: fused events, the timeline and term pages move.
            event = rerun("the same article now reports a capture" + of, lambda: append(EVENT_EDIT))
            # The edit a briefing sees most: one more article, of the latest day, naming places and reporting events.
            new = rerun("a new article of the latest day is added" + of, lambda: add_new(k))
            # An article withdrawn: reports it anchored leave their events, and others may join other events.
            gone = rerun("the edited article is deleted" + of, lambda: changed is not None and changed.unlink())
            # `make site` after an edit that changes the index: a fresh process, which holds none of it.
            log("incremental: the deleted article put back, generate() in a fresh process" + of)
            if changed is not None:
                changed.write_text(corpus[changed_rel], encoding="utf-8")
            cold = _cold_generate(content, docs, site_url, work)
            log(f"  {cold['generate_s']:.2f} s (" + ", ".join(f"{k} {v:.2f}" for k, v in cold["timings"].items())
                + f"; the process from start to exit {cold['process_s']:.2f} s)")
            rounds.append({"text": text, "event": event, "new": new, "gone": gone,
                           "cold": (cold["generate_s"], cold["timings"]), "cold_process": (cold["process_s"], None)})

        def median(kind: str) -> tuple[float, object]:
            """The median round's (seconds, report or timings) of one kind of re-run."""
            runs = sorted((r[kind] for r in rounds), key=lambda run: run[0])
            return runs[(len(runs) - 1) // 2]
        (incremental_s, again), (incremental_event_s, event_again), (incremental_new_s, new_again), \
            (incremental_delete_s, gone_again) = (median(kind) for kind in ("text", "event", "new", "gone"))
        incremental_cold_s, cold_timings = median("cold")
        cold_process_s = median("cold_process")[0]

        # Every cache the re-runs used, checked at this scale: the tree they left against one made from nothing.
        log("stale check: generate() from nothing into another folder, compared file by file")
        scratch = work / "scratch"
        t0 = time.perf_counter()
        generate(content, scratch / "docs", site_url)
        stale = tree_differences(docs, scratch / "docs")
        shutil.rmtree(scratch, ignore_errors=True)
        log(f"  {len(stale)} files differ ({time.perf_counter() - t0:.1f} s)" + (": " + ", ".join(stale[:5])
                                                                                if stale else ""))

        # The rate per article does not depend on N: a sample keeps a large bench from spending minutes here.
        sample = sorted(content / rel for rel in corpus)[:RATE_SAMPLE]
        log(f"extraction throughput on one core ({len(sample)} articles, median of 3)")
        rates = _extract_rate(sample, content, registry) if sample else {"per_cpu_s": 0.0, "per_wall_s": 0.0}
        rate = rates["per_cpu_s"]
        log(f"  {rate:.0f} articles per CPU second ({rates['per_wall_s']:.0f} per wall-clock second)")

        result = {
            "articles": n,
            "generate_s": round(generate_s, 3),
            "mkdocs_s": round(t.get("mkdocs_s", 0.0), 3),
            "search_s": round(t.get("search_s", 0.0), 3),
            "total_s": round(full["total_s"], 3),
            "preview_start_s": round(preview_start_s, 3),
            "incremental_s": round(incremental_s, 3),
            "incremental_event_s": round(incremental_event_s, 3),
            "incremental_new_s": round(incremental_new_s, 3),
            "incremental_delete_s": round(incremental_delete_s, 3),
            "incremental_cold_s": round(incremental_cold_s, 3),
            "peak_rss_mb": round(full["peak_rss_kb"] / 1024, 1),
            "docs_mb": round(docs_bytes / 2**20, 2),
            "site_mb": round(site_bytes / 2**20, 2),
            "max_page_kb": round(biggest_size / 1024, 1) if biggest else None,
            "max_page": biggest.relative_to(site).as_posix() if biggest else None,
            "search_first_query_kb": search["kb"],
            "extract_articles_per_s": round(rate, 1),
            "details": {
                "timings": {k: round(v, 3) for k, v in t.items()},
                "incremental_timings": {k: round(v, 3) for k, v in again.timings.items()},
                "incremental_event_timings": {k: round(v, 3) for k, v in event_again.timings.items()},
                "incremental_new_timings": {k: round(v, 3) for k, v in new_again.timings.items()},
                "incremental_new_written": new_again.written,
                "incremental_delete_timings": {k: round(v, 3) for k, v in gone_again.timings.items()},
                "incremental_cold_timings": {k: round(v, 3) for k, v in cold_timings.items()},
                # The fresh process of incremental_cold_s from its start to its exit, as a command takes.
                "incremental_cold_process_s": round(cold_process_s, 3),
                # The full build's process from its start to its exit (total_s is build() alone).
                "total_process_s": round(full["process_s"], 3),
                # Every round's seconds of each kind of re-run (the figures above are their medians).
                "incremental_rounds": [{kind: round(run[0], 3) for kind, run in r.items()} for r in rounds],
                "preview_start_timings": {k: round(v, 3) for k, v in start.timings.items()},
                # Whether each re-run made the index again (see build: a text edit need not).
                "incremental_indexed": [r["text"][1].indexed for r in rounds],
                "incremental_event_indexed": [r["event"][1].indexed for r in rounds],
                "preview_start_written": start.written,
                # Files of the re-runs' docs tree that differ from a tree generated from nothing.
                "stale_files": stale,
                "pages": full["pages"], "articles_built": full["articles"],
                "build_errors": full["errors"], "build_warnings": full["warnings"],
                "build_cpu_s": round(full["cpu_s"], 2),
                "maxrss_kb": {"children_of_bench": full["peak_rss_kb"], "build_self": full["maxrss_self_kb"],
                              "build_children": full["maxrss_children_kb"]},
                "extract_articles_per_wall_s": round(rates["per_wall_s"], 1),
                "load_average": {"start": load_start, "end": _loadavg()},
                "search": search, "seed": seed, "days": corpus_days(n),
                "words_per_article": round(words / max(n, 1)),
                "work_dir": None if temporary else str(work),
                "work_dir_entries": work_entries,  # e.g. an extraction cache the build keeps beside docs/
            },
            "env": _versions(),
            "bench_s": round(time.perf_counter() - t_start, 1),
        }
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {out}")
    return result


def table(result: dict) -> str:
    units = {"generate_s": "s", "mkdocs_s": "s", "search_s": "s", "total_s": "s", "preview_start_s": "s",
             "incremental_s": "s", "incremental_event_s": "s", "incremental_new_s": "s", "incremental_delete_s": "s",
             "incremental_cold_s": "s",
             "peak_rss_mb": "MB", "docs_mb": "MB", "site_mb": "MB", "max_page_kb": "KB",
             "search_first_query_kb": "KB", "extract_articles_per_s": "articles/s"}
    rows = []
    for key in KEYS:
        value = result.get(key)
        shown = "n/a" if value is None else f"{value:,}" if isinstance(value, (int, float)) else str(value)
        rows.append((key, shown, units.get(key, "")))
    note = result.get("details", {}).get("search", {}).get("note")
    width = max(len(r[0]) for r in rows)
    lines = [f"{k:<{width}}  {v:>12} {u}".rstrip() for k, v, u in rows]
    if note:
        lines.append(f"(search_first_query_kb: {note})")
    env = result.get("env", {})
    lines.append(f"Python {env.get('python')}, MkDocs {env.get('mkdocs')}, Material {env.get('mkdocs_material')}, "
                 f"{env.get('cpu_count')} CPUs; bench took {result.get('bench_s')} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="number of synthetic articles (default 1000)")
    parser.add_argument("--out", default="build/bench.json", help="where to write the JSON (default build/bench.json)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser search measurement")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    result = run(args.articles, Path(args.out), Path(args.keep) if args.keep else None, args.seed,
                 browser=not args.no_browser)
    print(table(result))
    details = result.get("details", {})
    if details.get("stale_files"):
        print(f"{len(details['stale_files'])} files of the re-runs' docs tree differ from a tree generated from "
              f"nothing (a cache left them stale): {', '.join(details['stale_files'][:10])}", file=sys.stderr)
        return 1
    problems = details.get("build_errors", 0) + details.get("build_warnings", 0)
    if problems:
        # The synthetic corpus is well formed: any problem is the generator's (a broken link, say).
        print(f"the build reported {details.get('build_errors', 0)} errors and {details.get('build_warnings', 0)} "
              f"warnings on the synthetic corpus", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
