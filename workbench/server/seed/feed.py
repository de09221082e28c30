"""Change-log entries for seeded rows, made by ``changes.log_entries`` as mutations make them.

Clients learn their account-scope rows (channels, listings, plans, orders...) only from the change
feed, so every seeded row needs its entries. ``record_upsert`` through the ORM costs ~60 µs per
order (instances, flush, pydantic); here the row's wire dict is built straight from the row dict
with the contract model's field list, and the entries themselves (audiences, and each audience's
view of the row) come from ``changes.log_entries`` (asked of a transient instance), the one maker
of feed entries, so the seed cannot show an audience more than a mutation would. A test compares
every entry with ``to_wire`` of the row loaded back, and every account's feed with its REST reads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from workbench.contract import entities as wire
from workbench.contract.auth import AccountOut
from workbench.server import changes
from workbench.server import models as m
from workbench.server.seed.bulk import BulkWriter
from workbench.server.seed.ids import wire_time
from workbench.server.seed.tables import TableWriter

_WIRE_MODELS: dict[type[m.Base], type[BaseModel]] = {
    m.Account: AccountOut,
    m.Channel: wire.ChannelOut,
    m.Listing: wire.ListingOut,
    m.Favourite: wire.FavouriteOut,
    m.SavedFilter: wire.SavedFilterOut,
    m.Plan: wire.PlanOut,
    m.Application: wire.ApplicationOut,
    m.Sample: wire.SampleOut,
    m.Order: wire.OrderOut,
    m.PlanCreator: wire.PlanCreatorOut,
    m.OrderLine: wire.OrderLineOut,
    m.Deposit: wire.DepositOut,
    m.Settlement: wire.SettlementOut,
    m.SettlementLine: wire.SettlementLineOut,
}
_WIRE_FIELDS = {model: tuple(out.model_fields) for model, out in _WIRE_MODELS.items()}


def wire_dict(model: type[m.Base], row: dict[str, Any]) -> dict[str, Any]:
    """What ``serialize.to_wire`` makes of the row: the contract's fields, times as ISO 8601."""
    return {name: _wire_value(row[name]) for name in _WIRE_FIELDS[model]}


def _wire_value(value: Any) -> Any:
    return wire_time(value) if isinstance(value, datetime) else value


def order_wire(order: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
    """An order's wire dict: its lines, and the sums ``serialize.order`` adds."""
    return wire_dict(
        m.Order,
        {
            **order,
            "lines": [wire_dict(m.OrderLine, line) for line in lines],
            "paid_fen": sum(line["paid_fen"] for line in lines),
            "refund_fen": sum(line["refund_fen"] for line in lines),
            "commission_fen": sum(line["commission_fen"] for line in lines),
        },
    )


def plan_wire(plan: dict[str, Any], creators: list[dict[str, Any]]) -> dict[str, Any]:
    return wire_dict(m.Plan, {**plan, "creators": [wire_dict(m.PlanCreator, c) for c in creators]})


def creator_wire(account: dict[str, Any]) -> dict[str, Any]:
    """A creator's public profile (``serialize.creator_profile``) from their account row."""
    return {name: _wire_value(account[name]) for name in _CREATOR_FIELDS}


_CREATOR_FIELDS = tuple(wire.CreatorOut.model_fields)


def transient(model: type[m.Base], row: dict[str, Any], **relations: Any) -> Any:
    """An unsaved instance of ``model`` holding the row's columns (and given relationships)."""
    columns = model.__table__.columns.keys()
    return model(**{key: row[key] for key in columns}, **relations)


class ChangeFeed:
    """Appends ``upsert`` entries to ``change_log`` in the order rows are given."""

    def __init__(self, writer: BulkWriter, at: datetime) -> None:
        self._log = TableWriter(writer, m.ChangeLog, exclude=("seq",))
        expected = ["audience", "entity", "entity_id", "version", "op", "data", "created_at"]
        if self._log.columns != expected:
            raise RuntimeError(f"change_log columns changed: {self._log.columns}")
        self._at = writer.time(at)
        self._dumps = writer.json

    @property
    def count(self) -> int:
        return self._log.count

    def upsert(
        self,
        model: type[m.Base],
        row: dict[str, Any],
        data: dict[str, Any] | None = None,
        **relations: Any,
    ) -> None:
        """Log ``row`` (a dict of its columns) for every audience that may see it.

        ``data`` is its wire dict when the plain one is not enough (plans, orders);
        ``relations`` are what ``log_entries`` reads beyond the columns (a plan's creators).
        """
        instance = transient(model, row, **relations)
        whole = data if data is not None else wire_dict(model, row)
        texts: dict[int, str | None] = {}  # audiences that see the same dict share its JSON
        for entry in changes.log_entries(instance, whole, self._at):
            view = entry["data"]
            text = texts.get(id(view))
            if text is None:
                text = texts[id(view)] = self._dumps(view)
            self._log.add_values(
                (
                    entry["audience"],
                    entry["entity"],
                    entry["entity_id"],
                    entry["version"],
                    entry["op"],
                    text,
                    entry["created_at"],
                )
            )

    def flush(self) -> None:
        self._log.flush()
