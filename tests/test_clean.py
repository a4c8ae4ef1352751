"""Cleaning: each kind of page furniture is kept aside, the article's own text stays."""
import pytest

from .conftest import CONTENT, article_from


def kinds(article):
    return {f.kind for f in article.furniture}


@pytest.mark.parametrize("line, kind", [
    ("Skip to main content", "navigation"),
    ("Copy the current link", "share"),
    ("Share on Facebook", "share"),
    ("Also Read: Pakistan Issues Travel Advisory for Syria", "also-read"),
    ("Read more: Who are the rebels?", "also-read"),
    ("·2 mins", "reading-time"),
    ("5 min read", "reading-time"),
    ("Image", "image"),
    ("By Newsroom", "byline"),
    ("Source: Stern", "source"),
    ("Fighters drive into Hama on December 5, 2024. (Photo by OMAR HAJ KADOUR / AFP)", "caption"),
    ("Rebels in Aleppo (AFP Photo)", "caption"),
    ("HOMS, SYRIA – DECEMBER 6: Armed groups advance. ( İzettin Kasım – Anadolu Agency )", "caption"),
    ("A fighter in Idlib. REUTERS/Mahmoud Hassano", "caption"),
    ("READ: Militias enter the war to support the army", "also-read"),
    ("Families arrive at a shelter near Kafr Nour on November 28, 2024. (AP)", "caption"),
    ("Rebels said they had made it to the outskirts of the city [Getty]", "caption"),
    ("Image of fighters near the citadel on November 30, 2024. Photo: AFP", "caption"),
])
def test_furniture_lines_are_classified(line, kind):
    article = article_from(f"Rebels captured a town near Hama on Friday, the monitor said.\n{line}\n"
                           "The army withdrew from the area, residents said.\n")
    assert [(f.kind, f.text) for f in article.furniture] == [(kind, line)]
    assert line not in article.body


def test_source_line_becomes_the_outlet_and_bio_is_furniture():
    article = article_from("Rebels captured Daraa on Friday, the Observatory said.\nSource: Stern\n\n"
                           "I have been working in the news industry for over 6 years as a reporter.\n")
    assert article.outlet == "Stern"
    assert kinds(article) == {"source", "bio"}
    assert article.body == "Rebels captured Daraa on Friday, the Observatory said."


def test_dateline_gives_published_and_leaves_the_body():
    article = article_from("By Newsroom\nDec 7, 2024 4:55 PM\nRebels captured Daraa on Friday.\n")
    assert article.published == "2024-12-07"
    assert article.body == "Rebels captured Daraa on Friday."


def test_a_date_opening_the_first_paragraph_is_split_off():
    article = article_from(" date 2024-12-07 Syrian armed opposition groups took Daraa.\n")
    assert article.published == "2024-12-07"
    assert article.body == "Syrian armed opposition groups took Daraa."


def test_headline_kicker_and_subheadings():
    article = article_from("Lightning offensive\nSyrian government loses the city of Daraa\nCopy the current link\n"
                           "The rebels continue to advance in Syria.\nstronghold of the opposition\n"
                           "Daraa was an opposition stronghold.\n")
    assert article.title == "Syrian government loses the city of Daraa"
    assert [(f.kind, f.text) for f in article.furniture] == [("kicker", "Lightning offensive"),
                                                            ("share", "Copy the current link")]
    assert [(b.heading, b.text) for b in article.blocks] == [
        (False, "The rebels continue to advance in Syria."), (True, "stronghold of the opposition"),
        (False, "Daraa was an opposition stronghold.")]


def test_without_a_headline_the_title_is_the_first_sentence_without_dateline():
    article = article_from("Damascus (TDI): Syrian opposition forces captured Daraa. More followed.\n")
    assert article.title == "Syrian opposition forces captured Daraa"


def test_markdown_paragraphs_join_lines_and_headings_are_kept():
    article = article_from("## Rebels advance\n\nRebels captured\nDaraa on Friday.\n\nThe army left.\n", "a.md")
    assert article.title == "Rebels advance"
    assert [b.text for b in article.blocks] == ["Rebels captured Daraa on Friday.", "The army left."]


def test_seed_captions_and_furniture_are_not_body():
    text = (CONTENT / "articles" / "001_5484d33cd623f482.txt").read_text()
    article = article_from(text, "001.txt")
    assert "Photo by" not in article.body and "PHOTOGRAPHER" not in article.body
    assert "al-Rastan" not in article.body and "Suran" not in article.body
    assert sum(f.kind == "caption" for f in article.furniture) == 3
    assert article.published == "2024-12-07"


def test_a_list_of_links_after_a_marker_is_furniture():
    article = article_from("Rebels captured Aleppo on Saturday, the monitor said.\nRead more:\n"
                           "Who are the rebels who took Aleppo?\nIran's minister to travel to Damascus for talks\n"
                           "The army said it would counter-attack in the coming days, officials said.\n")
    assert [f.kind for f in article.furniture] == ["also-read"] * 3
    assert "Damascus" not in article.body


@pytest.mark.parametrize("line", [
    "Fighters ride a tank in Hama, Syria, Thursday, Dec. 5, 2024. (AP Photo/Ghassan Darwish)",
    "People celebrate in a square in Latakia [Hussam Nasser/AFP]",
])
def test_other_caption_credit_forms(line):
    article = article_from(f"Rebels entered Hama on Thursday, the monitor said.\n{line}\n")
    assert [f.kind for f in article.furniture] == ["caption"]


@pytest.mark.parametrize("line, kind", [
    ("Home » Middle East » Syria", "navigation"),
    ("Facebook  Twitter  Whatsapp  Telegram  Linkedin", "share"),
    ("Share  |  Save  |  Print", "share"),
    ("Associated Press writers Karim Nasr in Beirut contributed to this report.", "credit"),
])
def test_more_furniture_forms(line, kind):
    article = article_from(f"Rebels entered Hama on Thursday, the monitor said.\n{line}\nThe army left the city.\n")
    assert [(f.kind, f.text) for f in article.furniture] == [(kind, line)]


def test_wire_dateline_is_metadata_not_a_cited_source():
    article = article_from("BEIRUT (AP) — Insurgents pushed into Hama on Thursday.\n")
    assert article.outlet == "AP" and article.body == "Insurgents pushed into Hama on Thursday."


@pytest.mark.parametrize("line, iso", [
    ("Stand: 06.12.2024 16:48 Uhr", "2024-12-06"),
    ("28/11/2024 14:05", "2024-11-28"),
    ("Mehmet Yıldız   |10.12.2024 - Update : 10.12.2024", "2024-12-10"),
    ("By Nadia Karam | December 3, 2024 | 7 min read", "2024-12-03"),
])
def test_published_from_other_dateline_forms(line, iso):
    article = article_from(f"Syria\n{line}\nRebels entered Hama on Thursday, the monitor said.\n")
    assert article.published == iso


def test_markdown_links_and_emphasis_become_text():
    article = article_from("Rebels entered [Hama](https://x.example) on **Thursday**, *the monitor* said.\n", "m.md")
    assert article.body == "Rebels entered Hama on Thursday, the monitor said."


def test_pasted_text_under_front_matter_keeps_its_lines_as_paragraphs():
    # A user adds `url:` above text pasted from a page: its lines are the page's
    # paragraphs, not one Markdown paragraph wrapped (its dateline stays a dateline).
    article = article_from("---\nurl: https://example.org/story\n---\nRebels reach Kafr Nour\n"
                           "Updated 28 November 2024\nRebels entered Kafr Nour on Thursday, a monitor said.\n"
                           "The army said it had repelled the attack.\n", "pasted.md")
    assert article.title == "Rebels reach Kafr Nour"
    assert article.published == "2024-11-28"
    assert [b.text for b in article.blocks if not b.heading] == [
        "Rebels entered Kafr Nour on Thursday, a monitor said.", "The army said it had repelled the attack."]


def test_pasted_text_with_blank_lines_keeps_its_header_lines_apart():
    # Paragraphs a screen long were not wrapped by hand: the lines above them
    # (site name, headline, dateline) are not one paragraph either.
    long = "Rebels entered Kafr Nour on Thursday after two days of fighting, " * 4
    article = article_from(f"---\nurl: https://example.org/story\n---\nExample Wire - News at War\n"
                           f"Rebels reach Kafr Nour as the army pulls back\nTell Sabah, Dec 2 (AFP) Dec 02, 2024\n"
                           f"{long.strip()}\n\nThe army said it had repelled the attack.\n", "pasted.md")
    assert article.published == "2024-12-02"
    assert article.blocks[-2].text == long.strip()


def test_markdown_wrapped_by_hand_is_still_joined_into_paragraphs():
    article = article_from("---\ntitle: Rebels reach Kafr Nour\n---\nRebels entered Kafr Nour on Thursday,\n"
                           "a monitor said, after two days\nof fighting.\n\nThe army said it had repelled\n"
                           "the attack.\n", "wrapped.md")
    assert [b.text for b in article.blocks] == [
        "Rebels entered Kafr Nour on Thursday, a monitor said, after two days of fighting.",
        "The army said it had repelled the attack."]


@pytest.mark.parametrize("front, text_date, expected", [
    ("url: https://example.org/2024/12/06/story", "", "2024-12-06"),
    ("url: https://example.org/2024/12/06/story", "Dec 7, 2024 4:55 PM\n", "2024-12-07"),   # the text wins
    ("url: https://example.org/2024/12/06/story\npublished: 2024-12-05", "Dec 7, 2024\n", "2024-12-05"),
    ("url: https://example.org/news/story-1733682935", "", None),
])
def test_published_from_front_matter_then_text_then_address(front, text_date, expected):
    article = article_from(f"---\n{front}\n---\n{text_date}Rebels entered Kafr Nour on Thursday.\n", "a.md")
    assert article.published == expected


def test_a_wire_dateline_with_two_agencies_is_a_dateline_not_a_caption():
    article = article_from("Rebels enter the capital\nDAMASCUS, Dec 08 (Reuters/AFP): Rebels said they had entered the "
                           "capital on Sunday, two officers told Reuters.\n")
    assert [(f.kind, f.text) for f in article.furniture] == [("dateline", "DAMASCUS, Dec 08 (Reuters/AFP):")]
    assert article.body == "Rebels said they had entered the capital on Sunday, two officers told Reuters."


def test_a_last_paragraph_cut_short_is_text_not_a_heading():
    article = article_from("Rebels advance, close in on Hama\nRebels entered Hama on Friday.\n"
                           "General Karim Nasser described the rebels as extremists, claiming the\n")
    assert article.title == "Rebels advance, close in on Hama"
    assert article.blocks[-1].text.startswith("General Karim Nasser") and not article.blocks[-1].heading


@pytest.mark.parametrize("line", [
    '<img src="https://example.org/logo.png" width=100 align=left border=0>',
    "<img src=x.jpg width=100 align=left border=0>",
    '<div class="share">',
    "</div>",
    '<a href="/x?a=1&b=2" title="a > b"></a><br/>',
    "<!-- advert -->",
])
def test_a_line_of_markup_alone_is_furniture_never_the_headline(line):
    article = article_from(f"{line}\nRebels push toward Homs as the army pulls back\n"
                           "Rebels advanced toward Homs on Friday, the Observatory said.\n")
    assert article.title == "Rebels push toward Homs as the army pulls back"
    assert [(f.kind, f.text) for f in article.furniture] == [("markup", line)]


def test_markup_around_prose_stays_text():
    article = article_from("Rebels push toward Homs as the army pulls back\n"
                           "<b>Rebels</b> advanced toward Homs on Friday, the Observatory said.\n"
                           "Fighters use 3 < 5 and <br> tags, residents said.\n")
    assert [f.kind for f in article.furniture] == []
    assert article.body.startswith("<b>Rebels</b> advanced toward Homs")
