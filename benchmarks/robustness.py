"""Robustness figures for reports/robustness.md: time ratios on adversarial text, seconds per MB.

    python benchmarks/robustness.py ratios          # time(4N)/time(N): pipeline, rule patterns
    python benchmarks/robustness.py permb           # seconds per MB through analyze_text
    python benchmarks/robustness.py permb --exact   # ... every rule run everywhere (no RE2)
    python benchmarks/robustness.py permb --capped  # ... with the proposed dense-span cap
    python benchmarks/robustness.py ratios --split 1000  # ... sentences cut to 1,000 chars

The adversarial inputs are the ones tests/test_robustness.py runs (one source of truth).
`--capped` and `--split` patch chrono in this process only, to measure fixes proposed to
the modules' owners; nothing is changed on disk.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_robustness import ADVERSARIAL, QUADRATIC_TODAY, digits_and_dates  # noqa: E402

from chrono import pipeline, prefilter, sentences, tagger  # noqa: E402
from chrono.language import load  # noqa: E402

_DENSE = 8  # superset matches in one chunk after which one exact pass is cheaper


def exact_everywhere() -> None:
    """The tagger without RE2: every rule runs over every chunk."""
    tagger._prefilter.cache_clear()
    slow = prefilter.Prefilter([r.regex.pattern for r in load().rules], accelerate=False)
    tagger._prefilter = lambda pack: slow  # type: ignore[assignment]


def cap_dense_spans() -> None:
    """Proposed fix: after a few superset matches in a chunk, run the exact rule over the rest
    of the chunk once instead of once per (tiny) span."""
    original = prefilter.Prefilter.spans

    def spans(self: prefilter.Prefilter, rule: int, chunk: str) -> list[tuple[int, int]]:
        each = self._each
        if each is None:
            return original(self, rule, chunk)
        out: list[tuple[int, int]] = []
        for count, match in enumerate(each[rule].finditer(chunk)):
            start, end = match.span()
            if count >= _DENSE:
                return [(out[0][0], len(chunk))]
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return out

    prefilter.Prefilter.spans = spans  # type: ignore[method-assign]


def split_sentences(limit: int) -> None:
    """Proposed fix: no sentence longer than `limit` characters reaches the event stage."""
    original = sentences.sentence_spans

    def spans(text: str, start: int = 0) -> list[tuple[int, int]]:
        out = []
        for a, b in original(text, start):
            while b - a > limit:
                cut = text.rfind(" ", a + limit // 2, a + limit)
                cut = a + limit if cut <= a else cut + 1
                out.append((a, cut))
                a = cut
            out.append((a, b))
        return out

    sentences.sentence_spans = spans  # callers look it up on the module


def best(run: Callable[[str], object], text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    return min(times)


def all_rules(text: str) -> None:
    for rule in load().rules:
        for _ in rule.regex.finditer(text):
            pass


def ratios(n: int) -> None:
    kinds = {**ADVERSARIAL, **QUADRATIC_TODAY}
    print("| input | N | pipeline N | pipeline 4N | ratio | rules N | rules 4N | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, make in kinds.items():
        cells = [name, f"{n:,}"]
        for run in (pipeline.analyze_text, all_rules):
            run(make(200))
            small, large = best(run, make(n)), best(run, make(4 * n), runs=1)
            cells += [f"{small:.3f} s", f"{large:.3f} s", f"{large / small:.1f}"]
        print("| " + " | ".join(cells) + " |", flush=True)


def per_mb(size: int) -> None:
    seed = (ROOT / "seeds" / "000_422e6b4d2070c1f1.txt").read_text(encoding="utf-8")
    kinds: dict[str, Callable[[int], str]] = {
        "news prose (seed article repeated)": lambda n: (seed * (n // len(seed) + 1))[:n],
        "one line of digits and dates": digits_and_dates,
        **{k: ADVERSARIAL[k] for k in ("digits", "digit_groups", "spaces", "month_names")},
        **{k: ADVERSARIAL[k] for k in ("one_dash_one", "the_the", "nested_parens")},
    }
    pipeline.analyze_text("warm up in 2004")
    print("| input | MB | seconds | s/MB | mentions |")
    print("|---|---:|---:|---:|---:|")
    for name, make in kinds.items():
        text = make(size)
        mb = len(text.encode("utf-8")) / 1e6
        start = time.perf_counter()
        result = pipeline.analyze_text(text)
        seconds = time.perf_counter() - start
        found = len(result.mentions)
        print(f"| {name} | {mb:.2f} | {seconds:.1f} | {seconds / mb:.1f} | {found:,} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["ratios", "permb"])
    parser.add_argument("--n", type=int, default=16_000, help="N for the ratios")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters for permb")
    parser.add_argument("--exact", action="store_true", help="no RE2 prefilter")
    parser.add_argument("--capped", action="store_true", help="proposed dense-span cap")
    parser.add_argument("--split", type=int, default=0, help="cut sentences to this length")
    args = parser.parse_args()
    if args.exact:
        exact_everywhere()
    if args.capped:
        cap_dense_spans()
    if args.split:
        split_sentences(args.split)
    ratios(args.n) if args.what == "ratios" else per_mb(args.size)


if __name__ == "__main__":
    main()
