"""Events from mentions: clause, trigger, subject, headline, ranges and robustness.

The documents are written for these tests (in the manner of the seed articles);
mentions are built by hand with a tiny builder, so no tagger is involved.
"""

from __future__ import annotations

import random
import re

import pytest

from chrono import events
from chrono.sentences import sentence_of, sentence_spans
from chrono.types import (
    Anchor,
    AnchorKind,
    Bounds,
    Document,
    Event,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Spec,
    Tag,
    Timex3,
    TimexType,
)

YEAR_SECONDS = 365 * 86_400


def resolution(edtf: str | None = "2004", display: str | None = None) -> Resolution:
    year = int(edtf[:4]) if edtf and edtf[:4].isdigit() else None
    bounds = (
        Bounds()
        if year is None
        else Bounds(
            (year - 1970) * YEAR_SECONDS,
            (year - 1969) * YEAR_SECONDS - 1,
            (year - 1970) * YEAR_SECONDS,
            (year - 1969) * YEAR_SECONDS - 1,
        )
    )
    return Resolution(
        Timex3(TimexType.DATE, edtf or "XXXX"),
        edtf,
        bounds,
        Granularity.YEAR,
        False,
        Anchor(AnchorKind.NONE),
        display or edtf or "?",
    )


class Doc:
    """Builds a document and its mentions: `Doc(text).at("2004", edtf="2004")...`."""

    def __init__(self, text: str, doc_id: str = "doc") -> None:
        self.text = text
        self.id = doc_id
        self.spans = sentence_spans(text)
        self.mentions: list[Mention] = []

    def at(
        self,
        phrase: str,
        edtf: str | None = None,
        kind: Kind = Kind.POINT,
        nth: int = 0,
        role: str | None = None,
        partner: int | None = None,
    ) -> Doc:
        matches = [m for m in re.finditer(re.escape(phrase), self.text)]
        match = matches[nth]
        tag = Tag(
            match.start(),
            match.end(),
            phrase,
            "test",
            Spec(TimexType.DATE, kind),
            span_role=role,
            span_partner=partner,
        )
        n = len(self.mentions) + 1
        self.mentions.append(
            Mention(
                f"{self.id}:t{n}",
                self.id,
                sentence_of(self.spans, match.start()),
                tag,
                resolution(edtf or phrase),
            )
        )
        return self

    def events(self) -> tuple[Event, ...]:
        document = Document(self.id, f"{self.id}.txt", self.text)
        return events._extract(document, self.mentions, self.spans, strict=True)

    def by_mention(self) -> dict[str, Event]:
        found = self.events()
        return {m.text: e for e in found for m in self.mentions if m.id in e.mention_ids}


ARTICLE = (
    "Lena Marlow Fights Child Labour in Asia\n\n"
    "Actress Lena Marlow spoke at the summit in Delhi. "
    "However, Lena has also been a campaigner against child labour for roughly a decade now. "
    "She launched her campaign in 2006, around the time her first son was born. "
    "That year, she teamed up with Oxfam International, and was named Ambassador of Hope "
    "by the United Nations four years later.\n\n"
    "The documentary, which premiered Sunday, follows Lena’s journey through the brick kilns.\n\n"
    "Lena, who plays a nurse in the series – and who has been a Goodwill Ambassador for the "
    "World Health Organization since 2011 – told reporters she was moved by the children.\n\n"
    "The Emmy winner, 48, spoke out against the trade. Lena – who has three sons with her "
    "52-year-old director husband of 20 years Paul Brenner – also called for new laws."
)


@pytest.fixture(scope="module")
def article() -> dict[str, Event]:
    doc = (
        Doc(ARTICLE)
        .at("roughly a decade now", "2006/2016")
        .at("2006")
        .at("That year", "2006")
        .at("four years later", "2010")
        .at("Sunday", "2016-05-01")
        .at("since 2011", "2011/..")
        .at("48", kind=Kind.AGE, edtf="1968")
        .at("52-year-old", kind=Kind.AGE, edtf="1964")
        .at("20 years", kind=Kind.DURATION, edtf="1996/2016")
    )
    return doc.by_mention()


# ---------------------------------------------------------------- clauses and headlines


def test_headline_of_a_simple_clause(article: dict[str, Event]) -> None:
    event = article["2006"]
    assert event.headline == "Marlow launches her campaign"
    assert event.trigger == "launched"
    assert event.subject == "Marlow"
    assert event.sources[0].quote == "She launched her campaign in 2006"


def test_fronted_time_dates_the_clause_after_it(article: dict[str, Event]) -> None:
    event = article["That year"]
    assert event.headline == "Marlow teams up with Oxfam International"
    assert event.trigger == "teamed"
    assert event.sources[0].quote == "That year, she teamed up with Oxfam International"


def test_trailing_time_dates_a_coordinated_predicate(article: dict[str, Event]) -> None:
    event = article["four years later"]
    assert event.headline == "Marlow is named Ambassador of Hope by the United Nations"
    assert event.trigger == "named"
    assert event.sources[0].quote == (
        "was named Ambassador of Hope by the United Nations four years later"
    )


def test_present_perfect_state_stays(article: dict[str, Event]) -> None:
    assert article["roughly a decade now"].headline == (
        "Lena has been a campaigner against child labour"
    )
    assert article["roughly a decade now"].trigger == "been"
    event = article["since 2011"]
    assert event.headline == "Lena has been a Goodwill Ambassador for the World Health Organization"
    assert event.subject == "Lena"


def test_relative_clause_takes_its_antecedent(article: dict[str, Event]) -> None:
    event = article["Sunday"]
    assert event.headline == "The documentary premieres"
    assert event.trigger == "premiered"
    assert event.sources[0].quote == "which premiered Sunday"


def test_ages(article: dict[str, Event]) -> None:
    assert article["48"].headline == "The Emmy winner is 48"
    assert article["52-year-old"].headline == "Paul Brenner is 52"
    assert article["20 years"].headline == (
        "Lena has three sons with her director husband Paul Brenner"
    )


def test_headlines_leave_out_times_and_signals(article: dict[str, Event]) -> None:
    for event in article.values():
        words = event.headline.lower().split()
        assert not {"in", "since", "later", "now", "2006", "2011", "sunday"} & set(words[-1:])
        assert "2006" not in event.headline and "since" not in words
        assert 2 <= len(words) <= 16


def test_two_times_in_one_sentence_date_two_clauses() -> None:
    doc = (
        Doc(
            "John Keller studied law in Vienna. In 1998 he moved to Paris, and in 2003 he "
            "returned to Rome."
        )
        .at("1998")
        .at("2003")
    )
    found = doc.by_mention()
    assert found["1998"].headline == "Keller moves to Paris"
    assert found["2003"].headline == "Keller returns to Rome"
    assert found["1998"].trigger == "moved" and found["2003"].trigger == "returned"


def test_coordination_without_comma_picks_the_nearer_predicate() -> None:
    doc = Doc("Ann Price sold the farm in 1990 and bought a boat in 1991.").at("1990").at("1991")
    found = doc.by_mention()
    assert found["1990"].headline == "Ann Price sells the farm"
    assert found["1991"].headline == "Ann Price buys a boat"


@pytest.mark.parametrize(
    ("text", "phrase", "headline", "trigger"),
    [
        ("The bridge was completed in 1932.", "1932", "The bridge is completed", "completed"),
        (
            "The museum has been closed since 2020.",
            "since 2020",
            "The museum has been closed",
            "closed",
        ),
        ("The treaty was a failure by 1925.", "1925", "The treaty is a failure", "was"),
        (
            "The band did not release the album in 2010.",
            "2010",
            "The band does not release the album",
            "release",
        ),
        ("The film will premiere on Friday.", "Friday", "The film will premiere", "premiere"),
        ("The talks were a success in 1999.", "1999", "The talks are a success", "were"),
        (
            "Two million people attended the rally in 2019.",
            "2019",
            "Two million people attend the rally",
            "attended",
        ),
        (
            "The company had acquired three rivals by 2001.",
            "2001",
            "The company acquires three rivals",
            "acquired",
        ),
        (
            "The villages are not going to be left alone this summer.",
            "this summer",
            "The villages are not going to be left alone",
            "going",
        ),
        (
            "Hewlett-Packard said it now holds 1,384,119 shares.",
            "now",
            "It holds 1,384,119 shares",
            "holds",
        ),
        ("Police seized a car bomb on Sunday.", "Sunday", "Police seize a car bomb", "seized"),
        (
            "The rebels left the peace talks on Feb. 20 in protest.",
            "Feb. 20",
            "The rebels leave the peace talks in protest",
            "left",
        ),
        (
            "Some 1,500 ethnic Albanians marched Sunday in Istanbul.",
            "Sunday",
            "Some 1,500 ethnic Albanians march in Istanbul",
            "marched",
        ),
        (
            "On 14 August the Germans were successful.",
            "14 August",
            "The Germans are successful",
            "were",
        ),
        (
            "Savin Corp. reported a loss in the third quarter.",
            "the third quarter",
            "Savin Corp. reports a loss",
            "reported",
        ),
        (
            "The Pentagon said today it will re-examine the question.",
            "today",
            "The Pentagon says it will re-examine the question",
            "said",
        ),
        (
            "International Women's Day is this coming Sunday.",
            "this coming Sunday",
            "International Women's Day",
            "is",
        ),
        (
            "Neither side could win for the next two years.",
            "two years",
            "Neither side could win",
            "win",
        ),
    ],
)
def test_triggers_and_tense(text: str, phrase: str, headline: str, trigger: str) -> None:
    (event,) = Doc(text).at(phrase).events()
    assert event.headline == headline
    assert event.trigger == trigger


def test_event_noun_without_a_verb() -> None:
    (event,) = Doc("Results of the 2004 elections in Ukraine").at("2004").events()
    assert event.trigger == "elections"
    assert event.headline == "The elections in Ukraine"


# ---------------------------------------------------------------- pronouns


def test_pronoun_resolves_to_the_last_named_subject() -> None:
    doc = Doc(
        "Senator Maria Lopez visited the plant. Workers cheered. In 2015 she founded a charity."
    ).at("2015")
    (event,) = doc.events()
    assert event.headline == "Lopez founds a charity"
    assert event.subject == "Lopez"


def test_pronoun_without_a_named_person_is_kept() -> None:
    doc = Doc("The city flooded in 1993. She moved to Lisbon in 1999.").at("1993").at("1999")
    found = doc.by_mention()
    assert found["1999"].headline == "She moves to Lisbon"
    assert found["1999"].subject == "She"
    assert found["1993"].headline == "The city floods"


def test_places_and_organisations_are_not_persons() -> None:
    doc = Doc(
        "Amnesty International opened an office. The United Nations praised it. "
        "Cambodia signed the pact. He resigned in 2001."
    ).at("2001")
    (event,) = doc.events()
    assert event.headline == "He resigns"


def test_pronoun_in_quoted_speech_is_not_resolved() -> None:
    doc = Doc("Maria Lopez spoke first. “She left in 1990,” a neighbour said.").at("1990")
    (event,) = doc.events()
    assert event.subject == "She"


def test_names_of_wars_and_nations_are_not_persons() -> None:
    doc = Doc("World War I began in 1914. German forces crossed the border. He died in 1916.")
    found = doc.at("1914").at("1916").by_mention()
    assert found["1914"].headline == "World War I begins"
    assert found["1916"].headline == "He dies"


def test_pronoun_gender_skips_a_person_of_the_other_gender() -> None:
    doc = (
        Doc(
            "Mr. Tom Hale joined the firm. Actress Ana Ruiz met him. She sued the firm in "
            "2004. Later, he retired in 2010."
        )
        .at("2004")
        .at("2010")
    )
    found = doc.by_mention()
    assert found["2004"].headline == "Ruiz sues the firm"
    assert found["2010"].headline == "Hale retires"


# ---------------------------------------------------------------- ranges, ids, sources


def test_range_makes_one_event() -> None:
    doc = (
        Doc("Ana Ruiz lived in Paris from 1964 to 1970. She returned in 1971.")
        .at("1964", role="begin", partner=1)
        .at("1970", role="end", partner=0)
        .at("1971")
    )
    first, second = doc.events()
    assert first.mention_ids == ("doc:t1", "doc:t2")
    assert first.time.edtf == "1964/1970"
    assert first.time.display == "1964 – 1970"
    assert first.headline == "Ana Ruiz lives in Paris"
    assert [s.mention_id for s in first.sources] == ["doc:t1", "doc:t2"]
    assert second.mention_ids == ("doc:t3",)
    assert second.headline == "Ruiz returns"


def test_ids_follow_text_order_and_sources_quote_the_text() -> None:
    text = "The war ended in 1945. The treaty was signed in 1947."
    doc = Doc(text, "news").at("1947").at("1945")  # given out of order
    found = doc.events()
    assert [e.id for e in found] == ["news:e1", "news:e2"]
    assert found[0].mention_ids == ("news:t2",)
    for event in found:
        assert event.doc_ids == ("news",)
        (source,) = event.sources
        assert text[source.start : source.end] == source.quote
        assert source.stated_edtf in ("1945", "1947")
    assert found[0].time.edtf == "1945"


def test_every_mention_belongs_to_one_event() -> None:
    doc = Doc("In 2001, 2002 and 2003 it rained.").at("2001").at("2002").at("2003")
    found = doc.events()
    assert sorted(m for e in found for m in e.mention_ids) == ["doc:t1", "doc:t2", "doc:t3"]


def test_broken_range_partner_falls_back_to_single_events() -> None:
    doc = (
        Doc("It ran from 1964 to 1970.")
        .at("1964", role="begin", partner=7)
        .at("1970", role="end", partner=5)
    )
    assert [e.mention_ids for e in doc.events()] == [("doc:t1",), ("doc:t2",)]


# ---------------------------------------------------------------- fallbacks and robustness


def test_fallback_headlines_are_never_empty() -> None:
    assert Doc("Timeline 2004").at("2004").events()[0].headline == "Timeline"
    assert Doc("2004").at("2004").events()[0].headline == "2004"
    assert Doc("In 2004.").at("2004").events()[0].headline == "2004"
    assert Doc("Thank you for your service in 2004, Mira!").at("2004").events()[0].headline


def test_mention_outside_the_sentences_still_gets_an_event() -> None:
    text = "Header 1999\n\nThe bridge was completed in 1932."
    doc = Doc(text).at("1999").at("1932")
    document = Document("doc", "doc.txt", text)
    found = events._extract(document, doc.mentions, [(13, len(text))], strict=True)
    assert [e.headline for e in found] == ["Header", "The bridge is completed"]
    assert events.extract_events(document, doc.mentions, []) != ()


def test_no_mentions_no_events() -> None:
    assert events.extract_events(Document("d", "d", "Nothing here."), [], [(0, 13)]) == ()


def _random_mentions(rng: random.Random, text: str, count: int) -> list[Mention]:
    mentions = []
    for k in range(count):
        start = rng.randrange(-3, len(text) + 3)
        end = start + rng.randrange(-2, 25)
        role = rng.choice([None, None, "begin", "end"])
        partner = rng.choice([None, rng.randrange(-2, count + 2)])
        tag = Tag(
            start,
            end,
            text[max(start, 0) : max(end, 0)],
            "fuzz",
            Spec(TimexType.DATE, rng.choice(list(Kind))),
            span_role=role,
            span_partner=partner,
        )
        mentions.append(Mention(f"d:t{k}", "d", 0, tag, resolution(rng.choice(["2004", None]))))
    return mentions


def test_random_slices_never_fail() -> None:
    base = ARTICLE + (
        "\n\n“Being a mom, you can’t stand it.” Dr. J. Smith (b. 1950) – who? – "
        'said: ‘Sound of Freedom’ (2023), which… and, or ; — "x" 0.4 No. 5 '
    )
    rng = random.Random(11)
    for _ in range(400):
        a = rng.randrange(len(base))
        b = min(len(base), a + rng.choice([1, 8, 60, 400, 2000]))
        text = base[a:b]
        spans = (
            sentence_spans(text)
            if rng.random() < 0.8
            else [
                (rng.randrange(-5, len(text) + 5), rng.randrange(-5, len(text) + 5))
                for _ in range(3)
            ]
        )
        mentions = _random_mentions(rng, text, rng.randrange(0, 6))
        found = events._extract(Document("d", "d.txt", text), mentions, spans, strict=True)
        assert sorted(m for e in found for m in e.mention_ids) == sorted(m.id for m in mentions)
        for event in found:
            assert event.headline.strip()
            for source in event.sources:
                assert 0 <= source.start <= source.end <= len(text)
                assert text[source.start : source.end] == source.quote


def test_long_documents_stay_fast() -> None:
    text = " ".join([ARTICLE] * 40)
    doc = Doc(text)
    for n in range(40):
        doc.at("That year", "2006", nth=n).at("2006", nth=n)
    found = doc.events()
    assert len(found) == 80
    assert found[1].headline == "Marlow teams up with Oxfam International"
