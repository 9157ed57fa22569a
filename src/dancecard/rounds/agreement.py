"""Inter-rater agreement with Krippendorff's alpha (the `krippendorff` package).

Answers are compared on the 0..1 scale of their factor (interval level), items
as units and respondents as raters. Alpha handles missing values, so "don't
know" simply takes no part in the comparison.
"""

from __future__ import annotations

import math

import krippendorff
import numpy as np

# Krippendorff's conventional thresholds: 0.800 for firm conclusions, 0.667 for tentative ones.
STRONG_AT = 0.8
TENTATIVE_AT = 0.667


def alpha(matrix: list[list[float | None]]) -> float | None:
    """Alpha for a raters × units matrix; None when fewer than two raters overlap on any unit."""
    if len(matrix) < 2 or not matrix[0]:
        return None
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if not pairable.any():
        return None
    values = data[:, pairable]
    known = values[~np.isnan(values)]
    if np.allclose(known, known[0]):
        return 1.0  # everyone gave the same answer everywhere: agreement is perfect, though alpha is undefined
    value = float(krippendorff.alpha(reliability_data=values, level_of_measurement="interval"))
    return None if math.isnan(value) else value


def reading(value: float | None) -> str:
    if value is None:
        return "Not enough overlapping answers to measure agreement yet."
    if value >= STRONG_AT:
        return "Strong agreement: the team sees this the same way."
    if value >= TENTATIVE_AT:
        return "Moderate agreement: a broadly shared view, with differences worth a word."
    if value >= 0:
        return "Weak agreement: the team does not share a view yet; discuss the agenda before deciding."
    return "Systematic disagreement: colleagues see this in opposite ways; talk before anyone commits."
