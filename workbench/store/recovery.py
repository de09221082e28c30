"""Opening an account's cache for work, and what happens when the file is damaged.

:func:`open_account_cache` checks the file (``damage``: its header always, ``quick_check`` of
the account's tables at each start, of the whole file after an unclean end or while it is
small). A damaged file is never opened as it is, nor recreated over: it is moved aside (with
its WAL, named with the time: ``cache.sqlite3.damaged-20261205T031500Z``) and kept; a new
cache takes its place, which the next sync fills from the server like a first sync. Before that, every pending edit (outbox
row) and conflict record that can still be read from the damaged file is copied over — the
edits go to the server afterwards, once each. So are the commission-cut alerts with their read
marks (``cut_alerts.carry_over``: the server sends the cuts again, not what I have read).
:class:`Recovery` says what was recovered and what could not be read.

Reading a damaged file: a whole-table scan first; if a damaged page stops it, one lookup per
possible row id (a b-tree search touches only the pages on the way to its key, so rows in the
healthy pages are still found). A row read back is used only if it still makes sense (a known
mutation type, a JSON payload). The damaged file is opened read-only for this.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.contract.mutations import MUTATIONS
from workbench.store import cut_alerts, damage, records, schema_rebuild
from workbench.store.cache import Cache
from workbench.store.damage import CacheDamaged
from workbench.store.optimistic import Edit, entity_of, touches

log = logging.getLogger(__name__)

_OUTBOX = (
    "local_id", "seq", "mutation_id", "type", "entity_id", "base_version", "payload",
    "created_at", "attempts",
)  # fmt: skip
_CONFLICT = (
    "id", "mutation_id", "kind", "code", "detail", "mutation_type", "entity", "entity_id",
    "fields", "mine", "theirs", "created_at", "resolved_at", "resolution",
)  # fmt: skip
UNKNOWN = -1
MAX_LOOKUPS = 10_000_000
"""Row ids tried one by one at most, per table, when a scan of a damaged table fails."""


@dataclass
class Recovery:
    """What happened to a damaged cache: where it went, what was saved from it."""

    aside: Path
    reason: str
    edits: int = 0  # pending edits recovered into the new cache
    conflicts: int = 0  # conflict records recovered
    unreadable: int = 0  # rows (or row ids) of those tables that could not be read
    alerts: int = 0  # commission-cut alerts carried over (with their read marks)
    readable: bool = True  # False: nothing at all could be read (empty or not SQLite)
    new_device: bool = False  # the edits go out as a new device (see ``_restore``)

    def line(self) -> str:
        """One line for the command line (the app words it itself, translated)."""
        text = (
            f"the cache was damaged ({self.reason}); it was moved aside to {self.aside} "
            "and is rebuilt from the server"
        )
        if not self.readable:
            return text + "; nothing could be read from it (edits not yet synced are lost)"
        text += f"; recovered {self.edits} pending edit(s) and {self.conflicts} conflict(s)"
        if self.unreadable:
            text += f"; up to {self.unreadable} row(s) could not be read and are lost"
        return text


@dataclass
class _Salvage:
    readable: bool = False
    account_id: str | None = None
    device_id: str | None = None
    next_seq: int | None = None
    outbox: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[tuple[Any, ...]] = field(default_factory=list)  # cut_alerts.KEPT
    alerts_kept: int = 0  # of those, how many the new cache took
    unreadable_outbox: int = 0
    unreadable: int = 0


def open_account_cache(path: Path, account_id: str) -> tuple[Cache, Recovery | None]:
    """The account's cache, checked (and recovered if damaged); marked open until
    :func:`closed_cleanly` is called for it."""
    recovery = None
    if not path.exists():
        cache = Cache.open(path, account_id=account_id)
    else:
        try:
            cache = open_checked(path, account_id=account_id)
        except CacheDamaged as exc:
            log.info("%s", exc)
            cache, recovery = _recover(path, account_id, exc.reason)
    damage.mark_open(path)
    return cache, recovery


def open_checked(path: Path, *, account_id: str | None = None) -> Cache:
    """``Cache.open`` and a check of the contents; raises ``CacheDamaged``."""
    whole = damage.needs_whole_check(path)
    cache = Cache.open(path, account_id=account_id)
    try:
        damage.check_contents(cache.conn, path, whole=whole)
    except BaseException:
        cache.close()
        raise
    return cache


def closed_cleanly(path: Path) -> None:
    """Call when the account's cache was closed normally, without damage seen at work."""
    damage.mark_closed(path)


def _recover(path: Path, account_id: str, reason: str) -> tuple[Cache, Recovery]:
    aside = _move_aside(path)
    try:
        salvage = _salvage(aside)
        cache = Cache.open(path, account_id=account_id)
        try:
            new_device = _restore(cache, salvage, account_id)
        except BaseException:
            cache.close()
            raise
    except BaseException:
        # No new cache without what was saved: put the damaged file back, to try again later.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        _move(aside, path)
        raise
    recovery = Recovery(
        aside=aside,
        reason=reason,
        edits=len(salvage.outbox),
        conflicts=len(salvage.conflicts),
        alerts=salvage.alerts_kept,
        unreadable=salvage.unreadable,
        readable=salvage.readable,
        new_device=new_device,
    )
    log.info("cache recovered: %s", recovery.line())
    return cache, recovery


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    _move(path, aside)
    return aside


def _move(src: Path, dst: Path) -> None:
    """Move a database file with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{src}{suffix}")
        if old.exists():
            os.replace(old, f"{dst}{suffix}")


# --- reading what can be read ------------------------------------------------------------------
def _salvage(aside: Path) -> _Salvage:
    found = _Salvage()
    try:
        with aside.open("rb") as f:
            if f.read(len(damage.SQLITE_MAGIC)) != damage.SQLITE_MAGIC:
                return found  # empty, or not SQLite at all: nothing to read
        short = damage.missing_bytes(aside)
        if short:
            # A file cut short: SQLite refuses its schema while pages it names are past the
            # end. A copy padded with zeros to its full size reads (the lost pages do not).
            padded = Path(f"{aside}.padded")
            try:
                shutil.copyfile(aside, padded)
                with padded.open("r+b") as f:
                    f.truncate(aside.stat().st_size + short)
                _read(padded, found)
                if not found.readable:  # the schema itself was cut off: a copy with a new one
                    _read_rebuilt(padded, found)
            finally:
                for name in (padded, Path(f"{aside}.schema")):
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{name}{suffix}").unlink(missing_ok=True)
        else:
            _read(aside, found)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:  # no room for the padded copy: try again with room
            raise damage.DiskFull(aside) from exc
        log.info("the damaged cache cannot be read: %s", exc)
    except sqlite3.Error as exc:
        log.info("the damaged cache cannot be read: %s", exc)
    return found


def _read(path: Path, found: _Salvage) -> None:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        found.readable = True
        meta = dict(_rows(conn, "meta", ("key", "value"), key=None)[0])
        found.account_id = meta.get("account_id")
        found.device_id = meta.get("device_id")
        found.next_seq = int(meta["next_seq"]) if str(meta.get("next_seq", "")).isdigit() else None
        outbox, found.unreadable_outbox = _rows(conn, "outbox", _OUTBOX, key="local_id")
        if found.unreadable_outbox == UNKNOWN:
            found.readable = False  # not even where the edits were can be read
            return
        found.outbox = [r for r in (dict(zip(_OUTBOX, row, strict=True)) for row in outbox)
                        if _usable(r)]  # fmt: skip
        found.unreadable_outbox += len(outbox) - len(found.outbox)
        conflicts, bad_conflicts = _rows(conn, "conflict", _CONFLICT, key="id")
        found.conflicts = [dict(zip(_CONFLICT, row, strict=True)) for row in conflicts]
        found.unreadable = found.unreadable_outbox + max(bad_conflicts, 0)
        # Alerts (none in a file older than the table): what can be read; a lost one comes
        # back from the server unread.
        found.alerts, _lost = _rows(conn, cut_alerts.TABLE, cut_alerts.KEPT, key="id")
    finally:
        conn.close()


def _read_rebuilt(padded: Path, found: _Salvage) -> None:
    """Read ``padded`` again through a copy whose lost schema is written anew
    (``schema_rebuild``): the outbox's own pages may well be intact."""
    copy = schema_rebuild.readable_copy(padded, padded.with_suffix(".schema"))
    again = _Salvage()
    _read(copy, again)
    if again.readable:
        found.__dict__.update(again.__dict__)


def _rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], *, key: str | None
) -> tuple[list[tuple[Any, ...]], int]:
    """(the readable rows of ``table``, how many row ids could not be read, or UNKNOWN)."""
    select = f"SELECT {', '.join(columns)} FROM {table}"
    try:
        return conn.execute(select + (f" ORDER BY {key}" if key else "")).fetchall(), 0
    except sqlite3.Error as exc:
        log.info("reading %s of the damaged cache: %s", table, exc)
    top = None if key is None else _top_id(conn, table, key)
    if key is None or top is None:
        return [], UNKNOWN  # the table itself cannot be found (its schema page is lost)
    rows: list[tuple[Any, ...]] = []
    failed = 0
    for row_id in range(1, min(top, MAX_LOOKUPS) + 1):
        try:
            row = conn.execute(select + f" WHERE {key} = ?", (row_id,)).fetchone()
        except sqlite3.Error:
            failed += 1
            continue
        if row is not None:
            rows.append(row)
    return rows, failed


def _top_id(conn: sqlite3.Connection, table: str, key: str) -> int | None:
    """The highest row id ``table`` ever had (AUTOINCREMENT keeps it), else its current one."""
    for sql, args in (
        ("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)),
        (f"SELECT max({key}) FROM {table}", ()),
    ):
        try:
            row = conn.execute(sql, args).fetchone()
        except sqlite3.Error:
            continue
        if row is not None and isinstance(row[0], int):
            return int(row[0])
    return None


def _usable(row: dict[str, Any]) -> bool:
    if row["type"] not in MUTATIONS or not isinstance(row["mutation_id"], str):
        return False
    if not isinstance(row["entity_id"], str) or not isinstance(row["created_at"], str):
        return False
    try:
        payload = json.loads(row["payload"])
    except (TypeError, ValueError):
        return False
    return isinstance(payload, dict)


# --- putting it into the new cache -------------------------------------------------------------
def _restore(cache: Cache, salvage: _Salvage, account_id: str) -> bool:
    """Copy the salvaged rows in, in one transaction; True if the edits go out as a new device.

    The old device identity is kept when the whole outbox was read with its sequence numbers:
    an edit that was sent but whose answer never arrived is then sent again under the same
    (device, seq), and the server answers it from its record. With rows missing, a lost
    sequence number would leave a gap the server refuses forever, so the edits are sent afresh
    as a new device (each still carries its own mutation id)."""
    if salvage.account_id not in (None, account_id):
        log.warning("the damaged cache belonged to another account: nothing copied from it")
        salvage.outbox, salvage.conflicts, salvage.alerts = [], [], []
        return False
    keep_device = bool(
        salvage.device_id and salvage.next_seq is not None and not salvage.unreadable_outbox
    )
    with cache.write():
        if keep_device:
            assert salvage.device_id is not None
            cache.set_meta("device_id", salvage.device_id)
            cache.set_meta("next_seq", str(salvage.next_seq))
        for row in salvage.outbox:
            _restore_edit(cache, row, keep_seq=keep_device)
        for row in salvage.conflicts:
            names = _CONFLICT[1:]
            cache.conn.execute(
                f"INSERT OR IGNORE INTO conflict ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                [row[n] for n in names],
            )
        salvage.alerts_kept = cut_alerts.carry_over(cache, salvage.alerts)
    return bool(salvage.outbox) and not keep_device


def _restore_edit(cache: Cache, row: dict[str, Any], *, keep_seq: bool) -> None:
    entity = entity_of(row["type"])
    cur = cache.conn.execute(
        "INSERT INTO outbox (seq, mutation_id, type, entity, entity_id, base_version, payload, "
        "created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row["seq"] if keep_seq else None, row["mutation_id"], row["type"], entity,
         row["entity_id"], row["base_version"], row["payload"], row["created_at"],
         row["attempts"] or 0),
    )  # fmt: skip
    edit = Edit(
        row["type"], row["entity_id"], json.loads(row["payload"]), cache.account_id,
        row["created_at"],
    )  # fmt: skip
    for touched_entity, touched_id in touches(edit):
        cache.conn.execute(
            "INSERT OR IGNORE INTO outbox_touch (local_id, entity, entity_id) VALUES (?, ?, ?)",
            (cur.lastrowid, touched_entity, touched_id),
        )
        records.refresh(cache, touched_entity, touched_id)
