"""The library API: documents in, a `Timeline` out. The CLI is a thin layer over this.

Per document (`chrono.run.analysis`): tag -> decide news/narrative -> resolve -> (no date?
infer one from the text and resolve again against it) -> events. Across documents
(`chrono.run.assemble`): merge the reports of one happening, solve every time constraint at
once (contradictions, and dates for undated documents that others imply), and order the
events on one timeline. This module only wires the stages together; `run` is the streaming
form the CLI uses (worker processes, results kept on disk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from chrono.errors import UsageError, unknown_dct_id, unknown_doc_type
from chrono.run import analysis, parallel
from chrono.run.analysis import Digest, digest
from chrono.run.assemble import Assembled, Run
from chrono.run.parallel import Failed, Task
from chrono.run.shelf import DiskShelf, MemoryShelf
from chrono.text import documents
from chrono.types import CalendarValue, DocType, Document, DocumentResult, Timeline

DOC_TYPES = ("auto", "news", "narrative")


def parse_doc_type(value: str | DocType | None) -> DocType | None:
    """'auto' (or None) lets chrono decide per document."""
    if value is None or isinstance(value, DocType):
        return value
    if value not in DOC_TYPES:
        raise UsageError(unknown_doc_type(value))
    return None if value == "auto" else DocType(value)


def analyze(
    document: Document, doc_type: str | DocType | None = None, *, events: bool = True
) -> DocumentResult:
    """All per-document stages for one document (`events=False`: the times only)."""
    return analysis.analyze(document, parse_doc_type(doc_type), events=events)


def analyze_text(
    text: str,
    *,
    dct: str | None = None,
    doc_type: str | DocType | None = None,
    doc_id: str = "text",
) -> DocumentResult:
    """Analyse a string: `analyze_text("She left in 2004. Five years later she returned.")`."""
    value = _dct_value(dct) if dct else None
    document = documents.document_from_text(text, doc_id, dct=value)
    return analyze(document, doc_type)


def build_timeline(
    results: Iterable[DocumentResult], errors: Sequence[str] = (), warnings: Sequence[str] = ()
) -> Timeline:
    """One timeline from analysed documents: events in time order, undated ones last."""
    assembly = Run(MemoryShelf(), keep=True)
    for result in results:
        assembly.add(digest(result, keep=True))
    for line in errors:
        assembly.error(line)
    return assembly.finish(warnings).timeline()


def reconstruct(
    paths: str | Path | Sequence[str | Path],
    *,
    dct: str | Sequence[str] | None = None,
    doc_type: str | DocType | None = "auto",
    jobs: int = 1,
    max_bytes: int = documents.DEFAULT_MAX_BYTES,
    events: bool = True,
) -> Timeline:
    """Read files or folders and reconstruct their chronology.

    `dct` is one date for every document (`"2023-07-15"`) or a list of
    `DOC_ID=DATE` / `DATE` items as `--dct` takes them. Unreadable inputs do not
    stop the others: their one-line reasons are in `Timeline.errors`. `jobs`: worker
    processes for the per-document stages (the result is the same for any number).
    A document larger than `max_bytes` is such an input. `events=False` stops at the times
    (no parser: what `chrono tag` needs).
    """
    assembled = run(
        paths,
        dct=dct,
        doc_type=doc_type,
        jobs=jobs,
        keep=True,
        max_bytes=max_bytes,
        events=events,
    )
    try:
        return assembled.timeline()
    finally:
        assembled.close()


def run(
    paths: str | Path | Sequence[str | Path],
    *,
    dct: str | Sequence[str] | None = None,
    doc_type: str | DocType | None = "auto",
    jobs: int = 1,
    keep: bool = False,
    on_document: Callable[[Digest | Failed], None] | None = None,
    max_bytes: int = documents.DEFAULT_MAX_BYTES,
    debug: bool = False,
    events: bool = True,
) -> Assembled:
    """The streaming run behind `reconstruct` and the CLI: documents are read one at a time
    and analysed in `jobs` processes; unless `keep` (to build a Timeline), each document's
    bulky parts wait in a temporary file, so memory stays flat as the corpus grows.
    `on_document` sees each digest or failure as it arrives (progress, `--jsonl`);
    `debug` lets a failed analysis raise instead of costing its document. Close the result
    when done with it."""
    if isinstance(paths, str | Path):
        paths = [paths]
    overrides = documents.parse_dct_options([dct] if isinstance(dct, str) else list(dct or ()))
    task = Task(parse_doc_type(doc_type), keep, pack=not keep, debug=debug, events=events)
    assembly = Run(MemoryShelf() if keep else DiskShelf(), keep=keep)
    seen: set[str] = set()
    try:
        found = documents.iter_documents(
            [str(p) for p in paths], dct=overrides, max_bytes=max_bytes
        )
        notes: list[str] = []  # inputs left out on purpose
        for item in parallel.digests(found, task, jobs):
            if on_document is not None:
                on_document(item)
            if isinstance(item, Failed) and item.skipped:
                notes.append(str(item.error()))
            elif isinstance(item, Failed):
                assembly.error(str(item.error()))
            else:
                seen.add(item.doc_id)
                assembly.add(item)
        unused = [unknown_dct_id(doc_id) for doc_id in overrides.per_doc if doc_id not in seen]
        return assembly.finish([*notes, *unused])
    except BaseException:
        assembly.shelf.close()
        raise


def _dct_value(text: str) -> CalendarValue:
    overrides = documents.parse_dct_options([text])
    assert overrides.all is not None
    return overrides.all
