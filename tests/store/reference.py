"""The selection center's semantics, by brute force over every row in Python.

Written apart from ``workbench.store.search`` on purpose (no index, no tokens), so that a test
comparing the two can fail. A keyword is split at whitespace into words; a word is folded
(NFKC, then case-folded) and must be a substring of the folded title, shop name or name of one
of the product's three categories; a product matches when every word does. At most 64 distinct
words count. Relevance: every word in the title, then every word in title or shop name, then
the rest; then monthly sales, then rowid, descending.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from workbench.core.enums import ProductStatus
from workbench.store.products import ProductFilter, Sort


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def terms(keyword: str) -> list[str]:
    """The distinct folded words of a keyword, in order, at most 64."""
    out: list[str] = []
    for word in keyword.split():
        if fold(word) not in out:
            out.append(fold(word))
    return out[:64]


@dataclass
class Catalogue:
    """Every product row (with rowid), the category names, and the listed product ids."""

    rows: list[dict[str, Any]]
    category_names: dict[int, str]
    category_levels: dict[int, int]
    listed: set[str]
    favourites: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Catalogue:
        cur = conn.execute("SELECT rowid AS _rowid, * FROM product")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur]
        cats = conn.execute("SELECT id, name, level FROM category").fetchall()
        listed = {
            json.loads(d).get("product_id")
            for (d,) in conn.execute("SELECT data FROM record WHERE entity = 'listing'")
        }
        favourites = {
            r[0] for r in conn.execute("SELECT id FROM record WHERE entity = 'favourite'")
        }
        levels = {c: lv for c, _, lv in cats}
        return cls(rows, {c: n for c, n, _ in cats}, levels, listed, favourites)

    def tier(self, row: dict[str, Any], keyword: str) -> int | None:
        """0 title, 1 title or shop, 2 with categories; None: no match."""
        found = terms(keyword)
        title, shop = fold(row["title"]), fold(row["shop_name"])
        cats = [fold(self.category_names.get(row[f"category{i}_id"], "")) for i in (1, 2, 3)]
        tier = 0
        for term in found:
            if term in title:
                continue
            if term in shop:
                tier = max(tier, 1)
            elif any(term in c for c in cats):
                tier = 2
            else:
                return None
        return tier

    def select(self, f: ProductFilter) -> list[dict[str, Any]]:
        """The rows ``f`` selects, in the order it asks for."""
        keyword = f.keyword if terms(f.keyword) else ""
        if f.keyword.strip() and not keyword:
            return []  # something typed, nothing searchable in it
        picked = []
        for row in self.rows:
            tier = self.tier(row, keyword) if keyword else 0
            if tier is not None and self.passes(row, f):
                picked.append((tier, row))
        sort = f.sort or (Sort.RELEVANCE if keyword else Sort.MONTHLY_SALES)
        if sort is Sort.RELEVANCE and not keyword:
            sort = Sort.MONTHLY_SALES
        if sort is Sort.RELEVANCE:
            picked.sort(key=lambda t: (t[0], -t[1]["monthly_sales"], -t[1]["_rowid"]))
        else:
            picked.sort(key=lambda t: (sort_key(t[1], sort), t[1]["_rowid"]), reverse=f.descending)
        return [row for _, row in picked]

    def passes(self, row: dict[str, Any], f: ProductFilter) -> bool:
        per_sale = (row["price_fen"] * row["commission_ppm"] + 500_000) // 1_000_000
        checks = [
            (row["price_fen"], f.price_min_fen, f.price_max_fen),
            (row["commission_ppm"], f.commission_min_ppm, f.commission_max_ppm),
            (per_sale, f.commission_per_sale_min_fen, f.commission_per_sale_max_fen),
            (row["monthly_sales"], f.monthly_sales_min, f.monthly_sales_max),
        ]
        for value, lo, hi in checks:
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
        if row["guarantee_flags"] & f.guarantee_flags != f.guarantee_flags:
            return False
        if f.promotable_now and (row["status"] != ProductStatus.LISTED or row["stock"] <= 0):
            return False
        if f.hide_on_my_channels and row["id"] in self.listed:
            return False
        if f.favourites_only and row["id"] not in self.favourites:
            return False
        if f.category_id is not None:
            level = self.category_levels.get(f.category_id)
            columns = [level] if level else [1, 2, 3]
            if all(row[f"category{n}_id"] != f.category_id for n in columns):
                return False
        return True


def sort_key(row: dict[str, Any], sort: Sort) -> Any:
    return {
        Sort.PRICE: row["price_fen"],
        Sort.COMMISSION_RATE: row["commission_ppm"],
        Sort.COMMISSION_PER_SALE: row["price_fen"] * row["commission_ppm"],
        Sort.MONTHLY_SALES: row["monthly_sales"],
        Sort.STOCK: row["stock"],
        Sort.LISTED_AT: row["listed_at"],
    }[sort]
