"""Scoring chrono against annotated gold: `tempeval` (TempEval-3 timex scores and their
errors) and `report` (the same figures as text or Markdown). Reads finished results; the
report imports the scorer, never the reverse.
"""
