"""Creators' names from the ``creator`` profiles of a merchant's feed (store/creator_names.py),
as the review queues, a plan's creators, the creators dialogs and the 数据 page read them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.store import merchant_pages as mp
from workbench.store import steps
from workbench.store.analytics import Breakdown
from workbench.store.analytics_view import labels
from workbench.store.cache import Cache
from workbench.store.creator_names import creator_name, creator_names


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3", account_id="merchant-1") as opened:
        yield opened


def _profile(creator_id: str, name: str, version: int = 1) -> Change:
    data = {"id": creator_id, "display_name": name, "identity": "talent", "version": version}
    return Change(entity="creator", id=creator_id, version=version, op="upsert", data=data)


def _application(app_id: str, creator_id: str, minute: int) -> Change:
    data: dict[str, Any] = {
        "id": app_id,
        "plan_id": "plan-1",
        "product_id": "p1",
        "creator_id": creator_id,
        "merchant_id": "merchant-1",
        "status": "pending",
        "message": "",
        "reason": None,
        "plan_rate_ppm": 200_000,
        "created_at": f"2026-12-01T10:{minute:02d}:00Z",
        "decided_at": None,
        "version": 1,
    }
    return Change(entity="application", id=app_id, version=1, op="upsert", data=data)


def _pull(cache: Cache, *changes: Change) -> None:
    steps.apply_changes(cache, Scope.ACCOUNT, list(changes), "cursor")


def test_names_come_from_the_profiles_and_stay_unknown_until_one_arrives(cache: Cache) -> None:
    _pull(
        cache,
        _application("a1", "creator-1", 1),
        _application("a2", "creator-2", 2),
        _profile("creator-1", "吃货小胖"),
    )
    assert creator_names(cache, ["creator-1", "creator-2", None, ""]) == {"creator-1": "吃货小胖"}
    assert creator_name(cache, "creator-2") is None
    rows = mp.queue_window(cache, mp.QueueFilter("application", "pending"), 0, 10)
    assert [(r.creator_id, r.summary.name) for r in rows] == [
        ("creator-1", "吃货小胖"),
        ("creator-2", None),
    ]
    assert mp.known_creators(cache) == [("creator-1", "吃货小胖"), ("creator-2", None)]
    assert labels(cache, Breakdown.CREATOR, ["creator-1", "creator-2", None]) == {
        "creator-1": "吃货小胖"
    }
    # The profile arrives later, then the name changes: each read shows the newest one.
    _pull(cache, _profile("creator-2", "宝妈日记"), _profile("creator-1", "小胖吃货", 2))
    assert creator_names(cache, ["creator-1", "creator-2"]) == {
        "creator-1": "小胖吃货",
        "creator-2": "宝妈日记",
    }
    _pull(cache, _profile("creator-1", "an older name", 1))  # an old copy changes nothing
    assert creator_name(cache, "creator-1") == "小胖吃货"


def test_a_long_list_of_creators_is_read_in_chunks(cache: Cache) -> None:
    many = [f"creator-{n:04d}" for n in range(1_200)]
    _pull(cache, *(_profile(c, f"达人{n}") for n, c in enumerate(many)))
    found = creator_names(cache, many)
    assert len(found) == 1_200 and found["creator-1199"] == "达人1199"
