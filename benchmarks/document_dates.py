"""News or narrative, and inferred document dates, on the eval corpora (a section of
reports/accuracy.md, written by benchmarks/accuracy.py).

    python benchmarks/document_dates.py [--eval-dir ../shared/eval]    (prints the section)

TimeBank and AQUAINT are news, the WikiWars articles narrative histories. Each document is
read twice: with the date its file gives and with that date taken away (as a plain text
would come), and chrono's decision (`chrono.text.doctype`) is scored against that gold.
Read without their dates, the documents then show which ones chrono gives an inferred date
(`chrono.timeline.dating`) and the evidence line it quotes: a history has no writing date
to infer from its narrative, so none of WikiWars should get one.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from chrono.errors import InputError
from chrono.text import doctype, documents, sentences
from chrono.timeline import dating
from chrono.times import resolver, shifts, tagger
from chrono.types import Dct, DocType, Document

GOLD = (  # corpus, folder under the eval dir, its documents' type
    ("TimeBank", "timebank/TimeBank", DocType.NEWS),
    ("AQUAINT", "timebank/AQUAINT", DocType.NEWS),
    ("WikiWars", "wikiwars/timex3-xtime-updated", DocType.NARRATIVE),
    (
        "Apple (WikiNews)",
        "newsreader-apple/semeval2015-task4-trial/all_events_timeml",
        DocType.NEWS,
    ),
)
EVIDENCE_LINES = 20


def _documents(folder: Path) -> list[Document]:
    found = documents.iter_documents([str(folder)])
    # The corpus's own README is no article of it.
    return [d for d in found if not isinstance(d, InputError) and d.id.lower() != "readme"]


def _verdict(guess: dating.Estimate, gold: Dct | None) -> str:
    """Whether the file's own date lies in the days the inference allows."""
    day = shifts.day_number(gold.value) if gold is not None else None
    if day is None:
        return "no gold date"
    return "gold date inside" if guess.low <= day <= guess.high else "gold date OUTSIDE"


def section(root: Path) -> list[str]:
    rows = []
    inferred: list[tuple[str, str, str, str]] = []
    totals = {"dated": [0, 0], "undated": [0, 0]}
    undated_docs = 0
    for name, folder, gold in GOLD:
        docs = _documents(root / folder)
        cells = [name, gold.value, str(len(docs))]
        for label, dated in (("dated", True), ("undated", False)):
            right = 0
            for doc in docs:
                doc = doc if dated else replace(doc, dct=None)
                kind, _ = doctype.decide(doc, tagger.tag(doc.text, doc.body_start))
                right += kind is gold
            totals[label][0] += right
            totals[label][1] += len(docs)
            cells.append(f"{right}/{len(docs)} ({100 * right / len(docs):.1f} %)")
        dated_here = 0
        for doc in docs:
            undated = replace(doc, dct=None)
            tags = tagger.tag(undated.text, undated.body_start)
            spans = sentences.sentence_spans(undated.text, undated.body_start)
            kind, _ = doctype.decide(undated, tags)
            mentions = resolver.resolve(undated, tags, kind, spans)
            guess = dating.infer(undated, mentions, spans, kind)
            if guess is not None:
                dated_here += 1
                inferred.append((name, doc.id, _verdict(guess, doc.dct), guess.evidence))
        undated_docs += len(docs)
        cells.append(f"{dated_here}/{len(docs)}")
        rows.append(cells)
    share = len(inferred) / max(1, undated_docs)
    lines = [
        "## News or narrative, and inferred document dates",
        "",
        "`python benchmarks/document_dates.py --eval-dir ../shared/eval` (run by this report):",
        "chrono's decision against the corpus's type, each document read with the date its file",
        "gives and without it; then, without their dates, the documents chrono gives an",
        "inferred date.",
        "",
        "| corpus | gold | docs | type right, dated | type right, undated | inferred a date |",
        "|---|---|---|---|---|---|",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]
    cells = [f"{r}/{t} ({100 * r / t:.1f} %)" for r, t in totals.values()]
    lines.append(
        f"| **all** | | {undated_docs} | {cells[0]} | {cells[1]} | {len(inferred)}/{undated_docs} |"
    )
    inside = sum(v == "gold date inside" for _, _, v, _ in inferred)
    lines += [
        "",
        f"Documents given an inferred date when read without theirs: {len(inferred)} of "
        f"{undated_docs} ({100 * share:.1f} %); the file's own date lies inside the days "
        f"inferred for {inside} of them. Their evidence lines (up to {EVIDENCE_LINES}), each "
        "to be a real deictic statement, never a time compared with itself:",
        "",
    ]
    shown = inferred[:EVIDENCE_LINES]
    lines += [f"- {name} `{doc_id}` ({v}): {evidence}" for name, doc_id, v, evidence in shown]
    if not inferred:
        lines += [
            "- none",
            "",
            "These texts do not tell their own date: the news files give it only in the",
            "metadata taken away here (TimeBank's bodies have no dateline; the WikiNews",
            'dateline is tokenised, "June 6 , 2005", and glued to the first sentence),',
            "and the histories have none. `tests/test_dating.py` shows each kind of evidence",
            "on texts written for it.",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default="../shared/eval")
    args = parser.parse_args(argv)
    root = Path(args.eval_dir).resolve()
    if not root.is_dir():
        print(f"document_dates: no evaluation data at {root}", file=sys.stderr)
        return 2
    print("\n".join(section(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
