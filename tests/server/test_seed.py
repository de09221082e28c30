"""The demo seeder: deterministic, complete (every state occurs), consistent with the plan rules
and the money rules, and its bulk-written change log equal to what ``record_upsert`` writes."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.dialects import sqlite

from workbench.core.enums import (
    ApplicationStatus,
    ChannelKind,
    OrderStatus,
    PlanStatus,
    PlanType,
    SampleStatus,
)
from workbench.core.money import commission_fen
from workbench.core.workflow import content_due
from workbench.server import changes
from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.security import verify_password
from workbench.server.seed import ids
from workbench.server.seed.seeder import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    ReviewSizes,
    SeedSummary,
    seed_database,
)
from workbench.server.serialize import to_wire

NOW = datetime(2026, 3, 1, tzinfo=UTC)
Seeded = tuple[Path, Database, SeedSummary]
PRODUCTS = 2_000
PER_DAY = 6.0  # creator_demo's orders a day: a year of orders in well under a second


def _seed(path: Path, *, seed: int = 42) -> tuple[Database, SeedSummary]:
    db = Database(f"sqlite:///{path}")
    return db, seed_database(db, products=PRODUCTS, seed=seed, now=NOW, orders_per_day=PER_DAY)


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    path = tmp_path_factory.mktemp("seed") / "s.sqlite3"
    db, summary = _seed(path)
    yield path, db, summary
    db.dispose()


def test_same_seed_and_now_give_identical_rows(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "c.sqlite3"
    for path, seed in ((a, 42), (b, 42), (c, 7)):
        _seed(path, seed=seed)[0].dispose()
    for table in ("product", "order_", "order_line", "plan", "shop", "change_log"):
        first = _rows(a, f"SELECT * FROM {table} ORDER BY 1")
        assert first, table
        assert first == _rows(b, f"SELECT * FROM {table} ORDER BY 1"), table
    accounts = "SELECT id, login, display_name, finder_id, talent_appid FROM account ORDER BY 1"
    assert _rows(a, accounts) == _rows(b, accounts)
    assert _rows(a, "SELECT * FROM product") != _rows(c, "SELECT * FROM product")


def test_seeding_twice_raises(seeded: Seeded) -> None:
    _path, db, summary = seeded
    with pytest.raises(RuntimeError, match="database already seeded"):
        seed_database(db, products=PRODUCTS, now=NOW, orders_per_day=PER_DAY)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Order)) == summary.orders


def test_summary_counts_match_the_tables(seeded: Seeded) -> None:
    path, _db, summary = seeded
    for table, expected in (
        ("product", summary.products),
        ("shop", summary.shops),
        ("order_", summary.orders),
        ("order_line", summary.order_lines),
        ("plan", summary.plans),
        ("change_log", summary.change_log),
    ):
        assert _rows(path, f"SELECT COUNT(*) FROM {table}") == [(expected,)], table
    assert summary.products == PRODUCTS and summary.shops == 20


def test_demo_accounts_log_in_with_the_demo_password(
    seeded: Seeded,
) -> None:
    _path, db, _summary = seeded
    with db.read() as s:
        accounts = {a.login: _columns(a) for a in s.scalars(select(m.Account))}
    for login in DEMO_LOGINS.values():
        assert verify_password(DEMO_PASSWORD, accounts[login]["password_hash"])
    demo, legacy = accounts["creator_demo"], accounts["creator_legacy"]
    assert (demo["role"], demo["identity"]) == ("creator", "talent") and demo["talent_appid"]
    assert (legacy["identity"], legacy["talent_appid"]) == ("finder", None)
    assert legacy["finder_id"]
    assert sum(a["role"] == "creator" for a in accounts.values()) >= 20
    assert {accounts["merchant_demo"]["role"], accounts["merchant_b"]["role"]} == {"merchant"}


def test_categories_form_a_three_level_tree(seeded: Seeded) -> None:
    path, _db, _summary = seeded
    rows = _rows(path, "SELECT id, level, parent_id FROM category")
    level = {i: lv for i, lv, _p in rows}
    children: dict[int, int] = Counter(p for _i, _lv, p in rows if p is not None)
    tops = [i for i, lv, _p in rows if lv == 1]
    assert len(tops) >= 12 and sorted(tops) == list(range(1, len(tops) + 1))
    for i, lv, parent in rows:
        assert (parent is None) == (lv == 1)
        if lv < 3:
            assert (2 <= children[i] <= 5) if lv == 1 else (2 <= children[i] <= 4)
        else:
            assert level[parent] == 2
    bad = _rows(
        path,
        """
        SELECT COUNT(*) FROM product p JOIN category c3 ON c3.id = p.category3_id
        JOIN category c2 ON c2.id = p.category2_id
        WHERE c3.parent_id != p.category2_id OR c2.parent_id != p.category1_id""",
    )
    assert bad == [(0,)]


def test_products_look_like_a_catalogue(seeded: Seeded) -> None:
    path, _db, _summary = seeded
    assert _rows(
        path, "SELECT MIN(id), MAX(id), MIN(LENGTH(id)), MAX(LENGTH(id)) FROM product"
    ) == [("1000000000001", str(1000000000000 + PRODUCTS), 13, 13)]
    for word in ("茶", "零食", "面膜"):
        assert _rows(path, f"SELECT COUNT(*) FROM product WHERE title LIKE '%{word}%'")[0][0] > 0
    assert _rows(path, "SELECT COUNT(*) FROM product WHERE title GLOB '*[A-Za-z]*'")[0][0] > 0
    statuses = dict(_rows(path, "SELECT status, COUNT(*) FROM product GROUP BY 1"))
    assert statuses["listed"] > 0.9 * PRODUCTS
    assert statuses["delisted"] and statuses["sale_forbidden"]
    (low, high, off, odd, stock0, seven) = _rows(
        path,
        """
        SELECT MIN(commission_ppm), MAX(commission_ppm), MAX(service_fee_ppm),
               SUM(commission_ppm % 10000 != 0), SUM(stock = 0), SUM(guarantee_flags & 1)
        FROM product""",
    )[0]
    assert low >= 10_000 and high <= 500_000 and off <= 100_000 and odd == 0
    assert stock0 > 0 and seven > 0.8 * PRODUCTS
    first, last = _rows(path, "SELECT MIN(listed_at), MAX(listed_at) FROM product")[0]
    assert ids.sqlite_time(NOW - timedelta(days=731)) < first and last < ids.sqlite_time(NOW)
    assert _rows(path, "SELECT MIN(score_x10) >= 40, MAX(score_x10) <= 50 FROM shop") == [(1, 1)]


def test_every_application_and_sample_state_occurs(
    seeded: Seeded,
) -> None:
    _path, db, _summary = seeded
    with db.read() as s:
        applications = s.scalars(select(m.Application)).all()
        samples = s.scalars(select(m.Sample)).all()
        plans = {
            p.id: (p.rate_ppm, {c.creator_id: c.rate_ppm for c in p.creators})
            for p in s.scalars(select(m.Plan))
        }
        s.expunge_all()  # plain objects from here on
    assert {a.status for a in applications} == {x.value for x in ApplicationStatus}
    assert {x.status for x in samples} == {x.value for x in SampleStatus}
    for app in applications:
        rate, named = plans[app.plan_id]
        assert app.plan_rate_ppm == named.get(app.creator_id, rate)
        assert (app.decided_at is not None) == (app.status in ("approved", "rejected"))
        assert bool(app.reason) == (app.status == "rejected")
    for sample in samples:
        shipped = sample.status in ("shipped", "fulfilled", "overdue")
        assert (sample.shipped_at is not None) == shipped == bool(sample.tracking_no)
        if shipped:
            assert sample.content_due_at == content_due(sample.shipped_at, sample.extended)
        assert (sample.content_url is not None) == (sample.status == "fulfilled")
        if sample.status == "overdue":
            assert sample.content_due_at < NOW
        if sample.status == "shipped":
            assert sample.content_due_at > NOW
        assert (sample.cost_fen > 0) == (
            sample.status in ("approved", "shipped", "fulfilled", "overdue")
        )


def test_merchant_demo_has_queues_to_review(seeded: Seeded) -> None:
    _path, db, _summary = seeded
    with db.read() as s:
        merchant = s.scalar(select(m.Account.id).where(m.Account.login == DEMO_LOGINS["merchant"]))
        pending = s.scalar(
            select(func.count())
            .select_from(m.Application)
            .where(m.Application.merchant_id == merchant, m.Application.status == "pending")
        )
        samples = s.scalars(select(m.Sample).where(m.Sample.merchant_id == merchant)).all()
        open_pairs = s.execute(
            select(m.Application.plan_id, m.Application.creator_id, func.count())
            .where(m.Application.status.in_(["pending", "approved"]))
            .group_by(m.Application.plan_id, m.Application.creator_id)
            .having(func.count() > 1)
        ).all()
        s.expunge_all()  # plain objects from here on
    assert pending is not None and pending >= 30
    assert open_pairs == []  # one open application per creator and plan, as the rule says
    assert len(samples) >= 20
    states = {x.status for x in samples}
    assert {"requested", "approved", "shipped", "overdue", "fulfilled"} <= states
    shipped = [x for x in samples if x.status == "shipped"]
    assert all(x.tracking_no for x in shipped)
    assert any(
        x.content_due_at is not None and x.content_due_at < NOW + timedelta(days=3) for x in shipped
    )
    assert any(x.extended for x in shipped)


def test_seed_sizes_for_benchmarks(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'big.sqlite3'}")
    try:
        small = seed_database(
            db,
            products=500,
            seed=3,
            now=NOW,
            orders_per_day=0,
            sizes=ReviewSizes(applications=400, samples=60, plans=300),
        )
        with db.read() as s:
            merchant = s.scalar(
                select(m.Account.id).where(m.Account.login == DEMO_LOGINS["merchant"])
            )
            counts = dict(
                s.execute(
                    select(m.Application.status, func.count())
                    .where(m.Application.merchant_id == merchant)
                    .group_by(m.Application.status)
                ).all()
            )
            samples = s.scalar(
                select(func.count()).select_from(m.Sample).where(m.Sample.merchant_id == merchant)
            )
            ended = s.scalar(
                select(func.count())
                .select_from(m.Plan)
                .where(m.Plan.merchant_id == merchant, m.Plan.status == PlanStatus.DELISTED)
            )
    finally:
        db.dispose()
    assert sum(counts.values()) >= 400 and counts["pending"] >= 36
    assert samples is not None and samples >= 60
    assert ended is not None and ended >= 300
    assert small.plans >= 300


def test_plans_follow_the_rules(seeded: Seeded) -> None:
    _path, db, _summary = seeded
    with db.read() as s:
        plans = s.scalars(select(m.Plan)).all()
        products = {p.id: p.commission_ppm for p in s.scalars(select(m.Product))}
        s.expunge_all()  # plain objects from here on (their creators are loaded eagerly)
    live = defaultdict(list)
    for plan in plans:
        if plan.status in (PlanStatus.LISTED, PlanStatus.PENDING_EFFECT) and plan.end_at > NOW:
            live[plan.product_id].append(plan)
    kinds = Counter((p.plan_type, p.status) for p in plans)
    assert kinds[("general", PlanStatus.LISTED)] > 100 and kinds[("general", PlanStatus.DELISTED)]
    assert kinds[("targeted", PlanStatus.LISTED)] and kinds[("exclusive", PlanStatus.LISTED)]
    assert kinds[("general", PlanStatus.PENDING_EFFECT)] >= 1
    for product_id, on_product in live.items():
        types = [p.plan_type for p in on_product]
        general = [
            p
            for p in on_product
            if p.plan_type == PlanType.GENERAL and p.status == PlanStatus.LISTED
        ]
        if "exclusive" in types:
            assert types == ["exclusive"]
        if "targeted" in types:
            assert len(general) == 1
            for plan in on_product:
                if plan.plan_type == "targeted":
                    assert all(c.rate_ppm > general[0].rate_ppm for c in plan.creators)
        if general:
            assert products[product_id] == general[0].rate_ppm
    for plan in plans:
        if plan.status == PlanStatus.PENDING_EFFECT:
            assert plan.begin_at > NOW
        if plan.status == PlanStatus.DELISTED:
            assert plan.end_at < NOW


def test_orders_span_the_year_with_every_kind(seeded: Seeded) -> None:
    path, _db, _summary = seeded
    days = _rows(
        path,
        "SELECT COUNT(DISTINCT DATE(created_at)), MIN(created_at), MAX(created_at) FROM order_",
    )[0]
    assert days[0] >= 300 and days[2] < ids.sqlite_time(NOW)
    statuses = dict(_rows(path, "SELECT status, COUNT(*) FROM order_ GROUP BY 1"))
    assert statuses[OrderStatus.CANCELLED] and statuses[OrderStatus.CANCELLED_AFTER_SALE]
    assert statuses[OrderStatus.COMPLETED] > 0.7 * sum(statuses.values())
    assert (
        _rows(
            path, "SELECT COUNT(*) FROM order_ WHERE is_present AND present_order_id IS NOT NULL"
        )[0][0]
        > 0
    )
    assert _rows(path, "SELECT COUNT(*) FROM order_ WHERE is_b2c_free_present")[0][0] > 0
    partial = """SELECT COUNT(DISTINCT o.id) FROM order_ o JOIN order_line l ON l.order_id = o.id
                 WHERE o.status = 100 AND l.refund_fen > 0"""
    assert _rows(path, partial)[0][0] > 0
    assert _rows(
        path,
        """SELECT COUNT(*) FROM order_ o JOIN order_line l ON l.order_id = o.id
                          WHERE o.status = 200 AND l.refund_fen != l.paid_fen""",
    ) == [(0,)]
    settled = dict(_rows(path, "SELECT commission_status, COUNT(*) FROM order_ GROUP BY 1"))
    assert set(settled) == {20, 100, 200}
    merchants = _rows(
        path,
        """SELECT a.login, COUNT(*) FROM order_ o
                               JOIN account a ON a.id = o.merchant_id GROUP BY 1""",
    )
    mine = sum(n for login, n in merchants if login in ("merchant_demo", "merchant_b"))
    assert mine > 0.7 * sum(n for _login, n in merchants)
    assert _rows(path, "SELECT COUNT(*) FROM order_ WHERE creator_id IS NULL")[0][0] > 0


def test_lines_carry_consistent_money_and_sources(
    seeded: Seeded,
) -> None:
    path, _db, _summary = seeded
    lines = _rows(
        path,
        """
        SELECT l.paid_fen, l.refund_fen, l.commission_ppm, l.commission_fen, l.channel_kind,
               l.account_type, l.scene, o.creator_id, a.login
        FROM order_line l JOIN order_ o ON o.id = l.order_id
        LEFT JOIN account a ON a.id = o.creator_id""",
    )
    assert len(lines) > 1_000
    scene = {"live": 2, "short_video": 3, "showcase": 5, "official_account": 6, "community": 4}
    for paid, refund, ppm, fen, kind, account_type, sc, creator, login in lines:
        assert fen == commission_fen(paid, ppm)
        assert 0 <= refund <= paid
        if creator is None:
            assert (ppm, kind, sc) == (0, None, 1)
        else:
            assert kind is not None and ppm > 0
        if kind in scene:
            assert sc == scene[kind]
        if kind == "official_account":
            assert account_type == 2
        if kind == "mini_program":
            assert account_type == 3
        if login == "creator_legacy":
            assert not ChannelKind(kind).needs_talent_identity
    kinds = {row[4] for row in lines if row[8] == "creator_demo"}
    assert kinds == {k.value for k in ChannelKind}


def test_change_log_equals_what_record_upsert_writes(
    seeded: Seeded,
) -> None:
    _path, db, _summary = seeded
    models = (
        m.Account,
        m.Channel,
        m.Listing,
        m.Favourite,
        m.SavedFilter,
        m.Plan,
        m.Application,
        m.Sample,
        m.Order,
        m.Deposit,
        m.Settlement,
        m.SettlementLine,
        m.MerchantCreator,  # creators' profiles, to the merchants they deal with
    )
    with db.read() as s:
        log: dict[tuple[str, str, str], m.ChangeLog] = {}
        for entry in s.scalars(select(m.ChangeLog)):
            key = (entry.entity, entry.entity_id, entry.audience)
            assert key not in log, key
            log[key] = entry
        seen = 0
        for model in models:
            rows = s.scalars(select(model)).all()
            assert rows, model
            for row in rows:
                for expected in changes.log_entries(row, to_wire(row), NOW):
                    entry = log.pop(
                        (expected["entity"], expected["entity_id"], expected["audience"])
                    )
                    assert (entry.op, entry.version) == ("upsert", row.version)
                    assert entry.created_at == NOW
                    assert entry.data == expected["data"]
                seen += 1
    assert not log  # nothing logged that is not a row (products come by snapshot)
    assert seen > 1_000


def test_timestamps_are_spelled_as_sqlalchemy_and_pydantic_spell_them() -> None:
    bind = m.Order.__table__.c.created_at.type._cached_bind_processor(sqlite.dialect())
    table = ids.SqliteTimeTable(NOW - timedelta(days=3), 5)
    for at in (NOW, NOW - timedelta(days=2, seconds=3_599), NOW + timedelta(hours=23, seconds=59)):
        assert ids.sqlite_time(at) == bind(at)
        assert table.text(int(at.timestamp())) == bind(at)
        assert ids.wire_time(at) == TypeAdapter(datetime).dump_python(at, mode="json")


def test_bulk_load_keeps_schema_and_foreign_keys(seeded: Seeded) -> None:
    path, _db, _summary = seeded
    assert _rows(path, "PRAGMA foreign_key_check") == []
    indexes = {
        name
        for (name,) in _rows(
            path, "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='product'"
        )
    }
    assert "ix_product_shop_id" in indexes


@pytest.mark.postgres
def test_postgres_seed_matches_sqlite(tmp_path: Path) -> None:
    """COPY on PostgreSQL writes the same rows as executemany on SQLite."""
    server = os.environ.get("WORKBENCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
    admin_url = f"{server}/postgres"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"seedtest_{os.getpid()}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # no server here: nothing to compare against
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    pg = Database(f"{server}/{name}")
    try:
        seed_database(pg, products=PRODUCTS, now=NOW, orders_per_day=PER_DAY)
        lite, _summary = _seed(tmp_path / "lite.sqlite3")
        for model, key in ((m.Product, m.Product.id), (m.Order, m.Order.id), (m.Plan, m.Plan.id)):
            with pg.read() as a, lite.read() as b:
                left = [to_wire(r) for r in a.scalars(select(model).order_by(key))]
                right = [to_wire(r) for r in b.scalars(select(model).order_by(key))]
            assert left == right, model
        lite.dispose()
    finally:
        pg.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()
