"""chrono on a Dask cluster: the chronology of one process, from many machines.

    pip install 'chrono[dask]'

Per-document stages (read, tag, resolve, events) map over partitions of the file paths or
URLs (or of a Dask bag of them), a few files per task. The workers read the files themselves (paths
they can reach, or URLs through fsspec: s3://, gs://, file://...): no document passes
through the client. The client takes the digests partition by partition, in input order,
with a bounded window of partitions in flight, and names the documents as a single
process would (a repeated id becomes `id-2`; a renamed document is analysed again on a
worker under its new id and `--dct`).

Across documents (`chrono.run.assemble`): the merge files each event's compact profile under
its blocking keys (time bucket, trigger and participant keys); the blocks are compared on
the workers, in batches; the client joins the links they find and solves the time
constraints across blocks and documents (contradictions, chains, dates for undated
documents) in one final reduction. A document that others date is read and analysed again
on a worker against that date.

The result is the single-process run's exactly: everything the assembly sees arrives in
input order, whatever ran where. A worker lost mid-run costs only time: Dask runs its
tasks again elsewhere, and the client takes each partition's result once.
"""

from __future__ import annotations

import importlib.util
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chrono import errors
from chrono.errors import InputError, UsageError
from chrono.run.analysis import Digest, analyze, digest, redate
from chrono.run.assemble import Assembled, Run
from chrono.run.parallel import Failed, Task, work
from chrono.run.pipeline import parse_doc_type
from chrono.run.shelf import DiskShelf, MemoryShelf
from chrono.text import documents
from chrono.text.documents import DctOverrides
from chrono.timeline.dating import Estimate
from chrono.timeline.merge import Filed, Matched
from chrono.types import DocType, Document, Timeline

if TYPE_CHECKING:  # Dask is an optional extra: imported only when a run uses it
    from dask.bag import Bag
    from distributed import Client

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
# Files per task when not given: up to MAX_PARTITION_SIZE (per task, Dask costs a few
# milliseconds; 64 news articles take chrono a second or more), but at least
# _TASKS_PER_THREAD tasks for each worker thread so that no worker waits on another.
MAX_PARTITION_SIZE = 64
_TASKS_PER_THREAD = 4
_WINDOW_PER_THREAD = 4  # partitions in flight per worker thread: busy workers, bounded memory
_BATCH_EVENTS = 20_000  # profiles per batch of merge blocks sent to a worker

# Where a document comes from: its file (or URL), and its place among the file's documents
# (a .jsonl file holds many), so that a worker can read it again.
Source = tuple[str, int]


@dataclass(frozen=True, slots=True)
class _Job:
    """How every document of a run is read and analysed, shipped with each task."""

    task: Task
    overrides: DctOverrides
    max_bytes: int


def available() -> bool:
    return importlib.util.find_spec("distributed") is not None


@contextmanager
def connect(scheduler: str, workers: int, timeout: str = "20s") -> Iterator[Client]:
    """A client of the scheduler at `scheduler` (tcp://host:8786), or of a LocalCluster of
    `workers` single-threaded processes on this machine for `local`."""
    if not available():
        raise UsageError(errors.NO_DASK)
    from distributed import Client, LocalCluster

    if scheduler != LOCAL:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise UsageError(errors.no_scheduler(scheduler, error)) from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:
        yield client


def reconstruct(
    paths_or_bag: str | Path | Sequence[str | Path] | Bag,
    client: Client,
    *,
    dct: str | Sequence[str] | None = None,
    doc_type: str | DocType | None = "auto",
    max_bytes: int = documents.DEFAULT_MAX_BYTES,
    partition_size: int | None = None,
) -> Timeline:
    """`chrono.reconstruct` on a Dask cluster: the same Timeline, the documents read and
    analysed by the workers. `paths_or_bag`: files, folders or URLs, or a Dask bag of them
    (its partitions are then the tasks)."""
    assembled = run(
        paths_or_bag,
        client,
        dct=dct,
        doc_type=doc_type,
        keep=True,
        max_bytes=max_bytes,
        partition_size=partition_size,
    )
    try:
        return assembled.timeline()
    finally:
        assembled.close()


def run(
    paths_or_bag: str | Path | Sequence[str | Path] | Bag,
    client: Client,
    *,
    dct: str | Sequence[str] | None = None,
    doc_type: str | DocType | None = "auto",
    keep: bool = False,
    on_document: Callable[[Digest | Failed], None] | None = None,
    max_bytes: int = documents.DEFAULT_MAX_BYTES,
    partition_size: int | None = None,
    debug: bool = False,
) -> Assembled:
    """`chrono.run.pipeline.run` on a Dask cluster (the same arguments, the same result)."""
    overrides = documents.parse_dct_options([dct] if isinstance(dct, str) else list(dct or ()))
    task = Task(parse_doc_type(doc_type), keep, pack=not keep, debug=debug, rereadable=True)
    job = _Job(task, overrides, max_bytes)
    parts = _partitions(paths_or_bag, job, partition_size, _threads(client))
    sources: list[Source] = []

    def redo(position: int, estimate: Estimate) -> Digest:
        path, index = sources[position]
        return _remote(client, _again, path, index, assembly.docs[position].doc_id, job, estimate)

    assembly = Run(MemoryShelf() if keep else DiskShelf(), keep=keep, redo=redo)
    ids = documents.IdRegistry()
    notes: list[str] = []  # inputs left out on purpose
    try:
        for (path, index), item in _in_order(client, parts):
            if isinstance(item, Digest):
                doc_id = ids.claim(item.doc_id)
                if doc_id != item.doc_id:  # a name taken before: analysed under its new one
                    item = _remote(client, _again, path, index, doc_id, job, None)
                sources.append((path, index))
                assembly.add(item)
            elif item.skipped:
                notes.append(str(item.error()))
            else:
                assembly.error(str(item.error()))
            if on_document is not None:
                on_document(item)
        seen = {d.doc_id for d in assembly.docs}
        unused = [errors.unknown_dct_id(d) for d in overrides.per_doc if d not in seen]
        return assembly.finish([*notes, *unused], mapper=_block_mapper(client))
    except BaseException:
        assembly.shelf.close()
        raise


# --- the client's side -----------------------------------------------------------------------


def _partitions(
    paths_or_bag: Any, job: _Job, partition_size: int | None, threads: int
) -> list[Any]:
    """One delayed task per partition, each giving the `_analyzed` of its files. Each task's
    graph holds its own files only: a graph of the whole list, sent with every partition,
    would make the client's work grow with the square of the corpus."""
    import dask
    import dask.bag as db

    if isinstance(paths_or_bag, db.Bag):
        whole = paths_or_bag.map_partitions(_analyzed, job).to_delayed(optimize_graph=True)
        return [dask.optimize(part)[0] for part in whole]  # each culled to its partition
    if isinstance(paths_or_bag, str | Path):
        paths_or_bag = [paths_or_bag]
    arguments = [str(p) for p in paths_or_bag]
    if documents.STDIN_ARG in arguments:
        raise UsageError(errors.STDIN_ON_CLUSTER)
    # Planned here (names only, nothing read): folders become their files, so a folder
    # of many files spreads over many tasks. A path this machine cannot see goes to the
    # workers as it is: they may see it (and if not, say so as this machine would).
    entries: list[str | InputError] = []
    for argument in arguments:
        visible = documents.is_url(argument) or os.path.lexists(argument)
        entries.extend(documents.plan([argument]) if visible else [argument])
    if not entries:
        return []
    if partition_size is None:
        fair = -(-len(entries) // (_TASKS_PER_THREAD * threads))
        partition_size = max(1, min(MAX_PARTITION_SIZE, fair))
    task = dask.delayed(_analyzed, pure=False)
    return [
        task(entries[start : start + partition_size], job)
        for start in range(0, len(entries), partition_size)
    ]


def _in_order(client: Client, parts: Sequence[Any]) -> Iterator[tuple[Source, Digest | Failed]]:
    """The partitions' results in input order, a bounded number computed at a time."""
    window = max(2, _WINDOW_PER_THREAD * _threads(client))
    waiting = iter(parts)
    running = deque(client.compute(part) for part in islice(waiting, window))
    try:
        while running:
            found = running.popleft().result()  # a lost worker's tasks are rerun, not lost
            running.extend(client.compute(part) for part in islice(waiting, 1))
            yield from found
    finally:
        for future in running:
            future.cancel()


def _threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def _remote(client: Client, function: Callable[..., Digest], *args: Any) -> Digest:
    future = client.submit(function, *args, pure=False)
    try:
        return future.result()
    finally:
        future.release()


def _block_mapper(
    client: Client,
) -> Callable[[Callable[[Filed], Matched], Iterable[Filed]], Iterator[Matched]]:
    """The merge's blocks compared on the workers, in batches of about `_BATCH_EVENTS`
    events, their matches given back in block order."""

    def mapper(compare: Callable[[Filed], Matched], blocks: Iterable[Filed]) -> Iterator[Matched]:
        futures = [
            client.submit(_compared, compare, batch, pure=False) for batch in _batches(blocks)
        ]
        try:
            for future in futures:
                yield from future.result()
                future.release()
        finally:
            for future in futures:
                future.cancel()

    return mapper


def _batches(blocks: Iterable[Filed]) -> Iterator[list[Filed]]:
    batch: list[Filed] = []
    size = 0
    for block in blocks:
        batch.append(block)
        size += len(block)
        if size >= _BATCH_EVENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# --- the workers' side -----------------------------------------------------------------------


def _analyzed(
    entries: Iterable[str | InputError], job: _Job
) -> list[tuple[Source, Digest | Failed]]:
    """Every document of the partition's files (or URLs), read and analysed here, each under
    the id its file gives it (the client renames the few whose id was taken)."""
    out: list[tuple[Source, Digest | Failed]] = []
    for entry in entries:
        planned = [entry] if isinstance(entry, InputError) else documents.plan([entry])
        for path in planned:
            if isinstance(path, InputError):
                out.append(((path.path, 0), Failed.of(path)))
            elif path == documents.STDIN_ARG:
                out.append(((path, 0), Failed(path, errors.STDIN_ON_CLUSTER)))
            else:
                for index, item in enumerate(documents.read_path(path, job.max_bytes)):
                    if isinstance(item, InputError):
                        found: Digest | Failed = Failed.of(item)
                    else:
                        found = work(documents.named(item, item.id, job.overrides), job.task)
                    out.append(((path, index), found))
    return out


def _again(path: str, index: int, doc_id: str, job: _Job, estimate: Estimate | None) -> Digest:
    """A document read and analysed again, under its run-wide id, against the date other
    documents give it (`estimate`), as the single-process run does from its kept result."""
    item = next(islice(documents.read_path(path, job.max_bytes), index, None), None)
    if not isinstance(item, Document):
        raise InputError(path, errors.CHANGED_DURING_RUN)
    result = analyze(
        documents.named(item, doc_id, job.overrides), job.task.forced, events=job.task.events
    )
    if estimate is not None:
        result = redate(result, estimate)
    found = digest(result, keep=job.task.keep, keep_undated=False)
    return found.packed() if job.task.pack else found


def _compared(compare: Callable[[Filed], Matched], batch: list[Filed]) -> list[Matched]:
    return [compare(block) for block in batch]
