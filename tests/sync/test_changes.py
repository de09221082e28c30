"""What a sync changed reaches its caller, and conflicts can be resolved (retried or discarded).

Two devices of the demo creator on the real server: an edit from one is a change the other's
next sync reports (and nothing else); a sync that finds nothing new reports nothing; the same
field edited on both devices makes a conflict that "retry" (mine on their version) or "discard"
(theirs stays) closes, so the open count goes back down.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.sync.helpers import Device
from workbench.store import conflicts


def _two_devices(device: Callable[..., Device]) -> tuple[Device, Device, str]:
    a, b = device("a"), device("b")
    for dev in (a, b):
        dev.sync()
    return a, b, str(a.cache.rows("listing")[0]["id"])


def test_a_sync_reports_what_it_changed_and_an_empty_one_nothing(
    device: Callable[..., Device],
) -> None:
    a, b, listing = _two_devices(device)
    quiet = b.sync()
    assert not quiet.changed, quiet.changed  # nothing new: nothing for a view to re-read

    a.edit("listing.patch", listing, {"pinned": True})
    pushed = a.sync()
    assert listing in pushed.changed.ids("listing")
    pulled = b.sync()
    assert pulled.changed.rows == {"listing": {listing}}
    assert pulled.changed.cause == "sync"


def _conflicted(device: Callable[..., Device]) -> tuple[Device, str, int]:
    a, b, listing = _two_devices(device)
    a.edit("listing.patch", listing, {"custom_title": "A 的标题"})
    a.sync()
    b.edit("listing.patch", listing, {"custom_title": "B 的标题"})
    summary = b.sync()
    assert summary.conflicts == 1
    assert "conflict" in summary.changed.rows
    (open_one,) = conflicts.open_conflicts(b.cache)
    assert open_one["mine"] == {"custom_title": "B 的标题"}
    assert open_one["theirs"]["custom_title"] == "A 的标题"
    assert b.cache.get("listing", listing)["custom_title"] == "A 的标题"  # type: ignore[index]
    return b, listing, int(open_one["id"])


def test_retry_reapplies_mine_on_their_version(device: Callable[..., Device]) -> None:
    b, listing, conflict_id = _conflicted(device)
    changed = conflicts.retry(b.cache, conflict_id)
    assert listing in changed.ids("listing") and changed.cause == "edit"
    assert b.cache.status()["conflicts"] == 0
    assert b.cache.get("listing", listing)["custom_title"] == "B 的标题"  # type: ignore[index]
    summary = b.sync()
    assert (summary.applied, summary.conflicts) == (1, 0)
    assert b.cache.get("listing", listing)["custom_title"] == "B 的标题"  # type: ignore[index]
    (closed,) = b.cache.conflicts(open_only=False)
    assert closed["resolution"] == conflicts.RETRIED and closed["resolved_at"]


def test_discard_keeps_theirs_and_closes_the_conflict(device: Callable[..., Device]) -> None:
    b, listing, conflict_id = _conflicted(device)
    conflicts.discard(b.cache, conflict_id)
    status = b.cache.status()
    assert (status["conflicts"], status["pending"]) == (0, 0)
    assert b.cache.get("listing", listing)["custom_title"] == "A 的标题"  # type: ignore[index]
    with pytest.raises(conflicts.ConflictGone):
        conflicts.discard(b.cache, conflict_id)


def test_a_rename_shows_at_once_and_reaches_the_other_device(
    device: Callable[..., Device],
) -> None:
    a, b, _listing = _two_devices(device)
    channel = str(a.cache.rows("channel")[0]["id"])
    a.edit("channel.rename", channel, {"name": "  周末直播间  "})
    assert a.cache.get("channel", channel)["name"] == "  周末直播间  "  # type: ignore[index]
    assert a.sync().applied == 1
    assert a.cache.get("channel", channel)["name"] == "周末直播间"  # type: ignore[index]
    assert b.sync().changed.rows == {"channel": {channel}}
    assert b.cache.get("channel", channel)["name"] == "周末直播间"  # type: ignore[index]


def test_my_own_queued_renames_do_not_conflict_another_devices_does(
    device: Callable[..., Device],
) -> None:
    """Two renames made offline on one device both apply (the second is based on the first);
    a rename made on a version another device renamed since is a conflict, theirs kept."""
    from workbench.store import channels

    a, b, _listing = _two_devices(device)
    channel = str(a.cache.rows("channel")[0]["id"])
    with a.cache.write():
        channels.rename(a.cache, channel, "第一次")
        channels.rename(a.cache, channel, "第二次")
    summary = a.sync()
    assert (summary.applied, summary.conflicts) == (2, 0)
    assert a.cache.get("channel", channel)["name"] == "第二次"  # type: ignore[index]

    with b.cache.write():
        channels.rename(b.cache, channel, "乙的名字")  # b has not heard of a's renames
    summary = b.sync()
    assert summary.conflicts == 1
    (open_one,) = conflicts.open_conflicts(b.cache)
    assert (open_one["mutation_type"], open_one["fields"]) == ("channel.rename", ["name"])
    assert open_one["theirs"]["name"] == "第二次"
    assert b.cache.get("channel", channel)["name"] == "第二次"  # type: ignore[index]
