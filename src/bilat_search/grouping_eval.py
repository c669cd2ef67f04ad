"""Pairwise measures of a meeting grouping against labels (`same_event_as`).

Two reports grouped together form a pair; precision is the share of
predicted pairs that the labels also pair, recall the share of labelled
pairs that were predicted. A pair belongs to the part (a, b, c) of each of
its reports, so a pair across parts counts in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

Pair = tuple[str, str]


def pairs(groups: Iterable[Iterable[str]]) -> set[Pair]:
    """Every unordered pair of ids that share a group."""
    out: set[Pair] = set()
    for group in groups:
        out.update(combinations(sorted(set(group)), 2))
    return out


def labelled_groups(labels: Iterable[dict]) -> list[set[str]]:
    """Groups of the labels: each id with its `same_event_as`, closed over shared members."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for label in labels:
        for other in label.get("same_event_as") or []:
            parent[find(label["id"])] = find(other)
    groups: dict[str, set[str]] = {}
    for member in list(parent):
        groups.setdefault(find(member), set()).add(member)
    return [g for g in groups.values() if len(g) > 1]


@dataclass
class PairScore:
    predicted: int = 0
    labelled: int = 0
    right: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.right / self.labelled if self.labelled else None


def score(predicted: set[Pair], labelled: set[Pair], ids: set[str] | None = None) -> PairScore:
    """Figures over the pairs touching `ids` (every pair when None)."""

    def keep(pair_set: set[Pair]) -> set[Pair]:
        return pair_set if ids is None else {p for p in pair_set if p[0] in ids or p[1] in ids}

    chosen, truth = keep(predicted), keep(labelled)
    return PairScore(len(chosen), len(truth), len(chosen & truth))
