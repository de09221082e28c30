"""The listing health check: is each of my listings still worth its place, and what could replace it.

A listing is OK or has problems, each a :class:`Reason` with its detail:

- ``gone``: its product is not in the catalogue any more (nothing else can be said of it);
- ``delisted`` / ``sale_forbidden``: the merchant took it off sale, or the platform forbade it;
- ``out_of_stock``: listed, but no stock;
- ``no_live_plan``: no plan I earn under runs now (a general plan, or one naming me): it earns
  nothing;
- ``plan_ending``: every plan I earn under ends within :data:`ENDING_DAYS` days (the date);
- ``commission_cut``: I earn less now than when I listed it (before → after, when): the plans
  that covered the listing's creation (its id is a UUIDv7, so it carries that moment) against
  those running now, each plan's rate at that moment taken from ``commission_history``;
- ``plan_dropped``: a targeted (or exclusive) plan on the product named me and no longer does
  (``plan_drops.py`` keeps those whose rows left the cache; a cancelled cooperation counts too),
  and no running plan names me.

Set-based: one statement reads every listing (or a window of them) with its product and the
facts of its product's plans aggregated in SQL (``record_plan_product`` index), and keeps only
the rows with a possible problem; only listings whose product had earlier plans or a rate
change are looked at again, in Python, for a cut (``benchmarks/channels_health.py``: the whole
check of 200,000 listings on 1,000,000 products). Reads only; the one write here is
:func:`replace`, made in the caller's outbox transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workbench.core.enums import CooperationStatus, PlanStatus, PlanType, ProductStatus
from workbench.core.ids import uuid7
from workbench.core.money import commission_fen

if TYPE_CHECKING:
    from workbench.store.cache import Cache

ENDING_DAYS = 7
_CHUNK = 500
_CANCELLED = (
    CooperationStatus.REJECTED.value,
    CooperationStatus.INVITATION_CANCELLED.value,
    CooperationStatus.COOPERATION_CANCELLED.value,
)
_GENERAL = PlanType.GENERAL.value


class Reason(StrEnum):
    """Why a listing needs attention, most serious first."""

    GONE = "gone"
    SALE_FORBIDDEN = "sale_forbidden"
    DELISTED = "delisted"
    OUT_OF_STOCK = "out_of_stock"
    NO_LIVE_PLAN = "no_live_plan"
    PLAN_DROPPED = "plan_dropped"
    COMMISSION_CUT = "commission_cut"
    PLAN_ENDING = "plan_ending"


_RANK = {reason: n for n, reason in enumerate(Reason)}


@dataclass(frozen=True)
class Problem:
    """One problem of a listing; the fields its reason needs are set, the others None."""

    reason: Reason
    at: str | None = None  # plan_ending: the end; commission_cut / plan_dropped: since when
    before_ppm: int | None = None  # commission_cut: the rate I earned when I listed it
    after_ppm: int | None = None  # commission_cut: the rate now
    plan_type: str | None = None  # plan_dropped: targeted / exclusive


@dataclass(frozen=True)
class ListingHealth:
    """A listing and its problems (none: OK), most serious first."""

    listing_id: str
    channel_id: str
    product_id: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def worst(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def has(self, reason: Reason) -> bool:
        return any(p.reason is reason for p in self.problems)


# --- the check --------------------------------------------------------------------------------

# Plans of the products in ``l`` (the listings looked at), with my terms: ``my`` is my rate on
# a plan naming me (a cancelled cooperation does not count), ``gone_me`` 1 on a naming plan
# whose cooperation with me was cancelled.
_PLANS = """
pl AS MATERIALIZED (
  SELECT pid, typ, st, b, e, e_text, rate, my, gone_me,
    (st = :listed AND b <= :now_j AND :now_j < e AND (typ = :general OR my IS NOT NULL)) AS live,
    (st = :pending AND e > :now_j AND (typ = :general OR my IS NOT NULL)) AS coming,
    (st IN (:listed, :delisted) AND b < :now_j AND NOT (st = :listed AND :now_j < e)) AS past,
    hist
  FROM (
    SELECT json_extract(r.data, '$.product_id') AS pid, r.id AS plan_id,
      json_extract(r.data, '$.plan_type') AS typ, json_extract(r.data, '$.status') AS st,
      julianday(json_extract(r.data, '$.begin_at')) AS b,
      julianday(json_extract(r.data, '$.end_at')) AS e,
      json_extract(r.data, '$.end_at') AS e_text,
      json_extract(r.data, '$.rate_ppm') AS rate,
      CASE WHEN json_extract(r.data, '$.plan_type') != :general THEN (
        SELECT json_extract(c.value, '$.rate_ppm') FROM json_each(r.data, '$.creators') c
        WHERE json_extract(c.value, '$.creator_id') = :me
          AND coalesce(json_extract(c.value, '$.status'), 2) NOT IN (3, 4, 5)) END AS my,
      CASE WHEN json_extract(r.data, '$.plan_type') != :general THEN (
        SELECT 1 FROM json_each(r.data, '$.creators') c
        WHERE json_extract(c.value, '$.creator_id') = :me
          AND json_extract(c.value, '$.status') IN (3, 4, 5)) END AS gone_me,
      (SELECT count(*) FROM (SELECT 1 FROM commission_history h
        WHERE h.subject = 'plan' AND h.subject_id = r.id LIMIT 2)) AS hist
    FROM record r INDEXED BY record_plan_product
    WHERE r.entity = 'plan' AND json_extract(r.data, '$.product_id') IN (SELECT pid FROM l)
  )
),
f AS (
  SELECT pid, sum(live) AS n_live,
    max(CASE WHEN live THEN my END) AS named_rate,
    max(CASE WHEN live AND typ = :general THEN rate END) AS general_rate,
    max(CASE WHEN live OR coming THEN e END) AS cover_end,
    max(past OR (live AND hist > 1)) AS maybe_cut,
    max(gone_me) AS gone_me
  FROM pl GROUP BY pid
)
"""

_CHECK = """
WITH l AS MATERIALIZED (
  SELECT id, json_extract(data, '$.channel_id') AS ch, json_extract(data, '$.product_id') AS pid
  FROM record WHERE entity = 'listing' {restrict}
),
{plans}
SELECT l.id, l.ch, l.pid, p.id IS NOT NULL, p.status, p.stock, coalesce(f.n_live, 0),
  f.named_rate, f.general_rate, f.cover_end, coalesce(f.maybe_cut, 0), f.gone_me,
  (SELECT max(d.dropped_at) FROM plan_dropped d WHERE d.product_id = l.pid) AS dropped
FROM l LEFT JOIN product p ON p.id = l.pid LEFT JOIN f ON f.pid = l.pid
WHERE p.id IS NULL OR p.status != :on_sale OR p.stock <= 0 OR f.n_live IS NULL OR f.n_live = 0
  OR f.cover_end <= :soon_j OR f.maybe_cut OR f.gone_me
  OR EXISTS (SELECT 1 FROM plan_dropped d WHERE d.product_id = l.pid)
"""


def listing_health(
    cache: Cache, listing_ids: Sequence[str], now: datetime | None = None
) -> dict[str, ListingHealth]:
    """The health of these listings (a window of a table): every one in the cache, the OK ones
    with no problems; ids not in the cache are left out."""
    out: dict[str, ListingHealth] = {}
    wanted = list(dict.fromkeys(listing_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        names = {f"l{n}": listing_id for n, listing_id in enumerate(chunk)}
        restrict = f"AND id IN ({', '.join(':' + k for k in names)})"
        found = _check(cache, restrict, names, now)
        for listing_id, channel_id, product_id in cache.conn.execute(
            "SELECT id, json_extract(data, '$.channel_id'), json_extract(data, '$.product_id') "
            f"FROM record WHERE entity = 'listing' {restrict}",
            names,
        ):
            key = str(listing_id)
            out[key] = found.get(key) or ListingHealth(key, str(channel_id), str(product_id))
    return out


def needs_attention(cache: Cache, now: datetime | None = None) -> list[ListingHealth]:
    """Every listing with a problem, on every channel: most serious first, then by channel and
    listing id (a stable order for a table)."""
    found = list(_check(cache, "", {}, now).values())
    found.sort(key=lambda h: (_RANK[h.problems[0].reason], h.channel_id, h.listing_id))
    return found


def _check(
    cache: Cache, restrict: str, params: dict[str, Any], now: datetime | None
) -> dict[str, ListingHealth]:
    at = _utc(now)
    named = _named(cache, at)
    sql = _CHECK.format(restrict=restrict, plans=_PLANS)
    rows = cache.conn.execute(sql, {**params, **named}).fetchall()
    health: dict[str, ListingHealth] = {}
    cut_candidates: list[tuple[str, str]] = []
    for (listing_id, channel_id, product_id, known, status, stock, n_live, named_rate,
         _general_rate, cover_end, maybe_cut, gone_me, dropped) in rows:  # fmt: skip
        problems: list[Problem] = []
        if not known:
            problems.append(Problem(Reason.GONE))
        else:
            if status == ProductStatus.SALE_FORBIDDEN.value:
                problems.append(Problem(Reason.SALE_FORBIDDEN))
            elif status != ProductStatus.LISTED.value:
                problems.append(Problem(Reason.DELISTED))
            elif int(stock) <= 0:
                problems.append(Problem(Reason.OUT_OF_STOCK))
            if not n_live:
                problems.append(Problem(Reason.NO_LIVE_PLAN))
            elif cover_end is not None and cover_end <= named["soon_j"]:
                problems.append(Problem(Reason.PLAN_ENDING, at=_from_julian(cover_end)))
            if named_rate is None and (gone_me or dropped):
                if dropped is None or _after_listing(str(listing_id), str(dropped)):
                    problems.append(Problem(Reason.PLAN_DROPPED, at=dropped))
            if n_live and maybe_cut:
                cut_candidates.append((str(listing_id), str(product_id)))
        health[str(listing_id)] = ListingHealth(
            str(listing_id), str(channel_id), str(product_id), tuple(problems)
        )
    for listing_id, cut in _cuts(cache, cut_candidates, at).items():
        old = health[listing_id]
        health[listing_id] = ListingHealth(
            old.listing_id, old.channel_id, old.product_id, (*old.problems, cut)
        )
    return {
        key: ListingHealth(h.listing_id, h.channel_id, h.product_id, _sorted(h.problems))
        for key, h in health.items()
        if h.problems
    }


def _named(cache: Cache, at: datetime) -> dict[str, Any]:
    now = _julian(at)
    return {
        "now_j": now,
        "soon_j": now + ENDING_DAYS,
        "me": cache.account_id,
        "general": _GENERAL,
        "listed": PlanStatus.LISTED.value,
        "delisted": PlanStatus.DELISTED.value,
        "pending": PlanStatus.PENDING_EFFECT.value,
        "on_sale": ProductStatus.LISTED.value,
    }


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: _RANK[p.reason]))


def _after_listing(listing_id: str, moment: str) -> bool:
    """Whether ``moment`` is after the listing was made (unknown: taken as after)."""
    listed = listed_at(listing_id)
    try:
        return listed is None or _parse(moment) >= listed
    except ValueError:
        return True


# --- commission cuts ----------------------------------------------------------------------------


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
        ran = self.status in (PlanStatus.LISTED.value, PlanStatus.DELISTED.value)
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
    covering = [p for p in plans if (p.status == PlanStatus.LISTED.value or not running)]
    covering = [p for p in covering if p.covers(at)]
    named = [p for p in covering if p.my is not None]
    pool = named or covering
    if not pool:
        return None
    best = max(pool, key=lambda p: (p.rate_at(at) if not running else _now_rate(p), p.plan_id))
    return (best.rate_at(at) if not running else _now_rate(best)), best


def _now_rate(plan: _Plan) -> int:
    return plan.rate if plan.my is None else plan.my


def _cuts(
    cache: Cache, candidates: list[tuple[str, str]], now: datetime
) -> dict[str, Problem]:
    """Listings among ``candidates`` (listing id, product id) that earn less now than when they
    were made."""
    if not candidates:
        return {}
    plans = _plans_of(cache, sorted({pid for _l, pid in candidates}))
    out: dict[str, Problem] = {}
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
        out[listing_id] = Problem(
            Reason.COMMISSION_CUT, at=_iso(since), before_ppm=before, after_ppm=after
        )
    return out


def _plans_of(cache: Cache, product_ids: list[str]) -> dict[str, list[_Plan]]:
    me = cache.account_id
    out: dict[str, list[_Plan]] = {}
    by_id: dict[str, _Plan] = {}
    for start in range(0, len(product_ids), _CHUNK):
        chunk = product_ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for plan_id, data in cache.conn.execute(
            f"SELECT id, data FROM record INDEXED BY record_plan_product WHERE entity = 'plan' "
            f"AND json_extract(data, '$.product_id') IN ({marks})",
            chunk,
        ):
            try:
                row = json.loads(data)
                plan = _Plan(
                    str(plan_id),
                    str(row["plan_type"]),
                    int(row["status"]),
                    _parse(str(row["begin_at"])),
                    _parse(str(row["end_at"])),
                    int(row["rate_ppm"]),
                    _my_live_rate(row, me),
                )
            except (KeyError, TypeError, ValueError):
                continue  # a row this app cannot read
            out.setdefault(str(row["product_id"]), []).append(plan)
            by_id[plan.plan_id] = plan
    ids = list(by_id)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for plan_id, rate, seen in cache.conn.execute(
            "SELECT subject_id, rate_ppm, seen_at FROM commission_history "
            f"WHERE subject = 'plan' AND subject_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            try:
                by_id[str(plan_id)].history.append((_parse(str(seen)), int(rate)))
            except ValueError:
                continue
    return out


def _my_live_rate(plan: dict[str, Any], me: str) -> int | None:
    for named in plan.get("creators") or []:
        if isinstance(named, dict) and named.get("creator_id") == me:
            if named.get("status", CooperationStatus.ACCEPTED.value) in _CANCELLED:
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


def _utc(now: datetime | None) -> datetime:
    at = now or datetime.now(UTC)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _parse(text: str) -> datetime:
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


_JULIAN_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_JULIAN_AT_EPOCH = 2440587.5


def _julian(at: datetime) -> float:
    return _JULIAN_AT_EPOCH + (at - _JULIAN_EPOCH).total_seconds() / 86400


def _from_julian(value: float) -> str:
    at = _JULIAN_EPOCH + timedelta(days=float(value) - _JULIAN_AT_EPOCH)
    return _iso(at.replace(microsecond=0))


# --- replacements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A product that could take a listing's place."""

    product_id: str
    title: str
    shop_name: str
    price_fen: int
    rate_ppm: int  # what I earn under its best running plan
    per_sale_fen: int  # price × rate, half-up
    monthly_sales: int
    stock: int

    @property
    def score(self) -> int:
        """Commission per sale × monthly sales: what it should earn in a month."""
        return self.per_sale_fen * self.monthly_sales


_CANDIDATES = """
SELECT p.id, p.title, p.shop_name, p.price_fen, p.monthly_sales, p.stock,
  max(CASE WHEN my IS NOT NULL THEN my END), max(CASE WHEN typ = :general THEN rate END)
FROM product p
JOIN (
  SELECT json_extract(r.data, '$.product_id') AS pid, json_extract(r.data, '$.plan_type') AS typ,
    json_extract(r.data, '$.rate_ppm') AS rate,
    CASE WHEN json_extract(r.data, '$.plan_type') != :general THEN (
      SELECT json_extract(c.value, '$.rate_ppm') FROM json_each(r.data, '$.creators') c
      WHERE json_extract(c.value, '$.creator_id') = :me
        AND coalesce(json_extract(c.value, '$.status'), 2) NOT IN (3, 4, 5)) END AS my,
    json_extract(r.data, '$.status') AS st,
    julianday(json_extract(r.data, '$.begin_at')) AS b,
    julianday(json_extract(r.data, '$.end_at')) AS e
  FROM record r INDEXED BY record_plan_product
  WHERE r.entity = 'plan' AND json_extract(r.data, '$.product_id') IN (
    SELECT id FROM product WHERE category3_id = :category AND status = :on_sale AND stock > 0)
) pl ON pl.pid = p.id
WHERE pl.st = :listed AND pl.b <= :now_j AND :now_j < pl.e AND (pl.typ = :general OR pl.my IS NOT NULL)
  AND p.id NOT IN (
    SELECT json_extract(data, '$.product_id') FROM record INDEXED BY record_listing_channel
    WHERE entity = 'listing' AND json_extract(data, '$.channel_id') = :channel)
GROUP BY p.id
"""


class ListingGone(LookupError):
    """The listing is not in the cache any more (deleted meanwhile): nothing was queued."""


class AlreadyThere(ValueError):
    """The product is already on that channel: nothing was queued."""


def replacements(
    cache: Cache, listing_id: str, limit: int = 10, now: datetime | None = None
) -> list[Suggestion]:
    """Products that could replace the listing on its channel: the same level-3 category as its
    product, promotable now (listed, in stock), with a plan I earn under running now, and not
    on that channel yet; best first by commission per sale × monthly sales. Empty when the
    listing is gone, or its product left the catalogue (its category is unknown then)."""
    listing = cache.get("listing", listing_id)
    if listing is None:
        return []
    product = cache.conn.execute(
        "SELECT category3_id FROM product WHERE id = ?", (listing.get("product_id"),)
    ).fetchone()
    if product is None:
        return []
    params = {
        **_named(cache, _utc(now)),
        "category": int(product[0]),
        "channel": str(listing.get("channel_id")),
    }
    found: list[Suggestion] = []
    for pid, title, shop, price, sales, stock, named, general in cache.conn.execute(
        _CANDIDATES, params
    ):
        rate = int(named if named is not None else general)
        found.append(
            Suggestion(
                str(pid), str(title), str(shop), int(price), rate,
                commission_fen(int(price), rate), int(sales), int(stock),
            )
        )  # fmt: skip
    found.sort(key=lambda s: (-s.score, -s.monthly_sales, s.product_id))
    return found[: max(0, limit)]


_CARRIED = ("position", "pinned", "hidden", "start_at", "end_at")
"""What a replacement takes over from the listing it replaces: where and when it shows (its
custom title and selling points described the old product, so they stay behind)."""


def replace(cache: Cache, listing_id: str, product_id: str) -> str:
    """Replace the listing by a listing of ``product_id`` on the same channel at the same place:
    ``listing.delete`` then ``listing.create`` queued together in the caller's transaction
    (``SyncController.edit_with``), so both go or neither. The new listing's id."""
    with cache.write():
        old = cache.get("listing", listing_id)
        if old is None:
            raise ListingGone(listing_id)
        channel_id = str(old["channel_id"])
        there = cache.conn.execute(
            "SELECT 1 FROM record INDEXED BY record_listing_channel WHERE entity = 'listing' "
            "AND json_extract(data, '$.channel_id') = ? AND json_extract(data, '$.product_id') = ?",
            (channel_id, product_id),
        ).fetchone()
        if there is not None:
            raise AlreadyThere(product_id)
        new_id = uuid7()
        payload: dict[str, Any] = {"channel_id": channel_id, "product_id": product_id}
        payload.update({k: old[k] for k in _CARRIED if old.get(k) is not None})
        cache.enqueue_many(
            [("listing.delete", listing_id, {}, None), ("listing.create", new_id, payload, None)]
        )
    return new_id
