"""A creator's money history over REST: the deposit (保证金), its ledger, monthly settlements (结算).

Only the creator themselves reads these (a merchant gets ``wrong_role``; there is no way to ask
for another creator's). Lists are keyset-paged by id, oldest first (the ids are time-ordered).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from workbench.contract import entities as wire
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.deps import CallerDep, StateDep
from workbench.server.params import After, Limit, Month
from workbench.server.problems import PROBLEM_RESPONSES
from workbench.server.routes.read import _creator_only, _one, _page

router = APIRouter(prefix="/v1", tags=["money"], responses=PROBLEM_RESPONSES)


@router.get("/deposit", response_model=wire.DepositOut)
def deposit(caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    """My deposit: the balance (the ledger's sum) and what the platform requires now."""
    _creator_only(caller)
    return _one(wb, select(m.Deposit).where(m.Deposit.creator_id == caller.id), "deposit")


@router.get("/deposit/entries", response_model=wire.Page[wire.DepositEntryOut])
def deposit_entries(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    """My deposit's ledger, oldest first."""
    _creator_only(caller)
    query = select(m.DepositEntry).where(m.DepositEntry.creator_id == caller.id)
    return _page(wb, query, m.DepositEntry.id, after, limit)


@router.get("/settlements", response_model=wire.Page[wire.SettlementOut])
def settlements(
    caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Limit = 100,
    since: Month = None,
    until: Month = None,
) -> dict[str, Any]:
    """My monthly settlements from ``since`` to ``until`` (``YYYY-MM``, both included)."""
    _creator_only(caller)
    if since is not None and until is not None and until < since:
        raise DomainError(ErrorCode.VALIDATION_FAILED, "until is before since")
    query = select(m.Settlement).where(m.Settlement.creator_id == caller.id)
    if since is not None:
        query = query.where(m.Settlement.month >= since)
    if until is not None:
        query = query.where(m.Settlement.month <= until)
    return _page(wb, query, m.Settlement.id, after, limit)
