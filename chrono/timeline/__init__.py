"""Across documents: every document's events and times in, one consistent chronology out.

`merge` joins reports of one happening, `constraints` and `consistency` solve every time
statement at once (contradictions, dates implied for undated documents) and `dating`
infers a document's date from its own words. Needs the stages before it, never `run`.
"""
