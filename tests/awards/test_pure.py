"""Pure modules: identifiers, ranking maths and phases, without Flask or a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.awards import scoring
from app.awards.models import Phase
from app.awards.phases import (
    at_least,
    effective_phase,
    is_window_open,
    last_day,
    next_phases,
    nomination_deadline,
)
from app.core.formatting import STOCKHOLM

pytestmark = pytest.mark.nodb


def test_weighted_score_needs_every_criterion():
    weights = {1: 2.0, 2: 1.0}
    assert scoring.weighted_score({1: 5, 2: 2}, weights) == pytest.approx(4.0)
    assert scoring.weighted_score({1: 5}, weights) is None


def test_mean_and_median_differ_with_an_outlier():
    by_juror = {10: {1: 5.0, 2: 3.0}, 11: {1: 5.0, 2: 3.0}, 12: {1: 1.0, 2: 3.0}}
    mean = {r.candidate_id: r.score for r in scoring.rank(by_juror, {1: 1, 2: 1}, "mean")}
    median = {r.candidate_id: r.score for r in scoring.rank(by_juror, {1: 1, 2: 1}, "median")}
    assert mean[1] == pytest.approx(11 / 3, abs=1e-4)
    assert median[1] == 5.0
    assert median[2] == mean[2] == 3.0


def test_ranking_orders_by_score_and_lists_unscored_last():
    by_juror = {10: {1: 3.0, 2: 4.5}}
    ranked = scoring.rank(by_juror, {1: 1, 2: 1, 3: 1})
    assert [(r.candidate_id, r.rank) for r in ranked] == [(2, 1), (1, 2), (3, None)]


def test_tie_break_prefers_broader_support_then_more_jurors_then_nominations():
    # Same mean 4.0; candidate 1's lowest juror score is 4, candidate 2's is 3.
    by_juror = {10: {1: 4.0, 2: 5.0}, 11: {1: 4.0, 2: 3.0}}
    assert [r.candidate_id for r in scoring.rank(by_juror, {1: 1, 2: 1})] == [1, 2]
    # Same mean and lowest: more nominations wins.
    by_juror = {10: {1: 4.0, 2: 4.0}}
    ranked = scoring.rank(by_juror, {1: 1, 2: 3})
    assert [r.candidate_id for r in ranked] == [2, 1]
    assert not any(r.tied for r in ranked)


def test_a_full_tie_shares_the_rank():
    ranked = scoring.rank({10: {1: 4.0, 2: 4.0}}, {1: 2, 2: 2})
    assert [(r.candidate_id, r.rank, r.tied) for r in ranked] == [(1, 1, True), (2, 1, True)]


def test_normalisation_evens_out_a_harsh_juror():
    # Juror 11 scores everyone two points lower but in the same order as juror 10, and
    # juror 12 (kind) only scored candidate 2. Without normalisation 2 loses; with it,
    # each juror's own spread counts, so 1 and 2 come out the same.
    by_juror = {10: {1: 5.0, 2: 3.0}, 11: {1: 3.0, 2: 1.0}}
    plain = scoring.rank(by_juror, {1: 1, 2: 1}, normalised=False)
    normal = scoring.normalise(by_juror, 1, 5)
    assert normal[10] == pytest.approx(normal[11])
    assert plain[0].candidate_id == 1
    values = [v for scores in normal.values() for v in scores.values()]
    assert all(1 <= v <= 5 for v in values)


def test_normalisation_of_a_juror_with_no_spread_keeps_the_pooled_mean():
    normal = scoring.normalise({10: {1: 4.0, 2: 4.0}, 11: {1: 5.0, 2: 1.0}}, 1, 5)
    assert normal[10][1] == pytest.approx(3.5)


T = datetime(2030, 10, 1, tzinfo=UTC)


def test_phases_follow_the_dates():
    close, ceremony = T, T + timedelta(days=30)
    assert (
        effective_phase(Phase.NOMINATIONS_OPEN, close, ceremony, T - timedelta(seconds=1))
        == Phase.NOMINATIONS_OPEN
    )
    assert effective_phase(Phase.NOMINATIONS_OPEN, close, ceremony, T) == Phase.SCREENING
    assert (
        effective_phase(Phase.DECIDED, close, ceremony, ceremony - timedelta(seconds=1))
        == Phase.DECIDED
    )
    assert effective_phase(Phase.DECIDED, close, ceremony, ceremony) == Phase.ANNOUNCED
    assert effective_phase(Phase.DECIDED, close, None, ceremony) == Phase.DECIDED
    assert effective_phase(Phase.DRAFT, close, ceremony, ceremony) == Phase.DRAFT


def test_window_and_phase_steps():
    assert is_window_open(Phase.NOMINATIONS_OPEN, T, T + timedelta(days=1), T)
    assert not is_window_open(
        Phase.NOMINATIONS_OPEN, T, T + timedelta(days=1), T + timedelta(days=1)
    )
    assert not is_window_open(Phase.DRAFT, T, T + timedelta(days=1), T)
    assert next_phases(Phase.DRAFT) == [Phase.NOMINATIONS_OPEN]
    assert next_phases(Phase.JUDGING) == [Phase.DECIDED, Phase.SCREENING]
    assert next_phases(Phase.ARCHIVED) == [Phase.ANNOUNCED]
    assert at_least(Phase.ANNOUNCED, Phase.DECIDED) and not at_least(Phase.DRAFT, Phase.JUDGING)


def _local(*parts) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM).astimezone(UTC)


@pytest.mark.parametrize(
    ("close", "day"),
    [
        (_local(2026, 12, 24), (2026, 12, 23)),  # the first moment of the 24th ends the 23rd
        (_local(2026, 12, 23, 23, 59, 59, 999999), (2026, 12, 23)),  # the end of the 23rd
        (_local(2026, 12, 23, 23, 59, 59), (2026, 12, 23)),
        (_local(2026, 12, 2, 14, 5), (2026, 12, 2)),  # a close in the middle of a day
        (_local(2026, 12, 2, 0, 0, 1), (2026, 12, 2)),
    ],
)
def test_the_last_day_is_the_day_the_window_ends(close, day):
    assert last_day(close).timetuple()[:3] == day


def test_the_deadline_is_the_planned_close_unless_a_person_closed_earlier():
    opens, closes = _local(2026, 11, 1), _local(2026, 12, 24)
    early = _local(2026, 12, 2, 14, 5)
    open_call = nomination_deadline(Phase.NOMINATIONS_OPEN, opens, closes, None, early)
    assert (open_call.state, open_call.closes_at, open_call.early) == ("open", closes, False)
    closed = nomination_deadline(Phase.SCREENING, opens, closes, early, early)
    assert (closed.state, closed.closes_at, closed.early) == ("closed", early, True)
    assert closed.last_day.isoformat() == "2026-12-02"
    later = nomination_deadline(Phase.SCREENING, opens, closes, closes + timedelta(days=1), closes)
    assert (later.closes_at, later.early) == (closes, False)  # a later phase change is no close
    unknown = nomination_deadline(Phase.SCREENING, opens, closes, None, early)
    assert (unknown.state, unknown.early, unknown.closes_at) == ("closed", True, None)
    before = nomination_deadline(Phase.NOMINATIONS_OPEN, opens, closes, None, opens - timedelta(1))
    assert before.state == "before" and before.last_day.isoformat() == "2026-12-23"
