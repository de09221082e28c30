"""Telling a damaged cache file or a full disk apart from ordinary errors, early and by name.

A cache can be damaged by a disk that lost power mid-write, a copy cut short, a sync tool or
another program writing over it. SQLite then fails deep inside some later query with
"database disk image is malformed" or "file is not a database", or — worst — a 0-byte file is
taken for a new, empty database and its WAL (with the last edits) deleted. So the file is
checked before SQLite touches it (:func:`check_header`: empty, not SQLite, shorter than its
header says) and, when an account is opened, with ``PRAGMA quick_check``: of the account's
own tables at every start, of the whole file after an unclean end and while the file is small
(:func:`needs_whole_check`). Every damage is raised as :class:`CacheDamaged`;
``SQLITE_FULL`` as :class:`DiskFull`, never as the follow-up error a failed rollback gives.

An unclean shutdown is known by a marker file beside the cache (``cache.sqlite3.open``) made
when an account is opened and removed when it is closed: if it is there at the next open, the
last session did not end normally (a crash, a kill, a power cut, or damage seen at work, for
which the marker is left on purpose).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import struct
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
MARKER_SUFFIX = ".open"
ACCOUNT_TABLES = (
    "meta", "sync_state", "outbox", "outbox_touch", "conflict", "record_synced", "record",
)  # fmt: skip
"""What cannot be downloaded again (or says what to download): checked at every start."""
WHOLE_CHECK_BYTES = 32 << 20
"""A file up to this size (about 75,000 products) is checked whole at every start: 0.3-0.6 s
measured on a loaded machine (25 ms at 1.3 MB; 4.3 s at 1,000,000 products, 417 MB)."""
LOW_SPACE_BYTES = 1 << 20
"""An I/O error with less free space than this on the cache's disk is taken for a full disk."""


class CacheDamaged(RuntimeError):
    """The cache file is damaged (``reason`` says how); it is not opened as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"the cache {path} is damaged: {reason}")
        self.path = path
        self.reason = reason


class DiskFull(RuntimeError):
    """The disk (or the cache's size limit) is full; the write was rolled back whole."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"disk full: the cache {path} cannot grow; the last change was not saved "
            "(nothing was half-written). Free some disk space and try again."
        )
        self.path = path


def check_header(path: Path) -> None:
    """Raise :class:`CacheDamaged` if the file at ``path`` (which exists) is not a whole cache.

    Reads 100 bytes; never opens the file with SQLite (which would take a 0-byte file for a new
    database and delete its WAL).
    """
    size = path.stat().st_size
    if size == 0:
        raise CacheDamaged(path, "the file is empty (0 bytes)")
    with path.open("rb") as f:
        header = f.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(SQLITE_MAGIC):
        raise CacheDamaged(path, "the file is not an SQLite database (its header is garbage)")
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    if raw_page_size != 1 and (raw_page_size < 512 or raw_page_size & (raw_page_size - 1)):
        raise CacheDamaged(path, f"the header's page size {raw_page_size} is not valid")
    missing = missing_bytes(path, header)
    if missing:
        raise CacheDamaged(
            path, f"the file is truncated ({size:,} bytes; its header says {size + missing:,})"
        )


def missing_bytes(path: Path, header: bytes | None = None) -> int:
    """How many bytes shorter the file is than its header says (0: none, or unknown)."""
    if header is None:
        with path.open("rb") as f:
            header = f.read(HEADER_BYTES)
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else int(raw_page_size)
    change_counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    wal = Path(f"{path}-wal")
    # The header's page count is valid only when its "valid-for" number matches the change
    # counter; and a checkpoint cut short (pages still in the WAL) may leave the file shorter.
    if valid_for != change_counter or (wal.exists() and wal.stat().st_size > 0):
        return 0
    return max(int(pages) * page_size - path.stat().st_size, 0)


def check_contents(conn: sqlite3.Connection, path: Path, *, whole: bool) -> None:
    """``PRAGMA quick_check`` of the account's own tables, or (``whole``) of the whole file;
    raise :class:`CacheDamaged` on damage.

    The whole file takes seconds at a million products (417 MB: 3.3-9 s measured on a loaded
    machine; the full ``integrity_check`` 78 s), so :func:`needs_whole_check` says when."""
    pragmas = ["quick_check(20)"] if whole else [f"quick_check({t})" for t in ACCOUNT_TABLES]
    found: list[str] = []
    try:
        for pragma in pragmas:
            found += [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        raise CacheDamaged(path, str(exc)) from exc
    # One row may hold several lines ("*** in database main ***", then a line per fault): the
    # message names the first three faults on one line.
    problems = [
        line.strip()
        for row in found
        for line in row.splitlines()
        if line.strip() not in ("ok", "") and not line.startswith("***")
    ]
    if problems:
        raise CacheDamaged(path, "; ".join(problems[:3]))


def needs_whole_check(path: Path) -> bool:
    """The whole file is checked after an unclean end (a crash, or damage seen while it was
    open: the marker is still there), and always while it is small enough to cost little."""
    return marker(path).exists() or path.stat().st_size <= WHOLE_CHECK_BYTES


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == (
        sqlite3.SQLITE_FULL
    )


def _is_io_error(exc: BaseException) -> bool:
    # SQLite reports ENOSPC as SQLITE_FULL only where it expects growth (the WAL, the file);
    # creating or sizing the shared-memory file on a full disk is a plain I/O error.
    code = getattr(exc, "sqlite_errorcode", None)
    return (
        isinstance(exc, sqlite3.Error) and code is not None and code & 0xFF == sqlite3.SQLITE_IOERR
    )


def _no_space_left(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def is_corrupt(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.DatabaseError) and code in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    )


def is_damage(exc: BaseException | None) -> bool:
    """A damaged cache, named (:class:`CacheDamaged`) or as SQLite raised it."""
    return exc is not None and (isinstance(exc, CacheDamaged) or is_corrupt(exc))


def reraise(exc: BaseException, path: Path) -> None:
    """Raise ``exc`` as :class:`DiskFull` or :class:`CacheDamaged` when it is one (chained);
    return otherwise, for the caller to re-raise it as it is."""
    if is_disk_full(exc) or (_is_io_error(exc) and _no_space_left(path)):
        raise DiskFull(path) from exc
    if is_corrupt(exc):
        raise CacheDamaged(path, str(exc)) from exc


# --- the clean-shutdown marker -----------------------------------------------------------------
def marker(path: Path) -> Path:
    return Path(f"{path}{MARKER_SUFFIX}")


def mark_open(path: Path) -> bool:
    """Note that the cache at ``path`` is in use; True if the last use did not end cleanly."""
    flag = marker(path)
    crashed = flag.exists()
    try:
        flag.touch()  # empty: it needs no free space (only an inode)
    except OSError as exc:  # best effort: the next start then runs only the quick check
        log.warning("cannot mark the cache open: %s", exc)
    return crashed


def mark_closed(path: Path) -> None:
    """The cache was closed normally (and no damage was seen while it was open)."""
    marker(path).unlink(missing_ok=True)
