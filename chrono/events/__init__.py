"""Events within one document: resolved mentions in, events out.

Takes a document's sentences and mentions; gives `Event`s: the clause each time dates,
its trigger (`triggers`), who took part (`persons`) and a readable headline (`headlines`),
with spans and two-ended times joined (`extract`). Needs `chrono.text` and `chrono.times`.
"""
