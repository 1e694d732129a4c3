"""Where the time of chrono's pipeline goes, stage by stage, in one process.

    python benchmarks/stages.py DIR    (called by throughput.py on its comparison corpus)

Times each stage of `chrono.run.analysis` on every document of DIR: tagging, sentences and
document type, resolution (with document dating), then the event layer split into the spaCy
parse, coreference and the rest (attachment, headlines, participants), and the stage across
documents (digests, entities, merge, constraints). The model's loading is timed apart. Prints
one JSON object: stage -> seconds, and the characters read.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chrono.events import extract, parser
from chrono.run import analysis
from chrono.run.assemble import Run
from chrono.run.shelf import MemoryShelf
from chrono.text import doctype, documents, sentences
from chrono.timeline import dating
from chrono.times import resolver, tagger
from chrono.types import Document

SPENT: dict[str, float] = defaultdict(float)
BATCH = 16  # documents analysed together (`chrono.run.parallel._BATCH_DOCUMENTS`)


def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[stage] += time.perf_counter() - started

    return wrapper


def main(folder: str) -> int:
    started = time.perf_counter()
    parser.load()
    SPENT["model load (once per process)"] = time.perf_counter() - started
    # Inner stages first, so that an outer stage's time can be given without them.
    parser.parse_texts = timed("events: spaCy parse", parser.parse_texts)
    extract.resolve = timed("events: coreference", extract.resolve)
    extract.extract = timed("events: all", extract.extract)
    analysis.extract = extract
    tagger.tag = timed("times: tag", tagger.tag)
    analysis.tagger = tagger
    sentences.sentence_spans = timed("times: sentences", sentences.sentence_spans)
    doctype.decide = timed("times: document type", doctype.decide)
    resolver.resolve = timed("times: resolve", resolver.resolve)
    dating.infer = timed("times: date the document", dating.infer)
    characters = 0
    run = Run(MemoryShelf(), keep=False)
    texts = [d for d in documents.iter_documents([folder]) if isinstance(d, Document)]
    for start in range(0, len(texts), BATCH):  # in batches, as `chrono.run.parallel` runs
        batch = texts[start : start + BATCH]
        characters += sum(len(d.text) for d in batch)
        for result in analysis.analyze_batch(batch):
            assert not isinstance(result, Exception), result
            started = time.perf_counter()
            run.add(analysis.digest(result))
            SPENT["across documents"] += time.perf_counter() - started
    started = time.perf_counter()
    run.finish().close()
    SPENT["across documents"] += time.perf_counter() - started
    # A batch is parsed before its documents' events are built: "all" holds no parse.
    SPENT["events: attachment, headlines, participants"] = (
        SPENT.pop("events: all") - SPENT["events: coreference"]
    )
    print(json.dumps({"characters": characters, "seconds": dict(SPENT)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(str(Path(sys.argv[1]))))
