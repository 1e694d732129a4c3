"""News or narrative? Decides what deictic times ('Saturday', 'last year') anchor on."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from chrono.types import DocType, Document, Kind, Tag


@cache
def _cues(code: str = "en") -> tuple[re.Pattern[str], dict[str, Any]]:
    path = resources.files("chrono").joinpath("resources", code, "doctype.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    words = "|".join(re.escape(w) for w in sorted(data["reporting"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), data


def decide(
    document: Document, tags: Sequence[Tag], forced: DocType | None = None
) -> tuple[DocType, str]:
    """The document type and the reason for it, in words the user sees."""
    if forced is not None:
        return forced, "set with --doc-type"
    if document.doc_type is not None:
        return document.doc_type, "set in the input"
    reporting, cues = _cues()
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
    if document.dct is not None and (quotes or not many_years):
        # A dated text that quotes people, or does not range over history, is reporting.
        return DocType.NEWS, "has a document date"
    if many_years and quotes <= len(years) // 4:
        return DocType.NARRATIVE, (
            f"{len(years)} explicit years over {span} years and "
            f"{quotes} reporting cues: a narrative history"
        )
    if quotes:
        return DocType.NEWS, f"{quotes} reporting cues (said, told...): news"
    return DocType.NEWS, "no narrative cues: read as news"
