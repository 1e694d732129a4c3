"""A document as TimeML: the input text unchanged, the DCT as t0, one TIMEX3 per mention.

This is the format temporal taggers are scored in (TempEval-3), so the text
between the tags, once XML-unescaped, is exactly the document's text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from chrono.types import AnchorKind, DocumentResult, Kind, Mention
from chrono.values import timex_value


def to_timeml(result: DocumentResult) -> str:
    document = result.document
    mentions = [m for m in result.mentions if m.tag.spec.timeml]
    tids = {m.id: f"t{i}" for i, m in enumerate(mentions, start=1)}
    parts = ['<?xml version="1.0" ?>\n<TimeML>\n', f"<DOCID>{escape(document.id)}</DOCID>\n"]
    if document.dct is not None:
        value = timex_value(document.dct.value)
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(value)} temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{escape(value)}</TIMEX3></DCT>\n'
        )
    parts.append("<TEXT>")
    position = 0
    for mention in mentions:
        if mention.start < position:
            continue  # overlapping mentions cannot nest in TimeML; the tagger never yields them
        parts.append(escape(document.text[position : mention.start]))
        parts.append(f"<TIMEX3 {_attributes(mention, tids, document.dct is not None)}>")
        parts.append(escape(mention.text))
        parts.append("</TIMEX3>")
        position = mention.end
    parts.append(escape(document.text[position:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


def _attributes(mention: Mention, tids: dict[str, str], has_dct: bool) -> str:
    resolution = mention.resolution
    timex = resolution.timex3
    attributes = {"tid": tids[mention.id], "type": timex.type.value, "value": timex.value}
    if timex.mod:
        attributes["mod"] = timex.mod
    if timex.quant:
        attributes["quant"] = timex.quant
    if timex.freq:
        attributes["freq"] = timex.freq
    anchor = resolution.anchor
    anchor_tid = None
    if anchor.kind is AnchorKind.DCT and has_dct:
        anchor_tid = "t0"
    elif anchor.kind is AnchorKind.MENTION and anchor.mention_id in tids:
        anchor_tid = tids[anchor.mention_id]
    attributes["temporalFunction"] = "true" if anchor.kind is not AnchorKind.NONE else "false"
    if anchor_tid is not None:
        attributes["anchorTimeID"] = anchor_tid
        spec = mention.tag.spec
        if spec.kind in (Kind.DURATION, Kind.AGE) and spec.ends_at_anchor:
            attributes["endPoint"] = anchor_tid
    if mention.tag.span_partner is not None and mention.tag.span_role == "end":
        partner = f"{mention.doc_id}:m{mention.tag.span_partner + 1}"
        if partner in tids:
            attributes["beginPoint"] = tids[partner]
    attributes["functionInDocument"] = "NONE"
    return " ".join(f"{key}={quoteattr(value)}" for key, value in attributes.items())
