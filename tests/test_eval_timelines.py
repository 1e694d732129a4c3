"""The SemEval-2015 Task 4 timeline scorer, the MEANTIME reader and the events report.

Everything runs on the small fixtures in tests/fixtures/eval/timelines/ (two trial-style
TimeML articles, their MEANTIME-style copies, two gold timelines) and on Timelines built
here: the pipeline is not run. Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chrono.eval import events_report as er
from chrono.eval import meantime as mt
from chrono.eval import timelines as tl
from chrono.eval.timelines import BEFORE, SIMULTANEOUS, Relation
from chrono.text import documents
from chrono.types import (
    Bounds,
    DocType,
    Document,
    DocumentResult,
    Entity,
    Event,
    EventTime,
    Participant,
    Source,
    Timeline,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval" / "timelines"
GOLD = FIXTURES / "gold"
TRIAL = FIXTURES / "trial"
MEANTIME = FIXTURES / "meantime"


def timeline_of(*rows: tuple[int, str, str]) -> tl.EntityTimeline:
    """(rank, date, "id id ...") rows -> a timeline."""
    entries = tuple(tl.TimelineEntry(rank, date, tuple(ids.split())) for rank, date, ids in rows)
    return tl.EntityTimeline("X", entries)


# --- reading and writing timelines ------------------------------------------------------------


def test_read_gold_timeline() -> None:
    alpha = tl.read_timeline(GOLD / "alpha_corp.txt")
    assert alpha.entity == "Alpha Corp"
    assert alpha.entries[0] == tl.TimelineEntry(0, "XXXX-XX-XX", ("200-3-said",))
    assert alpha.entries[2] == tl.TimelineEntry(2, "2005-06", ("100-3-sold", "200-2-sale"))
    assert alpha.event_ids == (
        "200-3-said",
        "100-2-founded",
        "100-3-sold",
        "200-2-sale",
        "200-2-announced",
        "200-3-court_case",
    )
    assert sorted(tl.read_timelines(GOLD)) == ["alpha_corp", "beta_widget"]


def test_the_gold_typo_9590_is_read_as_9509() -> None:
    read = tl.parse_timeline("iTunes store\n7\t2007-09-05\t9590-10-Access\n")
    assert read.entries[0].event_ids == ("9509-10-access",)


def test_write_then_read_is_the_same_timeline(tmp_path: Path) -> None:
    alpha = tl.read_timeline(GOLD / "alpha_corp.txt")
    tl.write_timeline(alpha, tmp_path / "a.txt")
    assert tl.read_timeline(tmp_path / "a.txt") == alpha
    assert tl.format_timeline(alpha).splitlines()[3] == "2\t2005-06\t100-3-sold\t200-2-sale"


def test_event_ids() -> None:
    assert tl.event_id("4954", 2, ["Court", "case"]) == "4954-2-court_case"
    assert tl.split_event_id("16900-2-pre-orders") == ("16900", 2, "pre-orders")


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "normal"),
    [
        ("2008-06-09", "2008-06-09"),
        ("2008-03-XX", "2008-03"),
        ("2010-XX-XX", "2010"),
        ("1968", "1968"),
        ("XXXX-XX-XX", None),
        ("XXX-XX-XX", None),  # the gold's typo in iphone_3g.txt
    ],
)
def test_normalize_date(date: str, normal: str | None) -> None:
    assert tl.normalize_date(date) == normal


@pytest.mark.parametrize(
    ("edtf", "date"),
    [
        ("2008-06-09", "2008-06-09"),
        ("2008-06-09T10:30", "2008-06-09"),
        ("2008-06", "2008-06"),
        ("2004~", "2004"),
        ("2008-21", "2008"),  # spring 2008: the year
        ("2004/2006", "2004"),
        ("2004-06/..", "2004-06"),
        ("../2004", "XXXX-XX-XX"),
        ("198X", "XXXX-XX-XX"),
        (None, "XXXX-XX-XX"),
    ],
)
def test_task_date(edtf: str | None, date: str) -> None:
    assert tl.task_date(edtf) == date


def test_dates_agree_at_the_golds_granularity() -> None:
    assert tl.dates_agree("2008-06-09", "2008-06")
    assert tl.dates_agree("2008-06", "2008-06-XX")
    assert not tl.dates_agree("2008", "2008-06")
    assert not tl.dates_agree("2008-07-01", "2008-06")
    assert tl.dates_agree("XXXX-XX-XX", "XXXX-XX-XX")
    assert not tl.dates_agree("2008", "XXXX-XX-XX")


def test_rank_events_same_value_same_rank_undated_first() -> None:
    ranked = tl.rank_events(
        "X",
        [
            ("2006-03-28", ["d"]),
            ("XXXX-XX-XX", ["u"]),
            ("2006", ["a"]),
            ("2006-03", ["b"]),
            ("2006-03-28", ["c"]),
            ("2007", []),  # no id: no line
            ("2008", ["c"]),  # listed already: no line
            ("2009", ["e"]),
        ],
    )
    assert [(e.rank, e.date, e.event_ids) for e in ranked.entries] == [
        (0, "XXXX-XX-XX", ("u",)),
        (1, "2006", ("a",)),
        (2, "2006-03", ("b",)),
        (3, "2006-03-28", ("d",)),
        (3, "2006-03-28", ("c",)),
        (4, "2009", ("e",)),  # ranks stay dense
    ]


# --- the temporal graph -----------------------------------------------------------------------


def test_closure_of_before_and_simultaneous() -> None:
    graph = tl.TemporalGraph(
        [
            Relation("a", "b", BEFORE),
            Relation.of("c", "b", SIMULTANEOUS),
            Relation("c", "d", BEFORE),
        ]
    )
    assert graph.closure() == {
        Relation("a", "b", BEFORE),
        Relation("a", "c", BEFORE),
        Relation("a", "d", BEFORE),
        Relation("b", "d", BEFORE),
        Relation("c", "d", BEFORE),
        Relation("b", "c", SIMULTANEOUS),
    }
    assert graph.entails(Relation("a", "d", BEFORE))
    assert not graph.entails(Relation("d", "a", BEFORE))
    assert not graph.entails(Relation("a", "z", BEFORE))  # z is no node


def test_a_contradiction_is_kept_aside() -> None:
    graph = tl.TemporalGraph()
    assert graph.add(Relation("a", "b", BEFORE))
    assert graph.add(Relation("b", "c", BEFORE))
    assert not graph.add(Relation.of("a", "c", SIMULTANEOUS))
    assert not graph.add(Relation("c", "a", BEFORE))
    assert len(graph.violated) == 2
    assert not graph.entails(Relation.of("a", "c", SIMULTANEOUS))


def test_reduction_drops_implied_links() -> None:
    graph = tl.TemporalGraph(
        [Relation("a", "b", BEFORE), Relation("b", "c", BEFORE), Relation("a", "c", BEFORE)]
    )
    assert graph.reduction_edges() == sorted(
        [(graph.root("a"), graph.root("b")), (graph.root("b"), graph.root("c"))]
    )
    assert graph.reduced_size() == 2


def test_relations_a_timeline_implies() -> None:
    alpha = tl.read_timeline(GOLD / "alpha_corp.txt")
    assert tl.timeline_relations(alpha) == [
        Relation.of("100-3-sold", "200-2-sale", SIMULTANEOUS),
        Relation.of("200-2-sale", "200-2-announced", SIMULTANEOUS),
        Relation("200-3-said", "100-2-founded", BEFORE),
        Relation("100-2-founded", "100-3-sold", BEFORE),
        Relation("100-3-sold", "200-3-court_case", BEFORE),
        Relation.of("100-2-founded", "date:2001", SIMULTANEOUS),
        Relation.of("100-3-sold", "date:2005-06", SIMULTANEOUS),
        Relation.of("200-2-sale", "date:2005-06", SIMULTANEOUS),
        Relation.of("200-2-announced", "date:2005-06", SIMULTANEOUS),
        Relation.of("200-3-court_case", "date:2005-06-20", SIMULTANEOUS),
    ]
    # Rank 0 out of the order: "said" (undated) has no relation at all.
    apart = tl.timeline_relations(alpha, order_unanchored=False)
    assert all("200-3-said" not in (r.source, r.target) for r in apart)
    assert len(apart) == len(tl.timeline_relations(alpha)) - 1


def test_a_timeline_closure() -> None:
    closure = set(tl.iter_relations(timeline_of((1, "2001", "a"), (2, "XXXX-XX-XX", "b"))))
    assert closure == {
        Relation("a", "b", BEFORE),
        Relation("date:2001", "b", BEFORE),
        Relation.of("a", "date:2001", SIMULTANEOUS),
    }


# --- temporal awareness -----------------------------------------------------------------------


def test_gold_against_itself_is_perfect() -> None:
    alpha = tl.read_timeline(GOLD / "alpha_corp.txt")
    scores = tl.temporal_awareness(alpha, alpha)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_temporal_awareness_by_hand() -> None:
    # Gold: classes A={a, 2001}, B={b, c, 2005}, A BEFORE B. Reduced: 1 + 2 + 1 = 4.
    gold = timeline_of((1, "2001", "a"), (2, "2005", "b c"))
    # System: {a, 2001} < {b, 2005} < {c, 2006}. Reduced: 1 + 1 + 1 + 2 = 5.
    system = timeline_of((1, "2001", "a"), (2, "2005", "b"), (3, "2006", "c"))
    scores = tl.temporal_awareness(system, gold)
    # Precision: {a,2001} and {b,2005} in one gold class each (2); {c,2006}: 2006 is no gold
    # node (0); a<b confirmed (1); {b,2005}<{c,2006}: b and c are gold-simultaneous (0): 3/5.
    assert (scores.precision_matched, scores.system_relations) == (3, 5)
    # Recall: {a,2001} (1); {b,c,2005} lies in two system classes: 3 - 2 = 1 of 2;
    # A<B confirmed (1): 3/4.
    assert (scores.recall_matched, scores.gold_relations) == (3, 4)
    assert scores.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_a_date_shared_by_two_ranks() -> None:
    # Gold orders a before b on one date: SIM(b, date) contradicts and stays in the reduced
    # graph: {a, d} (1) + a<b (1) + the contradiction (1) = 3.
    gold = timeline_of((1, "2005", "a"), (2, "2005", "b"))
    assert tl.temporal_awareness(gold, gold).f1 == 1.0
    # System: one class {a, b, d}, 2 links, one of which stays inside a gold class: P 1/2.
    # Recall: {a,d} (1), a<b not confirmed (0), SIM(b,d) confirmed (1): 2/3.
    system = timeline_of((1, "2005", "a b"))
    scores = tl.temporal_awareness(system, gold)
    assert (scores.precision_matched, scores.system_relations) == (1, 2)
    assert (scores.recall_matched, scores.gold_relations) == (2, 3)


def test_line_order_does_not_matter() -> None:
    gold = timeline_of((1, "2001", "a"), (2, "2005", "b c"), (3, "2006", "d"))
    system = timeline_of((2, "2005", "c"), (1, "2001", "a d"), (2, "2005", "b"))
    shuffled = timeline_of((1, "2001", "d a"), (2, "2005", "b"), (2, "2005", "c"))
    assert tl.temporal_awareness(system, gold) == tl.temporal_awareness(shuffled, gold)


def test_score_timelines_is_micro_over_entities() -> None:
    gold = {
        "g1": timeline_of((1, "2001", "a"), (2, "2005", "b c")),
        "g2": timeline_of((1, "2001", "x")),
    }
    system = {"g1": timeline_of((1, "2001", "a"), (2, "2005", "b"), (3, "2006", "c"))}
    scores = tl.score_timelines(system, gold)
    # g2 has no system timeline: 0 of its 1 relation recalled.
    assert scores.per_entity["g2"] == tl.Awareness(0, 0, 0, 1)
    assert scores.overall == tl.Awareness(3, 5, 3, 5)
    assert scores.overall.recall == pytest.approx(0.6)


def test_a_one_word_trigger_takes_the_golds_multiword_id() -> None:
    gold = timeline_of((1, "2006", "4954-2-court_case"), (2, "2007", "4954-3-lost"))
    system = timeline_of((1, "2006", "4954-2-court"), (2, "2007", "4954-3-lost 4954-4-won"))
    aligned = tl.align_ids(system, gold)
    assert aligned.event_ids == ("4954-2-court_case", "4954-3-lost", "4954-4-won")
    assert tl.score_timelines({"k": system}, {"k": gold}, align=False).overall.precision < 1
    assert tl.score_timelines({"k": system}, {"k": gold}).overall.recall == 1.0


# --- dated events -----------------------------------------------------------------------------


def test_dated_event_counts() -> None:
    gold = timeline_of((0, "XXXX-XX-XX", "u"), (1, "2008-06", "a b"), (2, "2009", "c"))
    system = timeline_of((0, "XXXX-XX-XX", "c"), (1, "2008-06-09", "a"), (2, "2008", "b z"))
    counts = tl.event_counts(system, gold)
    # matched a, b, c; dates: a agrees (finer), b too coarse, c undated for a dated gold.
    assert counts == tl.EventCounts(system=4, gold=4, matched=3, dated=1)
    assert (counts.precision, counts.recall, counts.date_accuracy) == (0.75, 0.75, 1 / 3)
    assert counts.dated_precision == 0.25
    total = tl.dated_event_scores({"k": system}, {"k": gold, "m": timeline_of((1, "2001", "q"))})
    assert total.overall == tl.EventCounts(4, 5, 3, 1)


# --- sanity baselines -------------------------------------------------------------------------


def test_baselines_from_gold() -> None:
    alpha = tl.read_timeline(GOLD / "alpha_corp.txt")
    by_date = tl.rerank_by_date(alpha)
    assert [(e.rank, e.date) for e in by_date.entries] == [
        (0, "XXXX-XX-XX"),
        (1, "2001"),
        (2, "2005-06"),
        (2, "2005-06"),
        (3, "2005-06-20"),
    ]
    assert {e.rank for e in tl.single_rank(alpha).entries} == {1}
    published = tl.at_publication_dates(alpha, {"100": "2005-06-10", "200": "2005-06-21"})
    assert [(e.rank, e.date, e.event_ids) for e in published.entries][:2] == [
        (1, "2005-06-10", ("100-2-founded",)),
        (1, "2005-06-10", ("100-3-sold",)),
    ]
    assert {e.date for e in published.entries[2:]} == {"2005-06-21"}


# --- chrono's input and output ----------------------------------------------------------------


@pytest.fixture
def prepared(tmp_path: Path) -> dict[str, tl.PreparedDoc]:
    return tl.prepare_documents(TRIAL, tmp_path / "texts")


def test_prepare_documents_writes_what_chrono_reads(prepared: dict[str, tl.PreparedDoc]) -> None:
    assert sorted(prepared) == ["100", "200"]
    doc = prepared["200"]
    assert doc.name == "200_Alpha_sells" and doc.dct == "2005-06-21"
    assert doc.path.read_text(encoding="utf-8") == doc.text
    assert doc.text.endswith("Beta will ship in 2006 .\n")
    read = next(documents.iter_documents([str(doc.path)]))
    assert not isinstance(read, Exception)
    assert read.id == "200" and read.title == "Alpha sells Beta unit"
    assert read.dct is not None and (read.dct.value.year, read.dct.value.day) == (2005, 21)
    assert read.text[read.body_start :].startswith("June 21 , 2005\nAlpha announced")
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text


def test_offsets_map_back_to_event_ids(prepared: dict[str, tl.PreparedDoc]) -> None:
    doc = prepared["200"]
    court = doc.text.index("court case")
    assert doc.event_id(court, court + len("court")) == "200-3-court"
    assert doc.event_id(court, court + len("court case")) == "200-3-court_case"
    assert doc.event_id(court + 1, court + 3) == "200-3-court"  # inside a token
    assert doc.event_id(0, 3) is None  # the front matter holds no token
    said = doc.tokens_in(doc.text.index("said"), doc.text.index("said") + 4)
    assert [(t.sentence, t.index, t.text) for t in said] == [(3, 1, "said")]


def _span(doc: tl.PreparedDoc, words: str) -> tuple[int, int]:
    """The first `words` of the body (the front matter holds the title's words too);
    "Alpha<sold" is the "Alpha" that starts the first "Alpha sold"."""
    words, _, context = words.partition("<")
    start = doc.text.index(f"{words} {context}".strip(), doc.text.index("---\n", 3) + 4)
    return start, start + len(words)


def _event(
    event_id: str,
    edtf: str | None,
    triggers: list[tuple[tl.PreparedDoc, str]],
    participants: list[tuple[tl.PreparedDoc, str, str | None]],
) -> Event:
    sources = []
    for doc, words in triggers:
        start, end = _span(doc, words)
        sources.append(Source(doc.doc_id, f"{doc.doc_id}:m1", words, start, end, edtf, start, end))
    people = []
    for doc, words, entity in participants:
        start, end = _span(doc, words)
        text = doc.text[start:end]
        people.append(Participant("agent", text, start, end, doc.doc_id, entity, "ORG"))
    return Event(
        id=event_id,
        headline=event_id,
        trigger=None,
        subject=None,
        doc_ids=tuple(dict.fromkeys(s.doc_id for s in sources)),
        mention_ids=(),
        time=EventTime(edtf, edtf or "", None, False, Bounds()),
        sources=tuple(sources),
        participants=tuple(people),
    )


def _chrono_timeline(docs: dict[str, tl.PreparedDoc]) -> Timeline:
    """What chrono could give on the fixtures: the sale told by both documents is one event."""
    a, b = docs["100"], docs["200"]
    alpha = Entity("x1", "Alpha Corp", "ORG", ("Alpha",), ("100", "200"), 4)
    beta = Entity("x2", "Beta", "ORG", (), ("200",), 2)
    events = (
        _event("e1", "2001", [(a, "founded")], [(a, "Alpha Corp", "x1")]),
        _event(
            "e2",
            "2005-06",
            [(a, "sold"), (b, "sale")],
            [(a, "Alpha<sold", "x1"), (b, "Beta", "x2")],
        ),
        _event("e3", "2005-06-21", [(b, "announced")], [(b, "Alpha", "x1")]),
        _event("e4", "2005-06-20", [(b, "court")], [(b, "Lee", None)]),
        _event("e5", None, [(b, "said")], [(b, "Lee", "x9")]),
        _event("e6", "2006", [(b, "ship")], [(b, "Beta will", "x2")]),
    )
    document = Document(id="200", path=str(b.path), text=b.text)
    result = DocumentResult(document, DocType.NEWS, "", (), (), ())
    return Timeline((result,), events, entities=(alpha, beta))


def test_entity_timelines_from_a_chrono_timeline(prepared: dict[str, tl.PreparedDoc]) -> None:
    timeline = _chrono_timeline(prepared)
    found = tl.entity_timelines(timeline, ["Alpha Corp", "beta", "Nobody"], prepared)
    assert sorted(found) == ["alpha_corp", "beta", "nobody"]
    alpha = found["alpha_corp"]
    assert alpha.entity == "Alpha Corp"
    assert [(e.rank, e.date, e.event_ids) for e in alpha.entries] == [
        (1, "2001", ("100-2-founded",)),
        (2, "2005-06", ("100-3-sold", "200-2-sale")),
        (3, "2005-06-21", ("200-2-announced",)),
    ]
    # "beta" is the entity's name (case aside): the sale and the shipping.
    assert [e.event_ids for e in found["beta"].entries] == [
        ("100-3-sold", "200-2-sale"),
        ("200-4-ship",),
    ]
    assert found["nobody"].entries == ()
    # The file form of a target finds the same entity.
    assert tl.entity_timelines(timeline, ["alpha_corp"], prepared)["alpha_corp"].entries == (
        alpha.entries
    )


def test_entity_timeline_scored_against_gold(prepared: dict[str, tl.PreparedDoc]) -> None:
    system = tl.entity_timelines(_chrono_timeline(prepared), ["Alpha Corp"], prepared)
    gold = {"alpha_corp": tl.read_timeline(GOLD / "alpha_corp.txt")}
    events = tl.dated_event_scores(system, gold).overall
    # chrono: founded (2001 ok), sold and sale (2005-06 ok), announced (2005-06-21 within the
    # gold's 2005-06); it misses "said" and "court_case".
    assert events == tl.EventCounts(system=4, gold=6, matched=4, dated=4)
    scores = tl.score_timelines(system, gold).overall
    assert 0 < scores.precision <= 1 and 0 < scores.recall < 1


# --- MEANTIME ---------------------------------------------------------------------------------


@pytest.fixture
def meantime_docs() -> list[mt.MeantimeDocument]:
    return mt.read_meantime_dir(MEANTIME)


def test_read_meantime(meantime_docs: list[mt.MeantimeDocument]) -> None:
    first, second = meantime_docs
    assert (first.doc_id, first.title) == ("9100", "Alpha_founded")
    assert [(m.m_id, m.sentence, m.text, m.instance) for m in first.event_mentions] == [
        ("1", 0, "founded", "EV_FOUND"),
        ("2", 2, "founded", "EV_FOUND"),
        ("3", 3, "sold", "EV_SALE"),
    ]
    court = next(m for m in second.event_mentions if m.m_id == "5")
    assert (court.token_ids, court.text, court.label) == (("19", "20"), "court case", "court case")
    # An instance without instance_id belongs to its document; no REFERS_TO: no instance.
    assert next(m for m in second.event_mentions if m.m_id == "2").instance == "9200#21"
    assert next(m for m in second.event_mentions if m.m_id == "7").instance is None


def test_cross_document_event_clusters(meantime_docs: list[mt.MeantimeDocument]) -> None:
    clusters = sorted(sorted(c) for c in mt.event_clusters(meantime_docs))
    assert clusters == [
        [("9100", "1"), ("9100", "2")],
        [("9100", "3"), ("9200", "1"), ("9200", "3")],
        [("9200", "2")],
        [("9200", "4")],
        [("9200", "5")],
        [("9200", "6")],
        [("9200", "7")],
    ]


def test_entity_chains_stay_in_their_document(meantime_docs: list[mt.MeantimeDocument]) -> None:
    first, second = meantime_docs
    assert sorted(sorted(c) for c in mt.entity_chains(first)) == [
        [("9100", "4"), ("9100", "5"), ("9100", "6")],
        [("9100", "7")],
        [("9100", "8")],
    ]
    assert {("9200", "9"), ("9200", "11")} in mt.entity_chains(second)


def test_documents_match_by_title(meantime_docs: list[mt.MeantimeDocument]) -> None:
    found = mt.match_documents(["100_Alpha_founded", "200_Alpha_sells", "300_Gamma"], meantime_docs)
    assert {k: v.doc_id for k, v in found.items()} == {
        "100_Alpha_founded": "9100",
        "200_Alpha_sells": "9200",  # a prefix of "Alpha_sells_Beta_unit"
    }


def test_tokens_align_across_quote_spellings(meantime_docs: list[mt.MeantimeDocument]) -> None:
    words = (
        'June 10 , 2005 Alpha Corp was founded in 2001 by Ann Lee . Alpha sold its " Beta " unit'
    )
    aligned = mt.align_tokens(words.split(), meantime_docs[0])
    assert aligned[:2] == ["3", "4"]  # after the title, sentence 0
    assert aligned[words.split().index('"')] == "20"  # " and ``
    assert aligned[-1] == "23"


# --- the report -------------------------------------------------------------------------------


def test_mentions_and_coreference_on_the_fixtures(
    prepared: dict[str, tl.PreparedDoc], meantime_docs: list[mt.MeantimeDocument]
) -> None:
    corpus = er.build_corpus(prepared, meantime_docs)
    timeline = _chrono_timeline(prepared)
    # Triggers in sentences 1-5: founded, sold, sale, announced, court, said, ship (7), all
    # matched; gold in sentences 1-5: 9100 founded, sold; 9200 announced, sale, said, court
    # case, ended, ship (8; the titles' "founded"/"sells" are sentence 0).
    assert er.event_mention_counts(timeline, corpus) == er.MentionCounts(7, 8, 7)
    # Events, on those 7 mentions: key {sold, sale}, the rest alone; response: chrono's e2
    # {sold, sale}, the rest alone: the same clustering.
    events = er.event_coreference(timeline, corpus)
    assert events.key_mentions == 7
    assert (events.muc.f1, events.b_cubed.f1, events.ceaf_e.f1) == (1.0, 1.0, 1.0)
    # Entities: matched participants 100 "Alpha Corp", "Alpha"; 200 "Beta" (twice: "Beta"
    # and "Beta will" both match, one-to-one, the two Beta mentions), "Alpha", "Lee" (twice,
    # one span): key chains {Alpha Corp, Alpha} (9100), {Beta, Beta} (9200), Alpha, Lee.
    entities = er.entity_coreference(timeline, corpus)
    assert entities.key_mentions == 6
    assert entities.muc.f1 == 1.0 and entities.conll == pytest.approx(1.0)


def test_events_report_markdown(tmp_path: Path, prepared: dict[str, tl.PreparedDoc]) -> None:
    trial = tmp_path / "trial"
    (trial / "all_events_timeml").mkdir(parents=True)
    (trial / "gold_timelines").mkdir()
    for path in TRIAL.iterdir():
        (trial / "all_events_timeml" / path.name).write_bytes(path.read_bytes())
    for path in GOLD.iterdir():
        (trial / "gold_timelines" / path.name).write_bytes(path.read_bytes())
    report = er.events_report(
        trial, MEANTIME, tmp_path / "work", timeline=_chrono_timeline(prepared), command="make it"
    )
    assert report.startswith(er.TITLE + "\n\nGenerated by `make it`.")
    assert "| Alpha Corp | 6 | 4 |" in report
    assert "| 7 | 8 | 7 | 100.0 | 87.5 | 93.3 |" in report
    assert "| gold vs gold | 100.0 | 100.0 | 100.0 | 100.0 |" in report
    written = tl.read_timeline(tmp_path / "work" / "timelines" / "alpha_corp.txt")
    assert written.event_ids[0] == "100-2-founded"
