"""Event fusion, control and discrepancies on small article sets written for the tests."""
from generator.fuse import compatible, control_history, discrepancies, fuse_events
from generator.model import Article, Event, Extraction, Figure


def art(slug, published=None, outlet=None, events=(), figures=()):
    return Article(src_path=f"{slug}.txt", text="", slug=slug, title=slug, published=published, outlet=outlet,
                   extraction=Extraction(events=list(events), figures=list(figures)))


def ev(actor, action, place, date=None, denied_by=None):
    return Event(actor, action, place, date, f"{actor} {action} {place}.", denied_by=denied_by)


def test_two_reports_of_one_event_are_one_corroborated_event(registry):
    articles = [art("a", "2024-12-07", "AFP", [ev("Syrian opposition", "captured", "Daraa", "2024-12-06")]),
                art("b", "2024-12-08", "Reuters", [ev("Southern Operations Room", "captured", "Daraa", "2024-12-07")])]
    (event,) = fuse_events(articles, registry)
    assert (event.action, event.place, event.date, event.date_precision) == ("captured", "Daraa", "2024-12-06", "day")
    assert (event.status, event.sources_count, event.outlets) == ("corroborated", 2, ["AFP", "Reuters"])
    assert event.actor in ("Syrian opposition", "Southern Operations Room")


def test_an_events_id_stays_as_more_articles_report_it(registry):
    """Exports, links and the timeline page showing an event keep its id while reports join it."""
    first = [art("a", "2024-12-07", "AFP", [ev("Syrian opposition", "captured", "Daraa", "2024-12-06")]),
             art("b", "2024-12-07", "AFP", [ev("Syrian opposition", "captured", "Daraa", "2024-11-01")])]
    before = {e.date: e.id for e in fuse_events(first, registry)}
    later = art("c", "2024-12-08", "Reuters", [ev("Southern Operations Room", "captured", "Daraa", "2024-12-07")])
    after = {e.date: (e.id, e.sources_count) for e in fuse_events(first + [later], registry)}
    assert after == {"2024-12-06": (before["2024-12-06"], 2), "2024-11-01": (before["2024-11-01"], 1)}
    assert len(set(before.values())) == 2


def test_reports_far_apart_in_time_are_separate_events(registry):
    articles = [art("a", events=[ev("Syrian opposition", "captured", "Daraa", "2024-12-06")]),
                art("b", events=[ev("Syrian opposition", "captured", "Daraa", "2018-07-12")])]
    assert sorted(e.date for e in fuse_events(articles, registry)) == ["2018-07-12", "2024-12-06"]


def test_incompatible_actors_are_separate_events(registry):
    assert not compatible("Syrian government forces", "Hayat Tahrir al-Sham", registry)
    assert compatible("Syrian opposition", "Hayat Tahrir al-Sham", registry)
    assert compatible("YPG", "Syrian Democratic Forces", registry)
    assert not compatible("Hayat Tahrir al-Sham", "Syrian National Army", registry)  # two named groups
    articles = [art("a", events=[ev("Syrian government forces", "struck", "Idlib")]),
                art("b", events=[ev("Hayat Tahrir al-Sham", "struck", "Idlib")])]
    assert len(fuse_events(articles, registry)) == 2


def test_a_denial_makes_the_event_contested(registry):
    articles = [art("a", events=[ev("Syrian government forces", "withdrew", "Homs", denied_by="Defense Ministry")]),
                art("b", events=[ev("Syrian government forces", "withdrew", "Homs")])]
    (event,) = fuse_events(articles, registry)
    assert event.status == "contested"


def test_an_undated_article_joins_and_is_bounded_by_publication(registry):
    articles = [art("a", None, events=[ev("Syrian opposition", "captured", "Nassib")]),
                art("b", "2024-12-07", events=[ev(None, "captured", "Nassib")])]
    (event,) = fuse_events(articles, registry)
    assert (event.date, event.date_precision, event.sources_count) == ("2024-12-07", "on-or-before", 2)
    assert event.actor == "Syrian opposition"


def test_latest_control_names_holder_and_who_lost_it(registry):
    articles = [art("a", "2024-12-07", events=[ev("Syrian opposition", "captured", "Daraa", "2024-12-06"),
                                                ev("Syrian government forces", "withdrew", "Daraa", "2024-12-06")]),
                art("b", "2024-12-07", events=[ev("Syrian government forces", "withdrew", "Homs", "2024-12-07")])]
    control = {place: spells[-1] for place, spells in control_history(fuse_events(articles, registry)).items()}
    assert (control["Daraa"].holder, control["Daraa"].lost_by, control["Daraa"].since) == \
        ("Syrian opposition", "Syrian government forces", "2024-12-06")
    assert (control["Homs"].holder, control["Homs"].lost_by) == (None, "Syrian government forces")


def spells(history, place):
    return [(c.since, c.holder, c.lost_by, len(c.events)) for c in history[place]]


def test_control_history_has_a_spell_for_each_change_of_holder(registry):
    articles = [art("a", "2024-12-02", events=[ev("Syrian opposition", "captured", "Qasr Nadim", "2024-12-01")]),
                art("b", "2024-12-20", events=[ev("Syrian government forces", "captured", "Qasr Nadim", "2024-12-19")]),
                art("c", "2025-01-11", events=[ev("Syrian government forces", "withdrew", "Qasr Nadim", "2025-01-10")])]
    history = control_history(fuse_events(articles, registry))
    assert spells(history, "Qasr Nadim") == [("2024-12-01", "Syrian opposition", None, 1),
                                             ("2024-12-19", "Syrian government forces", None, 1),
                                             ("2025-01-10", None, "Syrian government forces", 1)]


def test_a_day_that_reports_the_same_holder_again_joins_its_spell(registry):
    """Held since the first capture, not since the latest report of it."""
    articles = [art("a", "2024-12-02", events=[ev("Syrian opposition", "captured", "Tell Marun", "2024-12-01")]),
                art("b", "2024-12-21", events=[ev("Syrian opposition", "captured", "Tell Marun", "2024-12-20")])]
    history = control_history(fuse_events(articles, registry))
    assert spells(history, "Tell Marun") == [("2024-12-01", "Syrian opposition", None, 2)]
    assert history["Tell Marun"][0].reports == 2


def test_on_one_day_a_capture_names_the_holder_and_a_withdrawal_who_lost_it(registry):
    articles = [art("a", "2024-12-07", events=[ev("Syrian government forces", "withdrew", "Ain Sabra", "2024-12-06")]),
                art("b", "2024-12-07", events=[ev("Syrian opposition", "captured", "Ain Sabra", "2024-12-06")])]
    history = control_history(fuse_events(articles, registry))
    assert spells(history, "Ain Sabra") == [("2024-12-06", "Syrian opposition", "Syrian government forces", 2)]


def test_undated_reports_come_before_the_dated_ones(registry):
    """Nothing says when an undated report was: a dated one decides the latest control."""
    articles = [art("a", None, events=[ev("Syrian Democratic Forces", "captured", "Jisr Hamad")]),
                art("b", "2024-12-09", events=[ev("Syrian opposition", "captured", "Jisr Hamad", "2024-12-08")])]
    history = control_history(fuse_events(articles, registry))
    assert spells(history, "Jisr Hamad") == [(None, "Syrian Democratic Forces", None, 1),
                                             ("2024-12-08", "Syrian opposition", None, 1)]


def test_strikes_and_advances_change_no_control(registry):
    articles = [art("a", "2024-12-02", events=[ev("Syrian opposition", "advanced", "Kafr Lut", "2024-12-01"),
                                                ev("Syrian government forces", "struck", "Kafr Lut", "2024-12-01")])]
    assert control_history(fuse_events(articles, registry)) == {}


def test_figures_that_disagree_are_a_discrepancy(registry):
    a = art("a", figures=[Figure("deaths", 300000, "over", None, "over 300,000 lives", "s1")])
    b = art("b", figures=[Figure("deaths", 305000, "over", None, "over 305,000 lives", "s2")])
    c = art("c", figures=[Figure("share_percent", 80, None, "Daraa", "80%", "s3")])
    found = discrepancies([a, b, c], [])
    assert [(d.kind, d.topic, [x[0] for x in d.claims]) for d in found] == \
        [("figure", "deaths in the war", ["over 300,000 lives", "over 305,000 lives"])]


def test_one_event_dated_differently_is_a_discrepancy(registry):
    articles = [art("a", events=[ev("Syrian opposition", "captured", "Hama", "2024-12-04")]),
                art("b", events=[ev("Syrian opposition", "captured", "Hama", "2024-12-06")])]
    found = discrepancies(articles, fuse_events(articles, registry))
    assert [(d.kind, sorted(x[0] for x in d.claims)) for d in found] == [("date", ["2024-12-04", "2024-12-06"])]


def test_dates_a_day_apart_are_not_a_discrepancy(registry):
    articles = [art("a", events=[ev("Syrian opposition", "captured", "Hama", "2024-12-05")]),
                art("b", events=[ev("Syrian opposition", "captured", "Hama", "2024-12-06")])]
    assert discrepancies(articles, fuse_events(articles, registry)) == []


def test_figures_published_a_week_apart_are_news_not_a_discrepancy(registry):
    def distance(slug, published, km):
        return art(slug, published, figures=[Figure("distance_km", km, "about", "Hama", f"{km} km", f"s-{slug}")])
    week = [distance("a", "2024-11-28", 40), distance("b", "2024-12-05", 10)]
    assert discrepancies(week, []) == []
    # Two runs of days that each disagree: two discrepancies, each saying when.
    found = discrepancies(week + [distance("c", "2024-11-29", 30), distance("d", "2024-12-06", 5)], [])
    assert [(d.topic, sorted(x[0] for x in d.claims)) for d in found] == [
        ("distance to Hama (km), 2024-11-28 to 2024-11-29", ["30 km", "40 km"]),
        ("distance to Hama (km), 2024-12-05 to 2024-12-06", ["10 km", "5 km"])]


def test_an_undated_figure_is_compared_with_every_run(registry):
    found = discrepancies([art("a", "2024-12-07", figures=[Figure("share_percent", 80, "over", "Daraa", "80%", "s1")]),
                           art("b", None, figures=[Figure("share_percent", 90, "over", "Daraa", "90%", "s2")])], [])
    assert [(d.topic, [x[0] for x in d.claims]) for d in found] == [("share of Daraa held (%)", ["80%", "90%"])]


def test_a_new_figure_redoes_only_its_window_of_days(registry, monkeypatch):
    """The memo keys each window of a topic apart: an article of the latest days re-compares those
    days' figures, not every figure the topic ever had."""
    from generator import fuse

    def distance(slug, published, km):
        a = art(slug, published, figures=[Figure("distance_km", km, "about", "Hama", f"{km} km", f"s-{slug}")])
        a.index_digest = f"digest-{slug}"
        return a
    older = [distance("a", "2024-11-28", 40), distance("b", "2024-11-29", 30),
             distance("c", "2024-12-05", 10), distance("d", "2024-12-06", 5)]
    memo = fuse.Memo()
    discrepancies(older, [], memo)
    compared = []
    real = fuse._figure_disagreements
    monkeypatch.setattr(fuse, "_figure_disagreements",
                        lambda measure, subject, window, several: compared.append(
                            sorted(a.slug for a, _, _ in window)) or real(measure, subject, window, several))
    after = discrepancies(older + [distance("e", "2024-12-07", 8)], [], fuse.Memo({**memo.old, **memo.made}))
    assert compared == [["c", "d", "e"]]
    assert [(d.topic, sorted(x[0] for x in d.claims)) for d in after] == [
        ("distance to Hama (km), 2024-11-28 to 2024-11-29", ["30 km", "40 km"]),
        ("distance to Hama (km), 2024-12-05 to 2024-12-07", ["10 km", "5 km", "8 km"])]


def test_fusing_with_the_last_builds_memo_gives_what_fusing_from_nothing_gives(registry, monkeypatch):
    """The memo (see fuse.Memo): after articles are added, removed, changed
    (another head) or given another slug, fusion and discrepancies reuse
    the groups none of those articles was or is in, and make again only
    theirs; what they give is what fusing from nothing gives, edit after edit."""
    import random

    from generator import fuse

    rng = random.Random(11)
    places, actors = ["Hama", "Homs", "Daraa", "Aleppo", "Idlib"], ["Syrian opposition", "Syrian Army", None]
    serial = iter(range(10 ** 6))

    def article(slug=None):
        k = next(serial)
        day = f"2024-12-{rng.randrange(1, 20):02}"
        a = art(slug or f"a{k}", day if rng.random() < 0.9 else None, "AFP",
                [ev(rng.choice(actors), rng.choice(("captured", "withdrew")), rng.choice(places),
                    rng.choice((day, None)), rng.choice((None, None, "Syrian Army"))) for _ in range(rng.randrange(1, 3))],
                [Figure("distance_km", rng.choice((5, 8, 10)), "about", rng.choice(places), "x km", f"s{k}")
                 for _ in range(rng.randrange(2))])
        a.index_digest = f"digest-{k}"
        return a

    def ordered(articles):
        return sorted(articles, key=lambda a: (a.published or "", a.slug), reverse=True)

    made = []
    fuse_group = fuse._fuse_group
    monkeypatch.setattr(fuse, "_fuse_group", lambda action, place, *rest: made.append(place) or
                        fuse_group(action, place, *rest))
    articles = ordered([article() for _ in range(60)])
    memo = fuse.Memo()
    fuse_events(articles, registry, memo)
    full = len(made)
    for step in range(40):
        edit = step % 4
        if edit == 0:
            articles.append(article())
        elif edit == 1:
            articles.remove(rng.choice(articles))
        elif edit == 2:  # read again after an edit: another object, another head
            old = rng.choice(articles)
            articles[articles.index(old)] = article(old.slug)
        else:  # the same object under another slug
            rng.choice(articles).slug = f"moved-{next(serial)}"
        articles = ordered(articles)
        memo = fuse.Memo({**memo.old, **memo.made})
        del made[:]
        events = fuse_events(articles, registry, memo)
        found = discrepancies(articles, events, memo)
        assert len(made) < full / 2, (edit, len(made), full)
        assert events == fuse_events(articles, registry)
        assert found == discrepancies(articles, fuse_events(articles, registry))


