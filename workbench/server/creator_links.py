"""Which creators a merchant deals with, and how their public profiles reach its feed.

A merchant sees a creator's profile (``CreatorOut``: the name they sell under and their
identity) only once they deal with each other: the creator applied to one of its plans, asked
for a sample of one of its products, is named on one of its plans, or sold one of its products.
``relate`` starts such relations (``merchant_creator`` rows) and logs the profile to the
merchant's feed; ``republish`` logs it again to every merchant related to a creator whose
profile changed. Both log through ``changes.record_upsert``, the one maker of feed entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.server import models as m
from workbench.server.changes import record_upsert


def relate(
    session: Session, merchant_id: str, creator_ids: Iterable[str | None], at: datetime
) -> int:
    """Relate ``merchant_id`` to each of ``creator_ids`` it was not related to yet, sending
    each new creator's profile to its feed; returns how many relations are new."""
    wanted = {c for c in creator_ids if c}
    if not wanted:
        return 0
    known = set(
        session.scalars(
            select(m.MerchantCreator.creator_id).where(
                m.MerchantCreator.merchant_id == merchant_id,
                m.MerchantCreator.creator_id.in_(sorted(wanted)),
            )
        )
    )
    new = sorted(wanted - known)
    for creator_id in new:
        creator = session.get(m.Account, creator_id)
        if creator is None:
            continue  # the caller checked it exists; nothing to show of a missing account
        link = m.MerchantCreator(
            merchant_id=merchant_id, creator_id=creator_id, creator=creator, since=at
        )
        session.add(link)
        record_upsert(session, link)
    return len(new)


def republish(session: Session, creator: m.Account) -> None:
    """Send the creator's changed profile to every merchant related to them."""
    links = session.scalars(
        select(m.MerchantCreator)
        .where(m.MerchantCreator.creator_id == creator.id)
        .order_by(m.MerchantCreator.merchant_id)
    )
    for link in links:
        record_upsert(session, link, flush=False)
