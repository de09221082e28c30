"""The Chinese words the demo catalogue is built from: a 3-level category tree and, per leaf
category, the items, tags and pack specs that product titles are made of.

Titles are ``brand item [tag] spec`` ("山野 明前龙井茶 绿茶 250g 礼盒装"), so a title always
matches its category, short keywords people search for (茶, 零食, 面膜) occur naturally, and a few
titles carry Latin ("极客 iPhone 15 手机壳 透明防摔 单只"). The words live in ``catalogue.txt``
next to this module, one category a line, so they read (and are edited) as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("catalogue.txt")
_LIST = "、"


@dataclass(frozen=True, slots=True)
class Leaf:
    """A level-3 category with the words of its products' titles."""

    name: str
    items: tuple[str, ...]
    tags: tuple[str, ...]  # optional: titles are made with and without one
    specs: tuple[str, ...]
    price_lo_yuan: int
    price_hi_yuan: int


@dataclass(frozen=True, slots=True)
class Level2:
    name: str
    leaves: tuple[Leaf, ...]


@dataclass(frozen=True, slots=True)
class Level1:
    """A top category with the brands and shop-name stems of the shops that sell it."""

    name: str
    brands: tuple[str, ...]
    shop_stems: tuple[str, ...]
    children: tuple[Level2, ...]


def _words(field: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in field.split(_LIST) if w.strip())


def parse_catalogue(text: str) -> tuple[Level1, ...]:
    """Read the indented table: level 1 at column 0, level 2 at 2 spaces, leaves at 4."""
    tops: list[tuple[list[str], list[tuple[str, list[Leaf]]]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        fields = [f.strip() for f in line.split("|")]
        if depth == 0 and len(fields) == 3:
            tops.append((fields, []))
        elif depth == 1 and len(fields) == 1 and tops:
            tops[-1][1].append((fields[0], []))
        elif depth == 2 and len(fields) == 5 and tops and tops[-1][1]:
            name, items, tags, specs, prices = fields
            lo, hi = (int(p) for p in prices.split("-"))
            tops[-1][1][-1][1].append(
                Leaf(name, _words(items), _words(tags), _words(specs), lo, hi)
            )
        else:
            raise ValueError(f"{CATALOGUE_FILE.name}:{number}: cannot read {line!r}")
    return tuple(
        Level1(
            name,
            _words(brands),
            _words(stems),
            tuple(Level2(mid, tuple(leaves)) for mid, leaves in children),
        )
        for (name, brands, stems), children in tops
    )


CATALOGUE: tuple[Level1, ...] = parse_catalogue(CATALOGUE_FILE.read_text(encoding="utf-8"))

CITIES: tuple[str, ...] = _words(
    "杭州、福建、云南、东北、广州、成都、上海、北京、苏州、武汉、长沙、西安、青岛、厦门、重庆、南京、深圳、"
    "宁波、昆明、合肥"
)
