"""chrono's events, entity timelines and coreference measured on the NewsReader Apple set, as
Markdown.

Takes the SemEval-2015 Task 4 trial folder (`all_events_timeml/`, `gold_timelines/`) and the
MEANTIME Apple folder (the same 30 articles, annotated with mentions and instances). Runs
chrono on the trial articles as plain text (`timelines.prepare_documents`), or takes a
`Timeline` already made from those texts, and gives one Markdown report:

- entity timelines: temporal awareness per target entity and micro overall, dated events;
- the sanity baselines built from gold (what the scorer gives for known answers);
- event mentions: chrono's triggers against MEANTIME's event mentions;
- cross-document event coreference and within-document entity coreference (MUC, B-cubed,
  CEAF-e, CoNLL) on the mentions both sides have.

Mentions are compared by token: chrono's character offsets -> the trial's tokens ->
MEANTIME's tokens (the copies differ in a few tokens, so they are aligned as sequences).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chrono.eval import coref_scores as cs
from chrono.eval import meantime as mt
from chrono.eval import timelines as tl
from chrono.types import Timeline

GOLD_TIMELINES = "gold_timelines"
TRIAL_TIMEML = "all_events_timeml"
# MEANTIME annotates every mention of the title (sentence 0) and of sentences 1-5, and later
# sentences only in part: precision is measured there, where a miss is a real miss.
FULLY_ANNOTATED_UP_TO = 5

TITLE = "# Events, entity timelines and coreference on the NewsReader Apple set"

Span = tuple[str, int, int]  # chrono's (doc_id, start, end)


# --- matching chrono's spans to MEANTIME mentions ---------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """The prepared trial documents with each one's MEANTIME copy and token alignment."""

    documents: Mapping[str, tl.PreparedDoc]  # by DOCID (chrono's document id)
    meantime: Mapping[str, mt.MeantimeDocument]  # by DOCID
    aligned: Mapping[str, dict[int, str]]  # DOCID -> token start -> MEANTIME t_id

    def t_ids(self, span: Span) -> frozenset[str]:
        doc_id, start, end = span
        document, aligned = self.documents.get(doc_id), self.aligned.get(doc_id, {})
        if document is None:
            return frozenset()
        tokens = document.tokens_in(start, end)
        return frozenset(aligned[t.start] for t in tokens if t.start in aligned)


def build_corpus(
    documents: Mapping[str, tl.PreparedDoc], meantime: Sequence[mt.MeantimeDocument]
) -> Corpus:
    copies = mt.match_documents([d.name for d in documents.values()], meantime)
    by_doc, aligned = {}, {}
    for doc_id, document in documents.items():
        copy = copies.get(document.name)
        if copy is None:
            continue
        by_doc[doc_id] = copy
        t_ids = mt.align_tokens([t.text for t in document.tokens], copy)
        aligned[doc_id] = {
            t.start: i for t, i in zip(document.tokens, t_ids, strict=True) if i is not None
        }
    return Corpus(documents, by_doc, aligned)


def match_mentions(
    spans: Iterable[Span], mentions: Iterable[mt.MeantimeMention], corpus: Corpus
) -> dict[Span, mt.MeantimeMention]:
    """One-to-one, the best token overlap (Jaccard) first; a pair must share a token."""
    by_doc: dict[str, list[mt.MeantimeMention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    candidates = []
    for span in dict.fromkeys(spans):
        ours = corpus.t_ids(span)
        copy = corpus.meantime.get(span[0])
        for mention in by_doc.get(copy.doc_id, []) if copy is not None and ours else []:
            theirs = set(mention.token_ids)
            shared = len(ours & theirs)
            if shared:
                candidates.append((-shared / len(ours | theirs), span, mention.key, mention))
    matched: dict[Span, mt.MeantimeMention] = {}
    taken: set[mt.MentionKey] = set()
    for _, span, key, mention in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if span not in matched and key not in taken:
            matched[span] = mention
            taken.add(key)
    return matched


# --- what chrono gives -------------------------------------------------------------------------


def trigger_spans(timeline: Timeline) -> Iterator[tuple[str, Span]]:
    """(event id, trigger span) for every source with a trigger."""
    for event in timeline.events:
        for source in event.sources:
            if source.trigger_start >= 0:
                yield event.id, (source.doc_id, source.trigger_start, source.trigger_end)


def participant_spans(timeline: Timeline) -> dict[Span, str | None]:
    """Each participant span once, with its entity id (the first event naming it decides)."""
    found: dict[Span, str | None] = {}
    for event in timeline.events:
        for p in event.participants:
            found.setdefault((p.doc_id, p.start, p.end), p.entity_id)
    return found


@dataclass(frozen=True)
class MentionCounts:
    system: int
    gold: int
    matched: int

    @property
    def precision(self) -> float:
        return tl.ratio(self.matched, self.system)

    @property
    def recall(self) -> float:
        return tl.ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return tl.harmonic(self.precision, self.recall)


def _sentence_of(span: Span, corpus: Corpus) -> int | None:
    document = corpus.documents.get(span[0])
    tokens = document.tokens_in(span[1], span[2]) if document else ()
    return tokens[0].sentence if tokens else None


def event_mention_counts(timeline: Timeline, corpus: Corpus) -> MentionCounts:
    """chrono's triggers against MEANTIME's event mentions of the fully annotated sentences
    that chrono reads (1-5: the title is metadata, not text)."""

    def scoped(sentence: int | None) -> bool:
        return sentence is not None and 1 <= sentence <= FULLY_ANNOTATED_UP_TO

    spans = [s for _, s in trigger_spans(timeline) if s[0] in corpus.meantime]
    spans = [s for s in dict.fromkeys(spans) if scoped(_sentence_of(s, corpus))]
    gold = [m for d in corpus.meantime.values() for m in d.event_mentions if scoped(m.sentence)]
    matched = match_mentions(spans, gold, corpus)
    return MentionCounts(len(spans), len(gold), len(matched))


def event_coreference(timeline: Timeline, corpus: Corpus) -> cs.CorefScores:
    """Gold: MEANTIME's cross-document event instances; response: chrono's events (a merged
    event is one cluster of its sources); both restricted to the mentions matched."""
    pairs = list(trigger_spans(timeline))
    gold = [m for d in corpus.meantime.values() for m in d.event_mentions]
    matched = match_mentions((s for _, s in pairs), gold, corpus)
    response: dict[str, set[mt.MentionKey]] = {}
    placed: set[mt.MentionKey] = set()
    for event_id, span in pairs:
        mention = matched.get(span)
        if mention is not None and mention.key not in placed:  # one cluster per mention
            placed.add(mention.key)
            response.setdefault(event_id, set()).add(mention.key)
    key = cs.restrict(mt.event_clusters(corpus.meantime.values()), placed)
    return cs.coref_scores(key, response.values())


def entity_coreference(timeline: Timeline, corpus: Corpus) -> cs.CorefScores:
    """Gold: each document's MEANTIME entity chains; response: chrono's participants grouped by
    entity id within the document (no id: alone); on the participant mentions matched."""
    spans = participant_spans(timeline)
    gold = [m for d in corpus.meantime.values() for m in d.entity_mentions]
    matched = match_mentions(spans, gold, corpus)
    response: dict[tuple[str, str], set[mt.MentionKey]] = {}
    for span, mention in matched.items():
        entity = spans[span]
        group = (span[0], entity) if entity else (span[0], f"\0{mention.m_id}")
        response.setdefault(group, set()).add(mention.key)
    chains = [c for d in corpus.meantime.values() for c in mt.entity_chains(d)]
    key = cs.restrict(chains, {m.key for m in matched.values()})
    return cs.coref_scores(key, response.values())


# --- the report --------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _prf(score: tl.Awareness | tl.EventCounts | MentionCounts | cs.PRF) -> list[object]:
    return [_pct(score.precision), _pct(score.recall), _pct(score.f1)]


def _dated(counts: tl.EventCounts) -> list[object]:
    return [_pct(counts.dated_precision), _pct(counts.dated_recall)]


def _awareness_rows(
    scores: tl.TimelineScores,
    gold: Mapping[str, tl.EntityTimeline],
    system: Mapping[str, tl.EntityTimeline],
) -> list[list[object]]:
    def found(key: str) -> int:
        return len(system[key].event_ids) if key in system else 0

    rows: list[list[object]] = [
        [gold[key].entity, len(gold[key].event_ids), found(key), *_prf(a)]
        for key, a in scores.per_entity.items()
    ]
    total = sum(len(t.event_ids) for t in gold.values())
    rows.append(["**micro overall**", total, sum(map(found, gold)), *_prf(scores.overall)])
    return rows


def _event_rows(
    scores: tl.DatedEventScores, gold: Mapping[str, tl.EntityTimeline]
) -> list[list[object]]:
    named = [(gold[k].entity, c) for k, c in scores.per_entity.items()]
    return [
        [name, c.system, c.gold, c.matched, *_prf(c)[:2], c.dated, *_dated(c)]
        for name, c in [*named, ("**overall**", scores.overall)]
    ]


def _coref_rows(scores: cs.CorefScores) -> list[list[object]]:
    rows: list[list[object]] = [
        [name, *_prf(m)]
        for name, m in (("MUC", scores.muc), ("B-cubed", scores.b_cubed), ("CEAF-e", scores.ceaf_e))
    ]
    rows.append(["**CoNLL**", "", "", f"**{_pct(scores.conll)}**"])
    return rows


def sanity_rows(
    gold: Mapping[str, tl.EntityTimeline], dcts: Mapping[str, str]
) -> list[list[object]]:
    """The scorer on answers known in advance: gold itself, gold reordered by its dates,
    gold dates without order, every event at its publication date."""
    baselines = {
        "gold vs gold": lambda t: t,
        "gold events ordered by gold date": tl.rerank_by_date,
        "gold events and dates, one rank": tl.single_rank,
        "gold events at their publication date": lambda t: tl.at_publication_dates(t, dcts),
    }
    rows: list[list[object]] = []
    for name, make in baselines.items():
        system = {k: make(t) for k, t in gold.items()}
        o = tl.score_timelines(system, gold).overall
        apart = tl.score_timelines(system, gold, order_unanchored=False).overall
        rows.append([name, _pct(o.precision), _pct(o.recall), _pct(o.f1), _pct(apart.f1)])
    return rows


def _trial_folder(trial_dir: Path) -> Path:
    nested = trial_dir / TRIAL_TIMEML
    return nested if nested.is_dir() else trial_dir


def _run_chrono(folder: Path) -> Timeline:
    from chrono.run.pipeline import reconstruct  # the pipeline only when chrono must run

    return reconstruct([str(folder)])


def events_report(
    trial_dir: str | os.PathLike[str],
    meantime_dir: str | os.PathLike[str] | None,
    work_dir: str | os.PathLike[str] | None = None,
    *,
    timeline: Timeline | None = None,
    command: str | None = None,
    gold_dir: str | os.PathLike[str] | None = None,
) -> str:
    """The Markdown report. `work_dir` keeps the prepared texts (`texts/`) and chrono's entity
    timelines (`timelines/`); a temporary folder when None. `timeline`: chrono's result on
    those texts, made elsewhere (chrono is run when None). `command`: how to regenerate the
    report, shown under the title. `gold_dir`: the gold timelines, when they are not in
    `trial_dir/gold_timelines`; `meantime_dir` None leaves out the MEANTIME sections."""
    if work_dir is None:
        with tempfile.TemporaryDirectory(prefix="chrono-events-") as temporary:
            return events_report(
                trial_dir,
                meantime_dir,
                temporary,
                timeline=timeline,
                command=command,
                gold_dir=gold_dir,
            )
    work, trial = Path(work_dir), Path(trial_dir)
    documents = tl.prepare_documents(_trial_folder(trial), work / "texts")
    if timeline is None:
        timeline = _run_chrono(work / "texts")
    gold = tl.read_timelines(Path(gold_dir) if gold_dir is not None else trial / GOLD_TIMELINES)
    found = tl.entity_timelines(timeline, [t.entity for t in gold.values()], documents)
    system = {key: found[tl.target_key(t.entity)] for key, t in gold.items()}
    (work / "timelines").mkdir(parents=True, exist_ok=True)
    for key, entity_timeline in system.items():
        tl.write_timeline(entity_timeline, work / "timelines" / f"{key}{tl.TIMELINE_SUFFIX}")
    corpus = (
        build_corpus(documents, mt.read_meantime_dir(meantime_dir))
        if meantime_dir is not None
        else None
    )
    dcts = {doc_id: d.dct for doc_id, d in documents.items()}
    lines = [TITLE, ""]
    if command:
        lines += [f"Generated by `{command}`.", ""]
    lines += _markdown(timeline, documents, corpus, gold, system, dcts)
    return "\n".join(lines) + "\n"


def _markdown(
    timeline: Timeline,
    documents: Mapping[str, tl.PreparedDoc],
    corpus: Corpus | None,
    gold: Mapping[str, tl.EntityTimeline],
    system: Mapping[str, tl.EntityTimeline],
    dcts: Mapping[str, str],
) -> Iterator[str]:
    triggers = sum(1 for _ in trigger_spans(timeline))
    participants = sum(len(e.participants) for e in timeline.events)
    yield "## What chrono gave"
    yield ""
    yield (
        f"{len(documents)} documents, {len(timeline.events)} events, {triggers} sources with a "
        f"trigger, {participants} participants, {len(timeline.entities)} entities."
    )
    yield ""
    yield "## Entity timelines (SemEval-2015 Task 4, temporal awareness)"
    yield ""
    scores = tl.score_timelines(system, gold)
    yield from _table(
        ["entity", "gold events", "chrono events", "P", "R", "F1"],
        _awareness_rows(scores, gold, system),
    )
    yield ""
    yield "## Dated events"
    yield ""
    yield (
        "Event ids (DOCID-SENTID-word) of chrono's entity timelines against gold's; *dated*: "
        "the id matches and the date agrees at the gold's granularity."
    )
    yield ""
    yield from _table(
        ["entity", "chrono", "gold", "matched", "P", "R", "dated", "dated P", "dated R"],
        _event_rows(tl.dated_event_scores(system, gold), gold),
    )
    yield ""
    yield "## Sanity baselines (the scorer on gold-made answers)"
    yield ""
    yield from _table(
        ["system", "P", "R", "F1", "F1, rank 0 left out of the order"], sanity_rows(gold, dcts)
    )
    yield ""
    if corpus is not None:
        yield from _meantime_sections(timeline, corpus)
    yield from _notes()


def _meantime_sections(timeline: Timeline, corpus: Corpus) -> Iterator[str]:
    yield "## Event mentions against MEANTIME"
    yield ""
    mentions = event_mention_counts(timeline, corpus)
    yield (
        f"chrono's triggers against MEANTIME's event mentions of sentences 1-"
        f"{FULLY_ANNOTATED_UP_TO} (the ones MEANTIME annotates in full; the title, sentence 0, "
        "is metadata for chrono), matched one-to-one by shared tokens."
    )
    yield ""
    yield from _table(
        ["chrono triggers", "gold mentions", "matched", "P", "R", "F1"],
        [[mentions.system, mentions.gold, mentions.matched, *_prf(mentions)]],
    )
    yield ""
    yield "## Cross-document event coreference"
    yield ""
    events = event_coreference(timeline, corpus)
    yield (
        "Key: MEANTIME's cross-document event instances (an instance without an `instance_id` "
        "belongs to one document; a mention referring to nothing is alone). Response: chrono's "
        "events, each one cluster of its sources. Both restricted to the gold mentions that "
        f"chrono's triggers matched (all sentences): {events.key_mentions} mentions."
    )
    yield ""
    yield from _table(["metric", "P", "R", "F1"], _coref_rows(events))
    yield ""
    yield "## Within-document entity coreference"
    yield ""
    entities = entity_coreference(timeline, corpus)
    yield (
        "Key: each document's MEANTIME entity chains (mentions referring to one instance). "
        "Response: chrono's participants grouped by entity id within the document (none: "
        "alone). Both restricted to the participant spans matched to a MEANTIME entity "
        f"mention: {entities.key_mentions} mentions."
    )
    yield ""
    yield from _table(["metric", "P", "R", "F1"], _coref_rows(entities))
    yield ""


def _notes() -> Iterator[str]:
    yield "## How it is measured"
    yield ""
    yield from (
        "- Input: each trial TimeML file as plain text, one `<s>` a line, title and DCT as "
        "front matter (`title:`, `date:`), so sentence and token positions map back to ids.",
        "- Timelines: an event belongs to a target when one of its participants' entity has the "
        "target as name or alias; each source's trigger gives one id; ranks by the event's date "
        "at its granularity (undated: rank 0, XXXX-XX-XX). A one-word trigger inside a gold "
        "multiword event (court / court_case) takes the gold id.",
        "- Temporal awareness: each event SIMULTANEOUS with its date node, same rank "
        "SIMULTANEOUS, lower rank BEFORE higher (rank 0 included; the last sanity column leaves "
        "rank 0 out). Precision = reduced system graph confirmed by the gold closure, recall the "
        "reverse; where a reduced graph can be drawn several ways, the one the other side "
        "confirms best counts. Micro: counts summed over the entities.",
        "- Gold fixes: doc id 9590 read as 9509 (no 9590 exists); the date XXX-XX-XX "
        "(iphone_3g.txt) read as unanchored.",
        "- Gold oddities kept as they are: an id listed on two lines counts once, on its first "
        "(steve_jobs.txt: 18315-9-appearance and 18315-9-unveil at 2011-03 and 2011-06); "
        "undated events with a rank above 0 are ordered but not anchored (14 lines); two "
        "ranks on one date contradict SIMULTANEOUS-with-the-date (beatles ranks 6/7, itunes "
        "5/6: one relation each, steve_jobs 14); the contradicting relation stays in the "
        "reduced graph.",
        "- MEANTIME: the title is sentence 0; sentences after 5 are annotated only in part; "
        "its tokens differ from the trial's in a few places (two backquotes for a quote "
        "mark, # for £, a caption "
        "glued to sentence 2 of 1664 in the trial).",
    )
