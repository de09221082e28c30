"""Generated product thumbnails: a deterministic placeholder picture per product, as a PNG.

The demo catalogue has no photos, so the server draws one: a pastel background in the colour of
the product's level-1 category, a soft backdrop (disc, arch or table edge) and a simple "product"
(box, bottle, jar, can, pouch, stack of books, tube) picked from a hash of the product id, so
neighbouring rows look different while the same product always looks the same.

Pure Python (``zlib`` + ``struct``), fast because nothing is done per pixel that can be done per
row: every shape is rasterised once per size into horizontal spans with anti-aliased edge pixels
(:func:`_raster`, cached), backgrounds are cached per category and size, and painting a product is
mostly ``bytearray`` slice assignment. Recent answers are kept in a small LRU
(:class:`ThumbnailRenderer`), keyed by product id, version and size.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

STYLE = "t1"
"""Version of the art: part of every ETag, so changing the drawing invalidates client caches."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_MEDIA_TYPE = "image/png"


class ThumbnailSize(IntEnum):
    """The sizes the server draws (pixels, square)."""

    SMALL = 64
    MEDIUM = 128
    LARGE = 256


# Hue (degrees) per level-1 category id of the demo catalogue (1 食品 … 13 宠物).
CATEGORY_HUES: dict[int, float] = {
    1: 28,  # 食品: warm orange
    2: 100,  # 茶: tea green
    3: 205,  # 酒水饮料: cool blue
    4: 338,  # 美妆: rose
    5: 182,  # 个护清洁: teal
    6: 46,  # 母婴: soft yellow
    7: 14,  # 图书: terracotta
    8: 150,  # 家居: sage
    9: 222,  # 家电: steel blue
    10: 252,  # 数码: indigo
    11: 305,  # 服饰: plum
    12: 128,  # 运动户外: fresh green
    13: 36,  # 宠物: amber
}

RGB = tuple[int, int, int]
Span = Callable[[float], tuple[float, float]]


# -- geometry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A convex shape in unit coordinates (0..1, y down): its vertical extent and row spans."""

    top: float
    bottom: float
    span: Span


def rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Shape:
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)

    def span(y: float) -> tuple[float, float]:
        dy = max(y0 + r - y, y - (y1 - r), 0.0)
        dx = r - math.sqrt(max(r * r - dy * dy, 0.0))
        return x0 + dx, x1 - dx

    return Shape(y0, y1, span)


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Shape:
    def span(y: float) -> tuple[float, float]:
        t = (y - cy) / ry
        dx = rx * math.sqrt(max(1.0 - t * t, 0.0))
        return cx - dx, cx + dx

    return Shape(cy - ry, cy + ry, span)


def circle(cx: float, cy: float, r: float) -> Shape:
    return ellipse(cx, cy, r, r)


def arch(x0: float, y0: float, x1: float, y1: float) -> Shape:
    """A rectangle with a half-disc on top (a photo-studio backdrop)."""
    r = (x1 - x0) / 2

    def span(y: float) -> tuple[float, float]:
        dy = max(y0 + r - y, 0.0)
        dx = r - math.sqrt(max(r * r - dy * dy, 0.0))
        return x0 + dx, x1 - dx

    return Shape(y0, y1, span)


@dataclass(frozen=True)
class Row:
    """One pixel row of a rasterised shape: fully covered pixels and anti-aliased edge pixels."""

    y: int
    start: int
    end: int
    edges: tuple[tuple[int, float], ...]


def _area(x: float) -> float:
    """Integral of clamp(t, 0, 1) from -inf to ``x``."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return x - 0.5
    return x * x / 2


def _coverage(lo: float, hi: float, px: int, left: bool) -> float:
    """Average covered fraction of pixel ``px`` by an edge moving from ``lo`` to ``hi``."""
    if left:  # covered: right of the edge
        a, b = px + 1 - hi, px + 1 - lo
    else:  # covered: left of the edge
        a, b = lo - px, hi - px
    if b - a < 1e-6:
        return min(max(a, 0.0), 1.0)
    return (_area(b) - _area(a)) / (b - a)


ALPHA_STEPS = 32  # edge coverage is quantised, so blends repeat and can be memoised


def _raster_row(shape: Shape, size: int, y: int) -> Row | None:
    top, bottom = shape.top * size, shape.bottom * size
    ya, yb = max(float(y), top), min(y + 1.0, bottom)
    if yb <= ya:
        return None
    if yb - ya < 0.5:
        return None  # horizontal edges snap to whole pixels: crisp, and no row of blends
    spans = [shape.span(v / size) for v in (ya, (ya + yb) / 2, yb)]
    lefts = sorted(s[0] * size for s in spans)
    rights = sorted(s[1] * size for s in spans)
    left_lo, left_hi, right_lo, right_hi = lefts[0], lefts[-1], rights[0], rights[-1]
    first, last = max(math.floor(left_lo), 0), min(math.ceil(right_hi), size)
    full: list[int] = []
    edges: list[tuple[int, float]] = []
    for px in range(first, last):
        cover = _coverage(left_lo, left_hi, px, True) + _coverage(right_lo, right_hi, px, False)
        alpha = max(cover - 1.0, 0.0)
        if alpha >= 0.995:
            full.append(px)
        elif alpha > 0.01:
            edges.append((px, round(alpha * ALPHA_STEPS) / ALPHA_STEPS))
    start, end = (full[0], full[-1] + 1) if full else (0, 0)
    edges = [(px, a) for px, a in edges if not start <= px < end]
    return Row(y, start, end, tuple(edges))


def _raster(shape: Shape, size: int) -> tuple[Row, ...]:
    """The pixel rows of ``shape`` drawn ``size`` pixels square (slow: cache the result)."""
    y0 = max(math.floor(shape.top * size), 0)
    y1 = min(math.ceil(shape.bottom * size), size)
    rows = (_raster_row(shape, size, y) for y in range(y0, y1))
    return tuple(r for r in rows if r is not None)


# -- art ----------------------------------------------------------------------------------------

# The role of a layer is a solid colour of the product's palette (body, dark, light, label,
# accent) or a tone (shadow, glow, shine): a byte table applied to what is below, so shadows and
# highlights keep the background's gradient.

Layer = tuple[str, Shape]

BACKDROPS: tuple[tuple[Layer, ...], ...] = (
    (("glow", circle(0.5, 0.5, 0.40)),),
    (("glow", arch(0.2, 0.08, 0.8, 1.0)),),
    (("shadow", rounded_rect(-0.1, 0.74, 1.1, 1.1, 0.0)),),
)

PRODUCTS: tuple[tuple[Layer, ...], ...] = (
    (  # box with a lid and a label
        ("shadow", ellipse(0.5, 0.80, 0.32, 0.045)),
        ("body", rounded_rect(0.25, 0.36, 0.75, 0.80, 0.035)),
        ("dark", rounded_rect(0.23, 0.30, 0.77, 0.41, 0.03)),
        ("label", rounded_rect(0.35, 0.52, 0.65, 0.67, 0.02)),
        ("accent", rounded_rect(0.40, 0.57, 0.60, 0.62, 0.01)),
    ),
    (  # bottle
        ("shadow", ellipse(0.5, 0.84, 0.17, 0.035)),
        ("body", rounded_rect(0.45, 0.22, 0.55, 0.42, 0.01)),
        ("body", rounded_rect(0.37, 0.36, 0.63, 0.84, 0.08)),
        ("dark", rounded_rect(0.435, 0.14, 0.565, 0.25, 0.02)),
        ("label", rounded_rect(0.37, 0.53, 0.63, 0.70, 0.0)),
        ("accent", rounded_rect(0.37, 0.53, 0.63, 0.555, 0.0)),
        ("shine", rounded_rect(0.40, 0.42, 0.43, 0.51, 0.015)),
    ),
    (  # jar: round body, lid
        ("shadow", ellipse(0.5, 0.82, 0.27, 0.04)),
        ("body", circle(0.5, 0.58, 0.25)),
        ("dark", rounded_rect(0.34, 0.27, 0.66, 0.38, 0.03)),
        ("label", rounded_rect(0.36, 0.55, 0.64, 0.68, 0.03)),
        ("shine", ellipse(0.38, 0.47, 0.035, 0.06)),
    ),
    (  # can with a rim
        ("shadow", ellipse(0.5, 0.83, 0.22, 0.04)),
        ("body", rounded_rect(0.32, 0.30, 0.68, 0.82, 0.04)),
        ("dark", ellipse(0.5, 0.30, 0.18, 0.045)),
        ("light", ellipse(0.5, 0.30, 0.15, 0.03)),
        ("label", rounded_rect(0.32, 0.47, 0.68, 0.65, 0.0)),
        ("accent", circle(0.5, 0.56, 0.055)),
        ("shine", rounded_rect(0.37, 0.36, 0.40, 0.78, 0.015)),
    ),
    (  # pouch with a crimped top and a window
        ("shadow", ellipse(0.5, 0.82, 0.28, 0.04)),
        ("body", rounded_rect(0.27, 0.26, 0.73, 0.82, 0.07)),
        ("dark", rounded_rect(0.27, 0.26, 0.73, 0.33, 0.03)),
        ("light", circle(0.5, 0.58, 0.12)),
        ("accent", rounded_rect(0.40, 0.41, 0.60, 0.44, 0.015)),
    ),
    (  # stack of books
        ("shadow", ellipse(0.5, 0.81, 0.34, 0.04)),
        ("dark", rounded_rect(0.20, 0.65, 0.80, 0.80, 0.02)),
        ("label", rounded_rect(0.22, 0.69, 0.76, 0.76, 0.01)),
        ("body", rounded_rect(0.25, 0.51, 0.77, 0.66, 0.02)),
        ("light", rounded_rect(0.28, 0.555, 0.74, 0.61, 0.01)),
        ("accent", rounded_rect(0.22, 0.37, 0.74, 0.52, 0.02)),
        ("label", rounded_rect(0.25, 0.415, 0.71, 0.475, 0.01)),
    ),
    (  # tube lying down, with a cap
        ("shadow", ellipse(0.5, 0.74, 0.36, 0.04)),
        ("body", rounded_rect(0.16, 0.50, 0.72, 0.72, 0.05)),
        ("dark", rounded_rect(0.70, 0.53, 0.84, 0.69, 0.03)),
        ("label", rounded_rect(0.26, 0.555, 0.56, 0.665, 0.02)),
        ("shine", rounded_rect(0.20, 0.525, 0.66, 0.545, 0.01)),
    ),
    (  # gift box with a ribbon
        ("shadow", ellipse(0.5, 0.81, 0.31, 0.045)),
        ("body", rounded_rect(0.24, 0.42, 0.76, 0.81, 0.03)),
        ("light", rounded_rect(0.22, 0.33, 0.78, 0.45, 0.03)),
        ("accent", rounded_rect(0.455, 0.33, 0.545, 0.81, 0.0)),
        ("accent", ellipse(0.43, 0.30, 0.07, 0.04)),
        ("accent", ellipse(0.57, 0.30, 0.07, 0.04)),
    ),
)


@lru_cache(maxsize=128)
def _layer_rows(kind: str, index: int, layer: int, size: int) -> tuple[Row, ...]:
    table = BACKDROPS if kind == "backdrop" else PRODUCTS
    return _raster(table[index][layer][1], size)


def _rgb(hue: float, saturation: float, lightness: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


@dataclass(frozen=True)
class Palette:
    """The colours of one picture: solid roles as RGB, tones as byte-mapping tables."""

    background_top: RGB
    background_bottom: RGB
    solids: dict[str, RGB]


# (hue shift, saturation, lightness) of the product body; the other roles follow from it.
BODY_VARIANTS = ((0, 0.50, 0.56), (16, 0.45, 0.64), (-14, 0.42, 0.46), (165, 0.32, 0.58))


def palette(hue: float, variant: int) -> Palette:
    shift, saturation, lightness = BODY_VARIANTS[variant % len(BODY_VARIANTS)]
    body_hue = hue + shift
    accent_hue = hue + (180 if shift != 165 else 0)
    return Palette(
        background_top=_rgb(hue, 0.45, 0.95),
        background_bottom=_rgb(hue, 0.38, 0.89),
        solids={
            "body": _rgb(body_hue, saturation, lightness),
            "dark": _rgb(body_hue, saturation + 0.05, lightness - 0.16),
            "light": _rgb(body_hue, saturation, min(lightness + 0.22, 0.92)),
            "label": _rgb(hue, 0.30, 0.97),
            "accent": _rgb(accent_hue, 0.45, 0.55),
        },
    )


def _tone_table(factor: float, toward: int) -> bytes:
    """A byte table moving each channel ``factor`` of the way to ``toward`` (0 or 255)."""
    return bytes(round(v + (toward - v) * factor) for v in range(256))


TONES: dict[str, bytes] = {
    "shadow": _tone_table(0.07, 0),
    "glow": _tone_table(0.45, 255),
    "shine": _tone_table(0.35, 255),
}


@lru_cache(maxsize=64)
def _background(top: RGB, bottom: RGB, size: int) -> tuple[bytes, ...]:
    """Rows of a gentle vertical gradient (cached per colours and size)."""
    rows = []
    for y in range(size):
        t = y / max(size - 1, 1)
        pixel = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        rows.append(pixel * size)
    return tuple(rows)


Blends = dict[tuple[bytes, float], bytes]


def _blend(row: bytearray, px: int, target: Sequence[int], alpha: float, memo: Blends) -> None:
    i = 3 * px
    old = bytes(row[i : i + 3])
    new = memo.get((old, alpha))
    if new is None:
        new = bytes(round(o + (t - o) * alpha) for o, t in zip(old, target, strict=True))
        memo[(old, alpha)] = new
    row[i : i + 3] = new


def _paint(canvas: list[bytearray], rows: Iterable[Row], role: str, colours: Palette) -> None:
    """Draw one layer: a solid colour, or a tone applied to what is already there."""
    memo: Blends = {}
    solid = colours.solids.get(role)
    if solid is not None:
        pixel = bytes(solid)
        for r in rows:
            line = canvas[r.y]
            if r.end > r.start:
                line[3 * r.start : 3 * r.end] = pixel * (r.end - r.start)
            for px, alpha in r.edges:
                _blend(line, px, solid, alpha, memo)
        return
    table = TONES[role]
    for r in rows:
        line = canvas[r.y]
        if r.end > r.start:
            a, b = 3 * r.start, 3 * r.end
            line[a:b] = line[a:b].translate(table)
        for px, alpha in r.edges:
            i = 3 * px
            _blend(line, px, line[i : i + 3].translate(table), alpha, memo)


# -- PNG ----------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(width: int, height: int, rows: Iterable[bytes | bytearray]) -> bytes:
    """An 8-bit RGB PNG of ``rows`` (each ``3 * width`` bytes), filter type 0 on every row."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        )
    )


# -- the picture --------------------------------------------------------------------------------


def _digest(product_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(product_id.encode(), digest_size=8).digest(), "big")


def _hue(category1_id: int) -> float:
    if category1_id in CATEGORY_HUES:
        return CATEGORY_HUES[category1_id]
    return _digest(f"category-{category1_id}") % 360


def render(product_id: str, category1_id: int, size: int) -> bytes:
    """The PNG thumbnail of a product: the same bytes for the same arguments, every time."""
    bits = _digest(product_id)
    product = bits % len(PRODUCTS)
    backdrop = (bits >> 8) % len(BACKDROPS)
    colours = palette(_hue(category1_id), (bits >> 16) % len(BODY_VARIANTS))
    canvas = [
        bytearray(row)
        for row in _background(colours.background_top, colours.background_bottom, size)
    ]
    for i, (role, _shape) in enumerate(BACKDROPS[backdrop]):
        _paint(canvas, _layer_rows("backdrop", backdrop, i, size), role, colours)
    for i, (role, _shape) in enumerate(PRODUCTS[product]):
        _paint(canvas, _layer_rows("product", product, i, size), role, colours)
    return encode_png(size, size, canvas)


def etag(product_id: str, version: int, size: int) -> str:
    """The strong ETag of a thumbnail (quoted): product, its version, the size and the art."""
    return f'"{product_id}.{version}.{size}.{STYLE}"'


class ThumbnailRenderer:
    """:func:`render` with an LRU of recent answers, keyed by (id, version, size, category)."""

    def __init__(self, max_items: int = 512) -> None:
        self.max_items = max_items
        self._recent: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def png(self, product_id: str, version: int, category1_id: int, size: int) -> bytes:
        key = (product_id, version, size, category1_id)
        with self._lock:
            if (hit := self._recent.get(key)) is not None:
                self._recent.move_to_end(key)
                return hit
        data = render(product_id, category1_id, size)
        with self._lock:
            self._recent[key] = data
            while len(self._recent) > self.max_items:
                self._recent.popitem(last=False)
        return data
