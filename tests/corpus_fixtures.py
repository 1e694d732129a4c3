"""A small corpus written for the tests of runs over many documents (`--jobs`, the disk
shelf, Dask): every stage across documents has something to do in it."""

from __future__ import annotations

from pathlib import Path

# Three reports of one founding (two dates: a contradiction), a range that ends before it
# starts, an undated document the others date (an age and a birth), an empty file and one
# that is not text (g.txt).
CORPUS = {
    "a.txt": "Published: 2020-01-10\n\nAnna Kessler founded the Kessler Foundation in 1998, "
    "the charity says. The bridge was closed from 1970 to 1964, officials said.",
    "b.txt": "Published: 2021-03-02\n\nThe teacher Anna Kessler spoke. Kessler founded the "
    "Kessler Foundation in 1998 with her brother. Two years later she moved to Lyon.",
    "c.txt": "Published: 2019-05-05\n\nIn 1999, Anna Kessler founded the Kessler Foundation.",
    "d.txt": "Mira Sorvino, 55, hit out at the trade.",
    "e.txt": "Mira Sorvino was born in 1967 in New York.",
    "f.txt": "",
}
NOT_TEXT = "g.txt"


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / NOT_TEXT).write_bytes(bytes(range(256)) * 8)
    return folder
