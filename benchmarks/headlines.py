"""Well-formedness of event headlines on unseen text, judged by hand: writes reports/headlines.md.

    python benchmarks/headlines.py [--eval-dir ../shared/eval] [--out reports/headlines.md]
                                   [--judgments benchmarks/headline_judgments.toml] [--dump]

Runs chrono on the 30 SemEval-2015 Task 4 trial articles (WikiNews, as plain text:
chrono.eval.timelines.prepare_documents), shuffles the events with random.Random(2026) and keeps
the first 100: a fixed sample. Each sampled headline has a verdict in the judgments file, keyed
by "<doc_id>:<source start>:<headline>", so a headline that changes (or an event that moves) has
no verdict any more: the report lists it as unjudged and the script exits non-zero, rather than
reusing a verdict given to another text. `--dump` prints the sample's keys, headlines and quotes,
to judge them. The corpora are read from ../shared/eval/newsreader-apple, never copied here.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chrono.render.atomic import write_text_atomic

HERE = Path(__file__).resolve().parent
SET = "newsreader-apple"
TRIAL = Path("semeval2015-task4-trial") / "all_events_timeml"
SEED = 2026
SAMPLE = 100
QUOTE_CHARS = 120
COMMAND = "python benchmarks/headlines.py --eval-dir ../shared/eval"
TITLE = "# Event headlines on unseen text: well-formedness of a fixed sample of 100"

# A subject that is only a pronoun, unresolved: the criterion the report counts apart.
PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "which", "who"})

CRITERIA = """\
Each headline was read with its source quote, one by one, by a person, and is **well formed**
when all of these hold:

- it is a grammatical English clause or noun phrase, in the present tense ("Apple unveils the
  iPhone 4", "The elections in Ukraine");
- it says what the quote says: the same event, the right agent (not the wrong subject, not a
  reversed voice);
- it is not cut on a determiner, preposition or conjunction, nor inside a phrase;
- its subject is not a bare unresolved pronoun (he, she, it, they, I, we, which, who); a pronoun
  replaced by the entity's name is fine;
- subject and verb agree;
- it is not a bare date or time with no event.

A terse but complete headline ("Jobs resigns") is well formed; a transitive verb left without
the object the quote gives it ("Steve Jobs announces") is not, nor is a reporting verb left
alone with nothing said ("Jobs says"). The judging is strict, as a demanding reader of a
chronology would be."""


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    doc_id: str
    headline: str
    quote: str


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    why: str


def judgment_key(doc_id: str, start: int, headline: str) -> str:
    return f"{doc_id}:{start}:{headline}"


def sample_rows(eval_dir: Path) -> list[Row]:
    """Prepares the trial texts in a temporary folder, runs chrono, and returns the sample."""
    import chrono
    from chrono.eval.timelines import prepare_documents

    with tempfile.TemporaryDirectory(prefix="chrono-headlines-") as temporary:
        texts = Path(temporary) / "texts"
        prepare_documents(eval_dir / SET / TRIAL, texts)
        timeline = chrono.reconstruct([str(texts)])
    events = list(timeline.events)
    random.Random(SEED).shuffle(events)
    rows = []
    for event in events[:SAMPLE]:
        source = event.sources[0]
        key = judgment_key(source.doc_id, source.start, event.headline)
        rows.append(Row(key, source.doc_id, event.headline, source.quote))
    return rows


def read_judgments(path: Path) -> dict[str, Verdict]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verdicts = {}
    for key, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
            raise ValueError(f"{path}: {key!r} wants a table {{ok = true|false, why = '...'}}")
        verdicts[key] = Verdict(value["ok"], str(value.get("why", "")))
    return verdicts


def bare_pronoun(headline: str) -> bool:
    """The headline's first word is a pronoun standing alone as its subject."""
    words = re.findall(r"[A-Za-z']+", headline)
    return bool(words) and words[0].lower() in PRONOUNS


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def report(rows: Sequence[Row], verdicts: Mapping[str, Verdict], command: str) -> str:
    judged = [r for r in rows if r.key in verdicts]
    good = sum(1 for r in judged if verdicts[r.key].ok)
    pronouns = sum(1 for r in rows if bare_pronoun(r.headline))
    unjudged = len(rows) - len(judged)
    lines = [TITLE, "", f"Generated by `{command}`.", ""]
    lines += [
        "The text: the 30 WikiNews articles of the SemEval-2015 Task 4 trial set",
        f"(`newsreader-apple/{TRIAL.as_posix()}`), which chrono never saw while it was written,",
        "as plain text (`chrono.eval.timelines.prepare_documents`). chrono's events are",
        f"shuffled with `random.Random({SEED})` and the first {SAMPLE} kept; each row shows the",
        "event's headline and the quote of its first source.",
        "",
        "## How the judging was done",
        "",
        CRITERIA,
        "",
        "The verdicts are in `benchmarks/headline_judgments.toml`, keyed by",
        '`"<doc_id>:<source start>:<headline>"`: a headline that changes has no verdict and is',
        "listed as unjudged (the script then exits non-zero).",
        "",
        "## Result",
        "",
        f"- well formed: **{good} of {len(rows)}**",
        f"- subject a bare pronoun: **{pronouns} of {len(rows)}**",
    ]
    if unjudged:
        lines.append(f"- unjudged (no verdict for this headline): **{unjudged}**")
    lines += ["", "## The sample", "", "| n | headline | source quote | verdict | why |"]
    lines.append("|---:|---|---|---|---|")
    for n, row in enumerate(rows, start=1):
        verdict = verdicts.get(row.key)
        mark = "unjudged" if verdict is None else ("ok" if verdict.ok else "not ok")
        why = "" if verdict is None else verdict.why
        quote = f"{row.doc_id}: {shorten(row.quote)}"
        lines.append(f"| {n} | {cell(row.headline)} | {cell(quote)} | {mark} | {cell(why)} |")
    return "\n".join(lines) + "\n"


def dump(rows: Sequence[Row]) -> str:
    parts = []
    for n, row in enumerate(rows, start=1):
        quote = " ".join(row.quote.split())
        parts.append(f"[{n}] key: {row.key}\n    headline: {row.headline}\n    quote: {quote}")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=str(HERE.parent.parent / "shared" / "eval"))
    parser.add_argument("--out", default=str(HERE.parent / "reports" / "headlines.md"))
    parser.add_argument("--judgments", default=str(HERE / "headline_judgments.toml"))
    parser.add_argument(
        "--dump", action="store_true", help="print the sample's keys, headlines and quotes"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = sample_rows(Path(args.eval_dir))
    if args.dump:
        sys.stdout.write(dump(rows))
        return 0
    verdicts = read_judgments(Path(args.judgments))
    write_text_atomic(Path(args.out), report(rows, verdicts, COMMAND))
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")
    unjudged = [n for n, row in enumerate(rows, start=1) if row.key not in verdicts]
    if unjudged:
        print(
            f"{len(unjudged)} of {len(rows)} sampled headlines have no verdict in "
            f"{args.judgments} (rows {', '.join(map(str, unjudged))}): judge them "
            "(python benchmarks/headlines.py --dump) before reporting the figure",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
