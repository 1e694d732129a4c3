"""Events within one document: resolved mentions in, events and entities out.

Takes a document's sentences and mentions; parses the sentences that carry a time (and the
few before them) with spaCy (`parser`), and gives `Event`s: the word each time dates
(`attach`), the clause's headline (`phrasing`), who took part (`roles`) and which entity each
participant is (`coref`), with two-ended times joined (`timing`, `extract`). Needs
`chrono.text` and `chrono.times`; the time layer never needs this one.
"""
