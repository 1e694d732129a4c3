"""MUC, B-cubed, CEAF-e and CoNLL against values worked out by hand from the literature."""

from __future__ import annotations

import pytest

from chrono.eval import coref_scores as cs

# Predicted mentions, in the manner of the worked example of Pradhan et al. (2014), "Scoring
# coreference partitions of predicted mentions": key {a b c} {d e f g}; response {a b} {c d}
# {f g h i}, where h and i are not in the key (twinless). Every value below is worked by hand.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_of_the_pradhan_example() -> None:
    # R = ((3 - 2) + (4 - 3)) / ((3 - 1) + (4 - 1)) = 2/5 (the key partitioned by the
    # response: {a b}{c} and {d}{e}{f g}); P = ((2 - 1) + (2 - 2) + (4 - 3)) / (1 + 1 + 3) = 2/5.
    muc = cs.muc(KEY, RESPONSE)
    assert (muc.recall, muc.precision, muc.f1) == pytest.approx((0.4, 0.4, 0.4))


def test_b_cubed_of_the_pradhan_example() -> None:
    # R = (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (35/12) / 7 = 35/84;
    # P = (2²/2 + 1²/2 + 1²/2 + 2²/4) / 8 response mentions = 4/8.
    b3 = cs.b_cubed(KEY, RESPONSE)
    assert b3.recall == pytest.approx(35 / 84)
    assert b3.precision == pytest.approx(0.5)
    assert b3.f1 == pytest.approx(2 * (35 / 84) * 0.5 / (35 / 84 + 0.5))


def test_ceaf_e_of_the_pradhan_example() -> None:
    # phi4(k, r) = 2|k ∩ r| / (|k| + |r|); best alignment {a b c}-{a b} (4/5) and
    # {d e f g}-{f g h i} (4/8): 1.3. R = 1.3 / 2 key clusters, P = 1.3 / 3 response clusters.
    ceaf = cs.ceaf_e(KEY, RESPONSE)
    assert (ceaf.recall, ceaf.precision) == pytest.approx((0.65, 1.3 / 3))


def test_conll_is_the_mean_of_the_three_f1s() -> None:
    scores = cs.coref_scores(KEY, RESPONSE)
    expected = (scores.muc.f1 + scores.b_cubed.f1 + scores.ceaf_e.f1) / 3
    assert scores.conll == pytest.approx(expected)
    assert (scores.key_mentions, scores.response_mentions) == (7, 8)


def test_muc_of_the_vilain_example() -> None:
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: R = (4 - 2) / 3, P = 1.
    muc = cs.muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert (muc.recall, muc.precision) == pytest.approx((2 / 3, 1.0))


def test_b_cubed_of_the_bagga_baldwin_example() -> None:
    # Bagga and Baldwin (1998): key {1-5} {6 7} {8-12}; response merging the first and the
    # last: recall 1; precision = (5 x 5/10 + 2 x 1 + 5 x 5/10) / 12 = 7/12.
    key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    response = [{1, 2, 3, 4, 5, 8, 9, 10, 11, 12}, {6, 7}]
    b3 = cs.b_cubed(key, response)
    assert (b3.recall, b3.precision) == pytest.approx((1.0, 7 / 12))
    # MUC gives the same merge P = 9/10 (one wrong link of nine), R = 1.
    assert cs.muc(key, response).precision == pytest.approx(0.9)


def test_perfect_and_edge_cases() -> None:
    same = cs.coref_scores(KEY, [set(c) for c in KEY])
    assert (same.muc.f1, same.b_cubed.f1, same.ceaf_e.f1, same.conll) == (1.0, 1.0, 1.0, 1.0)
    # Only singletons: MUC has no link to count (0, as the reference scorer gives), the
    # others are perfect.
    singles = cs.coref_scores([{"a"}, {"b"}], [{"a"}, {"b"}])
    assert singles.muc.f1 == 0.0 and singles.b_cubed.f1 == 1.0 and singles.ceaf_e.f1 == 1.0
    empty = cs.coref_scores([], [])
    assert empty.conll == 0.0


def test_restrict_keeps_the_common_mentions() -> None:
    assert cs.restrict(RESPONSE, {"a", "c", "d", "z"}) == [{"a"}, {"c", "d"}]
    # Tuple ids across documents: the usual mention keys.
    key = [{("d1", "1"), ("d1", "2")}, {("d2", "1")}]
    assert cs.coref_scores(key, key).conll == 1.0
