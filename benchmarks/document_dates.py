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
from chrono.run.pipeline import analyze
from chrono.text import doctype, documents
from chrono.times import tagger
from chrono.types import DctSource, DocType, Document

GOLD = (  # corpus, folder under the eval dir, its documents' type
    ("TimeBank", "timebank/TimeBank", DocType.NEWS),
    ("AQUAINT", "timebank/AQUAINT", DocType.NEWS),
    ("WikiWars", "wikiwars/timex3-xtime-updated", DocType.NARRATIVE),
)
EVIDENCE_LINES = 20


def _documents(folder: Path) -> list[Document]:
    found = documents.iter_documents([str(folder)])
    # The corpus's own README is no article of it.
    return [d for d in found if not isinstance(d, InputError) and d.id.lower() != "readme"]


def section(root: Path) -> list[str]:
    rows = []
    inferred: list[tuple[str, str, str]] = []
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
            result = analyze(replace(doc, dct=None), events=False)
            dct = result.document.dct
            if dct is not None and dct.source is DctSource.INFERRED:
                dated_here += 1
                inferred.append((name, doc.id, dct.evidence or ""))
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
    lines += [
        "",
        f"Documents given an inferred date when read without theirs: {len(inferred)} of "
        f"{undated_docs} ({100 * share:.1f} %). Their evidence lines (up to "
        f"{EVIDENCE_LINES}), each to be a real deictic statement, never a time compared with "
        "itself:",
        "",
    ]
    shown = inferred[:EVIDENCE_LINES]
    lines += [f"- {name} `{doc_id}`: {evidence}" for name, doc_id, evidence in shown]
    if not inferred:
        lines.append("- none")
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
