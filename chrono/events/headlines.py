"""Readable headlines for events: subject + verb in the present + object.

"That year, she joined forces with Amnesty International" becomes "Sorvino
joins forces with Amnesty International": the subject (a he/she replaced by
the person's surname when that is safe), the verb group moved to the present
tense (a present perfect stays: "has been"), then the object and the phrases
after it until the headline has about ten words. Time expressions, and the
signal words around them ("in", "since", "later"), are left out. When no
clause gives a headline, the clause's own words (trimmed) are the headline;
it is never empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chrono.events.persons import People, person_name, surname
from chrono.resources.lexicon import (
    BE,
    DO,
    FIRST_PERSON,
    HAVE,
    ING,
    PARTICIPLE,
    PLURAL,
    SINGULAR,
    EventLexicon,
)
from chrono.resources.loader import fold
from chrono.text.clauses import (
    ADV,
    AUX,
    AUXILIARY,
    CONJ,
    DET,
    MODAL,
    NAME,
    NEG,
    NOMINAL,
    NUM,
    POSS,
    PREP,
    PRON,
    PRONAUX,
    PUNCT,
    REL,
    SUB,
    THAT,
    TIME,
    VERB,
    WORD,
    Analysis,
    Group,
    Subject,
    is_initial,
    is_possessive,
    np_at_end,
    np_before,
)
from chrono.types import Duration

_SPACE = re.compile(r"\s+")
_SOFT_LIMIT = 10  # add phrases while the headline is shorter than this
_HARD_LIMIT = 16  # ... and the next phrase keeps it within this
_FALLBACK_WORDS = 10
_CONTENT = frozenset({NAME, WORD, NUM, VERB, PRON, PRONAUX, AUX, MODAL})
_TRAILING_JUNK = frozenset({DET, POSS, PREP, CONJ, PUNCT, THAT, REL, SUB, NEG})


@dataclass(frozen=True, slots=True)
class Headline:
    text: str
    trigger: str | None
    subject: str | None


@dataclass(slots=True)
class Context:
    """What headline building needs about one document."""

    text: str
    lex: EventLexicon
    people: People


# ---------------------------------------------------------------- rendering


def drop_mask(an: Analysis, lex: EventLexicon) -> list[bool]:
    """Tokens a headline leaves out: time expressions and the signal words around them."""
    if an.drop is None:
        an.drop = _drop_mask(an, lex)
    return an.drop


def _drop_mask(an: Analysis, lex: EventLexicon) -> list[bool]:
    n = len(an.tokens)
    drop = [an.cats[i] == TIME for i in range(n)]
    for i in range(n):
        if an.cats[i] != TIME or (i > 0 and an.cats[i - 1] == TIME):
            continue
        j = i - 1
        while (
            j >= 0
            and i - j <= 4
            and an.cats[j] not in (TIME, AUX, MODAL, PRON, PRONAUX)
            and (
                an.tokens[j].low in lex.signals_before
                or an.tokens[j].low in lex.time_modifiers
                or (an.cats[j] == DET and an.tokens[j + 1].low in lex.time_modifiers)
            )
        ):
            drop[j] = True  # "for the next two years", "since", "in"
            j -= 1
    for i in range(n - 1):
        after = an.tokens[i + 1].low
        if an.cats[i] == TIME and an.cats[i + 1] != TIME and after in lex.signals_after:
            drop[i + 1] = True
    return drop


def render(ctx: Context, an: Analysis, indices: Iterable[int]) -> str:
    """Text of the given tokens: contiguous runs as written, gaps as one space, lone quotes out."""
    kept = _paired_quotes(ctx, an, sorted(set(indices)))
    pieces: list[str] = []
    run_start = run_end = -1
    for i in kept:
        if run_start >= 0 and i == run_end + 1:
            run_end = i
            continue
        if run_start >= 0:
            pieces.append(an.text(ctx.text, run_start, run_end))
        run_start = run_end = i
    if run_start >= 0:
        pieces.append(an.text(ctx.text, run_start, run_end))
    return _SPACE.sub(" ", " ".join(pieces)).strip()


def _paired_quotes(ctx: Context, an: Analysis, indices: list[int]) -> list[int]:
    lex = ctx.lex
    doubles = lex.open_quotes | lex.close_quotes | lex.straight_quotes
    opening = lex.open_single_quotes | lex.straight_single_quotes
    closing = lex.close_single_quotes | lex.straight_single_quotes
    kept: list[int] = []
    opened: int | None = None
    singles: set[int] = set()
    for i in indices:
        mark = an.tokens[i].text
        if mark in doubles:
            continue
        if mark in opening and an.cats[i] == PUNCT and opened is None:
            opened = i
        elif mark in closing and an.cats[i] == PUNCT and opened is not None:
            singles.update((opened, i))
            opened = None
        kept.append(i)
    return [
        i
        for i in kept
        if an.cats[i] != PUNCT or an.tokens[i].text not in lex.single_quotes or i in singles
    ]


def capitalise(text: str) -> str:
    """Upper-case the first letter, unless a digit or a sign comes first ("0.4 per cent")."""
    for k, char in enumerate(text):
        if char.isalpha():
            return text[:k] + char.upper() + text[k + 1 :]
        if char.isalnum():
            return text
    return text


def _words(an: Analysis, indices: Iterable[int]) -> int:
    return sum(1 for i in indices if an.tokens[i].word)


def _trim(an: Analysis, indices: list[int], lex: EventLexicon) -> list[int]:
    """No dangling function words or punctuation at either end ("with her", ", and"); the
    marks that close a pair or belong to a number stay ("‘Sound of Freedom’", "up 12.5%")."""
    keep_last = lex.close_single_quotes | lex.straight_single_quotes | lex.close_brackets
    keep_first = lex.open_single_quotes | lex.straight_single_quotes | lex.open_brackets
    while indices and (
        an.cats[indices[-1]] in _TRAILING_JUNK
        or (
            an.tokens[indices[-1]].low in lex.signals_before and an.cats[indices[-1]] not in NOMINAL
        )
    ):
        last = an.tokens[indices[-1]].text
        if (
            an.cats[indices[-1]] == PUNCT
            and len(indices) > 1
            and (last in keep_last or (last in lex.number_after and an.cats[indices[-2]] == NUM))
        ):
            break
        indices = indices[:-1]
    while (
        indices
        and an.cats[indices[0]] in (CONJ, PUNCT, SUB, NEG)
        and an.tokens[indices[0]].text not in keep_first
        and not _number_symbol_before(an, indices, lex)
    ):
        indices = indices[1:]
    return indices


def _number_symbol_before(an: Analysis, indices: list[int], lex: EventLexicon) -> bool:
    """ "$500 million": the first token is a currency sign and a number follows it."""
    first = indices[0]
    return (
        an.tokens[first].text in lex.number_before
        and len(indices) > 1
        and indices[1] == first + 1
        and an.cats[first + 1] == NUM
    )


# ---------------------------------------------------------------- subject


def subject_text(
    ctx: Context, an: Analysis, subject: Subject | None, drop: Sequence[bool]
) -> tuple[str | None, str]:
    """The subject as a headline writes it, and its grammatical number."""
    if subject is None:
        return None, SINGULAR
    lex = ctx.lex
    if subject.end - subject.start == 1 and an.cats[subject.start] in (PRON, PRONAUX):
        token = an.tokens[subject.start]
        pronoun = lex.pronoun_contractions.get(token.low, (token.low, ""))[0]
        if pronoun in lex.resolvable_pronouns:
            name = ctx.people.name_for(token.start)
            if name:
                return surname(name), SINGULAR
        number = (
            PLURAL
            if pronoun in lex.plural_pronouns
            else FIRST_PERSON
            if pronoun in lex.first_person
            else SINGULAR
        )
        return token.text[: len(pronoun)], number  # "I’ve" -> "I", as written
    person = person_name(an, subject.start, subject.end, lex, ctx.people.known)
    if person is not None and not person.possessive:
        return " ".join(person.words), SINGULAR
    indices = [i for i in range(subject.start, subject.end) if not drop[i]]
    indices = _trim(an, indices, lex)
    if not any(an.cats[i] in _CONTENT or an.cats[i] == DET for i in indices):
        return None, SINGULAR
    return render(ctx, an, indices), _number(ctx, an, indices)


def _number(ctx: Context, an: Analysis, indices: list[int]) -> str:
    lex = ctx.lex
    cats, tokens = an.cats, an.tokens
    words = [i for i in indices if tokens[i].word]
    if not words:
        return SINGULAR
    if cats[words[0]] == DET and len(words) == 1:
        return PLURAL if tokens[words[0]].low in lex.plural_determiners else SINGULAR
    if tokens[indices[0]].text in lex.number_before:
        return SINGULAR  # an amount of money: "$306 million was ..."
    if any(cats[i] == NUM and tokens[i].low not in lex.singular_numbers for i in words[:-1]):
        return PLURAL  # "1,500 ethnic Albanians"
    if _coordinated(an, words, lex):
        return PLURAL  # "Britain and France", "the man and his wife"
    head = _head(an, words, lex)
    low = tokens[head].low
    if low in lex.plural_nouns:
        return PLURAL  # "Police"
    if cats[head] == NAME:
        if is_initial(an, head, lex) and lex.looks_plural(low) and not ctx.people.is_name(low):
            return PLURAL  # "Engineers said", "Shares in Acme fell": a capital that says nothing
        return _name_number(an, head, lex)
    if cats[words[0]] == DET and tokens[words[0]].low in lex.plural_determiners:
        return PLURAL
    return PLURAL if lex.looks_plural(low) and cats[head] != NUM else SINGULAR


def _head(an: Analysis, words: list[int], lex: EventLexicon) -> int:
    """The head noun: before a preposition ("the trade in Cambodia"), before "of" unless the
    word before it counts ("a series of battles" / "0.4 per cent of victims")."""
    cats, tokens = an.cats, an.tokens
    for n, i in enumerate(words):
        if cats[i] != PREP or n == 0:
            continue
        before = words[n - 1]
        if tokens[i].low not in lex.binding_prepositions:
            return max((k for k in words[:n] if cats[k] in NOMINAL), default=words[-1])
        if tokens[before].low not in lex.partitives and cats[before] != NUM:
            return before
        break
    return words[-1]


def _coordinated(an: Analysis, words: list[int], lex: EventLexicon) -> bool:
    cats = an.cats
    for n, i in enumerate(words[1:-1], start=1):
        if cats[i] != CONJ:
            continue
        after = words[n + 1]
        if cats[after] in (DET, POSS, NUM):
            return True  # a second noun phrase starts
        names = cats[words[n - 1]] == NAME and cats[after] == NAME
        # "Office on Drugs and Crime", "Naval and Military Expeditionary Force": one name
        inside_name = (
            any(cats[k] == PREP for k in words[:n]) or an.tokens[words[-1]].low in lex.not_person
        )
        if names and not inside_name and cats[words[-1]] == NAME:
            return True
    return False


def _name_number(an: Analysis, head: int, lex: EventLexicon) -> str:
    """ "The Germans", "U-boats" are plural; "the United Nations", "Sorvino" are not."""
    text = an.tokens[head].text
    tail = text.rsplit("-", 1)[-1]
    if "-" in text and tail.islower():
        return PLURAL if lex.looks_plural(tail.lower()) else SINGULAR
    before = an.tokens[head - 1].low if head > 0 else ""
    word = fold(text)
    if before in lex.plural_articles and lex.looks_plural(word):
        return PLURAL
    return SINGULAR


# ---------------------------------------------------------------- verb


def verb_text(ctx: Context, an: Analysis, group: Group, number: str) -> str:
    """The verb group in the present tense, agreeing with the subject."""
    lex = ctx.lex
    indices = group.all_auxes  # with the auxiliaries it shares: "(was) arrested and released"
    auxes = [an.lemmas[a] for a in indices]
    negation = _negation(an, group, lex)
    main = group.main
    modal = any(a in lex.modals for a in auxes)
    if an.cats[main] in AUXILIARY:  # copula or possession: "was", "has been", "had"
        word = an.lemmas[main]
        if modal:
            return _join([*_surface(an, indices), negation, word])
        if word in lex.be and auxes and auxes[-1] in lex.have:
            if auxes[0] in lex.present_perfect:
                return _join([lex.present(HAVE, number), negation, an.tokens[main].low])
            return _join([lex.present(BE, number), negation])
        return _join([lex.present(lex.aux_class(word) or BE, number), negation])
    verb = an.tokens[main].low
    lemma = an.lemmas[main] or ctx.lex.lemma_of(verb)
    form = an.forms[main]
    if modal:
        return _join([*_surface(an, indices), negation, verb])
    last = auxes[-1] if auxes else ""
    if last in lex.be and form == PARTICIPLE:  # passive: "was appointed" -> "is appointed"
        if len(auxes) >= 2 and auxes[-2] in lex.have and auxes[0] in lex.present_perfect:
            been = an.tokens[indices[-1]].low
            return _join([lex.present(HAVE, number), negation, been, verb])
        return _join([lex.present(BE, number), negation, verb])
    if last in lex.have and form == PARTICIPLE and auxes[0] in lex.present_perfect:
        return _join([lex.present(HAVE, number), negation, verb])
    if last in lex.be and form == ING and negation:  # "are not going to": keep the progressive
        return _join([lex.present(BE, number), negation, verb])
    voiced = lemma not in lex.intransitive and lemma not in lex.ergative
    if not auxes and form == PARTICIPLE and voiced:
        # a reduced relative: "the deadline set in that agreement", "The meeting, held ..."
        return _join([lex.present(BE, number), negation, verb])
    if negation:
        return _join([lex.present(DO, number), negation, lemma])
    return lex.present(lemma, number)


def _surface(an: Analysis, indices: Iterable[int]) -> list[str]:
    return [an.lemmas[i] for i in indices]


def _negation(an: Analysis, group: Group, lex: EventLexicon) -> str:
    if not group.negated:
        return ""
    for i in range(max(0, group.first - 1), group.main + 1):
        if an.cats[i] == NEG:
            return an.tokens[i].low
    return lex.negation


def _join(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


# ---------------------------------------------------------------- object and complements


def complement(
    ctx: Context, an: Analysis, group: Group, used: int, drop: Sequence[bool]
) -> list[int]:
    """Token indices of the object and the phrases after it, cut to a headline's length."""
    lex = ctx.lex
    ci = an.chunk_of[group.main]
    end = an.chunks[ci].end if ci >= 0 else group.main + 1
    group_starts = {g.first for g in an.groups if g.finite and g.first > group.main}
    saying = an.cats[group.main] == VERB and an.lemmas[group.main] in lex.complement_verbs
    tokens = _complement_tokens(an, group.main + 1, end, group_starts, saying, drop, lex)
    phrases = _phrases(an, tokens, lex)
    chosen: list[int] = []
    words = used
    for n, phrase in enumerate(phrases):
        kept = [i for i in phrase if not drop[i]]
        if (
            kept
            and kept[0] > phrase[0]
            and drop[kept[0] - 1]
            and an.cats[kept[0] - 1] == TIME
            and an.tokens[kept[0]].low in lex.binding_prepositions
        ):
            continue  # "over all these years of meeting ...": the "of" phrase belongs to the time
        size = _words(an, kept)
        if size == 0:
            continue
        if n and chosen and (words >= _SOFT_LIMIT or words + size > _HARD_LIMIT):
            break
        if not chosen and size > _SOFT_LIMIT:
            kept = _first_words(an, kept, _SOFT_LIMIT)
            size = _words(an, kept)
        chosen.extend(kept)
        words += size
    return _trim(an, chosen, lex)


def _complement_tokens(
    an: Analysis,
    start: int,
    end: int,
    group_starts: set[int],
    saying: bool,
    drop: Sequence[bool],
    lex: EventLexicon,
) -> list[int]:
    """The object and what follows it in the clause, up to the next clause.

    After a verb of saying with no object ("The Pentagon said today it will ..."), the
    reported clause is the object: one clause start is let through.
    """
    cats = an.cats
    i = start
    while i < end and (cats[i] == NEG or (cats[i] == ADV and an.tokens[i].low in lex.adverbs)):
        i += 1  # "was appointed later", "has also been": not part of the object
    out: list[int] = []
    reported = 0  # 0: a reported clause may still open; 1: it opened; 2: its verb came too
    while i < end:
        cat = cats[i]
        nxt = cats[i + 1] if i + 1 < end else ""
        that = cat == THAT and nxt not in (WORD, NAME, NUM)
        pronoun = (cat in (PRON, PRONAUX) and nxt in (AUX, MODAL, VERB)) or cat == PRONAUX
        if saying and reported == 0 and (that or pronoun) and all(drop[k] for k in out):
            reported = 1
            if that:
                i += 1
                continue
        elif reported == 1 and i in group_starts:
            reported = 2
        elif cat in (REL, SUB) or i in group_starts or that:
            break
        elif pronoun and reported != 1:
            break  # a new clause: "told the Washington Examiner she was drawn"
        if cat == CONJ and (
            nxt not in (NUM, DET, POSS, WORD, NAME, TIME)
            or (i + 1 < end and an.tokens[i + 1].low in lex.correlatives)
        ):
            break  # "discovered and either rescued": a second predicate
        out.append(i)
        i += 1
    return out


def _phrases(an: Analysis, tokens: list[int], lex: EventLexicon) -> list[list[int]]:
    """Split at prepositions, except inside names ("Office on Drugs") and before "of"."""
    phrases: list[list[int]] = []
    for i in tokens:
        if not phrases or _starts_phrase(an, i, lex):
            phrases.append([i])
        else:
            phrases[-1].append(i)
    return phrases


def _starts_phrase(an: Analysis, i: int, lex: EventLexicon) -> bool:
    if an.cats[i] != PREP or an.tokens[i].low in lex.binding_prepositions:
        return False
    inside_name = (
        i > 0 and an.cats[i - 1] == NAME and i + 1 < len(an.tokens) and an.cats[i + 1] == NAME
    )
    return not inside_name


def _first_words(an: Analysis, indices: list[int], limit: int) -> list[int]:
    out, words = [], 0
    for i in indices:
        if an.tokens[i].word:
            if words == limit:
                break
            words += 1
        out.append(i)
    return out


# ---------------------------------------------------------------- headlines


def clause_headline(ctx: Context, an: Analysis, gi: int, drop: Sequence[bool]) -> Headline | None:
    """Subject + present-tense verb + object for verb group `gi`; None if it has no subject."""
    group = an.groups[gi]
    subject, number = subject_text(ctx, an, an.subjects[gi], drop)
    if not subject:
        return None
    verb = verb_text(ctx, an, group, number)
    used = len(subject.split()) + len(verb.split())
    rest = render(ctx, an, complement(ctx, an, group, used, drop))
    if not rest and an.cats[group.main] in AUXILIARY and an.lemmas[group.main] in ctx.lex.be:
        verb = ""  # "Women's Day is this coming Sunday": the subject is the event
    text = capitalise(_join([subject, verb, rest]))
    main = group.main
    trigger = an.lemmas[main] if an.cats[main] == PRONAUX else an.tokens[main].text
    return Headline(text, trigger, subject)


def noun_headline(
    ctx: Context, an: Analysis, chunks: Sequence[int], near: int, drop: Sequence[bool]
) -> Headline | None:
    """The event noun of a verbless clause: "the 2004 elections in Ukraine" -> "The elections in
    Ukraine"."""
    lex = ctx.lex
    candidates = [
        i
        for ci in chunks
        for i in range(an.chunks[ci].first, an.chunks[ci].end)
        if an.cats[i] in (WORD, NAME) and _event_noun(an.tokens[i].low, lex)
    ]
    if not candidates:
        return None
    noun = min(candidates, key=lambda i: (abs(i - near), i < near))
    ci = an.chunk_of[noun]
    found = np_before(an, noun + 1, an.chunks[ci].lead, lex)
    start = found[0] if found else noun
    # the phrase the event noun heads: from its own determiner ("Results of | the elections")
    start = max((k for k in range(start, noun) if an.cats[k] in (DET, POSS)), default=start)
    end = noun + 1
    while (
        end < an.chunks[ci].end
        and an.cats[end] in NOMINAL | {PREP, DET, POSS}
        and end - noun <= 5
        and not (an.cats[end] == PREP and end - noun > 1)
    ):
        end += 1
    indices = _trim(an, [i for i in range(start, end) if not drop[i]], lex)
    if not any(an.cats[i] in _CONTENT for i in indices):
        return None
    return Headline(capitalise(render(ctx, an, indices)), an.tokens[noun].text, None)


def _event_noun(low: str, lex: EventLexicon) -> bool:
    return low in lex.event_nouns or any(s in lex.event_nouns for s in lex.singulars(low))


def age_headline(
    ctx: Context,
    an: Analysis,
    first: int,
    last: int,
    duration: Duration | None,
    gi: int | None,
    drop: Sequence[bool],
) -> Headline | None:
    """Who is how old: "The Oscar and Golden Globe winner, 55," -> "... winner is 55".

    `duration` is the age the tagger read (55 years, 8 months); None or an unknown amount
    gives no age headline."""
    lex = ctx.lex
    age = _age_text(duration, lex)
    ci = an.chunk_of[first]
    if ci < 0 or not age:
        return None
    chunk = an.chunks[ci]
    holder: str | None = None
    others = [
        k
        for k in range(chunk.lead, chunk.end)
        if an.cats[k] not in (PUNCT, TIME) and an.tokens[k].low not in lex.signals_before
    ]
    if not others and ci > 0:  # an apposition: "The winner, 55, hit out"
        found = np_at_end(an, ci - 1, lex)
        if found:
            holder = _holder(ctx, an, found[0], found[1], drop)
    elif last + 1 < len(an.tokens) and an.cats[last + 1] in (WORD, NAME):
        holder = _following_holder(ctx, an, first, last, chunk.end, drop)
    if holder is None and gi is not None:
        holder, _ = subject_text(ctx, an, an.subjects[gi], drop)
    if not holder:
        return None
    return Headline(capitalise(lex.age_template.format(holder=holder, age=age)), None, holder)


def _holder(ctx: Context, an: Analysis, start: int, end: int, drop: Sequence[bool]) -> str | None:
    subject, _ = subject_text(ctx, an, Subject(start, end, "np"), drop)
    return subject


def _following_holder(
    ctx: Context, an: Analysis, first: int, last: int, end: int, drop: Sequence[bool]
) -> str | None:
    """What an age adjective modifies: "her 41-year-old actor husband ... Christopher Backus"."""
    lex = ctx.lex
    j = last + 1
    phrase: list[int] = []
    while j < end and (
        an.cats[j] in NOMINAL
        or (an.cats[j] == PREP and an.tokens[j].low in lex.binding_prepositions)
    ):
        phrase.append(j)
        j += 1
    name_run: list[int] = []
    for k in phrase:
        if an.cats[k] == NAME:
            name_run.append(k)
        elif len(name_run) >= 2:
            break
        else:
            name_run = []
    if len(name_run) >= 2:
        return render(ctx, an, name_run)
    head = []
    for k in phrase:
        if an.cats[k] == PREP:
            break
        if not drop[k]:
            head.append(k)
    if not head:
        return None
    before = first - 1
    if before >= 0 and is_possessive(an.tokens[before].text):  # "the IRA's 8-month-old truce"
        head.insert(0, before)
        before -= 1
    if before >= 0 and an.cats[before] in (DET, POSS):
        head.insert(0, before)
    return render(ctx, an, head)


def _age_text(duration: Duration | None, lex: EventLexicon) -> str:
    """ "55" for 55 years, "8 months old" for 8 months; "" when the age is not known."""
    if duration is None or duration.amount is None:
        return ""
    after = lex.age_after_number.get(duration.unit.name.lower())
    if after is None:
        return ""
    amount = f"{duration.amount:g}"
    return amount + (after[0] if duration.amount == 1 else after[1])


def fallback(ctx: Context, an: Analysis, indices: Iterable[int], drop: Sequence[bool]) -> str:
    """The clause's own words, time left out, trimmed to about ten words; '' if none are content."""
    kept: list[int] = []
    for i in indices:  # in order; stop early so a huge sentence costs no more than a short one
        if not drop[i]:
            kept.append(i)
            if len(kept) > 4 * _FALLBACK_WORDS:
                break
    kept = _trim(an, _first_words(an, kept, _FALLBACK_WORDS), ctx.lex)
    if not any(an.cats[i] in _CONTENT for i in kept):
        return ""
    return capitalise(render(ctx, an, kept))


__all__ = [
    "Context",
    "Headline",
    "age_headline",
    "clause_headline",
    "drop_mask",
    "fallback",
    "noun_headline",
    "render",
]
