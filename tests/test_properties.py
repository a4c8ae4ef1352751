"""Property tests: load, clean and extract never raise, whatever the text or
front matter, and what they extract is always a registry name (or, for a
place, a place recognised from context)."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean
from generator.errors import ContentError
from generator.load import parse_article

WORDS = ["Daraa", "Homs", "rebels", "captured", "seized", "withdrew from", "Hayat Tahrir al-Sham", "HTS", "the army",
         "said", "according to the Observatory", "on Friday", "Dec. 5", "20 km from", "Damascus", "the villages of",
         "Kafr Nabl", "If", "could", "not", "By Reuters", "(Photo by X / AFP)", "Also Read:", "Source:", "---",
         "<script>", "{{ x }}", "|", "#", "\n", "\n\n", ".", ",", "“", "’s", "İ", "\ufeff", "\r\n", "\t"]
text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=20)), max_size=60).map(" ".join)
yaml_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=15),
                                    st.dates().map(str)),
                          lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                  st.dictionaries(st.text(string.ascii_letters, max_size=8), inner,
                                                                  max_size=3)), max_leaves=8)
front_matter = st.dictionaries(st.sampled_from(["title", "published", "outlet", "url", "slug", "add", "drop",
                                                "tags", "publised", "places"]), yaml_value, max_size=4)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(extractor, registry, data: bytes, name: str) -> None:
    try:
        article, _ = parse_article(data, name)
    except ContentError as exc:
        assert exc.problem.src_path == name and exc.problem.message
        return
    if article is None:
        return
    result = extractor.extract(clean(article))
    added = result.overridden  # an editor may add any name in front matter
    assert set(result.factions) <= set(registry.factions) | set(added.get("factions", []))
    assert set(result.countries) <= set(registry.countries) | set(added.get("countries", []))
    assert set(result.sources) <= set(registry.sources) | set(added.get("sources", []))
    for place in result.places:
        assert place in registry.places or place in result.unlisted_places or place in added.get("places", [])
    for event in result.events:
        assert event.action in ("captured", "entered", "advanced", "withdrew", "besieged", "struck")
        assert event.actor is None or event.actor in registry.factions
        assert event.place in result.places or event.place == "Damascus"


@SETTINGS
@given(body=text)
def test_arbitrary_text_never_raises_and_extracts_registry_names(extractor, registry, body):
    check(extractor, registry, body.encode("utf-8"), "a.txt")


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(extractor, registry, raw):
    check(extractor, registry, raw, "b.txt")


@SETTINGS
@given(meta=front_matter, body=text)
def test_arbitrary_front_matter_never_raises(extractor, registry, meta, body):
    import yaml

    data = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    check(extractor, registry, data.encode("utf-8"), "c.md")
