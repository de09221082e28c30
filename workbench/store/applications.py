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
    at: str | None  # None: the server has not said (an edit waiting, or a row from before 0007)
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


# One row per application with what the filters and the order need as columns. The plan is
# joined for its type (an application the server has not answered yet has no product id: the
# plan's is used). The product table gives the title and the shop.
_BASE = """
WITH a AS (
  SELECT r.id, r.data, r.pending, r.version,
    json_extract(r.data, '$.status') AS status,
    json_extract(r.data, '$.plan_id') AS plan_id,
    coalesce(json_extract(r.data, '$.product_id'), json_extract(p.data, '$.product_id'))
      AS product_id,
    json_extract(p.data, '$.plan_type') AS plan_type,
    coalesce(json_extract(r.data, '$.plan_rate_ppm'), 0) AS rate,
    julianday(json_extract(r.data, '$.created_at')) AS applied
  FROM record AS r
  LEFT JOIN record AS p ON p.entity = 'plan' AND p.id = json_extract(r.data, '$.plan_id')
  WHERE r.entity = 'application'
)
SELECT a.id, a.data, a.pending, a.version, a.product_id, a.plan_type,
  coalesce(pr.title, ''), coalesce(pr.shop_name, ''), a.status, a.rate
FROM a LEFT JOIN product AS pr ON pr.id = a.product_id
"""


def _where(f: ApplicationFilter) -> tuple[str, list[Any]]:
    parts: list[str] = ["1"]
    args: list[Any] = []
    if f.status is not None:
        parts.append("a.status = ?")
        args.append(f.status.value)
    if f.product.strip():
        parts.append("instr(lower(coalesce(pr.title, '')), lower(?)) > 0")
        args.append(f.product.strip())
    if f.shop:
        parts.append("pr.shop_name = ?")
        args.append(f.shop)
    if f.plan_type is not None:
        parts.append("a.plan_type = ?")
        args.append(f.plan_type.value)
    if f.min_rate_ppm is not None:
        parts.append("a.rate >= ?")
        args.append(f.min_rate_ppm)
    return " AND ".join(parts), args


def window(
    cache: Cache, f: ApplicationFilter | None = None, offset: int = 0, limit: int = 200
) -> list[ApplicationRow]:
    """A window of my applications, newest first."""
    where, args = _where(f or ApplicationFilter())
    sql = f"{_BASE} WHERE {where} ORDER BY a.applied DESC, a.id DESC LIMIT ? OFFSET ?"
    return [_row(r) for r in cache.conn.execute(sql, [*args, limit, offset])]


def count(cache: Cache, f: ApplicationFilter | None = None) -> int:
    where, args = _where(f or ApplicationFilter())
    return int(
        cache.conn.execute(f"SELECT count(*) FROM ({_BASE} WHERE {where})", args).fetchone()[0]
    )


def one(cache: Cache, application_id: str) -> ApplicationRow | None:
    """One application (the timeline panel reads it again after a sync changed it)."""
    found = cache.conn.execute(f"{_BASE} WHERE a.id = ?", (application_id,)).fetchone()
    return None if found is None else _row(found)


def shops(cache: Cache) -> list[str]:
    """The shops of the products I applied for, by name (the shop filter's choices)."""
    sql = (
        f"SELECT DISTINCT pr.shop_name FROM ({_BASE}) AS x JOIN product AS pr "
        "ON pr.id = x.product_id WHERE coalesce(pr.shop_name, '') <> '' ORDER BY pr.shop_name"
    )
    return [str(name) for (name,) in cache.conn.execute(sql)]


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
