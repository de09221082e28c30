"""The plans' cache side on a real server and real caches (issue 10): a creator applies
offline, the merchant (a second account, its own cache) approves in one batch, the creator's
cache shows it approved after a sync; the creator's plan list puts invitations first; the
merchant's queue carries the creator's summary."""

from __future__ import annotations

from collections.abc import Callable

from tests.sync.helpers import Device, account_id_of
from workbench.core.enums import PlanType
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS
from workbench.store import applications, plan_edits, plan_reviews
from workbench.store import plans as store_plans
from workbench.store import samples as store_samples

MERCHANT = DEMO_LOGINS["merchant"]


def test_apply_offline_approve_in_a_batch_see_it_approved(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    applied_to = {a.plan_id for a in applications.window(creator.cache, limit=10_000)}
    plan = next(
        p
        for p in store_plans.my_plans(
            creator.cache, store_plans.PlanFilter(plan_type=PlanType.GENERAL), limit=500
        )
        if p.merchant_id == merchant_id
        and p.id not in applied_to
        and p.state == "running"
        and p.pending_rate_ppm is None
    )
    # Offline: queued, shown at once as pending, nothing sent.
    app_id = plan_edits.apply(creator.cache, plan.id, plan.rate_ppm, "粉丝 3 万，想合作")
    mine = {a.id: a for a in applications.window(creator.cache, limit=10_000)}
    assert mine[app_id].status == "pending" and mine[app_id].pending
    assert creator.cache.pending_count() == 1
    creator.sync()
    assert creator.cache.pending_count() == 0

    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    queue = plan_reviews.queue(merchant.cache, "application", limit=500)
    ours = next(row for row in queue if row.id == app_id)
    assert ours.creator_id == creator.account_id and ours.rate_ppm == plan.rate_ppm
    assert ours.summary.orders >= 0 and ours.summary.creator_id == creator.account_id
    ids = [row.id for row in queue]
    assert len(ids) >= 30  # the seed's review queue
    queued = plan_edits.review_applications(merchant.cache, ids, approve=True)
    assert queued == len(ids) == merchant.cache.pending_count()
    assert plan_reviews.queue(merchant.cache, "application", limit=500) == []  # shown at once
    merchant.sync()
    assert merchant.cache.pending_count() == 0 and merchant.cache.conflicts() == []

    creator.sync()
    seen = {a.id: a for a in applications.window(creator.cache, limit=10_000)}[app_id]
    assert (seen.status, seen.pending) == ("approved", False)
    assert [step.what for step in seen.timeline] == ["applied", "approved"]
    assert seen.timeline[1].at is not None


def test_invitations_come_first_and_are_counted(device: Callable[..., Device]) -> None:
    creator = device("creator")
    creator.sync()
    count = store_plans.invitation_count(creator.cache)
    rows = store_plans.my_plans(creator.cache, limit=500)
    assert count > 0
    assert [r.invitation for r in rows[:count]] == [True] * count
    assert not any(r.invitation for r in rows[count:])
    assert all(r.plan_type is not PlanType.GENERAL for r in rows[:count])
    # Applying to one makes it an invitation no more.
    plan_edits.apply(creator.cache, rows[0].id, rows[0].rate_ppm)
    assert store_plans.invitation_count(creator.cache) == count - 1
    # Filters are SQL: each one narrows, consistently with the counts.
    total = store_plans.count_plans(creator.cache)
    listed = store_plans.count_plans(creator.cache, store_plans.PlanFilter(on_my_channels=True))
    not_listed = store_plans.count_plans(
        creator.cache, store_plans.PlanFilter(on_my_channels=False)
    )
    assert listed + not_listed == total and listed > 0
    high = store_plans.my_plans(
        creator.cache, store_plans.PlanFilter(min_rate_ppm=200_000, sort=store_plans.PlanSort.RATE)
    )
    assert all(r.rate_ppm >= 200_000 for r in high)
    by_rate = [r.rate_ppm for r in high if not r.invitation]
    assert by_rate == sorted(by_rate, reverse=True)
    for row in rows:
        assert row.per_sale_fen == (row.price_fen * row.rate_ppm + 500_000) // 1_000_000


def test_samples_count_down_to_their_content_date(device: Callable[..., Device]) -> None:
    creator = device("creator")
    creator.sync()
    samples = store_samples.window(creator.cache, store_samples.SampleFilter(), 0, 1000)
    shipped = [s for s in samples if s.status == "shipped"]
    assert shipped and all(s.days_left is not None and s.tracking_no for s in shipped)
    overdue = [s for s in samples if s.status == "overdue"]
    assert overdue and all(s.days_left is not None and s.days_left < 0 for s in overdue)
    assert [s.days_left for s in samples[: len(shipped) + len(overdue)]] == sorted(
        s.days_left for s in shipped + overdue if s.days_left is not None
    )
    fresh = plan_edits.request_sample(creator.cache, shipped[0].product_id, "开箱视频")
    mine = store_samples.window(creator.cache, store_samples.SampleFilter(), 0, 1000)
    requested = {s.id: s for s in mine}[fresh]
    assert (requested.status, requested.pending, requested.days_left) == ("requested", True, None)


def test_a_cut_shows_pending_and_stays_in_the_commission_history(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    applied_to = {a.plan_id for a in applications.window(creator.cache, limit=10_000)}
    plan = next(
        p
        for p in store_plans.my_plans(
            creator.cache, store_plans.PlanFilter(plan_type=PlanType.GENERAL), limit=500
        )
        if p.merchant_id == merchant_id
        and p.id not in applied_to
        and p.state == "running"
        and p.rate_ppm >= 20_000
        and p.pending_rate_ppm is None
    )
    plan_edits.apply(creator.cache, plan.id, plan.rate_ppm)
    creator.sync()
    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    cut = plan.rate_ppm - 10_000
    merchant.edit("plan.update", plan.id, {"rate_ppm": cut})
    shown = {p.id: p for p in plan_reviews.merchant_plans(merchant.cache, limit=100_000)}[plan.id]
    assert (shown.rate_ppm, shown.pending_rate_ppm, shown.pending) == (plan.rate_ppm, cut, True)
    merchant.sync()
    mine = {p.id: p for p in plan_reviews.merchant_plans(merchant.cache, limit=100_000)}[plan.id]
    assert (mine.rate_ppm, mine.pending_rate_ppm) == (plan.rate_ppm, cut)
    assert mine.pending_at is not None

    creator.sync()
    seen = {p.id: p for p in store_plans.my_plans(creator.cache, limit=100_000)}[plan.id]
    assert (seen.rate_ppm, seen.pending_rate_ppm, seen.pending_at) == (
        plan.rate_ppm,
        cut,
        mine.pending_at,
    )
    history = store_plans.commission_history(creator.cache, plan.id)
    assert [(h.rate_ppm, h.effective_at) for h in history] == [
        (plan.rate_ppm, None),
        (cut, mine.pending_at),
    ]
    # Past the date the cache shows the cut in force, before the server's change arrives.
    from datetime import datetime, timedelta

    later = datetime.fromisoformat(mine.pending_at.replace("Z", "+00:00")) + timedelta(seconds=1)
    after = {p.id: p for p in store_plans.my_plans(creator.cache, limit=100_000, now=later)}
    assert after[plan.id].rate_ppm == cut
    # The notice is evidence: the terms archive keeps it (once).
    from workbench.store.terms_archive import TermsArchive, capture

    with TermsArchive.for_cache(creator.path) as archive:
        capture(archive, creator.cache)
        notified = [
            (r["plan_id"], r["pending_rate_ppm"], r["rate_ppm"])
            for _s, r in archive.records()
            if r["kind"] == "notified"
        ]
        assert notified.count((plan.id, cut, plan.rate_ppm)) == 1
        assert capture(archive, creator.cache) == 0 and archive.verify().intact
