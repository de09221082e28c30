"""Workflow mutations that are ours: applications to plans and sample requests.

Creators create and withdraw; merchants decide. Each move is checked by the state machines of
``core.workflow``, so a second decision on the same application is ``already_decided``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from workbench.contract import mutations as p
from workbench.contract.sync import Mutation
from workbench.core.enums import ApplicationStatus, PlanStatus, ProductStatus, SampleStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import is_uuid
from workbench.core.workflow import (
    SAMPLE_EXTENSION_DAYS,
    check_application_move,
    check_reason,
    check_sample_move,
    content_due,
)
from workbench.server import models as m
from workbench.server.creator_links import relate
from workbench.server.handlers.base import (
    Ctx,
    Outcome,
    handles,
    owned,
    save,
    unchanged,
    update_row,
)
from workbench.server.visibility import creator_rate, plan_visible_to_creator


def _new(ctx: Ctx, model: type, mut: Mutation, owner_field: str) -> object | None:
    if not is_uuid(mut.entity_id):
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "a new row's id must be a UUID")
    row = ctx.session.get(model, mut.entity_id)
    if row is not None and getattr(row, owner_field) != ctx.caller.id:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, "that id is taken")
    return row


@handles("application.create")
def application_create(ctx: Ctx, mut: Mutation, payload: p.ApplicationCreate) -> Outcome:
    again = _new(ctx, m.Application, mut, "creator_id")
    if again is not None:
        return unchanged(again, "application")
    plan = ctx.session.get(m.Plan, payload.plan_id)
    if plan is None or not plan_visible_to_creator(plan, ctx.caller.id):
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such plan: {payload.plan_id}")
    if plan.status != PlanStatus.LISTED or not plan.begin_at <= ctx.now < plan.end_at:
        raise DomainError(ErrorCode.PLAN_NOT_ACTIVE, "the plan is not running")
    rate = creator_rate(plan, ctx.caller.id)
    if rate != payload.expected_rate_ppm:
        raise DomainError(
            ErrorCode.PLAN_CHANGED,
            "the plan's terms changed since you saw them: review and apply again",
            rate_ppm=rate,
        )
    open_one = ctx.session.scalar(
        select(m.Application.id).where(
            m.Application.plan_id == plan.id,
            m.Application.creator_id == ctx.caller.id,
            m.Application.status.in_(
                [ApplicationStatus.PENDING.value, ApplicationStatus.APPROVED.value]
            ),
        )
    )
    if open_one is not None:
        raise DomainError(ErrorCode.DUPLICATE_APPLICATION, "you already applied to this plan")
    app = m.Application(
        id=mut.entity_id,
        plan_id=plan.id,
        product_id=plan.product_id,
        creator_id=ctx.caller.id,
        merchant_id=plan.merchant_id,
        status=ApplicationStatus.PENDING.value,
        message=payload.message,
        plan_rate_ppm=rate,
        created_at=ctx.now,
        version=0,
    )
    outcome = save(ctx, app, "application")
    relate(ctx.session, plan.merchant_id, [ctx.caller.id], ctx.now)
    return outcome


@handles("application.withdraw", validate_first=True)
def application_withdraw(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    app = owned(ctx, m.Application, mut.entity_id, "creator_id")
    if app.status == ApplicationStatus.WITHDRAWN.value:
        return unchanged(app, "application")
    check_application_move(ApplicationStatus(app.status), ApplicationStatus.WITHDRAWN)
    return update_row(
        ctx, app, "application", status=ApplicationStatus.WITHDRAWN.value, withdrawn_at=ctx.now
    )


@handles("application.review", validate_first=True)
def application_review(ctx: Ctx, mut: Mutation, payload: p.Review) -> Outcome:
    app = owned(ctx, m.Application, mut.entity_id, "merchant_id")
    new = (
        ApplicationStatus.APPROVED if payload.decision == "approve" else ApplicationStatus.REJECTED
    )
    check_application_move(ApplicationStatus(app.status), new)
    reason = check_reason(payload.reason) if new is ApplicationStatus.REJECTED else None
    return update_row(ctx, app, "application", reason=reason, status=new.value, decided_at=ctx.now)


@handles("sample.create")
def sample_create(ctx: Ctx, mut: Mutation, payload: p.SampleCreate) -> Outcome:
    again = _new(ctx, m.Sample, mut, "creator_id")
    if again is not None:
        return unchanged(again, "sample")
    product = ctx.session.get(m.Product, payload.product_id)
    if product is None:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such product: {payload.product_id}")
    if product.status != ProductStatus.LISTED.value:
        raise DomainError(ErrorCode.PRODUCT_NOT_PROMOTABLE, f"the product is {product.status}")
    sample = m.Sample(
        id=mut.entity_id,
        product_id=product.id,
        creator_id=ctx.caller.id,
        merchant_id=product.shop.merchant_id,
        status=SampleStatus.REQUESTED.value,
        note=payload.note,
        created_at=ctx.now,
        version=0,
    )
    outcome = save(ctx, sample, "sample")
    relate(ctx.session, sample.merchant_id, [ctx.caller.id], ctx.now)
    return outcome


def _check_move(sample: m.Sample, new: SampleStatus) -> str:
    check_sample_move(SampleStatus(sample.status), new)
    return new.value


@handles("sample.cancel", validate_first=True)
def sample_cancel(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    sample = owned(ctx, m.Sample, mut.entity_id, "creator_id")
    if sample.status == SampleStatus.CANCELLED.value:
        return unchanged(sample, "sample")
    status = _check_move(sample, SampleStatus.CANCELLED)
    return update_row(ctx, sample, "sample", status=status)


@handles("sample.review", validate_first=True)
def sample_review(ctx: Ctx, mut: Mutation, payload: p.SampleReview) -> Outcome:
    sample = owned(ctx, m.Sample, mut.entity_id, "merchant_id")
    new = SampleStatus.APPROVED if payload.decision == "approve" else SampleStatus.REJECTED
    status = _check_move(sample, new)
    if new is SampleStatus.REJECTED:
        return update_row(ctx, sample, "sample", status=status, reason=check_reason(payload.reason))
    return update_row(ctx, sample, "sample", status=status, cost_fen=payload.cost_fen)


@handles("sample.ship", validate_first=True)
def sample_ship(ctx: Ctx, mut: Mutation, payload: p.SampleShip) -> Outcome:
    sample = owned(ctx, m.Sample, mut.entity_id, "merchant_id")
    status = _check_move(sample, SampleStatus.SHIPPED)
    return update_row(
        ctx,
        sample,
        "sample",
        status=status,
        tracking_no=payload.tracking_no,
        shipped_at=ctx.now,
        content_due_at=content_due(ctx.now, extended=False),
    )


@handles("sample.fulfil", validate_first=True)
def sample_fulfil(ctx: Ctx, mut: Mutation, payload: p.SampleFulfil) -> Outcome:
    sample = owned(ctx, m.Sample, mut.entity_id, "creator_id")
    status = _check_move(sample, SampleStatus.FULFILLED)
    return update_row(ctx, sample, "sample", status=status, content_url=payload.content_url)


@handles("sample.extend", validate_first=True)
def sample_extend(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    sample = owned(ctx, m.Sample, mut.entity_id, "creator_id")
    if sample.status != SampleStatus.SHIPPED.value or sample.extended:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "one extension, while the content is due")
    assert sample.content_due_at is not None
    due = sample.content_due_at + timedelta(days=SAMPLE_EXTENSION_DAYS)
    return update_row(ctx, sample, "sample", extended=True, content_due_at=due)
