"""HTML -> the article's main text, its title and the dates it states about itself.

The one module that talks to trafilatura (imported lazily: it is slow to
import and optional at run time). When trafilatura is missing or finds no
main text, a small stdlib `html.parser` extraction takes over. Metadata is
read by a streaming `html.parser` scan of the raw page, linear in its size:
no pattern search over the raw page that could backtrack.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# `<meta property|name|itemprop=KEY content=DATE>` keys that state when a page was
# published, best first. These are file-format keys, not language.
PUBLISHED_KEYS: tuple[str, ...] = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_TITLE_KEY = "og:title"
_JSON_LD_TYPE = "application/ld+json"
_JSON_LD_DATE = "datePublished"
_MAX_EVIDENCE = 80  # characters of a metadata value quoted in evidence

# Never part of the main text in the fallback extraction.
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "title",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "button",
        "select",
        "canvas",
        "object",
    }
)
# Block elements end a paragraph; line elements end a line.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "figcaption",
        "address",
        "hr",
        "details",
        "summary",
        "fieldset",
        "body",
    }
)
_LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "caption"})
_CELL_TAGS = frozenset({"td", "th"})
_CELL_SEPARATOR = " | "
_COMMENTS_MARKER = "comment"  # id/class prefix of readers' comment sections

# trafilatura's XML output: the same three kinds of element.
_XML_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "div"})
_XML_LINES = frozenset({"item", "row", "lb"})
_XML_CELLS = frozenset({"cell"})

# Inline elements trafilatura would delete with their text.
_KEEP_TEXT_OF: tuple[str, ...] = ("time",)

_SPACES = re.compile(r"\s+")
# How html.parser finds the end of a comment and (at the loosest) of a marked section.
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"]\s*>")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A publication date as the page states it, and where it was read."""

    value: str
    evidence: str


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    title: str | None
    dates: tuple[DateClaim, ...]  # best first: ranked <meta> keys, JSON-LD, then <time datetime>


def html_metadata(html: str) -> HtmlMetadata:
    scanner = _MetadataScanner()
    _feed(scanner, html)
    return scanner.result()


def main_text(html: str) -> str:
    """The article's text, paragraphs separated by a blank line."""
    return _trafilatura_text(html) or fallback_text(html)


def fallback_text(html: str) -> str:
    """Stdlib extraction: drops page furniture, block elements become line breaks."""
    extractor = _TextExtractor()
    _feed(extractor, html)
    return extractor.builder.result()


def _feed(parser: HTMLParser, html: str) -> None:
    try:
        parser.feed(_without_dangling_openers(html))
        parser.close()
    except AssertionError:  # html.parser gives up on some malformed `<![...` sections
        pass  # keep what was read up to there


def _without_dangling_openers(html: str) -> str:
    """The page with every `<` that opens a construct never closed written as `&lt;`.

    At `close()`, Python's html.parser (before 3.12.11 / 3.13.4, CVE-2025-6069) searches to
    the end of the page for the end of each such construct, then moves on by a character or
    two: a page of unclosed `<!--` took minutes. Escaped, they are text, which is what the
    parser made of them anyway; constructs that are closed are left alone. Linear time.
    """
    last_gt = html.rfind(">")
    escape = list(_finds(html, "<", last_gt + 1))  # no ">" after them: nothing can close them
    comment_end = _last_start(_COMMENT_CLOSE, html)  # "<!--" needs "--\s*>" after it
    escape += _finds(html, "<!--", max(0, comment_end - 3), last_gt)
    section_end = _last_start(_SECTION_CLOSE, html)  # "<![" needs at least "]\s*>"
    escape += _finds(html, "<![", max(0, section_end - 2), last_gt)
    if not escape:
        return html
    parts: list[str] = []
    previous = 0
    for position in sorted(set(escape)):
        parts += (html[previous:position], "&lt;")
        previous = position + 1
    parts.append(html[previous:])
    return "".join(parts)


def _finds(text: str, needle: str, start: int, stop: int | None = None) -> Iterator[int]:
    """Positions of `needle` from `start` (up to `stop`, exclusive)."""
    position = text.find(needle, start)
    while position >= 0 and (stop is None or position < stop):
        yield position
        position = text.find(needle, position + 1)


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    start = -1
    for match in pattern.finditer(text):
        start = match.start()
    return start


def _quote(value: str) -> str:
    value = _SPACES.sub(" ", value).strip()
    return value if len(value) <= _MAX_EVIDENCE else value[: _MAX_EVIDENCE - 1] + "…"


class _TextBuilder:
    """Collects text runs and the strongest break requested between them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pending = 0  # 0 none, 1 line break, 2 paragraph break

    def text(self, run: str) -> None:
        if not run:
            return
        if self._pending and self._parts:
            self._parts.append("\n" * self._pending)
        self._pending = 0
        self._parts.append(run)

    def line(self) -> None:
        self._pending = max(self._pending, 1)

    def paragraph(self) -> None:
        self._pending = 2

    def result(self) -> str:
        lines = (line.strip() for line in "".join(self._parts).split("\n"))
        return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


class _MetadataScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._metas: list[tuple[int, DateClaim]] = []
        self._json_ld: list[DateClaim] = []
        self._time: DateClaim | None = None
        self._og_title: str | None = None
        self._title: list[str] | None = None  # collecting while inside the first <title>
        self._title_text: str | None = None
        self._script: list[str] | None = None  # collecting while inside JSON-LD

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title" and self._title_text is None and self._title is None:
            self._title = []
        elif tag == "meta":
            self._meta(values)
        elif tag == "script" and values.get("type", "").strip().lower() == _JSON_LD_TYPE:
            self._script = []
        if values.get("itemprop", "").lower() == "datepublished" and tag != "meta":
            self._itemprop_date(tag, values)
        if tag == "time" and self._time is None and values.get("datetime", "").strip():
            stamp = values["datetime"].strip()
            self._time = DateClaim(stamp, f'<time datetime="{_quote(stamp)}">')

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._title_text = "".join(self._title)
            self._title = None
        elif tag == "script" and self._script is not None:
            self._json_ld.extend(_json_ld_dates("".join(self._script)))
            self._script = None

    def _meta(self, values: dict[str, str]) -> None:
        for attr in ("property", "name", "itemprop"):
            key = values.get(attr, "").strip()
            content = values.get("content", "").strip()
            if not key or not content:
                continue
            lowered = key.lower()
            if lowered == _TITLE_KEY and self._og_title is None:
                self._og_title = content
            elif lowered in PUBLISHED_KEYS:
                evidence = f'<meta {attr}="{key}" content="{_quote(content)}">'
                self._metas.append((PUBLISHED_KEYS.index(lowered), DateClaim(content, evidence)))
            return

    def _itemprop_date(self, tag: str, values: dict[str, str]) -> None:
        for attr in ("datetime", "content"):
            stamp = values.get(attr, "").strip()
            if stamp:
                evidence = f'<{tag} itemprop="datePublished" {attr}="{_quote(stamp)}">'
                rank = PUBLISHED_KEYS.index("datepublished")
                self._metas.append((rank, DateClaim(stamp, evidence)))
                return

    def result(self) -> HtmlMetadata:
        title_text = self._title_text
        if title_text is None and self._title is not None:  # an unclosed <title>
            title_text = "".join(self._title)
        title = next((t for t in (self._og_title, title_text) if t and t.strip()), None)
        ranked = [claim for _, claim in sorted(self._metas, key=lambda pair: pair[0])]
        dates = [*ranked, *self._json_ld, *([self._time] if self._time else [])]
        return HtmlMetadata(_SPACES.sub(" ", title).strip() if title else None, tuple(dates))


def _json_ld_dates(source: str) -> Iterator[DateClaim]:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return
    queue: deque[object] = deque([data])
    while queue:  # breadth first: the page's own date sits near the top of its graph
        item = queue.popleft()
        if isinstance(item, dict):
            stamp = item.get(_JSON_LD_DATE)
            if isinstance(stamp, str) and stamp.strip():
                yield DateClaim(stamp.strip(), f'JSON-LD "{_JSON_LD_DATE}": "{_quote(stamp)}"')
                return
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = _TextBuilder()
        self._skip_tag: str | None = None  # the outermost element being left out
        self._skip_depth = 0  # how many `_skip_tag` elements are open inside it
        self._pre = 0
        self._cells = 0  # cells already seen in the current table row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip_tag = None  # `</head>` may be left out: the body is text in any case
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag
            return
        if tag in _SKIP_TAGS or _is_comment_block(attrs):
            self._skip_tag, self._skip_depth = tag, 1
        elif tag in _BLOCK_TAGS:
            self._pre += tag == "pre"
            self.builder.paragraph()
        elif tag in _LINE_TAGS:
            self._cells = 0
            self.builder.line()
        elif tag in _CELL_TAGS:
            if self._cells:
                self.builder.text(_CELL_SEPARATOR)
            self._cells += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP_TAGS:  # `<svg/>` opens nothing to leave out
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            self._skip_depth -= tag == self._skip_tag
            if self._skip_depth <= 0:
                self._skip_tag = None
        elif tag in _BLOCK_TAGS:
            self._pre = max(0, self._pre - (tag == "pre"))
            self.builder.paragraph()
        elif tag in _LINE_TAGS:
            self.builder.line()

    def handle_data(self, data: str) -> None:
        if self._skip_tag is None:
            self.builder.text(data if self._pre else _SPACES.sub(" ", data))


def _is_comment_block(attrs: list[tuple[str, str | None]]) -> bool:
    """A readers' comments section (`id="comments"`, `class="comment-list"`)."""
    tokens = (
        token.lower()
        for name, value in attrs
        if name in ("id", "class") and value
        for token in value.split()
    )
    return any(token.startswith(_COMMENTS_MARKER) for token in tokens)


def _trafilatura_text(html: str) -> str:
    try:
        import trafilatura
        from lxml import etree
        from trafilatura.utils import load_html
    except ImportError:
        return ""
    try:
        tree = load_html(html)
        if tree is None:
            return ""
        # trafilatura deletes <time> elements with their text, and that text is
        # exactly what chrono looks for: keep it, drop only the tags.
        etree.strip_tags(tree, *_KEEP_TEXT_OF)
        xml = trafilatura.extract(
            tree,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except Exception:  # a third-party parser on arbitrary web pages: fall back, never crash
        return ""
    if not xml:
        return ""
    try:
        main = ET.fromstring(xml).find("main")
    except ET.ParseError:
        return ""
    if main is None:
        return ""
    builder = _TextBuilder()
    _render_xml(main, builder)
    return builder.result()


def _render_xml(element: ET.Element, builder: _TextBuilder) -> None:
    """trafilatura's XML -> text: its `p`/`head`/`list` structure becomes blank lines."""
    builder.text(_xml_run(element.text))
    cells = 0
    for child in element:
        if child.tag in _XML_BLOCKS:
            builder.paragraph()
        elif child.tag in _XML_LINES:
            builder.line()
        elif child.tag in _XML_CELLS:
            if cells:
                builder.text(_CELL_SEPARATOR)
            cells += 1
        _render_xml(child, builder)
        if child.tag in _XML_BLOCKS:
            builder.paragraph()
        elif child.tag in _XML_LINES and child.tag != "lb":
            builder.line()
        builder.text(_xml_run(child.tail))


def _xml_run(run: str | None) -> str:
    """Text of trafilatura's XML, without the indentation its pretty printing adds."""
    if not run or (not run.strip() and "\n" in run):
        return ""
    return run
