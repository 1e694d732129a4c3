"""Command line: `chrono` (the demo), `chrono timeline`, `chrono tag`.

Every command parses its options, calls the library (`chrono.pipeline`) and
writes files. Exit codes: 0 success, 1 some input could not be read (one line
per input on stderr, the others still processed), 2 usage error.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chrono import __version__
from chrono.errors import NO_SEEDS, ChronoError, UsageError, cannot_write, not_a_folder

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

app = typer.Typer(
    add_completion=False,
    rich_markup_mode="rich",
    help="Reconstruct the chronology of documents: find, resolve and explain every time reference.",
    epilog="Run [bold]chrono[/bold] with no arguments for the demo on seeds/.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@contextmanager
def _exit_codes() -> Iterator[None]:
    """chrono's own errors as one line on stderr and an exit code, never a traceback."""
    try:
        yield
    except UsageError as exc:
        typer.echo(f"chrono: error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except ChronoError as exc:
        typer.echo(f"chrono: error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        typer.echo("chrono: interrupted", err=True)
        raise typer.Exit(130) from None


class DocTypeOption(StrEnum):
    auto = "auto"
    news = "news"
    narrative = "narrative"


class SortOption(StrEnum):
    date = "date"
    document = "document"


class PlotlyJs(StrEnum):
    inline = "inline"
    cdn = "cdn"
    directory = "directory"


class FormatOption(StrEnum):
    json = "json"
    csv = "csv"
    timelinejs = "timelinejs"


class LanesOption(StrEnum):
    document = "document"
    subject = "subject"


DctOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--dct",
        metavar="DATE|DOC_ID=DATE",
        help="Document date for all documents, or for one (repeatable): "
        "2023-07-15, 000_abc=2014-05-20.",
    ),
]
DocTypeOpt = Annotated[
    DocTypeOption,
    typer.Option(
        "--doc-type",
        help="news: deictic times anchor on the document date; "
        "narrative: on the last date mentioned.",
    ),
]


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"chrono {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        with _exit_codes():
            demo()


def demo() -> None:
    """The documents in seeds/ -> the table, reports/timeline.html and reports/timeline.json."""
    seeds = _find_seeds()
    _run_timeline([str(seeds)], Outputs(out=seeds.parent / "reports"))


def _find_seeds() -> Path:
    for candidate in (Path.cwd() / "seeds", Path(__file__).resolve().parent.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise UsageError(NO_SEEDS)


@dataclass(frozen=True)
class Outputs:
    """What `chrono timeline` writes, and where."""

    json_path: Path | None = None
    html_path: Path | None = None
    out: Path | None = None
    limit: int | None = None
    sort: str = "date"
    plotlyjs: str = "inline"
    lanes: str = "document"
    fmt: str | None = None  # json, csv or timelinejs on stdout instead of the table
    quiet: bool = False


@app.command(
    epilog=(
        "Examples:\n\n"
        "  chrono timeline seeds/\n\n"
        "  chrono timeline article.txt --dct 2023-07-15 --json out.json --html out.html\n\n"
        "  chrono timeline corpus/ --doc-type narrative --out reports/\n\n"
        "  chrono timeline seeds/ --format timelinejs > t.json\n\n"
        "  chrono timeline seeds/ --format csv --lanes subject > t.csv\n\n"
        "  cat article.txt | chrono timeline - --dct 2023-07-15"
    )
)
def timeline(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders (.txt .md .html .tml .jsonl); - for stdin."),
    ],
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the chronology as JSON (schema 1).")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write the interactive HTML timeline.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write timeline.json and timeline.html into DIR.")
    ] = None,
    dct: DctOpt = None,
    doc_type: DocTypeOpt = DocTypeOption.auto,
    fmt: Annotated[
        FormatOption | None,
        typer.Option(
            "--format",
            help="Print the chronology to stdout as json, csv or timelinejs (for piping) "
            "instead of the table.",
        ),
    ] = None,
    lanes: Annotated[
        LanesOption,
        typer.Option("--lanes", help="HTML and TimelineJS: one lane per document or per subject."),
    ] = LanesOption.document,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Show at most N rows.")
    ] = None,
    sort: Annotated[
        SortOption, typer.Option("--sort", help="Order of the table rows.")
    ] = SortOption.date,
    plotlyjs: Annotated[
        PlotlyJs,
        typer.Option(
            "--plotlyjs", help="Embed plotly.js, link the CDN, or write it beside the page."
        ),
    ] = PlotlyJs.inline,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the table.")] = False,
) -> None:
    """Reconstruct the chronology of documents: a table (or --format for other tools), and
    JSON / HTML files on request."""
    outputs = Outputs(
        json_path,
        html_path,
        out,
        limit,
        sort.value,
        plotlyjs.value,
        lanes.value,
        fmt.value if fmt is not None else None,
        quiet,
    )
    with _exit_codes():
        _run_timeline(paths, outputs, dct=dct, doc_type=doc_type.value)


def _run_timeline(
    paths: list[str], outputs: Outputs, *, dct: list[str] | None = None, doc_type: str = "auto"
) -> None:
    from chrono.pipeline import reconstruct

    result = reconstruct(paths, dct=dct or None, doc_type=doc_type)
    _report(result.errors, result.warnings)
    if outputs.fmt is not None:  # stdout carries the data alone: the table would corrupt it
        from chrono.render import write_format

        write_format(result, outputs.fmt, sys.stdout, lanes=outputs.lanes)
    elif not outputs.quiet:
        from chrono.render.table import render_table

        render_table(result, limit=outputs.limit, sort=outputs.sort)
    json_path, html_path = outputs.json_path, outputs.html_path
    if outputs.out is not None:
        json_path = json_path or outputs.out / "timeline.json"
        html_path = html_path or outputs.out / "timeline.html"
    if json_path is not None:
        from chrono.render.json_export import write_json

        _write(json_path, lambda: write_json(result, json_path))
    if html_path is not None:
        from chrono.render.html import write_html

        _write(
            html_path,
            lambda: write_html(result, html_path, plotlyjs=outputs.plotlyjs, lanes=outputs.lanes),
        )
    if result.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


def _report(errors: Sequence[str], warnings: Sequence[str]) -> None:
    """One line per unreadable input, then one per thing that was read but ignored."""
    for line in (*errors, *warnings):
        typer.echo(line, err=True)


def _write(path: Path, write: Callable[[], None]) -> None:
    """Write an output file; a path that cannot be written is a usage error, not a crash."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        raise UsageError(cannot_write(str(path), exc.strerror or str(exc))) from None
    typer.echo(f"wrote {path}", err=True)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  chrono tag seeds/000_422e6b4d2070c1f1.txt\n\n"
        "  chrono tag article.txt --dct 2023-07-15 --timeml > article.tml"
    )
)
def tag(
    file: Annotated[str, typer.Argument(help="One document; - for stdin.")],
    timeml: Annotated[
        bool,
        typer.Option("--timeml", help="Print the document as TimeML (text unchanged, DCT as t0)."),
    ] = False,
    dct: DctOpt = None,
    doc_type: DocTypeOpt = DocTypeOption.auto,
) -> None:
    """List the time expressions of one document, or print it as TimeML."""
    with _exit_codes():
        from chrono.pipeline import reconstruct

        result = reconstruct([file], dct=dct or None, doc_type=doc_type.value)
        _report(result.errors, result.warnings)
        for document in result.documents:
            if timeml:
                from chrono.render.timeml import to_timeml

                sys.stdout.write(to_timeml(document))
            else:
                from chrono.render.mentions import render_mentions

                render_mentions(document)
        if result.errors:
            raise typer.Exit(EXIT_BAD_INPUT)


@app.command(
    "eval",
    epilog=(
        "Examples:\n\n"
        "  chrono eval gold/ --report reports/eval.md\n\n"
        "  chrono eval wikiwars/ --doc-type narrative --only-from wikiwars/testset"
    ),
)
def eval_command(
    gold: Annotated[list[str], typer.Argument(help="Gold TimeML (.tml) files or folders.")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the report as Markdown to FILE.")
    ] = None,
    doc_type: DocTypeOpt = DocTypeOption.auto,
    only_from: Annotated[
        Path | None,
        typer.Option("--only-from", help="Score only the gold files named in DIR (a split)."),
    ] = None,
) -> None:
    """Score chrono against TimeML gold the TempEval-3 way (strict/relaxed F1, type, value)."""
    with _exit_codes():
        from chrono.atomic import write_text_atomic
        from chrono.evaluate import evaluate
        from chrono.render.eval_report import format_markdown, format_text

        only = None
        if only_from is not None:
            if not only_from.is_dir():
                raise UsageError(not_a_folder("--only-from", str(only_from)))
            only = sorted(p.name for p in only_from.iterdir() if p.name.endswith(".tml"))
        result = evaluate(gold, doc_type=doc_type.value, only=only)
        _report(result.input_errors, ())
        sys.stdout.write(format_text(result))
        if report is not None:
            command = shlex.join(["chrono", "eval", *sys.argv[2:]])
            markdown = format_markdown(result, command=command)
            _write(report, lambda: write_text_atomic(report, markdown))
        if result.input_errors:
            raise typer.Exit(EXIT_BAD_INPUT)


def main() -> None:
    """Console entry point."""
    app()
