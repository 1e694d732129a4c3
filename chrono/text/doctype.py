"""News or narrative? Decides what deictic times ('Saturday', 'last year') anchor on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from chrono.resources.loader import load_toml
from chrono.text.sentences import sentence_spans
from chrono.types import DocType, Document, Kind, Tag


@cache
def _cues(code: str = "en") -> tuple[re.Pattern[str], dict[str, Any]]:
    data = load_toml(code, "doctype.toml")
    words = "|".join(re.escape(w) for w in sorted(data["reporting"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), data


def decide(
    document: Document, tags: Sequence[Tag], forced: DocType | None = None
) -> tuple[DocType, str]:
    """The document type and the reason for it, in words the user sees."""
    reporting, cues = _cues()
    reasons = cues["reasons"]
    if forced is not None:
        return forced, reasons["forced"]
    if document.doc_type is not None:
        return document.doc_type, reasons["input"]
    years = sorted(
        {
            t.spec.cal.year
            for t in tags
            if t.spec.kind is Kind.POINT
            and t.spec.anchoring is None
            and t.spec.cal
            and t.spec.cal.year is not None
        }
    )
    quotes = len(reporting.findall(document.text, document.body_start))
    span = years[-1] - years[0] if years else 0
    many_years = len(years) >= cues["narrative_min_years"] and span >= cues["narrative_min_span"]
    # One "said" in two hundred sentences of a war's history is no news report: reporting
    # cues are counted per sentence.
    sentences = max(1, len(sentence_spans(document.text, document.body_start)))
    rate = quotes / sentences
    if document.dct is not None and (rate > cues["narrative_max_cue_rate"] or not many_years):
        # A dated text that quotes people, or does not range over history, is reporting.
        return DocType.NEWS, reasons["dated"]
    # Undated: a history tells many explicit years and quotes rarely.
    if len(years) >= cues["narrative_min_years"] and rate <= cues["narrative_max_cue_rate"]:
        return DocType.NARRATIVE, reasons["narrative"].format(
            years=len(years), span=span, quotes=quotes, sentences=sentences
        )
    if quotes:
        return DocType.NEWS, reasons["reporting"].format(quotes=quotes, sentences=sentences)
    return DocType.NEWS, reasons["default"]
