"""Documents in: the first stage.

Takes paths, folders, URLs, stdin or strings; gives `Document`s (decoded text, id, title,
document date from metadata) and what the later stages read off the text: HTML article
text, Unicode look-alikes made ASCII for matching, sentences, news-or-narrative, the
written-date reader (the one module that talks to dateparser) and the parser-free clause
analysis the tense cue uses. Imports nothing from the later stages.
"""
