"""Product thumbnails: valid PNGs, deterministic per product, ETag/304, problems for bad asks."""

from __future__ import annotations

import struct
import time
import zlib

import httpx
import pytest
from sqlalchemy import update

from tests.server.conftest import Session
from workbench.server import models as m
from workbench.server import thumbnails
from workbench.server.embedded import EmbeddedServer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG, checking each CRC."""
    assert png[:8] == PNG_SIGNATURE
    out: list[tuple[bytes, bytes]] = []
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        out.append((kind, data))
        pos += 12 + length
    return out


def _pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB rows of one of our PNGs (8-bit RGB, filter 0)."""
    chunks = _chunks(png)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (8, 2, 0)
    raw = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
    stride = 3 * width + 1
    assert len(raw) == stride * height
    return width, height, [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]


@pytest.fixture(scope="module")
def product_ids(sessions: dict[str, Session]) -> list[str]:
    items = sessions["creator_a"].get("/v1/products", params={"limit": 20}).json()["items"]
    return [str(p["id"]) for p in items]


def _url(product_id: str) -> str:
    return f"/v1/products/{product_id}/thumbnail"


def _conditional(me: Session, product_id: str, if_none_match: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {me.access_token}", "If-None-Match": if_none_match}
    return me.client.get(_url(product_id), params={"size": 64}, headers=headers)


@pytest.mark.parametrize("size", [64, 128, 256])
def test_a_valid_png_of_the_asked_size(
    sessions: dict[str, Session], product_ids: list[str], size: int
) -> None:
    response = sessions["creator_a"].get(_url(product_ids[0]), params={"size": size})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"] == "private, max-age=86400"
    assert int(response.headers["content-length"]) == len(response.content)
    width, height, rows = _pixels(response.content)
    assert (width, height) == (size, size)
    assert len({bytes(r[i : i + 3]) for r in rows for i in range(0, len(r), 3)}) > 8, "a picture"


def test_default_size_is_128(sessions: dict[str, Session], product_ids: list[str]) -> None:
    response = sessions["merchant_a"].get(_url(product_ids[1]))
    assert response.status_code == 200
    assert _pixels(response.content)[:2] == (128, 128)


def test_same_product_same_bytes_other_products_differ(
    sessions: dict[str, Session], product_ids: list[str]
) -> None:
    a, b = sessions["creator_a"], sessions["merchant_b"]
    first = [a.get(_url(p)).content for p in product_ids]
    again = [b.get(_url(p)).content for p in product_ids]
    assert first == again
    assert len(set(first)) == len(first)


def test_etag_and_not_modified(sessions: dict[str, Session], product_ids: list[str]) -> None:
    me = sessions["creator_b"]
    response = me.get(_url(product_ids[2]), params={"size": 64})
    tag = response.headers["etag"]
    assert tag.startswith('"') and product_ids[2] in tag
    other_size = me.get(_url(product_ids[2]), params={"size": 256}).headers["etag"]
    assert other_size != tag
    for header in (tag, f"W/{tag}", f'"nope", {tag}', "*"):
        again = _conditional(me, product_ids[2], header)
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == tag
    stale = _conditional(me, product_ids[2], '"old"')
    assert stale.status_code == 200 and stale.content == response.content


def test_unknown_product_is_the_same_404_as_the_detail_endpoint(
    sessions: dict[str, Session],
) -> None:
    me = sessions["creator_a"]
    missing = me.get(_url("00000000-0000-7000-8000-00000000dead"))
    detail = me.get("/v1/products/00000000-0000-7000-8000-00000000dead")
    assert missing.status_code == detail.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["code"] == detail.json()["code"] == "not_found"


@pytest.mark.parametrize("size", ["0", "100", "512", "big", "-64"])
def test_other_sizes_are_422(
    sessions: dict[str, Session], product_ids: list[str], size: str
) -> None:
    response = sessions["creator_a"].get(_url(product_ids[0]), params={"size": size})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "validation_failed"
    assert body["errors"][0]["loc"] == ["query", "size"]


def test_requires_a_login(http: httpx.Client, product_ids: list[str]) -> None:
    response = http.get(_url(product_ids[0]))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert "etag" not in response.headers


def test_large_answers_arrive_whole(
    sessions: dict[str, Session],
    product_ids: list[str],
) -> None:
    """The binary answer passes the ASGI middlewares whole (checked by parsing every chunk)."""
    for product_id in product_ids[:5]:
        response = sessions["creator_a"].get(_url(product_id), params={"size": 256})
        assert response.status_code == 200
        _pixels(response.content)


def test_render_is_fast_and_cached() -> None:
    thumbnails.render("warm-up", 1, 128)  # shapes are rasterised once per size
    start = time.perf_counter()
    for i in range(50):
        thumbnails.render(f"speed-{i}", 1 + i % 13, 128)
    per_image = (time.perf_counter() - start) / 50
    assert per_image < 0.05, f"{per_image * 1000:.1f} ms per 128 px thumbnail"
    renderer = thumbnails.ThumbnailRenderer(max_items=2)
    first = renderer.png("p", 1, 3, 64)
    assert renderer.png("p", 1, 3, 64) is first
    renderer.png("q", 1, 3, 64)
    renderer.png("r", 1, 3, 64)
    assert renderer.png("p", 1, 3, 64) is not first  # evicted, drawn again
    assert renderer.png("p", 1, 3, 64) == first


def test_unknown_category_still_draws() -> None:
    width, height, _rows = _pixels(thumbnails.render("p", 999, 64))
    assert (width, height) == (64, 64)


def test_a_new_product_version_changes_the_etag(
    server: EmbeddedServer, sessions: dict[str, Session], product_ids: list[str]
) -> None:
    me, pid = sessions["creator_a"], product_ids[3]
    old = me.get(_url(pid), params={"size": 64}).headers["etag"]
    with server.db.write() as db:
        db.execute(
            update(m.Product).where(m.Product.id == pid).values(version=m.Product.version + 1)
        )
    response = _conditional(me, pid, old)
    assert response.status_code == 200
    assert response.headers["etag"] != old
    assert _pixels(response.content)[:2] == (64, 64)
