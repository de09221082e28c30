"""The demo catalogue (选品中心): categories, shops and the product rows.

Products are the one table that can be large (a million rows for load tests), so their rows are
made by a tight generator: every choice is one ``random()`` call indexing a table precomputed per
leaf category (titles, prices) or for the whole run (sales, rates, guarantee flags), and ids are
13-digit numbers so that string order is numeric order. The generator remembers the products of
the demo merchants' shops (plans and orders are built on them) and a thin spread of the rest
(creators list and favourite those).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from workbench.core.enums import GuaranteeFlag, ProductStatus
from workbench.server import models as m
from workbench.server.seed.ids import uuid7_at
from workbench.server.seed.vocabulary import CATALOGUE, CITIES, Leaf

FIRST_PRODUCT_ID = 1_000_000_000_001
LISTED_WITHIN_DAYS = 730
DEMO_SHOPS: tuple[tuple[str, str, str, int], ...] = (
    # name, level-1 category, brand, owner (0 = merchant_demo, 1 = merchant_b)
    ("山野茶铺", "茶", "山野", 0),
    ("小熊母婴旗舰店", "母婴", "小熊", 0),
    ("好食光零食铺", "食品", "好食光", 0),
    ("简木家居生活馆", "家居", "简木", 1),
    ("极客数码专营店", "数码", "极客", 1),
)
SHOPS_PER_EXTRA_MERCHANT = 3
# The generator below yields tuples in the table's own column order.
PRODUCT_COLUMNS: tuple[str, ...] = tuple(c.name for c in m.Product.__table__.columns)
_LISTED = ProductStatus.LISTED.value
_DELISTED = ProductStatus.DELISTED.value
_FORBIDDEN = ProductStatus.SALE_FORBIDDEN.value
_SAMPLE_SIZE = 1_000  # products of other shops remembered for listings and favourites


@dataclass(frozen=True, slots=True)
class ShopSpec:
    id: str
    merchant_id: str
    name: str
    score_x10: int
    theme: int  # index into CATALOGUE
    brands: tuple[str, ...]


@dataclass(slots=True)
class ProductInfo:
    """What the rest of the seed needs to know of a product it builds on."""

    id: str
    shop_index: int
    title: str
    category1_id: int
    price_fen: int
    commission_ppm: int
    monthly_sales: int
    status: str
    listed_at: datetime
    category3_id: int = 0


@dataclass
class Catalog:
    shops: list[ShopSpec]
    own: list[ProductInfo] = field(default_factory=list)  # products of the demo merchants' shops
    spread: list[ProductInfo] = field(default_factory=list)  # a thin sample of the others


def shop_count(products: int) -> int:
    """Shops scale with the catalogue: one per hundred products, 20 to 2,000."""
    return min(2_000, max(20, products // 100))


def category1_id(name: str) -> int:
    """The id of a level-1 category by its name (茶 -> 2)."""
    return 1 + [top.name for top in CATALOGUE].index(name)


def extra_merchants_needed(shops: int) -> int:
    return math.ceil(max(0, shops - len(DEMO_SHOPS)) / SHOPS_PER_EXTRA_MERCHANT)


def category_rows() -> list[tuple[int, str, int, int | None]]:
    """(id, name, level, parent_id): level-1 ids 1..N, level 2 ``l1·100+j``, level 3 ``l2·100+k``.

    Readable ids: 2 is 茶, 201 its first level-2 category, 20101 that one's first leaf.
    """
    rows: list[tuple[int, str, int, int | None]] = []
    for i, top in enumerate(CATALOGUE, start=1):
        rows.append((i, top.name, 1, None))
        for j, mid in enumerate(top.children, start=1):
            mid_id = i * 100 + j
            rows.append((mid_id, mid.name, 2, i))
            for k, leaf in enumerate(mid.leaves, start=1):
                rows.append((mid_id * 100 + k, leaf.name, 3, mid_id))
    return rows


def build_shops(
    rng: random.Random, count: int, merchant_ids: list[str], now: datetime
) -> list[ShopSpec]:
    """The demo merchants' named shops first, then themed shops of the extra merchants."""
    themes = {top.name: n for n, top in enumerate(CATALOGUE)}
    shops: list[ShopSpec] = []
    taken: set[str] = set()
    opened = now - timedelta(days=3 * 365)
    demo_brands = {brand for _name, _theme, brand, _owner in DEMO_SHOPS}
    for name, theme_name, brand, owner in DEMO_SHOPS:
        theme = themes[theme_name]
        others = tuple(b for b in CATALOGUE[theme].brands if b != brand)
        shops.append(
            ShopSpec(
                uuid7_at(opened, rng),
                merchant_ids[owner],
                name,
                48 - owner,
                theme,
                (brand, brand, brand, *rng.sample(others, 2)),
            )
        )
        taken.add(name)
    for n in range(count - len(DEMO_SHOPS)):
        theme = n % len(CATALOGUE)
        top = CATALOGUE[theme]
        brand = rng.choice([b for b in top.brands if b not in demo_brands])  # theirs alone
        name = brand + rng.choice(top.shop_stems)
        while name in taken:
            name = rng.choice(CITIES) + brand + rng.choice(top.shop_stems)
            if name in taken:
                name = f"{name}{rng.randrange(2, 100)}号店"
        taken.add(name)
        owner = 2 + n // SHOPS_PER_EXTRA_MERCHANT
        at = opened + timedelta(days=rng.randrange(365))
        brands = (brand, brand, rng.choice(top.brands))
        shops.append(
            ShopSpec(
                uuid7_at(at, rng), merchant_ids[owner], name, 40 + rng.randrange(11), theme, brands
            )
        )
    return shops


def _price_table(rng: random.Random, leaf: Leaf, size: int = 64) -> list[int]:
    """Prices in 分, log-spread over the leaf's range and skewed cheap, with shop-like endings."""
    lo, hi = leaf.price_lo_yuan, leaf.price_hi_yuan
    prices = []
    for _ in range(size):
        yuan = int(lo * (hi / lo) ** (rng.random() ** 1.6))
        ending = rng.choice((0, 90, 90, 80, -10))  # 129.00, 129.90, 129.80, 128.90
        prices.append(max(990, yuan * 100 + ending))
    return prices


def _weighted_table(rng: random.Random, weights: dict[int, float], size: int) -> list[int]:
    values = list(weights)
    table = rng.choices(values, weights=[weights[v] for v in values], k=size)
    rng.shuffle(table)
    return table


def _sales_table(size: int = 4_096, base: float = 18.0, alpha: float = 1.15) -> list[int]:
    """Monthly sales at evenly spaced quantiles of a Pareto law: most sell little, a few a lot."""
    return [int(base * ((1.0 - (i + 0.5) / size) ** (-1.0 / alpha) - 1.0)) for i in range(size)]


def _guarantee_table(rng: random.Random, size: int = 512) -> list[int]:
    table = []
    odds = (
        (GuaranteeFlag.SEVEN_DAY_RETURN, 0.9),
        (GuaranteeFlag.FREE_SHIPPING, 0.75),
        (GuaranteeFlag.FREIGHT_INSURANCE, 0.5),
        (GuaranteeFlag.FANGXIN_MAI, 0.25),
        (GuaranteeFlag.DAMAGE_REFUND, 0.3),
        (GuaranteeFlag.FAKE_PAYS_THREE, 0.15),
        (GuaranteeFlag.PAY_AFTER_USE, 0.2),
    )
    for _ in range(size):
        flags = 0
        for flag, p in odds:
            if rng.random() < p:
                flags |= int(flag)
        table.append(flags)
    return table


def _leaf_tables(rng: random.Random) -> list[list[tuple[int, int, int, list[str], list[int]]]]:
    """Per level-1 theme: (c1, c2, c3, title tails, prices) of each leaf."""
    themes = []
    for i, top in enumerate(CATALOGUE, start=1):
        leaves = []
        for j, mid in enumerate(top.children, start=1):
            for k, leaf in enumerate(mid.leaves, start=1):
                tails = [
                    f"{item} {tag} {spec}" if tag else f"{item} {spec}"
                    for item in leaf.items
                    for tag in (*leaf.tags, "")
                    for spec in leaf.specs
                ]
                leaves.append(
                    (i, i * 100 + j, (i * 100 + j) * 100 + k, tails, _price_table(rng, leaf))
                )
        themes.append(leaves)
    return themes


def product_rows(
    rng: random.Random,
    catalog: Catalog,
    count: int,
    now: datetime,
    time_text: Callable[[int], Any],
) -> Iterator[tuple[Any, ...]]:
    """``count`` product rows in ``PRODUCT_COLUMNS`` order; ``time_text`` spells an epoch time.

    Fills ``catalog.own`` and ``catalog.spread`` as it goes.
    """
    themes = _leaf_tables(rng)
    # Whole percents 1-50, most between 10 and 30 %.
    percents = {p * 10_000: 1.0 / (1 + abs(p - 20) / 6) for p in range(1, 51)}
    commission = _weighted_table(rng, percents, 1_000)
    fees = _weighted_table(
        rng, {0: 2, 10_000: 2, 20_000: 3, 30_000: 3, 50_000: 2, 60_000: 1, 100_000: 0.5}, 200
    )
    sales = _sales_table()
    guarantees = _guarantee_table(rng)
    shops = [(s.id, themes[s.theme], list(s.brands)) for s in catalog.shops]
    own_shops = len(DEMO_SHOPS)  # build_shops puts them first
    now_epoch = int(now.timestamp())
    listed_span = LISTED_WITHIN_DAYS * 86_400
    stride = max(1, count // _SAMPLE_SIZE)
    rand = rng.random
    n_shops, n_commission, n_fees = len(shops), len(commission), len(fees)
    n_sales, n_guarantees = len(sales), len(guarantees)
    for i in range(count):
        s = int(rand() * n_shops)
        shop_id, leaves, brands = shops[s]
        c1, c2, c3, tails, prices = leaves[int(rand() * len(leaves))]
        title = brands[int(rand() * len(brands))] + " " + tails[int(rand() * len(tails))]
        price = prices[int(rand() * 64)]
        monthly = sales[int(rand() * n_sales)]
        u = rand()
        stock = 0 if u < 0.04 else int((u - 0.04) * 5_208) + 1
        rate = commission[int(rand() * n_commission)]
        u = rand()
        status = _LISTED if u < 0.96 else _DELISTED if u < 0.99 else _FORBIDDEN
        listed = now_epoch - 3_600 - int(rand() * listed_span)
        pid = str(FIRST_PRODUCT_ID + i)
        if s < own_shops or i % stride == 0:
            info = ProductInfo(
                pid,
                s,
                title,
                c1,
                price,
                rate,
                monthly,
                status,
                datetime.fromtimestamp(listed, UTC),
                c3,
            )
            (catalog.own if s < own_shops else catalog.spread).append(info)
        yield (
            pid,
            shop_id,
            title,
            c1,
            c2,
            c3,
            price,
            monthly,
            stock,
            rate,
            fees[int(rand() * n_fees)],
            guarantees[int(rand() * n_guarantees)],
            status,
            time_text(listed),
            1,
        )
