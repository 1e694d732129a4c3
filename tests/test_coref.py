"""Within-document coreference (chrono.events.coref): mentions, each sieve on its own, the
whole resolver, and its language data.

The texts are written for these tests and parsed with the real spaCy model, one sentence per
span, as the event layer does. The sieve tests build fresh clusters and run one sieve only, so
each shows what that sieve joins (and what it must leave apart) without the others' help.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from chrono.events import coref
from chrono.events.coref import Clusters, Coreference, Mention, find_mentions, resolve
from chrono.events.parser import Parsed, load, parse
from chrono.resources.loader import load_toml

# A sentence ends at . ! or ? before a capital: "Apple Inc. sued ..." stays one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    load()  # once for the module: the first parse pays for loading the pipeline


def spans_of(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text.rstrip())))
    return spans


def parsed(text: str) -> list[Parsed]:
    return parse(text, spans_of(text))


def mentions_of(text: str) -> tuple[list[Parsed], list[Mention], Clusters]:
    sentences = parsed(text)
    mentions = find_mentions(sentences)
    return sentences, mentions, Clusters(mentions)


def find(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    """The `nth` mention written `text` (a nominal without its determiner)."""
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, (text, [m.text for m in mentions])
    return found[nth]


def entity(result: Coreference, text: str, document: str, nth: int = 0) -> int:
    """The entity of the `nth` mention whose document characters are `text`."""
    found = [e.index for e in result.entities for a, b in e.mentions if document[a:b] == text]
    assert len(found) > nth, (text, [(e.name, e.mentions) for e in result.entities])
    return found[nth]


def by_name(result: Coreference, name: str) -> coref.LocalEntity:
    found = [e for e in result.entities if e.name == name]
    assert len(found) == 1, (name, [e.name for e in result.entities])
    return found[0]


# --- mentions ------------------------------------------------------------------------------


def test_mentions_are_names_nominals_and_third_person_pronouns() -> None:
    text = "Mr Arslan, the mayor, opened the Harbour Street bridge in 1995. We saw it."
    _, mentions, _ = mentions_of(text)
    kinds = {(m.text, m.kind) for m in mentions}
    assert ("Mr Arslan", coref.PROPER) in kinds
    assert ("mayor", coref.NOMINAL) in kinds
    assert ("Harbour Street bridge", coref.NOMINAL) in kinds
    assert ("Harbour Street", coref.PROPER) in kinds  # a name inside a noun phrase
    assert ("it", coref.PRONOUN) in kinds
    assert not any(m.text in ("We", "1995") for m in mentions)  # first person, a date
    arslan = find(mentions, "Mr Arslan")
    assert arslan.name == "Arslan" and arslan.title == "mr"
    bridge = find(mentions, "Harbour Street bridge")
    assert bridge.definite and text[bridge.start : bridge.stop] == "the Harbour Street bridge"


def test_a_title_inside_a_run_of_names_splits_it() -> None:
    _, mentions, _ = mentions_of("Apple CEO Steve Jobs spoke in 2005.")
    names = {m.name for m in mentions if m.kind == coref.PROPER}
    assert names == {"Apple", "Steve Jobs"}
    assert find(mentions, "CEO Steve Jobs").title == "ceo"


def test_pleonastic_it_is_no_mention() -> None:
    _, mentions, _ = mentions_of("It is likely that the firm will grow. It was raining in 2001.")
    assert not any(m.kind == coref.PRONOUN for m in mentions)


# --- sieve 1: exact names ------------------------------------------------------------------


def test_exact_names_joins_the_same_name_possessive_or_not() -> None:
    _, mentions, clusters = mentions_of(
        "Apple's shares rose in 2001. Apple Corps sued Apple in 2003."
    )
    coref.exact_names(mentions, clusters)
    first, second = find(mentions, "Apple"), find(mentions, "Apple", 1)
    assert clusters.same(first.index, second.index)
    assert not clusters.same(first.index, find(mentions, "Apple Corps").index)


# --- sieve 2: appositives ------------------------------------------------------------------


def test_appositive_joins_a_name_and_its_description() -> None:
    _, mentions, clusters = mentions_of("Kemal Arslan, the mayor, opened the bridge in 1995.")
    coref.appositives(mentions, clusters)
    mayor = find(mentions, "mayor")
    assert clusters.same(find(mentions, "Kemal Arslan").index, mayor.index)
    assert not clusters.same(find(mentions, "bridge").index, mayor.index)


def test_predicate_nominative_joins_unless_negated() -> None:
    _, mentions, clusters = mentions_of(
        "Arslan is the mayor of Izmir since 1995. Dr Smith is not the judge."
    )
    coref.appositives(mentions, clusters)
    assert clusters.same(find(mentions, "Arslan").index, find(mentions, "mayor").index)
    assert not clusters.same(find(mentions, "Dr Smith").index, find(mentions, "judge").index)


def test_two_names_in_apposition_join_only_as_an_acronym() -> None:
    _, mentions, clusters = mentions_of(
        "Jobs spoke at the World Wide Developers Conference (WWDC) in San Francisco, "
        "California in 2005."
    )
    coref.appositives(mentions, clusters)
    conference = find(mentions, "World Wide Developers Conference")
    assert clusters.same(conference.index, find(mentions, "WWDC").index)
    assert not clusters.same(
        find(mentions, "San Francisco").index, find(mentions, "California").index
    )


def test_the_city_of_a_name_is_that_name() -> None:
    _, mentions, clusters = mentions_of("He visited the city of Izmir in 2001.")
    coref.appositives(mentions, clusters)
    assert clusters.same(find(mentions, "city").index, find(mentions, "Izmir").index)


# --- sieve 3: relaxed names ----------------------------------------------------------------


def test_relaxed_names_join_titles_and_last_names() -> None:
    _, mentions, clusters = mentions_of(
        "Kemal Arslan was born in Izmir in 1950. Mr Arslan moved in 1980. Arslan left in 1990."
    )
    coref.relaxed_names(mentions, clusters)
    full = find(mentions, "Kemal Arslan").index
    assert clusters.same(full, find(mentions, "Mr Arslan").index)
    assert clusters.same(full, find(mentions, "Arslan").index)
    assert not clusters.same(full, find(mentions, "Izmir").index)


def test_a_last_name_two_people_share_stays_apart() -> None:
    _, mentions, clusters = mentions_of(
        "Ali Arslan and Kemal Arslan met in 2000. Arslan said nothing in 2001."
    )
    coref.relaxed_names(mentions, clusters)
    alone = find(mentions, "Arslan").index
    assert not clusters.same(alone, find(mentions, "Ali Arslan").index)
    assert not clusters.same(alone, find(mentions, "Kemal Arslan").index)


def test_corporate_suffixes_are_dropped_but_other_words_are_not() -> None:
    _, mentions, clusters = mentions_of(
        "Apple Inc. sued Apple Corps in 2003. Apple won the case in 2006."
    )
    coref.relaxed_names(mentions, clusters)
    inc, corps = find(mentions, "Apple Inc.").index, find(mentions, "Apple Corps").index
    assert clusters.same(inc, find(mentions, "Apple").index)
    assert not clusters.same(inc, corps)


def test_different_genders_keep_a_last_name_apart() -> None:
    _, mentions, clusters = mentions_of("Mrs Clinton met Mr Clinton in 1975. Clinton won in 1992.")
    coref.relaxed_names(mentions, clusters)
    assert not clusters.same(
        find(mentions, "Mrs Clinton").index, find(mentions, "Mr Clinton").index
    )


# --- sieve 4: definite descriptions --------------------------------------------------------


def test_definite_descriptions_find_the_head_and_its_synonyms() -> None:
    _, mentions, clusters = mentions_of(
        "Mr Arslan opened the Harbour Street bridge in 1995. The bridge was closed in 2003. "
        "The steel crossing reopened in 2005."
    )
    coref.definite_descriptions(mentions, clusters)
    first = find(mentions, "Harbour Street bridge").index
    assert clusters.same(first, find(mentions, "bridge").index)
    assert clusters.same(first, find(mentions, "steel crossing").index)
    assert not clusters.same(first, find(mentions, "Mr Arslan").index)


def test_a_kind_of_thing_is_not_another_kind() -> None:
    _, mentions, clusters = mentions_of(
        "The film industry grew in 2001. The music industry shrank in 2002."
    )
    coref.definite_descriptions(mentions, clusters)
    film, music = find(mentions, "film industry"), find(mentions, "music industry")
    assert not clusters.same(film.index, music.index)


def test_the_company_is_the_nearest_organisation() -> None:
    text = (
        "Acme Corp. bought a factory in Izmir in 1990. Two years later, Globex Inc. opened an "
        "office in Ankara. The company moved to Istanbul in 1995."
    )
    _, mentions, clusters = mentions_of(text)
    coref.definite_descriptions(mentions, clusters)
    company = find(mentions, "company").index
    assert clusters.same(company, find(mentions, "Globex Inc.").index)
    assert not clusters.same(company, find(mentions, "Acme Corp.").index)


def test_an_indefinite_does_not_refer_back() -> None:
    _, mentions, clusters = mentions_of("A bridge fell in 1990. A bridge opened in 1995.")
    coref.definite_descriptions(mentions, clusters)
    assert not clusters.same(find(mentions, "bridge").index, find(mentions, "bridge", 1).index)


# --- sieve 5: pronouns ---------------------------------------------------------------------


def _pronouns_only(text: str) -> tuple[list[Mention], Clusters]:
    sentences, mentions, clusters = mentions_of(text)
    windows = coref.pronoun_windows(text, sentences, coref.lexicon().pronoun_window)
    coref.pronouns(mentions, clusters, windows)
    return mentions, clusters


def test_he_is_the_person_subject_before_him() -> None:
    mentions, clusters = _pronouns_only(
        "Kemal Arslan was born in Izmir. He moved to Ankara in 1980."
    )
    he = find(mentions, "He").index
    assert clusters.same(he, find(mentions, "Kemal Arslan").index)
    assert not clusters.same(he, find(mentions, "Izmir").index)


def test_it_is_not_a_person() -> None:
    mentions, clusters = _pronouns_only("Mr Arslan opened the museum in 1995. It closed in 2003.")
    it = find(mentions, "It").index
    assert clusters.same(it, find(mentions, "museum").index)
    assert not clusters.same(it, find(mentions, "Mr Arslan").index)


def test_it_is_the_phrase_before_the_name_inside_it() -> None:
    mentions, clusters = _pronouns_only(
        "I crossed the Harbour Street bridge every day since it opened in 1999."
    )
    it = find(mentions, "it").index
    assert clusters.same(it, find(mentions, "Harbour Street bridge").index)
    assert not clusters.same(it, find(mentions, "Harbour Street").index)


def test_she_is_not_a_man() -> None:
    mentions, clusters = _pronouns_only("Mr Demir met Mrs Kaya in 2001. She left in 2002.")
    she = find(mentions, "She").index
    assert clusters.same(she, find(mentions, "Mrs Kaya").index)
    assert not clusters.same(she, find(mentions, "Mr Demir").index)


def test_they_is_an_organisation_or_a_plural() -> None:
    mentions, clusters = _pronouns_only(
        "Mr Arslan met the engineers in 2001. They finished the bridge in 2003."
    )
    they = find(mentions, "They").index
    assert clusters.same(they, find(mentions, "engineers").index)
    assert not clusters.same(they, find(mentions, "Mr Arslan").index)


def test_a_pronoun_with_no_candidate_stays_alone() -> None:
    mentions, clusters = _pronouns_only("Mr Arslan arrived in 1995. It closed in 2003.")
    it = find(mentions, "It").index
    assert clusters.cluster(it).members == [it]


def test_the_window_is_a_few_sentences_and_stops_at_left_out_text() -> None:
    text = (
        "Mrs Kaya arrived in 1990. The rain began in 1991. The river rose in 1992. "
        "The dam broke in 1993. The town flooded in 1994. She left in 1995."
    )
    mentions, clusters = _pronouns_only(text)
    assert not clusters.same(find(mentions, "She").index, find(mentions, "Mrs Kaya").index)
    # Closer, but with a sentence between them left out of the list: not resolved either.
    text = "Mrs Kaya arrived in 1990. The rain began in 1991. She left in 1995."
    spans = spans_of(text)
    sentences = parse(text, [spans[0], spans[2]])
    mentions = find_mentions(sentences)
    clusters = Clusters(mentions)
    coref.pronouns(mentions, clusters, coref.pronoun_windows(text, sentences, 3))
    assert not clusters.same(find(mentions, "She").index, find(mentions, "Mrs Kaya").index)


# --- the whole resolver --------------------------------------------------------------------


STORY = (
    "Kemal Arslan was born in Izmir in 1950. He moved to Ankara in 1980. "
    "Mr Arslan, the mayor, opened the Harbour Street bridge in 1995. "
    "The bridge was closed in 2003 after its cables failed. "
    "The steel crossing reopened in 2005. Arslan died in 2010."
)


def test_resolve_builds_named_typed_entities() -> None:
    result = resolve(STORY, parsed(STORY), "story")
    arslan = by_name(result, "Kemal Arslan")
    assert arslan.type == "PERSON"
    assert {"Arslan", "Mr Arslan", "mayor"} <= set(arslan.aliases)
    assert "He" not in arslan.aliases  # pronouns are mentions, not aliases
    spans = {STORY[a:b] for a, b in arslan.mentions}
    assert {"Kemal Arslan", "He", "Mr Arslan", "the mayor", "Arslan"} <= spans
    bridge = by_name(result, "Harbour Street bridge")
    assert bridge.type == "FAC"
    assert {"bridge", "steel crossing"} <= set(bridge.aliases)
    assert entity(result, "its", STORY) == bridge.index
    assert [e.index for e in result.entities] == list(range(len(result.entities)))


def test_entity_and_mention_at_a_token() -> None:
    sentences = parsed(STORY)
    result = resolve(STORY, sentences, "story")
    arslan = by_name(result, "Kemal Arslan").index
    doc = sentences[1].doc
    assert doc is not None and doc[0].text == "He"
    assert result.entity_at(1, 0) == arslan
    assert result.mention_at(1, 0) == (sentences[1].start, sentences[1].start + 2)
    third = sentences[2].doc
    assert third is not None
    street = next(t.i for t in third if t.text == "Street")
    bridge = next(t.i for t in third if t.text == "bridge")
    start, stop = result.mention_at(2, bridge) or (0, 0)
    assert STORY[start:stop] == "the Harbour Street bridge"
    # "Street" is in the name "Harbour Street", an entity of its own inside the phrase.
    assert result.entity_at(2, street) != result.entity_at(2, bridge)
    opened = next(t.i for t in third if t.text == "opened")
    assert result.entity_at(2, opened) is None and result.mention_at(2, opened) is None


def test_an_unresolved_pronoun_is_a_nameless_entity() -> None:
    text = "It closed in 2003."
    result = resolve(text, parsed(text), "alone")
    assert [(e.name, e.type, e.aliases) for e in result.entities] == [("", "OTHER", ())]


def test_an_indefinite_nothing_refers_to_is_no_entity() -> None:
    text = "Mr Arslan saw a bridge in 1995."
    result = resolve(text, parsed(text), "indefinite")
    assert [e.name for e in result.entities] == ["Arslan"]


def test_unparsed_sentences_are_skipped() -> None:
    sentences = parsed(STORY)
    sentences[1] = Parsed(sentences[1].start, sentences[1].end, None)  # "He moved ..."
    result = resolve(STORY, sentences, "story")
    arslan = by_name(result, "Kemal Arslan")
    assert "He" not in {STORY[a:b] for a, b in arslan.mentions}
    assert result.entity_at(1, 0) is None
    # Names are matched over the whole document, parsed sentences between them or not.
    assert "Mr Arslan" in {STORY[a:b] for a, b in arslan.mentions}
    # An unparsed sentence is not text left out: a pronoun's window reaches over it.
    text = "Mrs Kaya arrived in 1990. The rain began in 1991. She left in 1995."
    sentences = parsed(text)
    sentences[1] = Parsed(sentences[1].start, sentences[1].end, None)
    result = resolve(text, sentences, "kaya")
    assert entity(result, "She", text) == entity(result, "Mrs Kaya", text)
    assert resolve(STORY, [], "empty").entities == ()
    assert resolve(STORY, [Parsed(0, 10, None)], "none").entities == ()


def test_types_come_from_the_evidence_not_the_ner_alone() -> None:
    text = (
        "Apple Inc. sued Apple Corps in 2003. The company lost in 2006. "
        "Mrs Kaya visited Izmir in 2001. The city welcomed her."
    )
    result = resolve(text, parsed(text), "types")
    assert by_name(result, "Apple Inc.").type == "ORG"
    assert by_name(result, "Kaya").type == "PERSON"
    assert entity(result, "The company", text) == entity(result, "Apple Corps", text)
    assert entity(result, "her", text) == by_name(result, "Kaya").index


def test_resolving_is_linear_in_the_mentions() -> None:
    """Long documents from a few parsed sentences repeated: four times the sentences may
    not cost sixteen times the time."""
    sentences = parsed(STORY)
    step = len(STORY) + 1

    def seconds(copies: int) -> float:
        text = " ".join([STORY] * copies)
        long = [
            Parsed(s.start + k * step, s.end + k * step, s.doc)
            for k in range(copies)
            for s in sentences
        ]
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            resolve(text, long, "long")
            best = min(best, time.perf_counter() - started)
        return best

    assert seconds(200) < 8 * seconds(50)


# --- language data -------------------------------------------------------------------------


def test_the_data_is_consistent() -> None:
    data = load_toml("en", "coref.toml")
    nouns = Counter(word for words in data["type_nouns"].values() for word in words)
    assert [w for w, n in nouns.items() if n > 1] == []
    types = set(coref.TYPES) | {coref.OTHER}
    assert set(data["type_nouns"]) <= types and set(data["type_anaphors"]) <= types
    synonyms = Counter(word for group in data["synonyms"] for word in group)
    assert [w for w, n in synonyms.items() if n > 1] == []
    assert set(data["pronouns"].values()) <= {"m", "f", "n", "p"}
    assert set(data["titles"].values()) | set(data["gendered_nouns"].values()) <= {"m", "f", ""}
    for key in ("i", "we", "you", "me", "us"):
        assert key not in data["pronouns"]  # first and second person are never resolved
