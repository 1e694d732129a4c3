"""Coreference scores of a response clustering against a key: MUC, B-cubed, CEAF-e, CoNLL.

Takes two clusterings, each an iterable of clusters (collections of hashable, mutually
comparable mention ids, such as `(doc_id, m_id)` tuples); a mention should sit in one cluster
of each. Gives precision, recall and F1 per metric and the CoNLL-2012 score (the mean of the
three F1s), computed by `scorch` (Grobol's implementation of the formulas of Pradhan et al.
2014). Conventions are scorch's: MUC is 0 when every cluster of either side is a singleton
(MUC counts links, and there are none); an empty side scores 0.

Scores over several documents are one call with document-qualified mention ids: the clusters
of different documents never meet, so the sums are those the CoNLL scorer micro-averages.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass

from scorch import scores


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF
    key_mentions: int
    response_mentions: int

    @property
    def conll(self) -> float:
        """The CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e F1s."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


Clusters = Iterable[Collection[Hashable]]


def _sets(clusters: Clusters) -> list[set[Hashable]]:
    return [set(c) for c in clusters if c]


def _prf(recall_precision_f1: tuple[float, float, float]) -> PRF:
    recall, precision, f1 = recall_precision_f1  # scorch returns R, P, F
    return PRF(float(precision), float(recall), float(f1))


def muc(key: Clusters, response: Clusters) -> PRF:
    """Vilain et al. (1995): the links each side needs to join the other's clusters."""
    return _prf(scores.muc(_sets(key), _sets(response)))


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """Bagga and Baldwin (1998): per-mention overlap of its key and response clusters."""
    return _prf(scores.b_cubed(_sets(key), _sets(response)))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Luo (2005), entity-based: the best one-to-one alignment of clusters by Dice overlap."""
    return _prf(scores.ceaf_e(_sets(key), _sets(response)))


def coref_scores(key: Clusters, response: Clusters) -> CorefScores:
    k, r = _sets(key), _sets(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r), sum(map(len, k)), sum(map(len, r)))


def restrict(clusters: Clusters, mentions: Collection[Hashable]) -> list[set[Hashable]]:
    """The clusters cut down to `mentions` (empty ones dropped): scoring on common mentions."""
    return [kept for c in clusters if (kept := {m for m in c if m in mentions})]
