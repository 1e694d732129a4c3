"""Merging reports of one happening, contradictions, and the constraint view across documents
(chrono.timeline.merge, chrono.timeline.consistency, chrono.run.pipeline.build_timeline).
Documents written for the tests, plus the demo in seeds/."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from chrono.render.json_export import timeline_to_dict
from chrono.run.pipeline import analyze, build_timeline, reconstruct
from chrono.text import documents
from chrono.timeline import merge
from chrono.times.values import point_bounds
from chrono.types import (
    Bounds,
    CalendarValue,
    DctSource,
    Event,
    EventTime,
    Granularity,
    Source,
    Timeline,
)

G = Granularity
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def timeline(*texts: tuple[str, str, str | None]) -> Timeline:
    """Documents (id, text, date or None) analysed and put on one timeline."""
    results = []
    for doc_id, text, date in texts:
        dct = CalendarValue(G.DAY, *map(int, date.split("-"))) if date else None
        results.append(analyze(documents.document_from_text(text, doc_id, dct=dct)))
    return build_timeline(results)


def about(found: Timeline, word: str) -> list[Event]:
    return [e for e in found.events if word in e.headline]


# ---------------------------------------------------------------- the cases


def test_three_reports_two_agreeing_dates_and_one_disagreeing() -> None:
    found = timeline(
        (
            "a",
            "Anna Kessler founded the Kessler Foundation in 1998, the charity says.",
            "2020-01-10",
        ),
        (
            "b",
            "The teacher Anna Kessler spoke. Kessler founded the Kessler Foundation in 1998 "
            "with her brother.",
            "2021-03-02",
        ),
        ("c", "In 1999, Anna Kessler founded the Kessler Foundation.", "2019-05-05"),
    )
    (event,) = about(found, "founds the Kessler Foundation")
    assert sorted(s.doc_id for s in event.sources) == ["a", "b", "c"]
    assert sorted(s.stated_edtf or "" for s in event.sources) == ["1998", "1998", "1999"]
    assert event.time.edtf == "1998"  # the agreeing majority; the other claim is kept, not averaged
    (contradiction,) = found.contradictions
    assert event.contradiction_ids == (contradiction.id,)
    assert contradiction.event_id == event.id and contradiction.kind == "date"
    assert sorted((c.doc_id, c.edtf) for c in contradiction.claims) == [
        ("a", "1998"),
        ("b", "1998"),
        ("c", "1999"),
    ]
    assert "1998" in contradiction.reason and "1999" in contradiction.reason
    assert 0 < event.merge_confidence < 1


def test_two_unrelated_events_in_the_same_year_stay_apart() -> None:
    found = timeline(
        ("a", "Anna Kessler founded the Kessler Foundation in 2004.", "2005-01-01"),
        (
            "b",
            "Paul Brenner joined the city council in 2004. Anna Kessler married Tom Hale in "
            "2004. Acme acquired Beta in 2004.",
            "2005-01-01",
        ),
        ("c", "Gamma acquired Delta in 2004.", "2005-01-01"),
    )
    assert len(found.events) == 5
    assert all(len(e.sources) == 1 and e.merge_confidence == 1.0 for e in found.events)
    assert found.contradictions == ()


def test_the_demo_shows_the_2009_appointment_once_with_two_sources() -> None:
    found = reconstruct(SEEDS)
    appointed = [e for e in found.events if "Ambassador" in e.headline]
    (event,) = appointed
    assert len(event.sources) == 2 and len(set(event.doc_ids)) == 2
    assert event.time.edtf == "2009"
    assert {s.stated_edtf for s in event.sources} == {"2009", "2009/.."}
    assert 0.5 < event.merge_confidence <= 1
    assert event.subject == "Mira Sorvino"
    assert found.contradictions == ()


def test_the_demo_infers_document_000s_date_with_its_evidence() -> None:
    found = reconstruct(SEEDS)
    (doc,) = [d for d in found.documents if d.document.id.startswith("000")]
    dct = doc.document.dct
    assert dct is not None and dct.source is DctSource.INFERRED
    assert dct.value.granularity is G.YEAR and dct.value.year == 2014
    assert 'roughly a decade now"' in dct.evidence and '"2004"' in dct.evidence
    data = timeline_to_dict(found)
    (exported,) = [d for d in data["documents"] if d["id"] == doc.document.id]
    assert exported["dct"]["source"] == "inferred" and exported["dct"]["value"] == "2014"


# ---------------------------------------------------------------- contradictions


def test_overlapping_uncertain_bounds_are_no_contradiction() -> None:
    found = timeline(
        ("a", "Anna Kessler was born around 1998.", "2020-01-01"),
        ("b", "Sources say Anna Kessler was born in 1999.", "2020-01-01"),
    )
    (event,) = about(found, "born")
    assert len(event.sources) == 2
    assert found.contradictions == ()


def test_an_end_before_its_start_is_a_contradiction() -> None:
    found = timeline(
        ("a", "The bridge was closed from 1970 to 1964, officials said.", "2020-01-01")
    )
    (event,) = found.events
    (contradiction,) = found.contradictions
    assert contradiction.kind == "order" and event.contradiction_ids == (contradiction.id,)
    assert [c.edtf for c in contradiction.claims] == ["1970", "1964"]


def test_an_age_that_contradicts_a_stated_birth_year() -> None:
    found = timeline(
        ("a", "Mira Sorvino, 55, hit out at the trade.", "2023-07-15"),
        ("b", "Mira Sorvino was born in 1960 in New York.", None),
    )
    (contradiction,) = found.contradictions
    assert contradiction.kind == "age"
    assert {c.doc_id for c in contradiction.claims} == {"a", "b"}
    (age,) = about(found, "is 55")
    assert age.contradiction_ids == (contradiction.id,)


def test_an_age_and_a_birth_elsewhere_date_an_undated_document() -> None:
    found = timeline(
        ("a", "Mira Sorvino, 55, hit out at the trade.", None),
        ("b", "Mira Sorvino was born in 1967 in New York.", None),
    )
    dct = next(d.document.dct for d in found.documents if d.document.id == "a")
    assert dct is not None and dct.source is DctSource.INFERRED and dct.value.year == 2022
    assert '"55"' in dct.evidence and '"1967"' in dct.evidence
    assert found.contradictions == ()


def test_the_same_event_told_twice_in_one_document_is_one_event() -> None:
    found = timeline(
        (
            "a",
            "Anna Kessler founded the Kessler Foundation in 1998. Critics say Kessler founded "
            "the Kessler Foundation in 1998 for tax reasons.",
            "2020-01-01",
        ),
    )
    (event,) = about(found, "founds the Kessler Foundation")
    assert len(event.sources) == 2 and event.doc_ids == ("a",)


# ---------------------------------------------------------------- keys and scale


def event(n: int, headline: str, subject: str, trigger: str, year: int) -> Event:
    bounds = point_bounds(CalendarValue(G.YEAR, year=year))
    time_ = EventTime(str(year), str(year), G.YEAR, False, bounds)
    source = Source(f"d{n}", f"d{n}:m1", headline, 0, len(headline), str(year))
    return Event(
        f"d{n}:e1", headline, trigger, subject, (f"d{n}",), (f"d{n}:m1",), time_, (source,)
    )


def test_compact_keys_and_aliases() -> None:
    a = merge.profile(
        0, event(0, "Sorvino is appointed Ambassador", "Mira Sorvino", "appointed", 2009), {}
    )
    b = merge.profile(1, event(1, "Mira has been an Ambassador", "Mira", "been", 2009), {})
    assert a.lemma == "appoint" and b.lemma == "be" and "role" in a.classes & b.classes
    assert merge.names_agree(a.subject, b.subject)
    assert not merge.names_agree(frozenset({"mira", "nair"}), frozenset({"mira", "sorvino"}))
    match = merge.compare(a, b)
    assert match is not None and match.agree
    undated = merge.profile(
        2,
        Event(
            "x",
            "It happened",
            None,
            None,
            ("x",),
            (),
            EventTime(None, "?", None, False, Bounds()),
            (),
        ),
        {},
    )
    assert merge._keys(undated) == []  # nothing to block on: never compared


def test_merging_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    # 20,000 events of 2,000 people: blocking bounds the comparisons by N x keys x window,
    # where all pairs would be 200 million.
    events = [
        event(
            n,
            f"Person{n % 2000} founds Company{n % 2000}",
            f"Person{n % 2000} Smith",
            "founded",
            1900 + n % 97,
        )
        for n in range(20_000)
    ]
    compared = 0
    real = merge.compare

    def counting(a: merge.Profile, b: merge.Profile) -> merge.Match | None:
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(merge, "compare", counting)
    groups = merge.merge_events(events, {})
    assert compared <= len(events) * merge._KEYS * merge._WINDOW
    assert compared < len(events) * (len(events) - 1) // 2 // 100  # under 1% of all pairs
    assert len(groups) < len(events)
    assert sorted(i for g in groups for i in g.members) == list(range(len(events)))


@pytest.mark.parametrize("year_b, agree", [(2009, True), (2010, False)])
def test_once_only_happenings_with_other_dates_merge_as_a_disagreement(
    year_b: int, agree: bool
) -> None:
    a = merge.profile(
        0,
        event(0, "Anna Kessler founds the Kessler Foundation", "Anna Kessler", "founded", 2009),
        {},
    )
    b = merge.profile(
        1, event(1, "Kessler founds the Kessler Foundation", "Kessler", "founded", year_b), {}
    )
    match = merge.compare(a, b)
    assert match is not None and match.agree is agree
    visit_a = merge.profile(
        2, event(2, "Anna Kessler visits Rome", "Anna Kessler", "visited", 2009), {}
    )
    visit_b = merge.profile(
        3, event(3, "Anna Kessler visits Rome", "Anna Kessler", "visited", 2012), {}
    )
    assert merge.compare(visit_a, visit_b) is None  # a repeatable happening: two visits


def test_merged_events_and_contradictions_validate_against_the_schema() -> None:
    import jsonschema

    from chrono.render.json_export import schema, timeline_to_dict

    found = timeline(
        ("a", "Anna Kessler founded the Kessler Foundation in 1998.", "2020-01-10"),
        ("b", "In 1999, Anna Kessler founded the Kessler Foundation.", "2019-05-05"),
        ("c", "She has run it for 12 years now, since 2009. Last winter she left.", None),
    )
    data = timeline_to_dict(found, created="2024-01-01T00:00:00Z")
    jsonschema.validate(data, schema())
    (event,) = [e for e in data["events"] if len(e["sources"]) == 2]
    assert event["contradiction_ids"] == [data["contradictions"][0]["id"]]
    assert {d["id"]: d["dct"]["source"] for d in data["documents"]}["c"] == "inferred"


# ---------------------------------------------------------------- distinct sources (issue 16)


def _told(doc: int, n: int, year: int, sentence: int) -> Event:
    """A report of the founding in document `doc`, as mention n of the given sentence."""
    base = event(doc, "Kessler founds the Kessler Foundation", "Kessler", "founded", year)
    mention = f"d{doc}:m{n}"
    source = replace(base.sources[0], mention_id=mention, start=10 * n, sentence=sentence)
    return replace(base, id=f"d{doc}:e{n}", mention_ids=(mention,), sources=(source,))


def _merged(*events: Event) -> merge.Group:
    (group,) = merge.merge_events(events, {})
    return group


def test_one_sentence_dated_twice_is_one_source() -> None:
    group = _merged(_told(1, 1, 1998, sentence=4), _told(1, 2, 1998, sentence=4))
    assert len(group.event.sources) == 1 and len(group.event.mention_ids) == 2
    apart = _merged(_told(1, 1, 1998, sentence=4), _told(1, 2, 1998, sentence=9))
    assert [s.sentence for s in apart.event.sources] == [4, 9]


def test_a_contradiction_counts_each_sentence_once() -> None:
    group = _merged(_told(1, 1, 1998, 4), _told(1, 2, 1998, 4), _told(2, 1, 1999, 2))
    assert group.contradiction is not None
    assert [c.mention_id for c in group.contradiction.claims] == ["d1:m1", "d2:m1"]
