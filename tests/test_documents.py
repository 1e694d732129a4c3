"""chrono.text.documents: paths, folders and stdin -> Documents (text, id, title, DCT) or
InputErrors."""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chrono import errors
from chrono.errors import InputError, UsageError
from chrono.text.documents import (
    SUPPORTED_SUFFIXES,
    DctOverrides,
    document_from_text,
    iter_documents,
    parse_dct_options,
    plan,
)
from chrono.text.html_text import fallback_text, html_metadata
from chrono.types import CalendarValue, DctSource, DocType, Document, Granularity

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def day(year: int, month: int, d: int) -> CalendarValue:
    return CalendarValue(Granularity.DAY, year=year, month=month, day=d)


def read(*paths: str | Path, **kwargs: object) -> list[Document | InputError]:
    return list(iter_documents([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_doc(*paths: str | Path, **kwargs: object) -> Document:
    (item,) = read(*paths, **kwargs)
    assert isinstance(item, Document), item
    return item


def only_error(*paths: str | Path, **kwargs: object) -> InputError:
    (item,) = read(*paths, **kwargs)
    assert isinstance(item, InputError), item
    return item


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # no newline translation
    return path


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".tml", ".jsonl")


# --- --dct options ----------------------------------------------------------------------------


def test_parse_dct_options_all_and_per_doc() -> None:
    overrides = parse_dct_options(["2023-07-15", "report=2020-01-02"])
    assert overrides.all == day(2023, 7, 15)
    assert overrides.per_doc == {"report": day(2020, 1, 2)}
    assert parse_dct_options([]) == DctOverrides(all=None, per_doc={}, given={})


def test_parse_dct_options_later_value_wins_and_written_dates_work() -> None:
    overrides = parse_dct_options(["2023-07-15", "July 14, 2021", "a=2001", "a=2002-03"])
    assert overrides.all == day(2021, 7, 14)
    assert overrides.per_doc["a"] == CalendarValue(Granularity.MONTH, year=2002, month=3)


@pytest.mark.parametrize("bad", ["yesterday", "", "doc=", "doc=soon", "2023-13-01", "2023-02-30"])
def test_parse_dct_options_rejects_bad_values(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_dct_options(["2023-07-15", bad])
    assert str(caught.value) == errors.bad_dct(bad)


def test_parse_dct_options_names_an_empty_id() -> None:
    with pytest.raises(UsageError) as caught:
        parse_dct_options(["=2023-07-15"])
    assert str(caught.value) == errors.empty_dct_id("=2023-07-15")


def test_an_unreadable_metadata_date_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("Published: 2023-13-45\n\nThe council met.\n", encoding="utf-8")
    (document,) = iter_documents([str(path)])
    assert isinstance(document, Document) and document.dct is None
    evidence = 'first line "Published: 2023-13-45"'
    assert document.warnings == (f"{path}: {errors.ignored_metadata_date(evidence)}",)


# --- plain text and Markdown ------------------------------------------------------------------


def test_txt_published_first_line_sets_dct_title_and_body_start() -> None:
    doc = only_doc(FIXTURES / "published.txt")
    assert doc.id == "published"
    assert doc.path == str(FIXTURES / "published.txt")
    assert doc.text == (FIXTURES / "published.txt").read_text(encoding="utf-8")
    assert doc.dct is not None
    assert doc.dct.value == day(2023, 7, 14)
    assert doc.dct.source is DctSource.METADATA
    assert doc.dct.evidence == 'first line "Published: July 14, 2023"'
    assert doc.text[: doc.body_start].startswith("Published:")
    assert doc.text[doc.body_start :].startswith("Council approves new bridge\n")
    assert doc.title == "Council approves new bridge"
    assert doc.doc_type is None


def test_date_header_is_case_insensitive_after_bom_and_blank_lines(tmp_path: Path) -> None:
    raw = "\n  \nDATE :  2019-03-04  \r\n\r\nBody starts here.\r\nSecond line.\r\n"
    path = write(tmp_path / "memo.txt", b"\xef\xbb\xbf" + raw.encode("utf-8"))
    doc = only_doc(path)
    assert doc.text == raw  # BOM stripped, CRLF kept: offsets index the file's text
    assert doc.dct is not None and doc.dct.value == day(2019, 3, 4)
    assert doc.dct.evidence == 'first line "DATE :  2019-03-04"'
    assert doc.text[doc.body_start :] == "Body starts here.\r\nSecond line.\r\n"
    assert doc.title is None  # the first body line is a sentence


def test_txt_without_header(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "plain.txt", "A short headline\nIt happened in 2004.\n"))
    assert (doc.body_start, doc.dct, doc.title) == (0, None, "A short headline")


def test_title_must_be_short_and_not_a_sentence(tmp_path: Path) -> None:
    long_line = "word " * 50
    assert only_doc(write(tmp_path / "a.txt", long_line + "\nmore\n")).title is None
    assert only_doc(write(tmp_path / "b.txt", "It rained.\nmore\n")).title is None
    assert only_doc(write(tmp_path / "c.txt", "\n\nWhy now?\nmore\n")).title == "Why now?"


def test_unparseable_header_date_is_ignored_but_still_a_header(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "x.txt", "Published: sometime soon\n\nThe body.\n"))
    assert doc.dct is None
    assert doc.text[doc.body_start :] == "The body.\n"


def test_header_date_with_time_and_zone(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "x.txt", "Date: Tue, 14 Mar 2023 09:15:00 GMT\nBody.\n"))
    assert doc.dct is not None
    assert (doc.dct.value.year, doc.dct.value.hour, doc.dct.value.tz) == (2023, 9, "Z")


def test_markdown_front_matter() -> None:
    doc = only_doc(FIXTURES / "post.md")
    assert doc.title == "Moving to Lisbon"  # front matter title wins over the heading
    assert doc.dct is not None and doc.dct.value == day(2021, 3, 2)
    assert doc.dct.source is DctSource.METADATA
    assert doc.dct.evidence == 'front matter "date: 2021-03-02"'
    assert doc.text.startswith("---\ntitle:")  # the header stays in the text
    assert doc.text[doc.body_start :].startswith("# Five years on the road\n")


def test_markdown_heading_title_and_quoted_front_matter_date(tmp_path: Path) -> None:
    text = "---\nlayout: post\ndate: '2020-05-06'\n---\n## Spring notes ##\n\nText.\n"
    doc = only_doc(write(tmp_path / "notes.md", text))
    assert doc.title == "Spring notes"
    assert doc.dct is not None and doc.dct.value == day(2020, 5, 6)
    assert doc.text[doc.body_start :].startswith("## Spring notes")


def test_leading_rule_with_prose_is_not_front_matter(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "rule.md", "---\nJust prose, written in 2004.\n---\nMore.\n"))
    assert (doc.body_start, doc.dct) == (0, None)


def test_unclosed_front_matter_is_plain_text(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "open.md", "---\ndate: 2020-01-01\nno end\n"))
    assert (doc.body_start, doc.dct) == (0, None)


# --- HTML -------------------------------------------------------------------------------------


def test_html_main_text_title_and_meta_dct() -> None:
    doc = only_doc(FIXTURES / "article.html")
    assert doc.id == "article"
    assert doc.title == "Storm hits the coast"  # og:title, without the site name of <title>
    paragraphs = doc.text.split("\n\n")
    assert "A powerful storm hit the coast on Friday" in paragraphs[1]
    assert any(p.startswith("Residents were evacuated last week & shelters") for p in paragraphs)
    assert "The mayor said on Saturday that repairs" in doc.text  # <time> text is kept
    for furniture in ("World news menu", "subscribe", "Great article", "Copyright", "1999"):
        assert furniture not in doc.text
    assert doc.dct is not None
    assert doc.dct.source is DctSource.METADATA
    # article:published_time outranks an earlier <meta name="date"> and <time datetime>.
    assert (doc.dct.value.year, doc.dct.value.month, doc.dct.value.day) == (2023, 7, 14)
    assert doc.dct.evidence == (
        '<meta property="article:published_time" content="2023-07-14T08:30:00Z">'
    )
    assert doc.body_start == 0


@pytest.mark.parametrize(
    ("head", "expected", "evidence"),
    [
        ('<meta name="date" content="2021-02-03">', day(2021, 2, 3), '<meta name="date"'),
        ('<meta itemprop="datePublished" content="2021-02-04">', day(2021, 2, 4), "itemprop"),
        ('<meta property="og:published_time" content="2021-02-05">', day(2021, 2, 5), "og:"),
        (
            '<meta property="article:published_time" content="not a date">'
            '<meta name="DATE" content="2021-02-06">',
            day(2021, 2, 6),
            '<meta name="DATE"',
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"datePublished": "2021-02-07"}]}'
            "</script>",
            day(2021, 2, 7),
            "JSON-LD",
        ),
        ("", day(2020, 12, 31), '<time datetime="2020-12-31">'),
    ],
)
def test_html_dct_sources(
    tmp_path: Path, head: str, expected: CalendarValue, evidence: str
) -> None:
    page = (
        f"<html><head><title>T</title>{head}</head><body><article>"
        '<p>It was announced on <time datetime="2020-12-31">New Year\'s Eve</time>.</p>'
        "</article></body></html>"
    )
    doc = only_doc(write(tmp_path / "page.htm", page))
    assert doc.dct is not None and doc.dct.value == expected
    assert evidence in doc.dct.evidence
    assert "New Year's Eve" in doc.text


def test_html_without_dates_has_no_dct(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "p.html", "<html><body><p>Nothing dated.</p></body></html>"))
    assert doc.dct is None and doc.text == "Nothing dated."


def test_html_falls_back_to_stdlib_extraction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("chrono.text.html_text._trafilatura_text", lambda html: "")
    doc = only_doc(FIXTURES / "article.html")
    assert doc.text.startswith("Storm hits the coast\n\nA powerful storm")
    assert "The mayor said on Saturday that repairs" in doc.text
    for furniture in ("World news menu", "subscribe", "Great article", "Copyright", "1999"):
        assert furniture not in doc.text


def test_fallback_text_blocks_entities_and_unclosed_head() -> None:
    page = (
        "<html><head><title>T</title><style>x{}</style><body>"
        "<h2>News</h2><p>One &amp; two<br>three</p><ul><li>a</li><li>b</li></ul>"
        "<table><tr><td>1939</td><td>War</td></tr></table><aside>ad</aside>"
    )
    assert fallback_text(page) == "News\n\nOne & two\nthree\n\na\nb\n\n1939 | War"


def test_html_metadata_title_prefers_og_title() -> None:
    meta = html_metadata("<title> Plain  title </title><meta property='og:title' content='OG'>")
    assert meta.title == "OG"
    assert html_metadata("<title> Plain \n title </title>").title == "Plain title"


def test_html_declared_latin1_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 in M\xfcnchen.</p>'
    doc = only_doc(write(tmp_path / "l.html", page.encode("latin-1")))
    assert doc.text == "Café in München."


# --- TimeML -----------------------------------------------------------------------------------


def test_timeml_text_and_dct() -> None:
    doc = only_doc(FIXTURES / "sample.tml")
    assert doc.text == "\nShares of AT&T rose yesterday, after a three-month slide.\n"
    assert doc.title is None
    assert doc.dct is not None and doc.dct.value == day(1998, 1, 8)
    assert doc.dct.source is DctSource.METADATA
    assert doc.dct.evidence == '<DCT><TIMEX3 value="1998-01-08">'


def test_timeml_offsets_can_be_recomputed() -> None:
    doc = only_doc(FIXTURES / "sample.tml")
    body = ET.parse(FIXTURES / "sample.tml").getroot().find("TEXT")
    assert body is not None
    spans, position = [], len(body.text or "")
    for element in body:
        inner = "".join(element.itertext())
        if element.tag == "TIMEX3":
            spans.append((position, position + len(inner), inner))
        position += len(inner) + len(element.tail or "")
    assert [t for _, _, t in spans] == ["yesterday", "three-month"]
    for start, end, inner in spans:
        assert doc.text[start:end] == inner


def test_timeml_creation_time_outside_dct_and_html_entities(tmp_path: Path) -> None:
    source = (
        '<TimeML><TEXT>On <TIMEX3 tid="t0" value="2001-09-11" functionInDocument="CREATION_TIME">'
        "Tuesday</TIMEX3>&nbsp;it&eacute; happened.</TEXT></TimeML>"
    )
    doc = only_doc(write(tmp_path / "c.tml", source))
    assert doc.text == "On Tuesday\xa0ité happened."
    assert doc.dct is not None and doc.dct.value == day(2001, 9, 11)
    assert "CREATION_TIME" in doc.dct.evidence


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("<TimeML><TEXT>unclosed</TimeML>", "mismatched tag"),
        ("<TimeML><DCT/></TimeML>", "no <TEXT> element"),
        ("not xml at all", "syntax error"),
    ],
)
def test_bad_timeml(tmp_path: Path, source: str, detail: str) -> None:
    error = only_error(write(tmp_path / "bad.tml", source))
    assert error.path == str(tmp_path / "bad.tml")
    assert error.reason.startswith("not valid TimeML (") and detail in error.reason


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines() -> None:
    path = str(FIXTURES / "batch.jsonl")
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Document",
        "Document",
        "InputError",
        "InputError",
        "Document",
    ]
    first, second, bad_json, no_text, last = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert isinstance(last, Document)
    assert (first.id, first.title, first.doc_type) == ("first", "Plant opens", DocType.NEWS)
    assert first.text == "The plant opened in 1998."
    assert first.dct is not None and first.dct.value == day(2023, 7, 15)
    assert (first.dct.source, first.dct.evidence) == (DctSource.METADATA, '"dct": "2023-07-15"')
    assert (second.id, second.doc_type, second.dct) == ("batch-2", DocType.NARRATIVE, None)
    assert (last.id, last.doc_type) == ("last", None)
    assert all(d.path == path for d in (first, second, last))
    assert str(bad_json).startswith(f"{path}: line 3: not a JSON document object (")
    assert str(no_text) == f'{path}: line 4: not a JSON document object (no "text" string)'


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("[1, 2]", "a JSON list, not an object"),
        ('{"text": 5}', '"text" is not a string'),
        ('{"text": "x", "id": ""}', '"id" is not a non-empty string'),
        ('{"text": "x", "title": 3}', '"title" is not a string'),
        ('{"text": "x", "dct": "someday"}', "\"dct\" 'someday' is not a date"),
        ('{"text": "x", "doc_type": "poem"}', "\"doc_type\" 'poem' is not news or narrative"),
    ],
)
def test_jsonl_bad_line_details(tmp_path: Path, line: str, detail: str) -> None:
    path = write(tmp_path / "b.jsonl", '{"text": "ok"}\n' + line + "\n")
    good, error = read(path)
    assert isinstance(good, Document) and good.id == "b-1"
    assert isinstance(error, InputError)
    assert error.reason == errors.bad_jsonl(2, detail)


def test_jsonl_numeric_id_and_text_header(tmp_path: Path) -> None:
    line = '{"id": 7, "text": "Published: 2022-02-02\\n\\nBody."}\r\n'
    doc = only_doc(write(tmp_path / "n.jsonl", line))
    assert doc.id == "7"
    assert doc.dct is not None and doc.dct.value == day(2022, 2, 2)
    assert doc.text[doc.body_start :] == "Body."


# --- DCT precedence ---------------------------------------------------------------------------


def test_cli_dct_beats_metadata_and_per_doc_beats_all(tmp_path: Path) -> None:
    write(tmp_path / "plain.txt", "No date here.\n")
    overrides = parse_dct_options(["2023-07-15", "post=2020-01-02"])
    docs = {
        d.id: d
        for d in read(
            FIXTURES / "published.txt", FIXTURES / "post.md", tmp_path / "plain.txt", dct=overrides
        )
    }
    published, post, plain = docs["published"], docs["post"], docs["plain"]
    assert published.dct is not None and plain.dct is not None and post.dct is not None
    assert (published.dct.value, published.dct.source) == (day(2023, 7, 15), DctSource.CLI)
    assert published.dct.evidence == "--dct 2023-07-15"
    assert plain.dct.evidence == "--dct 2023-07-15"
    assert (post.dct.value, post.dct.evidence) == (day(2020, 1, 2), "--dct post=2020-01-02")


def test_metadata_dct_stays_without_override() -> None:
    overrides = parse_dct_options(["other=2020-01-02"])
    doc = only_doc(FIXTURES / "published.txt", dct=overrides)
    assert doc.dct is not None and doc.dct.source is DctSource.METADATA


def test_overrides_built_in_code_get_evidence() -> None:
    overrides = DctOverrides(all=None, per_doc={"published": day(2000, 1, 2)})
    doc = only_doc(FIXTURES / "published.txt", dct=overrides)
    assert doc.dct is not None and doc.dct.evidence == "--dct published=2000-01-02"


# --- ids, folders, order ----------------------------------------------------------------------


def test_id_collisions_get_numbered_in_input_order(tmp_path: Path) -> None:
    for folder in ("a", "b", "c"):
        write(tmp_path / folder / "report.txt", f"From {folder}.\n")
    write(tmp_path / "report-2.md", "A real report-2.\n")
    paths = [tmp_path / "report-2.md", tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    overrides = parse_dct_options(["report-3=1999-09-09"])
    docs = read(*paths, dct=overrides)
    assert [(d.id, d.text) for d in docs if isinstance(d, Document)] == [
        ("report-2", "A real report-2.\n"),
        ("report", "From a.\n"),
        ("report-3", "From b.\n"),
        ("report-4", "From c.\n"),
    ]
    by_id = {d.id: d for d in docs if isinstance(d, Document)}
    assert by_id["report-3"].dct is not None and by_id["report-4"].dct is None
    assert [d.id for d in read(*paths)] == [d.id for d in docs]  # deterministic


def test_folder_walk_order_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    special = {"d/e/f.tml": "<TimeML><TEXT>x</TEXT></TimeML>", "g.JSONL": '{"text": "x"}'}
    for name in (
        "b.txt",
        "a/z.txt",
        "a/b.md",
        "c.html",
        "d/e/f.tml",
        "g.JSONL",
        ".hidden.txt",
        ".git/x.txt",
        "notes.pdf",
        "image.png",
        "README",
    ):
        write(root / name, special.get(name, "<p>text</p>\n"))
    items = read(root)
    assert all(isinstance(i, Document) for i in items)
    assert [i.path for i in items] == [
        os.path.join(str(root), p)
        for p in ("a/b.md", "a/z.txt", "b.txt", "c.html", "d/e/f.tml", "g.JSONL")
    ]
    assert [i.id for i in items] == ["b", "z", "b-2", "c", "f", "g-1"]


def test_folder_path_keeps_the_prefix_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "seeds" / "000_x.txt", "x\n")
    monkeypatch.chdir(tmp_path)
    assert only_doc("seeds").path == os.path.join("seeds", "000_x.txt")
    assert only_doc("seeds/").path == "seeds/000_x.txt"


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "root" / "a.txt", "a\n")
    (tmp_path / "root" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    assert [d.id for d in read(tmp_path / "root")] == ["a"]


def test_reading_is_lazy(tmp_path: Path) -> None:
    write(tmp_path / "f" / "1.txt", "one\n")
    write(tmp_path / "f" / "2.txt", "two\n")
    stream = iter_documents([str(tmp_path / "f")])
    first = next(stream)
    assert isinstance(first, Document) and first.id == "1"
    (tmp_path / "f" / "2.txt").unlink()  # not read yet, so its loss is reported, not a crash
    assert [str(i) for i in stream] == [f"{tmp_path / 'f' / '2.txt'}: {errors.NO_SUCH_FILE}"]


# --- bad inputs -------------------------------------------------------------------------------


def test_bad_inputs_are_reported_and_good_ones_still_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good text from 2004.\n")
    binary = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    pdf = write(tmp_path / "paper.pdf", b"%PDF-1.4")
    empty = tmp_path / "empty"
    empty.mkdir()
    unsupported_only = tmp_path / "pdfs"
    write(unsupported_only / "x.pdf", b"%PDF")
    write(unsupported_only / ".hidden.txt", "hidden\n")
    missing = tmp_path / "missing.txt"
    items = read(missing, binary, good, pdf, empty, unsupported_only, good)
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        f"{missing}: {errors.NO_SUCH_FILE}",
        f"{binary}: {errors.NOT_TEXT}",
        "good",
        f"{pdf}: {errors.unsupported_type('.pdf')}",
        f"{empty}: {errors.IS_EMPTY_DIR}",
        f"{unsupported_only}: {errors.IS_EMPTY_DIR}",
        "good-2",
    ]


def test_explicit_file_without_suffix_is_unsupported(tmp_path: Path) -> None:
    error = only_error(write(tmp_path / "README", "text\n"))
    assert error.reason == errors.unsupported_type("")


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 101)
    assert only_error(path, max_bytes=100).reason == errors.too_large(101, 100)
    assert only_doc(path, max_bytes=101).text == "x" * 101


def test_too_large_in_folder_does_not_stop_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", "x" * 50)
    write(tmp_path / "d" / "b.txt", "small\n")
    items = read(tmp_path / "d", max_bytes=10)
    assert isinstance(items[0], InputError) and isinstance(items[1], Document)


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "secret\n")
    write(tmp_path / "open.txt", "open\n")

    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    items = read(path, tmp_path / "open.txt")
    assert str(items[0]) == f"{path}: {errors.PERMISSION_DENIED}"
    assert isinstance(items[1], Document)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_on_a_real_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "secret\n")
    path.chmod(0)
    try:
        assert only_error(path).reason == errors.PERMISSION_DENIED
    finally:
        path.chmod(0o644)


def test_not_a_regular_file() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    assert only_error("/dev/null").reason == errors.NOT_A_FILE


# --- decoding ---------------------------------------------------------------------------------


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    text = "Café résumé: the naïve señor met Zoë in März 2003 and paid 5€ for “coffee”.\n"
    doc = only_doc(write(tmp_path / "w.txt", text.encode("cp1252")))
    assert doc.text == text


def test_latin1_file_is_detected(tmp_path: Path) -> None:
    text = "Le président a déclaré le 14 juillet 2003 que la réforme était terminée.\n"
    assert only_doc(write(tmp_path / "l.txt", text.encode("latin-1"))).text == text


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Published: 2020-02-02\nUTF-16 text.\n"
    doc = only_doc(write(tmp_path / "u.txt", text.encode("utf-16")))
    assert doc.text == text and doc.dct is not None


def test_control_characters_mean_not_text(tmp_path: Path) -> None:
    error = only_error(write(tmp_path / "c.txt", b"ab\x01\x02\x03\x04\x05\x06cd"))
    assert error.reason == errors.NOT_TEXT


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "e.txt", b""))
    assert (doc.text, doc.title, doc.dct, doc.body_start) == ("", None, None, 0)


# --- stdin and text ---------------------------------------------------------------------------


def test_stdin_text_stream() -> None:
    doc = only_doc("-", stdin=io.StringIO("Published: 2023-07-14\n\nFrom a pipe.\n"))
    assert (doc.id, doc.path) == ("stdin", "-")
    assert doc.dct is not None and doc.dct.value == day(2023, 7, 14)
    assert doc.text[doc.body_start :] == "From a pipe.\n"


def test_stdin_bytes_are_decoded_like_files() -> None:
    raw = "Zürich, 3 May 2004\r\nCafé.\r\n".encode("cp1252")
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")  # would fail as text
    doc = only_doc("-", stdin=stream)
    assert doc.text == "Zürich, 3 May 2004\r\nCafé.\r\n"  # newlines untouched too


def test_stdin_twice_and_dct_override() -> None:
    stream = io.StringIO("Once.\n")
    first, second = read("-", "-", stdin=stream, dct=parse_dct_options(["stdin=2001-01-01"]))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, second.id, second.text) == ("stdin", "stdin-2", "")
    assert first.dct is not None and first.dct.source is DctSource.CLI
    assert second.dct is None


def test_stdin_too_large() -> None:
    # A stream is not read to its end just to measure it: it may never end.
    error = only_error("-", stdin=io.StringIO("x" * 30), max_bytes=10)
    assert error.reason == errors.too_large_stream(10)
    assert only_doc("-", stdin=io.StringIO("x" * 10), max_bytes=10).text == "x" * 10
    # Ten characters but more than ten bytes in UTF-8.
    assert only_error("-", stdin=io.StringIO("é" * 10), max_bytes=10).reason == (
        errors.too_large_stream(10)
    )


def test_stdin_redirected_from_a_file_names_its_size(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 30)
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8") as stream:
        assert only_error("-", stdin=stream, max_bytes=10).reason == errors.too_large(30, 10)


def test_document_from_text_defaults_and_dct() -> None:
    doc = document_from_text("Headline\nBody text.\n", dct=day(2020, 2, 2))
    assert (doc.id, doc.path, doc.title) == ("stdin", "-", "Headline")
    assert doc.dct is not None
    assert (doc.dct.value, doc.dct.source, doc.dct.evidence) == (
        day(2020, 2, 2),
        DctSource.CLI,
        "dct=2020-02-02",
    )


def test_document_from_text_other_formats() -> None:
    source = (FIXTURES / "sample.tml").read_text(encoding="utf-8")
    tml = document_from_text(source, "s", path="s.tml", suffix=".tml")
    assert tml.text.startswith("\nShares of AT&T") and tml.dct is not None
    html = document_from_text("<p>Hello from 2004.</p>", "h", suffix="html")
    assert html.text == "Hello from 2004."
    with pytest.raises(InputError):
        document_from_text("<TimeML>", suffix=".tml")
    for suffix in (".jsonl", ".pdf"):
        with pytest.raises(UsageError):
            document_from_text("x", suffix=suffix)


def test_fixture_folder_reads_cleanly(tmp_path: Path) -> None:
    copy = tmp_path / "docs"
    shutil.copytree(FIXTURES, copy)
    items = read(copy)
    assert [i.id for i in items if isinstance(i, Document)] == [
        "article",
        "first",
        "batch-2",
        "last",
        "post",
        "published",
        "sample",
    ]
    assert sum(isinstance(i, InputError) for i in items) == 2


# --- odd paths: never a crash, never a hang ---------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
def test_a_fifo_given_as_a_path_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert only_error(fifo).reason == errors.NOT_A_FILE


@needs_fifo
def test_a_fifo_in_a_folder_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.fifo")  # not a document's name: skipped like any other file
    write(tmp_path / "c.txt", "In 2004.\n")
    items = read(tmp_path)
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        f"{tmp_path / 'a.txt'}: {errors.NOT_A_FILE}",
        "c",
    ]


@needs_fifo
def test_a_path_swapped_for_a_fifo_after_listing_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_regular(path: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path) == str(fifo):  # as it was when listed: a regular file
            return os.stat_result((stat.S_IFREG | 0o644, *tuple(info)[1:]))
        return info

    monkeypatch.setattr(os, "stat", looks_regular)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.extend(read(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert [str(i) for i in result] == [f"{fifo}: {errors.NOT_A_FILE}"]


def test_devices_are_not_read() -> None:
    for device in ("/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            assert only_error(device).reason == errors.NOT_A_FILE


def test_endless_stdin_stops_at_the_limit() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with open("/dev/zero", "rb") as zeros, io.TextIOWrapper(zeros) as stream:
        assert only_error("-", stdin=stream, max_bytes=1000).reason == (
            errors.too_large_stream(1000)
        )


def test_broken_symlinks(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert only_error(tmp_path / "gone.txt").reason == errors.BROKEN_LINK
    write(tmp_path / "ok.txt", "ok\n")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")  # no document's name: skipped
    items = read(tmp_path)
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        f"{tmp_path / 'gone.txt'}: {errors.BROKEN_LINK}",
        "ok",
    ]


def test_symlink_loops_between_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert only_error(tmp_path / "a.txt").reason == errors.SYMLINK_LOOP
    assert [i.reason for i in read(tmp_path) if isinstance(i, InputError)] == [
        errors.SYMLINK_LOOP,
        errors.SYMLINK_LOOP,
    ]


def test_an_unreadable_subfolder_is_named_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a" / "x.txt", "x\n")
    write(tmp_path / "b" / "secret.txt", "secret\n")
    write(tmp_path / "c.txt", "c\n")
    real_scandir = os.scandir

    def refuse(path: str) -> object:  # chmod 000 does not stop root: refuse by hand
        if os.path.basename(path) == "b":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    items = read(tmp_path)
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        "x",
        f"{tmp_path / 'b'}: {errors.PERMISSION_DENIED}",
        "c",
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_a_real_unreadable_folder(tmp_path: Path) -> None:
    write(tmp_path / "locked" / "x.txt", "x\n")
    (tmp_path / "locked").chmod(0)
    try:
        assert only_error(tmp_path / "locked").reason == errors.PERMISSION_DENIED
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_path_with_a_nul_character() -> None:
    assert only_error("bad\x00name.txt").reason == errors.BAD_PATH


def test_folders_nested_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    depth = sys.getrecursionlimit() + 100
    deep = str(tmp_path)
    for _ in range(depth):  # os.makedirs itself recurses; about 2,200 characters: < PATH_MAX
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    with open(os.path.join(deep, "bottom.txt"), "w", encoding="utf-8") as handle:
        handle.write("In 2004.\n")
    try:
        assert only_doc(tmp_path).id == "bottom"
    finally:  # pytest's own clean-up (shutil.rmtree) recurses: empty the tree here, bottom up
        os.unlink(os.path.join(deep, "bottom.txt"))
        while deep != str(tmp_path):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_file_names_that_are_not_utf8_give_printable_ids(tmp_path: Path) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the file system insists on Unicode names")
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    try:
        with open(name, "wb") as handle:
            handle.write(b"In 2004.\n")
    except OSError:
        pytest.skip("the file system refuses non-UTF-8 names")
    doc = only_doc(tmp_path)
    assert doc.id == "caf\ufffd"
    assert os.path.exists(doc.path)  # the path stays the real one


# --- encodings: decoded, and said so ----------------------------------------------------------


def test_a_detected_encoding_is_a_warning_naming_it(tmp_path: Path) -> None:
    text = "Le président a déclaré le 14 juillet 2003 que la réforme était terminée.\n"
    path = write(tmp_path / "l.txt", text.encode("latin-1"))
    doc = only_doc(path)
    assert doc.text == text
    assert doc.warnings == (f"{path}: {errors.decoded_as('windows-1252')}",)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plain.txt", "Zoë, 2004.\n".encode()),
        ("bom.txt", b"\xef\xbb\xbf" + "Zoë, 2004.\n".encode()),
        ("bom16.txt", "Zoë, 2004.\n".encode("utf-16")),
        ("declared.html", '<meta charset="iso-8859-1"><p>Zo\xeb, 2004.</p>'.encode("latin-1")),
    ],
)
def test_utf8_boms_and_declared_charsets_need_no_warning(
    tmp_path: Path, name: str, content: bytes
) -> None:
    doc = only_doc(write(tmp_path / name, content))
    assert "Zoë, 2004." in doc.text and doc.warnings == ()


def test_utf16_without_a_bom_is_detected_and_said(tmp_path: Path) -> None:
    text = "The council first met in 2004 and moved in 2009.\n" * 3
    path = write(tmp_path / "w.txt", text.encode("utf-16-le"))
    doc = only_doc(path)
    assert doc.text == text
    assert doc.warnings == (f"{path}: {errors.decoded_as('UTF-16LE')}",)


def test_stdin_bytes_in_a_legacy_encoding_are_said(tmp_path: Path) -> None:
    stream = io.TextIOWrapper(io.BytesIO("Zürich, 3 May 2004\n".encode("cp1252")))
    doc = only_doc("-", stdin=stream)
    assert doc.warnings == (f"-: {errors.decoded_as('windows-1252')}",)


def test_lone_surrogates_in_api_text_are_replaced_in_place() -> None:
    doc = document_from_text("In 2004 \ud800 it rained \udfff.")
    assert doc.text == "In 2004 \ufffd it rained \ufffd."  # same length: offsets hold
    assert doc.warnings == (f"-: {errors.replaced_surrogates(2)}",)
    doc.text.encode("utf-8")  # every later stage and writer can encode it


# --- JSON Lines: streamed, the limit per line -------------------------------------------------


def test_jsonl_limit_holds_per_line_not_per_file(tmp_path: Path) -> None:
    lines = ['{"text": "In 2004."}', '{"text": "' + "x" * 200 + '"}', '{"text": "In 2009."}']
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    items = read(path, max_bytes=100)  # the file is larger than that, each good line is not
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        "c-1",
        f"{path}: {errors.jsonl_line(2, errors.too_large(len(lines[1]), 100))}",
        "c-3",
    ]


def test_jsonl_an_over_long_last_line_without_newline(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"text": "a"}\n' + '{"text": "' + "y" * 300 + '"}')
    first, error = read(path, max_bytes=50)
    assert isinstance(first, Document) and isinstance(error, InputError)
    assert error.reason == errors.jsonl_line(2, errors.too_large(312, 50))


def test_jsonl_in_utf16_as_powershell_writes_it(tmp_path: Path) -> None:
    content = '{"id": "a", "text": "Zoë came in 2004."}\r\n{"id": "b", "text": "Later."}\r\n'
    path = write(tmp_path / "ps.jsonl", content.encode("utf-16"))
    docs = read(path)
    assert [(d.id, d.text) for d in docs if isinstance(d, Document)] == [
        ("a", "Zoë came in 2004."),
        ("b", "Later."),
    ]


def test_jsonl_in_a_legacy_encoding_warns_once(tmp_path: Path) -> None:
    content = "".join(f'{{"text": "Caf\xe9 number {n}, 2004."}}\n' for n in range(5))
    path = write(tmp_path / "w.jsonl", content.encode("cp1252"))
    docs = read(path)
    assert all(isinstance(d, Document) and d.text.startswith("Café") for d in docs)
    warnings = [w for d in docs if isinstance(d, Document) for w in d.warnings]
    assert warnings == [f"{path}: {errors.jsonl_line(1, errors.decoded_as('windows-1252'))}"]


def test_jsonl_binary_lines_and_surrogate_escapes(tmp_path: Path) -> None:
    content = (
        b'{"text": "ok"}\n'
        + bytes([*range(1, 9), *range(14, 32)]) * 3  # control characters, no line break
        + b"\n"
        + b'{"id": "s\\udc80", "title": "T\\ud800", "text": "In 2004 \\ud83d it rained."}\n'
    )
    path = write(tmp_path / "m.jsonl", content)
    good, binary, escaped = read(path)
    assert isinstance(good, Document)
    assert str(binary) == f"{path}: {errors.jsonl_line(2, errors.NOT_TEXT)}"
    assert isinstance(escaped, Document)
    assert (escaped.id, escaped.title) == ("s\ufffd", "T\ufffd")
    assert escaped.text == "In 2004 \ufffd it rained."
    assert escaped.warnings == (f"{path}: {errors.jsonl_line(3, errors.replaced_surrogates(1))}",)


def test_timeml_entity_declarations_are_refused(tmp_path: Path) -> None:
    laughs = '<!ENTITY lol1 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10)
    )
    source = f"<!DOCTYPE lolz [{laughs}]><TimeML><TEXT>&lol9; in 2004</TEXT></TimeML>"
    error = only_error(write(tmp_path / "lol.tml", source))
    assert error.reason == errors.bad_timeml("entity declarations are not accepted")
    # A DOCTYPE without declarations is fine.
    plain = '<!DOCTYPE TimeML SYSTEM "TimeML.dtd"><TimeML><TEXT>In 2004.</TEXT></TimeML>'
    assert only_doc(write(tmp_path / "ok.tml", plain)).text == "In 2004."


# --- URLs (fsspec; the Dask backend's workers read them) --------------------------------------


def test_urls_are_planned_and_read_like_files() -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/news/b.txt", b"Published: 2020-01-02\n\nThe bridge opened in 2019.")
    memory.pipe("/news/b/c.txt", b"")  # name order level by level: b/ before b.txt
    memory.pipe("/news/sub/a.md", "Caf\xe9 opened in 1998 \u2013 a good year.".encode("cp1252"))
    memory.pipe("/news/notes.pdf", b"%PDF-1.4")
    memory.pipe("/big.txt", b"x" * 300)
    try:
        entries = list(plan(["memory://news", "memory://gone.txt", "memory://news/notes.pdf"]))
        names = ["memory:///news/b/c.txt", "memory:///news/b.txt", "memory:///news/sub/a.md"]
        assert entries[:3] == names
        assert [(e.path, e.reason) for e in entries[3:]] == [  # type: ignore[union-attr]
            ("memory://gone.txt", errors.NO_SUCH_FILE),
            ("memory://news/notes.pdf", errors.unsupported_type(".pdf")),
        ]
        found = list(iter_documents(["memory://news", "memory://big.txt"], max_bytes=200))
        c, b, a, big = found
        assert isinstance(c, Document) and c.text == ""
        assert isinstance(b, Document) and b.id == "b" and b.dct is not None
        assert b.dct.source is DctSource.METADATA and b.dct.value.year == 2020
        assert isinstance(a, Document) and a.id == "a" and a.text.startswith("Café opened")
        assert any("cp1252" in w or "1252" in w for w in a.warnings)  # decoded, and said so
        assert isinstance(big, InputError) and big.reason == errors.too_large_stream(200)
    finally:
        memory.rm("/", recursive=True)
