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
    parser.parse = timed("events: spaCy parse", parser.parse)
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
    for item in documents.iter_documents([folder]):
        if isinstance(item, Document):
            characters += len(item.text)
            result = analysis.analyze(item)
            started = time.perf_counter()
            run.add(analysis.digest(result))
            SPENT["across documents"] += time.perf_counter() - started
    started = time.perf_counter()
    run.finish().close()
    SPENT["across documents"] += time.perf_counter() - started
    SPENT["events: attachment, headlines, participants"] = (
        SPENT.pop("events: all") - SPENT["events: spaCy parse"] - SPENT["events: coreference"]
    )
    print(json.dumps({"characters": characters, "seconds": dict(SPENT)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(str(Path(sys.argv[1]))))
