"""The documents' entities joined across documents: "Kemal Arslan", "Arslan" and "Mr Arslan"
are one person, "Apple Inc." and "Apple" one company, "Apple" and "Apple Corps" two.

Each document resolved its own mentions (`chrono.events.coref`): an entity of a document has
a canonical name, a type and aliases. Across documents two entities are one when

- they have the same name once titles ("Mr", "Dr") and corporate suffixes ("Inc.",
  "Ltd") are left out, and their types agree (or one is unknown); or
- one is a person whose name is a part of the other's ("Arslan" / "Kemal Arslan"), and that
  longer name is the only person of that surname in the run (two Arslans stay apart).

Entities without a proper name ("the bridge") are never joined across documents: a
description means something only in its own text. Cost: one pass to file entities under
their keys, then union-find; O(N) in entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from chrono.events.coref import lexicon
from chrono.resources.loader import fold, name_like
from chrono.types import Entity

PERSON, OTHER = "PERSON", "OTHER"


@dataclass(frozen=True, slots=True)
class Joined:
    entities: tuple[Entity, ...]  # ids "x1", "x2", ... in order of first appearance
    ids: dict[str, str]  # a document's entity id -> the joined entity's id

    def of(self, local: str | None) -> str | None:
        return self.ids.get(local) if local is not None else None


def proper(name: str) -> bool:
    return any(name_like(word) for word in name.split())


def key_words(name: str) -> tuple[str, ...]:
    """The words that identify a name: folded, without titles and corporate suffixes (the
    words coreference uses, `resources/<lang>/coref.toml`)."""
    w = lexicon()
    words = [fold(x).replace(".", "").strip(",'’").removesuffix("'s") for x in name.split()]
    while words and words[0] in w.titles:
        words.pop(0)
    while len(words) > 1 and words[-1] in w.suffixes:
        words.pop()
    return tuple(x for x in words if x)


def join(entities: Iterable[Entity]) -> Joined:
    items = list(entities)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    keys = [key_words(e.name) if proper(e.name) else () for e in items]
    by_name: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(keys):
        if key:
            by_name.setdefault(key, []).append(i)
    for members in by_name.values():
        for i in members[1:]:
            if _types_agree(items[members[0]].type, items[i].type):
                union(members[0], i)
    _join_short_names(items, keys, union)
    return _build(items, find)


def _types_agree(a: str, b: str) -> bool:
    return a == b or OTHER in (a, b)


def _join_short_names(
    items: Sequence[Entity],
    keys: Sequence[tuple[str, ...]],
    union: Callable[[int, int], None],
) -> None:
    """A part of a person's name joins the one full name that contains it."""
    full: dict[str, set[tuple[str, ...]]] = {}
    for key, e in zip(keys, items, strict=True):
        if len(key) >= 2 and e.type == PERSON:
            full.setdefault(key[-1], set()).add(key)
    first_of = {}
    for i, key in enumerate(keys):
        if len(key) >= 2 and items[i].type == PERSON:
            first_of.setdefault(key, i)
    for i, key in enumerate(keys):
        if len(key) != 1 or items[i].type not in (PERSON, OTHER):
            continue
        names = full.get(key[0], set())
        if len(names) == 1:
            union(first_of[next(iter(names))], i)


def _canonical(members: Sequence[Entity]) -> str:
    """The name most documents use (then the longer): "Steve Jobs", not the one document's
    "Apple CEO Steve Jobs"; a person's full name before a surname alone."""
    used: Counter[str] = Counter()
    for m in members:
        for name in dict.fromkeys((m.name, *m.aliases)):
            if proper(name):
                used[name] += 1
    if not used:
        return members[0].name
    person = any(m.type == PERSON for m in members)
    return max(used, key=lambda x: (person and len(x.split()) >= 2, used[x], len(x)))


def _build(items: Sequence[Entity], find: Callable[[int], int]) -> Joined:
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    out: list[Entity] = []
    ids: dict[str, str] = {}
    for n, root in enumerate(sorted(groups), start=1):
        members = [items[i] for i in groups[root]]
        gid = f"x{n}"
        for m in members:
            ids[m.id] = gid
        names = [m.name for m in members] + [a for m in members for a in m.aliases]
        canonical = _canonical(members)
        types = Counter(m.type for m in members for _ in range(max(1, m.mentions)))
        known = [t for t, _ in types.most_common() if t != OTHER]
        out.append(
            Entity(
                id=gid,
                name=canonical,
                type=known[0] if known else OTHER,
                aliases=tuple(dict.fromkeys(x for x in names if x != canonical)),
                doc_ids=tuple(dict.fromkeys(d for m in members for d in m.doc_ids)),
                mentions=sum(m.mentions for m in members),
            )
        )
    return Joined(tuple(out), ids)


def matching(entities: Iterable[Entity], names: Iterable[str]) -> frozenset[str]:
    """Ids of the entities a user named (`--about`): the name, an alias or a person's surname,
    case-insensitive, titles and corporate suffixes aside ("apple" finds "Apple Inc.")."""
    wanted = {key_words(n) for n in names if key_words(n)}
    found = set()
    for e in entities:
        keys = {key_words(f) for f in (e.name, *e.aliases)}
        surnames = {(k[-1],) for k in keys if k} if e.type == PERSON else set()
        if wanted & (keys | surnames):  # "arslan" finds Kemal Arslan
            found.add(e.id)
    return frozenset(found)


def involves(event_participants: Iterable[str | None], ids: frozenset[str]) -> bool:
    return any(p in ids for p in event_participants if p is not None)
