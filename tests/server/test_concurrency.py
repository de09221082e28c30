"""A feed read while writers commit in other threads never skips a change.

On PostgreSQL, transactions commit concurrently: a plain SERIAL column can hand out seq 11 to a
transaction that commits before seq 10's does, and a reader would then skip 10 for good. The
server assigns seq under a transaction-scoped lock; this test is the proof under real load.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx

from tests.server.conftest import Session
from tests.server.helpers import new_channel
from workbench.core.ids import uuid7

WRITERS = 4
EDITS_PER_WRITER = 60


def test_tailing_reader_sees_every_change(fresh_session: Callable[[str], Session], http) -> None:  # type: ignore[no-untyped-def]
    reader = fresh_session("creator_a")
    reader.feed("account")
    cursor = reader.last_cursor  # type: ignore[attr-defined]
    writers = [fresh_session("creator_a") for _ in range(WRITERS)]
    channels = [new_channel(w, name=f"并发{i}") for i, w in enumerate(writers)]
    reader.feed("account", cursor)
    cursor = reader.last_cursor  # type: ignore[attr-defined]
    errors: list[BaseException] = []

    def write(session: Session, channel: str) -> None:
        # each writer thread gets its own connection pool
        with httpx.Client(base_url=str(http.base_url), timeout=30) as own:
            session.client = own
            try:
                for i in range(EDITS_PER_WRITER):
                    result = session.mutate(
                        "saved_filter.put", uuid7(), {"name": f"f{i}", "query": {"c": channel}}
                    )
                    assert result["status"] == "applied", result
            except BaseException as exc:
                errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(w, c)) for w, c in zip(writers, channels, strict=True)
    ]
    for t in threads:
        t.start()
    seen: list[tuple[str, int]] = []

    def tail() -> None:
        nonlocal cursor
        while True:
            page = reader.get(
                "/v1/sync/changes", params={"scope": "account", "cursor": cursor, "limit": 7}
            ).json()
            seen.extend((c["id"], c["version"]) for c in page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return

    while any(t.is_alive() for t in threads):
        tail()
    for t in threads:
        t.join()
    tail()
    assert not errors, errors
    expected = WRITERS * EDITS_PER_WRITER
    assert len(seen) == expected
    assert len(set(seen)) == expected
