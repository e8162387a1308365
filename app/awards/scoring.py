"""Ranking maths for the jury; no Flask, no database.

Each juror's score of a candidate is the weighted mean of their criterion scores,
`Σ wᵢ·vᵢ / Σ wᵢ`, counted only when the juror has scored every criterion. A cycle
aggregates jurors' scores per candidate by the mean or the median. With
normalisation on, each juror's scores are first turned into z-scores over the
candidates that juror scored and rescaled to the pooled mean and standard deviation
of all jurors' scores (clipped to the scale), so a harsh or a kind juror weighs the
same as the others.

Tie-break, in order: the higher aggregate; then the higher lowest juror score
(broader support); then more jurors who scored; then more nominations; then the
earlier candidate (lower id). Candidates still equal on the first four keys share
a rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean, median, pstdev


def weighted_score(values: dict[int, float], weights: dict[int, float]) -> float | None:
    """The weighted mean of one juror's scores, or None unless every criterion is scored."""
    if not weights or any(key not in values for key in weights):
        return None
    total = sum(weights.values())
    return sum(values[key] * weight for key, weight in weights.items()) / total


def normalise(
    by_juror: dict[int, dict[int, float]], low: float, high: float
) -> dict[int, dict[int, float]]:
    """Rescale each juror's {candidate: score} by z-score to the pooled mean and spread."""
    pooled = [score for scores in by_juror.values() for score in scores.values()]
    if len(pooled) < 2:
        return by_juror
    centre, spread = mean(pooled), pstdev(pooled)
    result = {}
    for juror, scores in by_juror.items():
        own = list(scores.values())
        own_mean, own_sd = mean(own), pstdev(own)
        result[juror] = {
            candidate: _clip(
                centre + spread * ((s - own_mean) / own_sd if own_sd else 0.0), low, high
            )
            for candidate, s in scores.items()
        }
    return result


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def aggregate(scores: list[float], method: str) -> float | None:
    """The mean or median of jurors' scores; None for no scores."""
    if not scores:
        return None
    return median(scores) if method == "median" else mean(scores)


@dataclass(frozen=True)
class Ranked:
    candidate_id: int
    score: float | None
    rank: int | None
    jurors: int
    lowest: float | None
    #: True when another candidate has the same score and tie-break keys.
    tied: bool = False


def rank(
    by_juror: dict[int, dict[int, float]],
    candidates: dict[int, int],
    method: str = "mean",
    low: float = 1,
    high: float = 5,
    normalised: bool = False,
) -> list[Ranked]:
    """Rank `candidates` ({id: number of nominations}) from jurors' {candidate: score}."""
    if normalised:
        by_juror = normalise(by_juror, low, high)
    rows, unscored = [], []
    for candidate, nominations in candidates.items():
        scores = [s[candidate] for s in by_juror.values() if candidate in s]
        if not scores:
            unscored.append(Ranked(candidate, None, None, 0, None))
            continue
        total = aggregate(scores, method)
        rows.append((candidate, total, min(scores), len(scores), nominations))
    rows.sort(key=_sort_key)
    keys = [_sort_key(row)[:4] for row in rows]
    result: list[Ranked] = []
    for index, row in enumerate(rows):
        same_as_previous = index > 0 and keys[index - 1] == keys[index]
        same_as_next = index + 1 < len(rows) and keys[index + 1] == keys[index]
        position = result[-1].rank if same_as_previous else index + 1
        tied = same_as_previous or same_as_next
        result.append(Ranked(row[0], round(row[1], 4), position, row[3], row[2], tied))
    return result + unscored


def _sort_key(row: tuple) -> tuple:
    candidate, score, lowest, jurors, nominations = row
    return (-round(score, 9), -round(lowest, 9), -jurors, -nominations, candidate)
