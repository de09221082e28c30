"""The disk image cache: cap, LRU by use, damaged files, reopening, many threads at once."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.client.image_cache import (
    DEFAULT_CAP_BYTES,
    PNG_END,
    PNG_SIGNATURE,
    ImageCache,
    is_png,
)


def png(tag: str, size: int = 1000) -> bytes:
    """A fake but whole PNG of exactly ``size`` bytes (the cache checks the frame only)."""
    body = tag.encode().ljust(size - len(PNG_SIGNATURE) - len(PNG_END), b".")
    return PNG_SIGNATURE + body + PNG_END


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file())


def test_put_get_and_layout(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "img", cap_bytes=10_000)
    assert cache.get("a") is None
    cache.put("a", png("a"))
    assert cache.get("a") == png("a")
    assert "a" in cache and "b" not in cache
    assert cache.size_bytes == 1000 and len(cache) == 1
    (path,) = _files(tmp_path / "img")
    first, second = path.parent.parent.name, path.parent.name
    assert len(first) == len(second) == 2 and path.name.startswith(first + second)
    assert re.fullmatch(r"[0-9a-f]{64}\.png", path.name)  # named by a hash, not by the key


def test_replacing_an_entry_counts_it_once(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    cache.put("a", png("a", 1000))
    cache.put("a", png("A", 1500))
    assert cache.get("a") == png("A", 1500)
    assert cache.size_bytes == 1500 and len(cache) == 1


def test_cap_is_respected_after_many_puts(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=20_000)
    for i in range(200):
        cache.put(f"k{i}", png(f"k{i}", 900 + i))
        assert cache.size_bytes <= 20_000
    on_disk = sum(p.stat().st_size for p in _files(tmp_path))
    assert on_disk == cache.size_bytes
    assert cache.get("k199") is not None  # the newest stay
    assert cache.get("k0") is None  # the oldest went


def test_recently_read_entries_survive_eviction(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=5_000)
    for i in range(5):
        cache.put(f"k{i}", png(f"k{i}"))
    assert cache.get("k0") is not None  # k0 is now the most recently used
    cache.put("k5", png("k5"))
    cache.put("k6", png("k6"))
    assert cache.get("k0") is not None
    assert cache.get("k1") is None and cache.get("k2") is None
    assert all(cache.get(f"k{i}") is not None for i in (3, 4, 5, 6))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"GIF89a" + data[6:],  # not a PNG
        lambda data: b"",  # empty
    ],
    ids=["truncated", "not-png", "empty"],
)
def test_a_damaged_file_is_a_miss_and_is_deleted(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    cache.put("a", png("a"))
    (path,) = _files(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get("a") is None
    assert not path.exists()
    assert cache.size_bytes == 0
    cache.put("a", png("a"))
    assert cache.get("a") == png("a")


def test_reopening_sees_entries_and_their_age(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    for i in range(4):
        cache.put(f"k{i}", png(f"k{i}"))
    # k2 was used long ago, the others recently: reopened, k2 goes first.
    for i, path in enumerate(_files(tmp_path)):
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    (k2,) = [p for p in _files(tmp_path) if p.read_bytes() == png("k2")]
    os.utime(k2, (1000, 1000))
    again = ImageCache(tmp_path, cap_bytes=4_000)
    assert again.size_bytes == 4000 and len(again) == 4
    assert again.get("k0") == png("k0")
    again.put("k9", png("k9"))
    assert again.get("k2") is None
    assert again.get("k9") is not None


def test_reopening_with_a_smaller_cap_evicts(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    for i in range(8):
        cache.put(f"k{i}", png(f"k{i}"))
    assert ImageCache(tmp_path, cap_bytes=3_000).size_bytes <= 3_000
    assert len(_files(tmp_path)) <= 3


def test_leftover_temporary_files_are_removed_at_open(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    cache.put("a", png("a"))
    (path,) = _files(tmp_path)
    stray = path.with_name(f".{path.name}.deadbeef.tmp")
    stray.write_bytes(png("half")[:100])  # a crash in the middle of a write
    again = ImageCache(tmp_path, cap_bytes=10_000)
    assert not stray.exists()
    assert again.size_bytes == 1000


def test_put_refuses_what_is_not_a_png_and_skips_what_is_too_big(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=2_000)
    with pytest.raises(ValueError, match="PNG"):
        cache.put("a", b"<html>")
    cache.put("big", png("big", 3_000))
    assert cache.get("big") is None and cache.size_bytes == 0


def test_clear_and_discard(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=10_000)
    for i in range(3):
        cache.put(f"k{i}", png(f"k{i}"))
    cache.discard("k1")
    assert cache.get("k1") is None and cache.size_bytes == 2000
    cache.clear()
    assert cache.size_bytes == 0 and _files(tmp_path) == []


def test_concurrent_puts_and_gets(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, cap_bytes=60_000)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(150):
                key = f"k{(n * 37 + i) % 120}"
                cache.put(key, png(key))
                got = cache.get(f"k{(n + i) % 120}")
                assert got is None or is_png(got)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.size_bytes <= 60_000
    files = _files(tmp_path)
    assert not [f for f in files if f.name.endswith(".tmp")]
    assert sum(f.stat().st_size for f in files) == cache.size_bytes
    assert all(is_png(f.read_bytes()) for f in files)


def test_default_cap() -> None:
    assert DEFAULT_CAP_BYTES == 200 * 1024 * 1024
