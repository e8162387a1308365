"""A bar chart of held events per focus area and month (matplotlib, Agg, PNG)."""

from __future__ import annotations

import io
from collections import Counter
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

from matplotlib.figure import Figure

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def render_chart(counts: Counter, areas: dict[int, str], last_month: int, title: str) -> bytes:
    """PNG bytes: one bar group per month, one bar per focus area; counts[(area, month)]."""
    return _render(tuple(sorted(counts.items())), tuple(sorted(areas.items())), last_month, title)


@lru_cache(maxsize=64)
def _render(counts_items: tuple, areas_items: tuple, last_month: int, title: str) -> bytes:
    # Rendering costs about half a second; the same figures give the same PNG, so the
    # report page, its chart and the .docx share one rendering until the data changes.
    counts, areas = dict(counts_items), dict(areas_items)
    # Drawn at the size it is printed (15 cm × 7 cm), so 8 pt on screen is 8 pt on paper.
    figure = Figure(figsize=(15 / 2.54, 7 / 2.54), dpi=150)
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
        axes.legend(fontsize=8, loc="upper left")
    axes.tick_params(labelsize=8)
    axes.yaxis.label.set_size(8)
    axes.title.set_size(9)
    # Fixed margins: tight_layout measures every label again and costs more than the bars.
    figure.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.1)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def describe(counts: Counter, areas: dict[int, str], last_month: int, year: int) -> str:
    """The chart in words, for its alternative text and the sentence under it.

    Names every focus area: how many held dates each had, and which had none.
    """
    months = f"januari–{MONTH_NAMES[last_month - 1]} {year}" if last_month > 1 else str(year)
    per_area = Counter()
    for (number, _month), n in counts.items():
        per_area[number] += n
    held = [
        f"fokusområde {n} ({areas[n]}) {per_area[n]} {'tillfälle' if per_area[n] == 1 else 'tillfällen'}"
        for n in sorted(areas)
        if per_area[n]
    ]
    empty = [str(n) for n in sorted(areas) if not per_area[n]]
    text = f"Diagrammet visar genomförda tillfällen per månad och fokusområde, {months}"
    text += ": " + "; ".join(held) + "." if held else ". Inga tillfällen genomfördes."
    if held and empty:
        areas_word = "Fokusområde" if len(empty) == 1 else "Fokusområdena"
        listed = empty[0] if len(empty) == 1 else f"{', '.join(empty[:-1])} och {empty[-1]}"
        text += f" {areas_word} {listed} hade inga aktiviteter under perioden."
    return text
