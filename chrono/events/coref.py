"""Within-document coreference: which mentions of a document are one entity.

Takes the sentences `chrono.events.parser.parse` gave for a document (`Parsed` spans in
document order, not contiguous, some with no `Doc`) and gives a `Coreference`: the document's
entities (a canonical name, a type, aliases, every mention's characters) and, for any token of
a parsed sentence, the entity and the mention it belongs to.

No trained model: a deterministic multi-pass sieve in the manner of Lee et al. (2011, 2013).
Mentions are proper-name runs, noun phrases headed by a common noun and third person pronouns.
Each sieve merges clusters and never undoes an earlier one, most precise first:

1. `exact_names`: the same name ("Apple's" is "Apple");
2. `appositives`: "Kemal Arslan, the mayor", "Arslan is the mayor", "CEO ... Steve Jobs",
   "the city of Izmir", "(WWDC)";
3. `relaxed_names`: titles and corporate suffixes dropped ("Mr Arslan" / "Arslan",
   "Apple Inc." / "Apple"), a last name unique in the document ("Arslan" -> "Kemal Arslan"),
   an acronym;
4. `definite_descriptions`: "the bridge" -> an earlier mention headed by "bridge" (or a
   synonym), "the company" -> the nearest organisation;
5. `pronouns`: by gender, number and type, nearest and subjects first, in a small window.

Types are voted on by evidence, since the small model's NER alone is often wrong ("Kemal
Arslan" ORG, "Izmir" PERSON): a title or a given name (PERSON), a corporate suffix (ORG), the
type noun of a name or of a nominal in the entity ("the company", "Moscone Center"), a model
number ("iPhone 4": PRODUCT), "he"/"she" resolved to it, the subject of "was born"; NER counts
once per type, however often it repeats itself. Word lists are in `resources/en/coref.toml`.
Every sieve is linear in the mentions: names and heads are looked up in dictionaries, and only
pronouns and type nouns scan, over a window of a few sentences.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from chrono.resources.lexicon import lexicon as word_lexicon
from chrono.resources.loader import fold, load_toml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from chrono.events.parser import Parsed

PROPER, NOMINAL, PRONOUN = "proper", "nominal", "pronoun"
# Roles in salience order. MODIFIER: a name inside a noun phrase ("Harbour Street" in "the
# Harbour Street bridge", "Apple" in "Apple's iPod"); the phrase outranks the name in it.
SUBJECT, OBJECT, OTHER_ROLE, MODIFIER = 0, 1, 2, 3
OTHER = "OTHER"
PERSON, ORG = "PERSON", "ORG"
TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP")

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECT_DEPS = frozenset({"dobj", "iobj", "dative", "attr", "oprd", "obj"})
_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
_NAME_INNER_DEPS = frozenset({"compound", "flat", "nmod", "amod", "nn", "poss"})
_NAME_RIGHT_DEPS = frozenset({"flat", "compound", "nmod", "nn", "nummod"})


# --- language data -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorefLexicon:
    not_entities: frozenset[str]
    other_labels: frozenset[str]
    definite: frozenset[str]
    pronouns: dict[str, str]  # pronoun -> m | f | n | p
    pleonastic_verbs: frozenset[str]
    weather_verbs: frozenset[str]
    titles: dict[str, str]  # title -> gender ("" none)
    suffixes: frozenset[str]
    connectors: frozenset[str]
    type_nouns: dict[str, str]  # head word -> type
    type_anaphors: dict[str, str]  # "company" -> ORG: a noun that may stand for its type
    person_verbs: frozenset[str]
    given_names: frozenset[str]
    not_he_she: frozenset[str]
    gendered: dict[str, str]
    synonyms: dict[str, str]  # word -> its group's first word
    of_name_types: frozenset[str]
    copulas: frozenset[str]
    votes: dict[str, int]
    pronoun_window: int
    type_window: int

    def group(self, word: str) -> str:
        """The word standing for `word`'s synonyms (itself when it has none)."""
        return self.synonyms.get(word, word)


@cache
def lexicon(code: str = "en") -> CorefLexicon:
    """The coreference data of a language, read once per process."""
    data = load_toml(code, "coref.toml")
    synonyms = {word: group[0] for group in data["synonyms"] for word in group}
    type_nouns = {word: kind for kind, words in data["type_nouns"].items() for word in words}
    return CorefLexicon(
        not_entities=frozenset(data["not_entities"]),
        other_labels=frozenset(data["other_labels"]),
        definite=frozenset(data["definite"]),
        pronouns=dict(data["pronouns"]),
        pleonastic_verbs=frozenset(data["pleonastic"]["verbs"]),
        weather_verbs=frozenset(data["pleonastic"]["weather"]),
        titles=dict(data["titles"]),
        suffixes=frozenset(data["corporate_suffixes"]),
        connectors=frozenset(data["connectors"]),
        type_nouns=type_nouns,
        type_anaphors={
            word: kind for kind, words in data["type_anaphors"].items() for word in words
        },
        person_verbs=frozenset(data["person_verbs"]),
        given_names=frozenset(data["given_names"]),
        not_he_she=frozenset(data["not_he_she"]),
        gendered=dict(data["gendered_nouns"]),
        synonyms=synonyms,
        of_name_types=frozenset(data["of_name_types"]),
        copulas=frozenset(data["copulas"]),
        votes=dict(data["votes"]),
        pronoun_window=int(data["window"]["pronoun_sentences"]),
        type_window=int(data["window"]["type_sentences"]),
    )


def _word(text: str) -> str:
    """A name word as the data lists it: folded, full stops dropped ("Inc." -> "inc")."""
    return fold(text).replace(".", "")


# --- the result ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One entity of one document."""

    index: int
    name: str  # its longest proper name, else its longest nominal ("" for a lone pronoun)
    type: str  # PERSON | ORG | GPE | LOC | PRODUCT | EVENT | WORK_OF_ART | NORP | FAC | OTHER
    aliases: tuple[str, ...]  # the other names and nominals it goes by, not pronouns
    mentions: tuple[tuple[int, int], ...]  # document characters, pronouns included


class Coreference:
    """The entities of a document, and which of them each parsed token belongs to."""

    __slots__ = ("_at", "doc_id", "entities")

    def __init__(
        self,
        doc_id: str,
        entities: tuple[LocalEntity, ...] = (),
        at: dict[tuple[int, int], tuple[int, tuple[int, int]]] | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.entities = entities
        self._at = at or {}  # (sentence, token) -> (entity, mention characters)

    def entity_at(self, sentence: int, token: int) -> int | None:
        """The entity of the mention that token `token` of `sentences[sentence]` heads or is in."""
        found = self._at.get((sentence, token))
        return found[0] if found else None

    def mention_at(self, sentence: int, token: int) -> tuple[int, int] | None:
        """The document characters of that mention (the whole noun phrase)."""
        found = self._at.get((sentence, token))
        return found[1] if found else None

    def __repr__(self) -> str:
        return f"Coreference({self.doc_id!r}, {len(self.entities)} entities)"


# --- mentions ------------------------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    """A phrase that may refer to an entity."""

    sentence: int  # index into the sentences given to `resolve`
    first: int  # token range in that sentence's Doc
    end: int
    token: Token  # the head
    start: int  # document characters of the whole phrase
    stop: int
    kind: str  # PROPER | NOMINAL | PRONOUN
    text: str  # as written: a proper name with its title, a nominal without its determiner
    name: str  # a proper name without its title, a nominal as `text`, "" for a pronoun
    words: tuple[str, ...]  # folded words of `name`, full stops dropped
    head_word: str  # folded lemma of the head (a name: its last word)
    ner: str  # the NER label of the head, "" when none counts
    title: str = ""  # "mr", "mayor" ... before a name
    definite: bool = False  # a nominal with the/this/... or a possessive: may refer back
    determiner: str = ""  # folded: "the", "this" ...; "" for none or a possessor
    plural: bool = False
    role: int = OTHER_ROLE
    gender: str = ""  # m | f | n | p when the mention itself says so
    modifiers: tuple[str, ...] = ()  # folded proper-noun modifiers of a nominal
    noun_modifiers: tuple[str, ...] = ()  # its common-noun modifiers ("music" industry)
    person_cue: bool = False  # the subject of a verb only people do ("was born")
    index: int = -1  # position in text order, set by `find_mentions`


def _role(token: Token) -> int:
    if token.dep_ in _MODIFIER_DEPS:
        return MODIFIER
    if token.dep_ in _SUBJECT_DEPS:
        return SUBJECT
    if token.dep_ in _OBJECT_DEPS:
        return OBJECT
    return OTHER_ROLE


def _person_cue(head: Token, lex: CorefLexicon) -> bool:
    return head.dep_ in ("nsubj", "nsubjpass") and fold(head.head.lemma_) in lex.person_verbs


_NAME_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "X"})  # parts of speech a name's word may get


def _nameish(token: Token, known_names: frozenset[str], lex: CorefLexicon) -> bool:
    """Whether a token may be a word of a proper name (cheapest tests first: this runs on
    every token parsed)."""
    pos = token.pos_
    if pos not in _NAME_TAGS:
        return False
    text = token.text
    # The small model tags a capitalised word at a sentence start NOUN ("Arslan is the mayor"),
    # and a nationality ADJ ("Turkish Airlines"): a name when NER marks it or when the word
    # is a name elsewhere in the document.
    if pos != "PROPN" and not text[:1].isupper():
        return False
    entity = token.ent_type_
    if entity in lex.not_entities or not any(ch.isalpha() for ch in text):
        return False
    if fold(text) in lex.pronouns:
        return False
    return pos == "PROPN" or bool(entity) or _word(text) in known_names


def _joined(left: Token, right: Token, block_end: int) -> bool:
    """Whether two adjacent name tokens belong to one name: one modifies the other
    (compound, flat), not an apposition or a coordination; a hyphen written tight joins."""
    if _tight_hyphen(left) or _tight_hyphen(right):
        return True
    # Two adjacent NER entities are two names ("... gave Apple Steve Jobs's ...").
    if right.ent_iob_ == "B" and left.ent_iob_ in ("B", "I"):
        return False
    leftward = right.i <= left.head.i <= block_end and left.dep_ in _NAME_INNER_DEPS
    rightward = right.head.i == left.i and right.dep_ in _NAME_RIGHT_DEPS
    return leftward or rightward


def _tight_hyphen(token: Token) -> bool:
    """The hyphen of "Wal-Mart", "Hewlett-Packard": no space on either side."""
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def _model_number(token: Token, marks: list[bool], lex: CorefLexicon) -> bool:
    """A number ending a name: "iPhone 4", "iOS 5" (a model, not a count)."""
    if token.i == 0 or not marks[token.i - 1] or not any(ch.isdigit() for ch in token.text):
        return False
    if token.ent_type_ in lex.not_entities and token.ent_type_ != "CARDINAL":
        return False
    previous = token.doc[token.i - 1]
    return previous.pos_ == "PROPN" and (token.head.i == previous.i or previous.head.i == token.i)


def _runs(doc: Doc, known_names: frozenset[str], lex: CorefLexicon) -> Iterator[list[Token]]:
    """Maximal runs of name tokens joined by name-internal dependencies."""
    marks = [_nameish(token, known_names, lex) for token in doc]
    for token in doc:
        if not marks[token.i] and _model_number(token, marks, lex):
            marks[token.i] = True
    for token in doc[1:-1]:
        if _tight_hyphen(token) and marks[token.i - 1] and marks[token.i + 1]:
            marks[token.i] = True
    i = 0
    while i < len(doc):
        if not marks[i]:
            i += 1
            continue
        block_end = i
        while block_end + 1 < len(doc) and marks[block_end + 1]:
            block_end += 1
        run = [doc[i]]
        for j in range(i + 1, block_end + 1):
            if _joined(doc[j - 1], doc[j], block_end):
                run.append(doc[j])
            else:
                yield run
                run = [doc[j]]
        yield run
        i = block_end + 1


def _split_titles(run: list[Token], lex: CorefLexicon) -> Iterator[tuple[list[Token], list[Token]]]:
    """(titles, name) pieces of a run: "Apple Computer CEO Steve Jobs" is "Apple Computer" and
    ("CEO", "Steve Jobs"); titles with no name after them ("Apple CEO") come back alone."""
    titles: list[Token] = []
    name: list[Token] = []
    for token in run:
        if _word(token.text) in lex.titles:
            if name:
                yield titles, name
                titles, name = [], []
            titles.append(token)
        else:
            name.append(token)
    if titles or name:
        yield titles, name


def _head(tokens: Sequence[Token]) -> Token:
    """The token of a phrase whose head lies outside it (the last such)."""
    first, last = tokens[0].i, tokens[-1].i
    outside = [t for t in tokens if not first <= t.head.i <= last or t.head.i == t.i]
    return outside[-1] if outside else tokens[-1]


def _ner(token: Token, lex: CorefLexicon) -> str:
    label = token.ent_type_
    if not label or label in lex.not_entities:
        return ""
    return OTHER if label in lex.other_labels else label


def _proper(
    doc: Doc, titles: list[Token], name: list[Token], sentence: int, offset: int, lex: CorefLexicon
) -> Mention:
    tokens = titles + name
    head = _head(name)
    # Lower-case titles just before the name ("mayor Kemal Arslan") count as titles too.
    before = tokens[0].i - 1
    if (
        not titles
        and before >= 0
        and _word(doc[before].text) in lex.titles
        and doc[before].head.i == head.i
    ):
        titles = [doc[before]]
    first = tokens[0].i
    if first > 0 and fold(doc[first - 1].text) in lex.definite and doc[first - 1].head.i == head.i:
        first -= 1  # "the World Wide Developers Conference": the whole phrase
    end = tokens[-1].i + 1
    text = doc[tokens[0].i : end].text
    words = tuple(_word(t.text) for t in name)
    return Mention(
        sentence=sentence,
        first=first,
        end=end,
        token=head,
        start=offset + doc[first].idx,
        stop=offset + doc[end - 1].idx + len(doc[end - 1].text),
        kind=PROPER,
        text=text,
        name=doc[name[0].i : name[-1].i + 1].text,
        words=words,
        head_word=words[-1],
        ner=_ner(head, lex) or next((_ner(t, lex) for t in name if _ner(t, lex)), ""),
        title=_word(titles[-1].text) if titles else "",
        plural=head.tag_ == "NNPS",
        role=_role(head),
        gender=next((lex.titles[_word(t.text)] for t in titles if lex.titles[_word(t.text)]), ""),
        person_cue=_person_cue(head, lex),
    )


def _nominal(
    doc: Doc, first: int, end: int, head: Token, sentence: int, offset: int, lex: CorefLexicon
) -> Mention | None:
    """A noun phrase headed by a common noun; its determiner or possessor is not its name."""
    start = first
    definite = False
    determiner = ""
    for k in range(first, head.i):
        token = doc[k]
        article = token.dep_ == "det" and fold(token.text) in lex.definite
        if article or token.dep_ in ("poss", "case") or token.tag_ == "POS":
            definite, start = True, k + 1
            determiner = fold(token.text) if article else ""
        elif token.dep_ == "det" or (token.is_punct and k == start):
            start = k + 1
    if start > head.i:
        return None
    words = tuple(_word(t.text) for t in doc[start:end])
    lemma = fold(head.lemma_) if head.pos_ == "NOUN" else _word(head.text)
    modifiers = tuple(_word(t.text) for t in doc[start : head.i] if t.pos_ == "PROPN")
    nouns = tuple(fold(t.lemma_) for t in doc[start : head.i] if t.pos_ == "NOUN")
    return Mention(
        sentence=sentence,
        first=first,
        end=end,
        token=head,
        start=offset + doc[first].idx,
        stop=offset + doc[end - 1].idx + len(doc[end - 1].text),
        kind=NOMINAL,
        text=doc[start:end].text,
        name=doc[start:end].text,
        words=words,
        head_word=lemma,
        ner=_ner(head, lex),
        definite=definite,
        determiner=determiner,
        plural=head.tag_ in ("NNS", "NNPS"),
        role=_role(head),
        gender=lex.gendered.get(lemma, lex.titles.get(lemma, "")),
        modifiers=modifiers,
        noun_modifiers=nouns,
        person_cue=_person_cue(head, lex),
    )


def _pleonastic(token: Token, lex: CorefLexicon) -> bool:
    """ "It is likely that ...", "it was announced that ...": an "it" standing for nothing."""
    if token.dep_ == "expl":
        return True
    verb = token.head.head if token.head.dep_ in ("aux", "auxpass") else token.head
    if token.dep_ == "nsubj" and fold(verb.lemma_) in lex.weather_verbs:
        return True  # "it was raining"
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > token.i for c in verb.children)
    if token.dep_ == "nsubjpass":
        return clause
    if token.dep_ != "nsubj" or fold(verb.lemma_) not in lex.pleonastic_verbs:
        return False
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i > token.i]
    return clause or any(g.dep_ in ("ccomp", "xcomp") for c in complements for g in c.children)


def _pronoun(token: Token, sentence: int, offset: int, lex: CorefLexicon) -> Mention | None:
    word = fold(token.text)
    gender = lex.pronouns.get(word)
    if gender is None or token.pos_ != "PRON" or (word == "it" and _pleonastic(token, lex)):
        return None
    start = offset + token.idx
    return Mention(
        sentence=sentence,
        first=token.i,
        end=token.i + 1,
        token=token,
        start=start,
        stop=start + len(token.text),
        kind=PRONOUN,
        text=token.text,
        name="",
        words=(word,),
        head_word=word,
        ner="",
        plural=gender == "p",
        role=_role(token),
        gender=gender,
    )


def _sentence_mentions(
    doc: Doc, sentence: int, offset: int, known_names: frozenset[str], lex: CorefLexicon
) -> list[Mention]:
    found: list[Mention] = []
    name_tokens: set[int] = set()
    chunks = list(doc.noun_chunks)
    chunk_starts = {chunk.root.i: chunk.start for chunk in chunks}
    for run in _runs(doc, known_names, lex):
        for titles, name in _split_titles(run, lex):
            if name:
                found.append(_proper(doc, titles, name, sentence, offset, lex))
                name_tokens.update(t.i for t in name)
            else:  # a title alone ("Apple CEO"): a nominal that a name may join in sieve 2
                first = chunk_starts.get(titles[-1].i, titles[0].i)
                nominal = _nominal(doc, first, titles[-1].i + 1, titles[-1], sentence, offset, lex)
                if nominal:
                    found.append(nominal)
                    name_tokens.update(t.i for t in titles)
    for chunk in chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or root.i in name_tokens or root.ent_type_ in lex.not_entities:
            continue
        nominal = _nominal(doc, chunk.start, chunk.end, root, sentence, offset, lex)
        if nominal:
            found.append(nominal)
    for token in doc:
        pronoun = _pronoun(token, sentence, offset, lex)
        if pronoun:
            found.append(pronoun)
    return found


def _known_names(sentences: Sequence[Parsed], lex: CorefLexicon) -> frozenset[str]:
    """Words tagged as proper nouns somewhere in the document."""
    return frozenset(
        _word(token.text)
        for parsed in sentences
        if parsed.doc is not None
        for token in parsed.doc
        if token.pos_ == "PROPN" and token.ent_type_ not in lex.not_entities
    )


def find_mentions(sentences: Sequence[Parsed], lex: CorefLexicon | None = None) -> list[Mention]:
    """Every mention of the parsed sentences, in text order (outer phrases first)."""
    lex = lex or lexicon()
    known = _known_names(sentences, lex)
    mentions: list[Mention] = []
    for number, parsed in enumerate(sentences):
        if parsed.doc is not None:
            mentions.extend(_sentence_mentions(parsed.doc, number, parsed.start, known, lex))
    mentions.sort(key=lambda m: (m.start, -m.stop))
    for index, mention in enumerate(mentions):
        mention.index = index
    return mentions


# --- clusters ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cluster:
    members: list[int]
    votes: Counter[str] = field(default_factory=Counter)  # from the words and the syntax
    ner: Counter[str] = field(default_factory=Counter)  # NER labels of its mentions
    genders: set[str] = field(default_factory=set)
    names: set[tuple[str, ...]] = field(default_factory=set)  # word tuples of proper names
    words: set[str] = field(default_factory=set)  # every word of its names and nominals
    singular: bool = False
    plural: bool = False


class Clusters:
    """Mentions merged into entities (union-find; a root's cluster holds the evidence).
    `mentions` as `find_mentions` gives them: each one's `index` is its position."""

    def __init__(self, mentions: Sequence[Mention], lex: CorefLexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.clusters = [self._new(m) for m in mentions]

    def _new(self, mention: Mention) -> _Cluster:
        cluster = _Cluster([mention.index])
        lex, votes = self.lex, self.lex.votes
        if mention.ner:
            cluster.ner[mention.ner] += 1
        if mention.kind == PROPER:
            cluster.names.add(mention.words)
            if mention.title:
                cluster.votes[PERSON] += votes["title"]
            if mention.words[0] in lex.given_names and mention.head_word not in lex.type_nouns:
                cluster.votes[PERSON] += votes["given_name"]
            if len(mention.words) > 1 and mention.words[-1] in lex.suffixes:
                cluster.votes[ORG] += votes["suffix"]
            elif len(mention.words) > 1 and mention.head_word in lex.type_nouns:
                cluster.votes[lex.type_nouns[mention.head_word]] += votes["type_noun"]
            if len(mention.words) > 1 and any(ch.isdigit() for ch in mention.words[-1]):
                cluster.votes["PRODUCT"] += votes["model_number"]
        elif mention.kind == NOMINAL and mention.head_word in lex.type_nouns:
            cluster.votes[lex.type_nouns[mention.head_word]] += votes["type_noun"]
        elif mention.kind == PRONOUN and mention.gender in ("m", "f"):
            cluster.votes[PERSON] += votes["pronoun"]
        if mention.person_cue:
            cluster.votes[PERSON] += votes["person_verb"]
        if mention.gender:
            cluster.genders.add(mention.gender)
        if mention.kind != PRONOUN:
            cluster.words.update(mention.words)
        cluster.plural = mention.plural
        cluster.singular = not mention.plural and mention.kind != PROPER
        return cluster

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def cluster(self, i: int) -> _Cluster:
        return self.clusters[self.find(i)]

    def merge(self, a: int, b: int) -> bool:
        """Join the clusters of mentions `a` and `b`; False when already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        big, small = (
            (ra, rb)
            if len(self.clusters[ra].members) >= len(self.clusters[rb].members)
            else (rb, ra)
        )
        into, other = self.clusters[big], self.clusters[small]
        into.members.extend(other.members)
        into.votes.update(other.votes)
        into.ner.update(other.ner)
        into.genders |= other.genders
        into.names |= other.names
        into.words |= other.words
        into.singular |= other.singular
        into.plural |= other.plural
        self.parent[small] = big
        return True

    def scores(self, i: int) -> Counter[str]:
        """The votes for each type of mention `i`'s entity, NER counted at most `ner_cap` times."""
        cluster = self.cluster(i)
        weight, cap = self.lex.votes["ner"], self.lex.votes["ner_cap"]
        scores = Counter(cluster.votes)
        for label, count in cluster.ner.items():
            scores[label] += min(count, cap) * weight
        return scores

    def type_of(self, i: int) -> tuple[str, int]:
        """The type with most votes and its score (OTHER, 0 with no evidence)."""
        scores = self.scores(i)
        if not scores:
            return OTHER, 0
        best = max(scores.values())
        label = next(t for t in (*TYPES, OTHER) if scores.get(t) == best)
        return label, best

    def certain(self, i: int) -> str:
        """The type when the evidence is strong enough to rule others out, else ""."""
        label, score = self.type_of(i)
        return label if score >= self.lex.votes["certain"] else ""

    def groups(self) -> list[list[int]]:
        """Each cluster's mentions in text order, clusters by their first mention."""
        by_root: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.mentions)):
            by_root[self.find(i)].append(i)
        return sorted(by_root.values(), key=lambda members: members[0])


def _types_clash(clusters: Clusters, a: int, b: int) -> bool:
    """Both clusters' types are certain and differ."""
    ta, tb = clusters.certain(a), clusters.certain(b)
    return bool(ta and tb and ta != tb)


def _genders_clash(clusters: Clusters, a: int, b: int) -> bool:
    ga = clusters.cluster(a).genders & {"m", "f"}
    gb = clusters.cluster(b).genders & {"m", "f"}
    return bool(ga and gb and ga != gb)


# --- sieve 1: exact names ------------------------------------------------------------------


def _exact_key(mention: Mention) -> str:
    return _word(mention.text)


def exact_names(mentions: Sequence[Mention], clusters: Clusters) -> None:
    """Sieve 1: proper names written the same (folded, possessive dropped) are one entity."""
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind == PROPER:
            seen = first.setdefault(_exact_key(m), m.index)
            if seen != m.index:
                clusters.merge(seen, m.index)


# --- sieve 2: appositives and predicate nominatives ----------------------------------------


def _by_head(mentions: Sequence[Mention]) -> dict[tuple[int, int], int]:
    heads: dict[tuple[int, int], int] = {}
    for m in mentions:
        heads.setdefault((m.sentence, m.token.i), m.index)
    return heads


def _acronym(mention: Mention, lex: CorefLexicon) -> str:
    """ "World Wide Developers Conference" -> "wwdc"; "" for a one-word name."""
    words = [w for w in mention.words if w not in lex.connectors]
    return "".join(w[0] for w in words if w) if len(words) > 1 else ""


def _is_acronym_of(short: Mention, long: Mention, lex: CorefLexicon) -> bool:
    word = short.name.replace(".", "")
    return (
        len(short.words) == 1
        and len(word) > 1
        and word.isupper()
        and _word(word) == _acronym(long, lex)
    )


def _may_join(a: Mention, b: Mention, clusters: Clusters) -> bool:
    """Appositive partners: not pronouns, same number, compatible types and genders; two
    names only as a name and its acronym ("San Francisco, California" are two places)."""
    if PRONOUN in (a.kind, b.kind) or a.plural != b.plural:
        return False
    if a.kind == b.kind == PROPER:
        lex = clusters.lex
        if not (_is_acronym_of(a, b, lex) or _is_acronym_of(b, a, lex)):
            return False
    return not _types_clash(clusters, a.index, b.index) and not _genders_clash(
        clusters, a.index, b.index
    )


def _appositive(
    m: Mention, heads: dict[tuple[int, int], int], mentions: Sequence[Mention]
) -> int | None:
    """The mention that `m` is an appositive of ("Kemal Arslan, the mayor"): right after it,
    set off by punctuation (the parser also calls far-off or bare phrases appositions)."""
    token = m.token
    if token.dep_ != "appos":
        return None
    if any(c.dep_ == "conj" for c in token.children):  # a list, not an apposition
        return None
    anchor = heads.get((m.sentence, token.head.i))
    if anchor is None or mentions[anchor].end > m.first:
        return None
    between = token.doc[mentions[anchor].end : m.first]
    return anchor if len(between) and all(t.is_punct for t in between) else None


def _predicate(m: Mention, heads: dict[tuple[int, int], int], lex: CorefLexicon) -> int | None:
    """The subject that `m` is the predicate nominative of ("Arslan is the mayor")."""
    token = m.token
    verb = token.head
    if token.dep_ != "attr" or fold(verb.lemma_) not in lex.copulas:
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return heads.get((m.sentence, subject.i)) if subject is not None else None


def _role_name(m: Mention, heads: dict[tuple[int, int], int], lex: CorefLexicon) -> int | None:
    """A bare title joined to a name: "Apple Computer CEO and co-founder Steve Jobs"."""
    if m.kind != NOMINAL or m.definite or m.head_word not in lex.titles:
        return None
    for child in m.token.children:
        if child.dep_ == "conj" and child.i > m.token.i and child.pos_ == "PROPN":
            return heads.get((m.sentence, child.i))
    if m.token.dep_ == "compound" and m.token.head.pos_ == "PROPN":
        return heads.get((m.sentence, m.token.head.i))
    return None


def _name_of(m: Mention, heads: dict[tuple[int, int], int], lex: CorefLexicon) -> int | None:
    """ "the city of Izmir": a place noun and the name after "of"."""
    if m.kind != NOMINAL or lex.type_nouns.get(m.head_word) not in lex.of_name_types:
        return None
    for prep in m.token.children:
        if prep.dep_ == "prep" and fold(prep.text) == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return heads.get((m.sentence, obj.i))
    return None


def appositives(mentions: Sequence[Mention], clusters: Clusters) -> None:
    """Sieve 2: apposition, predicate nominative, a title joined to a name, "the city of X"."""
    lex = clusters.lex
    heads = _by_head(mentions)
    for m in mentions:
        for other in (
            _appositive(m, heads, mentions),
            _predicate(m, heads, lex),
            _role_name(m, heads, lex),
            _name_of(m, heads, lex),
        ):
            if other is not None and other != m.index:
                partner = mentions[other]
                if _may_join(m, partner, clusters):
                    clusters.merge(other, m.index)


# --- sieve 3: relaxed names ----------------------------------------------------------------


def _bare_words(words: tuple[str, ...], lex: CorefLexicon) -> tuple[str, ...]:
    """The name without corporate suffixes at its end ("apple inc" -> "apple")."""
    end = len(words)
    while end > 1 and words[end - 1] in lex.suffixes:
        end -= 1
    return words[:end]


def _surname_target(m: Mention, lex: CorefLexicon) -> bool:
    """A name of two words or more that may be a person's: "Kemal Arslan", not "Harbour Street"."""
    return (
        len(m.words) > 1
        and m.words[-1] not in lex.suffixes
        and m.words[-1] not in lex.type_nouns
        and m.words[0] not in lex.connectors
    )


def relaxed_names(mentions: Sequence[Mention], clusters: Clusters) -> None:
    """Sieve 3: names equal without titles or corporate suffixes; a lone last name that only
    one full name in the document ends with; an acronym of exactly one name."""
    lex = clusters.lex
    proper = [m for m in mentions if m.kind == PROPER]
    bare: dict[tuple[str, ...], int] = {}
    for m in proper:
        key = _bare_words(m.words, lex)
        seen = bare.setdefault(key, m.index)
        if seen != m.index and not _genders_clash(clusters, seen, m.index):
            clusters.merge(seen, m.index)
    _last_names(proper, clusters)
    _acronyms(proper, clusters)


def _last_names(proper: Sequence[Mention], clusters: Clusters) -> None:
    """ "Arslan" -> the one full name ending with it; "Steve" -> the one person (certain from
    the evidence) whose full name starts with it."""
    lex = clusters.lex
    # One mention per distinct full name: equal names are one entity by now.
    by_last: dict[str, dict[tuple[str, ...], int]] = defaultdict(dict)
    by_first: dict[str, dict[tuple[str, ...], int]] = defaultdict(dict)
    for m in proper:
        if _surname_target(m, lex):
            by_last[m.words[-1]].setdefault(m.words, m.index)
            by_first[m.words[0]].setdefault(m.words, m.index)
    for m in proper:
        if len(m.words) != 1:
            continue
        target = _unique(clusters, by_last.get(m.words[0], {}).values())
        if target is None:
            target = _unique(clusters, by_first.get(m.words[0], {}).values())
            if target is not None and clusters.certain(target) != PERSON:
                target = None
        if (
            target is not None
            and not _types_clash(clusters, target, m.index)
            and not _genders_clash(clusters, target, m.index)
        ):
            clusters.merge(target, m.index)


def _unique(clusters: Clusters, mentions: Iterable[int]) -> int | None:
    """The one cluster these mentions are in, None for none or several (two Arslans). People
    come first: "Jobs" is "Steve Jobs" even where a headline has "U.S. Jobs"."""
    roots = {clusters.find(i) for i in mentions}
    people = {root for root in roots if clusters.type_of(root)[0] == PERSON}
    roots = people or roots
    return roots.pop() if len(roots) == 1 else None


def _acronyms(proper: Sequence[Mention], clusters: Clusters) -> None:
    lex = clusters.lex
    by_initials: dict[str, dict[tuple[str, ...], int]] = defaultdict(dict)
    for m in proper:
        initials = _acronym(m, lex)
        if len(initials) > 1:
            by_initials[initials].setdefault(m.words, m.index)
    for m in proper:
        word = m.name.replace(".", "")
        if len(m.words) == 1 and len(word) > 1 and word.isupper():
            target = _unique(clusters, by_initials.get(_word(word), {}).values())
            if target is not None:
                clusters.merge(target, m.index)


# --- sieve 4: definite descriptions --------------------------------------------------------


def _head_key(m: Mention, lex: CorefLexicon) -> tuple[str, bool]:
    return lex.group(m.head_word), m.plural


def _modifiers_agree(m: Mention, clusters: Clusters, candidate: int) -> bool:
    """ "the Galata bridge" is not "the Harbour Street bridge": its names must be the other's."""
    words = clusters.cluster(candidate).words
    return all(w in words for w in m.modifiers)


def _sentence_numbers(mentions: Sequence[Mention]) -> dict[int, int]:
    """Sentence index -> its rank among the sentences that have mentions."""
    ranks: dict[int, int] = {}
    for m in mentions:
        ranks.setdefault(m.sentence, len(ranks))
    return ranks


def _nearest_of_type(
    m: Mention, kind: str, mentions: Sequence[Mention], clusters: Clusters, ranks: dict[int, int]
) -> int | None:
    """The nearest earlier named entity of type `kind` within the window; first one whose
    names share a word with the description ("the computer company" -> "Apple Computer")."""
    limit = ranks[m.sentence] - clusters.lex.type_window
    nearest = None
    for k in range(m.index - 1, -1, -1):
        candidate = mentions[k]
        if ranks[candidate.sentence] < limit:
            break
        if candidate.kind != PROPER or candidate.stop > m.start:
            continue
        label, score = clusters.type_of(k)
        if label == kind and score > 0:
            if not m.noun_modifiers or set(m.noun_modifiers) & set(candidate.words):
                return k
            if nearest is None:
                nearest = k
    return nearest


def definite_descriptions(mentions: Sequence[Mention], clusters: Clusters) -> None:
    """Sieve 4: a definite nominal refers back to the latest mention with its head (or a
    synonym); "the company", "the city" also to the nearest entity of that type named
    before it, whichever of the two is nearer."""
    lex = clusters.lex
    ranks = _sentence_numbers(mentions)
    seen: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for m in mentions:
        if m.kind == NOMINAL and m.definite:
            antecedent = _head_antecedent(m, seen.get(_head_key(m, lex), ()), clusters)
            kind = lex.type_anaphors.get(m.head_word, "")
            if kind and m.determiner == "the" and not m.plural:
                typed = _nearest_of_type(m, kind, mentions, clusters, ranks)
                if typed is not None and (antecedent is None or typed > antecedent):
                    antecedent = typed
            if antecedent is not None:
                clusters.merge(antecedent, m.index)
        if m.kind != PRONOUN:
            seen[_head_key(m, lex)].append(m.index)


def _nouns_agree(m: Mention, candidate: Mention) -> bool:
    """ "the music industry" is not "the film industry": both name a kind, not the same."""
    if not (m.noun_modifiers and candidate.noun_modifiers):
        return True
    return bool(set(m.noun_modifiers) & set(candidate.noun_modifiers))


def _head_antecedent(m: Mention, earlier: Sequence[int], clusters: Clusters) -> int | None:
    for k in reversed(earlier[-3:]):  # the latest few: enough, and keeps this linear
        candidate = clusters.mentions[k]
        if (
            candidate.stop <= m.start
            and _modifiers_agree(m, clusters, k)
            and _nouns_agree(m, candidate)
            and not _types_clash(clusters, k, m.index)
        ):
            return k
    return None


# --- sieve 5: pronouns ---------------------------------------------------------------------


def _english_word(word: str) -> bool:
    """A word of the lexicon (a verb form, an event noun, a function word): not a given name."""
    lex = word_lexicon()
    return bool(lex.verb_readings(word)) or word in lex.event_nouns or word in lex.determiners


def _agrees(pronoun: Mention, clusters: Clusters, candidate: int) -> bool:
    """Whether `pronoun` may stand for the entity of mention `candidate`."""
    cluster = clusters.cluster(candidate)
    gender = pronoun.gender
    label, score = clusters.type_of(candidate)
    votes = clusters.lex.votes
    certain = score >= votes["certain"]
    if gender in ("m", "f"):
        if cluster.genders - {gender}:
            return False  # "she" for "Mr Arslan", "he" for "it"
        if certain and label != PERSON:
            return False
        if cluster.ner.keys() & clusters.lex.not_he_she and label != PERSON:
            return False  # a place or a product, even by one NER label
        if cluster.ner[ORG] >= votes["org_not_person"] and not cluster.votes[PERSON]:
            return False
        # A nominal entity must be a person noun ("the mayor", not "the report"); a name
        # must be a person's, or have no type at all and look like one: a first name and a
        # surname ("Kemal Arslan ... he"), not one word ("Cambodia ... He resigned").
        untyped_full_name = score == 0 and any(
            len(name) >= 2 and not _english_word(name[0]) for name in cluster.names
        )  # "Kemal Arslan", not "United Nations" (a first word English has, "united")
        person = label == PERSON or untyped_full_name
        return person and not (cluster.plural and not cluster.singular)
    if gender == "n":
        if cluster.genders & {"m", "f"} or (certain and label == PERSON):
            return False
        if label == PERSON and cluster.ner[PERSON] >= votes["person_not_it"]:
            return False  # NER says person again and again, and nothing says otherwise
        return not (cluster.plural and not cluster.singular) or label == ORG
    # they/them/their: plural things and organisations ("Apple ... they").
    if cluster.genders & {"m", "f"}:
        return False
    return cluster.plural or label in (ORG, "NORP")


def _bound(pronoun: Mention, candidate: Mention) -> bool:
    """ "He hit him": a plain object pronoun is not the subject of its own verb."""
    word = pronoun.words[0]
    reflexive = word.endswith("self") or word.endswith("selves")
    return (
        not reflexive
        and pronoun.role == OBJECT
        and candidate.role == SUBJECT
        and candidate.sentence == pronoun.sentence
        and candidate.token.head.i == pronoun.token.head.i
    )


def _candidates(
    pronoun: Mention, by_sentence: dict[int, list[Mention]], window: list[int]
) -> Iterator[Mention]:
    """Same sentence first (subjects, then the rest, nearest first), then the previous
    sentences nearest first, each subjects before objects before the rest; a name inside a
    noun phrase after all of them ("it" is the Harbour Street bridge, not Harbour Street)."""
    here = [
        m
        for m in by_sentence[pronoun.sentence]
        if m.stop <= pronoun.start and m.index != pronoun.index
    ]
    here.reverse()
    yield from (m for m in here if m.role == SUBJECT)
    yield from (m for m in here if m.role in (OBJECT, OTHER_ROLE))
    yield from (m for m in here if m.role == MODIFIER)
    for sentence in window:
        earlier = by_sentence[sentence]
        for role in (SUBJECT, OBJECT, OTHER_ROLE, MODIFIER):
            yield from (m for m in earlier if m.role == role)


def pronoun_windows(text: str, sentences: Sequence[Parsed], size: int) -> dict[int, list[int]]:
    """Sentence -> the parsed sentences before it that its pronouns may look into, nearest
    first. A window does not reach over text left out of the list: the antecedent may be
    there, unseen, and an older name would be a guess. An unparsed sentence counts for nothing."""
    windows: dict[int, list[int]] = {}
    previous: list[int] = []
    last_end: int | None = None
    for number, parsed in enumerate(sentences):
        if last_end is not None and text[last_end : parsed.start].strip():
            previous = []
        last_end = max(parsed.end, last_end or 0)
        if parsed.doc is None:
            continue
        windows[number] = previous[-size:][::-1]
        previous.append(number)
    return windows


def pronouns(
    mentions: Sequence[Mention], clusters: Clusters, windows: dict[int, list[int]]
) -> None:
    """Sieve 5: each pronoun joins the first candidate that agrees with it; none, it stays
    alone. "He"/"she" look for a known person in the window before they settle for an
    entity of unknown type: the salient person of a story outranks a nearer stray name."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    for m in mentions:
        if m.kind != PRONOUN:
            continue
        candidates = [
            candidate
            for candidate in _candidates(m, by_sentence, windows.get(m.sentence, []))
            if not candidate.start <= m.start < candidate.stop  # "its" inside "its cables"
            and not _bound(m, candidate)
            and _agrees(m, clusters, candidate.index)
        ]
        if m.gender in ("m", "f"):
            people = [c for c in candidates if clusters.type_of(c.index)[0] == PERSON]
            candidates = people or candidates
        if candidates:
            clusters.merge(candidates[0].index, m.index)


# --- the result ----------------------------------------------------------------------------

SIEVES = (exact_names, appositives, relaxed_names, definite_descriptions)


def resolve(text: str, sentences: Sequence[Parsed], doc_id: str) -> Coreference:
    """The entities of a document from its parsed sentences (see the module docstring)."""
    lex = lexicon()
    mentions = find_mentions(sentences, lex)
    clusters = Clusters(mentions, lex)
    for sieve in SIEVES:
        sieve(mentions, clusters)
    pronouns(mentions, clusters, pronoun_windows(text, sentences, lex.pronoun_window))
    return _result(doc_id, mentions, clusters)


def _kept(members: Sequence[Mention]) -> bool:
    """An indefinite or bare nominal nothing refers back to is no entity: "a meeting"."""
    return len(members) > 1 or members[0].kind != NOMINAL or members[0].definite


def _canonical(members: Sequence[Mention]) -> str:
    """The longest proper name (titles dropped), else the longest nominal, else ""."""
    for kind in (PROPER, NOMINAL):
        forms = [m.name for m in members if m.kind == kind and m.name]
        if forms:
            return max(forms, key=lambda form: (len(form.split()), len(form)))
    return ""


def _aliases(members: Sequence[Mention], name: str) -> tuple[str, ...]:
    seen = {fold(name)}
    aliases = []
    for m in members:
        if m.kind != PRONOUN and fold(m.text) not in seen:
            seen.add(fold(m.text))
            aliases.append(m.text)
    return tuple(aliases)


def _result(doc_id: str, mentions: Sequence[Mention], clusters: Clusters) -> Coreference:
    entities: list[LocalEntity] = []
    placed: list[tuple[Mention, int]] = []
    for group in clusters.groups():
        members = [mentions[i] for i in group]
        if not _kept(members):
            continue
        name = _canonical(members)
        label = clusters.type_of(group[0])[0]
        spans = tuple(sorted({(m.start, m.stop) for m in members}))
        entity = LocalEntity(len(entities), name, label, _aliases(members, name), spans)
        entities.append(entity)
        placed.extend((m, entity.index) for m in members)
    return Coreference(doc_id, tuple(entities), _token_map(placed))


def _token_map(
    placed: Sequence[tuple[Mention, int]],
) -> dict[tuple[int, int], tuple[int, tuple[int, int]]]:
    """(sentence, token) -> (entity, mention characters): the innermost mention holding the
    token, and above all the mention it heads ("Harbour" is in "Harbour Street", not in
    "the Harbour Street bridge")."""
    at: dict[tuple[int, int], tuple[int, tuple[int, int]]] = {}
    for m, entity in sorted(placed, key=lambda pair: pair[0].first - pair[0].end):
        for token in range(m.first, m.end):
            at[(m.sentence, token)] = (entity, (m.start, m.stop))
    for m, entity in placed:
        at[(m.sentence, m.token.i)] = (entity, (m.start, m.stop))
    return at
