"""News-like text for the benchmarks: TimeBank's when it is at hand, generated otherwise.

The generated text is not meant to be good prose, only to have the density and the kinds
of time expressions news has (dates, weekdays, relative times, durations, numbers that are
not times), so that throughput figures mean something without the evaluation data.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

_SENTENCES = (
    "The company said on {weekday} that profit rose {pct}% in the {ordinal} quarter.",
    "Officials met in {month} {year} and agreed to resume talks {rel_day}.",
    "{name} joined the board in {year}; {n_word} years later she became chair.",
    "Shares fell {pct} per cent to ${money} million, the lowest since {year}.",
    "The plant, built in the {decade}s, employs {count} people in {city}.",
    "Since {year} the agency has inspected {count} sites every {n_word} months.",
    "Last {unit}, {name} told reporters the deal would close by {month} {day}.",
    "The trial lasted {n_word} weeks and ended on {day} {month} {year}.",
    "Prices have risen for roughly a decade now, analysts said {rel_day}.",
    "{name}, {age}, has led the union for {n_word} years.",
    "Room {count} was closed at 3 p.m. and reopened the following morning.",
)
_WORDS = {
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "month": ("January", "March", "June", "September", "October", "December"),
    "ordinal": ("first", "second", "third", "fourth"),
    "rel_day": ("yesterday", "today", "last week", "this month", "next year"),
    "name": ("Ms. Alvarez", "Mr. Okafor", "Dr. Lindqvist", "Chen Wei"),
    "n_word": ("two", "three", "five", "seven"),
    "city": ("Lyon", "Denver", "Osaka", "Tema"),
    "unit": ("week", "month", "year"),
}
_TIMEML_TAG = re.compile(r"<[^>]+>")


def generated(size: int, seed: int = 7) -> Iterator[str]:
    """Documents of about 3 KB until `size` characters are reached."""
    rng = random.Random(seed)
    produced = 0
    while produced < size:
        sentences = []
        while sum(len(s) for s in sentences) < 3000:
            template = rng.choice(_SENTENCES)
            values = {key: rng.choice(options) for key, options in _WORDS.items()}
            values |= {
                "year": rng.randint(1950, 2023),
                "decade": rng.choice((1960, 1970, 1980, 1990)),
                "pct": rng.randint(1, 40),
                "money": rng.randint(2, 900),
                "count": rng.randint(100, 9000),
                "day": rng.randint(1, 28),
                "age": rng.randint(25, 80),
            }
            sentences.append(template.format(**values))
        document = " ".join(sentences)
        produced += len(document)
        yield document


def timebank(eval_dir: Path) -> list[str]:
    """The TEXT of every TimeBank and AQUAINT document (tags removed), if the data is there."""
    folder = eval_dir / "timebank"
    texts = []
    for path in sorted(folder.glob("*/*.tml")):
        source = path.read_text(encoding="utf-8")
        start, end = source.find("<TEXT>"), source.find("</TEXT>")
        if start >= 0 and end > start:
            texts.append(_TIMEML_TAG.sub("", source[start + 6 : end]))
    return texts


def build(folder: Path, size: int, eval_dir: Path | None) -> int:
    """Write about `size` bytes of news text into `folder` as .txt documents; return bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = timebank(eval_dir) if eval_dir is not None and eval_dir.is_dir() else []
    source = iter(pool * (size // max(1, sum(map(len, pool))) + 1)) if pool else generated(size)
    written = 0
    for index, text in enumerate(source):
        if written >= size:
            break
        data = text.encode("utf-8")
        (folder / f"doc{index:06d}.txt").write_bytes(data)
        written += len(data)
    return written
