"""Territorial events: who captured, entered, advanced on, withdrew from,
besieged or struck which place, read sentence by sentence.

A trigger (a verb or noun of one of the six actions) opens a window of text
up to the end of its clause; the places named in that window are the
event's places. The actor is the faction that is the clause's subject; a
pronoun subject ("they", "their") takes the previous sentence's actor.
Hypotheticals ("if Homs falls", "could capture") and negations are not
events; a denial ("the Defense Ministry denied this") is kept on the claim
it denies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import sentence_date
from ..model import Event
from .alternation import compile_words
from .matcher import Mention

ACTIONS = ("captured", "entered", "advanced", "withdrew", "besieged", "struck")

# (action, pattern, reach): reach is how many words after the trigger the
# first place may stand; "clause" lets the window run to the clause's end.
_TRIGGERS = [
    ("captured", r"(?:re)?captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)(?:\s+control\s+of)?|overr(?:an|un|uns|unning)"
                 r"|liberat(?:e|es|ed|ing)|conquer(?:s|ed|ing)?|snatch(?:es|ed|ing)?|wrest(?:s|ed|ing)?"
                 r"|(?:took|take[sn]?|taking|gain(?:ed|s|ing)?|won|wins?|winning|assum(?:ed|es|ing)|seized|"
                 r"regain(?:ed|s|ing)?|retook|retak(?:e|en|es|ing))\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)"
                 r"|(?:took|taken|taking|takes?)\s+over|storm(?:s|ed|ing)?|swept\s+(?:into|through)"
                 r"|br(?:ought|ing|ings|inging)(?=[^.;]{0,80}?\bunder\s+(?:their|its|his|the|full|total)\s+"
                 r"(?:full\s+|complete\s+)?control)", "clause"),
    ("captured", r"took|taken|taking|takes?|retook|retaken|control(?:s|led)?|held|holds?", 4),
    ("entered", r"enter(?:s|ed|ing)?|(?:push|mov|broke|broken|pour|roll)(?:ed|es|s|ing)?\s+into"
                r"|(?:push|mov|broke|pour|roll)(?:ed|es|s|ing)?\s+(?:further\s+|deeper\s+)into"
                r"|reach(?:ed|es|ing)?\s+(?:the\s+(?:centre|center|heart)\s+of)", "clause"),
    ("advanced", r"advanc(?:e|es|ed|ing)(?:\s+[a-z]+){0,2}?\s+(?:on|towards?|to|into|near|closer\s+to|"
                 r"in\s+the\s+direction\s+of)"
                 r"|clos(?:e|es|ed|ing)\s+in\s+on|approach(?:es|ed|ing)?|(?:mov|push|march|head)(?:ed|es|s|ing)?\s+"
                 r"(?:closer\s+to|towards?|on)|(?:on|at|reached|reach|stood\s+at|standing\s+on|are\s+now\s+on)\s+"
                 r"the\s+(?:outskirts|gates|walls|edges?|doorstep)\s+of|in\s+front\s+of|within\s+(?:striking\s+)?"
                 r"(?:distance|reach)\s+of|(?:km|kilomet(?:er|re)s?|miles?)(?:\s*\([^)]{0,30}\))?\s+(?:away\s+)?"
                 r"(?:from|of|outside|short\s+of|before)|outskirts\s+of", "clause"),
    ("withdrew", r"withdr(?:ew|awn|aw|aws|awing)\s+(?:\w+\s+)?from|withdrawal\s+from|pull(?:ed|s|ing)?\s+"
                 r"(?:out|back)\s+(?:of|from)|withdr(?:ew|awn)|pull(?:ed|s)?\s+(?:out|back)|retreat(?:ed|s|ing)?\s+from|abandon(?:ed|s|ing)?|evacuat(?:ed|es|ing)\s+from"
                 r"|(?:los(?:t|e|es|ing)|ceded|ced(?:e|es|ing))\s+(?!ground|momentum|support|lives|men|troops)"
                 r"(?:control\s+(?:of|over)\s+)?"
                 r"|gave\s+up|give[sn]?\s+up|giving\s+up|fled\s+from|loss\s+of"
                 r"|(?:left|leave|leaving|abandon(?:ed|ing)?|vacat(?:ed|ing)|quit)\s+(?:their|its|his)\s+positions?\s+"
                 r"(?:in|around|near|at)", "clause"),
    ("withdrew", r"leave|leaves|leaving|left", 3),
    ("besieged", r"besieg(?:e|es|ed|ing)|surround(?:s|ed|ing)?|encircl(?:e|es|ed|ing)|siege\s+(?:of|on)", "clause"),
    ("struck", r"hit|hits|hitting", 3),
    ("struck", r"air\s*-?\s*strikes?|air\s+raids?|drone\s+strikes?|missile\s+strikes?|strikes?\s+on|shell(?:s|ed|ing)"
               r"|bomb(?:s|ed|ing)|bombard(?:s|ed|ing|ment)|pound(?:s|ed|ing)|struck|raids?\s+on|target(?:s|ed|ing)",
     "clause"),
]
# Each trigger on word boundaries; only the distance trigger also starts right after a digit ("40km").
# m.lastgroup names the alternative matched: _TRIGGER_OF gives its trigger.
_TRIGGER_RX, _TRIGGER_OF = compile_words([p for _, p, _ in _TRIGGERS],
                                         frozenset(i for i, (_, p, _) in enumerate(_TRIGGERS) if "km" in p))
# "Daraa was captured by", "Aleppo fell to", "Daraa's recapture by": the place comes first.
_PASSIVE_RX = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?P<verb>captured|seized|taken|overrun|liberated|"
    r"recaptured|retaken|stormed|entered|besieged|surrounded|encircled|shelled|bombed|bombarded|struck|targeted|"
    r"abandoned|evacuated)\b"
    r"|\b(?P<fell>f[ae]ll(?:s|en)?\s+(?:in)?to(?:\s+the\s+hands\s+of)?|(?:is|was|are|were)\s+(?:now\s+)?"
    r"(?:fully\s+|firmly\s+)?in\s+the\s+hands\s+of)\b"
    r"|(?:'s?|’s?)\s+(?:\w+\s+)?(?P<noun>capture|recapture|fall|seizure|takeover|liberation|loss|surrender)\b", re.I)
_PASSIVE_ACTION = {"captured": "captured", "seized": "captured", "taken": "captured", "overrun": "captured",
                   "liberated": "captured", "recaptured": "captured", "retaken": "captured", "stormed": "entered",
                   "entered": "entered", "besieged": "besieged", "surrounded": "besieged", "encircled": "besieged",
                   "shelled": "struck", "bombed": "struck", "bombarded": "struck", "struck": "struck",
                   "targeted": "struck", "abandoned": "withdrew", "evacuated": "withdrew", "capture": "captured",
                   "recapture": "captured", "fall": "captured", "seizure": "captured", "takeover": "captured",
                   "liberation": "captured", "loss": "withdrew", "surrender": "withdrew"}
# Where a clause ends: the window of a trigger stops here.
_CLAUSE_END = re.compile(r"[;:!?]|\.(?:\s|$)|\s[–—]\s|,\s+(?:which|who|where|while|but|as|after|before|when|although|"
                         r"though|according|said|says|a|an|\w+ing)\b|\b(?:against|while|but|whereas|because|"
                         r"although|though|after|before|since|according\s+to|said|says|amid|despite|if|unless|when|"
                         r"who|which|where|that|could|would|might|will)\b", re.I)
_FROM = re.compile(r"\b(?:from|out\s+of)\b", re.I)
_NEAR = re.compile(r"\b(?:near|outside|around|towards?)\b", re.I)
_EDGE_BEFORE = re.compile(r"(?:outskirts|gates?|walls?|edges?|doorstep|approaches|entrance)\s+(?:of|to)\s+"
                          r"(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
# Between a weak trigger ("took", "control") and its place: only function words.
_WEAK_GAP = re.compile(r"\b(?:in|on|at|from|to|with|for|by|across|near|into|toward|towards|after|before|during|"
                       r"following|since|through|under|between|around)\b", re.I)
# Between two places of one list: "Aleppo, Hama, and Homs", "Aleppo (in the northwest), and Hama".
_LIST_GAP = re.compile(r"^\s*(?:\([^)]*\))?\s*(?:,|and|&|,\s*and|as\s+well\s+as|or)\s*(?:the\s+)?"
                       r"(?:(?:cities|towns|villages|city|town|village|province)\s+of\s+)?$", re.I)
_MODAL_AFTER = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:could|would|might|may|will|should)\b", re.I)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_EDGE_AFTER = re.compile(r"^(?:'s?|’s?)?\s*(?:\w+\s+)?(?:outskirts|gates|walls|edges?|countryside)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|should|will|shall|aims?\s+to|aiming\s+to|plans?\s+to|"
                           r"seeks?\s+to|seeking\s+to|threaten(?:s|ed|ing)?\s+to|vow(?:s|ed)?\s+to|expected\s+to|"
                           r"attempt(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|next\s+target|objective|goal|"
                           r"hopes?\s+to|want(?:s|ed)?\s+to|intend(?:s|ed)?\s+to|ready\s+to|prepar(?:e|es|ed|ing)\s+to|"
                           r"ultimatum|agree(?:d|s)?\s+to\s+(?!an?\b)|an\s+agreement\s+to|order(?:ed|s)?\s+to)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?)\s+$")  # "the abandoned town": an adjective
_IF = re.compile(r"\b(?:if|unless|whether)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|failed\s+to|fail\s+to|n't)\b\s*(?:\w+\s+){0,2}$", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|their|them|it|its|he|his|we|our|the\s+group|the\s+fighters)\b", re.I)
_DENY = r"denied|denies|deny|dismissed|rejected|refuted"
_DENIAL = re.compile(rf"\b(?:{_DENY})\b", re.I)
_DENIAL_OF_PREVIOUS = re.compile(rf"\b(?:{_DENY})\s+(?:this|that|these|the\s+(?:claims?|reports?|account)|"
                                 r"such\s+(?:claims|reports)|it)\b", re.I)
_ATTRIBUTION = re.compile(r"\baccording\s+to\b|\b(?:said|says|say|reported|reports|stated|states|told|claimed|claims|"
                          r"announced|confirmed|cited|citing|quoted)\b", re.I)
_EXCLUDED_BEFORE = re.compile(r"(?:\bagainst|\bwith|\bon|\bto|\bfrom\s+the\s+hands\s+of)\s+(?:the\s+)?"
                              r"(?:\w+\s+){0,1}$", re.I)
_BACKED = re.compile(r"^-?\s*(?:backed|supported|sponsored|aligned|allied|funded|trained|based|occupied|held|"
                     r"controlled|run|brokered)\b", re.I)
# "north of Hama", "in southern Idlib province", "the Aleppo countryside": a
# reference point or region, not the place taken.
_REFERENCE_BEFORE = re.compile(r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                               r"(?:(?:city|town|province)\s+of\s+)?$)", re.I)
_REGION_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|north|south|east|west|rural|central)"
                            r"(?:-?(?:east|west)(?:ern)?)?\s+$", re.I)
_REGION_AFTER = re.compile(r"^(?:'s)?\s+(?:countryside|desert|hinterland|suburbs|plains?|garrison|buffer\s+zone)\b",
                           re.I)
_PROVINCE_AFTER = re.compile(r"^\s+(?:province|governorate|region)\b", re.I)
_DENIED_BEFORE = re.compile(rf"\b(?:no\s+truth|{_DENY}|false|fake|baseless|untrue|rumou?rs?)\b[^.]*$", re.I)
# "these areas", "the city", "there": a place named before.
_REFERENT = r"(?:(?:these|those|the)\s+(?:areas?|cities|city|towns?|province|region|village)|there)\b"
_ANAPHORA = re.compile(rf"^\s*(?:(?:the\s+)?control\s+(?:of|over)\s+)?{_REFERENT}", re.I)
# "the capital", not "the capital, Damascus" (then the name is matched) nor "the Lebanese capital".
_CAPITAL = re.compile(r"^\s*(?:(?:the\s+)?control\s+(?:of|over)\s+)?the\s+(?:Syrian\s+)?capital\b(?!\s*,)", re.I)
CAPITAL = "Damascus"
_CLAUSE_OPENER = re.compile(r"\b(?:that|said|says|after|before|while|when|as|since|because|but|whereas|although|"
                            r"though|until|once)\s|:\s", re.I)
_REFERS_BACK = re.compile(rf"\b{_REFERENT}", re.I)
_PERFECT_WITHDRAW = re.compile(r"\b(?:withdrew|withdrawn|pulled\s+out|retreated)\s*$", re.I)
_KIND_RANK = {"armed group": 0, "government": 0, "foreign state": 0, "generic": 1}


@dataclass
class Sentence:
    text: str
    mentions: list[Mention]   # offsets relative to this sentence
    heading: bool = False


def _actor_mentions(sentence: Sentence, factions: dict, people: dict) -> list[tuple[int, str]]:
    """Faction mentions (offset, canonical) that may be a subject, with people
    standing for their faction ("Assad withdrew")."""
    out = []
    for m in sentence.mentions:
        if m.taxonomy == "factions":
            if _BACKED.match(sentence.text[m.end:]):
                continue  # "US-backed SDF": the backer is not the actor
            out.append((m.start, m.name))
        elif m.taxonomy == "people" and people.get(m.name) and people[m.name].faction:
            out.append((m.start, people[m.name].faction))
    return out


def _choose_actor(candidates: list[tuple[int, str]], sentence: str, factions: dict) -> str | None:
    """The subject among faction mentions: one named after "led by" first,
    then a specific group over a generic term ("Islamist fighters from HTS"),
    a proper name over a common noun ("the military alliance SDF"), the
    first over a later one."""
    usable = [(pos, name) for pos, name in candidates if not _EXCLUDED_BEFORE.search(sentence[:pos])]
    if not usable:
        return None
    led = re.search(r"\bled\s+by\s+", sentence)
    if led:
        after_led = [c for c in usable if c[0] >= led.end() and c[0] - led.end() < 40]
        if after_led:
            return after_led[0][1]

    def rank(c):
        kind = _KIND_RANK.get(factions[c[1]].kind, 1) if c[1] in factions else 1
        common = sentence[c[0]:c[0] + 1].islower() or sentence[c[0]:c[0] + 4].lower() == "the "
        return kind, common, c[0]
    return min(usable, key=rank)[1]


def _window(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    end = m.start() if m else len(text)
    return min(end, start + 160)


def _places_in(sentence: Sentence, start: int, end: int, reach, action: str) -> list[tuple[Mention, str | None]]:
    """Places in text[start:end] → (mention, modifier) where modifier is
    'edge' when the place is named as a target's outskirts or walls. A weak
    trigger (reach a number) takes only a direct object and its list."""
    found = []
    last_end = start
    for m in sentence.mentions:
        if m.taxonomy != "places" or m.start < start or m.start >= end:
            continue
        between = sentence.text[start:m.start]
        if reach != "clause":
            if found:
                if not _LIST_GAP.match(sentence.text[last_end:m.start]):
                    break
            elif len(between.split()) > reach or _WEAK_GAP.search(between):
                break
        near = _NEAR.search(between)
        if _FROM.search(between) or near and action != "struck" and not (
                action in ("advanced", "besieged") and re.fullmatch(r"\s*\w+\s+(?:the\s+)?", between[near.start():])):
            break
        before, after = sentence.text[:m.start], sentence.text[m.end:]
        if _REFERENCE_BEFORE.search(before) or (action != "struck" and (
                _REGION_AFTER.match(after) or _REGION_BEFORE.search(before) and _PROVINCE_AFTER.match(after))):
            continue
        last_end = m.end
        edge = _EDGE_BEFORE.search(between) or _EDGE_AFTER.match(sentence.text[m.end:])
        found.append((m, "edge" if edge else None))
    return found


def _attribution(sentence: Sentence) -> str | None:
    if not _ATTRIBUTION.search(sentence.text):
        return None
    for m in sentence.mentions:
        if m.taxonomy == "sources":
            return m.name
    return None


def events_of(sentences: list[Sentence], published: str | None, factions: dict, people: dict) -> list[Event]:
    events: list[Event] = []
    previous_actor = None
    previous_places: list[str] = []
    previous_events: list[Event] = []
    for sentence in sentences:
        text = sentence.text
        actors = _actor_mentions(sentence, factions, people)
        found: list[Event] = []
        # Only a sentence naming a place, or referring back to one, can hold an event.
        can_hold = any(m.taxonomy == "places" for m in sentence.mentions) or \
            (previous_places and _REFERS_BACK.search(text)) or "capital" in text

        def add(action: str, place: str, actor: str | None) -> None:
            if not found:
                add.date, add.attributed = sentence_date(text, published), _attribution(sentence)
            found.append(Event(actor, action, place, add.date, text, add.attributed))

        # "rebel-held", "Kurdish-led": compound adjectives, not actions.
        # "rebel-held", "the abandoned town": adjectives, not actions.
        triggers = [m for m in _TRIGGER_RX.finditer(text) if text[m.start() - 1: m.start()] != "-" and not (
            m.group(0).lower().endswith("ed") and _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()))] \
            if can_hold else []
        strong = [m for m in triggers if _TRIGGERS[_TRIGGER_OF[m.lastgroup]][2] == "clause"]
        for i, m in enumerate(triggers):
            index = _TRIGGER_OF[m.lastgroup]
            action, _, reach = _TRIGGERS[index]
            before = text[: m.start()]
            # A negation stands within a few words of its verb: search only those.
            if _NEGATION.search(text, max(0, m.start() - 80), m.start()) or _IF.search(before):
                continue
            end = _window(text, m.end())
            following = next((t for t in strong if t.start() > m.start()), None)
            if following:
                end = min(end, following.start())
            places = _places_in(sentence, m.end(), end, reach, action)
            if not places and action == "withdrew" and _PERFECT_WITHDRAW.search(text[: m.end()]) and \
                    text[m.end():].strip(" ,”\"'").split(" ", 1)[0].lower() not in ("from", "to"):
                earlier = [x for x in sentence.mentions if x.taxonomy == "places" and x.end <= m.start()]
                places = [(earlier[-1], None)] if earlier else []
            if not places and _CAPITAL.match(text[m.end():end]):
                places = [(Mention(0, 0, "places", CAPITAL, "name", ""), None)]
            if not places and _ANAPHORA.match(text[m.end():end]):
                # "the city": a place named earlier in this sentence, else in the one before.
                earlier = [x.name for x in sentence.mentions if x.taxonomy == "places" and x.end <= m.start()]
                referent = (earlier or previous_places or [None])[-1]
                places = [(Mention(0, 0, "places", referent, "name", ""), None)] if referent else []
            if not places:
                continue
            first_place_end = min(p.end for p, _ in places)
            if _HYPOTHETICAL.search(text[max(0, m.start() - 60): m.start()]) or \
                    _MODAL_AFTER.match(text[first_place_end:]):
                continue
            subject = [c for c in actors if c[0] < m.start()]
            # The subject of the trigger's own clause: "X withdrew after the rebels entered Y".
            opener = max((c.end() for c in _CLAUSE_OPENER.finditer(before)), default=-1)
            if opener > 0 and any(c[0] >= opener for c in subject):
                subject = [c for c in subject if c[0] >= opener]
            agents = [c for c in actors if m.end() <= c[0] < end and _BY_AGENT.search(text[m.end():c[0]])]
            actor = agents[0][1] if agents else _choose_actor(subject, text, factions)
            if actor is None and (not before.strip() or _PRONOUN_SUBJECT.search(before)):
                actor = previous_actor
            if action in ("captured", "withdrew") and re.search(r"\bby\s*$", text[: m.start()]):
                continue  # "the capture ... by": handled as passive below
            denied = _DENIED_BEFORE.search(before)
            for place, modifier in places:
                act = "advanced" if modifier == "edge" and action in ("captured", "entered") else action
                add(act, place.name, actor)
                if denied:
                    found[-1].denied_by = next((x.text for x in sentence.mentions if x.start < m.start() and
                                                x.taxonomy in ("factions", "sources", "people")), "denied")

        for m in (_PASSIVE_RX.finditer(text) if can_hold else ()):
            word = (m.group("verb") or m.group("noun") or "").lower()
            action = "captured" if m.group("fell") else _PASSIVE_ACTION.get(word)
            if not action:
                continue
            before_places = [x for x in sentence.mentions if x.taxonomy == "places" and x.end <= m.start()
                             and len(text[x.end:m.start()].split()) <= 3]
            if not before_places or _HYPOTHETICAL.search(text[max(0, m.start() - 40): m.end() + 10]) \
                    or _IF.search(text[: m.start()]):
                continue
            end = _window(text, m.end())
            after = [c for c in actors if m.end() <= c[0] < end + 40]
            by_actor = None
            if after and re.match(r"\s*(?:\w+\s+){0,4}?(?:by|to)\b", text[m.end(): after[0][0]] + " by"):
                by_actor = _choose_actor(after, text, factions)
            add(action, before_places[-1].name, by_actor)

        if _DENIAL.search(text):
            denier = next((x.text for x in sentence.mentions if x.taxonomy in ("factions", "sources", "people")
                           and x.start < _DENIAL.search(text).start()), None)
            targets = previous_events if _DENIAL_OF_PREVIOUS.search(text) else found
            for event in targets:
                event.denied_by = denier or "denied"
        if not sentence.heading:
            here = _choose_actor(actors, text, factions)  # the subject, for the next sentence's pronouns
            if here:
                previous_actor = here
            places_here = [x.name for x in sentence.mentions if x.taxonomy == "places"]
            if places_here:
                previous_places = places_here
        previous_events = found
        events.extend(found)
    # One event per (actor, action, place, date) an article.
    unique, seen = [], set()
    for e in events:
        key = (e.actor, e.action, e.place, e.date)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


def trigger_starts(text: str) -> list[int]:
    """Where an action's trigger starts in a sentence. Not used by
    extraction: the editor's desk looks before each for an actor's name
    that no registry holds."""
    return [m.start() for m in _TRIGGER_RX.finditer(text)]
