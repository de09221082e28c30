"""State machines of the workflow that is ours: applications to plans and sample requests.

The platform does these only in its web console. Transitions are checked here, once, so the
server's mutation handlers and the client's offline checks agree.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from workbench.core.enums import ApplicationStatus, SampleStatus
from workbench.core.errors import DomainError, ErrorCode

SAMPLE_CONTENT_DAYS = 14  # content owed this long after the sample ships (TikTok's rule)
SAMPLE_EXTENSION_DAYS = 7  # one extension

_APPLICATION_MOVES: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.PENDING: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.APPROVED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}

_SAMPLE_MOVES: dict[SampleStatus, frozenset[SampleStatus]] = {
    SampleStatus.REQUESTED: frozenset(
        {SampleStatus.APPROVED, SampleStatus.REJECTED, SampleStatus.CANCELLED}
    ),
    SampleStatus.APPROVED: frozenset({SampleStatus.SHIPPED, SampleStatus.CANCELLED}),
    SampleStatus.SHIPPED: frozenset({SampleStatus.FULFILLED, SampleStatus.OVERDUE}),
    SampleStatus.OVERDUE: frozenset({SampleStatus.FULFILLED}),
    SampleStatus.REJECTED: frozenset(),
    SampleStatus.CANCELLED: frozenset(),
    SampleStatus.FULFILLED: frozenset(),
}


def check_application_move(current: ApplicationStatus, new: ApplicationStatus) -> None:
    """Raise unless an application may go from ``current`` to ``new``."""
    if new in _APPLICATION_MOVES[current]:
        return
    code = (
        ErrorCode.ALREADY_DECIDED
        if current is not ApplicationStatus.PENDING
        else ErrorCode.INVALID_TRANSITION
    )
    raise DomainError(code, f"an application cannot go from {current.value} to {new.value}")


def check_sample_move(current: SampleStatus, new: SampleStatus) -> None:
    """Raise unless a sample request may go from ``current`` to ``new``."""
    if new not in _SAMPLE_MOVES[current]:
        code = (
            ErrorCode.ALREADY_DECIDED
            if current is not SampleStatus.REQUESTED
            and new in (SampleStatus.APPROVED, SampleStatus.REJECTED)
            else ErrorCode.INVALID_TRANSITION
        )
        raise DomainError(code, f"a sample cannot go from {current.value} to {new.value}")


def content_due(shipped_at: datetime, extended: bool) -> datetime:
    """When the creator owes content for a sample shipped at ``shipped_at``."""
    days = SAMPLE_CONTENT_DAYS + (SAMPLE_EXTENSION_DAYS if extended else 0)
    return shipped_at + timedelta(days=days)


def check_reason(reason: str | None) -> str:
    """A rejection carries a reason a person can read."""
    text = (reason or "").strip()
    if not text:
        raise DomainError(ErrorCode.REASON_REQUIRED, "a rejection needs a reason")
    return text
