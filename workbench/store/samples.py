"""What a creator's Samples page reads (样品): my sample requests, the content I owe for them,
my fulfilment rate and what each sample earned (sample ROI).

**A sample's row**: product, shop, state, tracking number, requested / shipped, the content due
date and the whole days left (negative: overdue). A shipped sample whose due date has passed is
shown *overdue* even before the server says so (the state machine lets it still be fulfilled).

**Needs action**: content owed (shipped or overdue, not fulfilled) and due within
:data:`DUE_SOON_DAYS` days or already past. The rail counts these.

**Fulfilment rate** = fulfilled ÷ (fulfilled + overdue), over my samples whose content has come
due: *fulfilled* is a sample whose content link I handed in (late or not), *overdue* a shipped
one whose due date has passed without it. Samples not yet shipped, or shipped and not yet due,
are in neither (they owe nothing yet); rejected and cancelled ones never count. ``None`` when
no content has come due. The merchant's queue counts the same way (``plan_reviews``).

**Sample ROI**: the sales of that product on my channels since the sample *arrived*, against its
cost. The server records no delivery, so arrival is the shipping time (``shipped_at``, the only
time ``SampleOut`` carries). The lines counted are my order lines (``order_line``, typed) of the
product, sold through one of my channels (``channel_id`` set), created at or after that time (to
the millisecond, as SQLite reads times), of counted orders (not unpaid, not cancelled, as every
figure). GMV = paid − refunded (分); the
estimated commission is each line's expected commission, (paid − refunded) × its rate half-up
(``core.commission``, as the reconciliation ledger counts it). ROI = GMV ÷ cost (``None`` for a
free sample or one not yet shipped). Money is integer 分 throughout; only the ratio is a float.
All of it is summed and ordered in SQL, off a covering index of the order lines (the order by
return is a window of the samples sorted by that ratio; no order line reaches Python).

Everything here reads the cache: call it on a reader lane, never the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from workbench.contract.mutations import SampleCreate, SampleFulfil
from workbench.core.enums import SampleStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.money import commission_sql
from workbench.store import plan_edits
from workbench.store.order_figures import NOT_COUNTED, day_sql

if TYPE_CHECKING:
    from workbench.store.cache import Cache

DUE_SOON_DAYS = 3  # content due within this many days needs action
OPEN = ("requested", "approved", "shipped", "overdue")  # a request still running
OWING = ("shipped", "overdue")  # content owed
NOTE_MAX: int = next(  # the server's bound of a request's note
    m.max_length for m in SampleCreate.model_fields["note"].metadata if getattr(m, "max_length", 0)
)


class SampleView(StrEnum):
    """The state filter of the page."""

    ALL = "all"
    NEEDS_ACTION = "needs_action"
    REQUESTED = "requested"
    APPROVED = "approved"
    SHIPPED = "shipped"  # shipped, content not yet late
    OVERDUE = "overdue"  # content late (the server's state, or shipped and past due)
    FULFILLED = "fulfilled"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class SampleSort(StrEnum):
    DUE = "due"  # content owed first, due soonest first; then open requests, newest first
    NEWEST = "newest"  # requested newest first
    ROI = "roi"  # best sales for the cost first


@dataclass(frozen=True)
class SampleFilter:
    view: SampleView = SampleView.ALL
    sort: SampleSort = SampleSort.DUE


@dataclass(frozen=True)
class SampleSales:
    """My sales of a sample's product since it arrived (see the module docstring)."""

    orders: int = 0
    gmv_fen: int = 0
    commission_fen: int = 0


@dataclass(frozen=True)
class MySample:
    id: str
    product_id: str
    title: str  # '' when the product left the catalogue
    shop_name: str
    status: str  # as shown: a shipped sample past its due date is "overdue"
    server_status: str  # as the server has it (what its state machine checks)
    note: str
    reason: str | None  # why the merchant rejected it
    tracking_no: str | None
    requested_at: str
    shipped_at: str | None
    content_due_at: str | None
    days_left: int | None  # whole days until content is due (negative: overdue); None: not owed
    content_url: str | None
    extended: bool
    cost_fen: int
    sales: SampleSales
    pending: bool  # an edit of mine on it waits for the server
    version: int

    @property
    def roi(self) -> float | None:
        """GMV since arrival ÷ the sample's cost (None: free, or not shipped yet)."""
        if self.cost_fen <= 0 or self.shipped_at is None:
            return None
        return self.sales.gmv_fen / self.cost_fen

    @property
    def owing(self) -> bool:
        return self.status in OWING


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _when(text: str) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


_STATUS = "json_extract(s.data, '$.status')"
_DUE = "julianday(json_extract(s.data, '$.content_due_at'))"
_LATE = f"({_STATUS} = 'overdue' OR ({_STATUS} = 'shipped' AND {_DUE} < julianday(:now)))"


def _where(view: SampleView) -> str:
    """The filter as SQL over ``record AS s`` (``:now`` and ``:soon`` bound by the caller)."""
    base = "s.entity = 'sample'"  # a literal: the partial index record_sample_state sees it
    tests = {
        SampleView.ALL: "1",
        SampleView.NEEDS_ACTION: f"{_STATUS} IN {OWING} AND {_DUE} < julianday(:soon)",
        SampleView.SHIPPED: f"{_STATUS} = 'shipped' AND NOT {_LATE}",
        SampleView.OVERDUE: _LATE,
    }
    test = tests.get(view, f"{_STATUS} = '{view.value}'")
    return f"{base} AND {test}"


_ORDER = {
    SampleSort.DUE: (
        f"{_STATUS} NOT IN {OWING}, {_DUE}, {_STATUS} NOT IN {OPEN}, "
        "julianday(json_extract(s.data, '$.created_at')) DESC, s.id"
    ),
    SampleSort.NEWEST: "julianday(json_extract(s.data, '$.created_at')) DESC, s.id",
}


def _args(now: datetime | None) -> dict[str, str]:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return {"now": _iso(moment), "soon": _iso(moment + timedelta(days=DUE_SOON_DAYS))}


def count(cache: Cache, flt: SampleFilter = SampleFilter(), *, now: datetime | None = None) -> int:
    sql = f"SELECT count(*) FROM record AS s WHERE {_where(flt.view)}"
    return int(cache.conn.execute(sql, _args(now)).fetchone()[0])


# Each sample's sales since it arrived, summed in SQL: ``sold`` (id, orders, gmv, commission,
# roi) of the samples ``{where}`` keeps (over ``record AS s``). A sample's product's counted
# lines on my channels from the arrival's Asia/Shanghai day on are one range of the covering
# index ``order_line_sold`` (product, day, …); on that day the line's time decides (as SQLite
# reads times: to the millisecond). The samples' fields are read once, into ``a``, not for each
# line (their JSON parsed per line was two thirds of the time).
_ARRIVED = "json_extract(s.data, '$.shipped_at')"
_GMV = "coalesce(sum(l.paid_fen - l.refund_fen), 0)"
_SOLD = f"""
WITH a AS MATERIALIZED (
  SELECT s.id, json_extract(s.data, '$.product_id') AS product_id, {_ARRIVED} AS at,
    {day_sql(_ARRIVED)} AS day, coalesce(json_extract(s.data, '$.cost_fen'), 0) AS cost
  FROM record AS s WHERE {{where}}
), sold AS (
  SELECT a.id, count(DISTINCT l.order_id) AS orders, {_GMV} AS gmv,
    coalesce(sum({commission_sql("max(l.paid_fen - l.refund_fen, 0)", "l.commission_ppm")}), 0)
      AS commission,
    CASE WHEN a.cost > 0 AND a.at IS NOT NULL THEN {_GMV} * 1.0 / a.cost END AS roi
  FROM a LEFT JOIN order_line AS l ON l.product_id = a.product_id
    AND l.channel_id IS NOT NULL AND l.status NOT IN ({", ".join(str(n) for n in NOT_COUNTED)})
    AND l.day >= a.day AND (l.day > a.day OR julianday(l.created_at) >= julianday(a.at))
  GROUP BY a.id
)
"""
_BY_ROI = "sold.roi IS NULL, sold.roi DESC, sold.gmv DESC, sold.id"  # as MySample.roi: best first

_SELECT = (
    "SELECT s.id, s.data, s.pending, coalesce(pr.title, ''), coalesce(pr.shop_name, '') {sold}"
    "FROM {rows} LEFT JOIN product AS pr ON pr.id = json_extract(s.data, '$.product_id') "
)


def window(
    cache: Cache,
    flt: SampleFilter = SampleFilter(),
    offset: int = 0,
    limit: int = 200,
    *,
    now: datetime | None = None,
    with_sales: bool = True,
) -> list[MySample]:
    """One window of my samples under ``flt``, each with its sales since it arrived (unless
    ``with_sales`` is False and the order is not by return: the page reads them apart,
    :func:`all_sales`, so its rows show before the order lines are read)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    args: dict[str, Any] = {**_args(moment), "limit": limit, "offset": offset}
    if flt.sort is SampleSort.ROI:  # a ratio of sums: every matching sample's, in SQL
        sql = _SOLD.format(where=_where(flt.view)) + _SELECT.format(
            sold=", sold.orders, sold.gmv, sold.commission ",
            rows="sold JOIN record AS s ON s.entity = 'sample' AND s.id = sold.id",
        )
        sql += f"ORDER BY {_BY_ROI} LIMIT :limit OFFSET :offset"
        return [_row(r, moment) for r in cache.conn.execute(sql, args)]
    sql = _SELECT.format(sold="", rows="record AS s")
    sql += f"WHERE {_where(flt.view)} ORDER BY {_ORDER[flt.sort]} LIMIT :limit OFFSET :offset"
    rows = [_row(r, moment) for r in cache.conn.execute(sql, args)]
    if not with_sales:
        return rows
    sales = _sales(
        cache, "s.id IN (SELECT value FROM json_each(?))", [json.dumps([r.id for r in rows])]
    )
    return [replace(r, sales=sales[r.id]) if r.id in sales else r for r in rows]


def _row(found: tuple[Any, ...], moment: datetime) -> MySample:
    sample_id, data, pending, title, shop, *sold = found
    s = json.loads(data)
    status = str(s["status"])
    due = s.get("content_due_at")
    left = None
    if due and status in OWING:
        left = (_when(due) - moment) // timedelta(days=1)
        if status == "shipped" and _when(due) < moment:
            status = "overdue"
    return MySample(
        id=str(sample_id),
        product_id=str(s.get("product_id") or ""),
        title=str(title),
        shop_name=str(shop),
        status=status,
        server_status=str(s["status"]),
        note=str(s.get("note") or ""),
        reason=s.get("reason"),
        tracking_no=s.get("tracking_no"),
        requested_at=str(s.get("created_at") or ""),
        shipped_at=s.get("shipped_at"),
        content_due_at=due,
        days_left=left,
        content_url=s.get("content_url"),
        extended=bool(s.get("extended")),
        cost_fen=int(s.get("cost_fen") or 0),
        sales=SampleSales(*(int(n) for n in sold)),  # with the order by return
        pending=bool(pending),
        version=int(s.get("version") or 0),
    )


def _sales(cache: Cache, test: str, args: list[Any]) -> dict[str, SampleSales]:
    """The sales since arrival of my samples that ``test`` (SQL over ``record AS s``) keeps and
    that sold, by sample id."""
    sql = _SOLD.format(where=f"s.entity = 'sample' AND {test}")
    sql += "SELECT id, orders, gmv, commission FROM sold WHERE orders > 0"
    return {
        str(sample_id): SampleSales(int(orders), int(gmv), int(commission))
        for sample_id, orders, gmv, commission in cache.conn.execute(sql, args)
    }


def all_sales(cache: Cache) -> dict[str, SampleSales]:
    """The sales since arrival of every shipped sample of mine, by sample id (those without a
    sale are left out): what the page reads on the background lane when not sorted by return."""
    return _sales(cache, f"{_ARRIVED} IS NOT NULL", [])


@dataclass(frozen=True)
class Fulfilment:
    fulfilled: int  # content handed in
    overdue: int  # content due and not handed in
    needs_action: int  # content due within DUE_SOON_DAYS or overdue

    @property
    def due(self) -> int:
        return self.fulfilled + self.overdue

    @property
    def rate(self) -> float | None:
        """fulfilled ÷ (fulfilled + overdue); None when no content has come due."""
        return self.fulfilled / self.due if self.due else None


def fulfilment(cache: Cache, *, now: datetime | None = None) -> Fulfilment:
    """My fulfilment rate's parts and the samples needing action (see the module docstring)."""
    sql = (
        f"SELECT count(*) FILTER (WHERE {_STATUS} = 'fulfilled'), "
        f"count(*) FILTER (WHERE {_LATE}), "
        f"count(*) FILTER (WHERE {_STATUS} IN {OWING} AND {_DUE} < julianday(:soon)) "
        "FROM record AS s WHERE s.entity = 'sample'"
    )
    done, late, action = cache.conn.execute(sql, _args(now)).fetchone()
    return Fulfilment(int(done), int(late), int(action))


def needing_action(cache: Cache, *, now: datetime | None = None) -> int:
    """The rail's count: samples whose content is due within DUE_SOON_DAYS days or overdue."""
    return count(cache, SampleFilter(SampleView.NEEDS_ACTION), now=now)


@dataclass(frozen=True)
class RequestState:
    """Whether I may request a sample of a product now (the detail panel's button)."""

    product_listed: bool  # the server refuses a product not on sale (product_not_promotable)
    open_id: str | None  # my running request of it, if any
    open_status: str | None


def request_state(cache: Cache, product_id: str) -> RequestState:
    product = cache.conn.execute(
        "SELECT status FROM product WHERE id = ?", (product_id,)
    ).fetchone()
    found = cache.conn.execute(
        f"SELECT s.id, {_STATUS} FROM record AS s WHERE s.entity = 'sample' "
        f"AND json_extract(s.data, '$.product_id') = ? AND {_STATUS} IN {OPEN} "
        "ORDER BY julianday(json_extract(s.data, '$.created_at')) DESC LIMIT 1",
        (product_id,),
    ).fetchone()
    listed = product is not None and product[0] == "listed"
    return RequestState(listed, *(found if found else (None, None)))


def request(cache: Cache, product_id: str, note: str = "") -> str:
    """Ask for a sample of ``product_id`` (one running request per product); its new id."""
    state = request_state(cache, product_id)
    if state.open_id is not None:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "a sample of this product is requested")
    if not state.product_listed:
        raise DomainError(ErrorCode.PRODUCT_NOT_PROMOTABLE, "the product is not on sale")
    return plan_edits.request_sample(cache, product_id, note.strip())


def may_extend(sample: MySample) -> bool:
    """One extension, while the content is due (the server's rule: state shipped, not extended)."""
    return sample.server_status == SampleStatus.SHIPPED.value and not sample.extended


def may_cancel(sample: MySample) -> bool:
    return sample.status in (SampleStatus.REQUESTED.value, SampleStatus.APPROVED.value)


def may_fulfil(sample: MySample) -> bool:
    return sample.status in OWING


def content_url_problem(text: str) -> str | None:
    """Why the server would refuse ``text`` as a content link (its ``Url`` type, checked by the
    same model): ``empty``, ``too_long``, ``spaces`` or ``scheme``; None when it is accepted."""
    if not text:
        return "empty"
    try:
        SampleFulfil.model_validate({"content_url": text})
    except ValidationError as err:
        if err.errors()[0]["type"] == "string_too_long":
            return "too_long"
        return "spaces" if any(c.isspace() for c in text) else "scheme"
    return None
