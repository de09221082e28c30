"""State machines of applications and samples, and the ids users' rows get."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from workbench.core.enums import ApplicationStatus as A
from workbench.core.enums import SampleStatus as S
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import is_uuid, uuid7
from workbench.core.workflow import (
    check_application_move,
    check_reason,
    check_sample_move,
    content_due,
)


def test_application_moves() -> None:
    check_application_move(A.PENDING, A.APPROVED)
    check_application_move(A.PENDING, A.WITHDRAWN)
    with pytest.raises(DomainError) as info:
        check_application_move(A.APPROVED, A.REJECTED)
    assert info.value.code is ErrorCode.ALREADY_DECIDED


def test_sample_life() -> None:
    path = [S.REQUESTED, S.APPROVED, S.SHIPPED, S.OVERDUE, S.FULFILLED]
    for current, new in pairwise(path):
        check_sample_move(current, new)
    with pytest.raises(DomainError) as info:
        check_sample_move(S.SHIPPED, S.CANCELLED)
    assert info.value.code is ErrorCode.INVALID_TRANSITION
    with pytest.raises(DomainError) as info:
        check_sample_move(S.REJECTED, S.APPROVED)
    assert info.value.code is ErrorCode.ALREADY_DECIDED


def test_content_due_and_extension() -> None:
    shipped = datetime(2026, 1, 1, tzinfo=UTC)
    assert content_due(shipped, extended=False) == shipped + timedelta(days=14)
    assert content_due(shipped, extended=True) == shipped + timedelta(days=21)


def test_rejections_need_a_reason() -> None:
    assert check_reason("  库存不足 ") == "库存不足"
    with pytest.raises(DomainError):
        check_reason("   ")


def test_uuid7_is_ordered_and_valid() -> None:
    ids = [uuid7() for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(is_uuid(i) and i[14] == "7" for i in ids[:50])
    assert not is_uuid("not-a-uuid")
