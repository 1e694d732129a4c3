"""Time expressions: text in, resolved mentions out.

Takes a `Document` (and its sentences); gives `Mention`s: every time expression with its
offsets, rule, TimeML value, EDTF, bounds and anchor chain. The tagger scans with the
compiled rules of `language` (prefilter first), `specs` writes underspecified values, the
resolver does all the calendar arithmetic (`values`, `shifts`, `units`, `gregorian`)
against the anchor `tense` helps choose; `display` and `explain` put a time into words.
Needs only `chrono.text`.
"""
