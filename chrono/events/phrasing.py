"""Headlines written from the parse: agent + predicate (+ particle) + object or complement.

"That year, she joined forces with Amnesty International" becomes "Sorvino joins forces with
Amnesty International": the subject phrase (a pronoun replaced by the name of the entity it
refers to, `Names`), the verb group moved to the present ("was appointed" -> "is appointed",
"had been" -> "has been", a modal kept), its particle, then its objects and complements, each
one a whole phrase, added while the headline stays within `headline_words`. A complement
clause is kept whole when it is short and dropped otherwise; relative clauses, asides and the
time expression itself are left out. A headline never ends on a determiner, a preposition or
a conjunction, and is never empty.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from chrono.events.grammar import (
    Grammar,
    grammar,
    is_nominal,
    is_passive,
    lost_clause,
    participial_clause,
    phrase,
    subject,
    trim_edges,
)
from chrono.resources.lexicon import (
    FIRST_PERSON,
    PARTICIPLE,
    PLURAL,
    SINGULAR,
    EventLexicon,
    lexicon,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# token -> (the name a headline writes, the entity's canonical name); None: not known
Names = Callable[["Token"], tuple[str, str] | None]

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SKIPPED_AFTER_VERB = frozenset({"advmod", "npadvmod"})  # "then", "also", "later": not content
_EDGE = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "PART"})
_LIST_WORDS = 3  # words of a conjunct in a list a headline keeps whole


@dataclass(frozen=True, slots=True)
class Phrased:
    text: str
    subject: str | None  # who the event is about: an entity's canonical name, or the words


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    i: int = -1  # the token it is (-1: a word put in, such as a name or a present form)
    space: str = " "  # what follows the token in the text, if the next piece is the next token


def capitalise(text: str) -> str:
    """The first letter in capitals, unless the first word is a name that has its own
    ("iPhone 4 will be available")."""
    first = text.split(" ", 1)[0]
    if not text or any(c.isupper() for c in first[1:]):
        return text
    return text[:1].upper() + text[1:]


def render(pieces: Sequence[_Piece]) -> str:
    """Pieces as written: a token's own spacing before the next token, one space elsewhere."""
    out = []
    for n, piece in enumerate(pieces):
        out.append(piece.text)
        if n + 1 < len(pieces):
            adjacent = piece.i >= 0 and pieces[n + 1].i == piece.i + 1
            out.append(piece.space if adjacent else " ")
    return " ".join("".join(out).split())


def _tokens(tokens: Sequence[Token]) -> list[_Piece]:
    """Tokens as pieces; an indefinite article agrees with the word that now follows it
    ("a June agreement" without its time: "an agreement")."""
    g = grammar()
    articles = (g.article_before_vowel, g.article_before_consonant)
    pieces = []
    for n, t in enumerate(tokens):
        text = t.text
        if t.lower_ in articles and n + 1 < len(tokens) and tokens[n + 1].i != t.i + 1:
            vowel = tokens[n + 1].lower_[:1] in g.vowels
            word = g.article_before_vowel if vowel else g.article_before_consonant
            text = word if t.text.islower() else word.capitalize()
        pieces.append(_Piece(text, t.i, t.whitespace_))
    return pieces


# ---------------------------------------------------------------- the subject


def subject_phrase(
    verb: Token, g: Grammar, drop: Collection[int], names: Names, bare: bool = False
) -> tuple[list[_Piece], str | None, str]:
    """The subject as the headline writes it, the event's subject name, and its number;
    `bare`: without what follows its head ("Bishop Henry Mansell [of the Archdiocese]")."""
    head = subject(verb, g)
    if head is None:
        return [], None, SINGULAR
    drop = {*drop, verb.i}  # a participle's noun is its subject: not with the verb again
    named = names(head)
    numeral = _roman_one(head)
    if numeral:  # "World War I began": a name ending in the numeral, not the pronoun
        return _tokens(numeral), render(_tokens(numeral)), SINGULAR
    if head.tag_ == "PRP":
        if named is not None:  # the name takes the pronoun's number: "they" -> "The locals"
            number = PLURAL if _pronoun_number(head) == PLURAL else SINGULAR
            return [_Piece(named[0])], named[1], number
        return [_Piece(head.text, head.i)], head.text, _pronoun_number(head)
    words = _bare(head, drop) if bare else phrase(head, g, drop)
    if not words and head.i in drop:
        words = phrase(head, g)  # "2007 was the year of the iPhone": the time is the subject
    if not words:
        return [], None, SINGULAR
    number = PLURAL if _plural(head) else SINGULAR
    counted = any(c.dep_ in ("det", "nummod", "amod") for c in head.children)
    if named is not None and _name_word(head, named[1]) and not counted:
        # "Jobs then moved on": the tagger's plural is a name's last letter. "Shares of
        # Apple Inc." are many, whatever entity they are linked to.
        number = SINGULAR if not _conjoined(head) else number
    canonical = named[1] if named is not None else render(_tokens(words))
    return _tokens(words), canonical, number


def _name_word(head: Token, name: str) -> bool:
    """Is the head a word of the entity's name, written as a name ("Jobs" of "Steve Jobs",
    though tagged a plural noun; not a capitalised first word: "Glitches are")?"""
    words = name.split()
    written = head.pos_ == "PROPN" or (head.text[:1].isupper() and len(words) > 1)
    return written and head.text in words


def _roman_one(head: Token) -> list[Token]:
    """The proper name before an "I" the tagger took for the pronoun ("World War I")."""
    if head.text != "I" or head.i == 0 or head.doc[head.i - 1].pos_ != "PROPN":
        return []
    first = head.i - 1
    while first > 0 and head.doc[first - 1].pos_ == "PROPN":
        first -= 1
    return [head.doc[k] for k in range(first, head.i + 1)]


def _conjoined(head: Token) -> bool:
    """Coordinated with "and" ("Jobs and Wozniak"); "the kernel or base" is one."""
    return any(c.dep_ == "conj" for c in head.children) and not any(
        c.dep_ == "cc" and c.lower_ in grammar().alternatives for c in head.children
    )


def _plural(head: Token) -> bool:
    if head.dep_ == "expl":  # "there are two models": the number of what there is
        return any(_plural(c) for c in head.head.children if c.dep_ in ("attr", "dobj"))
    counted = any(c.dep_ in ("det", "nummod", "amod") for c in head.children)
    if head.pos_ == "PROPN" and not (head.tag_ == "NNPS" and counted):
        # "Jobs", "Apple Computer": a name is one; "the Germans", "1,500 Albanians" are many
        return _conjoined(head)
    if head.tag_ in _PLURAL_TAGS:
        return True
    if head.tag_ == "DT":  # "some of the soldiers": the number of what it counts
        of = grammar().partitive_prepositions
        counted = [p for c in head.children if c.lower_ in of for p in c.children]
        if counted:
            return any(p.tag_ in _PLURAL_TAGS for p in counted)
        return head.lower_ in lexicon().partitives  # "some have difficulty"
    return _conjoined(head)


def _pronoun_number(head: Token) -> str:
    person = lexicon().subject_pronouns.get(head.lower_, "")
    if person == "1":
        return FIRST_PERSON  # the person codes of pronouns.toml: 1, 2, p(lural), m, f, n
    return PLURAL if person in ("2", "p") else SINGULAR


# ---------------------------------------------------------------- the verb group


def verb_group(verb: Token, g: Grammar, number: str, lex: EventLexicon) -> list[_Piece]:
    """Auxiliaries, negation, verb and particle, moved to the present."""
    before = sorted(
        (c for c in verb.children if c.i < verb.i and c.dep_ in g.auxiliaries | g.negations),
        key=lambda t: t.i,
    )
    particles = particles_of(verb, g, lex)
    words: list[str] = []
    auxes = [t for t in before if t.dep_ in g.auxiliaries] or _shared(verb, g, lex)
    if auxes and _past_perfect(auxes, verb):
        words += [t.text for t in before if t.dep_ in g.negations]
        words.append(_present(verb, number, lex))  # "had acquired" -> "acquires"
    elif auxes:
        before = sorted({*before, *auxes}, key=lambda t: t.i)
        for t in before:
            words.append(_present_aux(t, number, lex) if t is auxes[0] else t.text)
        words.append(verb.text)
    elif (
        verb.tag_ == "VBN"
        and not _misread_past(verb, g)
        and (is_passive(verb, g) or not any(c.dep_ in g.all_subjects for c in verb.children))
    ):  # "(Longhorn,) expected in late 2006": is expected
        words += [lex.present(g.copula, number), *(t.text for t in before), verb.text]
    elif (
        verb.tag_ in ("VBD", "VB", "VBG", "VBN")  # a VBN alone here is a past the tagger misread
        or verb.lemma_ == g.copula
        or _past_as_present(verb, number)
    ):
        words += [t.text for t in before] + [_present(verb, number, lex)]
    else:
        words += [t.text for t in before] + [verb.text]
    words += [p.text for p in particles]
    return [_Piece(w) for w in words]


def particles_of(verb: Token, g: Grammar, lex: EventLexicon) -> list[Token]:
    """A verb's particles: the parser's, and a particle word it read as an adverb or as a
    preposition with no object ("took six months off", "would be built in to iTunes")."""
    # where a particle may stand: right after the verb, or after its object
    ends = {verb.i + 1} | {
        max(t.i for t in c.subtree) + 1 for c in verb.children if c.dep_ in g.objects
    }
    return [
        c
        for c in verb.children
        if c.dep_ in g.particles
        or (
            c.i in ends
            and c.lower_ in lex.particles
            and c.dep_ in ("advmod", "prep")
            and not any(c.children)
        )
    ]


def _misread_past(verb: Token, g: Grammar) -> bool:
    """A participle the tagger gave a simple past ("returned to Apple and soon after
    reassumed the role"; "tripled, doubled and increased by 16 percent"): no passive mark,
    and an object of its own or a coordinated past before it."""
    if any(c.dep_ in g.passive_subjects or c.dep_ == "auxpass" for c in verb.children):
        return False
    if verb.dep_ == "acl":  # "the bridge, opened in 1932": a passive participle
        return False
    return any(c.dep_ in ("dobj", "obj") for c in verb.children) or (
        verb.dep_ == "conj" and verb.head.tag_ == "VBD"
    )


def _shared(verb: Token, g: Grammar, lex: EventLexicon) -> list[Token]:
    """The auxiliaries a coordinated participle or base form shares with its first conjunct
    ("was rebuilt in 1958 and closed in 1999", "will meet and sign"); a past form that is
    not also a participle has none ("won and *went*")."""
    participle = verb.tag_ == "VBN" or (
        verb.tag_ == "VBD" and any(r.form == PARTICIPLE for r in lex.verb_readings(verb.lower_))
    )
    if not (verb.dep_ == "conj" or participial_clause(verb)) or not (
        participle or verb.tag_ == "VB"
    ):
        return []
    head = verb.head
    while (head.dep_ == "conj" or participial_clause(head)) and not any(
        c.dep_ in g.auxiliaries for c in head.children
    ):
        head = head.head
    auxes = sorted((c for c in head.children if c.dep_ in g.auxiliaries), key=lambda t: t.i)
    if participle:
        # No passive for a verb that has none ("was born in 1950 and died"), takes an object
        # ("was elected and served two terms"), or follows a passive-only verb ("born").
        lemma = _lemma(verb, lex)
        no_passive = (
            lemma in lex.intransitive
            or any(c.dep_ in ("dobj", "obj") for c in verb.children)
            or _lemma(head, lex) in lex.passive_only
        )
        return [
            a for a in auxes if a.lemma_.lower() == "have" or (a.lemma_ == "be" and not no_passive)
        ]
    return [a for a in auxes if a.tag_ == "MD" or a.lower_ == "to"]


def _past_as_present(verb: Token, number: str) -> bool:
    """A form the tagger read as present that cannot be one with a singular subject ("The
    winner hit out"): it is the past."""
    return verb.tag_ == "VBP" and number == SINGULAR


def _past_perfect(auxes: Sequence[Token], verb: Token) -> bool:
    first = auxes[0] if len(auxes) == 1 else None
    return (
        first is not None and first.lemma_ == "have" and first.tag_ == "VBD" and verb.tag_ == "VBN"
    )


def _lemma(verb: Token, lex: EventLexicon) -> str:
    """The lexicon's lemma where it knows the form (spaCy reads "premiered" as "premier")."""
    readings = lex.verb_readings(verb.lower_)
    return readings[0].lemma if readings else verb.lemma_.lower()


def _present(verb: Token, number: str, lex: EventLexicon) -> str:
    lemma = _lemma(verb, lex)
    if not lemma.isalpha():
        return verb.text
    return lex.present(lemma, number)


def _present_aux(aux: Token, number: str, lex: EventLexicon) -> str:
    """The first auxiliary in the present: was -> is, had -> has, did -> does; a modal and a
    present form stay as written."""
    if aux.tag_ == "VBD" and aux.lemma_.lower() in ("be", "have", "do"):
        return lex.present(aux.lemma_.lower(), number)
    return aux.text


# ---------------------------------------------------------------- after the verb


def complements(
    verb: Token, g: Grammar, drop: Collection[int], room: int, lex: EventLexicon | None = None
) -> list[_Piece]:
    """Objects then complements after the verb, each a whole phrase (or, when it does not
    fit, its core: the phrase without its modifiers), while they fit."""
    reporting = verb.lemma_.lower() in g.reporting
    pieces: list[_Piece] = []
    used = 0
    taken = {verb.i}  # tokens already written ("re-examine" parsed as three complements)
    # What a reporting verb says is the news: its circumstances ("in an internal memo",
    # "during an interview") give way to it.
    tells = reporting and _tells(verb)
    for child in sorted(verb.children, key=lambda t: t.i):
        if child.i < verb.i:
            continue
        if tells and child.dep_ not in ("ccomp", "xcomp") and child.dep_ not in g.objects:
            continue
        if child.i in drop:
            if child.dep_ not in ("dobj", "obj") or used:
                continue
            # "took six months off": the time is what was taken, the headline keeps it
            drop = [i for i in drop if i not in {t.i for t in child.subtree}]
        if child.dep_ not in g.objects and child.dep_ not in g.complements:
            continue
        if child.dep_ in _SKIPPED_AFTER_VERB and not any(t.like_num for t in child.subtree):
            continue  # "then", "later"; but "fell 3%" keeps its amount
        words = phrase(child, g, drop)
        if not _content(words) or _only_a_verb(child, words):
            continue  # "in 1998": the time was all of it; "submitted starting [next month]"
        if child.dep_ == "prep" and lost_clause(child, g):
            continue  # "around the time [her first son was born]": cut, it misleads
        if child.dep_ == "ccomp" and sum(t.i not in drop for t in child.subtree) > g.clause_words:
            if used or not reporting:
                continue  # a long complement clause is dropped, never cut ...
            if _quoted(child):  # ... but what was said is the news: a quote by its core
                return pieces + _quotation(child, g, drop)
            words = _clause_core(child, g, drop)
        if used + len(words) > room:
            words = _core(child, g, drop)  # the phrase without its own modifiers
        # A list is kept whole, never cut after its first item ("available in the United
        # States" of five countries reads as one).
        spare = g.headline_words if _listed(words) else 2
        if not _content(words) or used + len(words) > room + spare:
            break
        words = [t for t in words if t.i not in taken]  # a word split by the parser
        taken.update(t.i for t in words)
        found = _tokens(words)
        if reporting and child.dep_ == "ccomp":
            found = _unshifted(found, child, g)
        pieces += found
        used += len(words)
    if not pieces and reporting:
        return _said_elsewhere(verb, g, drop, room)
    return pieces


def _tells(verb: Token) -> bool:
    """Has a verb a clause it reports (after it, before it, or the one it hangs on)?"""
    return any(c.dep_ == "ccomp" for c in verb.children) or (
        verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i
    )


def _said_elsewhere(verb: Token, g: Grammar, drop: Collection[int], room: int) -> list[_Piece]:
    """What a reporting verb tells where its complements are not: before it, or in a clause
    the parser hung on a noun. A quote by its core ('"We love the Beatles," said Jobs'),
    else the clause by its subject, verb and object if it fits ("The change will occur
    within six months, Apple announced")."""
    said = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if not said and verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
        said = [verb.head]  # the parser hung "Apple announced" on what was said
    if not said:  # "announced in an internal memo that he would be on leave": not a relative
        said = [
            t
            for t in verb.subtree
            if t.dep_ == "relcl" and t.i > verb.i and any(c.dep_ == "mark" for c in t.children)
        ][:1]
    if not said:
        return []
    if _quoted(said[0]):
        return _quotation(said[0], g, drop)
    core = _clause_core(said[0], g, drop)
    if not core or len(core) > room:
        return []
    pieces = _unshifted(_tokens(core), said[0], g)
    first = core[0]
    if first.is_sent_start and first.pos_ != "PROPN" and not _capital(first):
        pieces[0] = replace(pieces[0], text=first.text.lower())  # no longer first: "the"
    return pieces
    return pieces


def _unshifted(pieces: list[_Piece], clause: Token, g: Grammar) -> list[_Piece]:
    """A reported clause's back-shifted modal back in the present, as the reporting verb now
    is ("Jobs said buyers would be eligible" -> "Jobs says buyers will be eligible")."""
    modals = {c.i for c in clause.children if c.dep_ == "aux"}
    return [
        replace(p, text=g.backshifted[p.text.lower()])
        if p.i in modals and p.text.lower() in g.backshifted
        else p
        for p in pieces
    ]


def _capital(token: Token) -> bool:
    """A word written with a capital wherever it stands ("I")."""
    return token.lower_ in lexicon().always_capitalised


def _quotation(clause: Token, g: Grammar, drop: Collection[int]) -> list[_Piece]:
    """A quoted clause in its speaker's words, by its subject, verb and object, an ellipsis
    at each place words are left out: 'Jobs says "We love the Beatles …"'."""
    words = _clause_core(clause, g, drop)
    if not _content(words):
        return []
    kept = {t.i for t in words}
    said = [t.i for t in clause.subtree if t.i not in drop and not t.is_punct]
    pieces: list[_Piece] = []
    gap = False
    for i in said:
        if i in kept:
            if gap:
                pieces.append(_Piece(g.ellipsis))
            pieces += _tokens([clause.doc[i]])
            gap = False
        else:
            gap = True
    if gap:
        pieces.append(_Piece(g.ellipsis))
    opening, closing = g.quote_marks
    pieces[0] = replace(pieces[0], text=opening + pieces[0].text)
    pieces[-1] = replace(pieces[-1], text=pieces[-1].text + closing)
    return pieces


def _quoted(clause: Token) -> bool:
    """A clause that opens with a quotation mark (after its "that", if any): a speaker's own
    words. A title in quotes inside it ('the "Lion" release') does not make it a quote."""
    doc, first = clause.doc, clause.left_edge.i
    opening = [doc[first - 1]] if first > 0 else []
    opening.append(doc[first])
    if doc[first].dep_ == "mark" and first + 1 < len(doc):
        opening.append(doc[first + 1])  # 'stated that " Today Apple ...'
    return any(t.is_quote for t in opening)


def _bare(head: Token, drop: Collection[int]) -> list[Token]:
    """A phrase's head and what comes before it ("the costs [of the repairs]")."""
    return [t for t in head.subtree if t.i <= head.i and t.i not in drop]


def _only_a_verb(child: Token, words: Sequence[Token]) -> bool:
    """A verb left with none of its words ("submitted starting [next month]")."""
    return child.pos_ == "VERB" and child.is_alpha and len(words) == 1


def _clause_core(verb: Token, g: Grammar, drop: Collection[int], depth: int = 0) -> list[Token]:
    """A reported clause by its subject, verb group and object, without their modifiers:
    "Jobs announces [that] QuickTime 7 would be available for Windows"; a clause or infinitive
    it takes, by its own ("we consider he has reached the wrong conclusion")."""
    keep = {verb.i, *(p.i for p in particles_of(verb, g, lexicon()))}
    for child in verb.children:
        if child.dep_ in g.all_subjects:  # with one phrase of its own: "the change in policy"
            keep.update(t.i for t in _core(child, g, drop))
        elif child.dep_ in g.auxiliaries | g.negations or (
            child.dep_ in g.objects and child.i > verb.i
        ):
            keep.update(t.i for t in _bare(child, drop))
        elif child.dep_ in ("ccomp", "xcomp") and child.i > verb.i and depth == 0:
            keep.update(t.i for t in _clause_core(child, g, drop, depth + 1))
            keep.update(c.i for c in child.children if c.dep_ == "aux" and c.i < child.i)
    if verb.lemma_ == g.copula and not any(
        c.i in keep and c.dep_ in g.objects for c in verb.children
    ):
        # "he would be [on medical leave]": a copula's place is what it says
        places = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        if places:
            keep.update(t.i for t in _core(places[0], g, drop))
    # Never ending on a preposition whose object was left out ("a free case to [anyone]").
    return trim_edges([t for t in verb.subtree if t.i in keep and t.i not in drop])


def _short_list(conj: Token, drop: Collection[int]) -> bool:
    """Coordinated names or words of a few words each ("the United States, United Kingdom,
    France, Germany, and Japan"; "ups and downs"): a list a headline keeps whole."""
    words = [t for t in conj.subtree if t.i not in drop and not t.is_punct and t.dep_ != "cc"]
    conjuncts = sum(t.dep_ == "conj" for t in conj.subtree)
    return len(words) <= _LIST_WORDS * conjuncts


def _listed(words: Sequence[Token]) -> bool:
    return any(t.dep_ == "conj" and is_nominal(t) for t in words)


def _content(words: Sequence[Token]) -> bool:
    return any(t.pos_ not in _EDGE for t in words)


def _core(head: Token, g: Grammar, drop: Collection[int]) -> list[Token]:
    """A phrase without the modifiers after its head: the part a headline cannot lose. A
    noun keeps one prepositional phrase's head ("the issue with a software bug [relating to
    ...]"), a verb its auxiliaries and its object's core ("to lower its prices [for media
    in ...]")."""
    keep: set[int] = set()
    _core_into(head, g, set(drop), keep, 0)
    return [t for t in phrase(head, g, drop) if t.i in keep]


def _core_into(head: Token, g: Grammar, drop: set[int], keep: set[int], depth: int) -> None:
    keep.add(head.i)
    for child in head.children:
        if child.i in drop:
            continue
        if child.i < head.i or child.dep_ in ("prt", "case", "aux", "neg", "compound"):
            keep.update(t.i for t in child.subtree if t.i not in drop)
        elif child.dep_ in ("dobj", "obj", "attr", "acomp", "pobj", "pcomp", "xcomp"):
            _core_into(child, g, drop, keep, depth)
        elif child.dep_ == "prep" and depth == 0:  # one level of prepositional phrase
            _core_into(child, g, drop, keep, depth + 1)
        elif child.dep_ == "conj" and _short_list(child, drop):  # "ups and downs"
            keep.update(c.i for c in head.children if c.dep_ in ("cc", "punct"))
            keep.update(t.i for t in child.subtree if t.i not in drop)


# ---------------------------------------------------------------- headlines


def clause_headline(
    verb: Token,
    g: Grammar,
    lex: EventLexicon,
    drop: Collection[int],
    names: Names,
    after_verb: str = "",
) -> Phrased:
    """Agent + verb group + objects and complements; `after_verb`: words put right after the
    verb group ("Steve Jobs has died *at 56* according to the company website")."""
    subject_pieces, canonical, number = subject_phrase(verb, g, drop, names)
    long = len(subject_pieces) > g.headline_words // 2
    if long and verb.lemma_.lower() in g.reporting and _tells(verb):
        # What was said needs the room: the speaker by their name.
        subject_pieces, canonical, number = subject_phrase(verb, g, drop, names, bare=True)
    group = verb_group(verb, g, number, lex)
    if after_verb:
        group.append(_Piece(after_verb))
    room = max(3, g.headline_words - len(subject_pieces) - len(group))
    rest = complements(verb, g, drop, room)
    if not rest and verb.lemma_ == g.copula and subject_pieces and not after_verb:
        group = []  # "International Women's Day is this coming Sunday": the day itself
    return Phrased(capitalise(render(subject_pieces + group + rest)), canonical)


def noun_headline(noun: Token, g: Grammar, drop: Collection[int], names: Names) -> Phrased | None:
    """A verbless event: the noun phrase ("The elections in Ukraine")."""
    words = phrase(noun, g, drop)
    if not _content(words):
        return None
    words = words[: g.headline_words]
    while words and words[-1].pos_ in _EDGE:
        words.pop()
    named = names(noun)
    return Phrased(capitalise(render(_tokens(words))), named[1] if named else None)


def age_headline(
    holder: Token, age: str, template: str, g: Grammar, drop: Collection[int], names: Names
) -> Phrased | None:
    """Who is how old: "The Oscar winner, 55," -> "The Oscar winner is 55"."""
    named = names(holder)
    if holder.pos_ == "PRON":
        if named is None:
            return None
        who, canonical = named
    else:
        words = phrase(holder, g, drop)
        if not _content(words):
            return None
        who = render(_tokens(words))
        canonical = named[1] if named else who
    return Phrased(capitalise(template.format(holder=who, age=age)), canonical)


def words_of(tokens: Sequence[Token], drop: Collection[int], limit: int) -> str:
    """The words of a stretch, time left out, trimmed to `limit`; '' when none are content."""
    kept = [t for t in tokens if t.i not in drop and not t.is_space][: limit * 2]
    kept = [t for t in kept if t.pos_ != "PUNCT" or t.text in ("'", "-")][:limit]
    while kept and kept[-1].pos_ in _EDGE:
        kept.pop()
    while kept and kept[0].pos_ in ("PUNCT", "CCONJ", "ADP", "SCONJ"):
        kept.pop(0)
    if not _content(kept):
        return ""
    return capitalise(render(_tokens(kept)))
