"""`chrono eval` reports: a compact plain-text one for the terminal and a Markdown one for files.

Both show the same figures (percentages with one decimal, as TempEval-3 tables
give them): strict and relaxed precision/recall/F1, type F1 and value F1, the
per-type table, the error classes with examples, and the most frequent
wrong-value, missed and spurious patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chrono.eval.tempeval import (
    PRF,
    ErrorClass,
    ErrorExample,
    EvalResult,
    GoldTimex,
    SystemTimex,
    TextCount,
    ValuePattern,
)

TEXT_EXAMPLES = 3  # examples per error class in the terminal report
TEXT_PATTERNS = 10  # rows of each pattern list in the terminal report
MARKDOWN_PATTERNS = 20


NOT_DEFINED = "-"  # a share of nothing (recall of a type without gold timexes)


def pct(value: float) -> str:
    return f"{100 * value:.1f}"


def share(part: int, whole: int) -> str:
    return pct(part / whole) if whole else NOT_DEFINED


def format_summary(result: EvalResult) -> str:
    """One line: the corpus, its size, the four F1s and the run time."""
    s = result.scores
    return (
        f"{result.corpus}: {result.document_count} documents, {result.gold_count} gold timexes; "
        f"strict F1 {pct(s.strict.f1)}, relaxed F1 {pct(s.relaxed.f1)}, "
        f"type F1 {pct(s.type_f1)}, value F1 {pct(s.value_f1)} ({result.seconds:.1f} s)"
    )


# --- plain text ------------------------------------------------------------------------------


def format_text(result: EvalResult) -> str:
    lines = [format_summary(result), ""]
    lines += _text_scores(result)
    lines += ["", *_text_table(_type_header(), _type_rows(result))]
    for error_class in result.error_classes:
        lines += ["", *_text_error_class(error_class)]
    lines += _text_patterns(result)
    lines += [f"cannot read {line}" for line in result.input_errors]
    return "\n".join(lines) + "\n"


def _text_scores(result: EvalResult) -> list[str]:
    s = result.scores
    c = s.counts
    rows = [_prf_row("strict", s.strict), _prf_row("relaxed", s.relaxed)]
    lines = _text_table(("", "precision", "recall", "F1"), rows)
    lines.append(f"type F1   {pct(s.type_f1)}  (type accuracy {pct(s.type_accuracy)})")
    lines.append(f"value F1  {pct(s.value_f1)}  (value accuracy {pct(s.value_accuracy)})")
    lines.append(
        f"gold {c.gold}, chrono {c.system}, relaxed pairs {c.relaxed}, strict {c.strict}; "
        f"read as {result.doc_type}"
    )
    return lines


def _prf_row(name: str, prf: PRF) -> list[str]:
    return [name, pct(prf.precision), pct(prf.recall), pct(prf.f1)]


def _type_header() -> tuple[str, ...]:
    return ("gold type", "gold", "recall", "value accuracy")


def _type_rows(result: EvalResult) -> list[list[str]]:
    return [
        [row.type, str(row.gold), share(row.found, row.gold), share(row.value_ok, row.found)]
        for row in result.scores.by_type
    ]


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell; the first left-aligned, the others right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return [line(header), *(line(r) for r in rows)]


def _text_error_class(error_class: ErrorClass) -> list[str]:
    lines = [f"{error_class.name}: {error_class.count} ({error_class.description})"]
    for example in error_class.examples[:TEXT_EXAMPLES]:
        lines.append(f"  {example.doc_id}: {_pair_text(example)}")
        lines.append(f"    {example.context}")
    return lines


def _pair_text(example: ErrorExample) -> str:
    gold = _timex_text(example.gold)
    system = _timex_text(example.system)
    return f"gold {gold} / chrono {system}"


def _timex_text(timex: GoldTimex | SystemTimex | None) -> str:
    if timex is None:
        return "-"
    return f'"{timex.text}" {timex.type} {timex.value or "(no value)"}'


def _text_patterns(result: EvalResult) -> list[str]:
    lines: list[str] = []
    if result.wrong_values:
        lines += ["", "most frequent wrong values (count, gold text, gold value -> chrono value):"]
        lines += [
            f"  {p.count:4d}  {p.gold_text!r}  {p.gold_value} -> {p.system_value}"
            for p in result.wrong_values[:TEXT_PATTERNS]
        ]
    for title, counts in (
        ("most frequent missed gold texts", result.missed_texts),
        ("most frequent spurious chrono texts", result.spurious_texts),
    ):
        if counts:
            lines += ["", f"{title}:"]
            lines += [f"  {t.count:4d}  {t.text!r}" for t in counts[:TEXT_PATTERNS]]
    return lines


# --- Markdown --------------------------------------------------------------------------------


def format_markdown(result: EvalResult, *, command: str) -> str:
    """The same report as Markdown tables, headed by the command that reproduces it."""
    s = result.scores
    parts = [
        "# chrono eval: TempEval-3 style timex scores",
        "",
        f"Command: `{command}`  ",
        f"Corpus: `{result.corpus}` — {result.document_count} documents, "
        f"{result.gold_count} gold TIMEX3 (chrono found {s.counts.system}), "
        f"read as {result.doc_type}; run time {result.seconds:.1f} s",
        "",
        "## Scores",
        "",
        *_md_table(
            ("", "precision", "recall", "F1"),
            [_prf_row("strict", s.strict), _prf_row("relaxed", s.relaxed)],
        ),
        "",
        *_md_table(
            ("attribute", "accuracy (over relaxed pairs)", "F1 (accuracy × relaxed F1)"),
            [
                ["type", pct(s.type_accuracy), pct(s.type_f1)],
                ["value", pct(s.value_accuracy), pct(s.value_f1)],
            ],
        ),
        "",
        "## By gold type",
        "",
        *_md_table(_type_header(), _type_rows(result)),
        "",
        "## Errors",
        "",
        *_md_table(
            ("class", "count", "meaning"),
            [[c.name, str(c.count), c.description] for c in result.error_classes],
        ),
    ]
    for error_class in result.error_classes:
        parts += ["", *_md_examples(error_class)]
    parts += _md_patterns(result)
    if result.input_errors:
        parts += ["", "## Gold files not read", "", *(f"- {e}" for e in result.input_errors)]
    return "\n".join(parts) + "\n"


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; columns holding only numbers are right-aligned."""
    rows = list(rows)
    align = [
        "---:" if rows and all(_is_number(r[i]) for r in rows) else "---"
        for i in range(len(header))
    ]
    return [_md_row(header), _md_row(align), *(_md_row(r) for r in rows)]


def _is_number(cell: str) -> bool:
    return cell == NOT_DEFINED or cell.replace(".", "", 1).isdigit()


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_examples(error_class: ErrorClass) -> list[str]:
    if not error_class.examples:
        return [f"### {error_class.name}: none"]
    return [
        f"### {error_class.name}: {error_class.count} (examples)",
        "",
        *_md_table(
            ("document", "gold", "gold value", "chrono", "chrono value", "context"),
            [_md_example_row(e) for e in error_class.examples],
        ),
    ]


def _md_example_row(example: ErrorExample) -> list[str]:
    gold, system = example.gold, example.system
    return [
        example.doc_id,
        f"{gold.text} ({gold.type})" if gold else "—",
        gold.value if gold else "—",
        f"{system.text} ({system.type})" if system else "—",
        system.value if system else "—",
        example.context,
    ]


def _md_patterns(result: EvalResult) -> list[str]:
    parts: list[str] = []
    if result.wrong_values:
        parts += ["", "## Most frequent wrong values", ""]
        parts += _md_table(
            ("count", "gold text", "gold value", "chrono value"),
            [_value_row(p) for p in result.wrong_values[:MARKDOWN_PATTERNS]],
        )
    for title, counts in (
        ("Most frequent missed gold texts", result.missed_texts),
        ("Most frequent spurious chrono texts", result.spurious_texts),
    ):
        if counts:
            parts += ["", f"## {title}", ""]
            parts += _md_table(
                ("count", "text"), [_text_row(t) for t in counts[:MARKDOWN_PATTERNS]]
            )
    return parts


def _value_row(pattern: ValuePattern) -> list[str]:
    return [str(pattern.count), pattern.gold_text, pattern.gold_value, pattern.system_value]


def _text_row(count: TextCount) -> list[str]:
    return [str(count.count), count.text]
