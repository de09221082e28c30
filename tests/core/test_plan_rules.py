"""Plan rules as pure functions, each failing with its own stable code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workbench.core.enums import PlanStatus, PlanType
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.plan_rules import (
    ExistingPlan,
    check_batch,
    check_coexistence,
    check_creators_for_type,
    check_new_plan,
    check_rate,
    check_window,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)
LATER = NOW + timedelta(days=30)


def _plan(
    kind: PlanType, status: PlanStatus = PlanStatus.LISTED, ended: bool = False
) -> ExistingPlan:
    end = NOW - timedelta(days=1) if ended else LATER
    return ExistingPlan(kind, status, NOW - timedelta(days=60), end)


def _code(fn, *args) -> ErrorCode:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as info:
        fn(*args)
    return info.value.code


@pytest.mark.parametrize("rate", [0, 10_000, 300_000, 900_000])
def test_rates_in_range_pass(rate: int) -> None:
    check_rate(rate)


@pytest.mark.parametrize("rate", [-10_000, 910_000, 1_000_000, 155_000, True])
def test_rates_out_of_range_fail(rate: int) -> None:
    assert _code(check_rate, rate) is ErrorCode.RATE_OUT_OF_RANGE


def test_window_must_end_after_begin() -> None:
    check_window(NOW, LATER)
    assert _code(check_window, LATER, NOW) is ErrorCode.PLAN_WINDOW_INVALID
    assert _code(check_window, NOW, NOW) is ErrorCode.PLAN_WINDOW_INVALID
    assert _code(check_window, NOW.replace(tzinfo=None), LATER) is ErrorCode.PLAN_WINDOW_INVALID


def test_batch_limits() -> None:
    check_batch([str(i) for i in range(20)], [str(i) for i in range(30)])
    assert _code(check_batch, [str(i) for i in range(21)], []) is ErrorCode.TOO_MANY_PRODUCTS
    assert _code(check_batch, ["1"], [str(i) for i in range(31)]) is ErrorCode.TOO_MANY_CREATORS
    assert _code(check_batch, [], []) is ErrorCode.INVALID_PAYLOAD
    assert _code(check_batch, ["1", "1"], []) is ErrorCode.INVALID_PAYLOAD


def test_creators_by_type() -> None:
    check_creators_for_type(PlanType.GENERAL, [])
    check_creators_for_type(PlanType.TARGETED, ["c"])
    assert _code(check_creators_for_type, PlanType.GENERAL, ["c"]) is ErrorCode.CREATORS_NOT_ALLOWED
    assert _code(check_creators_for_type, PlanType.EXCLUSIVE, []) is ErrorCode.CREATORS_REQUIRED


def test_targeted_needs_a_live_general_plan() -> None:
    check_coexistence(PlanType.TARGETED, [_plan(PlanType.GENERAL)], NOW)
    assert _code(check_coexistence, PlanType.TARGETED, [], NOW) is ErrorCode.GENERAL_PLAN_REQUIRED
    ended = [_plan(PlanType.GENERAL, ended=True)]
    assert (
        _code(check_coexistence, PlanType.TARGETED, ended, NOW) is ErrorCode.GENERAL_PLAN_REQUIRED
    )
    delisted = [_plan(PlanType.GENERAL, PlanStatus.DELISTED)]
    assert (
        _code(check_coexistence, PlanType.TARGETED, delisted, NOW)
        is ErrorCode.GENERAL_PLAN_REQUIRED
    )


def test_exclusive_stands_alone() -> None:
    check_coexistence(PlanType.EXCLUSIVE, [], NOW)
    check_coexistence(PlanType.EXCLUSIVE, [_plan(PlanType.GENERAL, ended=True)], NOW)
    for other in (PlanType.GENERAL, PlanType.TARGETED, PlanType.EXCLUSIVE):
        assert (
            _code(check_coexistence, PlanType.EXCLUSIVE, [_plan(other)], NOW)
            is ErrorCode.EXCLUSIVE_CONFLICT
        )
    for new in (PlanType.GENERAL, PlanType.TARGETED):
        assert (
            _code(check_coexistence, new, [_plan(PlanType.EXCLUSIVE)], NOW)
            is ErrorCode.EXCLUSIVE_CONFLICT
        )


def test_one_live_general_plan_per_product() -> None:
    assert (
        _code(check_coexistence, PlanType.GENERAL, [_plan(PlanType.GENERAL)], NOW)
        is ErrorCode.DUPLICATE_GENERAL_PLAN
    )
    check_coexistence(PlanType.GENERAL, [_plan(PlanType.GENERAL, PlanStatus.DELETED)], NOW)


def test_pending_plans_count_as_live() -> None:
    pending = [_plan(PlanType.GENERAL, PlanStatus.PENDING_EFFECT)]
    check_coexistence(PlanType.TARGETED, pending, NOW)


def test_new_plan_runs_every_check() -> None:
    check_new_plan(PlanType.GENERAL, 200_000, NOW, LATER, ["p1"], [])
    assert (
        _code(check_new_plan, PlanType.GENERAL, 950_000, NOW, LATER, ["p1"], [])
        is ErrorCode.RATE_OUT_OF_RANGE
    )
