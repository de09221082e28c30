"""Edits of plans' workflow as outbox edits: apply / withdraw, sample request / cancel / fulfil /
extend for a creator, approve / reject / ship in batches for a merchant.

Each function queues its edits in one cache transaction (``Cache.enqueue_many``; the UI runs it
through ``SyncController.edit_with``), so a batch of 500 approvals is one transaction, shows at
once, works offline and is pushed when online. What the app can check offline (the state
machines of ``core.workflow``, a rejection's reason, one open application per plan) is checked
here first with the server's codes, so a bad edit is answered in the page, not later.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.core.enums import ApplicationStatus, SampleStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.core.workflow import check_application_move, check_reason, check_sample_move
from workbench.store.changed import Changed

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.outbox import NewEdit

MESSAGE_MAX = 500  # an application's message (ApplicationCreate)
MAX_BATCH = 500  # rows one review batch decides (the page selects at most this many)


def _row(cache: Cache, entity: str, row_id: str) -> dict[str, Any]:
    row = cache.get(entity, row_id)
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such {entity}: {row_id}")
    return row


def apply(cache: Cache, plan_id: str, expected_rate_ppm: int, message: str = "") -> str:
    """Apply to a plan under the rate I saw; returns the new application's id."""
    if len(message) > MESSAGE_MAX or "\x00" in message:  # the contract's bounds, said now
        raise DomainError(
            ErrorCode.INVALID_PAYLOAD, f"a message has at most {MESSAGE_MAX} characters"
        )
    open_one = cache.conn.execute(
        "SELECT 1 FROM record WHERE entity = 'application' "
        "AND json_extract(data, '$.plan_id') = ? AND json_extract(data, '$.status') IN (?, ?)",
        (plan_id, ApplicationStatus.PENDING.value, ApplicationStatus.APPROVED.value),
    ).fetchone()
    if open_one is not None:
        raise DomainError(ErrorCode.DUPLICATE_APPLICATION, "you already applied to this plan")
    app_id = uuid7()
    payload = {"plan_id": plan_id, "expected_rate_ppm": expected_rate_ppm, "message": message}
    cache.enqueue("application.create", app_id, payload)
    return app_id


def withdraw(cache: Cache, application_id: str) -> Changed:
    app = _row(cache, "application", application_id)
    check_application_move(ApplicationStatus(app["status"]), ApplicationStatus.WITHDRAWN)
    return cache.enqueue("application.withdraw", application_id, {}, app.get("version"))


def request_sample(cache: Cache, product_id: str, note: str = "") -> str:
    sample_id = uuid7()
    cache.enqueue("sample.create", sample_id, {"product_id": product_id, "note": note})
    return sample_id


def _sample_move(cache: Cache, sample_id: str, new: SampleStatus) -> dict[str, Any]:
    sample = _row(cache, "sample", sample_id)
    check_sample_move(SampleStatus(sample["status"]), new)
    return sample


def cancel_sample(cache: Cache, sample_id: str) -> Changed:
    _sample_move(cache, sample_id, SampleStatus.CANCELLED)
    return cache.enqueue("sample.cancel", sample_id, {})


def fulfil_sample(cache: Cache, sample_id: str, content_url: str) -> Changed:
    _sample_move(cache, sample_id, SampleStatus.FULFILLED)
    return cache.enqueue("sample.fulfil", sample_id, {"content_url": content_url})


def extend_sample(cache: Cache, sample_id: str) -> Changed:
    sample = _row(cache, "sample", sample_id)
    if sample["status"] != SampleStatus.SHIPPED.value or sample.get("extended"):
        raise DomainError(ErrorCode.INVALID_TRANSITION, "one extension, while the content is due")
    return cache.enqueue("sample.extend", sample_id, {})


def _batch(ids: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} rows are decided at once")
    return unique


def _rows(cache: Cache, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        sql = (
            f"SELECT id, data FROM record WHERE entity = ? AND id IN ({','.join('?' * len(chunk))})"
        )
        for row_id, data in cache.conn.execute(sql, [entity, *chunk]):
            found[str(row_id)] = json.loads(data)
    return found


def review_applications(
    cache: Cache, ids: Sequence[str], approve: bool, reason: str | None = None
) -> int:
    """Approve (or reject with ``reason``) applications in one transaction; returns how many
    were queued (ones already decided or gone are skipped)."""
    wanted = _batch(ids)
    decision: dict[str, Any] = {"decision": "approve" if approve else "reject"}
    if not approve:
        decision["reason"] = check_reason(reason)
    new = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    with cache.write():
        rows = _rows(cache, "application", wanted)
        edits: list[NewEdit] = [
            ("application.review", app_id, decision, None)
            for app_id in wanted
            if app_id in rows and _may(rows[app_id]["status"], new)
        ]
        if edits:
            cache.enqueue_many(edits)
    return len(edits)


def _may(status: str, new: ApplicationStatus) -> bool:
    try:
        check_application_move(ApplicationStatus(status), new)
    except (DomainError, ValueError):
        return False
    return True


def review_samples(
    cache: Cache, ids: Sequence[str], approve: bool, *, cost_fen: int = 0, reason: str | None = None
) -> int:
    """Approve (with the sample's cost) or reject sample requests in one transaction."""
    wanted = _batch(ids)
    payload: dict[str, Any] = {"decision": "approve" if approve else "reject"}
    if approve:
        payload["cost_fen"] = cost_fen
    else:
        payload["reason"] = check_reason(reason)
    with cache.write():
        rows = _rows(cache, "sample", wanted)
        edits: list[NewEdit] = [
            ("sample.review", sid, payload, None)
            for sid in wanted
            if sid in rows and rows[sid]["status"] == SampleStatus.REQUESTED.value
        ]
        if edits:
            cache.enqueue_many(edits)
    return len(edits)


def ship_samples(cache: Cache, tracking: dict[str, str]) -> int:
    """Ship approved samples: ``tracking`` maps sample id → tracking number."""
    wanted = _batch(list(tracking))
    with cache.write():
        rows = _rows(cache, "sample", wanted)
        edits: list[NewEdit] = [
            ("sample.ship", sid, {"tracking_no": tracking[sid]}, None)
            for sid in wanted
            if sid in rows and rows[sid]["status"] == SampleStatus.APPROVED.value
        ]
        if edits:
            cache.enqueue_many(edits)
    return len(edits)
