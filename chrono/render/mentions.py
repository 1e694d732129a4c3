"""`chrono tag`: one document's time expressions as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chrono.render import Lookup
from chrono.times.explain import dct_words
from chrono.types import DocumentResult


def build_mentions_table(result: DocumentResult) -> Table:
    document = result.document
    table = Table(
        title=f"{document.id}: {len(result.mentions)} time expressions",
        caption=(
            f"{dct_words(document.dct)}; read as {result.doc_type.value} ({result.doc_type_reason})"
        ),
        expand=True,
    )
    table.add_column("Span", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    for column, ratio in (("Text", 2), ("Value", 2), ("Means", 3), ("Rule", 2), ("How", 4)):
        table.add_column(column, ratio=ratio, overflow="fold")
    lookup = Lookup.of_document(result)
    for mention in result.mentions:
        resolution = mention.resolution
        value = resolution.timex3.value + (
            f" {resolution.timex3.mod}" if resolution.timex3.mod else ""
        )
        table.add_row(
            Text(f"{mention.start}-{mention.end}"),
            Text(resolution.timex3.type.value),
            Text(mention.text),
            Text(value),
            Text(resolution.display),
            Text(mention.tag.rule),
            Text(lookup.explain(mention)),
        )
    return table


def render_mentions(result: DocumentResult, console: Console | None = None) -> None:
    (console or Console()).print(build_mentions_table(result))
