"""Everything one dashboard shows, read in one job on the reader's interactive lane.

``load(cache, role, preset, grain, today)`` calls the public functions of
``store/analytics.py`` (and names from ``store/analytics_view.py``) and returns a
:class:`Dashboard`; the widgets only draw it. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from workbench.core.enums import Role
from workbench.store import analytics
from workbench.store.analytics import Breakdown, Change, GiftShare, Grain, Period, Preset, Totals
from workbench.store.analytics_view import labels

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SHANGHAI = ZoneInfo("Asia/Shanghai")

CREATOR_BREAKDOWNS = (
    Breakdown.CHANNEL_KIND,
    Breakdown.SCENE,
    Breakdown.PRODUCT,
    Breakdown.CATEGORY,
)
MERCHANT_BREAKDOWNS = (
    Breakdown.CREATOR_CHANNEL,
    Breakdown.CREATOR,
    Breakdown.PLAN,
    Breakdown.PRODUCT,
)
NAMED = (Breakdown.PRODUCT, Breakdown.CATEGORY, Breakdown.PLAN, Breakdown.CREATOR)


def today() -> date:
    """Today in Asia/Shanghai (the orders' days)."""
    return datetime.now(SHANGHAI).date()


@dataclass
class Dashboard:
    role: Role
    period: Period
    grain: Grain
    compare: dict[str, Change]
    series: list[tuple[date, Totals]]
    breakdowns: dict[Breakdown, list[tuple[Any, Totals]]]
    stacked: dict[Any, list[tuple[date, Totals]]]  # per channel kind, per bucket
    gifts: list[GiftShare]
    names: dict[Breakdown, dict[Any, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.compare["lines"].now == 0


def period_of(cache: Cache, preset: Preset, day: date) -> Period:
    return analytics.preset_period(preset, day, analytics.first_day(cache))


def load(cache: Cache, role: Role, preset: Preset, grain: Grain, day: date) -> Dashboard:
    period = period_of(cache, preset, day)
    wanted = CREATOR_BREAKDOWNS if role is Role.CREATOR else MERCHANT_BREAKDOWNS
    breakdowns = {by: analytics.breakdown(cache, period, by) for by in wanted}
    if role is Role.MERCHANT:
        breakdowns[Breakdown.GIFT] = analytics.breakdown(cache, period, Breakdown.GIFT)
    names: dict[Breakdown, dict[Any, str]] = {}
    for by in NAMED:
        keys = {k for k, _ in breakdowns.get(by, [])}
        if by is Breakdown.CREATOR and Breakdown.CREATOR_CHANNEL in breakdowns:
            keys |= {k[0] for k, _ in breakdowns[Breakdown.CREATOR_CHANNEL]}
        if keys:
            names[by] = labels(cache, by, keys)
    return Dashboard(
        role=role,
        period=period,
        grain=grain,
        compare=analytics.compare(cache, period),
        series=analytics.series(cache, period, grain),
        breakdowns=breakdowns,
        stacked=analytics.breakdown_series(cache, period, Breakdown.CHANNEL_KIND, grain),
        gifts=analytics.gift_trend(cache, period, grain),
        names=names,
    )
