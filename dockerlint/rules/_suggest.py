"""Suggestions for a misspelt name ("did you mean ...?"), chosen the way BuildKit's util/suggest does.

The closest option within an edit distance of 2 wins; on ties the first in sorted order, so
the answer never depends on the order of the options (a set's changes with PYTHONHASHSEED).
An exact match means there is nothing to suggest.
"""
from __future__ import annotations

from typing import Iterable


def closest(name: str, options: Iterable[str], *, case_sensitive: bool = True) -> str | None:
    key = name if case_sensitive else name.lower()
    best: str | None = None
    best_distance = 3
    for option in options:
        candidate = option if case_sensitive else option.lower()
        if candidate == key:
            return None
        distance = _levenshtein(key, candidate, best_distance + (best is not None))
        if distance < best_distance or (distance == best_distance and best is not None and option < best):
            best, best_distance = option, distance
    return best


def did_you_mean(name: str, options: Iterable[str], *, case_sensitive: bool = True, prefix: str = "") -> str:
    """` (did you mean `X`?)`, or "" when nothing is close."""
    match = closest(name, options, case_sensitive=case_sensitive)
    return f" (did you mean `{prefix}{match}`?)" if match else ""


def _levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance, or `limit` as soon as it cannot be smaller (names are short)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return previous[-1]
