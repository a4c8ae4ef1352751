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

from ..dates import explicit_date, heading_date, sentence_date
from ..model import Event
from . import states
from .alternation import compile_words
from .matcher import Mention

ACTIONS = ("captured", "entered", "advanced", "withdrew", "besieged", "struck")

# (action, pattern, reach): reach is how many words after the trigger the
# first place may stand; "clause" lets the window run to the clause's end.
_TRIGGERS = [
    ("captured", r"captur(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)(?:\s+control\s+(?:of|over))?"
                 r"|overr(?:an|un|uns|unning)|liberat(?:e|es|ed|ing)|conquer(?:s|ed|ing)?|snatch(?:es|ed|ing)?"
                 r"|wrest(?:s|ed|ing)?"
                 # "took full control of", "consolidated control on", "restored control over"
                 r"|(?:took|take[sn]?|taking|gain(?:ed|s|ing)?|won|wins?|winning|assum(?:ed|es|ing)|seized|"
                 r"claim(?:ed|s|ing)?|consolidat(?:ed|es|ing)|extend(?:ed|s|ing)|secur(?:ed|es|ing)|impos(?:ed|es|ing)|"
                 r"regain(?:ed|s|ing)?|restor(?:ed|es|ing)|reimpos(?:ed|es|ing)|retook|retak(?:e|en|es|ing))\s+"
                 r"(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over|on)"
                 r"|(?:took|taken|taking|takes?)\s+(?:over|back)"
                 r"|now\s+in\s+(?:full\s+)?control\s+of|in\s+(?:full\s+)?control\s+of"
                 r"|establish(?:ed|es|ing)\s+(?:\w+\s+)?(?:control|dominance)\s+(?:of|over|across|in)"
                 r"|(?:takeover|capture|seizure|liberation)\s+of"
                 # "ousted the army from Y", "drove them out of Y"
                 r"|(?:oust(?:s|ed|ing)?|expel(?:s|led|ling)?|dr(?:ove|ive|ives|iving|iven)|push(?:ed|es|ing)?|"
                 r"kick(?:ed|s|ing)?|chas(?:ed|es|ing)|clear(?:ed|s|ing)?)\s+(?:\w+\s+){0,4}?(?:out\s+of|from)"
                 r"|declar(?:e|ed|es|ing)(?=\s+(?:\w+\s+){0,5}?[\"']?(?:free|liberated)\b)"
                 r"|add(?:ed|s|ing)(?=\s+(?:\w+\s+){0,5}?to\s+(?:their|its|the)\s+(?:\w+\s+)?gains\b)"
                 r"|br(?:ought|ing|ings|inging)(?=[^.;]{0,80}?\bunder\s+(?:their|its|his|the|full|total)\s+"
                 r"(?:full\s+|complete\s+)?control)", "clause"),
    ("captured", r"took|taken|taking|takes?|retook|retaken"
                 r"|(?:now|fully|completely)\s+(?:controls?|controlled|holds?|held)", 4),
    # "advanced into" is an entry; "are advancing into" still an advance
    ("entered", r"enter(?:s|ed|ing)?|(?:push|mov|broke|broken|pour|roll)(?:ed|es|s|ing)?\s+into|advanced\s+into"
                r"|(?:push|mov|broke|pour|roll|advanc)(?:ed|es|s|ing)?\s+(?:further\s+|deeper\s+)into"
                r"|br(?:oke|eak|eaks|eaking)\s+through\s+(?:in)?to|storm(?:s|ed|ing)?|swept\s+(?:into|through)"
                r"|invad(?:e|es|ed|ing)|(?:incursion|infiltration|entry)\s+(?:[\w'-]+\s+){0,4}?into"
                # "rebel fighters were in the neighbourhood of Y"
                r"|(?:were|are)\s+(?:now\s+)?(?:inside|in)(?=\s+(?:the\s+)?(?:neighbou?rhood|district|centre|"
                r"center|heart|streets)\s+of\b)"
                r"|deploy(?:ed|s|ing)?\s+(?:\w+\s+){0,6}?(?:in|to|into)(?=\s+(?:the\s+)?(?:city|town|[A-Z]))"
                r"|reach(?:ed|es|ing)?\s+(?:the\s+)?(?:centre|center|heart|inner\s+parts|streets)\s+of", "clause"),
    ("advanced", r"advanc(?:e|es|ed|ing)(?:\s+[a-z]+){0,2}?\s+(?:on|towards?|to|near|closer\s+to|"
                 r"in\s+the\s+direction\s+of|in)|advanc(?:e|es|ing)\s+into"
                 r"|clos(?:e|es|ed|ing)\s+in\s+on|approach(?:es|ed|ing)?"
                 r"|(?:mov|push|march|head|press)(?:ed|es|s|ing)?\s+(?:closer\s+to|close\s+to|towards?|on)"
                 r"|(?:on|at|reached|reach|stood\s+at|standing\s+on|are\s+now\s+on)\s+"
                 r"the\s+(?:outskirts|gates|walls|edges?|doorstep|threshold)\s+of"
                 r"|in\s+front\s+of|within\s+(?:striking\s+)?(?:distance|reach)\s+of"
                 r"|(?:km|kilomet(?:er|re)s?|miles?)(?:\s*\([^)]{0,30}\))?\s+(?:away\s+)?"
                 r"(?:from|of|outside|short\s+of|before)|outskirts\s+of|threshold\s+of"
                 # "launched an attack (an offensive, an operation) on Y"
                 r"|launch(?:ed|es|ing)?\s+(?:an?\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
                 r"(?:attack|offensive|assault|incursion|operation)\s+(?:\w+\s+){0,3}?"
                 r"(?:on|against|targeting|in|into|toward|towards)"
                 r"|mov(?:ed|es|ing)\s+to\s+(?:surround|encircle|besiege)", "clause"),
    ("withdrew", r"withdr(?:ew|awn|aw|aws|awing)\s+(?:\w+\s+){0,2}?from|withdrawal\s+from"
                 r"|pull(?:ed|s|ing)?\s+(?:out|back)\s+(?:of|from)|pull-?out\s+(?:\w+\s+){0,3}?from"
                 r"|withdr(?:ew|awn)|pull(?:ed|s)?\s+(?:out|back)"
                 r"|retreat(?:ed|s|ing)?\s+from|abandon(?:ed|s|ing)?|evacuat(?:ed|es|ing)(?:\s+from)?"
                 r"|(?:los(?:t|e|es|ing)|ceded|ced(?:e|es|ing))\s+(?!ground|momentum|support|lives|men|troops)"
                 r"(?:control\s+(?:of|over)\s+)?|out\s+of\s+(?:the\s+)?control\s+of"
                 r"|gave\s+up|give[sn]?\s+up|giving\s+up|fled\s+from|loss\s+of"
                 # the army's words: "redeployed outside Y", "repositioned its forces in Y"
                 r"|(?:redeploy|reposition)(?:ed|s|ing)?\s+(?:\w+\s+){0,3}?"
                 r"(?:in|outside|on\s+the\s+outskirts\s+of|around)"
                 r"|(?:left|leave|leaving|abandon(?:ed|ing)?|vacat(?:ed|ing)|quit)\s+(?:their|its|his)\s+positions?\s+"
                 r"(?:in|around|near|at)", "clause"),
    ("withdrew", r"leave|leaves|left", 3),
    ("withdrew", r"(?:retreat|withdraw|pull\w*\s+back)\w*\s+to(?=\s+its\s+outskirts)", "clause"),
    ("besieged", r"besieg(?:e|es|ed|ing)|surround(?:s|ed)?|encircl(?:e|es|ed|ing)|siege\s+(?:of|on)", "clause"),
    ("struck", r"hit|hits|hitting", 3),
    # "Israeli jets later hit the ministry's headquarters in Damascus": what hit is named, so its clause is the target
    ("struck", r"(?:jets|warplanes|aircraft|drones|planes|airstrikes|strikes|missiles|rockets|shells)\s+"
               r"(?:\w+\s+)?(?:hit|hits|hitting)", "clause"),
    ("struck", r"air\s*-?\s*strikes?|air\s+raids?|drone\s+strikes?|missile\s+strikes?|strikes?\s+(?:on|in|against)"
               r"|shell(?:s|ed|ing)|bomb(?:s|ed|ing)|bombard(?:s|ed|ing|ment)|pound(?:s|ed|ing)|struck|striking"
               r"|raids?\s+on|target(?:s|ed|ing)"
               r"|fir(?:ed|es|ing)\s+(?:\w+\s+){0,2}?(?:rockets?|missiles?|shells?|mortars?)\s+(?:at|on|into)"
               r"|(?:artillery|rocket|mortar)\s+fire\s+on|raid(?:ed|ing)|ambush(?:ed|es|ing)?"
               # attacks on a named place (the contract's table): an attack, an ambush, a car bomb
               r"|attack(?:ed|s|ing)?(?:\s+on)?|(?:car|truck|suicide|roadside)\s+bomb(?:ing|er)?s?|bomb\s+blast"
               r"|explosions?\s+(?:\w+\s+)?(?:in|at|near)", "clause"),
]
# Triggers that name where forces stand, not a move: they need an actor ("Y is a prison on the outskirts of Z").
_LOCATIVE = re.compile(r"^(?:(?:on|at)\s+the\s+)?(?:outskirts|threshold|edges?|gates|in\s+front|within|\d|km|kilomet|"
                       r"miles?)", re.I)
_WORD_RX = re.compile(r"\w+")
_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn)\b")
_BY_END = re.compile(r"\bby\s*$")
_LOCATED_BEFORE = re.compile(r"\b(?:located|lies|lying|situated|sits|which\s+is)\s+(?:\w+\s+){0,3}$", re.I)
# "was driven out of", "were expelled from": the subject lost the place; the actor is the agent, if named
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", re.I)
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
    r"(?:fully\s+|firmly\s+)?in\s+the\s+hands\s+of"
    r"|(?:f[ae]ll(?:s|en)?|c[oa]me|comes)\s+(?:\w+\s+)?under\s+(?:the\s+)?(?:\w+\s+)?control"
    r"|(?:is|are|was|were)\s+now\s+(?:\w+ly\s+)?(?:controlled|held)\s+by"
    r"|(?:is|are)\s+now\s+(?:\w+ly\s+)?under\s+(?:\w+\s+){0,2}control)\b"
    r"|\b(?P<lost>(?:is|are|was|were)\s+(?:now\s+)?out\s+of\s+(?:the\s+)?control\s+of)\b"
    r"|(?:'s?|’s?)\s+(?:\w+\s+)?(?P<noun>capture|recapture|fall|seizure|takeover|liberation|loss|surrender)\b", re.I)
# A word every passive form holds, found fast (compile_words), before the costlier patterns run.
_PASSIVE_CUE, _ = compile_words([r"captured|seized|taken|overrun|liberated|recaptured|retaken|stormed|entered|besieged|"
                                 r"surrounded|encircled|shelled|bombed|bombarded|struck|targeted|abandoned|evacuated|"
                                 r"f[ae]ll(?:s|en)?|hands|control|controlled|held|capture|recapture|fall|seizure|"
                                 r"takeover|liberation|loss|surrender"])
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
                         r"who|which|where|that|could|would|might|will|except|excluding|apart\s+from|"
                         r"with\s+the\s+exception)\b", re.I)
_REACH = 160  # characters a trigger's clause may run, outside a list of places
_LIST_INTRO = re.compile(r"\s*(?::|,?\s*(?:including|such\s+as|like|namely|as\s+well\s+as))\s+", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_DESTINATION_BEFORE = re.compile(r"\b(?:to|towards?|for)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_FACILITY_AFTER = re.compile(r"^(?:'s?)?\s+(?:(?:international|military|central|main|old|new)\s+)*(?:airport|airbase|"
                             r"landmarks?|air\s+base|base|prison|bridge|headquarters|hq|police|square|dam|barracks|"
                             r"outpost|"
                             r"citadel|palace|hospital|university|school|station|camp|regiment|brigade|garrison|"
                             r"depot)\b", re.I)
_LOCATOR_BEFORE = re.compile(r"\b(?:in|of|near)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+|rural\s+|"
                             r"central\s+)?(?:(?:city|province|town)\s+of\s+)?$", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
_WHOLE_BEFORE = re.compile(r"\b(?:whole|entire|entirety|all|complete|full|most|across|throughout)\s+"
                           r"(?:of\s+)?(?:the\s+)?"
                           r"(?:\w+\s+){0,2}$", re.I)
_NEAR = re.compile(r"\b(?:near|outside|around|towards?)\b", re.I)
_EDGE_BEFORE = re.compile(r"(?:outskirts|gates?|walls?|edges?|doorstep|approaches|entrance)\s+(?:of|to)\s+"
                          r"(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
# Between a weak trigger ("took", "control") and its place: only function words.
_WEAK_GAP = re.compile(r"\b(?:in|on|at|from|to|with|for|by|across|near|into|toward|towards|after|before|during|"
                       r"following|since|through|under|between|around)\b", re.I)
# Between two places of one list: "Aleppo, Hama, and Homs", "Aleppo (in the northwest), and Hama".
_LIST_GAP = re.compile(r"^\s*(?:\([^)]*\))?\s*(?:,|and|&|,\s*and|as\s+well\s+as|or)\s*(?:the\s+)?"
                       r"(?:(?:cities|towns|villages|city|town|village|province)\s+of\s+)?$", re.I)
# "May" before a day number or after "in" is the month ("on May 3", "in May"), not the modal.
_MAY = r"(?<!\bin\s)may(?!\s+\d{1,2}\b)"
_MODAL_AFTER = re.compile(rf"^[^\w,;]*(?:\w+\s+){{0,2}}?(?:could|would|might|{_MAY}|will|should)\b", re.I)  # not past a comma
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_EDGE_AFTER = re.compile(r"^(?:'s?|’s?)?\s*(?:\w+\s+)?(?:outskirts|gates|walls|edges?|countryside)\b", re.I)
_HYPOTHETICAL = re.compile(rf"\b(?:could|would|might|{_MAY}|should|will|shall|aims?\s+to|aiming\s+to|plans?\s+to|"
                           r"seeks?\s+to|seeking\s+to|threaten(?:s|ed|ing)?\s+to|vow(?:s|ed)?\s+to|expected\s+to|"
                           r"attempt(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|next\s+target|objective|goal|"
                           r"hopes?\s+to|want(?:s|ed)?\s+to|intend(?:s|ed)?\s+to|ready\s+to|prepar(?:e|es|ed|ing)\s+to|"
                           r"ultimatum|agree(?:d|s)?\s+to\s+(?!an?\b)|an\s+agreement\s+to|order(?:ed|s)?\s+to|"
                           r"offer(?:ed|s|ing)?|"
                           r"call(?:ed|s|ing)?\s+on|urg(?:ed|es|ing)|intentions?\s+to|intent\s+on|"
                           r"close\s+to\s+completing|possible|potential|repel(?:led|s)?|thwart(?:ed|s)?|foil(?:ed|s)?|"
                           r"fend(?:ed)?\s+off)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?)\s+$")  # "the abandoned town": an adjective
_IF = re.compile(r"\b(?:if|unless|whether)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|failed\s+to|fail\s+to|n't)\b\s*(?:\w+\s+){0,2}$", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|their|them|it|its|he|his|we|our|the\s+group|the\s+fighters|"
                              r"(?:the\s+)?(?:groups|factions|forces|troops|attacks|strikes|raids)|"
                              r"advancing\s+forces)\b",
                              re.I)
_DENY = r"denied|denies|deny|dismissed|rejected|refuted"
_DENIAL = re.compile(rf"\b(?:{_DENY})\b", re.I)
_DENIAL_OF_PREVIOUS = re.compile(rf"\b(?:{_DENY})\s+(?:this|that|these|the\s+(?:claims?|reports?|account)|"
                                 r"such\s+(?:claims|reports)|it)\b", re.I)
_ATTRIBUTION = re.compile(r"\baccording\s+to\b|\b(?:said|says|say|reported|reports|stated|states|told|claimed|claims|"
                          r"announced|confirmed|cited|citing|quoted)\b", re.I)
_EXCLUDED_BEFORE = re.compile(r"(?:\bagainst|\bwith|\bon|\bto|\bfrom\s+the\s+hands\s+of)\s+(?:the\s+)?"
                              r"(?:\w+\s+){0,1}$|\b(?:fighting|battling|attacking|against|confronting)\s+"
                              r"(?:the\s+)?(?:[\w'-]+\s+){0,3}$", re.I)
_OWNER_BEFORE = re.compile(r"[\w -]+?(?:'s|s')\s+$")  # a mention that owns the (nominal) trigger right after it
_POSSESSIVE_AFTER = re.compile(r"^(?:'s|’s)\s", re.I)
_LED_BY = re.compile(r"\bled\s+by\s+", re.I)
_AFFILIATE_AFTER = re.compile(r"\s*(?:'s\s+)?(?:former\s+)?(?:affiliate|branch|offshoot|splinter|wing)\b", re.I)
_NAME_RUN = re.compile(r"[A-Z][\w'-]*(?:\s+(?:al-|Al-|al\s|Al\s)?[A-Z][\w'-]*)*")
_BACKED = re.compile(r"^-?\s*(?:backed|supported|sponsored|aligned|allied|funded|trained|based|occupied|held|"
                     r"controlled|run|brokered)\b", re.I)
# "north of Hama", "in southern Idlib province", "the Aleppo countryside": a
# reference point or region, not the place taken.
_REFERENCE_BEFORE = re.compile(r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                               r"(?:(?:city|town|province)\s+of\s+)?$)", re.I)
_REGION_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|north|south|east|west|rural|central)"
                            r"(?:-?(?:east|west)(?:ern)?)?\s+$"
                            r"|\bin\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:province|governorate|countryside)\s+"
                            r"of\s+$", re.I)
_REGION_AFTER = re.compile(r"^(?:'s)?\s+(?:countryside|desert|hinterland|suburbs|plains?|garrison|buffer\s+zone)\b",
                           re.I)
_PROVINCE_AFTER = re.compile(r"^\s+(?:province|governorate|region)\b", re.I)
_DENIED_BEFORE = re.compile(rf"\b(?:no\s+truth|{_DENY}|false|fake|baseless|untrue|rumou?rs?)\b[^.]*$", re.I)
# "these areas", "the city", "there": a place named before.
_REFERENT = r"(?:(?:these|those|the)\s+(?:(?:northern|southern|eastern|western|central|strategic|key|provincial|" \
            r"besieged|embattled|coastal|border|nearby|same)\s+)?" \
            r"(?:areas?|cities|city|towns?|province|region|village|" \
            r"district|neighbou?rhood|capital(?!\s+(?:city\s+)?of))|there|its\s+outskirts)\b"
_ANAPHORA = re.compile(rf"^\s*(?:(?:the\s+)?(?:control\s+(?:of|over)|(?:inner\s+)?(?:parts?|centre|center|heart|"
                       rf"streets|outskirts)\s+of)\s+)?{_REFERENT}(?!\s+of\s+[A-Z])", re.I)
# "the capital", not "the capital, Damascus" (then the name is matched) nor "the Lebanese capital".
_CAPITAL = re.compile(r"^\s*(?:(?:the\s+)?control\s+(?:of|over)\s+)?the\s+(?:Syrian\s+)?capital\b", re.I)
CAPITAL = "Damascus"
_CAPITAL_BEFORE = re.compile(r"\bthe\s+(?:Syrian\s+)?capital\s+(?:\w+\s+){0,6}$", re.I)
_CLAUSE_OPENER = re.compile(r"\b(?:that|said|says|after|before|while|when|as|since|because|but|whereas|although|"
                            r"though|until|once)\s|:\s", re.I)
_REFERS_BACK = re.compile(rf"\b{_REFERENT}", re.I)
_PERFECT_WITHDRAW = re.compile(r"\b(?:withdrew|withdrawn|pulled\s+out|retreated)\s*$", re.I)
_IN_YEAR = re.compile(r"\b[Ii]n\s+(?:early\s+|late\s+|mid-)?((?:19|20)\d\d)\b")
FIRST_YEAR = 2024  # the offensive's year: where publication is unknown, an earlier year is history
_DATE_ONLY = re.compile(r"^[\w ,.:]{3,40}$")  # a heading short enough to be a date alone
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
_KIND_RANK = {"armed group": 0, "government": 0, "foreign state": 0, "generic": 1}


@dataclass
class Sentence:
    text: str
    mentions: list[Mention]   # offsets relative to this sentence
    heading: bool = False
    paragraph: int = 0        # which block of the article it is in


def _actor_mentions(sentence: Sentence, factions: dict, people: dict) -> list[tuple[int, str]]:
    """Faction mentions (offset, canonical) that may be a subject, with people
    standing for their faction ("Assad withdrew")."""
    out = []
    text = sentence.text
    for m in sentence.mentions:
        if m.taxonomy == "factions":
            if _BACKED.match(text[m.end:]):
                continue  # "US-backed SDF": the backer is not the actor
            if factions[m.name].kind == "foreign state" and not states.acts(text, m.start, m.end):
                continue  # "Iranian officials", "Russia's foreign minister": a voice, not an actor
            out.append((m.start, m.name))
        elif m.taxonomy == "people" and people.get(m.name) and people[m.name].faction:
            if _POSSESSIVE_AFTER.match(text[m.end:]):
                continue  # "Assad's rule": the person is not the subject
            out.append((m.start, people[m.name].faction))
    return out


def _choose_actor(candidates: list[tuple[int, str]], sentence: str, factions: dict, struck: bool = False
                  ) -> str | None:
    """The subject among faction mentions: one named after "led by" first,
    then a specific group over a generic term ("Islamist fighters from HTS"),
    a proper name over a common noun ("the military alliance SDF"), the
    first over a later one."""
    usable = [(pos, name) for pos, name in candidates if not _EXCLUDED_BEFORE.search(sentence[:pos])]
    if not usable:
        return None
    led = _LED_BY.search(sentence)
    if led:
        # "led by the former Al Qaeda affiliate HTS": the leader, not what it was an affiliate of
        after_led = [c for c in usable if c[0] >= led.end() and c[0] - led.end() < 40
                     and not _AFFILIATE_AFTER.match(sentence, _word_end(sentence, c[0]))]
        if after_led:
            return after_led[0][1]

    def rank(c):
        kind = _KIND_RANK.get(factions[c[1]].kind, 1) if c[1] in factions else 1
        if struck and c[1] in factions and factions[c[1]].kind == "foreign state":
            kind = -1  # joint Syrian-Russian strikes: the foreign state (the conventions, seed 003)
        common = sentence[c[0]:c[0] + 1].islower() or sentence[c[0]:c[0] + 4].lower() == "the "
        return kind, common, c[0]
    return min(usable, key=rank)[1]


def _word_end(text: str, start: int) -> int:
    """The end of the name that starts at `start` (its capitalised words)."""
    m = _NAME_RUN.match(text, start)
    return m.end() if m else start


def _window(sentence: Sentence, start: int) -> int:
    """Where the clause of a trigger ending at `start` ends: at most 160
    characters on, except through a list of places the clause introduces
    ("seized villages, including A, B and C", "took these towns: A and B")."""
    text, limit, pos = sentence.text, start + _REACH, start
    while True:
        m = _CLAUSE_END.search(text, pos)
        end = m.start() if m else len(text)
        if end >= limit:
            return limit
        intro = _LIST_INTRO.match(text, end)
        if not (m and intro):
            return end
        first = next((x for x in sentence.mentions if x.taxonomy == "places" and x.start >= intro.end()), None)
        if first is None or first.start - intro.end() > 40:
            return end
        pos = intro.end()
        limit = max(limit, _list_end(sentence, first) + 1)


def _passive_subject(sentence: Sentence, at: int) -> list[Mention]:
    """The places a passive at `at` is about: the list just before it
    ("A, B and C have been evacuated"), past a locator ("in Y province")."""
    text = sentence.text
    before = [x for x in sentence.mentions if x.taxonomy == "places" and x.end <= at]
    while before and _IN_BEFORE.search(text[:before[-1].start]) and len(before) > 1 and \
            _words(text[before[-2].end:before[-1].start]) <= 2:
        before.pop()  # "Palmyra in Homs province": Homs locates Palmyra
    if not before or _words(text[before[-1].end:at]) > 4:
        # "the capital was reported to have been taken"
        return [Mention(0, 0, "places", CAPITAL, "name", "")] if _CAPITAL_BEFORE.search(text, 0, at) else []
    subject = [before.pop()]
    while before and _LIST_GAP.match(text[before[-1].end:subject[0].start]):
        subject.insert(0, before.pop())
    return subject


def _speaker(text: str, at: int, actors: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Inside a quotation in the first person ('"We have liberated Y," the X
    said'), the faction that says it."""
    opening = text.rfind('"', 0, at)
    if opening < 0 or text.count('"', 0, at) % 2 == 0 or not _FIRST_PERSON.search(text, opening, at + 1):
        return []
    closing = text.find('"', at)
    return [c for c in actors if closing >= 0 and closing < c[0] <= closing + 40] if closing >= 0 else []


def _words(text: str) -> int:
    return len(_WORD_RX.findall(text))


def _list_end(sentence: Sentence, first: Mention) -> int:
    """The end of the list of places that `first` opens ("A, B, and C")."""
    end = first.end
    for m in sentence.mentions:
        if m.taxonomy == "places" and m.start >= end:
            if not _LIST_GAP.match(sentence.text[end:m.start]):
                break
            end = m.end
    return end


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
        if near and action != "struck" and not (
                action in ("advanced", "besieged") and re.fullmatch(r"\s*\w+\s+(?:the\s+)?", between[near.start():])):
            break
        before, after = sentence.text[:m.start], sentence.text[m.end:]
        if _FROM_BEFORE.search(between) or _REFERENCE_BEFORE.search(before) or _FACILITY_AFTER.match(after):
            continue  # "captured X from Y", "north of Y", "the Y military airport": not the place acted on
        if action in ("withdrew", "captured", "entered") and _DESTINATION_BEFORE.search(between):
            continue  # "withdrew to Y", "fled towards Y": where they went
        if found and _words(sentence.text[found[-1][0].end:m.start]) <= 4 and _LOCATOR_BEFORE.search(before):
            continue  # "Jisr al-Shughur in western Idlib": Idlib locates the place acted on
        modifier = None
        if _REGION_AFTER.match(after) or _REGION_BEFORE.search(before) or (
                _IN_BEFORE.search(before) and _PROVINCE_AFTER.match(after)):
            # "positions in Aleppo province", "the western Aleppo countryside": the province, named by its
            # capital; taking places in it is an advance on it, unless all of it is taken
            modifier = "region"
        last_end = m.end
        edge = _EDGE_BEFORE.search(between) or _EDGE_AFTER.match(sentence.text[m.end:])
        found.append((m, "edge" if edge else modifier))
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
    paragraph, paragraph_date, section_date = -1, None, None
    this_year = int(published[:4]) if published else FIRST_YEAR
    for sentence in sentences:
        text = sentence.text
        actors = _actor_mentions(sentence, factions, people)
        found: list[Event] = []
        # Only a sentence naming a place, or referring back to one, can hold an event.
        can_hold = any(m.taxonomy == "places" for m in sentence.mentions) or \
            (previous_places and _REFERS_BACK.search(text)) or "capital" in text
        # "In 2016, rebel attacks on the district ...": what follows an earlier year is history, not news
        history = min((y.start() for y in _IN_YEAR.finditer(text) if int(y.group(1)) < this_year), default=None)

        if sentence.paragraph != paragraph:
            paragraph, paragraph_date = sentence.paragraph, None
        if sentence.heading:
            section_date = heading_date(text, published) if _DATE_ONLY.match(text) else section_date

        def add(action: str, place: str, actor: str | None, at: int) -> None:
            if not found:
                add.attributed = _attribution(sentence)
            # the sentence's own date nearest the trigger, else a calendar date stated earlier in its
            # paragraph, else the date heading the timeline entry it is in
            date = sentence_date(text, published, at) or paragraph_date or section_date
            found.append(Event(actor, action, place, date, text, add.attributed))

        # "rebel-held", "Kurdish-led": compound adjectives, not actions.
        # "rebel-held", "the abandoned town": adjectives, not actions.
        triggers = [m for m in _TRIGGER_RX.finditer(text) if text[m.start() - 1: m.start()] != "-" and not (
            m.group(0).lower().endswith("ed") and _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()))] \
            if can_hold else []
        strong = [m for m in triggers if _TRIGGERS[_TRIGGER_OF[m.lastgroup]][2] == "clause"]
        for i, m in enumerate(triggers):
            if history is not None and history < m.start():
                continue
            index = _TRIGGER_OF[m.lastgroup]
            action, _, reach = _TRIGGERS[index]
            before = text[: m.start()]
            # A negation stands within a few words of its verb: search only those.
            if _NEGATION.search(text, max(0, m.start() - 80), m.start()) or _IF.search(before):
                continue
            end = _window(sentence, m.end())
            following = next((t for t in strong if t.start() > m.start()), None)
            if following:
                end = min(end, following.start())
            anaphor = _ANAPHORA.match(text[m.end():end]) and not _CAPITAL.match(text[m.end():end])
            places = [] if anaphor else _places_in(sentence, m.end(), end, reach, action)
            if not places and action == "withdrew" and _PERFECT_WITHDRAW.search(text[: m.end()]) and \
                    text[m.end():].strip(" ,”\"'").split(" ", 1)[0].lower() not in ("from", "to"):
                earlier = [x for x in sentence.mentions if x.taxonomy == "places" and x.end <= m.start()]
                places = [(earlier[-1], None)] if earlier else []
            if not places and _CAPITAL.match(text[m.end():end]):
                places = [(Mention(0, 0, "places", CAPITAL, "name", ""), None)]
            if not places and _ANAPHORA.match(text[m.end():end]):
                # "the city": a place named earlier in this sentence, else in the one before.
                earlier = [x.name for x in sentence.mentions if x.taxonomy == "places" and x.end <= m.start()]
                referent = earlier[-1] if earlier else (previous_places or [None])[0]
                places = [(Mention(0, 0, "places", referent, "name", ""), None)] if referent else []
            # "areas in Daraa province, including the city of Daraa": the city taken, not an advance on it
            named = {p.name for p, modifier in places if modifier is None}
            places = [(p, modifier) for p, modifier in places if modifier != "region" or p.name not in named]
            if not places:
                continue
            first_place_end = min(p.end for p, _ in places)
            if _HYPOTHETICAL.search(text[max(0, m.start() - 60): m.start()]) or \
                    _MODAL_AFTER.match(text[first_place_end:]):
                continue
            subject = [c for c in actors if c[0] < m.start()]
            # The subject of the trigger's own clause: "X withdrew after the rebels entered Y", "officers
            # told Reuters, as rebels said they had entered Y": the latest clause that names one.
            for opener in sorted((c.end() for c in _CLAUSE_OPENER.finditer(before)), reverse=True):
                if any(c[0] >= opener for c in subject):
                    subject = [c for c in subject if c[0] >= opener]
                    break
            if not subject:
                subject = _speaker(text, m.start(), actors)
            agents = [c for c in actors if m.end() <= c[0] < end and _BY_AGENT.search(text[m.end():c[0]])]
            if _PASSIVE_BEFORE.search(before) and _PARTICIPLE.match(m.group(0)):
                subject = []
            actor = agents[0][1] if agents else _choose_actor(subject, text, factions, action == "struck")
            if m.group(0).split()[0].lower().endswith("ing"):
                # a participle takes the noun it follows: "jets struck government tanks advancing toward Y"
                near = [c for c in subject if _words(text[c[0]:m.start()]) <= 2 and
                        not _EXCLUDED_BEFORE.search(text, 0, c[0])]
                if near and not agents:
                    actor = near[-1][1]
            owner = [c for c in actors if _OWNER_BEFORE.match(text, c[0], m.start())]
            if owner:
                actor = owner[-1][1]  # "the rebels' advance on Y": whose advance it is
            if actor is None and (not before.strip() or _PRONOUN_SUBJECT.search(before)):
                actor = previous_actor
            if action in ("captured", "withdrew") and _BY_END.search(text, 0, m.start()):
                continue  # "the capture ... by": handled as passive below
            if _DENIED_BEFORE.search(before):
                continue  # "refuted claims that rebels had seized Y": the text reports no such event
            if _LOCATIVE.match(m.group(0)) and (actor is None and not _PRONOUN_SUBJECT.search(before) or
                                                _LOCATED_BEFORE.search(before)):
                continue  # "Y is a prison on the outskirts of Z": where a thing is, not a move
            for place, modifier in places:
                act = action
                if modifier == "edge" and action in ("captured", "entered"):
                    act = "advanced"
                elif modifier == "region" and action == "captured" and \
                        not _WHOLE_BEFORE.search(text[:place.start]):
                    act = "advanced"
                add(act, place.name, actor, m.start())

        for m in (_PASSIVE_RX.finditer(text) if can_hold and _PASSIVE_CUE.search(text) else ()):
            word = (m.group("verb") or m.group("noun") or "").lower()
            action = "captured" if m.group("fell") else "withdrew" if m.group("lost") else _PASSIVE_ACTION.get(word)
            if not action:
                continue
            before_places = _passive_subject(sentence, m.start())
            if m.group("noun") and before_places and _words(text[before_places[-1].end:m.start()]) > 1:
                before_places = []  # "Daraa's recapture": the place owns the noun; "X followed the day's capture" not
            if not before_places or _HYPOTHETICAL.search(text[max(0, m.start() - 40): m.end() + 10]) \
                    or _IF.search(text[: m.start()]):
                continue
            end = _window(sentence, m.end())
            after = [c for c in actors if m.end() <= c[0] < end + 40]
            by_actor = None
            if after and re.match(r"\s*(?:\w+\s+){0,4}?(?:by|to|of)\b", text[m.end(): after[0][0]] + " by"):
                by_actor = _choose_actor(after, text, factions)
            for place in before_places:
                add(action, place.name, by_actor, m.start())

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
        paragraph_date = explicit_date(text, published) or paragraph_date
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
