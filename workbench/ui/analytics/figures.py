"""Everything one dashboard shows, read in two jobs on the reader's interactive lane.

``load_first(cache, role, preset, grain, today, parts)`` reads what the first paint needs (the
measures against the previous period and the trend, both from the per-day ``order_day``
figures, and the ``parts`` of the section on screen); ``load_rest(cache, first)`` adds every
other breakdown, the stacked channels and the gift trend (``load`` does both). They call the
public functions of ``store/analytics.py`` (and names from ``store/analytics_view.py``) and
return a :class:`Dashboard`; the widgets only draw it. No Qt here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
STACKED, GIFTS = "stacked", "gifts"
Part = Breakdown | str
"""A part of a dashboard read apart from the rest: a breakdown, :data:`STACKED` (GMV per
channel kind per bucket) or :data:`GIFTS` (the gift trend)."""
_reads = itertools.count(1)


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
    parts: frozenset[Part] = frozenset()  # what is read so far (compare and series always)
    read: int = 0  # one number per read: the first paint and its completion share it

    @property
    def empty(self) -> bool:
        return self.compare["lines"].now == 0

    @property
    def complete(self) -> bool:
        return self.parts >= set(every_part(self.role))

    def has(self, parts: Iterable[Part]) -> bool:
        return all(p in self.parts for p in parts)


def period_of(cache: Cache, preset: Preset, day: date) -> Period:
    return analytics.preset_period(preset, day, analytics.first_day(cache))


def every_part(role: Role) -> tuple[Part, ...]:
    """Every part a complete dashboard of ``role`` holds."""
    if role is Role.CREATOR:
        return (*CREATOR_BREAKDOWNS, STACKED, GIFTS)
    return (*MERCHANT_BREAKDOWNS, Breakdown.GIFT, STACKED, GIFTS)


def load(cache: Cache, role: Role, preset: Preset, grain: Grain, day: date) -> Dashboard:
    """The whole dashboard in one go (what the two jobs of the page read in turn)."""
    return load_rest(cache, load_first(cache, role, preset, grain, day))


def load_first(
    cache: Cache, role: Role, preset: Preset, grain: Grain, day: date, parts: Iterable[Part] = ()
) -> Dashboard:
    """The first paint: the measures against the previous period, the trend (a few dozen rows
    of ``order_day`` each) and ``parts`` (the section on screen when it is not the trend)."""
    period = period_of(cache, preset, day)
    first = Dashboard(
        role=role,
        period=period,
        grain=grain,
        compare=analytics.compare(cache, period),
        series=analytics.series(cache, period, grain),
        breakdowns={},
        stacked={},
        gifts=[],
        read=next(_reads),
    )
    return _with(cache, first, parts)


def load_rest(cache: Cache, first: Dashboard) -> Dashboard:
    """``first`` with every part it lacks."""
    return _with(cache, first, every_part(first.role))


def _with(cache: Cache, data: Dashboard, parts: Iterable[Part]) -> Dashboard:
    wanted = [p for p in dict.fromkeys(parts) if p not in data.parts]
    if not wanted:
        return data
    period, grain = data.period, data.grain
    breakdowns = dict(data.breakdowns)
    for part in wanted:
        if isinstance(part, Breakdown):
            breakdowns[part] = analytics.breakdown(cache, period, part)
    stacked = data.stacked
    if STACKED in wanted:
        stacked = analytics.breakdown_series(cache, period, Breakdown.CHANNEL_KIND, grain)
    gifts = data.gifts
    if GIFTS in wanted:
        gifts = analytics.gift_trend(cache, period, grain, whole=data.series)
    names = dict(data.names)
    for by in NAMED:
        keys = {k for k, _ in breakdowns.get(by, [])}
        if by is Breakdown.CREATOR and Breakdown.CREATOR_CHANNEL in breakdowns:
            keys |= {k[0] for k, _ in breakdowns[Breakdown.CREATOR_CHANNEL]}
        keys -= set(names.get(by, {}))
        if keys:
            names[by] = {**names.get(by, {}), **labels(cache, by, keys)}
    return replace(
        data,
        breakdowns=breakdowns,
        stacked=stacked,
        gifts=gifts,
        names=names,
        parts=data.parts | set(wanted),
    )
