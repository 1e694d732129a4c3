"""Well-formedness of event headlines on unseen text, judged by hand: writes reports/headlines.md.

    python benchmarks/headlines.py [--eval-dir ../shared/eval] [--out reports/headlines.md]
                                   [--judgments benchmarks/headline_judgments.toml] [--dump]

Runs chrono on the 30 SemEval-2015 Task 4 trial articles (WikiNews, as plain text:
chrono.eval.timelines.prepare_documents), orders the events by a hash of (2026, document, source
start) and keeps the first 100: a fixed sample that an event added or removed elsewhere changes
by one row. Each sampled headline has a verdict in the judgments file, keyed
by "<doc_id>:<source start>:<headline>", so a headline that changes (or an event that moves) has
no verdict any more: the report lists it as unjudged and the script exits non-zero, rather than
reusing a verdict given to another text. `--dump` prints the sample's keys, headlines and quotes,
to judge them. The corpora are read from ../shared/eval/newsreader-apple, never copied here.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chrono.render.atomic import write_text_atomic
from chrono.types import Event

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
Each headline was read with its source quote and sentence, one by one, by the author of this
benchmark (an AI coding assistant, not a panel of annotators), and is **well formed** when all
of these hold:

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
chronology would be.

How the criteria were applied where they leave room:

- present tense includes the present perfect and the present modals the quote has ("will be
  available", "can be stored", "could be to Apple's advantage"); a back-shifted "would" of
  reported speech is not present;
- a complement the event needs counts as its object ("forced Apple Inc." without "to lower its
  prices", "takes six months" without "off"); a dropped date, place or manner does not, since
  the timeline carries the date;
- a pronoun other than the subject that the headline leaves unresolved ("granted me", "Their
  largest developers conference") fails, like a bare subject pronoun; a definite description
  ("the company") passes;
- an embedded event stated without its reporting frame ("the former executive has been ousted",
  from "a source claimed that ...") passes if it is the quote's clause; asserting one side of an
  open alternative ("whether he decided to leave or was forced out") does not;
- the spacing of the tokenized input ("company 's", "$ 7.1") is the text's, not a fault;
  punctuation lost so that a phrase reads wrong (an apposition without its comma, brackets
  dropped) is."""


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
    faults: tuple[str, ...] = ()  # failure categories, the main one first


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
    # Each event drawn by a hash of where it is told, not by its place in the list: an event
    # removed or added elsewhere changes one row of the sample, not all that follow it.
    events = sorted(timeline.events, key=_draw)
    rows = []
    for event in events[:SAMPLE]:
        source = event.sources[0]
        key = judgment_key(source.doc_id, source.start, event.headline)
        rows.append(Row(key, source.doc_id, event.headline, source.quote))
    return rows


def _draw(event: Event) -> str:
    source = event.sources[0]
    return hashlib.sha256(f"{SEED}:{source.doc_id}:{source.start}".encode()).hexdigest()


def read_judgments(path: Path) -> dict[str, Verdict]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verdicts = {}
    for key, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
            raise ValueError(f"{path}: {key!r} wants a table {{ok = true|false, why = '...'}}")
        faults = value.get("faults", [])
        if not isinstance(faults, list) or not all(isinstance(f, str) for f in faults):
            raise ValueError(f"{path}: {key!r}: faults wants a list of strings")
        verdicts[key] = Verdict(value["ok"], str(value.get("why", "")), tuple(faults))
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
        f"(`newsreader-apple/{TRIAL.as_posix()}`), which chrono never saw while it was",
        "written, as plain text (`chrono.eval.timelines.prepare_documents`). chrono's events",
        f"are ordered by a SHA-256 of `{SEED}:<document>:<source start>` and the first {SAMPLE}",
        "kept (an event added or removed elsewhere changes one row); each row shows",
        "the event's headline and the quote of its first source (document id first).",
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
        f"- well formed: **{good} of {len(rows)}**"
        + (f" (incomplete: {unjudged} unjudged)" if unjudged else ""),
        f"- subject a bare pronoun: **{pronouns} of {len(rows)}**",
    ]
    if unjudged:
        lines.append(f"- unjudged (no verdict for this headline): **{unjudged}**")
    first: dict[str, int] = {}
    twins = []
    for n, row in enumerate(rows, start=1):
        if row.key in first:
            twins.append(f"{n} (= {first[row.key]})")
        first.setdefault(row.key, n)
    if twins:
        lines.append(
            f"- events that repeat another sampled event's key (same clause, same headline: "
            f"a duplicate event, sharing its verdict): rows {', '.join(twins)}"
        )
    lines += _fault_table([verdicts[r.key] for r in judged if not verdicts[r.key].ok])
    lines += ["", "## The sample", "", "| n | headline | source quote | verdict | why |"]
    lines.append("|---:|---|---|---|---|")
    for n, row in enumerate(rows, start=1):
        verdict = verdicts.get(row.key)
        if verdict is None:
            mark = "unjudged"
        elif verdict.ok:
            mark = "ok"
        else:
            mark = "not ok" + (f" ({', '.join(verdict.faults)})" if verdict.faults else "")
        why = "" if verdict is None else verdict.why
        quote = f"{row.doc_id}: {shorten(row.quote)}"
        lines.append(f"| {n} | {cell(row.headline)} | {cell(quote)} | {mark} | {cell(why)} |")
    return "\n".join(lines) + "\n"


def _fault_table(failed: Sequence[Verdict]) -> list[str]:
    """The failure categories: how many failures each is the main fault of, and is among."""
    if not failed:
        return []
    main = Counter(v.faults[0] if v.faults else "(none given)" for v in failed)
    among = Counter(f for v in failed for f in dict.fromkeys(v.faults))
    lines = ["", "## Failures by category", ""]
    lines += [
        f"Of the {len(failed)} ill-formed headlines (a row may show several faults, the main one",
        "first, as the `faults` of its verdict list them):",
        "",
        "| category | main fault of | among the faults of |",
        "|---|---:|---:|",
    ]
    for name, count in sorted(main.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| {name} | {count} | {among.get(name, count)} |")
    for name in sorted(set(among) - set(main)):
        lines.append(f"| {name} | 0 | {among[name]} |")
    return lines


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
