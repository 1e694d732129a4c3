"""Coverage-guided fuzzing of chrono with atheris (libFuzzer for Python).

Two targets, picked by the first byte of each input (or fixed with --target):

- text: the bytes as a string through `chrono.run.pipeline.analyze_text` (documents, tagger,
  resolver, events): no exception, `text[start:end] == mention.text` for every mention;
- reader: the bytes as a file with a chosen suffix through `chrono.text.documents.iter_documents`
  and then `chrono.run.pipeline.analyze`: a Document or one InputError, never an exception.

A failing input does not stop the run: it is counted, grouped by exception and place, and
kept (repr) in the stats file, so one run lists every distinct crash. The stats file also
holds the slowest inputs; `--replay` scales the slowest-per-byte ones up to about 1 MB and
times them, which gives the longest run time per MB on the shapes the fuzzer found hardest.

    pip install atheris
    python benchmarks/fuzz_atheris.py -runs=20000 -max_len=4096
    python benchmarks/fuzz_atheris.py --target reader -runs=5000
    python benchmarks/fuzz_atheris.py --replay /tmp/chrono-fuzz/stats.json

Everything after our own options goes to libFuzzer (-runs, -max_len, -seed, corpus dirs).
Without a corpus dir a small seed corpus is written to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = [
    b"She was born on 14 October 1989 in Rome. Five years later she moved to Oslo.",
    b"Published: 2023-07-15\n\nThe council met on Saturday; since 2009 it meets monthly.",
    b"In the mid-1990s, from 1914 to 1918, Q3 2019, the 19th century, 44 BC, '98.",
    b"at 10:30 GMT on Tuesday night, every six months, a 41-year-old, aged 55",
    "1914\u20131918, 14\u00a0Oct.\u00a01989, \uff12\uff10\uff10\uff14, the \u201990s".encode(),
    b"\x01<html><head><meta property='article:published_time' content='2021-02-03'></head>"
    b"<body><p>On 5 June 1944 it rained.</p></body></html>",
    b"\x04<TimeML><DCT><TIMEX3 value='1998-01-08'/></DCT><TEXT>Shares rose yesterday.</TEXT>"
    b"</TimeML>",
    b'\x05{"id": "a", "text": "In 2004 \\ud800 it rained.", "dct": "2023-07-12"}\n[1]\n',
    b"\x00---\ntitle: x\ndate: 2020-01-01\n---\n# Spring notes\nIn March 2001.",
]


class Stats:
    """Counts, the slowest inputs and every distinct failure; saved as JSON as it goes."""

    def __init__(self, path: Path, runs: int | None = None) -> None:
        self.path = path
        self.runs = runs  # libFuzzer's -runs: it exits right after the last one, unannounced
        self.inputs = 0
        self.bytes = 0
        self.started = time.perf_counter()
        self.by_target: Counter[str] = Counter()
        self.slowest: list[dict[str, Any]] = []  # longest runs
        self.densest: list[dict[str, Any]] = []  # longest runs per byte (inputs >= 256 B)
        self.failures: dict[str, dict[str, Any]] = {}
        self._saved = 0.0

    def record(self, target: str, data: bytes, seconds: float) -> None:
        self.inputs += 1
        self.bytes += len(data)
        self.by_target[target] += 1
        entry = {"target": target, "bytes": len(data), "seconds": seconds, "input": data.hex()}
        changed = _keep_top(self.slowest, entry, "seconds")
        if len(data) >= 256:
            entry = {**entry, "seconds_per_mb": seconds / len(data) * 1e6}
            changed |= _keep_top(self.densest, entry, "seconds_per_mb")
        if changed or self.inputs == self.runs or time.perf_counter() - self._saved > 2:
            self.save()

    def failure(self, target: str, data: bytes, error: BaseException) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "/chrono/" in f.filename] or frames
        place = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        key = f"{type(error).__name__} at {place}"
        found = self.failures.setdefault(
            key,
            {
                "count": 0,
                "target": target,
                "message": str(error)[:300],
                "input": repr(data[:500]),
                "traceback": "".join(traceback.format_exception(error))[-3000:],
            },
        )
        found["count"] += 1
        if found["count"] == 1:
            print(f"\n*** new failure: {key}: {str(error)[:200]}", file=sys.stderr)
            self.save()

    def save(self) -> None:
        elapsed = time.perf_counter() - self.started
        summary = {
            "inputs": self.inputs,
            "bytes": self.bytes,
            "seconds": round(elapsed, 1),
            "by_target": dict(self.by_target),
            "failures": self.failures,
            "slowest": self.slowest,
            "densest": self.densest,
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(summary, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)
        self._saved = time.perf_counter()


def _keep_top(entries: list[dict[str, Any]], entry: dict[str, Any], key: str, n: int = 5) -> bool:
    if len(entries) >= n and entry[key] <= entries[-1][key]:
        return False
    entries.append(entry)
    entries.sort(key=lambda e: -e[key])
    del entries[n:]
    return True


def _check_offsets(text: str, result: Any) -> None:
    if result.document.text != text:
        raise AssertionError("the document text is not the text analysed")
    for m in result.mentions:
        if not (0 <= m.start < m.end <= len(text)) or text[m.start : m.end] != m.text:
            raise AssertionError(f"bad offsets {m.start}:{m.end} for {m.text!r}")


def seed_corpus(folder: Path) -> None:
    """Small hand-written seeds, and the repository's own documents as larger ones (each
    prefixed with the byte that makes the reader target use its suffix)."""
    from chrono.text.documents import SUPPORTED_SUFFIXES

    suffixes = [*SUPPORTED_SUFFIXES, ".pdf"]
    for i, seed in enumerate(SEEDS):
        (folder / f"seed{i}").write_bytes(seed)
    for path in [*ROOT.glob("seeds/*"), *ROOT.glob("tests/fixtures/documents/*")]:
        if path.suffix.lower() in suffixes and path.is_file():
            # An odd first byte picks the reader (with --target all), the next one the suffix.
            prefix = bytes([1, suffixes.index(path.suffix.lower())])
            (folder / f"file-{path.name}").write_bytes(prefix + path.read_bytes())
            (folder / f"text-{path.name}").write_bytes(b"\x00" + path.read_bytes())


def make_target(which: str, stats: Stats, workdir: Path, api: bool = False) -> Any:
    import atheris

    with atheris.instrument_imports(include=["chrono"]):
        from chrono.errors import InputError
        from chrono.run.pipeline import analyze, analyze_text
        from chrono.text.documents import SUPPORTED_SUFFIXES, iter_documents
        from chrono.types import Document

    suffixes = [*SUPPORTED_SUFFIXES, ".pdf"]
    dcts = [None, "2023-07-12", "1850-01-01"]

    def text_target(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        dct = fdp.PickValueInList(dcts)
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())  # surrogates included
        if api:  # a Document built in code: its text goes to the tagger exactly as given
            result = analyze(Document(id="api", path="-", text=text))
        else:
            result = analyze_text(text, dct=dct)
        _check_offsets(result.document.text, result)

    def reader_target(data: bytes) -> None:
        suffix = suffixes[data[0] % len(suffixes)] if data else ".txt"
        path = workdir / f"input{suffix}"
        path.write_bytes(data[1:])
        for item in iter_documents([str(path)]):
            if isinstance(item, InputError):
                if "\n" in str(item):
                    raise AssertionError(f"an error of more than one line: {item!r}")
                continue
            item.text.encode("utf-8")
            _check_offsets(item.text, analyze(item))

    targets = {"text": text_target, "reader": reader_target}

    def one_input(data: bytes) -> None:
        name = which if which != "all" else ("reader" if data[:1] and data[0] % 2 else "text")
        body = data if which != "all" else data[1:]
        start = time.perf_counter()
        try:
            targets[name](body)
        except Exception as error:  # every failure is recorded; the run goes on
            stats.failure(name, body, error)
        stats.record(name, body, time.perf_counter() - start)

    return one_input


def replay(stats_file: Path, size: int = 1_000_000) -> None:
    """The densest inputs found, repeated to about `size` bytes and timed."""
    from chrono.run.pipeline import analyze, analyze_text
    from chrono.text.documents import document_from_text

    data = json.loads(stats_file.read_text(encoding="utf-8"))
    analyze_text("warm up in 2004")
    for entry in data["densest"]:
        raw = bytes.fromhex(entry["input"])
        text = raw.decode("utf-8", "replace")
        if not text.strip():
            continue
        big = (text * (size // max(1, len(text)) + 1))[:size]
        start = time.perf_counter()
        result = analyze(document_from_text(big))
        seconds = time.perf_counter() - start
        mb = len(big.encode("utf-8", "replace")) / 1e6
        print(
            f"{entry['target']:6s} {len(raw):5d} B x{len(big) // max(1, len(text))}: "
            f"{seconds:6.2f} s for {mb:.2f} MB = {seconds / mb:6.2f} s/MB, "
            f"{len(result.mentions)} mentions; input {text[:60]!r}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["all", "text", "reader"], default="all")
    parser.add_argument("--stats", type=Path, default=None, help="where to keep the stats JSON")
    parser.add_argument("--replay", type=Path, default=None, help="time a stats file's inputs")
    parser.add_argument(
        "--api", action="store_true", help="text target: analyze(Document(text)), no reader"
    )
    ours, rest = parser.parse_known_args()
    if ours.replay is not None:
        replay(ours.replay)
        return
    import atheris

    workdir = Path(tempfile.mkdtemp(prefix="chrono-fuzz-"))
    runs = next((int(a.split("=", 1)[1]) for a in rest if a.startswith("-runs=")), None)
    stats = Stats(ours.stats or workdir / "stats.json", runs)
    if not any(not arg.startswith("-") for arg in rest):  # no corpus folder: seed one
        corpus = workdir / "corpus"
        corpus.mkdir()
        seed_corpus(corpus)
        rest.append(str(corpus))
    print(f"stats: {stats.path}", file=sys.stderr)
    atheris.Setup([sys.argv[0], *rest], make_target(ours.target, stats, workdir, ours.api))
    try:
        atheris.Fuzz()
    finally:  # libFuzzer may leave without Python's atexit; save what we have anyway
        stats.save()


if __name__ == "__main__":
    main()
