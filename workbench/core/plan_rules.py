"""Promotion-plan rules (推广计划) as pure functions.

Each check raises :class:`DomainError` with a stable code, so the server can answer a mutation
with it and the client can check a batch offline, before it is ever sent, with the same code.
Platform limits: rate a whole percent 0–90, at most 20 products and 30 creators per change call,
targeted needs a live general plan, exclusive stands alone on its product.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from workbench.core.enums import PlanStatus, PlanType
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.money import MAX_PLAN_RATE_PERCENT

MAX_PRODUCTS_PER_CALL = 20
MAX_CREATORS_PER_CALL = 30
MAX_RATE_PPM = MAX_PLAN_RATE_PERCENT * 10_000
_WHOLE_PERCENT_PPM = 10_000


@dataclass(frozen=True, slots=True)
class ExistingPlan:
    """What the coexistence rules need to know of a plan already on a product."""

    plan_type: PlanType
    status: PlanStatus
    begin_at: datetime
    end_at: datetime

    def is_live(self, now: datetime) -> bool:
        """Listed (or about to be) and not yet ended."""
        return self.status in (PlanStatus.LISTED, PlanStatus.PENDING_EFFECT) and self.end_at > now


def check_rate(rate_ppm: int) -> None:
    """A plan rate is a whole percent from 0 to 90 (stored as ppm)."""
    if isinstance(rate_ppm, bool) or not isinstance(rate_ppm, int):
        raise DomainError(ErrorCode.RATE_OUT_OF_RANGE, "rate must be an integer in ppm")
    if not 0 <= rate_ppm <= MAX_RATE_PPM:
        raise DomainError(
            ErrorCode.RATE_OUT_OF_RANGE,
            f"rate must be 0–{MAX_PLAN_RATE_PERCENT} %, got {rate_ppm} ppm",
            rate_ppm=rate_ppm,
        )
    if rate_ppm % _WHOLE_PERCENT_PPM:
        raise DomainError(
            ErrorCode.RATE_OUT_OF_RANGE,
            "the platform takes plan rates in whole percent",
            rate_ppm=rate_ppm,
        )


def check_window(begin_at: datetime, end_at: datetime) -> None:
    """A plan ends after it begins; both are timezone-aware."""
    if begin_at.tzinfo is None or end_at.tzinfo is None:
        raise DomainError(ErrorCode.PLAN_WINDOW_INVALID, "plan times must carry a timezone")
    if end_at <= begin_at:
        raise DomainError(ErrorCode.PLAN_WINDOW_INVALID, "a plan must end after it begins")


def check_batch(product_ids: Sequence[str], creator_ids: Sequence[str]) -> None:
    """At most 20 products and 30 creators in one change call, none repeated."""
    if not product_ids:
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "a plan change names at least one product")
    if len(product_ids) > MAX_PRODUCTS_PER_CALL:
        raise DomainError(
            ErrorCode.TOO_MANY_PRODUCTS,
            f"at most {MAX_PRODUCTS_PER_CALL} products per change, got {len(product_ids)}",
        )
    if len(creator_ids) > MAX_CREATORS_PER_CALL:
        raise DomainError(
            ErrorCode.TOO_MANY_CREATORS,
            f"at most {MAX_CREATORS_PER_CALL} creators per change, got {len(creator_ids)}",
        )
    if len(set(product_ids)) != len(product_ids) or len(set(creator_ids)) != len(creator_ids):
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "a product or creator is named twice")


def check_creators_for_type(plan_type: PlanType, creator_ids: Sequence[str]) -> None:
    """General plans are open to all; targeted and exclusive plans name their creators."""
    if plan_type is PlanType.GENERAL and creator_ids:
        raise DomainError(ErrorCode.CREATORS_NOT_ALLOWED, "a general plan is open to every creator")
    if plan_type is not PlanType.GENERAL and not creator_ids:
        raise DomainError(ErrorCode.CREATORS_REQUIRED, f"a {plan_type.value} plan names creators")


def check_coexistence(plan_type: PlanType, existing: Iterable[ExistingPlan], now: datetime) -> None:
    """May a new plan of ``plan_type`` join the live plans already on one product?

    - targeted needs a live general plan on the product;
    - exclusive cannot coexist with a general or targeted plan (nor another exclusive);
    - one live general plan per product.
    """
    live = [p for p in existing if p.is_live(now)]
    kinds = {p.plan_type for p in live}
    if PlanType.EXCLUSIVE in kinds:
        raise DomainError(ErrorCode.EXCLUSIVE_CONFLICT, "the product has a live exclusive plan")
    if plan_type is PlanType.EXCLUSIVE and kinds:
        raise DomainError(
            ErrorCode.EXCLUSIVE_CONFLICT,
            "an exclusive plan cannot coexist with general or targeted plans",
        )
    if plan_type is PlanType.TARGETED and PlanType.GENERAL not in kinds:
        raise DomainError(
            ErrorCode.GENERAL_PLAN_REQUIRED, "a targeted plan needs a live general plan"
        )
    if plan_type is PlanType.GENERAL and PlanType.GENERAL in kinds:
        raise DomainError(
            ErrorCode.DUPLICATE_GENERAL_PLAN, "the product already has a live general plan"
        )


def check_new_plan(
    plan_type: PlanType,
    rate_ppm: int,
    begin_at: datetime,
    end_at: datetime,
    product_ids: Sequence[str],
    creator_ids: Sequence[str],
) -> None:
    """Every rule of a plan creation that does not need the products' current plans."""
    check_batch(product_ids, creator_ids)
    check_creators_for_type(plan_type, creator_ids)
    check_rate(rate_ppm)
    check_window(begin_at, end_at)
