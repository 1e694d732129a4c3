"""The indexed attribute rules give the tokens spaCy's own attribute ruler gives."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from chrono.events import attribute_rules, parser  # noqa: E402

# Sentences that reach the model's exceptions: contractions, "gonna", "y'all", "nothin'",
# "there is", "that" and "since" as conjunctions, "not", auxiliaries, determiners used as
# pronouns, "it" as an object, line breaks and runs of spaces.
SENTENCES = [
    "She said that it isn't over, and they're gonna leave since we've got ta go.",
    "Y'all ain't seen nothin' yet: there is a bridge, and that was built in 1998.",
    "Let's see whether I'd do it again; he does, she did, and you have.\n\nThis one  works.",
    "Those were the days when the company had sold all of them to him and me.",
    "The 2019 budget could absorb 1,200 hours of overtime, officials said on Monday.",
    "C'mon, the mayor cannot be serious about it, can she?",
]


def _annotations(nlp: object, texts: list[str]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_)
        for doc in nlp.pipe(texts)  # type: ignore[attr-defined]
        for t in doc
    ]


def _pipeline() -> object:
    return spacy.load(parser.model_name(), exclude=["ner"])


def test_indexed_rules_give_the_tokens_the_ruler_gives() -> None:
    plain, indexed = _pipeline(), _pipeline()
    assert attribute_rules.install(indexed)  # type: ignore[arg-type]
    expected = _annotations(plain, SENTENCES)
    assert _annotations(indexed, SENTENCES) == expected
    # The exceptions were reached, not only the tag map.
    assert any(row[0] == "n't" and row[2:5] == ("PART", "Polarity=Neg", "not") for row in expected)
    assert any(row[0] == "that" and row[2] == "SCONJ" for row in expected)


def test_a_rule_the_index_cannot_read_leaves_the_ruler_as_it_was() -> None:
    nlp = _pipeline()
    ruler = nlp.get_pipe("attribute_ruler")  # type: ignore[attr-defined]
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert not attribute_rules.install(nlp)  # type: ignore[arg-type]
    assert "match" not in vars(ruler)  # spaCy's own matching still runs


def test_a_rule_tried_at_every_token_and_a_longer_pattern() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"REGEX": "^bridg"}}]], {"LEMMA": "bridge"})
    ruler.add([[{"LOWER": "harbour"}, {"LOWER": "street"}]], {"LEMMA": "Harbour Street"}, index=1)
    ruler.add([[{"IS_SPACE": True}]], {"LEMMA": "SPACE"})
    assert attribute_rules.install(nlp)
    doc = nlp("The Harbour Street bridges  opened; harbour works.")
    assert [t.lemma_ for t in doc] == [
        "",
        "",
        "Harbour Street",
        "bridge",
        "SPACE",
        "",
        "",
        "",
        "",
        "",
    ]
