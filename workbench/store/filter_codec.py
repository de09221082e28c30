"""A :class:`ProductFilter` as JSON: a saved filter's ``query``, the last filter in settings.

:func:`to_json` writes only the fields that differ from the defaults, plus ``"v": 1`` (the
format's version), and the sort as its enum value (``"price"``). :func:`from_json` reads
anything JSON can hold and never raises: unknown keys are ignored (a newer app may add some),
and a value of the wrong type or out of range falls back to that field's default, one field at
a time, so a filter saved by another version keeps what this version understands.

Integers must be JSON integers (``true`` is not ``1``, ``5.0`` is not ``5``); bounds and flags
must lie in ``0 … 2**63 - 1`` (what SQLite holds), a category id in ``1 … 2**63 - 1``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from workbench.store.products import ProductFilter, Sort

VERSION = 1
_MAX_INT = 2**63 - 1
_DEFAULT = ProductFilter()
_INT_FIELDS = (
    "price_min_fen",
    "price_max_fen",
    "commission_min_ppm",
    "commission_max_ppm",
    "commission_per_sale_min_fen",
    "commission_per_sale_max_fen",
    "monthly_sales_min",
    "monthly_sales_max",
)
_BOOL_FIELDS = ("promotable_now", "hide_on_my_channels", "favourites_only", "descending")
_SORTS = {s.value: s for s in Sort}


def to_json(f: ProductFilter) -> dict[str, Any]:
    """The filter's non-default fields, plus ``"v"``; plain JSON types only."""
    out: dict[str, Any] = {"v": VERSION}
    for field in dataclasses.fields(ProductFilter):
        value = getattr(f, field.name)
        if value == getattr(_DEFAULT, field.name):
            continue
        out[field.name] = value.value if isinstance(value, Sort) else value
    return out


def from_json(data: Mapping[str, Any]) -> ProductFilter:
    """The filter ``data`` describes; whatever is unreadable in it stays at its default."""
    if not isinstance(data, Mapping):
        return ProductFilter()
    found: dict[str, Any] = {}
    for name, read in _READERS.items():
        if name in data:
            value = read(data[name])
            if value is not _INVALID:
                found[name] = value
    return ProductFilter(**found)


_INVALID = object()


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bound(value: Any) -> Any:
    """A nullable non-negative bound."""
    if value is None:
        return None
    return value if _is_int(value) and 0 <= value <= _MAX_INT else _INVALID


def _category(value: Any) -> Any:
    if value is None:
        return None
    return value if _is_int(value) and 1 <= value <= _MAX_INT else _INVALID


def _flags(value: Any) -> Any:
    return value if _is_int(value) and 0 <= value <= _MAX_INT else _INVALID


def _keyword(value: Any) -> Any:
    return value if isinstance(value, str) else _INVALID


def _flag(value: Any) -> Any:
    return value if isinstance(value, bool) else _INVALID


def _sort(value: Any) -> Any:
    if value is None:
        return None
    return _SORTS.get(value, _INVALID) if isinstance(value, str) else _INVALID


_READERS: dict[str, Callable[[Any], Any]] = {
    "keyword": _keyword,
    "category_id": _category,
    **dict.fromkeys(_INT_FIELDS, _bound),
    "guarantee_flags": _flags,
    **dict.fromkeys(_BOOL_FIELDS, _flag),
    "sort": _sort,
}
