"""A document as TimeML: the input text unchanged, the DCT as t0, one TIMEX3 per mention.

This is the format temporal taggers are scored in (TempEval-3), so the text
between the tags, once XML-unescaped, is exactly the document's text: `&`, `<`
and `>` become entities and a carriage return `&#13;` (an XML parser would
otherwise read `\\r\\n` as `\\n`). Control characters other than tab and line
breaks cannot be written in XML 1.0 at all; they are passed through as they are.

Mentions TimeML leaves untagged (`Spec.timeml` false, e.g. bare ages) keep their
text but get no tag; `tid`s number the tagged mentions t1, t2, ... in text order.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from chrono.times.values import timex_value
from chrono.types import AnchorKind, DocumentResult, Kind, Mention

DCT_TID = "t0"
_TEXT_ENTITIES = {"\r": "&#13;"}


def to_timeml(result: DocumentResult) -> str:
    document = result.document
    tagged = _tagged(result.mentions)
    tids = {m.id: f"t{i}" for i, m in enumerate(tagged, start=1)}
    has_dct = document.dct is not None
    parts = ['<?xml version="1.0" ?>\n<TimeML>\n', f"<DOCID>{_text(document.id)}</DOCID>\n"]
    if document.dct is not None:
        value = timex_value(document.dct.value)
        parts.append(
            f'<DCT><TIMEX3 tid="{DCT_TID}" type="DATE" value={quoteattr(value)} '
            f'temporalFunction="false" functionInDocument="CREATION_TIME">'
            f"{_text(value)}</TIMEX3></DCT>\n"
        )
    parts.append("<TEXT>")
    position = 0
    for mention in tagged:
        parts.append(_text(document.text[position : mention.start]))
        parts.append(f"<TIMEX3 {_attributes(mention, result, tids, has_dct)}>")
        parts.append(_text(mention.text))
        parts.append("</TIMEX3>")
        position = mention.end
    parts.append(_text(document.text[position:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


def _tagged(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that get a TIMEX3: TimeML ones, in text order, none overlapping an
    earlier one (tags cannot overlap in XML; the tagger never yields such mentions)."""
    tagged: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.tag.spec.timeml and (not tagged or mention.start >= tagged[-1].end):
            tagged.append(mention)
    return tagged


def _text(text: str) -> str:
    return escape(text, _TEXT_ENTITIES)


def _attributes(
    mention: Mention, result: DocumentResult, tids: dict[str, str], has_dct: bool
) -> str:
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
        anchor_tid = DCT_TID
    elif anchor.kind is AnchorKind.MENTION and anchor.mention_id in tids:
        anchor_tid = tids[anchor.mention_id]
    attributes["temporalFunction"] = "true" if anchor.kind is not AnchorKind.NONE else "false"
    if anchor_tid is not None:
        attributes["anchorTimeID"] = anchor_tid
        spec = mention.tag.spec
        if spec.kind in (Kind.DURATION, Kind.AGE) and spec.ends_at_anchor:
            attributes["endPoint"] = anchor_tid
    begin = _range_begin(mention, result)
    if begin is not None and begin.id in tids:
        attributes["beginPoint"] = tids[begin.id]
    attributes["functionInDocument"] = "NONE"
    return " ".join(f"{key}={quoteattr(value)}" for key, value in attributes.items())


def _range_begin(mention: Mention, result: DocumentResult) -> Mention | None:
    """For the end of a range ("from 1964 to 1970"), the mention of its beginning.

    Mentions are in tag order, so the tag's `span_partner` index is the partner's
    index in the document's mention list.
    """
    tag = mention.tag
    partner = tag.span_partner
    if tag.span_role != "end" or partner is None or not 0 <= partner < len(result.mentions):
        return None
    return result.mentions[partner]
