"""A creator's applications read from a real cache (store/applications.py): newest first, the
filters in SQL, each application's timeline from its own times, an application made offline
shown at once with its plan's product, and the newest window read off the cache's index (no
sort of every application)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.enums import ApplicationStatus, PlanType
from workbench.core.errors import DomainError, ErrorCode
from workbench.store import applications as store
from workbench.store import plan_edits, steps
from workbench.store.cache import Cache
from workbench.store.schema import PRODUCT_COLUMNS

ME = "creator-1"
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _product(n: int, shop: str) -> tuple[Any, ...]:
    return (f"p{n}", f"shop-{shop}", shop, f"商品 {n} 款", 1, 2, 3, 1990, 10, 100, 200_000, 0, 0,
            "listed", _iso(NOW), 1)  # fmt: skip


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ME) as opened:
        with opened.write():
            marks = ",".join("?" * len(PRODUCT_COLUMNS))
            opened.conn.executemany(
                f"INSERT INTO product ({','.join(PRODUCT_COLUMNS)}) VALUES ({marks})",
                [_product(n, "山野茶铺" if n % 2 else "好食光零食铺") for n in range(6)],
            )
        changes = []
        for n in range(6):
            kind = PlanType.TARGETED if n == 3 else PlanType.GENERAL
            plan = {"id": f"plan-{n}", "product_id": f"p{n}", "merchant_id": "m-1",
                    "plan_type": kind.value, "rate_ppm": (10 + n) * 10_000, "status": 1,
                    "begin_at": _iso(NOW - timedelta(days=30)),
                    "end_at": _iso(NOW + timedelta(days=30)), "creators": [], "version": 1}  # fmt: skip
            changes.append(Change(entity="plan", id=plan["id"], version=1, op="upsert", data=plan))
        states = ["pending", "approved", "rejected", "withdrawn", "approved"]
        for n, status in enumerate(states):
            created = NOW - timedelta(days=10 - n)
            app = {"id": f"app-{n}", "plan_id": f"plan-{n}", "product_id": f"p{n}",
                   "creator_id": ME, "merchant_id": "m-1", "status": status,
                   "message": f"留言 {n}", "plan_rate_ppm": (10 + n) * 10_000,
                   "reason": "名额已满" if status == "rejected" else None,
                   "created_at": _iso(created),
                   "decided_at": _iso(created + timedelta(hours=5))
                   if status in ("approved", "rejected") else None,
                   "withdrawn_at": _iso(created + timedelta(hours=2))
                   if status == "withdrawn" else None, "version": 1}  # fmt: skip
            changes.append(Change(entity="application", id=app["id"], version=1, op="upsert",
                                  data=app))  # fmt: skip
        steps.apply_changes(opened, Scope.ACCOUNT, changes, "c1")
        yield opened


def test_newest_first_with_each_timeline(cache: Cache) -> None:
    rows = store.window(cache)
    assert [r.id for r in rows] == [f"app-{n}" for n in (4, 3, 2, 1, 0)]
    assert store.count(cache) == 5
    by_id = {r.id: r for r in rows}
    assert [(s.what, s.reason) for s in by_id["app-2"].timeline] == [
        ("applied", None), ("rejected", "名额已满")
    ]  # fmt: skip
    withdrawn = by_id["app-3"].timeline
    assert [s.what for s in withdrawn] == ["applied", "withdrawn"]
    assert withdrawn[1].at == by_id["app-3"].withdrawn_at and withdrawn[1].at
    approved = by_id["app-1"]
    assert [s.what for s in approved.timeline] == ["applied", "approved"]
    assert approved.timeline[1].at == approved.decided_at
    assert [s.what for s in by_id["app-0"].timeline] == ["applied"]
    assert approved.shop_name == "山野茶铺" and approved.plan_type is PlanType.GENERAL
    assert store.one(cache, "app-2") == by_id["app-2"]
    assert store.shops(cache) == sorted({"山野茶铺", "好食光零食铺"})
    assert [r.id for r in store.window(cache, offset=1, limit=2)] == ["app-3", "app-2"]


def test_filters_narrow_in_sql(cache: Cache) -> None:
    def ids(**kw: Any) -> list[str]:
        f = store.ApplicationFilter(**kw)
        found = [r.id for r in store.window(cache, f)]
        assert store.count(cache, f) == len(found)
        return found

    assert ids(status=ApplicationStatus.APPROVED) == ["app-4", "app-1"]
    assert ids(product="商品 2") == ["app-2"]
    assert ids(shop="好食光零食铺") == ["app-4", "app-2", "app-0"]
    assert ids(plan_type=PlanType.TARGETED) == ["app-3"]
    assert ids(min_rate_ppm=130_000) == ["app-4", "app-3"]
    assert ids(status=ApplicationStatus.APPROVED, shop="山野茶铺") == ["app-1"]
    assert ids(status=ApplicationStatus.PENDING, product="没有") == []


def test_an_offline_application_shows_at_once_with_its_plans_product(cache: Cache) -> None:
    app_id = plan_edits.apply(cache, "plan-5", 150_000, "粉丝 3 万")
    row = store.window(cache, limit=1)[0]
    assert (row.id, row.status, row.pending) == (app_id, ApplicationStatus.PENDING, True)
    assert (row.product_id, row.title, row.rate_ppm) == ("p5", "商品 5 款", 150_000)
    assert row.message == "粉丝 3 万" and row.timeline[0].at
    with pytest.raises(DomainError) as again:
        plan_edits.apply(cache, "plan-5", 150_000)
    assert again.value.code is ErrorCode.DUPLICATE_APPLICATION
    with pytest.raises(DomainError) as long:
        plan_edits.apply(cache, "plan-4", 140_000, "长" * 501)
    assert long.value.code is ErrorCode.INVALID_PAYLOAD
    plan_edits.withdraw(cache, app_id)
    gone = store.one(cache, app_id)
    assert gone is not None and gone.status is ApplicationStatus.WITHDRAWN
    assert [s.what for s in gone.timeline] == ["applied", "withdrawn"] and gone.withdrawn_at
    with pytest.raises(DomainError):
        plan_edits.withdraw(cache, "app-1")  # approved: no longer withdrawable


@pytest.mark.parametrize(
    ("flt", "index"),
    [
        (store.ApplicationFilter(), "record_application_creator"),
        (store.ApplicationFilter(status=ApplicationStatus.APPROVED), "record_application_"),
    ],
)
def test_the_newest_window_is_read_off_an_index(
    cache: Cache, flt: store.ApplicationFilter, index: str
) -> None:
    where, args = store._where(cache, flt)
    sql = f"EXPLAIN QUERY PLAN {store._COLUMNS} {where} {store._NEWEST} LIMIT 200"
    plan = " | ".join(str(row[-1]) for row in cache.conn.execute(sql, args))
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sort of every application
