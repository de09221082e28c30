"""A creator's applications to plans (my applications): windows in SQL order, filters, and each
application's timeline (applied → approved / rejected with the merchant's reason, or withdrawn).

Rows are read from the cache: the application record (its own ``created_at``, ``decided_at``,
``withdrawn_at``, ``reason``, the rate it was made under and the message), the plan's record for
its type (and the product while an offline application waits for the server, which fills
``product_id``), and the product table for title and shop. Filters (state, product title, shop,
plan type, rate) and the order (newest application first) are SQL, so a window of 200 is what
is parsed. Everything here is a read: call it on a reader lane, never the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.core.enums import ApplicationStatus, PlanType

if TYPE_CHECKING:
    from workbench.store.cache import Cache


@dataclass(frozen=True)
class ApplicationFilter:
    status: ApplicationStatus | None = None
    product: str = ""  # part of the product's title (case-insensitive for ASCII)
    shop: str = ""  # the shop's name, exactly ("": every shop)
    plan_type: PlanType | None = None
    min_rate_ppm: int | None = None  # the rate applied under, at least


@dataclass(frozen=True)
class TimelineStep:
    what: str  # applied | approved | rejected | withdrawn
    at: str | None  # None: the server has not said (an edit waiting, or a row from before 0008)
    reason: str | None = None


@dataclass(frozen=True)
class ApplicationRow:
    id: str
    plan_id: str
    product_id: str
    title: str
    shop_name: str
    plan_type: PlanType | None  # None: the plan is no longer in the cache
    status: ApplicationStatus
    rate_ppm: int  # the rate I applied under
    message: str
    reason: str | None
    created_at: str | None
    decided_at: str | None
    withdrawn_at: str | None
    version: int
    pending: bool  # an edit of mine on it waits for the server

    @property
    def timeline(self) -> list[TimelineStep]:
        steps = [TimelineStep("applied", self.created_at)]
        if self.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
            steps.append(TimelineStep(self.status.value, self.decided_at, self.reason))
        elif self.status is ApplicationStatus.WITHDRAWN:
            steps.append(TimelineStep("withdrawn", self.withdrawn_at))
        return steps


# One row per application. The plan is joined for its type (an application the server has not
# answered yet has no product id: the plan's is used), the product table for title and shop.
# The WHERE and ORDER BY are written as the cache's indexes are (``record_application_creator``:
# creator, created, id; ``record_application_state``: status, created, id), so the newest 200
# are read off an index backwards instead of sorting every application. The creator test holds
# for every row of a creator's cache (the server sends only my own applications); it is what
# lets the index serve.
_PRODUCT = "coalesce(json_extract(r.data, '$.product_id'), json_extract(p.data, '$.product_id'))"
_COLUMNS = f"""
SELECT r.id, r.data, r.pending, r.version, {_PRODUCT}, json_extract(p.data, '$.plan_type'),
  coalesce(pr.title, ''), coalesce(pr.shop_name, ''), json_extract(r.data, '$.status'),
  coalesce(json_extract(r.data, '$.plan_rate_ppm'), 0)
"""
_JOINS = f"""
LEFT JOIN record AS p ON p.entity = 'plan' AND p.id = json_extract(r.data, '$.plan_id')
LEFT JOIN product AS pr ON pr.id = {_PRODUCT}
"""
_MINE = "WHERE r.entity = 'application' AND json_extract(r.data, '$.creator_id') = ?"
_NEWEST = "ORDER BY julianday(json_extract(r.data, '$.created_at')) DESC, r.id DESC"


def _where(cache: Cache, f: ApplicationFilter, *, joins: bool = True) -> tuple[str, list[Any]]:
    """FROM … WHERE for ``f``; without ``joins`` only when ``f`` needs neither plan nor product
    (a count by state is then a count of index entries)."""
    joins = joins or bool(f.product.strip() or f.shop or f.plan_type is not None)
    parts: list[str] = [f"FROM record AS r {_JOINS if joins else ''} {_MINE}"]
    args: list[Any] = [cache.account_id]
    if f.status is not None:
        parts.append("json_extract(r.data, '$.status') = ?")
        args.append(f.status.value)
    if f.product.strip():
        parts.append("instr(lower(coalesce(pr.title, '')), lower(?)) > 0")
        args.append(f.product.strip())
    if f.shop:
        parts.append("pr.shop_name = ?")
        args.append(f.shop)
    if f.plan_type is not None:
        parts.append("json_extract(p.data, '$.plan_type') = ?")
        args.append(f.plan_type.value)
    if f.min_rate_ppm is not None:
        parts.append("coalesce(json_extract(r.data, '$.plan_rate_ppm'), 0) >= ?")
        args.append(f.min_rate_ppm)
    return " AND ".join(parts), args


def window(
    cache: Cache, f: ApplicationFilter | None = None, offset: int = 0, limit: int = 200
) -> list[ApplicationRow]:
    """A window of my applications, newest first."""
    where, args = _where(cache, f or ApplicationFilter())
    sql = f"{_COLUMNS} {where} {_NEWEST} LIMIT ? OFFSET ?"
    return [_row(r) for r in cache.conn.execute(sql, [*args, limit, offset])]


def count(cache: Cache, f: ApplicationFilter | None = None) -> int:
    where, args = _where(cache, f or ApplicationFilter(), joins=False)
    return int(cache.conn.execute(f"SELECT count(*) {where}", args).fetchone()[0])


def one(cache: Cache, application_id: str) -> ApplicationRow | None:
    """One application (the timeline panel reads it again after a sync changed it)."""
    where, args = _where(cache, ApplicationFilter())
    found = cache.conn.execute(f"{_COLUMNS} {where} AND r.id = ?", [*args, application_id])
    row = found.fetchone()
    return None if row is None else _row(row)


def shops(cache: Cache) -> list[str]:
    """The shops of the products I applied for, by name (the shop filter's choices)."""
    where, args = _where(cache, ApplicationFilter())
    sql = (
        f"SELECT DISTINCT pr.shop_name {where} AND coalesce(pr.shop_name, '') <> '' "
        "ORDER BY pr.shop_name"
    )
    return [str(name) for (name,) in cache.conn.execute(sql, args)]


def _row(r: Any) -> ApplicationRow:
    d = json.loads(r[1])
    return ApplicationRow(
        id=str(r[0]),
        plan_id=str(d.get("plan_id") or ""),
        product_id=str(r[4] or ""),
        title=str(r[6]),
        shop_name=str(r[7]),
        plan_type=PlanType(r[5]) if r[5] else None,
        status=ApplicationStatus(r[8]),
        rate_ppm=int(r[9] or 0),
        message=str(d.get("message") or ""),
        reason=d.get("reason"),
        created_at=d.get("created_at"),
        decided_at=d.get("decided_at"),
        withdrawn_at=d.get("withdrawn_at"),
        version=int(r[3] or 0),
        pending=bool(r[2]),
    )
