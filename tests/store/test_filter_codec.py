"""The selection center's filter as JSON: round trips, and tolerance of anything JSON can hold."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.store import filter_codec
from workbench.store.filter_codec import from_json, to_json
from workbench.store.products import ProductFilter, Sort

_BIG = 2**63 - 1
bounds = st.one_of(st.none(), st.integers(0, _BIG))
filters = st.builds(
    ProductFilter,
    keyword=st.text(max_size=30),
    category_id=st.one_of(st.none(), st.integers(1, _BIG)),
    price_min_fen=bounds,
    price_max_fen=bounds,
    commission_min_ppm=bounds,
    commission_max_ppm=bounds,
    commission_per_sale_min_fen=bounds,
    commission_per_sale_max_fen=bounds,
    monthly_sales_min=bounds,
    monthly_sales_max=bounds,
    guarantee_flags=st.integers(0, _BIG),
    promotable_now=st.booleans(),
    hide_on_my_channels=st.booleans(),
    favourites_only=st.booleans(),
    sort=st.one_of(st.none(), st.sampled_from(list(Sort))),
    descending=st.booleans(),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
FIELDS = [f.name for f in dataclasses.fields(ProductFilter)]
# Objects whose keys are mostly the filter's own: each field gets any JSON value at all.
filter_like = st.dictionaries(st.sampled_from([*FIELDS, "v", "other"]), json_values)


@settings(max_examples=300, deadline=None)
@given(f=filters)
def test_round_trip(f: ProductFilter) -> None:
    data = to_json(f)
    assert data["v"] == 1
    assert from_json(json.loads(json.dumps(data))) == f


def test_only_non_default_fields_are_written() -> None:
    assert to_json(ProductFilter()) == {"v": 1}
    f = ProductFilter(keyword="茶", price_max_fen=5_000, sort=Sort.PRICE, descending=False)
    assert to_json(f) == {
        "v": 1,
        "keyword": "茶",
        "price_max_fen": 5_000,
        "sort": "price",
        "descending": False,
    }


def test_every_field_has_a_reader() -> None:
    assert set(filter_codec._READERS) == set(FIELDS)


@settings(max_examples=300, deadline=None)
@given(data=json_values)
def test_any_json_reads_without_raising(data: Any) -> None:
    assert isinstance(from_json(data), ProductFilter)


@settings(max_examples=500, deadline=None)
@given(data=filter_like)
def test_each_unreadable_field_falls_back_to_its_default(data: dict[str, Any]) -> None:
    f = from_json(data)
    default = ProductFilter()
    for name in FIELDS:
        value = getattr(f, name)
        if name not in data:
            assert value == getattr(default, name)
        elif value != getattr(default, name):
            raw = data[name]
            assert raw == (value.value if isinstance(value, Sort) else value)
            assert type(raw) is type(value.value if isinstance(value, Sort) else value)


def test_wrong_types_and_ranges_are_dropped_one_field_at_a_time() -> None:
    f = from_json(
        {
            "v": 99,
            "keyword": 5,
            "category_id": 0,
            "price_min_fen": -1,
            "price_max_fen": 2**63,
            "commission_min_ppm": True,
            "commission_max_ppm": 300_000.0,
            "monthly_sales_min": "100",
            "monthly_sales_max": 10_000,
            "guarantee_flags": -3,
            "promotable_now": 1,
            "hide_on_my_channels": True,
            "sort": "popularity",
            "descending": None,
            "from_a_newer_app": {"x": 1},
        }
    )
    assert f == ProductFilter(monthly_sales_max=10_000, hide_on_my_channels=True)
    assert from_json({"sort": None, "category_id": None}) == ProductFilter()
    assert from_json({"sort": "commission_rate", "category_id": 20101}) == ProductFilter(
        sort=Sort.COMMISSION_RATE, category_id=20101
    )


def test_not_an_object_is_the_default_filter() -> None:
    for data in (None, [], ["keyword"], "茶", 3, 2.5, True):
        assert from_json(data) == ProductFilter()  # type: ignore[arg-type]
