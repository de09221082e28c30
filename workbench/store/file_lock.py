"""An OS file lock per account cache, so two processes never write the same cache.

The app holds it while an account is open; ``workbench sync`` or ``status`` from a terminal, or a
second app on the same data folder, waits a little for it and then stops with :class:`CacheInUse`
(a clear message) before it has opened, let alone written, the cache.

The lock is on ``<cache>.lock`` beside the SQLite file, never on the database file itself (SQLite
keeps its own POSIX locks there, and closing any descriptor of that file would drop ours). POSIX
systems use ``flock`` (released by the OS when the process dies, so a crash leaves no stale
lock); Windows uses ``msvcrt.locking`` on the first byte (also released on exit). Within one
process the lock is shared: the app's lanes each open their own connection to the same cache,
and a count keeps the lock until the last one closes.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEFAULT_WAIT_SECONDS = 3.0
_POLL_SECONDS = 0.05


class CacheInUse(RuntimeError):
    """Another process (the app, most likely) has this account's cache open."""

    def __init__(self, cache: Path, owner_pid: int | None) -> None:
        self.cache = cache
        self.owner_pid = owner_pid
        who = f"process {owner_pid}" if owner_pid else "another process"
        super().__init__(
            f"this account is open in Shop Workbench ({who}) and its cache ({cache}) belongs to "
            "it while it runs: nothing was changed here. Sync from the app, or close it and try "
            "again."
        )


@dataclass
class _Held:
    file: IO[bytes]
    count: int = field(default=1)


_guard = threading.Lock()
_held: dict[str, _Held] = {}


def lock_path(cache: Path) -> Path:
    return cache.with_name(cache.name + ".lock")


def _try_lock(file: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            file.seek(0)
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(file: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def _owner(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):  # Windows: the locked byte cannot be read
        return None
    return int(text) if text.isdigit() else None


def acquire(cache: Path, *, wait: float = DEFAULT_WAIT_SECONDS) -> None:
    """Hold the lock of ``cache`` (waiting up to ``wait`` seconds), or raise :class:`CacheInUse`."""
    key = str(cache.resolve())
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return
        path = lock_path(cache)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not truncated on open: the owner's pid stays readable for the message until we hold it.
        file = open(path, "a+b", buffering=0)  # noqa: SIM115  (kept open while the lock is held)
        deadline = time.monotonic() + wait
        while not _try_lock(file):
            if time.monotonic() >= deadline:
                file.close()
                raise CacheInUse(cache, _owner(path))
            time.sleep(_POLL_SECONDS)
        if sys.platform != "win32":  # on Windows the locked byte would refuse the write
            try:
                file.truncate(0)
                file.write(str(os.getpid()).encode("ascii"))
                file.flush()
            except OSError:  # a full disk: the pid is only for the message, the lock holds
                pass
        _held[key] = _Held(file)


def release(cache: Path) -> None:
    """Give back one hold of the lock of ``cache``; the last one unlocks the file."""
    key = str(cache.resolve())
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        try:
            _unlock(held.file)
        finally:
            held.file.close()
