import pytest

from generator import dates


@pytest.mark.parametrize("line, iso, rest", [
    ("Dec 7, 2024 4:55 PM", "2024-12-07", ""),
    (" date 2024-12-07 Syrian armed opposition groups", "2024-12-07", "Syrian armed opposition groups"),
    ("7 December 2024", "2024-12-07", ""),
    ("Published: Saturday, December 7, 2024", "2024-12-07", ""),
    ("Updated: Dec. 5, 2024, 10:12 a.m. ET", "2024-12-05", "ET"),
    ("2024-11-30T08:00:00Z", "2024-11-30", ""),
])
def test_leading_dates_in_common_forms(line, iso, rest):
    assert dates.leading_date(line) == (iso, rest)


@pytest.mark.parametrize("line", ["Damascus (TDI): Syrian opposition", "On Dec. 5, rebels entered Homs.",
                                  "The war began in 2011."])
def test_a_line_that_does_not_open_with_a_full_date_is_no_dateline(line):
    assert dates.leading_date(line) is None


@pytest.mark.parametrize("sentence, published, expected", [
    ("On Dec. 5, opposition groups entered Homs.", "2024-12-07", "2024-12-05"),
    ("Rebels took the town on December 6, 2024.", None, "2024-12-06"),
    ("The offensive began after Nov. 27.", "2024-12-07", "2024-11-27"),
    ("The army withdrew on Friday.", "2024-12-07", "2024-12-06"),   # 2024-12-07 is a Saturday
    ("The army withdrew on Saturday.", "2024-12-07", "2024-12-07"),
    ("Late Friday evening the Observatory said so.", "2024-12-10", "2024-12-06"),
    ("They entered the city yesterday.", "2024-12-08", "2024-12-07"),
    ("The army withdrew on Friday.", None, None),          # unresolved stays null, never guessed
    ("On Dec. 5, opposition groups entered Homs.", None, None),
    ("Fighting on Dec. 30 was heavy.", "2025-01-02", "2024-12-30"),  # year turns back
    ("No date here at all.", "2024-12-07", None),
])
def test_event_dates_resolve_against_publication(sentence, published, expected):
    assert dates.sentence_date(sentence, published) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/news/2024/12/06/rebels-advance", "2024-12-06"),
    ("https://example.org/world/2024-12-06-rebels-advance", "2024-12-06"),
    ("https://example.org/syria/20241130", "2024-11-30"),
    ("https://example.org/syria/30112024", "2024-11-30"),           # day first where year first is no date
    ("https://example.org/story-1733682935/?date=09-12-2024", "2024-12-09"),
    ("https://example.org/update-november-30-2024", "2024-11-30"),
    ("https://example.org/6-december-2024-rebels", "2024-12-06"),
    ("https://example.org/2024/12/rebels", None),                    # a month is no day
    ("https://example.org/news/274802838/rebels", None),             # an item number is no date
    ("https://example.org/a.php?eid=78025&cid=386", None),
    (None, None),
])
def test_a_date_in_an_address(url, expected):
    assert dates.date_from_url(url) == expected
