"""A cache holding the seeded demo catalogue, loaded the way sync loads it: the snapshot path.

The server's seeder makes the rows (realistic Chinese titles, shops, a 3-level category tree);
they are read from its database in ``SNAPSHOT_COLUMNS`` order, times spelled as on the wire, and
go through ``begin_snapshot`` / ``load_snapshot_page`` / ``finish_snapshot`` like a first load,
then the keyword index is built in steps as the sync engine's ``indexing`` phase builds it
(``indexed=False`` stops at the swap: the index empty, still to build).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from tests.servers import seed
from workbench.contract.sync import SNAPSHOT_COLUMNS
from workbench.store import steps
from workbench.store.cache import Cache

PAGE = 1_000
INDEX_STEP = 700  # rowids per index build step: several steps over the 3,000 test products


def seeded_server(path: Path, products: int) -> Path:
    """A seeded server database file (the demo of ``tests.servers``)."""
    seed(f"sqlite:///{path}", products=products, orders_per_day=1)
    return path


def wire_time(text: str) -> str:
    """A time as the server's SQLite column holds it, spelled as the snapshot sends it."""
    at = datetime.fromisoformat(text).replace(tzinfo=UTC)
    return str(orjson.dumps(at, option=orjson.OPT_UTC_Z).decode().strip('"'))


def snapshot_rows(server_db: Path) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """(products, categories, shops) as snapshot pages carry them."""
    src = sqlite3.connect(f"file:{server_db}?mode=ro", uri=True)
    try:
        cols = ", ".join(
            "s.name" if c == "shop_name" else f"p.{c}" for c in SNAPSHOT_COLUMNS["product"]
        )
        at = SNAPSHOT_COLUMNS["product"].index("listed_at")
        products = []
        for row in src.execute(
            f"SELECT {cols} FROM product p JOIN shop s ON s.id = p.shop_id ORDER BY p.id"
        ):
            values = list(row)
            values[at] = wire_time(values[at])
            products.append(values)
        categories = [
            list(r)
            for r in src.execute(
                f"SELECT {', '.join(SNAPSHOT_COLUMNS['category'])} FROM category ORDER BY id"
            )
        ]
        shops = [
            list(r)
            for r in src.execute(
                f"SELECT {', '.join(SNAPSHOT_COLUMNS['shop'])} FROM shop ORDER BY id"
            )
        ]
    finally:
        src.close()
    return products, categories, shops


def load_snapshot(cache: Cache, server_db: Path, *, indexed: bool = True) -> int:
    """Load the server's catalogue into ``cache`` through the snapshot path; the row count."""
    products, categories, shops = snapshot_rows(server_db)
    steps.begin_snapshot(cache, "test-cursor", len(products))
    for start in range(0, len(products), PAGE):
        page = products[start : start + PAGE]
        steps.load_snapshot_page(cache, page, str(page[-1][0]))
    steps.finish_snapshot(cache, categories, shops)
    while indexed and not steps.index_step(cache, INDEX_STEP):
        pass
    return len(products)
