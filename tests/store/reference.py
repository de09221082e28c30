"""The selection center's semantics, by brute force over every row in Python.

Written apart from ``workbench.store.search`` on purpose (its own tokenizer, its own term
parsing), so that a test comparing the two can fail: text is NFKC-folded and case-folded; a CJK
character is a token of its own; a run of other letters/digits is a word; everything else
separates. A query's run of CJK characters must appear as consecutive tokens of a field, a
word must begin some token; a product matches when every term matches its title, its shop name
or the name of one of its three categories. Relevance: every term in the title, then every term
in title or shop name, then the rest; then monthly sales, then rowid, descending.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from workbench.core.enums import ProductStatus
from workbench.store.products import ProductFilter, Sort

_CJK = (
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)


def is_cjk(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _CJK)


def _runs(text: str) -> list[tuple[str, bool]]:
    """Maximal runs of CJK characters (True) or of other letters/digits (False)."""
    out: list[tuple[str, bool]] = []
    current, cjk = "", False
    for ch in unicodedata.normalize("NFKC", text).casefold():
        kind = True if is_cjk(ch) else False if ch.isalnum() else None
        if kind is None or (current and kind != cjk):
            if current:
                out.append((current, cjk))
            current = ""
        if kind is not None:
            current, cjk = current + ch, kind
    if current:
        out.append((current, cjk))
    return out


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for run, cjk in _runs(text):
        out.extend(run) if cjk else out.append(run)
    return out


def terms(keyword: str) -> list[tuple[tuple[str, ...], bool]]:
    """(tokens, is_prefix) per distinct term, at most 64."""
    out: list[tuple[tuple[str, ...], bool]] = []
    for run, cjk in _runs(keyword):
        term = (tuple(run), False) if cjk else ((run,), True)
        if term not in out:
            out.append(term)
    return out[:64]


def term_in(term: tuple[tuple[str, ...], bool], toks: list[str]) -> bool:
    words, prefix = term
    if prefix:
        return any(t.startswith(words[0]) for t in toks)
    n = len(words)
    return any(tuple(toks[i : i + n]) == words for i in range(len(toks) - n + 1))


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
        title, shop = tokens(row["title"]), tokens(row["shop_name"])
        cats = [tokens(self.category_names.get(row[f"category{i}_id"], "")) for i in (1, 2, 3)]
        tier = 0
        for term in found:
            if term_in(term, title):
                continue
            if term_in(term, shop):
                tier = max(tier, 1)
            elif any(term_in(term, c) for c in cats):
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
