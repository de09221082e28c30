"""Who may see what: the read-side rules every REST query applies.

The change feed's audiences (``changes.log_entries``) say the same thing for pushed changes;
tests check the two against each other through the authorisation matrix.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, or_, select

from workbench.core.enums import PlanType, Role
from workbench.server import models as m
from workbench.server.auth import Caller


def plan_visible_to_creator(plan: m.Plan, creator_id: str) -> bool:
    if plan.plan_type == PlanType.GENERAL.value:
        return True
    return any(c.creator_id == creator_id for c in plan.creators)


def creator_rate(plan: m.Plan, creator_id: str) -> int:
    """The rate this creator earns under the plan (targeted plans name a rate per creator)."""
    for named in plan.creators:
        if named.creator_id == creator_id:
            return named.rate_ppm
    return plan.rate_ppm


def plans_query(caller: Caller) -> Select[Any]:
    query = select(m.Plan)
    if caller.role is Role.MERCHANT:
        return query.where(m.Plan.merchant_id == caller.id)
    named = exists().where(
        m.PlanCreator.plan_id == m.Plan.id, m.PlanCreator.creator_id == caller.id
    )
    return query.where(or_(m.Plan.plan_type == PlanType.GENERAL.value, named))


def party_filter(model: type[m.Application] | type[m.Sample] | type[m.Order], caller: Caller):  # type: ignore[no-untyped-def]
    """Rows where the caller is the creator or the merchant."""
    if caller.role is Role.MERCHANT:
        return model.merchant_id == caller.id
    return model.creator_id == caller.id


def related_creators_query(caller: Caller) -> Select[Any]:
    """The creators a merchant deals with (``merchant_creator``): whose profiles it may see."""
    return select(m.MerchantCreator).where(m.MerchantCreator.merchant_id == caller.id)
