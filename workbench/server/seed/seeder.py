"""``seed_database``: fill an empty server database with the deterministic demo dataset.

The embedded server seeds on first run, and load tests seed a million products, so the whole
seed is one transaction of bulk writes (``bulk.BulkWriter``), not ORM sessions. Each part draws
from its own ``random.Random`` stream named after it, so the products do not change when the
order generator does; same seed and same ``now`` give the same rows (the one exception is the
accounts' password hash, whose salt ``security.hash_password`` draws itself).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from workbench.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.core.enums import ChannelKind, PlanStatus, ProductStatus
from workbench.server import migrate
from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.security import hash_password
from workbench.server.seed import catalog, health_demo, money, people
from workbench.server.seed.bulk import BulkWriter
from workbench.server.seed.feed import ChangeFeed, creator_wire, order_wire, plan_wire, transient
from workbench.server.seed.ids import SqliteTimeTable, start_of_day, whole_seconds
from workbench.server.seed.orders import Sellable, Seller, build_orders
from workbench.server.seed.plans import PlanInfo, build_history_plans, build_plans
from workbench.server.seed.settlements import PLANTED_KEY, SettlementMaker
from workbench.server.seed.tables import TableWriter
from workbench.server.seed.workflow import (
    REVIEW_APPLICATIONS,
    REVIEW_SAMPLES,
    build_applications,
    build_review_applications,
    build_review_samples,
    build_samples,
)
from workbench.server.types import utcnow

DEFAULT_ORDERS_PER_DAY = 60.0  # creator_demo's average; the other sellers scale with it
LINES_PER_ORDER = 1.24  # the order maker's average, measured (886,645 lines in 714,303 orders)
MIN_PRODUCTS = 500
EXTRA_CREATORS = 20
NEWCOMERS = 3  # creators whose first application to merchant_demo waits in its queue
META_KEY = "demo_seed"

_DEMO_CHANNEL_MIX = {
    ChannelKind.LIVE: 0.38,
    ChannelKind.SHORT_VIDEO: 0.2,
    ChannelKind.SHOWCASE: 0.2,
    ChannelKind.OFFICIAL_ACCOUNT: 0.08,
    ChannelKind.COMMUNITY: 0.06,
    ChannelKind.MINI_PROGRAM: 0.05,
    ChannelKind.SERVICE_ACCOUNT: 0.03,
}
_FINDER_CHANNEL_MIX = {
    ChannelKind.LIVE: 0.45,
    ChannelKind.SHOWCASE: 0.35,
    ChannelKind.SHORT_VIDEO: 0.2,
}


@dataclass(frozen=True)
class ReviewSizes:
    """What merchant_demo has to review, and its extra (ended) plans: ``seed --applications``."""

    applications: int = REVIEW_APPLICATIONS  # at least 36 of them pending (as pairs allow)
    samples: int = REVIEW_SAMPLES
    plans: int = 0


@dataclass(frozen=True)
class SeedSummary:
    products: int
    shops: int
    orders: int
    order_lines: int
    plans: int
    seconds: float
    product_seconds: float = 0.0  # the product insert alone (generation included)
    accounts: int = 0
    categories: int = 0
    listings: int = 0
    applications: int = 0
    samples: int = 0
    change_log: int = 0
    settlement_lines: int = 0


def seed_database(
    db: Database,
    *,
    products: int = 20_000,
    seed: int = 42,
    now: datetime | None = None,
    orders_per_day: float | None = None,
    sizes: ReviewSizes | None = None,
    bulk_order_lines: int = 0,
) -> SeedSummary:
    """Seed an empty database (migrated here first); raise ``RuntimeError`` if it has accounts.

    ``now`` (default: today 00:00 UTC) is the end of the year of orders; ``orders_per_day`` is
    creator_demo's average daily orders (default 60), lower it for quick tests. ``sizes``:
    merchant_demo's review queues and extra plans (benchmarks ask for big ones).

    ``bulk_order_lines`` (benchmarks): creator_demo sells about that many order lines over the
    year instead (the others as ``orders_per_day`` says), and its orders and settlement lines
    are written without change-log entries: clients load them from the account's order
    snapshot (``/v1/sync/snapshot/order_line``), which is how a first sync reads orders anyway;
    the feed carries their later changes.
    """
    if products < MIN_PRODUCTS:
        raise ValueError(f"the demo needs at least {MIN_PRODUCTS} products")
    if orders_per_day is not None and orders_per_day < 0:
        raise ValueError("orders_per_day must not be negative")
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    started = time.perf_counter()
    at = whole_seconds(now) if now is not None else start_of_day(utcnow())
    migrate.upgrade(db.engine)
    password_hash = hash_password(DEMO_PASSWORD)  # slow by design: outside the write lock
    writer = BulkWriter(db)
    try:
        writer.begin()
        if writer.execute("SELECT COUNT(*) FROM account")[0][0]:
            raise RuntimeError("database already seeded")
        run = _Run(writer, seed, at, password_hash)
        counts = run.all(
            products,
            DEFAULT_ORDERS_PER_DAY if orders_per_day is None else orders_per_day,
            sizes or ReviewSizes(),
            bulk_order_lines,
        )
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        writer.close()
    return SeedSummary(seconds=time.perf_counter() - started, **counts)


class _Run:
    """One seeding: the parts in foreign-key order, each logged to the change feed."""

    def __init__(self, writer: BulkWriter, seed: int, now: datetime, password_hash: str) -> None:
        self.writer, self.seed, self.now, self.password_hash = writer, seed, now, password_hash
        self.feed = ChangeFeed(writer, now)
        # (merchant, creator) -> when they first dealt with each other: ``merchant_creator``
        self.links: dict[tuple[str, str], datetime] = {}

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}:{part}")

    def all(
        self, products: int, orders_per_day: float, sizes: ReviewSizes, bulk_lines: int = 0
    ) -> dict[str, Any]:
        categories = self.writer.insert(
            "category", ["id", "name", "level", "parent_id"], catalog.category_rows()
        )
        shop_count = catalog.shop_count(products)
        folks = people.build_accounts(
            self.rng("people"),
            self.now,
            self.password_hash,
            DEMO_LOGINS,
            EXTRA_CREATORS,
            catalog.extra_merchants_needed(shop_count),
            NEWCOMERS,
        )
        self._write(m.Account, folks.rows)
        shops = catalog.build_shops(self.rng("shops"), shop_count, folks.merchant_ids, self.now)
        self.writer.insert(
            "shop",
            ["id", "merchant_id", "name", "score_x10"],
            [(s.id, s.merchant_id, s.name, s.score_x10) for s in shops],
        )
        goods = catalog.Catalog(shops)
        product_seconds = self._products(goods, products)

        own: dict[str, list[catalog.ProductInfo]] = {
            folks.merchant_demo.id: [],
            folks.merchant_b.id: [],
        }
        for product in goods.own:
            own[shops[product.shop_index].merchant_id].append(product)
        plans = build_plans(
            self.rng("plans"),
            self.now,
            list(own.items()),
            folks.creator_demo.id,
            folks.creator_legacy.id,
            [p.id for p in folks.extra_creators],
        )
        soon = health_demo.ending_soon_plan(self.rng("health"), self.now, plans, goods.own, shops)
        if soon is not None:
            plans.append(soon)
        self._plans(plans)

        channels = people.build_channels(self.rng("channels"), folks)
        listings = self._creators_things(folks, channels, goods, plans)
        applications = build_applications(
            self.rng("applications"),
            self.now,
            plans,
            [
                (folks.creator_demo.id, folks.creator_demo.display_name),
                (folks.creator_legacy.id, folks.creator_legacy.display_name),
            ],
        )
        self._write(m.Application, applications, related=True)
        samples = build_samples(
            self.rng("samples"),
            self.now,
            [(shops[p.shop_index].merchant_id, p) for p in people.promotable(goods.own)],
            [folks.creator_demo.id, folks.creator_legacy.id],
        )
        self._write(m.Sample, samples, related=True)
        review = self._review(folks, goods, shops, plans, sizes)

        sellers = self._sellers(folks, channels, goods, shops, plans, orders_per_day)
        tally = money.Tally(frozenset((folks.creator_demo.id, folks.creator_legacy.id)))
        bulk = None
        if bulk_lines:
            bulk = folks.creator_demo.id
            sellers[0].per_day = bulk_lines / 365 / LINES_PER_ORDER
        settlements = SettlementMaker(self.rng("settlements"), self.now, folks.creator_demo.id)
        orders, lines, settled = self._orders(sellers, tally, settlements, bulk)
        self._money(folks, tally)
        self._links(folks)
        self.writer.insert(
            "server_meta",
            ["key", "value"],
            [(PLANTED_KEY, json.dumps([list(p) for p in settlements.planted]))],
        )
        self.writer.insert(
            "server_meta",
            ["key", "value"],
            [
                (
                    META_KEY,
                    json.dumps(
                        {
                            "seed": self.seed,
                            "products": products,
                            "now": self.now.isoformat(),
                            "orders_per_day": orders_per_day,
                        }
                    ),
                )
            ],
        )
        self.feed.flush()
        return {
            "products": products,
            "shops": len(shops),
            "orders": orders,
            "order_lines": lines,
            "plans": len(plans) + review["plans"],
            "product_seconds": product_seconds,
            "accounts": len(folks.rows),
            "categories": categories,
            "listings": listings,
            "applications": len(applications) + review["applications"],
            "samples": len(samples) + review["samples"],
            "change_log": self.feed.count,
            "settlement_lines": settled,
        }

    def _review(
        self,
        folks: people.People,
        goods: catalog.Catalog,
        shops: list[catalog.ShopSpec],
        plans: list[PlanInfo],
        sizes: ReviewSizes,
    ) -> dict[str, int]:
        """merchant_demo's review queues (other creators' applications and sample requests)
        and its extra plan history (``sizes``); none of it takes part in the orders."""
        merchant = folks.merchant_demo.id
        own = [p for p in goods.own if shops[p.shop_index].merchant_id == merchant]
        history = build_history_plans(
            self.rng("plan-history"), self.now, own, merchant, sizes.plans
        )
        self._plans(history)
        extra = [(p.id, p.display_name) for p in folks.extra_creators]
        applications = build_review_applications(
            self.rng("review-applications"), self.now, plans, merchant, extra, sizes.applications
        )
        self._write(m.Application, applications, related=True)
        firsts = build_review_applications(
            self.rng("newcomers"),
            self.now,
            plans,
            merchant,
            [(p.id, p.display_name) for p in folks.newcomers],
            len(folks.newcomers),
        )
        self._write(m.Application, firsts, related=True)
        samples = build_review_samples(
            self.rng("review-samples"),
            self.now,
            people.promotable(own),
            merchant,
            [p.id for p in folks.extra_creators],
            sizes.samples,
        )
        self._write(m.Sample, samples, related=True)
        return {
            "plans": len(history),
            "applications": len(applications) + len(firsts),
            "samples": len(samples),
        }

    def _write(
        self, model: type[m.Base], rows: list[dict[str, Any]], *, related: bool = False
    ) -> None:
        """Write rows and log them; ``related``: each relates its merchant and creator."""
        table = TableWriter(self.writer, model)
        for row in rows:
            table.add(row)
            self.feed.upsert(model, row)
            if related:
                self._relate(row["merchant_id"], row["creator_id"], row["created_at"])
        table.flush()

    def _relate(self, merchant_id: str, creator_id: str | None, at: datetime) -> None:
        """Note that a merchant and a creator deal with each other (first time kept)."""
        if creator_id:
            key = (merchant_id, creator_id)
            first = self.links.get(key)
            if first is None or at < first:
                self.links[key] = at

    def _links(self, folks: people.People) -> None:
        """The merchant-creator relations, each sending the creator's profile to the merchant's
        feed (``server/creator_links.py`` does the same for the relations mutations start)."""
        accounts = {row["id"]: row for row in folks.rows}
        table = TableWriter(self.writer, m.MerchantCreator)
        for (merchant_id, creator_id), since in sorted(self.links.items()):
            row = {"merchant_id": merchant_id, "creator_id": creator_id, "since": since}
            table.add(row)
            creator = accounts[creator_id]
            self.feed.upsert(
                m.MerchantCreator,
                row,
                creator_wire(creator),
                creator=transient(m.Account, creator),
            )
        table.flush()

    def _products(self, goods: catalog.Catalog, count: int) -> float:
        started = time.perf_counter()
        spell: Callable[[int], Any]
        if self.writer.is_sqlite:
            first = self.now - timedelta(days=catalog.LISTED_WITHIN_DAYS + 1)
            spell = SqliteTimeTable(first, catalog.LISTED_WITHIN_DAYS + 3).text
        else:
            spell = _epoch_to_datetime
        rows = catalog.product_rows(self.rng("products"), goods, count, self.now, spell)
        with self.writer.indexes_dropped("product"):
            self.writer.insert("product", catalog.PRODUCT_COLUMNS, rows)
        return time.perf_counter() - started

    def _plans(self, plans: list[PlanInfo]) -> None:
        table = TableWriter(self.writer, m.Plan)
        named = TableWriter(self.writer, m.PlanCreator, parent=table)
        for plan in plans:
            table.add(plan.row)
            for creator in plan.creators:
                named.add(creator)
            for person in plan.creators:
                self._relate(plan.row["merchant_id"], person["creator_id"], plan.row["created_at"])
            self.feed.upsert(
                m.Plan,
                plan.row,
                plan_wire(plan.row, plan.creators),
                creators=[m.PlanCreator(**c) for c in plan.creators],
            )
        named.flush()

    def _creators_things(
        self,
        folks: people.People,
        channels: dict[str, list[dict[str, Any]]],
        goods: catalog.Catalog,
        plans: list[PlanInfo],
    ) -> int:
        """Channels of every creator; listings, favourites, saved filters of the two demo ones."""
        self._write(m.Channel, [row for rows in channels.values() for row in rows])
        tea = catalog.category1_id("茶")
        spread_listed = people.promotable(goods.spread)
        off_sale = [p for p in goods.spread if p.status != ProductStatus.LISTED.value][:3]
        listings = 0
        for creator, size, tea_first in (
            (folks.creator_demo, 40, False),
            (folks.creator_legacy, 15, True),
        ):
            mine = {
                p.product.id: p.product
                for p in plans
                if p.running(self.now) and p.rate_for(creator.id) is not None
            }
            others = [p for p in spread_listed if not tea_first or p.category1_id == tea]
            rng = self.rng(f"listings:{creator.login}")
            pool = list(mine.values()) + rng.sample(others, min(len(others), size))
            # A few listed products went off sale since: the listing health check shows them.
            gone = off_sale[: 1 if tea_first else 2]
            chosen = gone + rng.sample(pool, min(len(pool), size - len(gone)))
            rows = people.build_listings(
                rng, creator, channels[creator.id], chosen, len(chosen), self.now
            )
            if creator is folks.creator_demo:  # troubles the listing health check shows
                rows += self._troubles(creator.id, channels[creator.id][0], plans, rows)
            fav = people.build_favourites(rng, creator, pool, 10 if tea_first else 30, self.now)
            self._write(m.Listing, rows)
            self._write(m.Favourite, fav)
            self._write(
                m.SavedFilter,
                people.build_saved_filters(rng, creator, self.now, tea_first=tea_first),
            )
            listings += len(rows)
        return listings

    def _troubles(
        self,
        creator_id: str,
        channel: dict[str, Any],
        plans: list[PlanInfo],
        rows: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        empty = self.writer.execute(
            "SELECT id FROM product WHERE stock = 0 AND status = 'listed' ORDER BY id"
        )
        last = max((r["position"] for r in rows if r["channel_id"] == channel["id"]), default=0)
        return health_demo.trouble_listings(
            self.rng("health-listings"),
            self.now,
            creator_id,
            channel,
            plans,
            [str(r[0]) for r in empty],
            {(r["channel_id"], r["product_id"]) for r in rows},
            last,
        )

    def _sellers(
        self,
        folks: people.People,
        channels: dict[str, list[dict[str, Any]]],
        goods: catalog.Catalog,
        shops: list[catalog.ShopSpec],
        plans: list[PlanInfo],
        per_day: float,
    ) -> list[Seller]:
        by_product: dict[str, list[PlanInfo]] = {}
        for plan in plans:
            if plan.row["status"] != PlanStatus.PENDING_EFFECT:
                by_product.setdefault(plan.product.id, []).append(plan)
        tea = catalog.category1_id("茶")

        def sellable(p: catalog.ProductInfo, bias: float = 1.0) -> Sellable:
            shop = shops[p.shop_index]
            return Sellable(
                p.id,
                shop.id,
                shop.merchant_id,
                p.title,
                p.price_fen,
                (p.monthly_sales + 20) ** 0.6 * bias,
                tuple(by_product.get(p.id, ())),
                p.commission_ppm,
                p.category3_id or None,
            )

        elsewhere = [sellable(p) for p in people.promotable(goods.spread)]

        def creator_seller(
            person: people.Person, rate: float, mix: dict[ChannelKind, float], tea_bias: float = 1.0
        ) -> Seller:
            mine = [(str(c["id"]), ChannelKind(c["kind"])) for c in channels[person.id]]
            per_kind = {k: sum(1 for _i, kind in mine if kind is k) for _i, k in mine}
            products = [
                sellable(p, tea_bias if p.category1_id == tea else 1.0)
                for p in goods.own
                if any(plan.rate_for(person.id) is not None for plan in by_product.get(p.id, ()))
            ]
            # Two channels of one kind share its part of the sales (the first one more).
            weighted = [
                ((i, k), mix.get(k, 0.1) / per_kind[k] * (1.3 if n == 0 else 0.7))
                if per_kind[k] > 1
                else ((i, k), mix.get(k, 0.1))
                for n, (i, k) in enumerate(sorted(mine, key=lambda c: (c[1].value, c[0])))
            ]
            return Seller(person.id, rate, weighted, products, elsewhere)

        sellers = [
            creator_seller(folks.creator_demo, per_day, _DEMO_CHANNEL_MIX),
            creator_seller(folks.creator_legacy, per_day / 6, _FINDER_CHANNEL_MIX, 6.0),
        ]
        extra_rate = per_day / 3 / max(1, len(folks.extra_creators))
        sellers += [
            creator_seller(p, extra_rate, _FINDER_CHANNEL_MIX) for p in folks.extra_creators
        ]
        sellers.append(
            Seller(None, per_day / 4, [], [sellable(p) for p in people.promotable(goods.own)])
        )
        return sellers

    def _orders(
        self,
        sellers: list[Seller],
        tally: money.Tally,
        settlements: SettlementMaker,
        bulk: str | None,
    ) -> tuple[int, int, int]:
        """Orders, their lines and settlement lines; ``bulk``'s without change-log entries."""
        orders = TableWriter(self.writer, m.Order)
        lines = TableWriter(self.writer, m.OrderLine, parent=orders)
        settled = TableWriter(self.writer, m.SettlementLine)
        for order, order_lines in build_orders(self.rng("orders"), self.now, sellers):
            paid = settlements.lines(order, order_lines)  # may add a refund after settlement
            orders.add(order)
            for line in order_lines:
                lines.add(line)
            for row in paid:
                settled.add(row)
            tally.add(order, order_lines)  # monthly settlements count every order
            self._relate(order["merchant_id"], order["creator_id"], order["created_at"])
            if bulk is not None and order["creator_id"] == bulk:
                continue
            self.feed.upsert(m.Order, order, order_wire(order, order_lines))
            for row in paid:
                self.feed.upsert(m.SettlementLine, row)
        lines.flush()
        settled.flush()
        return orders.count, lines.count, settled.count

    def _money(self, folks: people.People, tally: money.Tally) -> None:
        """The demo creators' deposits with their ledgers, and their monthly settlements."""
        rng = self.rng("money")
        deposits, entries = [], []
        for key, person in (
            ("creator", folks.creator_demo),
            ("creator_legacy", folks.creator_legacy),
        ):
            deposit, ledger = money.deposit_rows(rng, person.id, key, person.created_at)
            deposits.append(deposit)
            entries.extend(ledger)
        self._write(m.Deposit, deposits)
        table = TableWriter(self.writer, m.DepositEntry)  # read over REST, not synced
        for entry in entries:
            table.add(entry)
        table.flush()
        self._write(m.Settlement, money.settlement_rows(rng, tally, self.now))


def _epoch_to_datetime(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)
