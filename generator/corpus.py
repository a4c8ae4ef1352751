"""A synthetic corpus for the bench and the tests: N realistic pasted
articles drawn from the real registries, with the page furniture real pages
carry (captions, "Also Read" lines, bylines, share buttons), about PER_DAY a
day. Deterministic for a seed; each article says which places it names in
its own text and which only in its furniture."""
from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field

from .extract import NOT_PLACES
from .model import Registry

START = dt.date(2024, 11, 27)
DAYS = 100          # the corpus spans at most this many days from START ...
PER_DAY = 100       # ... at about this many articles a day


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


class Writer:
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
    writer = Writer(registry, rng)
    days = corpus_days(n)
    return [writer.article(i, START + dt.timedelta(days=i * days // max(n, 1))) for i in range(n)]


def synthetic_corpus(n: int, registry: Registry, seed: int = 0) -> dict[str, str]:
    """Relative path (articles/...) → file text of N synthetic articles."""
    return {a.path: a.text for a in synthetic_articles(n, registry, seed)}
