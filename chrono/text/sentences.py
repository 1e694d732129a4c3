"""Split a text into sentences: rule-based, linear, offsets into the text.

A sentence ends at `.` `!` `?` `…` (with any closing quotes or brackets after
them) when whitespace and then a capital, a digit or an opening quote follow;
at a blank line; and at a line break after a line that looks like a heading
(short, no final punctuation, title-cased or much shorter than the next line).
A period does not end a sentence after a title (Mr. Dr.), before a number
after "No." and the like, and after a decimal point (0.4). After an initial,
a dotted acronym (U.S.) or a word such as "Oct." or "Inc." it ends one when
the next word usually opens a sentence: a sentence opener, a pronoun, a
determiner, a preposition, a conjunction ("He moved to the U.S. About ...",
but "the U.S. Army"). After "a.m.", "p.m." or "etc." it ends one before any
capitalised word that does not continue it ("at 11 a.m. About 10 million
soldiers died" splits; "at 11 a.m. Monday" and "10 a.m. EST" do not). The word
lists are in `resources/<lang>/events/abbreviations.toml`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from chrono.resources.lexicon import EventLexicon, lexicon
from chrono.resources.loader import fold

# A run of sentence-final marks and the closing quotes/brackets after them.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_BULLET = re.compile(r"(?:[-*•·▪–]|\d{1,3}[.)])\s")
# Quotes and brackets that open: a sentence may start with one, a word may be preceded by one.
_OPENING_PUNCT = "\"'“‘«([{"
# Characters after which a period is not a sentence end even before a capital.
_CONTINUES = ",;:)]}”’»"

_MAX_HEADING_WORDS = 12
_LOOK_AHEAD = 40  # characters read for the word after a period
# Longer "sentences" (dumps, tables, text without full stops) are cut at a space: the event
# stage reads a sentence once per time in it, so an endless one would cost its square.
_MAX_SENTENCE = 1_000


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text` from `start` on, without surrounding whitespace."""
    lex = lexicon()
    spans: list[tuple[int, int]] = []
    start = max(0, min(start, len(text)))
    for block_start, block_end in _blocks(text, start):
        cut = block_start
        for boundary in _sentence_ends(text, block_start, block_end, lex):
            _add(text, cut, boundary, spans)
            cut = boundary
        _add(text, cut, block_end, spans)
    return spans


def sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the sentence an offset falls in (or the last one before it); -1 if none."""
    if not spans:
        return -1
    index = bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return max(index, 0)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = start + _MAX_SENTENCE if cut < 0 else cut
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))


# ---------------------------------------------------------------- lines and paragraphs


def _blocks(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Paragraphs (split at blank lines), each further split after heading-like lines."""
    cut = start
    for match in _PARAGRAPH.finditer(text, start):
        yield from _heading_blocks(text, cut, match.start())
        cut = match.end()
    yield from _heading_blocks(text, cut, len(text))


def _heading_blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            lines.append((line_start, end))
            break
        lines.append((line_start, newline))
        line_start = newline + 1
    cut = start
    for (a, b), (c, d) in pairwise(lines):
        if _breaks_after(text[a:b].strip(), text[c:d].strip()):
            yield cut, b
            cut = c
    yield cut, end


def _breaks_after(line: str, following: str) -> bool:
    """A single line break ends a sentence after a heading, before a list item, after a colon."""
    if not line or not following:
        return False
    if _BULLET.match(following):
        return True
    if line.endswith(":"):
        return True
    if line[-1] in ",;–—-(" or not (
        following[0].isupper() or following[0].isdigit() or following[0] in _OPENING_PUNCT
    ):
        return False
    if line[-1] in ".!?…":
        return False  # a sentence end already splits here when it should
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and sum(w[0].isupper() for w in long_words) * 2 >= len(long_words)
    return title_case or len(line) * 5 < len(following) * 3


# ---------------------------------------------------------------- punctuation


def _sentence_ends(text: str, start: int, end: int, lex: EventLexicon) -> Iterator[int]:
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if stop < end and not text[stop].isspace():
            continue  # 0.4, U.S.A, "end.The": no whitespace, no sentence end
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            continue  # the block ends here anyway
        follower = text[nxt]
        if follower.islower() or follower in _CONTINUES:
            continue
        if (
            match.group().startswith(".")
            and match.group().count(".") == 1
            and not _period_ends(text, start, match.start(), nxt, end, lex)
        ):
            continue
        yield stop


def _period_ends(text: str, start: int, dot: int, nxt: int, end: int, lex: EventLexicon) -> bool:
    """Whether the period at `dot` ends a sentence, given the next word at `nxt`."""
    word_start = dot
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip(_OPENING_PUNCT)
    low = fold(word)
    if not word:
        return True
    if low in lex.abbr_titles:
        return False
    if low in lex.abbr_numbered:
        return not text[nxt].isdigit()
    following = _WORD.match(text, nxt, min(end, nxt + _LOOK_AHEAD))
    if low in lex.abbr_final:  # "at 11 a.m. About ..." ends; "at 11 a.m. Monday" goes on
        word_at = nxt
        while word_at < end and text[word_at] in _OPENING_PUNCT:
            word_at += 1
        opening = _WORD.match(text, word_at, min(end, word_at + _LOOK_AHEAD))
        return (
            opening is not None
            and opening.group()[0].isupper()
            and fold(opening.group()) not in lex.abbr_continuations
        )
    initial = len(word) == 1 and word.isalpha() and word.isupper()
    if initial or low in lex.abbr_ambiguous or _DOTTED.fullmatch(word):
        return following is not None and fold(following.group()) in lex.sentence_starts
    return True
