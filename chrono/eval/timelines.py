"""Entity timelines as SemEval-2015 Task 4 (TimeLine) writes them: read, write, build, score.

Takes:
- gold timeline files: a first line naming the target entity, then one line per event,
  `rank<TAB>date<TAB>DOCID-SENTID-word[<TAB>...]` (more columns: the same event in several
  documents; date `XXXX-XX-XX` = not anchored, rank 0);
- the trial TimeML files (`<DOCID>`, `<DCT>`, `<EXTRAINFO>` title, `<s id=N>` sentences of
  space-separated tokens), which `prepare_documents` turns into the plain text chrono reads,
  keeping where every token is;
- a chrono `Timeline`, which `entity_timelines` turns into one timeline per target entity.

Gives:
- `EntityTimeline` values, `format_timeline`/`write_timeline` in the task's format;
- temporal awareness (UzZaman and Allen 2011, as TempEval-3 computes it) per entity and
  micro-averaged over entities (`score_timelines`), over the relations the ranks imply;
- dated-event precision/recall (`dated_event_scores`): are the system's event ids the gold's,
  and does the date agree at the gold's granularity;
- the sanity baselines built from gold (`rerank_by_date`, `single_rank`,
  `at_publication_dates`).

The relations of a timeline: every event is SIMULTANEOUS with its date node (unless the date is
`XXXX-XX-XX`), events of one rank are SIMULTANEOUS, and each rank is BEFORE the next, rank 0
included (`order_unanchored=False` leaves rank-0 events out of the order instead).

Temporal awareness: precision = |S- ∩ K+| / |S-| and recall = |K- ∩ S+| / |K-|, where `-` is
the reduced graph (no relation that the others imply) and `+` the closure. A reduced graph is
not unique: a SIMULTANEOUS class of n nodes needs any n-1 links that connect it, and a BEFORE
between two classes any one pair of their members. The official tool keeps whichever the file
order gives; here each class and each class pair is counted in the way the other graph confirms
best (`_confirmed`), which makes the score independent of the order lines are written in.
A relation that contradicts earlier ones (a date node shared by two ranks in gold) is not added
to the graph but stays in the reduced graph, matching only itself, as in TempEval-3.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from chrono.timeline.entities import matching
from chrono.types import Event, Timeline

UNANCHORED = "XXXX-XX-XX"
BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
TIMELINE_SUFFIX = ".txt"
TRIAL_SUFFIX = ".tml"

# The gold names document 9509 (9509_Apple_announces_new_iPod_range) once as 9590
# (itunes_store.txt, "9590-10-access"): no document 9590 exists, so it is read as 9509.
DOC_ID_TYPOS: Mapping[str, str] = {"9590": "9509"}

_GOLD_DATE = re.compile(r"(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?")
_EDTF_START = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_EDTF_MARKS = re.compile(r"[~?%\[\]{}]")
_DATE_NODE = "date:"  # event ids start with a digit, so date nodes never collide with them


# --- timelines and their files ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line: a rank, a date as written, and the ids of one event (one per document)."""

    rank: int
    date: str
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityTimeline:
    entity: str  # as the first line writes it: "Steve Jobs"
    entries: tuple[TimelineEntry, ...]

    @property
    def event_ids(self) -> tuple[str, ...]:
        """Every id once, in file order."""
        return tuple(dict.fromkeys(i for entry in self.entries for i in entry.event_ids))


def target_key(name: str) -> str:
    """The file-name form of a target: "Steve Jobs", "steve_jobs" -> "steve_jobs"."""
    return "_".join(name_key(name).split())


def name_key(name: str) -> str:
    """A name compared without case, spacing or the file form's underscores."""
    return " ".join(name.replace("_", " ").lower().split())


def event_id(doc_id: str, sentence: int, words: Sequence[str]) -> str:
    """The task's id of an event: DOCID-SENTID-word, a multiword event joined with `_`."""
    return f"{doc_id}-{sentence}-{'_'.join(w.lower() for w in words)}"


def split_event_id(value: str) -> tuple[str, int, str]:
    """`4954-2-court_case` -> ("4954", 2, "court_case"); the word may hold hyphens."""
    doc_id, sentence, word = value.split("-", 2)
    return doc_id, int(sentence), word


def _gold_event_id(value: str) -> str:
    doc_id, sentence, word = split_event_id(value.strip())
    return f"{DOC_ID_TYPOS.get(doc_id, doc_id)}-{sentence}-{word.lower()}"


def parse_timeline(text: str) -> EntityTimeline:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("an empty timeline file: no entity line")
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        columns = [c for c in line.rstrip("\n").split("\t") if c.strip()]
        if len(columns) < 3:
            raise ValueError(f"line {number}: want rank, date and an event id: {line!r}")
        ids = tuple(_gold_event_id(c) for c in columns[2:])
        entries.append(TimelineEntry(int(columns[0]), columns[1].strip(), ids))
    return EntityTimeline(lines[0].strip(), tuple(entries))


def read_timeline(path: str | os.PathLike[str]) -> EntityTimeline:
    return parse_timeline(Path(path).read_text(encoding="utf-8"))


def read_timelines(folder: str | os.PathLike[str]) -> dict[str, EntityTimeline]:
    """Every `*.txt` timeline of a folder, by file stem ("steve_jobs")."""
    return {p.stem: read_timeline(p) for p in sorted(Path(folder).glob(f"*{TIMELINE_SUFFIX}"))}


def format_timeline(timeline: EntityTimeline) -> str:
    lines = [timeline.entity]
    lines += [f"{e.rank}\t{e.date}\t" + "\t".join(e.event_ids) for e in timeline.entries]
    return "\n".join(lines) + "\n"


def write_timeline(timeline: EntityTimeline, path: str | os.PathLike[str]) -> None:
    Path(path).write_text(format_timeline(timeline), encoding="utf-8", newline="")


# --- dates -----------------------------------------------------------------------------------


def normalize_date(date: str) -> str | None:
    """A task date at its own granularity: "2008-03-XX" -> "2008-03", "2010-XX-XX" -> "2010";
    None when not anchored ("XXXX-XX-XX", and the gold's one "XXX-XX-XX")."""
    match = _GOLD_DATE.fullmatch(date.strip())
    if match is None:
        return None
    parts = [match.group(1)]
    for part in match.group(2, 3):
        if part is None or part == "XX":
            break
        parts.append(part)
    return "-".join(parts)


def task_date(edtf: str | None) -> str:
    """An EDTF value as the task's date at its granularity ("2008-06-09", "2008-06", "2008"),
    or `UNANCHORED`. An interval counts from its start; an open start ("../2004", before
    2004) is no anchor; seasons and quarters (EDTF months 21-41) keep their year."""
    if not edtf:
        return UNANCHORED
    start = _EDTF_MARKS.sub("", edtf.split("/")[0])
    match = _EDTF_START.match(start)
    if match is None:
        return UNANCHORED
    year, month, day = match.groups()
    if month is None or int(month) > 12:
        return year
    return f"{year}-{month}" if day is None else f"{year}-{month}-{day}"


def dates_agree(system: str, gold: str) -> bool:
    """The system date says what the gold one says, at least as precisely: gold "2008-06"
    accepts "2008-06" and "2008-06-09", not "2008"; an unanchored gold wants unanchored."""
    g, s = normalize_date(gold), normalize_date(system)
    if g is None:
        return s is None
    return s is not None and (s == g or s.startswith(g + "-"))


def rank_events(entity: str, rows: Iterable[tuple[str, Sequence[str]]]) -> EntityTimeline:
    """(date, event ids) rows -> a ranked timeline: unanchored rank 0, then one rank per
    distinct date in calendar order (ISO strings sort so: "2006" < "2006-03" < "2006-03-28").
    An id is listed once, on its earliest line."""
    dated: list[tuple[str | None, tuple[str, ...]]] = []
    for date, ids in rows:
        if ids:
            dated.append((normalize_date(date), tuple(ids)))
    values = sorted({d for d, _ in dated if d is not None})
    rank = {d: n for n, d in enumerate(values, start=1)}
    entries, seen = [], set()
    for d, ids in sorted(dated, key=lambda row: rank[row[0]] if row[0] else 0):
        fresh = tuple(i for i in dict.fromkeys(ids) if i not in seen)
        seen.update(fresh)
        if fresh:  # two events on one trigger word are one id: its first line keeps it
            entries.append(TimelineEntry(rank[d] if d else 0, d or UNANCHORED, fresh))
    dense = {r: n for n, r in enumerate(sorted({e.rank for e in entries} - {0}), start=1)}
    return EntityTimeline(entity, tuple(replace(e, rank=dense.get(e.rank, 0)) for e in entries))


# --- the temporal graph ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Relation:
    """`source` BEFORE `target`, or the two SIMULTANEOUS (then source <= target)."""

    source: str
    target: str
    type: str

    @staticmethod
    def of(a: str, b: str, type: str) -> Relation:
        if type == SIMULTANEOUS and b < a:
            a, b = b, a
        return Relation(a, b, type)


def date_node(date: str) -> str | None:
    normal = normalize_date(date)
    return None if normal is None else _DATE_NODE + normal


def timeline_relations(
    timeline: EntityTimeline, *, order_unanchored: bool = True
) -> list[Relation]:
    """The relations the ranks and dates imply, in the order they are trusted: the order of
    ranks first, then the dates (so a date shared by two ranks contradicts the date, not the
    order). An id listed twice keeps its first place."""
    ranks: dict[int, list[str]] = {}
    anchors: dict[str, str] = {}
    for entry in timeline.entries:
        for node in entry.event_ids:
            if node in anchors or any(node in members for members in ranks.values()):
                continue
            if entry.rank == 0 and not order_unanchored:
                continue
            ranks.setdefault(entry.rank, []).append(node)
            anchor = date_node(entry.date)
            if anchor is not None:
                anchors[node] = anchor
    relations: list[Relation] = []
    ordered = [ranks[r] for r in sorted(ranks)]
    for members in ordered:
        relations += [Relation.of(a, b, SIMULTANEOUS) for a, b in itertools.pairwise(members)]
    for earlier, later in itertools.pairwise(ordered):
        relations.append(Relation(earlier[0], later[0], BEFORE))
    for members in ordered:
        relations += [Relation.of(n, anchors[n], SIMULTANEOUS) for n in members if n in anchors]
    return relations


class TemporalGraph:
    """BEFORE/SIMULTANEOUS relations closed under transitivity: SIMULTANEOUS nodes share a
    class (union-find), BEFORE links classes in a DAG. A relation the graph already
    contradicts is kept aside in `violated`."""

    def __init__(self, relations: Iterable[Relation] = ()) -> None:
        self._parent: dict[str, str] = {}
        self._after: dict[str, set[str]] = {}  # class root -> roots of classes right after it
        self.explicit: set[Relation] = set()
        self.violated: list[Relation] = []
        for relation in relations:
            self.add(relation)

    def __contains__(self, node: object) -> bool:
        return node in self._parent

    @property
    def nodes(self) -> list[str]:
        return list(self._parent)

    def root(self, node: str) -> str:
        parent = self._parent.setdefault(node, node)
        if parent != node:
            parent = self._parent[node] = self.root(parent)
        self._after.setdefault(parent, set())
        return parent

    def reaches(self, a: str, b: str) -> bool:
        """Class root `a` is BEFORE class root `b` (through one or more links)."""
        stack, seen = [a], {a}
        while stack:
            for nxt in self._after[stack.pop()]:
                if nxt == b:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def add(self, relation: Relation) -> bool:
        """Adds a relation; False (and kept in `violated`) when it contradicts the graph."""
        self.explicit.add(relation)
        a, b = self.root(relation.source), self.root(relation.target)
        if relation.type == SIMULTANEOUS:
            if a != b and (self.reaches(a, b) or self.reaches(b, a)):
                self.violated.append(relation)
                return False
            if a != b:
                self._merge(a, b)
            return True
        if a == b or self.reaches(b, a):
            self.violated.append(relation)
            return False
        self._after[a].add(b)
        return True

    def _merge(self, keep: str, gone: str) -> None:
        self._parent[gone] = keep
        self._after[keep] |= self._after.pop(gone)
        for later in self._after.values():
            if gone in later:
                later.discard(gone)
                later.add(keep)

    def entails(self, relation: Relation) -> bool:
        if relation.source not in self or relation.target not in self:
            return False
        a, b = self.root(relation.source), self.root(relation.target)
        if relation.type == SIMULTANEOUS:
            return a == b
        return a != b and self.reaches(a, b)

    def classes(self) -> dict[str, list[str]]:
        """Class root -> its nodes."""
        found: dict[str, list[str]] = {}
        for node in self.nodes:
            found.setdefault(self.root(node), []).append(node)
        return found

    def closure(self) -> set[Relation]:
        """Every relation the graph implies, once (SIMULTANEOUS pairs ordered, BEFORE forward)."""
        classes = self.classes()
        implied: set[Relation] = set()
        for members in classes.values():
            implied |= {Relation.of(a, b, SIMULTANEOUS) for a in members for b in members if a < b}
        for a, later in self._descendants().items():
            for b in later:
                implied |= {Relation(x, y, BEFORE) for x in classes[a] for y in classes[b]}
        return implied

    def reduction_edges(self) -> list[tuple[str, str]]:
        """The BEFORE links between classes that no other path implies (transitive reduction)."""
        below = self._descendants()
        return sorted(
            (a, b)
            for a, later in self._after.items()
            for b in later
            if not any(b in below[c] for c in later if c != b)
        )

    def reduced_size(self) -> int:
        sim = sum(len(members) - 1 for members in self.classes().values())
        return sim + len(self.reduction_edges()) + len(self.violated)

    def _descendants(self) -> dict[str, set[str]]:
        memo: dict[str, set[str]] = {}

        def visit(root: str) -> set[str]:
            if root not in memo:
                memo[root] = set()  # a DAG by construction: no cycle reaches back here
                for nxt in self._after[root]:
                    memo[root] |= {nxt} | visit(nxt)
            return memo[root]

        for root in list(self._after):
            visit(root)
        return memo


def _confirmed(graph: TemporalGraph, other: TemporalGraph) -> tuple[int, int]:
    """(relations of `graph`'s reduced graph that `other` implies, size of that reduced graph),
    each class linked and each class pair represented as `other` confirms best."""
    classes = graph.classes()
    matched = total = 0
    for members in classes.values():
        parts = {other.root(m) if m in other else "\0" + m for m in members}
        total += len(members) - 1
        matched += len(members) - len(parts)  # n - parts links can stay inside other's classes
    for a, b in graph.reduction_edges():
        total += 1
        before = {other.root(m) for m in classes[a] if m in other}
        after = {other.root(m) for m in classes[b] if m in other}
        if any(x != y and other.reaches(x, y) for x in before for y in after):
            matched += 1
    for relation in graph.violated:
        total += 1
        matched += other.entails(relation) or relation in other.explicit
    return matched, total


# --- scores ----------------------------------------------------------------------------------


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Awareness:
    """Temporal awareness counts: relations confirmed / reduced-graph sizes."""

    precision_matched: int = 0
    system_relations: int = 0
    recall_matched: int = 0
    gold_relations: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.precision_matched, self.system_relations)

    @property
    def recall(self) -> float:
        return ratio(self.recall_matched, self.gold_relations)

    @property
    def f1(self) -> float:
        return harmonic(self.precision, self.recall)

    def __add__(self, other: Awareness) -> Awareness:
        return Awareness(
            self.precision_matched + other.precision_matched,
            self.system_relations + other.system_relations,
            self.recall_matched + other.recall_matched,
            self.gold_relations + other.gold_relations,
        )


@dataclass(frozen=True, slots=True)
class TimelineScores:
    per_entity: dict[str, Awareness]  # by gold key ("steve_jobs")
    overall: Awareness  # micro: counts summed over the entities


def temporal_awareness(
    system: EntityTimeline, gold: EntityTimeline, *, order_unanchored: bool = True
) -> Awareness:
    s = TemporalGraph(timeline_relations(system, order_unanchored=order_unanchored))
    k = TemporalGraph(timeline_relations(gold, order_unanchored=order_unanchored))
    precision_matched, system_total = _confirmed(s, k)
    recall_matched, gold_total = _confirmed(k, s)
    return Awareness(precision_matched, system_total, recall_matched, gold_total)


def score_timelines(
    system: Mapping[str, EntityTimeline],
    gold: Mapping[str, EntityTimeline],
    *,
    align: bool = True,
    order_unanchored: bool = True,
) -> TimelineScores:
    """Temporal awareness of each gold entity's timeline (a missing system timeline scores
    0) and micro-averaged over them. `align`: see `align_ids`."""
    per_entity = {}
    for key, reference in gold.items():
        response = system.get(key, EntityTimeline(reference.entity, ()))
        if align:
            response = align_ids(response, reference)
        per_entity[key] = temporal_awareness(response, reference, order_unanchored=order_unanchored)
    return TimelineScores(per_entity, sum(per_entity.values(), Awareness()))


def align_ids(system: EntityTimeline, gold: EntityTimeline) -> EntityTimeline:
    """System ids renamed to the gold id of the same doc and sentence whose words overlap
    theirs: chrono's one-word trigger "court" is the gold's multiword "court_case". An id the
    gold has already, or one without such a gold id, is left as it is."""
    known = set(gold.event_ids)
    by_sentence: dict[tuple[str, int], list[tuple[str, set[str]]]] = {}
    for gold_id in known:
        if (parts := _id_parts(gold_id)) is not None:
            doc_id, sentence, words = parts
            by_sentence.setdefault((doc_id, sentence), []).append((gold_id, words))

    def renamed(value: str) -> str:
        parts = _id_parts(value)
        if value in known or parts is None:
            return value
        doc_id, sentence, words = parts
        candidates = sorted(g for g, w in by_sentence.get((doc_id, sentence), []) if w & words)
        return candidates[0] if candidates else value

    entries = tuple(
        replace(e, event_ids=tuple(dict.fromkeys(renamed(i) for i in e.event_ids)))
        for e in system.entries
    )
    return replace(system, entries=entries)


def _id_parts(value: str) -> tuple[str, int, set[str]] | None:
    """(doc, sentence, words) of a task id; None for an id of another form."""
    try:
        doc_id, sentence, word = split_event_id(value)
    except ValueError:
        return None
    return doc_id, sentence, set(word.split("_"))


@dataclass(frozen=True, slots=True)
class EventCounts:
    """Event ids of a system timeline against gold's, and how many have the gold's date."""

    system: int = 0
    gold: int = 0
    matched: int = 0
    dated: int = 0  # matched with a date that agrees at the gold's granularity

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.system)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return harmonic(self.precision, self.recall)

    @property
    def dated_precision(self) -> float:
        return ratio(self.dated, self.system)

    @property
    def dated_recall(self) -> float:
        return ratio(self.dated, self.gold)

    @property
    def dated_f1(self) -> float:
        return harmonic(self.dated_precision, self.dated_recall)

    @property
    def date_accuracy(self) -> float:
        return ratio(self.dated, self.matched)

    def __add__(self, other: EventCounts) -> EventCounts:
        return EventCounts(
            self.system + other.system,
            self.gold + other.gold,
            self.matched + other.matched,
            self.dated + other.dated,
        )


@dataclass(frozen=True, slots=True)
class DatedEventScores:
    per_entity: dict[str, EventCounts]
    overall: EventCounts


def _dates_by_id(timeline: EntityTimeline) -> dict[str, str]:
    dates: dict[str, str] = {}
    for entry in timeline.entries:
        for value in entry.event_ids:
            dates.setdefault(value, entry.date)
    return dates


def event_counts(system: EntityTimeline, gold: EntityTimeline) -> EventCounts:
    s, k = _dates_by_id(system), _dates_by_id(gold)
    matched = s.keys() & k.keys()
    dated = sum(dates_agree(s[i], k[i]) for i in matched)
    return EventCounts(len(s), len(k), len(matched), dated)


def dated_event_scores(
    system: Mapping[str, EntityTimeline], gold: Mapping[str, EntityTimeline], *, align: bool = True
) -> DatedEventScores:
    per_entity = {}
    for key, reference in gold.items():
        response = system.get(key, EntityTimeline(reference.entity, ()))
        if align:
            response = align_ids(response, reference)
        per_entity[key] = event_counts(response, reference)
    return DatedEventScores(per_entity, sum(per_entity.values(), EventCounts()))


# --- sanity baselines from gold --------------------------------------------------------------


def rerank_by_date(gold: EntityTimeline) -> EntityTimeline:
    """The gold events ordered by nothing but their gold dates."""
    return rank_events(gold.entity, [(e.date, e.event_ids) for e in gold.entries])


def single_rank(gold: EntityTimeline) -> EntityTimeline:
    """The gold events and dates, all on one rank: dates without order."""
    entries = tuple(replace(e, rank=1) for e in gold.entries)
    return replace(gold, entries=entries)


def at_publication_dates(gold: EntityTimeline, dcts: Mapping[str, str]) -> EntityTimeline:
    """Every gold event dated and ranked at its document's publication date."""
    rows = [
        (dcts.get(split_event_id(i)[0], UNANCHORED), (i,))
        for entry in gold.entries
        for i in entry.event_ids
    ]
    return rank_events(gold.entity, rows)


# --- chrono's input from the trial TimeML ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # characters of the prepared text
    end: int
    sentence: int  # the TimeML `<s id>`
    index: int  # the token's place in its sentence, from 0
    text: str


@dataclass(frozen=True)
class PreparedDoc:
    """One trial article as chrono reads it, and where each of its tokens is."""

    doc_id: str  # the TimeML <DOCID>, also the text file's stem (chrono's document id)
    name: str  # the trial file's stem: "10718_Apple_to_lower_UK_iTunes_prices"
    title: str
    dct: str  # the DCT's value: "2008-01-09"
    path: Path  # the text file written for chrono
    text: str
    tokens: tuple[Token, ...]
    _ends: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._ends.extend(t.end for t in self.tokens)

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that share a character with [start, end)."""
        first = bisect.bisect_right(self._ends, start)
        found = []
        for token in self.tokens[first:]:
            if token.start >= end:
                break
            found.append(token)
        return tuple(found)

    def event_id(self, start: int, end: int) -> str | None:
        """The task's id of a trigger at [start, end): its first sentence's tokens."""
        tokens = self.tokens_in(start, end)
        if not tokens:
            return None
        words = [t.text for t in tokens if t.sentence == tokens[0].sentence]
        return event_id(self.doc_id, tokens[0].sentence, words)


@dataclass(frozen=True)
class TrialDocument:
    doc_id: str
    name: str
    title: str
    dct: str
    sentences: tuple[tuple[int, str], ...]  # (<s id>, text with the tags removed)


def read_trial_document(path: str | os.PathLike[str]) -> TrialDocument:
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or Path(path).stem.split("_")[0]).strip()
    timex = root.find("DCT/TIMEX3")
    dct = timex.get("value", "") if timex is not None else ""
    title = " ".join((root.findtext("EXTRAINFO") or "").split())
    sentences = tuple(
        (int(s.get("id", "0")), " ".join("".join(s.itertext()).split())) for s in root.iter("s")
    )
    return TrialDocument(doc_id, Path(path).stem, title, dct, sentences)


def document_text(document: TrialDocument) -> tuple[str, tuple[Token, ...]]:
    """Front matter with the title and date (chrono reads them as metadata, not as text),
    then one sentence a line; the tokens with their offsets in that text."""
    text = f"---\ntitle: {document.title}\ndate: {document.dct}\n---\n"
    tokens: list[Token] = []
    for sentence, line in document.sentences:
        for index, match in enumerate(re.finditer(r"\S+", line)):
            start = len(text) + match.start()
            tokens.append(Token(start, start + len(match.group()), sentence, index, match.group()))
        text += line + "\n"
    return text, tuple(tokens)


def prepare_documents(
    trial_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]
) -> dict[str, PreparedDoc]:
    """Writes `<DOCID>.txt` for each trial `.tml` file and returns them by DOCID."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    prepared = {}
    for path in sorted(Path(trial_dir).glob(f"*{TRIAL_SUFFIX}")):
        document = read_trial_document(path)
        text, tokens = document_text(document)
        target = out / f"{document.doc_id}{TIMELINE_SUFFIX}"
        target.write_text(text, encoding="utf-8", newline="")
        prepared[document.doc_id] = PreparedDoc(
            document.doc_id, document.name, document.title, document.dct, target, text, tokens
        )
    return prepared


# --- chrono's timeline as entity timelines ---------------------------------------------------


def entities_named(timeline: Timeline, target: str) -> set[str]:
    """Ids of the entities `target` names ("Steve Jobs", "steve_jobs"): name, alias or a
    person's surname, case aside."""
    # The selection `chrono timeline --about` makes, so the score is of what a user gets.
    return set(matching(timeline.entities, [target.replace("_", " ")]))


def source_ids(event: Event, documents: Mapping[str, PreparedDoc]) -> tuple[str, ...]:
    """The task ids of an event's triggers, one per source that has one, in source order."""
    ids = []
    for source in event.sources:
        document = documents.get(source.doc_id)
        if document is None or source.trigger_start < 0:
            continue
        found = document.event_id(source.trigger_start, source.trigger_end)
        if found is not None:
            ids.append(found)
    return tuple(dict.fromkeys(ids))


def entity_timelines(
    timeline: Timeline, targets: Iterable[str], documents: Mapping[str, PreparedDoc]
) -> dict[str, EntityTimeline]:
    """For each target ("Steve Jobs", "steve_jobs"), keyed by `target_key`: the events one of
    whose participants is that entity, ranked by their time (`rank_events`)."""
    found = {}
    for target in targets:
        ids = entities_named(timeline, target)
        rows = [
            (task_date(event.time.edtf), source_ids(event, documents))
            for event in timeline.events
            if any(p.entity_id in ids for p in event.participants if p.entity_id)
        ]
        found[target_key(target)] = rank_events(_display_name(target), rows)
    return found


def _display_name(target: str) -> str:
    return target.replace("_", " ") if "_" in target and " " not in target else target


def iter_relations(timeline: EntityTimeline) -> Iterator[Relation]:
    """The closure of a timeline's relations, sorted (for reading a graph, and for tests)."""
    yield from sorted(TemporalGraph(timeline_relations(timeline)).closure())
