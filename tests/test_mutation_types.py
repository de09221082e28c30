"""Every mutation type is complete: a server handler, a client projection, bad-input cases.

A type added to ``contract/mutations.py`` without one of these would be refused by the server
(``unknown_mutation``), shown wrongly while pending, or never tried with bad input.
"""

from __future__ import annotations

from collections.abc import Iterable

from tests.server.test_bad_input import BAD_PAYLOADS
from workbench.contract.mutations import MUTATIONS
from workbench.server.handlers.base import HANDLERS
from workbench.server.mutations import process_batch  # noqa: F401  (registers the handlers)
from workbench.store.optimistic import projected_types


def missing(types: Iterable[str]) -> dict[str, list[str]]:
    """Per mutation type, what it lacks (empty: nothing)."""
    lacks: dict[str, list[str]] = {}
    projected = projected_types()
    for name in sorted(types):
        gaps = [
            part
            for part, present in (
                ("server handler", name in HANDLERS),
                ("projection in store/optimistic.py", name in projected),
                ("bad-input cases in tests/server/test_bad_input.py", bool(BAD_PAYLOADS.get(name))),
            )
            if not present
        ]
        if gaps:
            lacks[name] = gaps
    return lacks


def test_every_mutation_type_has_a_handler_a_projection_and_bad_input_cases() -> None:
    assert missing(MUTATIONS) == {}


def test_nothing_is_handled_projected_or_tried_that_the_contract_does_not_know() -> None:
    assert set(HANDLERS) <= set(MUTATIONS)
    assert projected_types() <= set(MUTATIONS)
    assert set(BAD_PAYLOADS) <= set(MUTATIONS)


def test_a_type_lacking_its_parts_is_named_with_what_it_lacks() -> None:
    assert missing(["listing.create", "listing.archive"]) == {
        "listing.archive": [
            "server handler",
            "projection in store/optimistic.py",
            "bad-input cases in tests/server/test_bad_input.py",
        ]
    }
