"""News or narrative (chrono.text.doctype): reporting cues counted per sentence, so one "said"
in a long history does not make it news (issue 16). Texts written for these tests."""

from __future__ import annotations

from chrono.text import doctype
from chrono.text.documents import document_from_text
from chrono.times import tagger
from chrono.types import CalendarValue, DocType, Granularity

HISTORY = " ".join(
    [
        "The war began in 1939 when the army crossed the border.",
        "The capital fell within weeks, and the government left the country.",
        "In 1940 the fighting moved west; the northern ports were taken in the spring.",
        "The air campaign over the island lasted through the summer and the autumn.",
        "In 1941 the invasion of the east opened a front a thousand miles long.",
        "The winter stopped the advance outside the capital.",
        "The general said the line would hold, and it did until the thaw.",
        "In 1942 the southern offensive reached the river and the city on its bank.",
        "The siege lasted five months and ended with the surrender of the whole army.",
        "In 1943 the landings in the south knocked the first ally out of the war.",
        "The long retreat began in the east, and it did not stop again.",
        "In 1944 the landings in the west opened the second front at last.",
        "The capital was liberated in the summer after four years of occupation.",
        "The war in Europe ended in May 1945 with the surrender of the remaining forces.",
    ]
)
NEWS = (
    "The mayor said on Monday that the bridge would reopen. 'We are ready,' she told "
    "reporters. Engineers said the repairs begun in 2019 and 2020 were done. The council "
    "confirmed it in a statement, and a spokesman said the 1998 deck and the 2005 rails had "
    "been replaced."
)


def _decide(text: str, dated: bool = False) -> tuple[DocType, str]:
    dct = CalendarValue(Granularity.DAY, 2021, 3, 2) if dated else None
    document = document_from_text(text, "d", dct=dct)
    return doctype.decide(document, tagger.tag(document.text, document.body_start))


def test_one_said_in_a_history_does_not_make_it_news() -> None:
    kind, reason = _decide(HISTORY)
    assert kind is DocType.NARRATIVE
    assert "1 reporting cues in 14 sentences" in reason


def test_a_report_that_quotes_people_is_news() -> None:
    assert _decide(NEWS)[0] is DocType.NEWS
    assert _decide(NEWS, dated=True)[0] is DocType.NEWS


def test_a_dated_text_over_a_few_years_stays_news() -> None:
    # A document date and explicit years over less than the narrative span: reporting.
    assert _decide(HISTORY, dated=True)[0] is DocType.NEWS
