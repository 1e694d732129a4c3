"""The per-document stage over many documents: in this process or in worker processes,
always giving the digests in input order (so `--jobs` never changes the result).

The first documents are analysed here; once that has taken `SOLO_SECONDS`, the rest go to
`jobs` worker processes (a pool's start costs more than a small run).

Workers are forked after the language resources are loaded, so they share them instead of
each compiling its own; they ignore Ctrl-C, which the main process handles once. A document
whose analysis fails is reported as a bad input (one line naming it), never a crash of the
run.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from chrono import errors
from chrono.errors import InputError, SkippedInput
from chrono.run.analysis import Digest, analyze, analyze_batch, digest
from chrono.types import DocType, Document, DocumentResult

# A batch: the documents analysed together, their sentences parsed in one stream (the model
# is faster on full batches), and sent to a worker at a time (fewer round trips, still fair).
_BATCH_DOCUMENTS = 16
_BATCH_CHARACTERS = 100_000
# Work done here before starting workers: a short run is over before they would have started.
SOLO_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Task:
    """How every document of a run is analysed."""

    forced: DocType | None = None  # news or narrative for all; None: decided per document
    keep: bool = False  # keep whole results in the digests (to build a Timeline)
    pack: bool = False  # pack the bulky parts for a disk shelf where they are made
    debug: bool = False  # a failed analysis stops the run with its traceback
    # The document can be read again where it is needed (a Dask run), so an undated one's
    # whole result need not travel with its digest in case other documents date it.
    rereadable: bool = False
    events: bool = True  # False: the times only (`chrono tag`: no parser, scan speed)


@dataclass(frozen=True, slots=True)
class Failed:
    """A document that could not be analysed (picklable, unlike an exception)."""

    path: str
    reason: str
    skipped: bool = False  # left out on purpose (chrono's own output): a note, not an error

    @classmethod
    def of(cls, error: InputError) -> Failed:
        return cls(error.path, error.reason, isinstance(error, SkippedInput))

    def error(self) -> InputError:
        return (SkippedInput if self.skipped else InputError)(self.path, self.reason)


def default_jobs() -> int:
    """All the cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


def digests(
    documents: Iterable[Document | InputError], task: Task, jobs: int = 1
) -> Iterator[Digest | Failed]:
    """Each document's digest (or why it could not be read or analysed), in input order."""
    items = (Failed.of(d) if isinstance(d, InputError) else d for d in documents)
    batches = _batches(items)
    started = time.monotonic()
    for batch in batches:
        yield from work_batch(batch, task)
        if jobs > 1 and time.monotonic() - started > SOLO_SECONDS:
            break
    else:
        return  # done before workers were worth starting
    prepare(task.events)
    context = multiprocessing.get_context(_start_method())
    with context.Pool(jobs, initializer=_init, initargs=(task,)) as pool:
        for done in pool.imap(_work_here, batches):
            yield from done


def _batches(items: Iterable[Document | Failed]) -> Iterator[list[Document | Failed]]:
    """Consecutive items, up to `_BATCH_DOCUMENTS` or `_BATCH_CHARACTERS` at a time."""
    batch: list[Document | Failed] = []
    characters = 0
    for item in items:
        batch.append(item)
        characters += len(item.text) if isinstance(item, Document) else 0
        if len(batch) >= _BATCH_DOCUMENTS or characters >= _BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def prepare(events: bool = True) -> None:
    """Load the language resources (a document touching every stage; with the events, the
    parser) before forking, so the workers share them."""
    warm = Document(id="warm-up", path="", text="She was born in 1967 and left two years later.")
    analyze(warm, events=events)


def _start_method() -> str:
    # fork shares the loaded resources and starts at once; elsewhere the default.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


_TASK = Task()


def _init(task: Task) -> None:
    global _TASK
    _TASK = task
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the run


def _work_here(batch: list[Document | Failed]) -> list[Digest | Failed]:
    return work_batch(batch, _TASK)


def work(document: Document | Failed, task: Task) -> Digest | Failed:
    """One document's digest, wherever it runs; a failed analysis is a `Failed`."""
    (found,) = work_batch([document], task)
    return found


def work_batch(batch: list[Document | Failed], task: Task) -> list[Digest | Failed]:
    """Each item's digest (or why it failed), in order; the documents analysed together."""
    readable = [item for item in batch if isinstance(item, Document)]
    results = iter(analyze_batch(readable, task.forced, events=task.events))
    out: list[Digest | Failed] = []
    for item in batch:
        if isinstance(item, Failed):
            out.append(item)  # unreadable: its reason travels on in its place
            continue
        out.append(_digest(item, next(results), task))
    return out


def _digest(document: Document, result: DocumentResult | Exception, task: Task) -> Digest | Failed:
    try:
        if isinstance(result, Exception):
            raise result
        found = digest(result, keep=task.keep, keep_undated=not task.rereadable)
        return found.packed() if task.pack else found
    except Exception as exc:  # a bug must cost one document, not the run
        if task.debug:
            raise
        return Failed(document.path or document.id, errors.analysis_failed(exc))
