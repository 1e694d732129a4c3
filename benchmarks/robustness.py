"""Robustness figures for reports/robustness.md: time ratios on adversarial text, seconds per MB.

    python benchmarks/robustness.py ratios          # time(4N)/time(N): pipeline, rules, reader
    python benchmarks/robustness.py permb           # seconds per MB through analyze_text
    python benchmarks/robustness.py permb --exact   # ... every rule run everywhere (no RE2)

The adversarial inputs are the ones tests/test_robustness.py reads (tests/adversarial.py,
one source of truth); the tests check the answers, this script the time. `--exact` patches
chrono in this process only; nothing is changed on disk.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from adversarial import ADVERSARIAL, ADVERSARIAL_FILES, digits_and_dates  # noqa: E402

from chrono.run import pipeline  # noqa: E402
from chrono.text import documents  # noqa: E402
from chrono.times import prefilter, tagger  # noqa: E402
from chrono.times.language import load  # noqa: E402


def exact_everywhere() -> None:
    """The tagger without RE2: every rule runs over every chunk."""
    tagger._prefilter.cache_clear()
    slow = prefilter.Prefilter([r.regex.pattern for r in load().rules], accelerate=False)
    tagger._prefilter = lambda pack: slow  # type: ignore[assignment]


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


def read_all(path: str) -> None:
    list(documents.iter_documents([path]))


def ratios(n: int) -> None:
    print("| input | N | pipeline N | pipeline 4N | ratio | rules N | rules 4N | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, make in ADVERSARIAL.items():
        cells = [name, f"{n:,}"]
        for run in (pipeline.analyze_text, all_rules):
            run(make(200))
            small, large = best(run, make(n)), best(run, make(4 * n), runs=1)
            cells += [f"{small:.3f} s", f"{large:.3f} s", f"{large / small:.1f}"]
        print("| " + " | ".join(cells) + " |", flush=True)
    print()
    print("| file | N | read N | read 4N | ratio |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, make) in ADVERSARIAL_FILES.items():
            times = []
            for size in (10 * n, 40 * n):
                path = Path(folder) / f"{name}-{size}{suffix}"
                path.write_text(make(size), encoding="utf-8")
                times.append(best(read_all, str(path)))
            cells = [name, f"{10 * n:,}", f"{times[0]:.3f} s", f"{times[1]:.3f} s"]
            print("| " + " | ".join(cells) + f" | {times[1] / times[0]:.1f} |", flush=True)


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
    args = parser.parse_args()
    if args.exact:
        exact_everywhere()
    ratios(args.n) if args.what == "ratios" else per_mb(args.size)


if __name__ == "__main__":
    main()
