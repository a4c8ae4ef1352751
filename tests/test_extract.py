"""Extraction rules, each on sentences written for the test (not the seeds)."""
import pytest

from .conftest import article_from


def run(extractor, text, name="t.txt"):
    return extractor.extract(article_from(text, name))


def events(extractor, text, published=None):
    article = article_from(text)
    article.published = published
    return {(e.actor, e.action, e.place) for e in extractor.extract(article).events}


@pytest.mark.parametrize("text, place", [
    ("Fighters moved through Deir al-Zor overnight.", "Deir ez-Zor"),
    ("Shelling hit Dayr az-Zawr.", "Deir ez-Zor"),
    ("Residents of Hims fled.", "Homs"),
    ("The road to Idleb was cut.", "Idlib"),
    ("Convoys left Lattakia.", "Latakia"),
    ("Tadmur's ruins were damaged.", "Palmyra"),
    ("Clashes in As-Suwayda continued.", "Sweida"),
    ("The Al Tanf garrison was quiet.", "Tanf"),
    ("Fighting in Tall Rifat resumed.", "Tal Rifaat"),
])
def test_place_variants_map_to_the_canonical_name(extractor, text, place):
    assert run(extractor, text).places == [place]


def test_a_place_name_inside_another_word_is_not_a_place(extractor):
    assert run(extractor, "The outlet Daraa24 and the Homsians blog published images.").places == []


def test_unlisted_places_are_recognised_from_context(extractor):
    result = run(extractor, "Rebels seized the villages of Kafr Hamra, Maarrat Ikhwan and Tal Jabin on Sunday.")
    assert {"Kafr Hamra", "Maarrat Ikhwan", "Tal Jabin"} <= set(result.places)
    assert result.unlisted_places["Tal Jabin"].startswith("Rebels seized the villages")


def test_a_capitalised_word_after_in_is_not_a_place(extractor):
    assert run(extractor, "In Washington, officials met. In Brief, nothing changed.").places == []


@pytest.mark.parametrize("text, faction", [
    ("Levant Liberation Committee fighters advanced.", "Hayat Tahrir al-Sham"),
    ("Hajat Tahrir al-Sham said so.", "Hayat Tahrir al-Sham"),
    ("The NTS statement was brief.", "Hayat Tahrir al-Sham"),
    ("The SFA moved north.", "Free Syrian Army"),
    ("People's Protection Units held the line.", "YPG"),
    ("Insurgents gathered.", "Syrian opposition"),
    ("Regime forces regrouped.", "Syrian government forces"),
    ("Daesh cells attacked.", "Islamic State"),
])
def test_faction_aliases_and_misspellings(extractor, text, faction):
    assert run(extractor, text).factions == [faction]


def test_anti_government_fighters_are_not_the_government(extractor):
    assert run(extractor, "Anti-government fighters rode into town.").factions == ["Syrian opposition"]


def test_foreign_state_is_a_faction_only_as_an_actor(extractor):
    located = run(extractor, "Thousands of refugees live in Turkey and along the border with Iraq.")
    assert located.factions == [] and located.countries == ["Iraq", "Turkey"]
    acting = run(extractor, "Russian airstrikes hit the city and Turkish-backed rebels advanced.")
    assert acting.factions == ["Russia", "Syrian opposition", "Turkey"]


@pytest.mark.parametrize("text", [
    "Turkish officials met in Ankara's embassy.", "Iran's foreign minister said the situation was difficult.",
    "Iranian state TV reported the meeting.", "He met representatives of Iran and Turkey.",
    "US citizens were urged to leave.", "A Russian naval base lies on the coast.",
])
def test_a_state_that_only_speaks_or_is_spoken_of_is_a_country_only(extractor, text):
    result = run(extractor, text)
    assert result.factions == [] and result.countries


def test_pro_and_backed_name_the_backing_state(extractor):
    result = run(extractor, "Fighters of pro-Iranian militias and Ankara-backed groups moved in.")
    assert {"Iran", "Turkey"} <= set(result.factions) and {"Iran", "Turkey"} <= set(result.countries)


def test_an_organisation_cited_is_a_source_even_unlisted(extractor):
    result = run(extractor, "Rebels entered Hama, according to Example News Agency. Harbour TV reported clashes. "
                            "Rami Nour told Reuters so, according to Karim Haddad.")
    assert result.sources == ["Example News Agency", "Harbour TV", "Reuters"]


def test_backed_compound_names_the_backer_as_faction_and_country(extractor):
    # Annotation conventions: a state that acts is in both countries and factions.
    result = run(extractor, "US-backed fighters moved east.")
    assert result.factions == ["United States"]
    assert result.countries == ["United States"]


def test_people_from_registry_and_from_titles(extractor):
    result = run(extractor, "Foreign Minister Ayman Kaddour met rebel commander Yusuf Hamdan. Araghchi spoke later.")
    assert result.people == ["Abbas Araghchi", "Ayman Kaddour", "Yusuf Hamdan"]


def test_a_misspelt_titled_name_maps_to_the_listed_person(extractor):
    assert run(extractor, "Secretary of State Antony Blinkin called.").people == ["Antony Blinken"]


def test_sources_cited(extractor):
    result = run(extractor, "The army withdrew, according to the Observatory. Reuters reported the same; "
                            "a commander told Agence France-Presse.")
    assert result.sources == ["AFP", "Reuters", "Syrian Observatory for Human Rights"]


@pytest.mark.parametrize("text, expected", [
    ("HTS fighters seized the town of Saraqib on Sunday.", {("Hayat Tahrir al-Sham", "captured", "Saraqib")}),
    ("Government troops pulled out of Hama.", {("Syrian government forces", "withdrew", "Hama")}),
    ("The rebels are now at the gates of Homs.", {("Syrian opposition", "advanced", "Homs")}),
    ("Insurgents were 10 km from Damascus.", {("Syrian opposition", "advanced", "Damascus")}),
    ("Opposition fighters surrounded Tartus.", {("Syrian opposition", "besieged", "Tartus")}),
    ("Russian jets bombed Idlib and Atarib.", {("Russia", "struck", "Idlib"), ("Russia", "struck", "Atarib")}),
    ("Kurdish-led SDF fighters entered Manbij.", {("Syrian Democratic Forces", "entered", "Manbij")}),
    ("Hama was captured by the rebels.", {("Syrian opposition", "captured", "Hama")}),
])
def test_event_rules(extractor, text, expected):
    assert events(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "If rebels take Homs, the coast would be cut off.",
    "Rebels could capture Damascus within days.",
    "The army did not withdraw from Hama.",
    "Their next target is the city of Homs.",
    "Thousands fled Homs toward Tartus.",
    "Government forces began losing ground across Aleppo and Hama.",
])
def test_hypotheticals_negations_and_non_events_are_not_events(extractor, text):
    assert events(extractor, text) == set()


@pytest.mark.parametrize("text, expected", [
    ("Rebels captured the town of Kafr Zaytan on May 3, residents said.",
     {("Syrian opposition", "captured", "Kafr Zaytan")}),
    ("Rebels captured the town of Kafr Zaytan in May, residents said.",
     {("Syrian opposition", "captured", "Kafr Zaytan")}),
    ("Rebels may capture the town of Kafr Zaytan within days.", set()),
    ("Rebels May Seize the Town of Kafr Zaytan, Analysts Say", set()),  # a headline's capitals
])
def test_may_the_month_is_a_date_and_may_the_verb_a_possibility(extractor, text, expected):
    assert events(extractor, text) == expected


def test_pronoun_subject_takes_the_previous_actor(extractor):
    text = "The Syrian National Army pressed north. On Monday they captured Tal Rifaat."
    assert events(extractor, text) == {("Syrian National Army", "captured", "Tal Rifaat")}


def test_denial_is_kept_on_the_claim_it_denies(extractor):
    article = article_from("The Observatory said the army withdrew from Hama. The Defense Ministry denied this.")
    (event,) = extractor.extract(article).events
    assert (event.action, event.place, event.attributed_to, event.denied_by) == \
        ("withdrew", "Hama", "Syrian Observatory for Human Rights", "Defense Ministry")


def test_event_dates_resolve_against_publication(extractor):
    article = article_from("Dec 8, 2024\nOn Friday, rebels entered Homs. On Dec. 2, they took Tal Rifaat.")
    dated = {(e.place, e.date) for e in extractor.extract(article).events}
    assert dated == {("Homs", "2024-12-06"), ("Tal Rifaat", "2024-12-02")}


def test_figures_with_what_they_measure(extractor):
    result = run(extractor, "The war has killed over 300,000 people. Rebels were 20 km from Damascus "
                            "and held 80% of Daraa province.")
    found = {(f.measure, f.value, f.qualifier, f.subject) for f in result.figures}
    assert found == {("deaths", 300000.0, "over", None), ("distance_km", 20.0, None, "Damascus"),
                     ("share_percent", 80.0, None, "Daraa")}


def test_front_matter_overrides_add_and_drop(extractor):
    text = "---\nadd:\n  places: [Suran]\ndrop:\n  factions: [Syrian opposition]\n---\nRebels captured Hama.\n"
    result = run(extractor, text, "o.md")
    assert result.places == ["Hama", "Suran"] and result.factions == []
    assert result.overridden == {"places": ["Suran"], "dropped:factions": ["Syrian opposition"]}


@pytest.mark.parametrize("text, expected", [
    # compound adjectives are not triggers, and do not cut the window of the real one
    ("Russian jets struck rebel-held districts of Idlib.", {("Russia", "struck", "Idlib")}),
    # a reference point is not the place taken
    ("The rebels captured two villages north of Hama.", set()),
    # places taken in a province are an advance on it (named by its capital), not its capture
    ("Opposition fighters seized towns in the Aleppo countryside.", {("Syrian opposition", "advanced", "Aleppo")}),
    ("Insurgents took control of areas in southern Idlib province.", {("Syrian opposition", "advanced", "Idlib")}),
    ("Insurgents took control of the whole of Idlib province.", {("Syrian opposition", "captured", "Idlib")}),
    # "the city" and "the capital" refer back
    ("The army pulled out of Sweida, and Druze fighters took control of the city.",
     {("Syrian government forces", "withdrew", "Sweida"), ("Druze militias", "captured", "Sweida")}),
    ("Rebels were within 10 kilometres of the capital.", {("Syrian opposition", "advanced", "Damascus")}),
    # active perfect is not passive; "in the hands of"
    ("Fighters based at the Tanf garrison said they had captured Palmyra.", {(None, "captured", "Palmyra")}),
    ("Manbij is now in the hands of the Syrian National Army.", {("Syrian National Army", "captured", "Manbij")}),
    ("The rebels brought Rastan and Talbiseh under their control.",
     {("Syrian opposition", "captured", "Rastan"), ("Syrian opposition", "captured", "Talbiseh")}),
    ("Pro-Iranian militias left their positions in Mayadin.", {("Iran-backed militias", "withdrew", "Mayadin")}),
    ("Opposition fighters entered the abandoned town of Quneitra.", {("Syrian opposition", "entered", "Quneitra")}),
    ("Rebels stood five kilometres before Homs.", {("Syrian opposition", "advanced", "Homs")}),
    ("Rebels were less than 40km from Damascus.", {("Syrian opposition", "advanced", "Damascus")}),
    ("Israeli jets struck sites in and around Damascus.", {("Israel", "struck", "Damascus")}),
    ("Government troops withdrew from Homs overnight after the rebels entered Rastan.",
     {("Syrian government forces", "withdrew", "Homs"), ("Syrian opposition", "entered", "Rastan")}),
])
def test_event_rules_beyond_the_verb(extractor, text, expected):
    assert events(extractor, text) == expected


def test_a_claim_reported_only_as_denied_is_no_event(extractor):
    # The claim stands in the text only inside its denial: the text reports no such event.
    for text in ('"There is no truth to the reports that our forces have withdrawn from Homs," the Defence Ministry '
                 'said.', "A military source refuted claims that militants had seized control of Kafr Nour."):
        assert extractor.extract(article_from(text)).events == []


def test_backer_and_occupier_adjectives_are_not_the_actor(extractor):
    assert events(extractor, "Near the Israeli-occupied Golan, local factions seized Quneitra.") == \
        {("Syrian opposition", "captured", "Quneitra")}


@pytest.mark.parametrize("text, person", [
    ('"We are leaving," said Omar Haddad, a shopkeeper.', "Omar Haddad"),
    ("Lina Sabbagh, 34, said the road was closed.", "Lina Sabbagh"),
    ("Samir Darwish told reporters the town had fallen.", "Samir Darwish"),
    ("The rebels toppled a statue of Assad's father, Hafez Assad.", "Hafez al-Assad"),
])
def test_people_introduced_by_speech_or_apposition(extractor, text, person):
    assert person in run(extractor, text).people


@pytest.mark.parametrize("text", ["The Syrian Observatory said the army left.", "However, Defense Ministry said so.",
                                  "Residents said the town fell."])
def test_institutions_are_not_people(extractor, text):
    assert run(extractor, text).people == []


def test_a_figure_referring_back_takes_the_place_named_before(extractor):
    result = run(extractor, "Rebels took most of Daraa province. They now hold more than 90 percent of the province.")
    assert {(f.measure, f.value, f.qualifier, f.subject) for f in result.figures} == \
        {("share_percent", 90.0, "more than", "Daraa")}


def test_a_distance_away_from_a_place_named_before(extractor):
    result = run(extractor, "Troops headed towards the capital, Damascus, about 100 kilometers away.")
    assert {(f.measure, f.value, f.subject, f.text) for f in result.figures} == \
        {("distance_km", 100.0, "Damascus", "about 100 kilometers")}


@pytest.mark.parametrize("text, expected", [
    ("Rebels seized these villages: Kafr Nour, Tell Sabah and Ain Rimal.", {"Kafr Nour", "Tell Sabah", "Ain Rimal"}),
    ("Rebels took several villages in the countryside, including Kafr Nour and Tell Sabah.",
     {"Kafr Nour", "Tell Sabah"}),
    ("Rebels took towns such as Kafr Nour and Tell Sabah.", {"Kafr Nour", "Tell Sabah"}),
    ("Jets carried out strikes on Aleppo, Kafr Nour and Tell Sabah.", {"Aleppo", "Kafr Nour", "Tell Sabah"}),
    ("Rebels reached the Tell Sabah crossing and the Kafr Nour area.", {"Tell Sabah", "Kafr Nour"}),
    ("The army recaptured Kafr Nour on Monday.", {"Kafr Nour"}),
    ("Rebels were a few kilometres from Kafr Nour and Tell Sabah.", {"Kafr Nour", "Tell Sabah"}),
    ("Militants attacked the Kafr Nour airbase east of Aleppo.", {"Kafr Nour", "Aleppo"}),
    ("These towns are Kafr Nour, Quneitra and Tell Sabah.", {"Kafr Nour", "Quneitra", "Tell Sabah"}),
])
def test_unlisted_places_in_lists_objects_and_named_areas(extractor, text, expected):
    assert set(run(extractor, text).places) == expected


@pytest.mark.parametrize("text", [
    "Rebels took towns such as Beirut and Tel Aviv.",
    "Jets struck Aleppo, Kurdish and Syrian positions.",
    "Rebels took the Operation Dawn area and the Syrian's village.",
])
def test_names_that_are_not_places_are_not_read_from_place_contexts(extractor, text):
    assert set(run(extractor, text).places) <= {"Aleppo"}


def test_a_name_read_as_a_place_is_known_for_the_rest_of_the_article(extractor):
    result = run(extractor, "Rebels took the village of Kafr Nour.\nLater, Kafr Nour was shelled by the army.\n")
    assert ("Syrian government forces", "struck", "Kafr Nour") in {(e.actor, e.action, e.place)
                                                                   for e in result.events}


def test_a_spelling_of_a_gazetteer_place_read_from_context_is_that_place(extractor):
    # The gazetteer has Sukhnah and Kafr Nabl; the text spells them its own way.
    assert set(run(extractor, "Rebels took the towns of Al-Sukhna and Kafranbel.").places) == {"Sukhnah", "Kafr Nabl"}


def test_a_longer_name_wins_over_a_gazetteer_name_inside_it(extractor):
    assert run(extractor, "Rebels moved toward Kafr Dael.").places == ["Kafr Dael"]


def test_regions_and_bases_are_not_places_but_mountains_are(extractor):
    result = run(extractor, "Troops moved near the Golan Heights and Hmeimim, and took Mount Hermon.")
    assert result.places == ["Mount Hermon"]


@pytest.mark.parametrize("text, expected", [
    # a trigger's clause runs through the list it introduces
    ("Rebels captured dozens of villages from the army, including the villages of Kafr Nour, Tell Sabah, "
     "Ain Rimal, Deir Hamra, Beit Jinn, Kafr Lusin and Maarat Zeitoun, as well as a base.",
     {("Syrian opposition", "captured", p) for p in ("Kafr Nour", "Tell Sabah", "Ain Rimal", "Deir Hamra",
                                                     "Beit Jinn", "Kafr Lusin", "Maarat Zeitoun")}),
    ("The army seized these villages: Kafr Nour and Tell Sabah.",
     {("Syrian government forces", "captured", "Kafr Nour"), ("Syrian government forces", "captured", "Tell Sabah")}),
    # trigger forms
    ("Rebels ousted the army from Hama.", {("Syrian opposition", "captured", "Hama")}),
    ("The army was driven out of Homs.", {(None, "captured", "Homs")}),
    ("Rebels declared Homs free of the regime.", {("Syrian opposition", "captured", "Homs")}),
    ("Rebels broke through into Hama.", {("Syrian opposition", "entered", "Hama")}),
    ("Rebels added Hama to their gains.", {("Syrian opposition", "captured", "Hama")}),
    ("Rebels launched an offensive on Hama.", {("Syrian opposition", "advanced", "Hama")}),
    ("Rebels were pressing close to Hama.", {("Syrian opposition", "advanced", "Hama")}),
    ("The army redeployed outside Hama.", {("Syrian government forces", "withdrew", "Hama")}),
    ("Rebels fired rockets at Hama.", {("Syrian opposition", "struck", "Hama")}),
    ("Rebels advanced into Hama.", {("Syrian opposition", "entered", "Hama")}),
    ("Rebels are advancing into Hama.", {("Syrian opposition", "advanced", "Hama")}),
    ("Rebels stormed Hama.", {("Syrian opposition", "entered", "Hama")}),
    ("Rebels now in control of Hama celebrated.", {("Syrian opposition", "captured", "Hama")}),
    ("Rebels consolidated control of Hama.", {("Syrian opposition", "captured", "Hama")}),
    ("The army began moving to surround Hama.", {("Syrian government forces", "advanced", "Hama")}),
    # not the place acted on
    ("Rebels captured the Hama military airport.", set()),
    ("The army withdrew to Hama.", set()),
    ("Sednaya is a prison on the outskirts of Damascus.", set()),
    ("Rebels captured a base from Hama.", set()),
])
def test_event_forms_met_in_real_reporting(extractor, text, expected):
    assert events(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kafr Nour, Tell Sabah and Hama in Homs province have been evacuated by the army.",
     {("Syrian government forces", "withdrew", p) for p in ("Kafr Nour", "Tell Sabah", "Hama")}),
    ("Jets struck rebel positions near Kafr Nour in western Idlib.", {(None, "struck", "Kafr Nour")}),
    ("Rebels seized control of the Kafr Nour and Tell Sabah areas of Damascus.",
     {("Syrian opposition", "captured", "Kafr Nour"), ("Syrian opposition", "captured", "Tell Sabah")}),
    ("The border town of Nassib fell under the control of the rebels.", {("Syrian opposition", "captured", "Nassib")}),
    ("Daraa is now completely controlled by the rebels.", {("Syrian opposition", "captured", "Daraa")}),
    ("Aleppo city is out of control of the Syrian army.", {("Syrian government forces", "withdrew", "Aleppo")}),
    ("Rebels shelled Aleppo and entered the northern city.",
     {("Syrian opposition", "struck", "Aleppo"), ("Syrian opposition", "entered", "Aleppo")}),
    ("Rebels in Quneitra gained control of the provincial capital.", {("Syrian opposition", "captured", "Quneitra")}),
    ("HTS said its forces had entered Homs after the army began retreating to its outskirts.",
     {("Hayat Tahrir al-Sham", "entered", "Homs"), ("Syrian government forces", "withdrew", "Homs")}),
    ("Rebel fighters were in the neighbourhood of Barzeh.", {("Syrian opposition", "entered", "Barzeh")}),
    ("Rebels have begun encircling the capital, a commander said.", {("Syrian opposition", "besieged", "Damascus")}),
    ("The rebels offered the army a safe way to leave Aleppo.", set()),
    ("The rebels have declared intentions to advance toward Homs.", set()),
    ("Israeli tanks headed towards areas in Daraa, located about 90 kilometres south of Damascus.",
     {("Israel", "advanced", "Daraa")}),
    ("The army evacuated all of Idlib province, with the exception of Khan Sheikhoun and Kafr Nabl.",
     {("Syrian government forces", "withdrew", "Idlib")}),
])
def test_passives_locators_anaphora_and_intentions(extractor, text, expected):
    assert events(extractor, text) == expected


def _dated(extractor, text, published="2024-12-08"):
    article = article_from(text)
    article.published = published
    return {(e.action, e.place, e.date) for e in extractor.extract(article).events}


def test_a_timeline_entry_takes_the_date_heading_it(extractor):
    text = ("Timeline of the offensive\nHere is how the offensive unfolded.\nNovember 27\nRebels launched an attack on Hama.\n"
            "November 29, 30\nRebels entered Homs.\nDecember 5\nRebels captured Daraa.\n")
    assert _dated(extractor, text) == {("advanced", "Hama", "2024-11-27"), ("entered", "Homs", None),
                                       ("captured", "Daraa", "2024-12-05")}


def test_a_calendar_date_earlier_in_the_paragraph_dates_its_later_sentences(extractor):
    text = ("On December 5, the army announced a new plan. Rebels entered Hama.\n"
            "On Friday, the army met. Rebels entered Homs.\n")
    # a weekday dates its own sentence only
    assert _dated(extractor, text) == {("entered", "Hama", "2024-12-05"), ("entered", "Homs", None)}


def test_the_date_after_the_verb_is_the_events_own(extractor):
    text = "After the operation launched on 30 November, rebels had liberated Tal Rifaat on 1 December.\n"
    assert _dated(extractor, text) == {("captured", "Tal Rifaat", "2024-12-01")}


def test_this_afternoon_is_the_day_of_publication(extractor):
    assert _dated(extractor, "The two towns of Hama and Homs were captured this afternoon.\n") == \
        {("captured", "Hama", "2024-12-08"), ("captured", "Homs", "2024-12-08")}


def test_people_named_in_apposition_to_a_role(extractor):
    result = run(extractor, "Karim Nasser, commander of the rebel Example Brigade, said so. The commander of the Northern "
                            "Command, Yoav Levin, and the head of the Training Command, Dan Oren, visited the site.")
    assert result.people == ["Dan Oren", "Karim Nasser", "Yoav Levin"]


def test_the_assad_regime_names_bashar_al_assad(extractor):
    result = run(extractor, "The Assad regime's authority ended in the province.")
    assert result.people == ["Bashar al-Assad"] and result.factions == ["Syrian government forces"]


@pytest.mark.parametrize("text, expected", [
    # the clause that names a subject: "officers told Reuters, as rebels said they had entered"
    ("Two army officers told Reuters, as rebels said they had entered Hama.", {("Syrian opposition", "entered", "Hama")}),
    # an object of fighting is not the subject
    ("Fighting regime forces, the rebels entered Hama.", {("Syrian opposition", "entered", "Hama")}),
    # a state that speaks is no actor; the rebels' advance is theirs
    ("Iranian officials did comment on the rebels' advance on Hama.", {("Syrian opposition", "advanced", "Hama")}),
    # joint strikes by the army and a foreign state: the foreign state
    ("The Syrian regime and its ally Russia carried out dozens of strikes on Hama.", {("Russia", "struck", "Hama")}),
    # led by the group, not what it was an affiliate of
    ("Led by the former Al Qaeda affiliate HTS, the rebels took Aleppo.", {("Hayat Tahrir al-Sham", "captured", "Aleppo")}),
    # a quote in the first person: its speaker
    ('"We have liberated Hama," the Military Operations Command said.',
     {("Military Operations Command", "captured", "Hama")}),
    # a state, not an event: "which is controlled by"
    ("Aleppo, which is controlled by the army, stayed quiet.", set()),
])
def test_actors_read_from_the_clause(extractor, text, expected):
    assert events(extractor, text) == expected


def test_generic_plural_subjects_refer_back(extractor):
    assert events(extractor, "Anti-regime groups advanced on Homs. The groups then took control of Hama.") == \
        {("Syrian opposition", "advanced", "Homs"), ("Syrian opposition", "captured", "Hama")}


@pytest.mark.parametrize("text, expected", [
    ("Security forces regained control of Kafr Nour.", {("Syrian government forces", "captured", "Kafr Nour")}),
    ("The army restored control over Jableh.", {("Syrian government forces", "captured", "Jableh")}),
    ("Government forces took back Jableh.", {("Syrian government forces", "captured", "Jableh")}),
    ("Pro-Assad militants ambushed a patrol in Jableh.", {("Assad loyalists", "struck", "Jableh")}),
    ("Israeli troops raided Jableh.", {("Israel", "struck", "Jableh")}),
    ("A car bomb in Manbij killed five.", {(None, "struck", "Manbij")}),
    ("Gunmen attacked Jableh at night.", {(None, "struck", "Jableh")}),
])
def test_forms_of_later_reporting(extractor, text, expected):
    assert events(extractor, text) == expected


def test_the_capital_as_a_passive_subject_is_damascus(extractor):
    assert events(extractor, "A plane left around the time the capital was reported to have been taken by rebels.") \
        == {("Syrian opposition", "captured", "Damascus")}


@pytest.mark.parametrize("text, expected", [
    ("In 2016, rebel attacks on Kafr Nour were called war crimes.", set()),       # history, not news
    ("Residents are bracing for a possible attack on Kafr Nour by rebels.", set()),
    ("The army repelled attempts by rebels to advance into Hama.", set()),
    ("Rebels attacked the Palmyra landmarks.", set()),                             # landmarks: a facility
    ("Rebels entered Hama, which they had left in 2016.", {("Syrian opposition", "entered", "Hama")}),
])
def test_history_threats_and_failed_attempts_are_no_events(extractor, text, expected):
    assert events(extractor, text) == expected


def test_a_participle_takes_the_noun_it_follows_as_actor(extractor):
    assert events(extractor, "Israel struck government tanks advancing toward Sweida.") == \
        {("Syrian government forces", "advanced", "Sweida")}


def test_a_wire_dateline_with_country_and_date_gives_publication(extractor):
    article = article_from("Troops enter Sweida\nSWEIDA, Syria, July 15, 2025 (Reuters) - Troops entered Sweida.\n")
    assert article.published == "2025-07-15"


@pytest.mark.parametrize("text, actor", [
    ("Gunmen loyal to former president Bashar al-Assad ambushed a patrol near Jableh.", "Assad loyalists"),
    ("Turkish-backed factions advanced on Manbij.", "Syrian opposition"),
])
def test_actors_of_later_reporting(extractor, text, actor):
    assert {a for a, _, _ in events(extractor, text)} == {actor}


def test_seas_rivers_and_regions_are_not_read_as_places(extractor):
    assert run(extractor, "Rebels moved toward the Mediterranean and near Euphrates, and took towns such as "
                          "Rojava and Kafr Nour.").places == ["Kafr Nour"]


def test_jets_that_hit_a_target_in_a_place_struck_the_place(extractor):
    assert events(extractor, "Israeli jets later hit the Defence Ministry headquarters in Damascus.") == \
        {("Israel", "struck", "Damascus")}
