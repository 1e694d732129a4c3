"""Events from mentions: clause, trigger, subject, headline, ranges and robustness.

The documents are written for these tests (in the manner of the seed articles);
mentions are built by hand with a tiny builder, so no tagger is involved, except in
the tests at the end that run the whole pipeline (`analyze_text`).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from chrono.events import extract
from chrono.run.pipeline import analyze_text
from chrono.text.sentences import sentence_of, sentence_spans
from chrono.times.values import point_bounds, unit_span
from chrono.types import (
    Anchor,
    AnchorKind,
    Bounds,
    CalendarValue,
    Document,
    Duration,
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

G = Granularity


def resolution(edtf: str | None = "2004", display: str | None = None) -> Resolution:
    """A year-precision resolution whose bounds are the calendar year of the EDTF's year."""
    year = int(edtf[:4]) if edtf and edtf[:4].isdigit() else None
    bounds = Bounds() if year is None else point_bounds(CalendarValue(G.YEAR, year=year))
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
        age: float | Duration | None = None,
    ) -> Doc:
        """Add a mention of the nth `phrase`; an AGE mention of `age` (years or a Duration)."""
        matches = [m for m in re.finditer(re.escape(phrase), self.text)]
        match = matches[nth]
        duration = Duration(G.YEAR, age) if isinstance(age, int | float) else age
        tag = Tag(
            match.start(),
            match.end(),
            phrase,
            "test",
            Spec(TimexType.DATE, kind, duration=duration),
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
        return extract.extract_events(document, self.mentions, self.spans)

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
        .at("48", kind=Kind.AGE, edtf="1968", age=48)
        .at("52-year-old", kind=Kind.AGE, edtf="1964", age=52)
        .at("20 years", kind=Kind.DURATION, edtf="1996/2016")
    )
    return doc.by_mention()


# ---------------------------------------------------------------- clauses and headlines


def test_headline_of_a_simple_clause(article: dict[str, Event]) -> None:
    event = article["2006"]
    assert event.headline == "Marlow launches her campaign"
    assert event.trigger == "launched"
    assert event.subject == "Lena Marlow"  # the person, by the full name the text gives
    assert event.sources[0].quote == (
        "She launched her campaign in 2006, around the time her first son was born"
    )


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
    assert article["roughly a decade now"].trigger == "campaigner"  # TimeML's event: the predicate
    event = article["since 2011"]
    assert event.headline == "Lena has been a Goodwill Ambassador for the World Health Organization"
    assert event.subject == "Lena Marlow"


def test_relative_clause_takes_its_antecedent(article: dict[str, Event]) -> None:
    event = article["Sunday"]
    assert event.headline == "The documentary premieres"
    assert event.trigger == "premiered"
    assert event.sources[0].quote == "which premiered Sunday"


def test_ages(article: dict[str, Event]) -> None:
    assert article["48"].headline == "The Emmy winner is 48"
    assert article["52-year-old"].headline == "Paul Brenner is 52"
    # "her director husband of 20 years": how long a thing has been what it is, no event.
    assert "20 years" not in article


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
        # A copula's predicate is the event TimeML marks: "failure", "success", "successful".
        ("The treaty was a failure by 1925.", "1925", "The treaty is a failure", "failure"),
        (
            "The band did not release the album in 2010.",
            "2010",
            "The band does not release the album",
            "release",
        ),
        ("The film will premiere on Friday.", "Friday", "The film will premiere", "premiere"),
        ("The talks were a success in 1999.", "1999", "The talks are a success", "success"),
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
            "left",  # the lowest verb whose clause holds the time
        ),
        (
            "Hewlett-Packard said it now holds 1,384,119 shares.",
            "now",
            "Hewlett-Packard holds 1,384,119 shares",  # "it" is the company
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
            "successful",
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


def headlines(text: str, dct: str = "2021-03-03") -> dict[str, str]:
    """Mention text -> headline of its event, through the whole pipeline."""
    result = analyze_text(text, dct=dct)
    by_id = {m.id: m.text for m in result.mentions}
    return {by_id[i]: e.headline for e in result.events for i in e.mention_ids}


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        (
            "Engineers said on Monday that the bridge was unsafe.",
            "Monday",
            "Engineers say the bridge was unsafe",
        ),
        ("Prices rose in 2004.", "2004", "Prices rise"),
        ("Residents complained in 2005.", "2005", "Residents complain"),
        ("Repairs are expected in 2022.", "2022", "Repairs are expected"),
        ("Shares fell 3% on Monday.", "Monday", "Shares fall 3%"),
        ("Officials say the road will reopen in 2025.", "2025", "The road will reopen"),
        ("Shares in Acme fell in 2008.", "2008", "Shares in Acme fall"),
    ],
)
def test_plural_common_noun_opening_a_sentence_is_not_a_name(
    text: str, phrase: str, headline: str
) -> None:
    assert headlines(text)[phrase] == headline


def test_a_known_name_opening_a_sentence_stays_singular() -> None:
    found = headlines("Tom Jones joined the band. Jones left the band in 2004.")
    assert found["2004"] == "Jones leaves the band"


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        ("Cracks appeared in 1999.", "1999", "Cracks appear"),
        ("Cracks in the wall appeared in 1999.", "1999", "Cracks in the wall appear"),
        (
            "The war lasted until 1918, and about 10 million soldiers died in 1918.",
            "1918",
            "About 10 million soldiers die",
        ),
        ("Some of the soldiers died in 1916.", "1916", "Some of the soldiers die"),
    ],
)
def test_a_bare_past_tense_is_not_a_passive(text: str, phrase: str, headline: str) -> None:
    found = headlines(text)
    assert found[phrase] == headline
    assert " are " not in f" {found[phrase]} " and " is " not in f" {found[phrase]} "


def test_coordinated_verbs_keep_their_subject_and_voice() -> None:
    text = "The bridge, opened in 1932, was rebuilt in 1958, widened in 1975 and closed in 1999."
    assert headlines(text) == {
        "1932": "The bridge is opened",
        "1958": "The bridge is rebuilt",
        "1975": "The bridge is widened",
        "1999": "The bridge is closed",
    }
    found = headlines("He was arrested on Saturday and released the next day.")
    assert found == {"Saturday": "He is arrested", "the next day": "He is released"}


def test_a_coordinated_pronoun_subject_is_resolved_when_safe() -> None:
    text = "Tom Hale ran the depot. He was arrested on Saturday and released the next day."
    assert headlines(text)["the next day"] == "Hale is released"


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        ("He was born in 1950 and died in 2010.", "2010", "He dies"),  # "die" has no passive
        (  # a passive takes no object
            "She was elected in 2004 and served two terms until 2012.",
            "2012",
            "She serves two terms",
        ),
        ("The team has won the cup and lifted it in 2001.", "2001", "The team has lifted it"),
        ("They will meet and sign the deal on Friday.", "Friday", "They will sign the deal"),
    ],
)
def test_shared_auxiliaries_only_where_the_verb_takes_them(
    text: str, phrase: str, headline: str
) -> None:
    assert headlines(text)[phrase] == headline


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        ("Profits were up 12.5% in 2020.", "2020", "Profits are up 12.5%"),
        ("The firm paid $500 million in 2019.", "2019", "The firm pays $500 million"),
        ("The index fell 0.4% in 2018.", "2018", "The index falls 0.4%"),
    ],
)
def test_symbols_of_a_number_stay_with_it(text: str, phrase: str, headline: str) -> None:
    assert headlines(text)[phrase] == headline


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        ("The meeting, held on Monday, ended early.", "Monday", "The meeting is held"),
        ("The bridge, opened in 1932, was closed in 1999.", "1932", "The bridge is opened"),
        ("The bridge, opened in 1932, was closed in 1999.", "1999", "The bridge is closed"),
        ("The law, passed in 1990, was repealed in 2001.", "2001", "The law is repealed"),
    ],
)
def test_a_participle_after_a_comma_is_not_the_main_verb(
    text: str, phrase: str, headline: str
) -> None:
    found = headlines(text)
    assert found[phrase] == headline
    assert all("," not in h for h in found.values())


@pytest.mark.parametrize(
    ("text", "phrase", "headline"),
    [
        # a participle right after its noun, with the verb of the clause after it
        ("The man arrested on Saturday was released in 2004.", "2004", "The man is released"),
        # the time dates the participle: the acquisition, not the collapse
        ("A firm acquired by Acme in 2004 collapsed.", "2004", "A firm is acquired by Acme"),
        (
            "Net income for the six months ended Oct. 1 slipped 5%.",
            "Oct. 1",
            "Net income slips 5%",
        ),
        (
            "Police said the land claimed by Palestinians was seized in 1967.",
            "1967",
            "The land claimed by Palestinians is seized",
        ),
        # ... but not when it is the verb of the clause
        ("Smith stood by the door in 2004.", "2004", "Smith stands by the door"),
        ("The army attacked on Monday and was repelled.", "Monday", "The army attacks"),
        (
            "Since 1990 there has been a trend toward peace.",
            "1990",
            "There has been a trend toward peace",
        ),
    ],
)
def test_reduced_relatives_without_commas(text: str, phrase: str, headline: str) -> None:
    assert headlines(text)[phrase] == headline


def test_one_plural_test_for_clauses_and_headlines() -> None:
    from chrono.resources.lexicon import lexicon

    lex = lexicon()
    assert [lex.looks_plural(w) for w in ("engineers", "crisis", "news", "police", "bus")] == [
        True,
        False,
        False,
        True,
        False,
    ]
    assert lex.singulars("matches") == ["match", "matche"]


# ---------------------------------------------------------------- ages


def test_age_headline_uses_the_age_the_tagger_read() -> None:
    doc = Doc("Her 8-month-old daughter was born in Oslo.").at(
        "8-month-old", kind=Kind.AGE, age=Duration(G.MONTH, 8)
    )
    (event,) = doc.events()
    assert event.headline == "Her daughter is 8 months old"
    one = Doc("The foal, 1, won in 2004.").at("1", kind=Kind.AGE, age=1).events()[0]
    assert one.headline == "The foal is 1"


def test_an_age_without_an_amount_gives_the_clause_headline() -> None:
    doc = Doc("The winner, 55, hit out at critics.").at("55", kind=Kind.AGE)
    (event,) = doc.events()
    assert event.headline == "The winner hits out at critics"


def test_age_events_happen_at_the_reference_time() -> None:
    result = analyze_text("The Oscar winner, 55, hit out at critics on Monday.", dct="2021-03-03")
    by_text = {m.text: m for m in result.mentions}
    age = next(e for e in result.events if by_text["55"].id in e.mention_ids)
    monday = next(e for e in result.events if by_text["Monday"].id in e.mention_ids)
    day = unit_span(CalendarValue(G.DAY, year=2021, month=3, day=3))
    assert day is not None
    assert age.headline == "The Oscar winner is 55"
    assert age.time.edtf == "2021-03-03"
    assert age.time.granularity is G.DAY
    assert not age.time.approximate
    assert age.time.display == by_text["55"].resolution.display
    bounds = age.time.bounds
    assert (bounds.earliest_start, bounds.latest_start) == day
    assert (bounds.earliest_end, bounds.latest_end) == day
    # it sorts with the document date, after the Monday before it, not at the birth year
    assert monday.time.bounds.latest_end is not None
    assert monday.time.bounds.latest_end < bounds.earliest_start


def test_an_age_without_a_reference_time_stays_undated() -> None:
    time = extract.age_time(
        Resolution(
            Timex3(TimexType.DURATION, "P55Y"),
            None,
            Bounds(),
            G.YEAR,
            True,
            Anchor(AnchorKind.NONE),
            "aged 55",
        )
    )
    assert time.bounds.empty and time.edtf is None and time.display == "aged 55"


# ---------------------------------------------------------------- pronouns


def test_pronoun_resolves_to_the_last_named_subject() -> None:
    doc = Doc(
        "Senator Maria Lopez visited the plant. Workers cheered. In 2015 she founded a charity."
    ).at("2015")
    (event,) = doc.events()
    assert event.headline == "Lopez founds a charity"
    assert event.subject == "Maria Lopez"


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


def test_pronoun_in_quoted_speech() -> None:
    # A third person in a quote is someone the text has named; the speaker's "I" is not.
    doc = Doc("Maria Lopez spoke first. “She left in 1990,” a neighbour said.").at("1990")
    (event,) = doc.events()
    assert event.subject == "Maria Lopez"
    doc = Doc("Maria Lopez spoke first. “I left in 1990,” a neighbour said.").at("1990")
    (event,) = doc.events()
    assert event.subject == "I"


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
    assert {m for e in found for m in e.mention_ids} == {"doc:t1", "doc:t2", "doc:t3"}


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
    found = extract.extract_events(document, doc.mentions, [(13, len(text))])
    assert [e.headline for e in found] == ["Header", "The bridge is completed"]
    assert [e.headline for e in extract.extract_events(document, doc.mentions, [])] == [
        "Header",
        "The bridge is completed",
    ]


def test_no_mentions_no_events() -> None:
    assert extract.extract_events(Document("d", "d", "Nothing here."), [], [(0, 13)]) == ()


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
            Spec(
                TimexType.DATE,
                rng.choice(list(Kind)),
                duration=rng.choice([None, Duration(G.YEAR, None), Duration(G.MONTH, 8.0)]),
            ),
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
        found = extract.extract_events(Document("d", "d.txt", text), mentions, spans)
        covered = {m for e in found for m in e.mention_ids}
        # every mention is in an event, but a date line and an amount of time that dates
        # no clause ("her husband of 20 years")
        assert covered <= {m.id for m in mentions}
        assert covered or all(m.tag.spec.kind is Kind.DURATION for m in mentions)
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
    # 40 x "2006" and 40 x "That year", which also dates the predicate coordinated with
    # "teamed up" ("and was named ..."): the hand-made mentions leave out "four years later".
    assert len(found) == 120
    assert found[1].headline == "Marlow teams up with Oxfam International"


# ---------------------------------------------------------------- language resources


def test_resources_are_read_through_one_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chrono.errors import ResourceError
    from chrono.resources import loader

    root = tmp_path
    (root / "xx" / "events").mkdir(parents=True)
    (root / "xx" / "events" / "good.toml").write_text('words = ["a", "b"]\n', encoding="utf-8")
    (root / "xx" / "events" / "bad.toml").write_text("words = [\n", encoding="utf-8")
    monkeypatch.setattr(loader, "_path", lambda code, relative: root / code / relative.strip("/"))
    first = loader.load_toml("xx", "events/good.toml")
    assert first == {"words": ["a", "b"]}
    first["words"].append("c")  # a caller's edit stays with that caller
    assert loader.load_toml("xx", "events/good.toml") == {"words": ["a", "b"]}
    assert loader.toml_files("xx", "events") == ("events/bad.toml", "events/good.toml")
    assert loader.has_resource("xx", "events/good.toml")
    assert not loader.has_resource("xx", "events/none.toml")
    with pytest.raises(ResourceError, match=r"xx/events/bad\.toml: not valid TOML"):
        loader.load_toml("xx", "events/bad.toml")
    with pytest.raises(ResourceError, match=r"xx/events/none\.toml: no such file"):
        loader.load_toml("xx", "events/none.toml")
    with pytest.raises(ResourceError, match=r"xx/nothing: no such folder"):
        loader.toml_files("xx", "nothing")


def test_fold_is_the_comparison_form_of_words() -> None:
    from chrono.resources.loader import fold, squash

    assert fold("  Don’t \t Stop\nNOW ") == "don't stop now"
    assert squash("  Don’t \t Stop ") == "Don't Stop"
    assert fold("") == ""


def test_the_shipped_resources_load() -> None:
    from chrono.resources.lexicon import lexicon
    from chrono.resources.loader import load_toml, toml_files

    lex = lexicon()
    assert "a.m" in lex.abbr_final and "monday" in lex.abbr_continuations
    assert lex.morphology.past_forms("stop") == {"stoped", "stopped"}
    assert lex.guess_lemma("widened") == "widen" and lex.guess_lemma("created") == "create"
    assert lex.looks_adverb("swiftly") and not lex.looks_adverb("family")
    assert "events/verbs.toml" in toml_files("en", "events")
    assert "future_modals" in load_toml("en", "tense.toml")


# ---------------------------------------------------------------- several events, two times


def test_a_fronted_time_dates_every_coordinated_predicate() -> None:
    result = analyze_text("In 2004 she joined Amnesty International and founded a charity.")
    assert [(e.headline, e.trigger, e.time.edtf) for e in result.events] == [
        ("She joins Amnesty International", "joined", "2004"),
        ("She founds a charity", "founded", "2004"),
    ]
    assert result.events[0].mention_ids == result.events[1].mention_ids
    assert result.events[1].sources[0].quote == "founded a charity"


def test_a_predicate_with_its_own_time_keeps_it() -> None:
    result = analyze_text(
        "That year, she joined Amnesty International, and was appointed Ambassador of "
        "Goodwill by the United Nations five years later."
    )
    assert [e.trigger for e in result.events] == ["joined", "appointed"]
    assert [len(e.mention_ids) for e in result.events] == [1, 1]


def test_a_start_and_an_end_told_of_one_trigger_make_one_event() -> None:
    result = analyze_text("He ran the company from 2001, through a long merger, until 2005.")
    (event,) = result.events
    assert event.time.edtf == "2001/2005" and len(event.mention_ids) == 2
    assert event.trigger == "ran"


@pytest.mark.parametrize(
    ("text", "phrase", "trigger"),
    [
        ("He had rejected it following the August 1988 cease-fire.", "August 1988", "cease-fire"),
        ("Clinton welcomed the figures at a news conference Friday.", "Friday", "conference"),
        ("Albright announced plans to travel to Ohio next week.", "next week", "travel"),
        ("Australia has been independent since 1901.", "1901", "independent"),
        ("She launched her campaign in 2006.", "2006", "launched"),
    ],
)
def test_the_trigger_is_the_word_the_time_dates(text: str, phrase: str, trigger: str) -> None:
    (event,) = Doc(text).at(phrase).events()
    assert event.trigger == trigger
