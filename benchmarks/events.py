"""Events, entity timelines and coreference on the NewsReader Apple set: writes reports/events.md.

    python benchmarks/events.py [--eval-dir ../shared/eval] [--out reports/events.md]
                                [--work-dir DIR]

Runs chrono on the 30 SemEval-2015 Task 4 trial articles (as plain text) and scores it with
chrono.eval.events_report: temporal awareness of the entity timelines, dated events, event
mentions against MEANTIME, cross-document event and within-document entity coreference. The
corpora are read from ../shared/eval/newsreader-apple, never copied into the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from chrono.eval.events_report import events_report
from chrono.render.atomic import write_text_atomic

HERE = Path(__file__).resolve().parent
SET = "newsreader-apple"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=str(HERE.parent.parent / "shared" / "eval"))
    parser.add_argument("--out", default=str(HERE.parent / "reports" / "events.md"))
    parser.add_argument("--work-dir", default=None, help="keep the texts and timelines here")
    args = parser.parse_args(argv)
    root = Path(args.eval_dir) / SET
    command = "python benchmarks/events.py --eval-dir ../shared/eval"
    started = time.perf_counter()
    report = events_report(
        root / "semeval2015-task4-trial",
        root / "meantime-apple",
        args.work_dir,
        command=command,
    )
    write_text_atomic(Path(args.out), report)
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
