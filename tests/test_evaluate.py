"""chrono.eval.tempeval: the TimeML gold reader, the TempEval-3 scorer (figures worked out by hand
in the comments) and a real `evaluate()` run on tiny hand-written gold files."""

from __future__ import annotations

from pathlib import Path

import pytest

from chrono import errors
from chrono.errors import InputError, UsageError
from chrono.eval.report import format_markdown, format_summary, format_text
from chrono.eval.tempeval import (
    EvalResult,
    GoldDocument,
    GoldTimex,
    SystemTimex,
    align,
    context,
    evaluate,
    iter_gold,
    read_gold,
    score,
)
from chrono.text.documents import iter_documents
from chrono.types import Document

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
CORPUS = FIXTURES / "corpus"


# --- helpers: timexes placed on a text by the words they cover -------------------------------


def span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def gold(text: str, words: str, type_: str = "DATE", value: str = "", nth: int = 0) -> GoldTimex:
    start, end = span(text, words, nth)
    return GoldTimex(f"t{start}", start, end, words, type_, value)


def system(
    text: str, words: str, type_: str = "DATE", value: str = "", nth: int = 0
) -> SystemTimex:
    start, end = span(text, words, nth)
    return SystemTimex(start, end, words, type_, value)


def document(text: str, *timexes: GoldTimex) -> GoldDocument:
    return GoldDocument("doc", "doc.tml", text, None, timexes)


# --- scoring ---------------------------------------------------------------------------------

GREEDY = "It fell in March 1998 and rose again."


def greedy_case() -> tuple[GoldDocument, list[SystemTimex]]:
    # Gold: "March" and "1998"; chrono: "March 1998", which overlaps both.
    doc = document(GREEDY, gold(GREEDY, "March", value="1998-03"), gold(GREEDY, "1998"))
    return doc, [system(GREEDY, "March 1998", value="1998-03")]


def test_one_long_system_timex_pairs_with_the_first_gold_only() -> None:
    doc, found = greedy_case()
    alignment = align(doc.timexes, found)
    assert [(p.gold.text, p.system.text) for p in alignment.pairs] == [("March", "March 1998")]
    assert [t.text for t in alignment.missed] == ["1998"]
    assert alignment.spurious == ()
    scores = score([(doc, found)])
    # 2 gold, 1 system, 1 relaxed pair (extents differ: no strict one).
    # relaxed P = 1/1, R = 1/2, F1 = 2 * 1 * 0.5 / 1.5 = 2/3; strict: all 0.
    assert scores.relaxed.precision == 1.0
    assert scores.relaxed.recall == 0.5
    assert scores.relaxed.f1 == pytest.approx(2 / 3)
    assert (scores.strict.precision, scores.strict.recall, scores.strict.f1) == (0, 0, 0)
    # The one pair has the gold type and value: both accuracies 1/1, F1s = relaxed F1.
    assert scores.value_f1 == pytest.approx(2 / 3)


def test_two_system_timexes_over_one_gold_leave_the_second_spurious() -> None:
    doc = document(GREEDY, gold(GREEDY, "March 1998", value="1998-03"))
    found = [system(GREEDY, "1998", value="1998"), system(GREEDY, "March", value="1998-03")]
    alignment = align(doc.timexes, found)  # system order given does not matter: text order
    assert [p.system.text for p in alignment.pairs] == ["March"]
    assert [t.text for t in alignment.spurious] == ["1998"]
    # 1 gold, 2 system, 1 relaxed pair: P = 1/2, R = 1/1, F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
    scores = score([(doc, found)])
    assert scores.relaxed.f1 == pytest.approx(2 / 3)
    assert scores.strict.f1 == 0


MIXED = "On May 5 the fund lost money over three months in 1997 and at 10 a.m. on a Friday."


def mixed_case() -> tuple[GoldDocument, list[SystemTimex]]:
    doc = document(
        MIXED,
        gold(MIXED, "May 5", "DATE", "1997-05-05"),
        gold(MIXED, "three months", "DURATION", "P3M"),
        gold(MIXED, "1997", "DATE", "1997"),
        gold(MIXED, "10 a.m.", "TIME", "1997-05-05T10:00"),
    )
    found = [
        system(MIXED, "May 5", "DATE", "1997-05-05"),  # strict, type and value right
        system(MIXED, "over three months", "DURATION", "P3M"),  # relaxed only, value right
        system(MIXED, "1997", "DURATION", "1997"),  # strict, wrong type, value right
        system(MIXED, "10 a.m.", "TIME", "1997-05-06T10:00"),  # strict, wrong value
        system(MIXED, "Friday", "DATE", "XXXX-WXX-5"),  # spurious
    ]
    return doc, found


def test_strict_relaxed_type_and_value_scores() -> None:
    doc, found = mixed_case()
    scores = score([(doc, found)])
    c = scores.counts
    assert (c.gold, c.system, c.relaxed, c.strict, c.type_ok, c.value_ok) == (4, 5, 4, 3, 3, 3)
    # strict: P = 3/5 = 0.6, R = 3/4 = 0.75, F1 = 2 * 0.6 * 0.75 / 1.35 = 0.9 / 1.35 = 2/3.
    assert scores.strict.precision == pytest.approx(0.6)
    assert scores.strict.recall == pytest.approx(0.75)
    assert scores.strict.f1 == pytest.approx(2 / 3)
    # relaxed: P = 4/5 = 0.8, R = 4/4 = 1, F1 = 2 * 0.8 * 1 / 1.8 = 8/9.
    assert scores.relaxed.precision == pytest.approx(0.8)
    assert scores.relaxed.recall == 1.0
    assert scores.relaxed.f1 == pytest.approx(8 / 9)
    # type: 3 of 4 relaxed pairs ("1997" is DURATION), accuracy 3/4; F1 = 3/4 * 8/9 = 2/3.
    assert scores.type_accuracy == pytest.approx(0.75)
    assert scores.type_f1 == pytest.approx(2 / 3)
    # value: 3 of 4 ("10 a.m." is a day off); F1 = 3/4 * 8/9 = 2/3.
    assert scores.value_accuracy == pytest.approx(0.75)
    assert scores.value_f1 == pytest.approx(2 / 3)


def test_breakdown_by_gold_type() -> None:
    doc, found = mixed_case()
    rows = {row.type: row for row in score([(doc, found)]).by_type}
    assert list(rows) == ["DATE", "TIME", "DURATION", "SET"]  # always the four, in this order
    # DATE: "May 5" and "1997", both found with the gold value (the wrong type is not counted).
    assert (rows["DATE"].gold, rows["DATE"].recall, rows["DATE"].value_accuracy) == (2, 1.0, 1.0)
    # TIME: "10 a.m." found with a wrong value: recall 1/1, value accuracy 0/1.
    assert (rows["TIME"].gold, rows["TIME"].recall, rows["TIME"].value_accuracy) == (1, 1.0, 0.0)
    assert (rows["DURATION"].gold, rows["DURATION"].found, rows["DURATION"].value_ok) == (1, 1, 1)
    assert (rows["SET"].gold, rows["SET"].recall) == (0, 0.0)


def test_scores_are_micro_averaged_over_documents() -> None:
    # Summed counts: gold 2 + 4 = 6, system 1 + 5 = 6, relaxed 1 + 4 = 5, strict 0 + 3 = 3.
    # relaxed P = R = 5/6, F1 = 5/6 (the mean of the two documents' F1s, 2/3 and 8/9, is 7/9);
    # strict P = R = F1 = 3/6. value: 1 + 3 = 4 of 5 pairs right: 4/5 * 5/6 = 2/3.
    scores = score([greedy_case(), mixed_case()])
    assert scores.relaxed.f1 == pytest.approx(5 / 6)
    assert scores.strict.f1 == pytest.approx(0.5)
    assert scores.value_f1 == pytest.approx(2 / 3)


def test_empty_system_output_scores_zero() -> None:
    doc, _ = mixed_case()
    scores = score([(doc, [])])
    # 4 gold, 0 system: recall 0/4; precision 0/0 counts as 0; F1 0; no pairs, accuracies 0.
    assert scores.counts.gold == 4
    assert (scores.relaxed.precision, scores.relaxed.recall, scores.relaxed.f1) == (0, 0, 0)
    assert (scores.type_f1, scores.value_f1, scores.value_accuracy) == (0, 0, 0)
    assert len(align(doc.timexes, []).missed) == 4


def test_empty_gold_scores_zero_and_everything_is_spurious() -> None:
    _, found = mixed_case()
    scores = score([(document(MIXED), found)])
    # 0 gold, 5 system: precision 0/5, recall 0/0 counts as 0.
    assert (scores.counts.gold, scores.counts.system) == (0, 5)
    assert (scores.relaxed.precision, scores.relaxed.recall, scores.relaxed.f1) == (0, 0, 0)
    assert len(align((), found).spurious) == 5
    nothing = score([(document(MIXED), [])])
    assert (nothing.counts.gold, nothing.counts.system, nothing.strict.f1) == (0, 0, 0)


def test_adjacent_timexes_do_not_overlap() -> None:
    text = "March1998"  # sharing an edge is not sharing a character
    alignment = align([gold(text, "March")], [system(text, "1998")])
    assert (len(alignment.pairs), len(alignment.missed), len(alignment.spurious)) == (0, 1, 1)


def test_context_marks_the_span() -> None:
    text = "a" * 50 + " then last year, " + "b" * 50
    start, end = span(text, "last year")
    # 6 characters each side: " then " (trimmed at the cut) and ", bbbb", then "…" as cut.
    assert context(text, start, end, chars=6) == "…then [last year], bbbb…"
    assert context("in 1990.", 3, 7) == "in [1990]."


# --- reading gold ----------------------------------------------------------------------------

# reader.tml's <TEXT> with tags removed and entities resolved: &amp; -> &, &lt; -> <;
# the empty TIMEX3 t3 and the comment add nothing. Offsets by hand: "\nSmith & Sons rose " is
# 19 characters, so "yesterday" is 19-28; "more than three months" starts after
# " <unaudited>, after " (20 characters) at 48 and ends at 70; "every day" is 90-99.
READER_TEXT = (
    "\nSmith & Sons rose yesterday <unaudited>, after more than three months of losses. "
    "It pays every day.\n"
)


def test_read_gold_text_offsets_and_attributes() -> None:
    doc = read_gold(FIXTURES / "reader.tml")
    assert (doc.id, doc.dct, doc.text) == ("reader", "2001-05-04", READER_TEXT)
    assert [(t.tid, t.start, t.end, t.text) for t in doc.timexes] == [
        ("t1", 19, 28, "yesterday"),
        ("t2", 48, 70, "more than three months"),
        ("t4", 90, 99, "every day"),  # t0 (the DCT) and t3 (empty) are not there
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert [(t.type, t.value, t.mod) for t in doc.timexes] == [
        ("DATE", "2001-05-03", None),
        ("DURATION", "P3M", "MORE_THAN"),
        ("SET", "P1D", None),
    ]


def test_gold_text_is_the_text_chrono_reads() -> None:
    (item,) = iter_documents([str(FIXTURES / "reader.tml")])
    assert isinstance(item, Document)
    assert item.text == read_gold(FIXTURES / "reader.tml").text


def test_read_gold_resolves_html_entities_as_chrono_does(tmp_path: Path) -> None:
    path = tmp_path / "nbsp.tml"
    path.write_text(
        '<TimeML><TEXT>On&nbsp;<TIMEX3 tid="t1" type="DATE" value="1990">1990</TIMEX3>'
        "</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = read_gold(path)
    assert doc.text == "On\xa01990"
    assert [(t.start, t.end) for t in doc.timexes] == [(3, 7)]
    (item,) = iter_documents([str(path)])
    assert isinstance(item, Document) and item.text == doc.text


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ('<TimeML><TEXT>in <TIMEX3 tid="t1">1990</TEXT></TimeML>', "mismatched tag"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT> element"),
    ],
)
def test_read_gold_rejects_what_is_not_timeml(tmp_path: Path, content: str, detail: str) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith("not valid TimeML (")
    assert detail in caught.value.reason


def test_iter_gold_sorted_and_restricted_to_stems() -> None:
    ids = [d.id for d in iter_gold(CORPUS) if isinstance(d, GoldDocument)]
    assert ids == ["news1", "news2", "news3"]
    # A split lists file names; stems or names both work.
    chosen = list(iter_gold(CORPUS, only=["news3", "news1.tml"]))
    assert [d.id for d in chosen if isinstance(d, GoldDocument)] == ["news1", "news3"]
    assert len(chosen) == 2


def test_iter_gold_stems_keep_their_dots(tmp_path: Path) -> None:
    name = "ABC19980108.1830.0711"  # TimeBank names hold dots: only .tml is a suffix
    (tmp_path / f"{name}.tml").write_bytes((CORPUS / "news3.tml").read_bytes())
    for only in ([name], [f"{name}.tml"], [f"split/{name}.tml"]):
        (doc,) = iter_gold(tmp_path, only=only)
        assert isinstance(doc, GoldDocument) and doc.id == name


def test_iter_gold_reports_unknown_stems_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    items = list(iter_gold([tmp_path, CORPUS / "news1.tml"], only=["bad", "news1", "nothere"]))
    # Files come sorted by full path (where the checkout lives decides bad vs news1); the
    # unknown stems always come last.
    found = sorted(items[:2], key=lambda item: isinstance(item, GoldDocument))
    assert isinstance(found[0], InputError) and found[0].path.endswith("bad.tml")
    assert isinstance(found[1], GoldDocument) and found[1].id == "news1"
    assert isinstance(items[2], InputError) and str(items[2]) == (
        "nothere.tml: not among the gold files"
    )
    (missing,) = iter_gold(tmp_path / "missing")
    assert isinstance(missing, InputError) and missing.reason == errors.NO_SUCH_FILE


# --- a real run ------------------------------------------------------------------------------
# corpus/news1: DCT 1998-01-08; gold yesterday, three-month, last year, March 1998; chrono finds
#   all four with the gold extents, types and values: 4 gold, 4 system, 4 strict.
# corpus/news2: DCT 1998-02-10; the gold is imperfect on purpose. chrono finds Monday (not in
#   the gold: spurious), yesterday (gold value 1998-02-08, chrono 1998-02-09: wrong value),
#   "early March" (gold "March": relaxed, not strict), "last year" (gold type DURATION:
#   wrong type) and misses "this season"; the bare age "55" is not a TimeML timex.
#   4 gold, 4 system, 3 relaxed, 2 strict, 2 right types, 2 right values.
# corpus/news3: 1975, "Two years later" = 1977 (anchored on 1975): 2 gold, 2 strict.
# Corpus: gold 10, system 10, relaxed 9, strict 8, type 8, value 8 ->
#   strict P = R = F1 = 8/10; relaxed P = R = F1 = 9/10;
#   type F1 = value F1 = 8/9 * 9/10 = 0.8.


@pytest.fixture(scope="module")
def result() -> EvalResult:
    return evaluate(CORPUS)


def test_evaluate_scores(result: EvalResult) -> None:
    s = result.scores
    assert (result.document_count, result.gold_count, s.counts.system) == (3, 10, 10)
    assert (s.counts.relaxed, s.counts.strict, s.counts.type_ok, s.counts.value_ok) == (9, 8, 8, 8)
    assert s.strict.f1 == pytest.approx(0.8)
    assert s.relaxed.f1 == pytest.approx(0.9)
    assert s.type_f1 == pytest.approx(0.8)
    assert s.value_f1 == pytest.approx(0.8)
    per_doc = {
        d.doc_id: (d.counts.gold, d.counts.relaxed, d.counts.strict) for d in result.documents
    }
    assert per_doc == {"news1": (4, 4, 4), "news2": (4, 3, 2), "news3": (2, 2, 2)}
    # DATE: 8 gold ("last year" in news2 is a gold DURATION), 7 found, 6 of them right.
    date = result.scores.by_type[0]
    assert (date.type, date.gold, date.found, date.value_ok) == ("DATE", 8, 7, 6)
    assert result.doc_type == "auto" and result.input_errors == ()


def test_evaluate_error_classes(result: EvalResult) -> None:
    classes = {c.name: c for c in result.error_classes}
    assert {name: c.count for name, c in classes.items()} == {
        "missed": 1,
        "spurious": 1,
        "wrong extent": 1,
        "wrong value": 1,
        "wrong type": 1,
    }
    (missed,) = classes["missed"].examples
    assert (missed.doc_id, missed.gold and missed.gold.text, missed.system) == (
        "news2",
        "this season",
        None,
    )
    assert "[this season]" in missed.context
    (spurious,) = classes["spurious"].examples
    assert spurious.system is not None and spurious.system.text == "Monday"
    (extent,) = classes["wrong extent"].examples
    assert extent.system is not None and extent.system.text == "early March"
    (value,) = classes["wrong value"].examples
    assert value.system is not None and value.system.value == "1998-02-09"
    assert [(p.gold_text, p.gold_value, p.system_value, p.count) for p in result.wrong_values] == [
        ("yesterday", "1998-02-08", "1998-02-09", 1)
    ]
    assert [(t.text, t.count) for t in result.missed_texts] == [("this season", 1)]
    assert [(t.text, t.count) for t in result.spurious_texts] == [("monday", 1)]


def test_evaluate_only_and_doc_type() -> None:
    narrow = evaluate(CORPUS, only=["news1"], doc_type="news")
    assert (narrow.document_count, narrow.scores.strict.f1, narrow.doc_type) == (1, 1.0, "news")
    with pytest.raises(UsageError):
        evaluate(CORPUS, doc_type="poem")


def test_evaluate_lists_unreadable_gold_and_scores_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_bytes((CORPUS / "news1.tml").read_bytes())
    (tmp_path / "b.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    outcome = evaluate(tmp_path)
    assert outcome.document_count == 1 and outcome.scores.strict.f1 == 1.0
    (line,) = outcome.input_errors
    assert line.startswith(f"{tmp_path / 'b.tml'}: not valid TimeML")


def test_reports(result: EvalResult) -> None:
    summary = format_summary(result)
    assert "3 documents, 10 gold timexes" in summary
    assert "strict F1 80.0, relaxed F1 90.0, type F1 80.0, value F1 80.0" in summary
    text = format_text(result)
    assert "strict        80.0    80.0  80.0" in text
    assert "relaxed       90.0    90.0  90.0" in text
    assert "DATE          8    87.5            85.7" in text
    assert "TIME          0       -               -" in text
    assert "missed: 1" in text and "[this season]" in text
    assert "'yesterday'  1998-02-08 -> 1998-02-09" in text
    command = "chrono eval tests/fixtures/eval/corpus --report eval.md"
    markdown = format_markdown(result, command=command)
    assert markdown.startswith("# ")
    assert f"Command: `{command}`" in markdown
    assert "3 documents, 10 gold TIMEX3" in markdown
    assert "| strict | 80.0 | 80.0 | 80.0 |" in markdown
    assert "| value | 88.9 | 80.0 |" in markdown
    assert "| DATE | 8 | 87.5 | 85.7 |" in markdown
    assert "| news2 | this season (DATE) | 1998-WI | — | — |" in markdown
    assert "| 1 | yesterday | 1998-02-08 | 1998-02-09 |" in markdown
