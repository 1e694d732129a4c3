"""MEANTIME (NewsReader) annotation files -> event and entity mentions with their instances.

Takes the NAF-like XML of the MEANTIME corpus: `<token t_id sentence number>` elements,
`EVENT_MENTION` / `ENTITY_MENTION` markables anchored to tokens, `EVENT` / `ENTITY` instance
markables (an `instance_id` attribute names an instance shared across documents), and
`REFERS_TO` relations from mentions (sources) to the instance they denote (target).

Gives `MeantimeDocument`s, and from them:
- `event_clusters`: the cross-document event instances as clusters of mention keys (an EVENT
  without an `instance_id` is an instance of its own document only; a mention that refers to
  nothing is a singleton);
- `entity_chains`: each document's entity coreference chains;
- `match_documents`: MEANTIME documents paired with other copies of the same articles by the
  title after the number (the numbers differ between corpora).
"""

from __future__ import annotations

import difflib
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MEANTIME_SUFFIX = ".xml"
EVENT = "event"
ENTITY = "entity"

MentionKey = tuple[str, str]  # (document id, mention m_id)

_NUMBER = re.compile(r"^\d+[-_]")
# Quote and dash spellings that differ between copies of one text (`` vs ", ’ vs ').
_SAME_CHARACTERS = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-"})
_SAME_TOKENS = {"``": '"', "''": '"', "--": "-", "#": "£"}


@dataclass(frozen=True, slots=True)
class MeantimeToken:
    t_id: str
    sentence: int  # MEANTIME adds the title as sentence 0
    number: int  # place in the document, from 0
    text: str


@dataclass(frozen=True, slots=True)
class MeantimeMention:
    doc_id: str
    m_id: str
    kind: str  # EVENT | ENTITY
    token_ids: tuple[str, ...]
    sentence: int
    text: str
    instance: str | None  # what it refers to: a cross-document instance id, or None
    label: str  # pred (events) or head (entities), as annotated; "" when none

    @property
    def key(self) -> MentionKey:
        return (self.doc_id, self.m_id)


@dataclass(frozen=True)
class MeantimeDocument:
    doc_id: str
    name: str  # "89284_Apple_to_lower_UK_iTunes_prices"
    tokens: tuple[MeantimeToken, ...]
    event_mentions: tuple[MeantimeMention, ...]
    entity_mentions: tuple[MeantimeMention, ...]

    @property
    def title(self) -> str:
        return title_key(self.name)


def title_key(name: str) -> str:
    """A document name without its number: "89284_Apple_to_lower" -> "Apple_to_lower"."""
    return _NUMBER.sub("", Path(name).stem if name.endswith(MEANTIME_SUFFIX) else name)


def _instance_ids(markables: ET.Element, doc_id: str) -> dict[str, str]:
    """m_id of each EVENT/ENTITY instance markable -> the instance it is: its `instance_id`
    (shared by documents) or, without one, an instance of this document only."""
    found = {}
    for element in markables:
        if element.tag in ("EVENT", "ENTITY"):
            m_id = element.get("m_id", "")
            found[m_id] = element.get("instance_id") or f"{doc_id}#{m_id}"
    return found


def _refers_to(relations: ET.Element | None, instances: Mapping[str, str]) -> dict[str, str]:
    """Mention m_id -> instance, from REFERS_TO (the first one when a mention has several)."""
    found: dict[str, str] = {}
    for link in relations.iter("REFERS_TO") if relations is not None else ():
        target = link.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for source in link.findall("source"):
            found.setdefault(source.get("m_id", ""), instances[target.get("m_id", "")])
    return found


def read_meantime(path: str | os.PathLike[str]) -> MeantimeDocument:
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or Path(path).stem.split("_")[0]
    name = root.get("doc_name") or Path(path).stem
    tokens = tuple(
        MeantimeToken(
            t.get("t_id", ""), int(t.get("sentence", "0")), int(t.get("number", "0")), t.text or ""
        )
        for t in root.iter("token")
    )
    by_id = {t.t_id: t for t in tokens}
    markables = root.find("Markables")
    if markables is None:
        return MeantimeDocument(doc_id, name, tokens, (), ())
    refers = _refers_to(root.find("Relations"), _instance_ids(markables, doc_id))
    mentions: dict[str, list[MeantimeMention]] = {EVENT: [], ENTITY: []}
    for element in markables:
        kind = {"EVENT_MENTION": EVENT, "ENTITY_MENTION": ENTITY}.get(element.tag)
        anchors = [a.get("t_id", "") for a in element.iter("token_anchor")]
        anchored = sorted((by_id[t] for t in anchors if t in by_id), key=lambda t: t.number)
        if kind is None or not anchored:
            continue
        m_id = element.get("m_id", "")
        label = element.get("pred") if kind == EVENT else element.get("head")
        mentions[kind].append(
            MeantimeMention(
                doc_id,
                m_id,
                kind,
                tuple(t.t_id for t in anchored),
                anchored[0].sentence,
                " ".join(t.text for t in anchored),
                refers.get(m_id),
                label or "",
            )
        )
    return MeantimeDocument(doc_id, name, tokens, tuple(mentions[EVENT]), tuple(mentions[ENTITY]))


def read_meantime_dir(folder: str | os.PathLike[str]) -> list[MeantimeDocument]:
    return [read_meantime(p) for p in sorted(Path(folder).glob(f"*{MEANTIME_SUFFIX}"))]


def _clusters(mentions: Iterable[MeantimeMention], scope: str) -> list[set[MentionKey]]:
    grouped: dict[str, set[MentionKey]] = {}
    for mention in mentions:
        instance = mention.instance or f"{mention.doc_id}#{mention.m_id}"
        if scope == "document":
            instance = f"{mention.doc_id}|{instance}"
        grouped.setdefault(instance, set()).add(mention.key)
    return list(grouped.values())


def event_clusters(documents: Iterable[MeantimeDocument]) -> list[set[MentionKey]]:
    """Event mentions grouped by the cross-document instance they refer to."""
    return _clusters((m for d in documents for m in d.event_mentions), "corpus")


def entity_chains(document: MeantimeDocument) -> list[set[MentionKey]]:
    """A document's entity mentions grouped by the instance they refer to (its chains)."""
    return _clusters(document.entity_mentions, "document")


def match_documents(
    names: Iterable[str], documents: Sequence[MeantimeDocument]
) -> dict[str, MeantimeDocument]:
    """Other corpora's document names -> the MEANTIME copy with that title: the same title, or
    else the one title that starts the other ("Apple_executive_leaves" and
    "Apple_executive_leaves_company")."""
    by_title = {d.title: d for d in documents}
    found = {}
    for name in names:
        title = title_key(name)
        if title in by_title:
            found[name] = by_title[title]
            continue
        near = [d for t, d in by_title.items() if t.startswith(title) or title.startswith(t)]
        if len(near) == 1:
            found[name] = near[0]
    return found


def _comparable(text: str) -> str:
    return _SAME_TOKENS.get(text, text.translate(_SAME_CHARACTERS))


def align_tokens(words: Sequence[str], document: MeantimeDocument) -> list[str | None]:
    """For each of another copy's tokens (in document order), the t_id of the same token in
    `document`, or None. The copies differ in a few tokens (quotes, a dropped title word), so
    they are aligned as sequences, not by position."""
    theirs = [_comparable(t.text) for t in document.tokens]
    ours = [_comparable(w) for w in words]
    aligned: list[str | None] = [None] * len(words)
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            aligned[block.a + k] = document.tokens[block.b + k].t_id
    return aligned
