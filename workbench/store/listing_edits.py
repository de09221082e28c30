"""Edits of a channel's listings, as outbox edits in the caller's transaction, and their undo.

Every function runs inside ``SyncController.edit_with`` (one transaction on the database
lane), queues its mutations with one ``enqueue_many`` and returns an :class:`Intent`: what it
did, in terms an undo can reverse with *new* outbox edits (a created listing is deleted, a
removed one is created again with a new id and its old fields and position, a patched field
gets its old value back). Nothing is rolled back in place: the outbox and the server see the
undo as ordinary edits, so it works offline and after the first edits were pushed.

Field checks (custom title, selling points, schedule) raise :class:`BadField` before anything
is queued, so the page answers them inline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from workbench.core.ids import uuid7
from workbench.store import listings
from workbench.store.listing_order import GAP, MAX_POSITION, ChannelGone

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.outbox import NewEdit

TITLE_MAX = 60  # as contract.mutations.ListingFields.custom_title
POINTS_MAX = 500  # …selling_points
COPIED = ("pinned", "hidden", "custom_title", "selling_points", "start_at", "end_at")


class BadField(ValueError):
    """A value the server would refuse (``reason``: ``empty``, ``too_long``,
    ``end_before_start``); nothing was queued."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Intent:
    """What an edit did, for its undo (see the module docstring)."""

    action: str  # "patch", "move", "copy", "remove", "undo"
    created: list[str] = field(default_factory=list)  # new listing ids
    removed: list[dict[str, Any]] = field(default_factory=list)  # rows as they were
    patched: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → old field values
    moved: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → old channel, position
    skipped: int = 0  # listings left out (already on the target, or gone meanwhile)

    @property
    def count(self) -> int:
        """How many listings it changed (a move counts each listing once)."""
        return max(len(self.created), len(self.removed)) + len(self.patched) + len(self.moved)


# --- checks ---------------------------------------------------------------------------------
def check_title(text: str) -> str:
    title = text.strip()
    if not title:
        raise BadField("empty")
    if len(title) > TITLE_MAX:
        raise BadField("too_long")
    return title


def check_points(text: str) -> str | None:
    """Selling points as stored (None: cleared)."""
    points = text.strip()
    if len(points) > POINTS_MAX:
        raise BadField("too_long")
    return points or None


def moment(at: datetime | None) -> str | None:
    """A time as the contract spells it (UTC, ``Z``)."""
    if at is None:
        return None
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(text: str | None) -> datetime | None:
    if not text:
        return None
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def check_schedule(start: datetime | None, end: datetime | None) -> dict[str, str | None]:
    """The patch of a schedule; end at or before start is refused (as the server does)."""
    if start is not None and end is not None and end <= start:
        raise BadField("end_before_start")
    return {"start_at": moment(start), "end_at": moment(end)}


# --- edits ----------------------------------------------------------------------------------
def patch(cache: Cache, listing_ids: list[str], fields: dict[str, Any]) -> Intent:
    """Set these fields on each listing (only where they differ)."""
    rows = listings.raw(cache, listing_ids)
    intent = Intent("patch")
    edits: list[NewEdit] = []
    for listing_id in listing_ids:
        row = rows.get(listing_id)
        if row is None:
            intent.skipped += 1
            continue
        change = {k: v for k, v in fields.items() if row.get(k) != v}
        if change:
            intent.patched[listing_id] = {k: row.get(k) for k in change}
            edits.append(("listing.patch", listing_id, change, None))
    if edits:
        cache.enqueue_many(edits)
    return intent


def remove(cache: Cache, listing_ids: list[str]) -> Intent:
    rows = listings.raw(cache, listing_ids)
    intent = Intent("remove", removed=[rows[i] for i in listing_ids if i in rows])
    intent.skipped = len(listing_ids) - len(intent.removed)
    if intent.removed:
        cache.enqueue_many([("listing.delete", r["id"], {}, None) for r in intent.removed])
    return intent


def copy_to(
    cache: Cache, listing_ids: list[str], targets: list[str], *, move: bool = False
) -> Intent:
    """Copy (or move) the listings to each target channel, after its last listing, with
    their fields; a product already on a target is left out there. A move is ONE
    ``listing.move`` per listing (to the first target that takes it; copies on the others), so
    the server moves it whole or refuses it whole: never a copy refused and the original
    deleted. One transaction: all of it is queued or none."""
    rows = listings.raw(cache, listing_ids)
    intent = Intent("move" if move else "copy")
    on_target: dict[str, set[str]] = {}
    top: dict[str, int] = {}
    for target in targets:
        if cache.get("channel", target) is None:
            raise ChannelGone(target)
        on_target[target] = _products_on(cache, target)
        top[target] = _last_position(cache, target)
    edits: list[NewEdit] = []
    for listing_id in listing_ids:
        row = rows.get(listing_id)
        moving = move
        for target in targets:
            if (
                row is None
                or row.get("channel_id") == target
                or row["product_id"] in on_target[target]
            ):
                intent.skipped += 1
                continue
            top[target] = position = min(MAX_POSITION, top[target] + GAP)
            on_target[target].add(row["product_id"])
            if moving:
                edits.append(
                    ("listing.move", listing_id, {"channel_id": target, "position": position}, None)
                )
                intent.moved[listing_id] = {
                    "channel_id": row["channel_id"],
                    "position": int(row.get("position") or 0),
                }
                moving = False
                continue
            new_id = uuid7()
            payload = {"channel_id": target, "product_id": row["product_id"], "position": position}
            payload.update({k: row[k] for k in COPIED if row.get(k) is not None})
            edits.append(("listing.create", new_id, payload, None))
            intent.created.append(new_id)
    if edits:
        cache.enqueue_many(edits)
    return intent


def copy_channel(cache: Cache, source: str, target: str) -> Intent:
    """Copy a whole channel's lineup (in its order) to another channel."""
    return copy_to(cache, listings.ids(cache, source), [target])


def undo(cache: Cache, intent: Intent) -> Intent:
    """New outbox edits that put back what ``intent`` changed (see the module docstring)."""
    edits: list[NewEdit] = []
    still = listings.raw(cache, intent.created)
    for listing_id in intent.created:
        if listing_id in still:
            edits.append(("listing.delete", listing_id, {}, None))
    back = Intent("undo")
    for row in intent.removed:
        if cache.get("channel", str(row.get("channel_id"))) is None:
            back.skipped += 1  # its channel is gone too: nothing to put it back on
            continue
        new_id = uuid7()
        payload = {"channel_id": row["channel_id"], "product_id": row["product_id"],
                   "position": int(row.get("position") or 0)}  # fmt: skip
        payload.update({k: row[k] for k in COPIED if row.get(k) is not None})
        edits.append(("listing.create", new_id, payload, None))
        back.created.append(new_id)
    current = listings.raw(cache, [*intent.patched, *intent.moved])
    for listing_id, old in intent.patched.items():
        if listing_id in current:
            edits.append(("listing.patch", listing_id, old, None))
    for listing_id, home in intent.moved.items():
        if listing_id not in current or cache.get("channel", str(home["channel_id"])) is None:
            back.skipped += 1  # gone meanwhile, or its channel is: nothing to move back
            continue
        edits.append(("listing.move", listing_id, home, None))
        back.moved[listing_id] = {k: current[listing_id].get(k) for k in ("channel_id", "position")}
    if edits:
        cache.enqueue_many(edits)
    return back


def _products_on(cache: Cache, channel_id: str) -> set[str]:
    return {
        str(r[0])
        for r in cache.conn.execute(
            "SELECT json_extract(r.data, '$.product_id') FROM listing_slot s "
            "JOIN record r ON r.entity = 'listing' AND r.id = s.id WHERE s.channel_id = ?",
            (channel_id,),
        )
    }


def _last_position(cache: Cache, channel_id: str) -> int:
    row = cache.conn.execute(
        "SELECT max(position) FROM listing_slot WHERE channel_id = ?", (channel_id,)
    ).fetchone()
    return int(row[0] or 0)
