"""chrono on Dask (chrono.run.distributed): the same JSON as the single-process run, from a
2-worker LocalCluster, even when a worker is killed mid-run.

Skipped without the `dask` extra, except in CI (CHRONO_REQUIRE_DASK=1), where a missing
Dask is a failure: the backend must be tested there."""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_fixtures import NOT_TEXT, write_corpus
from typer.testing import CliRunner

from chrono.cli import app
from chrono.errors import UsageError
from chrono.render.json_export import iter_json, timeline_to_json
from chrono.run.assemble import Assembled
from chrono.run.parallel import Failed
from chrono.run.pipeline import reconstruct, run
from chrono.types import DctSource

if os.environ.get("CHRONO_REQUIRE_DASK") != "1":
    pytest.importorskip("distributed", reason="the dask extra is not installed")

import dask.bag as db
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import SchedulerPlugin

from chrono.run import distributed

CREATED = "2026-01-01T00:00:00Z"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture
def paths(tmp_path: Path) -> list[str]:
    """The corpus of test_scale, and what only a cluster run must get right besides: names
    taken twice (one inside a .jsonl file), a bad .jsonl line, a missing path, a URL."""
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "a.txt").write_text(
        "Published: 2022-06-01\n\nAnna Kessler founded the Kessler Foundation in 1998.",
        encoding="utf-8",
    )
    records = [
        {"id": "e", "text": "Mira Sorvino joined Amnesty International in 2004.", "dct": "2010"},
        "not json",
        {"text": "Five years later, in 2009, she became a Goodwill Ambassador."},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = (tmp_path / "url.txt").resolve()
    url.write_text("Published: 2018-02-02\n\nThe museum reopened in 2017.", encoding="utf-8")
    folders = [str(corpus), str(tmp_path / "more")]
    return [*folders, str(tmp_path / "feed.jsonl"), "missing.txt", url.as_uri()]


def exported(assembled: Assembled) -> str:
    try:
        return "".join(iter_json(assembled.parts(), created=CREATED))
    finally:
        assembled.close()


def test_a_cluster_run_gives_the_single_process_json(paths: list[str], client: Client) -> None:
    expected = reconstruct(paths)
    ids = [r.document.id for r in expected.documents]
    assert ids == ["a", "b", "c", "d", "e", "f", "a-2", "e-2", "feed-3", "url"]
    assert expected.documents[3].document.dct.source is DctSource.INFERRED  # d, by e's birth
    named = [line.rpartition("/")[2].partition(":")[0] for line in expected.errors]
    assert named == [NOT_TEXT, "feed.jsonl", "missing.txt"]  # each bad input once
    single = timeline_to_json(expected, created=CREATED)

    assert exported(distributed.run(paths, client, partition_size=1)) == single
    assert exported(distributed.run(paths, client, partition_size=64)) == single
    found = distributed.reconstruct(paths, client, partition_size=3)
    assert timeline_to_json(found, created=CREATED) == single
    # A Dask bag of paths: its partitions are the tasks; folders are walked by the workers.
    bag = db.from_sequence(paths, npartitions=3)
    assert exported(distributed.run(bag, client)) == single


def test_options_reach_the_workers(paths: list[str], client: Client) -> None:
    options = {"dct": ["2015-01-01", "e-2=2011-05-05"], "doc_type": "narrative"}
    single = exported(run(paths, **options))  # type: ignore[arg-type]
    assert exported(distributed.run(paths, client, **options)) == single  # type: ignore[arg-type]
    documents = json.loads(single)["documents"]
    renamed = next(d for d in documents if d["id"] == "e-2")
    assert renamed["dct"]["value"] == "2011-05-05"  # --dct of the id it was renamed to


class Starts(SchedulerPlugin):
    """How many times the scheduler started each task (a rerun task starts twice)."""

    name = "chrono-test-starts"

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def transition(self, key: Any, start: str, finish: str, *args: Any, **kwargs: Any) -> None:
        if finish == "processing":
            self.counts[str(key)] += 1


def test_a_killed_worker_loses_and_duplicates_nothing(paths: list[str]) -> None:
    single = exported(run(paths))
    killed: list[int] = []
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(Starts())
        pids = client.run(os.getpid)

        def kill_one(item: object) -> None:
            if killed or isinstance(item, Failed):
                return
            # The worker with the most tasks done or running dies with them.
            held, running = client.has_what(), client.processing()
            busiest = max(pids, key=lambda w: len(held.get(w, ())) + len(running.get(w, ())))
            killed.append(pids[busiest])
            os.kill(pids[busiest], signal.SIGKILL)

        found = exported(distributed.run(paths, client, partition_size=1, on_document=kill_one))
        client.wait_for_workers(2, timeout=60)  # the nanny started a new one
        assert killed and killed[0] not in client.run(os.getpid).values()
        starts = client.run_on_scheduler(
            lambda dask_scheduler: dask_scheduler.plugins[Starts.name].counts
        )
        assert max(starts.values()) >= 2  # Dask ran the lost work again...
    assert found == single  # ...and the client took each document once


def test_stdin_and_unreachable_schedulers_are_usage_errors(client: Client) -> None:
    with pytest.raises(UsageError, match="stdin"):
        distributed.run(["-"], client)
    with (
        pytest.raises(UsageError, match="no Dask scheduler reachable"),
        distributed.connect("tcp://127.0.0.1:9", 1, timeout="2s"),
    ):
        pass


def test_the_cli_on_a_local_cluster(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for extra in ([], ["--scheduler", "local", "--jobs", "2"]):
        out = tmp_path / f"out{len(extra)}.json"
        seeds = str(ROOT / "seeds")
        result = runner.invoke(app, ["timeline", seeds, "-q", "--json", str(out), *extra])
        assert result.exit_code == 0, result.output
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("created")
        outputs.append(data)
    assert outputs[0] == outputs[1] and outputs[0]["events"]
