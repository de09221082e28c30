"""The listing health check's slower half: commission cuts, and the times it compares.

A listing's creation time is the time in its UUIDv7 id (:func:`listed_at`). What I earned then
is the rate under the plans that covered that moment (a plan naming me beats a general one),
each plan's rate at that moment taken from ``commission_history`` (the last rate the cache saw
by then, else the first it saw); what I earn now, under the plans running now. Only listings
whose product had an earlier plan, or a running plan whose rate changed, come here (``health``
picks them in SQL), so this Python is run for a few of them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from workbench.core.enums import CooperationStatus, PlanStatus, PlanType
from workbench.store.plan_terms import CANCELLED
from workbench.store.records import loads

if TYPE_CHECKING:
    from workbench.store.cache import Cache

CHUNK = 500
_GENERAL = PlanType.GENERAL.value
_LISTED = PlanStatus.LISTED.value
_RAN = (PlanStatus.LISTED.value, PlanStatus.DELISTED.value)


@dataclass(frozen=True)
class Cut:
    """Less now than when the listing was made."""

    before_ppm: int
    after_ppm: int
    since: str  # ISO 8601 UTC


@dataclass
class _Plan:
    plan_id: str
    plan_type: str
    status: int
    begin: datetime
    end: datetime
    rate: int
    my: int | None  # my rate, on a plan naming me
    history: list[tuple[datetime, int]] = field(default_factory=list)  # (seen_at, plan rate)

    def earning(self) -> bool:
        return self.plan_type == _GENERAL or self.my is not None

    def covers(self, at: datetime) -> bool:
        ran = self.status in _RAN
        return ran and self.begin <= at < self.end and self.earning()

    def rate_at(self, at: datetime) -> int:
        """What I earned under it at ``at``: the plan's rate then (its history: the last one
        seen by then, else the first one seen), my own terms when the rate has not changed."""
        now = self.rate if self.my is None else self.my
        if not self.history:
            return now
        before = [rate for seen, rate in self.history if seen <= at]
        then = before[-1] if before else self.history[0][1]
        return now if then == self.rate else then

    def changed_after(self, at: datetime) -> datetime | None:
        """When its rate last changed after ``at`` (None: it did not)."""
        moments = [seen for seen, _rate in self.history[1:] if seen > at]
        return moments[-1] if moments else None


def _earned(plans: Iterable[_Plan], at: datetime, *, running: bool) -> tuple[int, _Plan] | None:
    """The rate I earn at ``at`` and the plan giving it: a plan naming me beats a general one."""
    covering = [p for p in plans if (p.status == _LISTED or not running)]
    covering = [p for p in covering if p.covers(at)]
    named = [p for p in covering if p.my is not None]
    pool = named or covering
    if not pool:
        return None
    best = max(pool, key=lambda p: (p.rate_at(at) if not running else _now_rate(p), p.plan_id))
    return (best.rate_at(at) if not running else _now_rate(best)), best


def _now_rate(plan: _Plan) -> int:
    return plan.rate if plan.my is None else plan.my


def cuts(cache: Cache, candidates: list[tuple[str, str]], now: datetime) -> dict[str, Cut]:
    """Listings among ``candidates`` (listing id, product id) that earn less now than when they
    were made."""
    if not candidates:
        return {}
    plans = _plans_of(cache, sorted({pid for _l, pid in candidates}))
    out: dict[str, Cut] = {}
    for listing_id, product_id in candidates:
        made = listed_at(listing_id)
        mine = plans.get(product_id, [])
        if made is None or not mine:
            continue
        then = _earned(mine, made, running=False)
        current = _earned(mine, now, running=True)
        if then is None or current is None or current[0] >= then[0]:
            continue
        (before, old_plan), (after, new_plan) = then, current
        if new_plan is old_plan:
            since = new_plan.changed_after(made) or new_plan.begin
        else:
            since = max(new_plan.begin, min(old_plan.end, now))
            if (moved := new_plan.changed_after(made)) is not None:
                since = max(since, moved)
        out[listing_id] = Cut(before, after, iso(since))
    return out


def _plans_of(cache: Cache, product_ids: list[str]) -> dict[str, list[_Plan]]:
    me = cache.account_id
    out: dict[str, list[_Plan]] = {}
    by_id: dict[str, _Plan] = {}
    for start in range(0, len(product_ids), CHUNK):
        chunk = product_ids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        for plan_id, data in cache.conn.execute(
            f"SELECT id, data FROM record INDEXED BY record_plan_product WHERE entity = 'plan' "
            f"AND json_extract(data, '$.product_id') IN ({marks})",
            chunk,
        ):
            try:
                row = loads(data)  # orjson: the candidates' plans are parsed here
                plan = _Plan(
                    str(plan_id),
                    str(row["plan_type"]),
                    int(row["status"]),
                    parse(str(row["begin_at"])),
                    parse(str(row["end_at"])),
                    int(row["rate_ppm"]),
                    _my_live_rate(row, me),
                )
            except (KeyError, TypeError, ValueError):
                continue  # a row this app cannot read
            out.setdefault(str(row["product_id"]), []).append(plan)
            by_id[plan.plan_id] = plan
    ids = list(by_id)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        for plan_id, rate, seen in cache.conn.execute(
            "SELECT subject_id, rate_ppm, seen_at FROM commission_history "
            f"WHERE subject = 'plan' AND subject_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            try:
                by_id[str(plan_id)].history.append((parse(str(seen)), int(rate)))
            except ValueError:
                continue
    return out


def _my_live_rate(plan: dict[str, Any], me: str) -> int | None:
    for named in plan.get("creators") or []:
        if isinstance(named, dict) and named.get("creator_id") == me:
            if named.get("status", CooperationStatus.ACCEPTED.value) in CANCELLED:
                return None
            return int(named["rate_ppm"])
    return None


# --- times --------------------------------------------------------------------------------------


def listed_at(listing_id: str) -> datetime | None:
    """When the listing was made: the time in its UUIDv7 id (None: not a UUIDv7)."""
    try:
        value = uuid.UUID(listing_id)
    except (ValueError, AttributeError, TypeError):
        return None
    if value.version != 7:
        return None
    return datetime.fromtimestamp((value.int >> 80) / 1000, UTC)


def utc(now: datetime | None) -> datetime:
    at = now or datetime.now(UTC)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)  # plans share their times (a merchant's batch, a whole day)
def parse(text: str) -> datetime:
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


_JULIAN_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_JULIAN_AT_EPOCH = 2440587.5


def julian(at: datetime) -> float:
    return _JULIAN_AT_EPOCH + (at - _JULIAN_EPOCH).total_seconds() / 86400


def from_julian(value: float) -> str:
    """A Julian day number as ISO 8601, to the nearest second (the float is not exact)."""
    seconds = round((float(value) - _JULIAN_AT_EPOCH) * 86400)
    return iso(_JULIAN_EPOCH + timedelta(seconds=seconds))
