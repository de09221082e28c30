"""Commission cuts whose notice has run out: moved into the rate in force, logged once.

A merchant's cut of a plan's rate waits out a notice period (``handlers/plans.py`` sets
``Plan.pending_rate_ppm`` / ``pending_at``; the feed carries them at once). The *due step*
makes a cut the rate in force once its date has passed: it runs inside the write transaction of
every mutation batch that holds the ``workflow`` partition (before its handlers, so they see
the rate in force), and before the feed and the plan endpoints are read (``catch_up``: a cheap
indexed read first; only when something is due a write under the same partition). The UPDATE
clears ``pending_at`` in the transaction that logs the change, and writers of the partition are
serialised, so each cut is logged exactly once, whichever reader or writer gets there first.
Clients also know the date, so they can show the rate in force before they hear of the change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.core.enums import PlanStatus, PlanType
from workbench.server import models as m
from workbench.server.changes import record_upsert
from workbench.server.db import Database

WORKFLOW = "workflow"  # the partition of writes between accounts (``mutations.partitions``)


def set_product_rate(session: Session, product_id: str, rate_ppm: int) -> None:
    """A general plan's rate is its product's (the selection center shows it): keep them one."""
    product = session.get(m.Product, product_id)
    assert product is not None
    if product.commission_ppm != rate_ppm:
        product.commission_ppm = rate_ppm
        product.version += 1
        record_upsert(session, product)


def set_rate(plan: m.Plan, rate_ppm: int) -> None:
    """Make ``rate_ppm`` the plan's rate in force (every named creator's too); no cut pending."""
    plan.rate_ppm = rate_ppm
    for creator in plan.creators:
        creator.rate_ppm = rate_ppm
    plan.pending_rate_ppm = None
    plan.pending_at = None


def apply_due_cuts(session: Session, now: datetime) -> list[str]:
    """Put every cut due at ``now`` in force, bump and log its plan; return the plan ids."""
    due = session.scalars(
        select(m.Plan).where(m.Plan.pending_at <= now).order_by(m.Plan.pending_at, m.Plan.id)
    ).all()
    for plan in due:
        assert plan.pending_rate_ppm is not None
        set_rate(plan, plan.pending_rate_ppm)
        plan.version += 1
        record_upsert(session, plan)
        if plan.plan_type == PlanType.GENERAL.value and plan.status == PlanStatus.LISTED.value:
            set_product_rate(session, plan.product_id, plan.rate_ppm)
    return [plan.id for plan in due]


def next_due(session: Session) -> datetime | None:
    """The soonest pending cut's date (one index lookup)."""
    soonest: datetime | None = session.scalar(select(func.min(m.Plan.pending_at)))
    return soonest


NEXT_DUE = select(func.min(m.Plan.pending_at)).scalar_subquery()
"""``next_due`` as a column, for a statement that reads it along with other things."""


def catch_up(db: Database, now: datetime) -> list[str]:
    """Before a read: apply the cuts due at ``now``, if any (a write only when one is due)."""
    with db.read() as session:
        soonest = next_due(session)
    if soonest is None or soonest > now:
        return []
    with db.write(partitions=[WORKFLOW]) as session:
        return apply_due_cuts(session, now)
