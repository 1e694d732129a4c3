"""chrono.text.normalize.for_matching: look-alikes -> ASCII, one character for one, offsets kept."""

from __future__ import annotations

import re
import unicodedata

import pytest

from chrono.errors import ResourceError
from chrono.run.pipeline import analyze_text
from chrono.text import normalize
from chrono.text.normalize import for_matching, lookalikes
from chrono.times.tagger import tag


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from 1914\u20131918", "from 1914-1918"),  # en dash
        ("1914\u20141918", "1914-1918"),  # em dash
        ("\u22125 degrees", "-5 degrees"),  # minus sign
        ("2004\u201105\u201106", "2004-05-06"),  # non-breaking hyphens
        ("the \u201990s and \u201898", "the '90s and '98"),  # typographic apostrophes
        ("`98 and \u00b498", "'98 and '98"),  # accents typed for apostrophes
        ("12\u2032", "12'"),  # prime
        ("14\u00a0October\u202f1989", "14 October 1989"),  # no-break and narrow spaces
        ("10\u2009h\u200a30\u3000", "10 h 30 "),  # thin, hair and ideographic spaces
        ("\uff31\uff13 \uff12\uff10\uff11\uff19", "Q3 2019"),  # full-width letters, digits
        ("\uff11\uff10\uff1a\uff13\uff10", "10:30"),  # full-width colon
        ("10\u223630", "10:30"),  # ratio sign
        ("10\u204414\u20441989", "10/14/1989"),  # fraction slash
        ("\u0662\u0660\u0660\u0664", "2004"),  # Arabic-Indic digits
        ("\u06f1\u06f3\u06f9\u06f8", "1398"),  # Persian digits
        ("\U0001d7d0\U0001d7ce\U0001d7ce\U0001d7d2", "2004"),  # mathematical bold (astral)
        ("2004\u301c2009", "2004-2009"),  # wave dash
        ("\u201cquoted\u201d", '"quoted"'),
    ],
)
def test_lookalikes_become_ascii(text: str, expected: str) -> None:
    out = for_matching(text)
    assert out == expected
    assert len(out) == len(text)


def test_ascii_text_is_returned_as_is() -> None:
    text = "Plain ASCII from 2004 to 2009, nothing to do."
    assert for_matching(text) is text
    assert for_matching("") == ""


def test_left_alone_on_purpose() -> None:
    # Zero-width characters and the soft hyphen cannot be removed without moving offsets and
    # would split words as spaces; line separators end lines; letters stay letters.
    text = "20\u200b04 Octo\u00adber \u2028 caf\u00e9 \ufeff \u00e9t\u00e9"
    assert for_matching(text) == text


def test_lone_surrogates_become_replacement_characters() -> None:
    assert for_matching("In 2004 \ud800 and \udfff.") == "In 2004 \ufffd and \ufffd."


def test_offsets_found_in_the_copy_index_the_original() -> None:
    text = "Logged 2004\u201105\u201106 and \uff12\uff10\uff10\uff19\u201307\u201301, in \u201998."
    copy = for_matching(text)
    found = [m.span() for m in re.finditer(r"\d{4}-\d{2}-\d{2}|'\d{2}", copy)]
    assert [text[a:b] for a, b in found] == [
        "2004\u201105\u201106",
        "\uff12\uff10\uff10\uff19\u201307\u201301",
        "\u201998",
    ]
    assert [copy[a:b] for a, b in found] == ["2004-05-06", "2009-07-01", "'98"]
    for i, (old, new) in enumerate(zip(text, copy, strict=True)):
        assert old == new or lookalikes()[ord(old)] == new, i


def test_idempotent() -> None:
    text = "from 1914\u20131918 in \uff12\uff10\uff10\uff14, the \u201990s \ud800"
    assert for_matching(for_matching(text)) == for_matching(text)


def test_the_table_is_complete_for_spaces_dashes_and_digits() -> None:
    """Every Unicode space separator is a space, every dash a hyphen-minus, every decimal digit
    its ASCII digit: the table in resources/common/lookalikes.toml misses none of them."""
    table = lookalikes()
    for code in range(0x80, 0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Zs":
            assert table.get(code) == " ", f"U+{code:04X}"
        elif category == "Pd":
            assert table.get(code) == "-", f"U+{code:04X}"
        elif category == "Nd":
            assert table.get(code) == str(unicodedata.decimal(char)), f"U+{code:04X}"
    assert all(len(r) == 1 for r in table.values())
    assert all(r.isascii() for c, r in table.items() if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"map": {"--": ["U+2013"]}}, "not one ASCII character"),
        ({"map": {"-": ["2013"]}}, "not a code point"),
        ({"map": {"-": ["U+2013"], "'": ["U+2013"]}}, "mapped twice"),
        ({"map": {"-": ["U+002D"]}}, "onto itself"),
        ({"block": [{"first": "U+FF10", "last": "U+FF5E", "onto": "~"}]}, "does not fit"),
        ({"digits": {"zeros": ["U+0661", "U+0660"]}}, "mapped twice"),
    ],
)
def test_a_malformed_table_is_a_resource_error(data: dict[str, object], problem: str) -> None:
    with pytest.raises(ResourceError, match=problem):
        normalize._read_table(data)


# How the tagger should use it: match on the copy, report spans and text of the original.
LOOKALIKE_DATES = [
    ("Logged 2004\u201105\u201106 by the clerk.", "2004\u201105\u201106", "2004-05-06"),
    ("She was born on 14\u00a0October\u00a01989.", "14\u00a0October\u00a01989", "1989-10-14"),
    (
        "Sales fell in \uff31\uff13 \uff12\uff10\uff11\uff19.",
        "\uff31\uff13 \uff12\uff10\uff11\uff19",
        "2019-Q3",
    ),
    ("It opened in \uff12\uff10\uff10\uff14.", "\uff12\uff10\uff10\uff14", "2004"),
    ("Filed 10\u204414\u20441989 in Ohio.", "10\u204414\u20441989", "1989-10-14"),
    ("Prices soared in the mid\u20102000s.", "the mid\u20102000s", "200"),
    ("Profit rose in Q3\u202f2019.", "Q3\u202f2019", "2019-Q3"),
]


@pytest.mark.parametrize(("text", "extent", "value"), LOOKALIKE_DATES)
def test_the_tagger_reads_the_copy_like_ascii(text: str, extent: str, value: str) -> None:
    start = text.index(extent)
    (found,) = tag(for_matching(text))
    assert (found.start, found.end) == (start, start + len(extent))


@pytest.mark.parametrize(("text", "extent", "value"), LOOKALIKE_DATES)
def test_analyze_text_reads_lookalikes(text: str, extent: str, value: str) -> None:
    (mention,) = analyze_text(text, dct="2023-07-12").mentions
    assert (mention.text, mention.resolution.timex3.value) == (extent, value)
    assert text[mention.start : mention.end] == extent  # the original characters
