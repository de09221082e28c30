"""Merchant mutations on promotion plans (推广计划).

Plan terms are the merchant's and server-authoritative. A general plan's rate is the rate the
selection center shows for its product, so creating or changing one also updates the product
(and so reaches every creator through the catalogue feed).

Commission-cut protection: lowering a plan's rate while a creator lists its product or has an
open (pending or approved) application to it does not change the rate in force; the plan
carries the cut (``pending_rate_ppm``) and its date (``pending_at``, now + the server's notice
period) and the due step (``server/due.py``) applies it then. With nobody affected a cut is
immediate. A raise (or setting the rate in force again) is immediate and drops a pending cut; a
further cut restarts the notice for the new rate; repeating the pending rate changes nothing.
"""

from __future__ import annotations

from sqlalchemy import select

from workbench.contract import mutations as p
from workbench.contract.sync import Mutation
from workbench.core.enums import (
    ApplicationStatus,
    CooperationStatus,
    PlanStatus,
    PlanType,
    Role,
)
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import is_uuid
from workbench.core.plan_rules import (
    MAX_CREATORS_PER_CALL,
    ExistingPlan,
    check_coexistence,
    check_new_plan,
    check_rate,
)
from workbench.server import models as m
from workbench.server.changes import acct
from workbench.server.creator_links import relate
from workbench.server.due import set_product_rate, set_rate
from workbench.server.handlers.base import Ctx, Outcome, as_change, conflict, handles, owned, save


def _existing(ctx: Ctx, product_id: str) -> list[ExistingPlan]:
    plans = ctx.session.scalars(select(m.Plan).where(m.Plan.product_id == product_id)).all()
    return [
        ExistingPlan(PlanType(pl.plan_type), PlanStatus(pl.status), pl.begin_at, pl.end_at)
        for pl in plans
    ]


def _check_creators(ctx: Ctx, creator_ids: list[str]) -> None:
    for creator_id in creator_ids:
        account = ctx.session.get(m.Account, creator_id)
        if account is None or account.role != Role.CREATOR.value:
            raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such creator: {creator_id}")


def _set_product_rate(ctx: Ctx, product_id: str, rate_ppm: int) -> None:
    set_product_rate(ctx.session, product_id, rate_ppm)


def _creators_affected(ctx: Ctx, plan: m.Plan) -> bool:
    """Does a creator list the plan's product or hold an open application to the plan?

    For a targeted or exclusive plan only its named creators count (nobody else earns by it).
    """
    applied = select(m.Application.id).where(
        m.Application.plan_id == plan.id,
        m.Application.status.in_(
            [ApplicationStatus.PENDING.value, ApplicationStatus.APPROVED.value]
        ),
    )
    if ctx.session.scalar(applied.limit(1)) is not None:
        return True
    listing = select(m.Listing.id).where(
        m.Listing.product_id == plan.product_id, m.Listing.deleted.is_(False)
    )
    if plan.plan_type != PlanType.GENERAL.value:
        listing = listing.where(m.Listing.creator_id.in_([c.creator_id for c in plan.creators]))
    return ctx.session.scalar(listing.limit(1)) is not None


def _change_rate(ctx: Ctx, plan: m.Plan, rate_ppm: int) -> None:
    """A new rate: a raise at once, a cut after the notice when a creator is affected."""
    if rate_ppm >= plan.rate_ppm:
        set_rate(plan, rate_ppm)
    elif plan.pending_rate_ppm == rate_ppm:
        return  # the same cut again: its date stands
    elif ctx.cut_notice.total_seconds() > 0 and _creators_affected(ctx, plan):
        plan.pending_rate_ppm = rate_ppm
        plan.pending_at = ctx.now + ctx.cut_notice
    else:
        set_rate(plan, rate_ppm)


@handles("plan.create")
def plan_create(ctx: Ctx, mut: Mutation, payload: p.PlanCreate) -> Outcome:
    if len(payload.plan_ids) != len(payload.product_ids) or not all(map(is_uuid, payload.plan_ids)):
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "one new UUID plan id per product")
    if mut.entity_id != payload.plan_ids[0]:
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "entity_id must be the first plan id")
    again = [ctx.session.get(m.Plan, plan_id) for plan_id in payload.plan_ids]
    if any(again):
        if all(pl is not None and pl.merchant_id == ctx.caller.id for pl in again):
            return Outcome("plan", mut.entity_id, changes=[as_change(pl, "plan") for pl in again])
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, "a plan id is taken")
    check_new_plan(
        payload.plan_type,
        payload.rate_ppm,
        payload.begin_at,
        payload.end_at,
        payload.product_ids,
        payload.creator_ids,
    )
    _check_creators(ctx, payload.creator_ids)
    changes = []
    for plan_id, product_id in zip(payload.plan_ids, payload.product_ids, strict=True):
        product = ctx.session.get(m.Product, product_id)
        if product is None or product.shop.merchant_id != ctx.caller.id:
            raise DomainError(
                ErrorCode.NOT_YOUR_PRODUCT, f"not a product of your shops: {product_id}"
            )
        check_coexistence(payload.plan_type, _existing(ctx, product_id), ctx.now)
        status = PlanStatus.LISTED if payload.begin_at <= ctx.now else PlanStatus.PENDING_EFFECT
        plan = m.Plan(
            id=plan_id,
            merchant_id=ctx.caller.id,
            product_id=product_id,
            plan_type=payload.plan_type.value,
            rate_ppm=payload.rate_ppm,
            begin_at=payload.begin_at,
            end_at=payload.end_at,
            status=status.value,
            created_at=ctx.now,
            version=0,
            creators=[
                m.PlanCreator(
                    creator_id=c, rate_ppm=payload.rate_ppm, status=CooperationStatus.ACCEPTED.value
                )
                for c in payload.creator_ids
            ],
        )
        changes.extend(save(ctx, plan, "plan").changes)
        ctx.session.flush()
        if payload.plan_type is PlanType.GENERAL and status is PlanStatus.LISTED:
            _set_product_rate(ctx, product_id, payload.rate_ppm)
    relate(ctx.session, ctx.caller.id, payload.creator_ids, ctx.now)
    return Outcome("plan", mut.entity_id, changes=changes)


@handles("plan.update")
def plan_update(ctx: Ctx, mut: Mutation, payload: p.PlanUpdate) -> Outcome:
    plan = owned(ctx, m.Plan, mut.entity_id, "merchant_id")
    if plan.status == PlanStatus.DELETED.value:
        raise DomainError(ErrorCode.PLAN_NOT_ACTIVE, "the plan was deleted")
    if mut.base_version is not None and plan.version > mut.base_version:
        return conflict(
            plan,
            "plan",
            ["rate_ppm", "end_at"],
            "the plan changed on another device; review it and save again",
        )
    if payload.rate_ppm is not None:
        check_rate(payload.rate_ppm)
        _change_rate(ctx, plan, payload.rate_ppm)
    if payload.end_at is not None:
        if payload.end_at <= plan.begin_at:
            raise DomainError(ErrorCode.PLAN_WINDOW_INVALID, "a plan must end after it begins")
        plan.end_at = payload.end_at
    gone: tuple[str, ...] = ()
    if payload.add_creator_ids or payload.remove_creator_ids:
        if plan.plan_type == PlanType.GENERAL.value:
            raise DomainError(
                ErrorCode.CREATORS_NOT_ALLOWED, "a general plan is open to every creator"
            )
        if len(payload.add_creator_ids) + len(payload.remove_creator_ids) > MAX_CREATORS_PER_CALL:
            raise DomainError(
                ErrorCode.TOO_MANY_CREATORS, f"at most {MAX_CREATORS_PER_CALL} creators per change"
            )
        _check_creators(ctx, payload.add_creator_ids)
        removed = set(payload.remove_creator_ids)
        named = {c.creator_id for c in plan.creators}
        plan.creators = [c for c in plan.creators if c.creator_id not in removed]
        for creator_id in payload.add_creator_ids:
            if creator_id not in named:
                plan.creators.append(
                    m.PlanCreator(
                        creator_id=creator_id,
                        rate_ppm=plan.rate_ppm,
                        status=CooperationStatus.ACCEPTED.value,
                    )
                )
        if not plan.creators:
            raise DomainError(
                ErrorCode.CREATORS_REQUIRED, f"a {plan.plan_type} plan names creators"
            )
        gone = tuple(acct(c) for c in removed & named)
    outcome = save(ctx, plan, "plan", gone_for=gone)
    relate(ctx.session, ctx.caller.id, payload.add_creator_ids, ctx.now)
    if plan.plan_type == PlanType.GENERAL.value and payload.rate_ppm is not None:
        _set_product_rate(ctx, plan.product_id, plan.rate_ppm)
    return outcome


@handles("plan.end")
def plan_end(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    plan = owned(ctx, m.Plan, mut.entity_id, "merchant_id")
    if plan.status == PlanStatus.DELISTED.value:
        return Outcome("plan", plan.id, changes=[as_change(plan, "plan")])
    plan.status = PlanStatus.DELISTED.value
    if plan.end_at > ctx.now:
        plan.end_at = ctx.now
    return save(ctx, plan, "plan")
