"""A size-capped disk cache of PNG images (product thumbnails), shared by network-lane threads.

Files are named by a hash of the key, in two levels of fan-out directories (``ab/cd/abcd….png``),
so no directory grows huge. A write goes to a temporary file that is renamed over the entry
(``os.replace``), so a reader never sees half an image; and since a crash can still leave a short
file behind (no fsync, on purpose: images can be fetched again), every read checks the PNG
signature and end marker and treats a damaged file as a miss (and deletes it).

Eviction is least-recently-used by file modification time: a read touches the file. One scan at
open builds an in-memory index {path: (size, mtime)} in access order, so neither ``get`` nor
``put`` ever walks the tree again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_CAP_BYTES = 200 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_SUFFIX = ".png"
_TEMP_SUFFIX = ".tmp"


def is_png(data: bytes) -> bool:
    """Whether ``data`` looks like a whole PNG file (signature at the start, IEND at the end)."""
    return data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END)


class ImageCache:
    """PNG bytes by key on disk, at most ``cap_bytes`` in total; thread-safe."""

    def __init__(self, directory: Path, cap_bytes: int = DEFAULT_CAP_BYTES) -> None:
        if cap_bytes <= 0:
            raise ValueError("cap_bytes must be positive")
        self.directory = Path(directory)
        self.cap_bytes = cap_bytes
        self._lock = threading.Lock()
        self._index: OrderedDict[Path, tuple[int, float]] = OrderedDict()  # oldest first
        self._total = 0
        self.directory.mkdir(parents=True, exist_ok=True)
        self._scan()
        with self._lock:
            self._evict_locked()

    # -- public ----------------------------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        """The image stored under ``key``, or None (missing or damaged); a hit counts as a use."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            with self._lock:
                # A put may have written the file since the failed read: keep that one counted
                # (forgetting it would leave a file on disk the cap no longer sees).
                if not path.exists():
                    self._forget_locked(path)
            return None
        if not is_png(data):
            log.warning("image cache: dropping a damaged entry (%d bytes)", len(data))
            with self._lock:
                self._unlink_locked(path)
            return None
        now = time.time()
        with self._lock:
            try:
                os.utime(path, (now, now))
                size = path.stat().st_size  # a put may have replaced the file since the read
            except OSError:
                return data  # evicted meanwhile: still a good answer
            self._remember_locked(path, size, now)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` (a whole PNG) under ``key``, evicting the least recently used entries.

        An image larger than the whole cap is not stored. Raises ValueError for non-PNG data.
        """
        if not is_png(data):
            raise ValueError("only whole PNG images can be cached")
        if len(data) > self.cap_bytes:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}{_TEMP_SUFFIX}")
        try:
            temp.write_bytes(data)
            with self._lock:
                os.replace(temp, path)
                self._remember_locked(path, len(data), path.stat().st_mtime)
                self._evict_locked()
        finally:
            temp.unlink(missing_ok=True)

    def discard(self, key: str) -> None:
        """Remove the entry of ``key``, if any."""
        with self._lock:
            self._unlink_locked(self._path(key))

    def clear(self) -> None:
        """Remove every entry."""
        with self._lock:
            for path in list(self._index):
                self._unlink_locked(path)

    @property
    def size_bytes(self) -> int:
        """The total size of the stored images."""
        with self._lock:
            return self._total

    def __len__(self) -> int:
        with self._lock:
            return len(self._index)

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return self._path(key) in self._index

    def __repr__(self) -> str:
        return f"ImageCache({str(self.directory)!r}, {self.size_bytes}/{self.cap_bytes} bytes)"

    # -- internals -------------------------------------------------------------------------------

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.directory / digest[:2] / digest[2:4] / f"{digest}{_SUFFIX}"

    def _scan(self) -> None:
        """Index the files already on disk, oldest use first; delete stray temporary files."""
        found: list[tuple[float, Path, int]] = []
        for entry in _files(self.directory):
            path = Path(entry.path)
            if entry.name.endswith(_TEMP_SUFFIX):
                path.unlink(missing_ok=True)  # a write that a crash interrupted
                continue
            if not entry.name.endswith(_SUFFIX):
                continue
            stat = entry.stat()
            found.append((stat.st_mtime, path, stat.st_size))
        for mtime, path, size in sorted(found):
            self._index[path] = (size, mtime)
            self._total += size

    def _remember_locked(self, path: Path, size: int, mtime: float) -> None:
        self._forget_locked(path)
        self._index[path] = (size, mtime)
        self._total += size

    def _forget_locked(self, path: Path) -> None:
        old = self._index.pop(path, None)
        if old is not None:
            self._total -= old[0]

    def _unlink_locked(self, path: Path) -> None:
        self._forget_locked(path)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("image cache: could not delete an entry: %s", exc)

    def _evict_locked(self) -> None:
        while self._total > self.cap_bytes and self._index:
            oldest = next(iter(self._index))
            self._unlink_locked(oldest)


def _files(directory: Path) -> list[os.DirEntry[str]]:
    """Every file in the two fan-out levels below ``directory``."""
    out: list[os.DirEntry[str]] = []
    for first in _dirs(directory):
        for second in _dirs(Path(first.path)):
            with os.scandir(second.path) as entries:
                out.extend(e for e in entries if e.is_file(follow_symlinks=False))
    return out


def _dirs(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as entries:
            return [e for e in entries if e.is_dir(follow_symlinks=False) and len(e.name) == 2]
    except OSError:
        return []
