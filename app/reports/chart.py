"""A bar chart of held events per focus area and month (matplotlib, Agg, PNG)."""

from __future__ import annotations

import io
from collections import Counter
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

from matplotlib.figure import Figure  # noqa: E402

MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def render_chart(counts: Counter, areas: dict[int, str], last_month: int, title: str) -> bytes:
    """PNG bytes: one bar group per month, one bar per focus area; counts[(area, month)]."""
    return _render(tuple(sorted(counts.items())), tuple(sorted(areas.items())), last_month, title)


@lru_cache(maxsize=64)
def _render(counts_items: tuple, areas_items: tuple, last_month: int, title: str) -> bytes:
    # Rendering costs about half a second; the same figures give the same PNG, so the
    # report page, its chart and the .docx share one rendering until the data changes.
    counts, areas = dict(counts_items), dict(areas_items)
    figure = Figure(figsize=(8, 3.6), dpi=100)
    axes = figure.add_subplot()
    months = list(range(1, last_month + 1))
    numbers = sorted(areas)
    width = 0.8 / max(len(numbers), 1)
    hatches = ("", "//", "..", "xx")  # patterns too, so colour is not the only cue
    for i, number in enumerate(numbers):
        positions = [m + (i - (len(numbers) - 1) / 2) * width for m in months]
        values = [counts.get((number, m), 0) for m in months]
        axes.bar(
            positions,
            values,
            width=width,
            label=f"{number}. {areas[number]}",
            hatch=hatches[i % len(hatches)],
            edgecolor="black",
        )
    axes.set_xticks(months, [MONTH_ABBR[m - 1] for m in months])
    axes.set_ylabel("Genomförda tillfällen")
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if numbers:
        axes.legend(fontsize=7, loc="upper left")
    # Fixed margins: tight_layout measures every label again and costs more than the bars.
    figure.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.1)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
