"""Renderers and exports of a Timeline, and the few helpers they share.

Shared here so each exists once: the mention and document-date look-ups every
anchor chain needs (`Lookup`), and the cut-with-an-ellipsis of long text
(`shorten`). Kept free of rich and plotly so importing a renderer stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chrono.explain import chain_text
from chrono.types import Dct, DocumentResult, Mention, Timeline

ELLIPSIS = "…"


def mentions_by_id(timeline: Timeline) -> dict[str, Mention]:
    """Every mention of the timeline by id.

    Ids are unique across a timeline: the resolver names mentions `{doc_id}:m{n}`
    and document ids are unique. (Meant to become `Timeline.mentions_by_id()`.)
    """
    return {m.id: m for m in timeline.mentions}


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a renderer needs to explain a mention, built once per timeline."""

    mentions: Mapping[str, Mention]
    documents: Mapping[str, DocumentResult]

    @classmethod
    def of(cls, timeline: Timeline) -> Lookup:
        return cls(mentions_by_id(timeline), {d.document.id: d for d in timeline.documents})

    @classmethod
    def of_document(cls, result: DocumentResult) -> Lookup:
        return cls({m.id: m for m in result.mentions}, {result.document.id: result})

    def dct_of(self, mention: Mention) -> Dct | None:
        """The creation time of the document the mention is in (None when unknown)."""
        result = self.documents.get(mention.doc_id)
        return result.document.dct if result is not None else None

    def explain(self, mention: Mention) -> str:
        """The anchor chain in words: `2009 ← "five years later" (+5 years) ← "2004"`."""
        return chain_text(mention, self.mentions, self.dct_of(mention))


def shorten(text: str, limit: int) -> str:
    """`text` on one line (whitespace runs made one space), at most `limit` characters:
    a longer text is cut and ends with an ellipsis."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
