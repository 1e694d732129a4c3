"""The hover labels of the HTML timeline: Plotly label markup with all document text escaped.

An event's label: the headline, the date as resolved with its precision, any
contradiction in red, then every source (a merged event has several): its quote,
its document, the date as written and the anchor chain that explains it. Kept
apart from the figure so it needs no Plotly.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

from chrono.render import Lookup, shorten, ui
from chrono.render.html_plan import ClaimMark
from chrono.types import AnchorKind, Event, Source, Timeline

WRAP_CHARS = 64  # hover line length: fits a phone held upright
QUOTE_CHARS = 320  # a longer quote is cut with an ellipsis in the hover
QUOTES_IN_FULL = 3  # with more sources than this, each quote gets a share of QUOTE_CHARS
MIN_QUOTE_CHARS = 80
DOCUMENT_NAME_CHARS = 60  # a document's title in the hover
RED = "#d62728"


def escape(text: str) -> str:
    """html.escape, but with quotes as numeric entities: Plotly's labels decode `&#34;`
    and `&#x27;` yet show `&quot;` literally."""
    return html.escape(text).replace("&quot;", "&#34;")


def escaped_lines(text: str, width: int = WRAP_CHARS, limit: int | None = None) -> str:
    """Document text made safe for a Plotly label: collapsed, cut, wrapped, then escaped per line.

    Wrapping happens before escaping so a line break never splits an entity.
    """
    text = shorten(text, limit) if limit is not None else " ".join(text.split())
    if len(text) <= width:  # most lines: no need to wrap (textwrap is slow at 10,000 events)
        return escape(text)
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    return "<br>".join(escape(line) for line in lines)


def _red(text: str) -> str:
    return f'<span style="color:{RED}">{text}</span>'


@dataclass(frozen=True, slots=True)
class HoverContext:
    """Look-ups the hover needs, built once per timeline."""

    lookup: Lookup
    contradictions: dict[str, str]
    headlines: dict[str, str]

    @classmethod
    def of(cls, timeline: Timeline) -> HoverContext:
        return cls(
            Lookup.of(timeline),
            {c.id: c.reason for c in timeline.contradictions},
            {e.id: e.headline for e in timeline.events},
        )

    def document_name(self, doc_id: str) -> str:
        result = self.lookup.documents.get(doc_id)
        title = result.document.title if result else None
        return f"{shorten(title, DOCUMENT_NAME_CHARS)} ({doc_id})" if title else doc_id


def hover_text(event: Event, context: HoverContext) -> str:
    """An event's hover label: headline, date and precision, contradictions, every source."""
    t = event.time
    precision = t.granularity.label if t.granularity is not None else None
    facts = ui("html", "hover_date").format(
        display=t.display, precision=precision or ui("html", "precision_unknown")
    )
    if t.approximate:
        facts += " · " + ui("html", "hover_approximate")
    parts = [f"<b>{escaped_lines(event.headline)}</b>", escaped_lines(facts)]
    for contradiction_id in event.contradiction_ids:
        reason = context.contradictions.get(contradiction_id, contradiction_id)
        parts.append(_red(escaped_lines(ui("html", "hover_contradiction").format(reason))))
    limit = QUOTE_CHARS
    if len(event.sources) > QUOTES_IN_FULL:  # every source is listed, each quote a bit shorter
        limit = max(MIN_QUOTE_CHARS, QUOTE_CHARS * QUOTES_IN_FULL // len(event.sources))
    for source in event.sources:
        parts.extend(["", *_source_lines(source, context, limit)])
    return "<br>".join(parts)


def _source_lines(source: Source, context: HoverContext, limit: int) -> list[str]:
    quote = ui("html", "hover_quote").format(shorten(source.quote, limit))
    lines = [
        f"<i>{escaped_lines(quote)}</i>",
        escaped_lines(ui("html", "hover_source").format(context.document_name(source.doc_id))),
    ]
    mention = context.lookup.mentions.get(source.mention_id)
    if mention is not None:
        lines.append(escaped_lines(ui("html", "hover_written").format(mention.text)))
        # An explicit date has no anchor: its "chain" only shows how it was read.
        anchored = mention.resolution.anchor.kind is not AnchorKind.NONE
        how = ui("html", "hover_chain" if anchored else "hover_read")
        lines.append(escaped_lines(how.format(context.lookup.explain(mention))))
    return lines


def claim_hover(mark: ClaimMark, index: int, context: HoverContext) -> str:
    """The hover label of one claim of a contradiction."""
    contradiction, point = mark.contradiction, mark.points[index]
    reason = ui("html", "hover_contradiction").format(contradiction.reason)
    parts = [_red(f"<b>{escaped_lines(reason)}</b>")]
    headline = context.headlines.get(contradiction.event_id)
    if headline:
        parts.append(escaped_lines(headline))
    says = ui("html", "hover_claim").format(
        document=context.document_name(point.claim.doc_id), display=point.display
    )
    parts.append(escaped_lines(says))
    parts.append(escaped_lines(ui("html", "hover_written").format(point.written)))
    return "<br>".join(parts)
