"""How fast the demo seeder fills a database, against the raw speed of SQLite itself.

    .venv/bin/python benchmarks/seed.py --products 1000000 [--runs 3] [--database-url URL]

Each run seeds a fresh, freshly migrated database (a temporary SQLite file; with
``--database-url postgresql+psycopg://host:port/name`` a scratch database ``<name>_seedbench_<n>``
created on that server and dropped after) and prints:

- ``seed``: the whole ``seed_database`` call (migration, catalogue, plans, a year of orders, the
  change log) in seconds, and the catalogue size divided by it (products/s);
- ``products``: the product insert alone (row generation, insert, index rebuild) and its rows/s;
- ``raw``: the reference, plain ``sqlite3`` ``executemany`` of as many product-shaped tuples into
  an empty table with the same columns and no index, timing only the inserts (tuples are built
  beforehand, 100k at a time), in rows/s; always SQLite, since it is the floor a SQLite seed
  cannot beat;
- ``ratio``: product rows/s of the seed divided by raw rows/s: the share of SQLite's raw insert
  speed the seeder keeps while generating realistic rows and maintaining the real schema.

The last lines are medians over the runs. The order volume does not depend on ``--products``, so
for large catalogues ``seed`` minus ``products`` is roughly constant.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.seed.catalog import PRODUCT_COLUMNS
from workbench.server.seed.seeder import SeedSummary, seed_database

_RAW_CHUNK = 100_000


@contextmanager
def fresh_database(url: str | None, run: int) -> Iterator[Database]:
    """A new empty database for one run, removed afterwards."""
    if url is None:
        with tempfile.TemporaryDirectory(prefix="seedbench-") as folder:
            db = Database(f"sqlite:///{folder}/seed.sqlite3")
            try:
                yield db
            finally:
                db.dispose()
        return
    parsed = make_url(url)
    name = f"{parsed.database}_seedbench_{run}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(parsed.set(database=name).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def raw_rows_per_second(count: int) -> float:
    """Plain executemany of ``count`` product-shaped tuples into an index-free table."""
    shape = (
        "山野 明前龙井茶 绿茶 250g 礼盒装",
        2,
        201,
        20101,
        12_900,
        17,
        300,
        200_000,
        30_000,
        129,
        "listed",
        "2025-01-02 03:04:05.000000",
        1,
    )
    shop = "0190a4c2-6c00-7a3b-8f1e-2d4c5b6a7e8f"
    with tempfile.TemporaryDirectory(prefix="seedbench-raw-") as folder:
        conn = sqlite3.connect(Path(folder) / "raw.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"CREATE TABLE product_raw ({', '.join(PRODUCT_COLUMNS)})")
        sql = f"INSERT INTO product_raw VALUES ({', '.join('?' * len(PRODUCT_COLUMNS))})"
        spent = 0.0
        conn.execute("BEGIN")
        for start in range(0, count, _RAW_CHUNK):
            rows = [
                (str(1_000_000_000_001 + i), shop, *shape)
                for i in range(start, min(count, start + _RAW_CHUNK))
            ]
            began = time.perf_counter()
            conn.executemany(sql, rows)
            spent += time.perf_counter() - began
        began = time.perf_counter()
        conn.execute("COMMIT")
        spent += time.perf_counter() - began
        conn.close()
    return count / spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite)")
    args = parser.parse_args(argv)

    seeds, inserts, raws, ratios = [], [], [], []
    summary: SeedSummary | None = None
    for run in range(1, args.runs + 1):
        with fresh_database(args.database_url, run) as db:
            summary = seed_database(db, products=args.products, seed=args.seed)
            with db.read() as session:
                held = int(session.scalar(select(func.count()).select_from(m.Product)) or 0)
        if held != args.products:
            raise SystemExit(f"refusing to report: the database holds {held:,} products, "
                             f"not the {args.products:,} asked for")  # fmt: skip
        raw = raw_rows_per_second(args.products)
        insert_rate = summary.products / summary.product_seconds
        seeds.append(summary.seconds)
        inserts.append(summary.product_seconds)
        raws.append(raw)
        ratios.append(insert_rate / raw)
        print(
            f"run {run}: seed {summary.seconds:7.2f} s {summary.products / summary.seconds:>10,.0f}"
            f" products/s | products {summary.product_seconds:6.2f} s {insert_rate:>10,.0f} rows/s"
            f" | raw {raw:>10,.0f} rows/s | ratio {insert_rate / raw:.2f}",
            flush=True,
        )
    assert summary is not None
    print(
        f"seeded (read back): {held:,} products, {summary.shops:,} shops, {summary.orders:,}"
        f" orders, {summary.order_lines:,} lines, {summary.plans:,} plans,"
        f" {summary.change_log:,} change-log entries"
    )
    seed_s, insert_s = statistics.median(seeds), statistics.median(inserts)
    print(f"median seed:     {seed_s:7.2f} s  {args.products / seed_s:>10,.0f} products/s")
    print(f"median products: {insert_s:7.2f} s  {args.products / insert_s:>10,.0f} rows/s")
    print(f"median raw:                {statistics.median(raws):>10,.0f} rows/s")
    print(f"median ratio:    {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
