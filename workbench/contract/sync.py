"""The sync protocol on the wire: change feed, catalogue snapshot, mutation batches.

- ``GET /v1/sync/changes?scope=…&cursor=…&limit=…`` answers a :class:`ChangesPage`; the cursor
  is opaque; a cursor older than the server's retention answers 410 ``cursor_expired``.
- ``GET /v1/sync/snapshot?entity=product`` answers a :class:`SnapshotManifest`; its pages are
  gzip NDJSON, one JSON array a row in :data:`SNAPSHOT_COLUMNS` order.
- ``POST /v1/sync/mutations`` takes a :class:`MutationBatch` and answers :class:`MutationResults`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from workbench.contract.base import OutModel, Seq, Uuid, Version, WireModel
from workbench.core.errors import ErrorCode

MAX_MUTATIONS_PER_BATCH = 500
MAX_CHANGES_PER_PAGE = 5000
MAX_SNAPSHOT_PAGE = 50_000

SNAPSHOT_COLUMNS: dict[str, tuple[str, ...]] = {
    "product": (
        "id",
        "shop_id",
        "shop_name",
        "title",
        "category1_id",
        "category2_id",
        "category3_id",
        "price_fen",
        "monthly_sales",
        "stock",
        "commission_ppm",
        "service_fee_ppm",
        "guarantee_flags",
        "status",
        "listed_at",
        "version",
    ),
    "category": ("id", "name", "level", "parent_id"),
    "shop": ("id", "merchant_id", "name", "score_x10"),
    # The account's own rows (``ACCOUNT_SNAPSHOTS``): an order line with its order's fields.
    "order_line": (
        "id",
        "order_id",
        "created_at",
        "paid_at",
        "refunded_at",
        "product_id",
        "title",
        "category_id",
        "shop_id",
        "merchant_id",
        "creator_id",
        "channel_id",
        "channel_kind",
        "scene",
        "plan_id",
        "is_present",
        "quantity",
        "paid_fen",
        "refund_fen",
        "commission_ppm",
        "commission_fen",
        "commission_status",
        "status",
        "version",
    ),
    "settlement_line": (
        "id",
        "order_line_id",
        "order_id",
        "creator_id",
        "merchant_id",
        "settled_at",
        "base_fen",
        "rate_ppm",
        "commission_fen",
        "version",
    ),
}
"""Column order of each snapshot entity's NDJSON rows (arrays are half the bytes of objects)."""

ACCOUNT_SNAPSHOTS: dict[str, str] = {"order_line": "order", "settlement_line": "settlement_line"}
"""Snapshots of the caller's own rows (too many for the feed at first sync), with the feed
entity each one stands for. Their manifest's cursor is an ``account`` cursor that skips those
entities' entries up to the snapshot's start, so the feed resumes where the snapshot began.
Pages of ``order_line`` are keyed by order id (``X-Next-After``): an order's lines come whole."""


class Scope(StrEnum):
    """What a change feed covers: the shared catalogue, or what the account may see."""

    CATALOG = "catalog"
    ACCOUNT = "account"


class Change(OutModel):
    """One entry of the change feed: the entity's whole current state, or a tombstone."""

    entity: str
    id: str
    version: int
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = None


class ChangesPage(OutModel):
    """A page of the feed in commit order. Store ``cursor`` with the data, in one transaction."""

    changes: list[Change]
    cursor: str
    has_more: bool


class SnapshotManifest(OutModel):
    """Where a catalogue snapshot starts; continue the feed from ``cursor`` after loading it."""

    entity: str
    columns: list[str]
    total: int
    page_size: int
    cursor: str
    first_page: str


class MutationStatus(StrEnum):
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"


DeviceId = Annotated[
    str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")
]
MutationType = Annotated[
    str, StringConstraints(min_length=3, max_length=40, pattern=r"^[a-z_]+\.[a-z_]+$")
]


class Mutation(WireModel):
    """One queued intent. ``seq`` is per device and gapless; ``id`` is its UUID."""

    seq: Seq
    id: Uuid
    type: MutationType
    # Not SafeStr: a NUL here is one rejected mutation (the server checks it), so a device whose
    # outbox holds one is not refused whole batches forever.
    entity_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    base_version: Version | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


class MutationBatch(WireModel):
    """Mutations of one device, in ``seq`` order."""

    device_id: DeviceId
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_MUTATIONS_PER_BATCH)]


class MutationResult(OutModel):
    """What became of one mutation. Replayed identically when the mutation is sent again."""

    seq: int
    id: str
    status: MutationStatus
    code: ErrorCode | None = None
    detail: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    conflicts: list[str] | None = None
    row: dict[str, Any] | None = None  # the first row it left, for a quick look
    changes: list[Change] | None = None  # every row it left, feed-shaped: apply like a pull


class MutationResults(OutModel):
    """Results in ``seq`` order; processing stops at a sequence gap (the rest come back later)."""

    results: list[MutationResult]
    last_seq: int
