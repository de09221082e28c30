"""Commission-cut alerts on a real server and real caches (issue 10 item 4): a cut of a plan I
applied to, or of a plan on a product I list, reaches my cache as an unread alert (my rate
before it, the new rate, the notice date, my listings of the product); a raise makes none and
withdraws the cut; a cut of a plan that does not touch me makes none; read marks stay, also
through a rebuild of a damaged cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tests.sync.helpers import Device, account_id_of, corrupt_page
from workbench.core.enums import PlanType
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS
from workbench.store import applications, cut_alerts, plan_edits
from workbench.store import plans as store_plans
from workbench.store.cache import Cache
from workbench.store.cut_alerts import AlertState
from workbench.store.recovery import closed_cleanly, open_account_cache

MERCHANT = DEMO_LOGINS["merchant"]


def _fresh_general_plans(creator: Device, merchant_id: str) -> list[store_plans.PlanRow]:
    applied_to = {a.plan_id for a in applications.window(creator.cache, limit=-1)}
    listed = {
        str(p)
        for (p,) in creator.cache.conn.execute(
            "SELECT json_extract(data, '$.product_id') FROM record WHERE entity = 'listing'"
        )
    }
    return [
        p
        for p in store_plans.my_plans(
            creator.cache, store_plans.PlanFilter(plan_type=PlanType.GENERAL), limit=5_000
        )
        if p.merchant_id == merchant_id
        and p.id not in applied_to
        and p.product_id not in listed
        and p.state == "running"
        and p.rate_ppm >= 30_000
        and p.pending_rate_ppm is None
    ]


def test_a_cut_alerts_the_creators_it_touches_and_a_raise_does_not(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    before = {a.id for a in cut_alerts.alerts(creator.cache)}
    applied, untouched = _fresh_general_plans(creator, merchant_id)[:2]
    plan_edits.apply(creator.cache, applied.id, applied.rate_ppm)
    creator.sync()
    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    cut = applied.rate_ppm - 10_000
    merchant.edit("plan.update", applied.id, {"rate_ppm": cut})
    merchant.edit("plan.update", untouched.id, {"rate_ppm": untouched.rate_ppm - 10_000})
    merchant.sync()
    assert cut_alerts.alerts(merchant.cache) == []  # a merchant's own cuts alert nobody there

    creator.sync()
    new = [a for a in cut_alerts.alerts(creator.cache) if a.id not in before]
    assert [(a.plan_id, a.old_ppm, a.new_ppm, a.read, a.state, a.applied) for a in new] == [
        (applied.id, applied.rate_ppm, cut, False, AlertState.NOTICE, True)
    ]
    seen = {p.id: p for p in store_plans.my_plans(creator.cache, limit=100_000)}[applied.id]
    assert new[0].effective_at == seen.pending_at and new[0].title == applied.title
    unread = cut_alerts.unread_count(creator.cache)
    assert unread >= 1

    # A raise is immediate: no alert, and the cut shows as withdrawn.
    merchant.sync()
    merchant.edit("plan.update", applied.id, {"rate_ppm": applied.rate_ppm + 10_000})
    merchant.sync()
    creator.sync()
    after = {a.id: a for a in cut_alerts.alerts(creator.cache)}
    assert set(after) - before == {new[0].id}
    assert after[new[0].id].state is AlertState.WITHDRAWN

    with creator.cache.write():
        assert cut_alerts.mark_read(creator.cache, [new[0].id]) == 1
    assert cut_alerts.unread_count(creator.cache) == unread - 1
    creator.restart()  # read marks are kept in the cache
    assert {a.id: a.read for a in cut_alerts.alerts(creator.cache)}[new[0].id]
    with creator.cache.write():
        cut_alerts.mark_read(creator.cache)
    assert cut_alerts.unread_count(creator.cache) == 0


def test_a_cut_on_a_product_i_list_names_my_listings(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    from workbench.core.enums import ChannelKind
    from workbench.store import channels, placing

    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    plan = _fresh_general_plans(creator, merchant_id)[0]
    with creator.cache.write():
        channel_id = channels.create(creator.cache, ChannelKind.COMMUNITY, "降佣测试群", None)
    with creator.cache.write():
        placing.place(creator.cache, [plan.product_id], [channel_id])
    creator.sync()
    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    merchant.edit("plan.update", plan.id, {"rate_ppm": plan.rate_ppm - 20_000})
    merchant.sync()
    creator.sync()
    alert = next(a for a in cut_alerts.alerts(creator.cache) if a.plan_id == plan.id)
    assert not alert.applied and alert.state is AlertState.NOTICE
    assert [(x.channel_id, x.channel_name) for x in alert.listings] == [(channel_id, "降佣测试群")]


def test_read_marks_survive_a_rebuild_of_a_damaged_cache(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    """The cache is damaged, moved aside and rebuilt from the server: the server sends the
    cuts again, and the alerts read before are still read (matched by plan, new rate and date:
    the rebuilt cache numbers its rows anew)."""
    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    read, unread = _fresh_general_plans(creator, merchant_id)[:2]
    for plan in (read, unread):
        plan_edits.apply(creator.cache, plan.id, plan.rate_ppm)
    creator.sync()
    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    for plan in (read, unread):
        merchant.edit("plan.update", plan.id, {"rate_ppm": plan.rate_ppm - 10_000})
    merchant.sync()
    creator.sync()

    def marks(cache: Cache) -> dict[tuple[str, int, str], bool]:
        return {(a.plan_id, a.new_ppm, a.effective_at): a.read for a in cut_alerts.alerts(cache)}

    ids = {a.plan_id: a.id for a in cut_alerts.alerts(creator.cache)}
    with creator.cache.write():
        assert cut_alerts.mark_read(creator.cache, [ids[read.id]]) == 1
    before = marks(creator.cache)
    assert before[next(k for k in before if k[0] == read.id)] is True
    assert before[next(k for k in before if k[0] == unread.id)] is False
    creator.cache.close()
    closed_cleanly(creator.path)
    with sqlite3.connect(creator.path) as conn:  # the rows go to other ids in the new cache
        conn.execute("UPDATE cut_alert SET id = id + 1000")
    conn.close()
    corrupt_page(creator.path, "product")  # the catalogue is damaged, the alerts are not

    cache, recovery = open_account_cache(creator.path, creator.account_id)
    creator.cache = cache
    try:
        assert recovery is not None
        creator.sync()  # as a first sync: the plans and their cuts come again
        assert cache.integrity_check() == "ok"
        assert marks(cache) == before
        assert recovery.alerts == len(before)
        assert cut_alerts.unread_count(cache) == sum(not v for v in before.values())
        assert min(a.id for a in cut_alerts.alerts(cache)) < 1000
    finally:
        closed_cleanly(creator.path)
