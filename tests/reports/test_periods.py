"""Period boundaries in Stockholm local time; T2 and VB are cumulative from 1 January."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.reports.periods import PeriodKind, contains, local_bounds, parse_kind, utc_bounds
from tests.reports.world import local

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("kind", "last"),
    [
        (PeriodKind.T1, date(2022, 4, 30)),
        (PeriodKind.T2, date(2022, 8, 31)),
        (PeriodKind.VB, date(2022, 12, 31)),
    ],
)
def test_every_period_starts_on_1_january(kind, last):
    assert local_bounds(2022, kind) == (date(2022, 1, 1), last)


def test_30_april_is_in_t1_and_1_may_is_not():
    assert contains(2022, PeriodKind.T1, local(2022, 4, 30, 23, 30))
    assert not contains(2022, PeriodKind.T1, local(2022, 5, 1, 0, 0))


def test_t2_is_cumulative():
    assert contains(2022, PeriodKind.T2, local(2022, 1, 1, 0, 0))
    assert contains(2022, PeriodKind.T2, local(2022, 4, 30, 12))
    assert contains(2022, PeriodKind.T2, local(2022, 8, 31, 23, 59))
    assert not contains(2022, PeriodKind.T2, local(2022, 9, 1, 0, 0))


def test_vb_is_the_whole_local_year():
    assert contains(2022, PeriodKind.VB, local(2022, 12, 31, 23, 59))
    assert not contains(2022, PeriodKind.VB, local(2023, 1, 1, 0, 0))
    assert not contains(2022, PeriodKind.VB, local(2021, 12, 31, 23, 59))


def test_bounds_are_local_midnights_in_utc():
    start, end = utc_bounds(2022, PeriodKind.T1)
    assert start == datetime(2021, 12, 31, 23, 0, tzinfo=UTC)  # CET, UTC+1
    assert end == datetime(2022, 4, 30, 22, 0, tzinfo=UTC)  # CEST, UTC+2


@pytest.mark.parametrize(
    ("text", "kind"),
    [("t1", PeriodKind.T1), ("VB", PeriodKind.VB), ("t3", None), ("", None), ("x\x00", None)],
)
def test_parse_kind(text, kind):
    assert parse_kind(text) == kind
