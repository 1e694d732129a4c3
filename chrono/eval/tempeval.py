"""TimeML gold -> TempEval-3 style scores of chrono's time expressions, with the errors behind them.

Reading gold (`read_gold`, `iter_gold`): a `.tml` file's `<TEXT>` content with
its tags removed and its entities resolved is the document text (exactly what
`chrono.text.documents` gives chrono to read); each TIMEX3 inside `<TEXT>` becomes a
`GoldTimex` with offsets into that text. The DCT (the TIMEX3 inside `<DCT>`,
tid t0) is kept as `GoldDocument.dct` but is not scored; empty (non-consuming)
TIMEX3s, which cover no text, are skipped.

Scoring (`score`), as TempEval-3 scores timex extraction and normalization:

- relaxed match: a gold and a system timex share at least one character.
  Pairing is greedy and one-to-one in text order: both lists are sorted by
  (start, end) and walked together; an overlapping gold/system couple is
  paired and both move on, otherwise the one that ends first moves on
  unpaired. So one long system timex over two gold ones pairs with the first
  only, and the second gold timex is missed.
- strict match: a relaxed pair whose extents are identical (same start and end).
- precision = matches / system timexes, recall = matches / gold timexes,
  F1 = 2PR / (P + R), for strict and for relaxed, micro-averaged over the
  corpus (counts summed over documents, then divided).
- type accuracy and value accuracy: the share of relaxed pairs whose `type`,
  resp. `value`, strings are equal (exact string equality, no normalisation).
  type F1 = type accuracy x relaxed F1; value F1 = value accuracy x relaxed F1.
  (This equals TempEval-3's attribute F1: attribute-correct pairs over system
  timexes and over gold timexes, combined harmonically.)
- A ratio whose denominator is zero is 0.0 (no system output: precision 0).

`evaluate` runs chrono on each gold document (read by `chrono.text.documents`, with
its DCT, through `chrono.run.pipeline.analyze`), keeps the mentions TimeML would tag
(`tag.spec.timeml`), scores them and collects the errors: missed gold timexes,
spurious system ones, wrong extents, wrong values, wrong types, with examples
and the most frequent patterns. `chrono.eval.report` renders it (`format_text`,
`format_markdown`).
"""

from __future__ import annotations

import os
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from chrono import errors
from chrono.errors import InputError
from chrono.run.pipeline import analyze, parse_doc_type
from chrono.text import documents
from chrono.text.decoding import declared_charset, decode_bytes
from chrono.types import DocType, DocumentResult

GOLD_SUFFIX = ".tml"
TYPE_ORDER: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
DEFAULT_EXAMPLES = 5  # examples kept per error class
TOP_PATTERNS = 50  # most frequent patterns kept per list
CONTEXT_CHARS = 40  # context on each side of an example's span

_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_SPACES = re.compile(r"\s+")
_K = TypeVar("_K", str, tuple[str, str, str])


# --- gold ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3; `start`/`end` index `GoldDocument.text` (tags removed, entities resolved)."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    id: str  # the file stem, as chrono names documents
    path: str
    text: str
    dct: str | None  # the DCT's TIMEX3 value, not scored
    timexes: tuple[GoldTimex, ...]


def read_gold(path: str | os.PathLike[str]) -> GoldDocument:
    """One .tml file; raises InputError when it cannot be read or is not TimeML."""
    path = str(path)
    root = documents.parse_timeml(_read_source(path), path)
    body = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    if body is None:
        raise InputError(path, errors.bad_timeml("no <TEXT> element"))
    text, timexes = _flatten(body)
    return GoldDocument(Path(path).stem, path, text, _dct_value(root), timexes)


def iter_gold(
    folder_or_files: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    only: Collection[str] | None = None,
) -> Iterator[GoldDocument | InputError]:
    """The .tml files of folders (recursively) and files, sorted by path.

    `only` keeps the files whose stem is in it (a train/test split given as a
    list of file names); a stem it names that no file has is reported as an
    InputError, so a typo cannot silently shrink the corpus.
    """
    wanted = None if only is None else {_stem(name) for name in only}
    seen: set[str] = set()
    for path in _gold_paths(folder_or_files):
        if isinstance(path, InputError):
            yield path
            continue
        if wanted is not None and path.stem not in wanted:
            continue
        seen.add(path.stem)
        try:
            yield read_gold(path)
        except InputError as error:
            yield error
    for stem in sorted((wanted or set()) - seen):
        yield InputError(f"{stem}{GOLD_SUFFIX}", "not among the gold files")


def _stem(name: str) -> str:
    """A split's entry as a file stem: only `.tml` goes ("ABC19980108.1830.0711" keeps its dots)."""
    name = Path(name).name
    return name[: -len(GOLD_SUFFIX)] if name.lower().endswith(GOLD_SUFFIX) else name


def _gold_paths(
    folder_or_files: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> Iterator[Path | InputError]:
    args = [folder_or_files] if isinstance(folder_or_files, str | os.PathLike) else folder_or_files
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found.extend(p for p in path.rglob(f"*{GOLD_SUFFIX}") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            yield InputError(str(arg), errors.NO_SUCH_FILE)
    yield from sorted(set(found))


def _read_source(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, errors.NO_SUCH_FILE) from None
    except PermissionError:
        raise InputError(path, errors.PERMISSION_DENIED) from None
    except OSError as error:
        raise InputError(path, (error.strerror or str(error)).lower()) from None
    return decode_bytes(data, path, declared_charset(data))  # as chrono.text.documents decodes


def _flatten(body: ET.Element) -> tuple[str, tuple[GoldTimex, ...]]:
    """The text under `body` (as `itertext()` joins it) and the TIMEX3 spans in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            parts.append(text)
            length += len(text)

    def visit(element: ET.Element) -> None:
        start = length
        add(element.text)
        for child in element:
            if isinstance(child.tag, str):  # comments and PIs hold no document text
                visit(child)
            add(child.tail)
        if _local(element.tag) == "TIMEX3" and length > start:  # empty ones annotate no text
            spans.append((start, length, element))

    visit(body)
    text = "".join(parts)
    timexes = (_gold_timex(text, start, end, el) for start, end, el in sorted(spans, key=_span))
    return text, tuple(timexes)


def _span(item: tuple[int, int, ET.Element]) -> tuple[int, int]:
    return item[0], item[1]


def _gold_timex(text: str, start: int, end: int, element: ET.Element) -> GoldTimex:
    return GoldTimex(
        tid=element.get("tid", ""),
        start=start,
        end=end,
        text=text[start:end],
        type=element.get("type", ""),
        value=element.get("value", ""),
        mod=element.get("mod") or None,
    )


def _dct_value(root: ET.Element) -> str | None:
    for element in root.iter():
        if _local(element.tag) == "DCT":
            for timex in element.iter():
                if _local(timex.tag) == "TIMEX3" and timex.get("value"):
                    return timex.get("value")
    for timex in root.iter():  # some corpora mark the DCT in place
        if _local(timex.tag) == "TIMEX3" and timex.get("functionInDocument") == "CREATION_TIME":
            return timex.get("value") or None
    return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class Pair:
    gold: GoldTimex
    system: SystemTimex

    @property
    def strict(self) -> bool:
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)

    @property
    def type_ok(self) -> bool:
        return self.gold.type == self.system.type

    @property
    def value_ok(self) -> bool:
        return self.gold.value == self.system.value


@dataclass(frozen=True)
class Counts:
    """What the scores are computed from; counts add up over documents (micro-averaging)."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.system + other.system,
            self.relaxed + other.relaxed,
            self.strict + other.strict,
            self.type_ok + other.type_ok,
            self.value_ok + other.value_ok,
        )


@dataclass(frozen=True)
class Alignment:
    """One document's gold and system timexes, paired the TempEval-3 way."""

    pairs: tuple[Pair, ...]
    missed: tuple[GoldTimex, ...]  # gold without a pair
    spurious: tuple[SystemTimex, ...]  # system without a pair

    @property
    def counts(self) -> Counts:
        return Counts(
            gold=len(self.pairs) + len(self.missed),
            system=len(self.pairs) + len(self.spurious),
            relaxed=len(self.pairs),
            strict=sum(p.strict for p in self.pairs),
            type_ok=sum(p.type_ok for p in self.pairs),
            value_ok=sum(p.value_ok for p in self.pairs),
        )


def overlaps(a: GoldTimex | SystemTimex, b: GoldTimex | SystemTimex) -> bool:
    """Sharing at least one character."""
    return a.start < b.end and b.start < a.end


def align(gold: Iterable[GoldTimex], system: Iterable[SystemTimex]) -> Alignment:
    """Greedy one-to-one pairing of overlapping timexes in text order."""
    golds = sorted(gold, key=lambda t: (t.start, t.end))
    systems = sorted(system, key=lambda t: (t.start, t.end))
    pairs: list[Pair] = []
    missed: list[GoldTimex] = []
    spurious: list[SystemTimex] = []
    g = s = 0
    while g < len(golds) and s < len(systems):
        if overlaps(golds[g], systems[s]):
            pairs.append(Pair(golds[g], systems[s]))
            g += 1
            s += 1
        elif systems[s].end <= golds[g].start:  # the system timex lies wholly before
            spurious.append(systems[s])
            s += 1
        else:
            missed.append(golds[g])
            g += 1
    return Alignment(tuple(pairs), (*missed, *golds[g:]), (*spurious, *systems[s:]))


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def harmonic(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, matches: int, system: int, gold: int) -> PRF:
        precision, recall = ratio(matches, system), ratio(matches, gold)
        return cls(precision, recall, harmonic(precision, recall))


@dataclass(frozen=True)
class TypeRow:
    """Scores for the gold timexes of one TIMEX3 type."""

    type: str
    gold: int
    found: int  # relaxed pairs
    value_ok: int

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def value_accuracy(self) -> float:
        return ratio(self.value_ok, self.found)


@dataclass(frozen=True)
class Scores:
    counts: Counts
    by_type: tuple[TypeRow, ...]

    @property
    def strict(self) -> PRF:
        return PRF.of(self.counts.strict, self.counts.system, self.counts.gold)

    @property
    def relaxed(self) -> PRF:
        return PRF.of(self.counts.relaxed, self.counts.system, self.counts.gold)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.counts.type_ok, self.counts.relaxed)

    @property
    def value_accuracy(self) -> float:
        return ratio(self.counts.value_ok, self.counts.relaxed)

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed.f1

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed.f1


def score(pairs: Iterable[tuple[GoldDocument, Sequence[SystemTimex]]]) -> Scores:
    """Micro-averaged scores of system timexes against gold documents."""
    return scores_of(align(gold.timexes, system) for gold, system in pairs)


def scores_of(alignments: Iterable[Alignment]) -> Scores:
    counts = Counts()
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    value_ok: Counter[str] = Counter()
    for alignment in alignments:
        counts += alignment.counts
        gold.update(t.type for t in alignment.missed)
        for pair in alignment.pairs:
            gold[pair.gold.type] += 1
            found[pair.gold.type] += 1
            value_ok[pair.gold.type] += pair.value_ok
    rows = (TypeRow(t, gold[t], found[t], value_ok[t]) for t in _type_order(gold))
    return Scores(counts, tuple(rows))


def _type_order(types: Iterable[str]) -> list[str]:
    """The four TIMEX3 types first (even when absent), then any others a corpus uses."""
    return [*TYPE_ORDER, *sorted(set(types) - set(TYPE_ORDER))]


# --- running chrono --------------------------------------------------------------------------


def system_timexes(result: DocumentResult) -> tuple[SystemTimex, ...]:
    """The mentions TimeML would tag (bare ages are chrono's own), as system timexes."""
    return tuple(
        SystemTimex(
            start=m.start,
            end=m.end,
            text=m.text,
            type=m.resolution.timex3.type.value,
            value=m.resolution.timex3.value,
            mod=m.resolution.timex3.mod,
        )
        for m in result.mentions
        if m.tag.spec.timeml
    )


def run_chrono(
    gold: GoldDocument, doc_type: str | DocType | None = None, *, events: bool = False
) -> DocumentResult:
    """chrono on a gold file, read as `chrono tag FILE.tml` reads it (text and DCT); the
    times only unless `events` (the time layer never needs the parser)."""
    (item,) = documents.iter_documents([gold.path])
    if isinstance(item, InputError):
        raise item
    if item.text != gold.text:  # offsets would not compare: a reader bug, not a score
        raise AssertionError(f"{gold.path}: chrono.text.documents reads a different <TEXT>")
    return analyze(item, doc_type, events=events)


# --- errors ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorExample:
    doc_id: str
    gold: GoldTimex | None
    system: SystemTimex | None
    context: str  # the text around it, the gold (else system) extent in [brackets]


@dataclass(frozen=True)
class ErrorClass:
    name: str  # missed, spurious, wrong extent, wrong value, wrong type
    description: str
    count: int
    examples: tuple[ErrorExample, ...]


@dataclass(frozen=True)
class ValuePattern:
    gold_text: str  # lowercased
    gold_value: str
    system_value: str
    count: int


@dataclass(frozen=True)
class TextCount:
    text: str  # lowercased
    count: int


@dataclass(frozen=True)
class DocumentCounts:
    doc_id: str
    counts: Counts


@dataclass(frozen=True)
class EvalResult:
    corpus: str
    doc_type: str  # news, narrative or auto
    scores: Scores
    documents: tuple[DocumentCounts, ...]
    error_classes: tuple[ErrorClass, ...]
    wrong_values: tuple[ValuePattern, ...]  # most frequent first
    missed_texts: tuple[TextCount, ...]
    spurious_texts: tuple[TextCount, ...]
    seconds: float
    input_errors: tuple[str, ...] = ()  # gold files that could not be read

    @property
    def document_count(self) -> int:
        return len(self.documents)

    @property
    def gold_count(self) -> int:
        return self.scores.counts.gold


_Compared = tuple[GoldDocument, Alignment]


def _wrong_extent(alignment: Alignment) -> Iterator[Pair]:
    return (p for p in alignment.pairs if not p.strict)


def _wrong_value(alignment: Alignment) -> Iterator[Pair]:
    return (p for p in alignment.pairs if not p.value_ok)


def _wrong_type(alignment: Alignment) -> Iterator[Pair]:
    return (p for p in alignment.pairs if not p.type_ok)


_Select = Callable[[Alignment], Iterable[Pair | GoldTimex | SystemTimex]]

# name, what it means, which of a document's items fall in the class
_ERROR_CLASSES: tuple[tuple[str, str, _Select], ...] = (
    ("missed", "gold timexes chrono did not find", lambda a: a.missed),
    ("spurious", "chrono timexes the gold does not have", lambda a: a.spurious),
    ("wrong extent", "found, but not with the gold extent", _wrong_extent),
    ("wrong value", "found, with another value", _wrong_value),
    ("wrong type", "found, with another type", _wrong_type),
)


def error_classes(compared: Sequence[_Compared], examples: int) -> tuple[ErrorClass, ...]:
    return tuple(
        _error_class(name, description, compared, select, examples)
        for name, description, select in _ERROR_CLASSES
    )


def _error_class(
    name: str,
    description: str,
    compared: Sequence[_Compared],
    select: _Select,
    examples: int,
) -> ErrorClass:
    found = [(gold, item) for gold, alignment in compared for item in select(alignment)]
    chosen = [found[i] for i in _spread(len(found), examples)]
    return ErrorClass(name, description, len(found), tuple(_example(*c) for c in chosen))


def _spread(total: int, wanted: int) -> list[int]:
    """`wanted` indices evenly spread over `total` items: examples from across the corpus."""
    if total <= wanted:
        return list(range(total))
    return [i * total // wanted for i in range(wanted)]


def _example(document: GoldDocument, item: Pair | GoldTimex | SystemTimex) -> ErrorExample:
    if isinstance(item, Pair):
        gold, system = item.gold, item.system
    elif isinstance(item, GoldTimex):
        gold, system = item, None
    else:
        gold, system = None, item
    span = gold or system
    assert span is not None
    return ErrorExample(document.id, gold, system, context(document.text, span.start, span.end))


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """`…before [span] after…` on one line."""
    before = _SPACES.sub(" ", text[max(0, start - chars) : start]).lstrip()
    after = _SPACES.sub(" ", text[end : end + chars]).rstrip()
    span = _SPACES.sub(" ", text[start:end])
    lead = "…" if start > chars else ""
    tail = "…" if end + chars < len(text) else ""
    return f"{lead}{before}[{span}]{after}{tail}"


def wrong_value_patterns(compared: Sequence[_Compared], top: int) -> tuple[ValuePattern, ...]:
    """(gold text lowercased, gold value, system value) of value errors, most frequent first."""
    counter: Counter[tuple[str, str, str]] = Counter(
        (_key(p.gold.text), p.gold.value, p.system.value)
        for _, alignment in compared
        for p in alignment.pairs
        if not p.value_ok
    )
    return tuple(ValuePattern(*key, n) for key, n in _most_common(counter, top))


def text_counts(texts: Iterable[str], top: int) -> tuple[TextCount, ...]:
    counter = Counter(_key(t) for t in texts)
    return tuple(TextCount(text, n) for text, n in _most_common(counter, top))


def _most_common(counter: Counter[_K], top: int) -> list[tuple[_K, int]]:
    # Ties in a stable order (the key), so reports compare across runs.
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


# --- the whole run ---------------------------------------------------------------------------


def evaluate(
    gold_dir: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    doc_type: str | DocType | None = None,
    only: Collection[str] | None = None,
    examples: int = DEFAULT_EXAMPLES,
) -> EvalResult:
    """chrono against every gold document: scores, per-document counts and error examples.

    `doc_type` is news, narrative or auto/None (chrono decides per document);
    `only` restricts the corpus to these file stems. Unreadable gold files are
    listed in `input_errors` and left out of the scores.
    """
    started = time.perf_counter()
    forced = parse_doc_type(doc_type)  # a bad name fails before any work
    compared: list[_Compared] = []
    problems: list[str] = []
    for item in iter_gold(gold_dir, only=only):
        try:
            if isinstance(item, InputError):
                raise item
            system = system_timexes(run_chrono(item, forced))
        except InputError as error:
            problems.append(str(error))
            continue
        compared.append((item, align(item.timexes, system)))
    return EvalResult(
        corpus=_corpus_name(gold_dir),
        doc_type=forced.value if forced else "auto",
        scores=scores_of(a for _, a in compared),
        documents=tuple(DocumentCounts(g.id, a.counts) for g, a in compared),
        error_classes=error_classes(compared, examples),
        wrong_values=wrong_value_patterns(compared, TOP_PATTERNS),
        missed_texts=text_counts((t.text for _, a in compared for t in a.missed), TOP_PATTERNS),
        spurious_texts=text_counts((t.text for _, a in compared for t in a.spurious), TOP_PATTERNS),
        seconds=time.perf_counter() - started,
        input_errors=tuple(problems),
    )


def _corpus_name(gold: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> str:
    if isinstance(gold, str | os.PathLike):
        return str(gold)
    return " ".join(str(g) for g in gold)
