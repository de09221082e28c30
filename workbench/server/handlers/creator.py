"""Mutations on a creator's own rows: channels, listings, favourites, saved filters, upgrade.

Listings merge field by field: a field conflicts only when the server changed *that field* after
the mutation's ``base_version`` and to another value; the other fields of the patch still apply.
"""

from __future__ import annotations

from sqlalchemy import select

from workbench.contract import mutations as p
from workbench.contract.sync import Mutation, MutationStatus
from workbench.core.enums import ChannelKind, CreatorIdentity, ProductStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import is_uuid
from workbench.server import models as m
from workbench.server.creator_links import republish
from workbench.server.handlers.base import (
    Ctx,
    Outcome,
    conflict,
    handles,
    owned,
    payload_fields,
    save,
    save_new,
    unchanged,
)


def _new_id(mut: Mutation) -> str:
    if not is_uuid(mut.entity_id):
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "a new row's id must be a UUID")
    return mut.entity_id


def _account(ctx: Ctx) -> m.Account:
    account = ctx.session.get(m.Account, ctx.caller.id)
    assert account is not None
    return account


@handles("channel.create", validate_first=True)
def channel_create(ctx: Ctx, mut: Mutation, payload: p.ChannelCreate) -> Outcome:
    existing = ctx.get(m.Channel, _new_id(mut))
    if existing is not None:
        if existing.creator_id != ctx.caller.id:
            raise DomainError(ErrorCode.UNKNOWN_ENTITY, "that id is taken")
        return unchanged(existing, "channel")
    if payload.kind.needs_talent_identity and _account(ctx).identity == CreatorIdentity.FINDER:
        raise DomainError(
            ErrorCode.CHANNEL_NOT_ALLOWED,
            "a 视频号带货者 sells on 视频号 only: upgrade to 微信小店带货者 first",
        )
    channel = m.Channel(
        id=mut.entity_id,
        creator_id=ctx.caller.id,
        kind=payload.kind.value,
        name=payload.name,
        version=0,
    )
    return save_new(ctx, channel, "channel")


@handles("channel.rename")
def channel_rename(ctx: Ctx, mut: Mutation, payload: p.ChannelRename) -> Outcome:
    """A channel's name. Renamed elsewhere since the version the edit was based on (and to
    another name): a conflict, the server's name stays; without a base version the last wins."""
    channel = owned(ctx, m.Channel, mut.entity_id, "creator_id")
    if channel.name == payload.name:
        return unchanged(channel, "channel")
    if mut.base_version is not None and channel.version > mut.base_version:
        return conflict(
            channel,
            "channel",
            ["name"],
            "the channel changed on another device: the server's name was kept",
        )
    channel.name = payload.name
    return save(ctx, channel, "channel")


@handles("channel.delete")
def channel_delete(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    channel = owned(ctx, m.Channel, mut.entity_id, "creator_id")
    listings = ctx.session.scalars(
        select(m.Listing).where(m.Listing.channel_id == channel.id, m.Listing.deleted.is_(False))
    ).all()
    for listing in listings:
        listing.deleted = True
        save(ctx, listing, "listing")
    channel.deleted = True
    return save(ctx, channel, "channel")


@handles("listing.create", validate_first=True)
def listing_create(ctx: Ctx, mut: Mutation, payload: p.ListingCreate) -> Outcome:
    existing = ctx.get(m.Listing, _new_id(mut))
    if existing is not None:
        if existing.creator_id != ctx.caller.id:
            raise DomainError(ErrorCode.UNKNOWN_ENTITY, "that id is taken")
        return unchanged(existing, "listing")
    channel = owned(ctx, m.Channel, payload.channel_id, "creator_id")
    product = ctx.get(m.Product, payload.product_id)
    if product is None:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such product: {payload.product_id}")
    if product.status != ProductStatus.LISTED.value:
        raise DomainError(ErrorCode.PRODUCT_NOT_PROMOTABLE, f"the product is {product.status}")
    duplicate = _live_listing(ctx, channel.id, product.id)
    if duplicate is not None:
        raise DomainError(
            ErrorCode.LISTING_EXISTS, "the product is already on this channel", listing_id=duplicate
        )
    fields = payload_fields(payload)
    fields.pop("channel_id", None)
    fields.pop("product_id", None)
    _check_window(fields.get("start_at"), fields.get("end_at"))
    listing = m.Listing(
        id=mut.entity_id,
        creator_id=ctx.caller.id,
        channel_id=channel.id,
        product_id=product.id,
        version=0,
        field_versions={},
        **fields,
    )
    outcome = save_new(ctx, listing, "listing")
    if ctx.batch is not None and (key := (channel.id, product.id)) in ctx.batch.pairs:
        ctx.batch.pairs[key].append(listing.id)
    return outcome


def _live_listing(ctx: Ctx, channel_id: str, product_id: str) -> str | None:
    """The id of a listing of this product on this channel that is not deleted, if any."""
    if ctx.batch is not None and (channel_id, product_id) in ctx.batch.pairs:
        return ctx.batch.live_listing(ctx.session, channel_id, product_id)
    return ctx.session.scalar(
        select(m.Listing.id).where(
            m.Listing.channel_id == channel_id,
            m.Listing.product_id == product_id,
            m.Listing.deleted.is_(False),
        )
    )


def _check_window(start: object, end: object) -> None:
    if start is not None and end is not None and end <= start:  # type: ignore[operator]
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "a listing must end after it starts")


@handles("listing.patch")
def listing_patch(ctx: Ctx, mut: Mutation, payload: p.ListingFields) -> Outcome:
    listing = owned(ctx, m.Listing, mut.entity_id, "creator_id")
    base = mut.base_version if mut.base_version is not None else listing.version
    versions = dict(listing.field_versions or {})
    conflicts: list[str] = []
    changed: list[str] = []
    for name, value in payload_fields(payload).items():
        current = getattr(listing, name)
        if current == value:
            continue
        if int(versions.get(name, 0)) > base:
            conflicts.append(name)  # both sides changed this field: the server value stays
            continue
        setattr(listing, name, value)
        changed.append(name)
    _check_window(listing.start_at, listing.end_at)
    if changed:
        listing.version += 1
        versions.update({name: listing.version for name in changed})
        listing.field_versions = versions
        outcome = save(ctx, listing, "listing", bump=False)
    else:
        outcome = unchanged(listing, "listing")
    if conflicts:
        outcome.status = MutationStatus.CONFLICT
        outcome.conflicts = sorted(conflicts)
        outcome.code = ErrorCode.VERSION_CONFLICT
        outcome.detail = "changed on another device too: the server's value was kept"
    return outcome


@handles("listing.delete")
def listing_delete(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    listing = owned(ctx, m.Listing, mut.entity_id, "creator_id")
    if mut.base_version is not None and listing.version > mut.base_version:
        # Deleting what you have not seen: ask the person (restore or confirm) instead.
        return conflict(
            listing, "listing", ["deleted"], "the listing changed elsewhere after you deleted it"
        )
    listing.deleted = True
    return save(ctx, listing, "listing")


@handles("listing.move")
def listing_move(ctx: Ctx, mut: Mutation, payload: p.ListingMove) -> Outcome:
    """A listing to another channel (and its position there) in one step, so a move never half
    happens: refused whole when the target channel is gone or not mine (``channel_gone``), of a
    kind my identity may not use (``channel_not_allowed``), or already has the product live
    (``listing_exists``); a conflict when another device moved it since ``base_version``."""
    listing = owned(ctx, m.Listing, mut.entity_id, "creator_id")
    target = ctx.get(m.Channel, payload.channel_id)
    if target is None or target.creator_id != ctx.caller.id or target.deleted:
        raise DomainError(ErrorCode.CHANNEL_GONE, "the channel to move to is gone")
    if (
        ChannelKind(target.kind).needs_talent_identity
        and _account(ctx).identity == CreatorIdentity.FINDER
    ):
        raise DomainError(
            ErrorCode.CHANNEL_NOT_ALLOWED,
            "a 视频号带货者 sells on 视频号 only: upgrade to 微信小店带货者 first",
        )
    if listing.channel_id == target.id and listing.position == payload.position:
        return unchanged(listing, "listing")
    versions = dict(listing.field_versions or {})
    if (
        mut.base_version is not None
        and listing.channel_id != target.id
        and int(versions.get("channel_id", 0)) > mut.base_version
    ):
        return conflict(
            listing,
            "listing",
            ["channel_id"],
            "moved on another device meanwhile: it stays where the server has it",
        )
    if listing.channel_id != target.id:
        duplicate = _live_listing(ctx, target.id, listing.product_id)
        if duplicate is not None:
            raise DomainError(
                ErrorCode.LISTING_EXISTS,
                "the product is already on that channel",
                listing_id=duplicate,
            )
    changed = [name for name, value in (("channel_id", target.id), ("position", payload.position))
               if getattr(listing, name) != value]  # fmt: skip
    listing.channel_id, listing.position = target.id, payload.position
    listing.version += 1
    versions.update({name: listing.version for name in changed})
    listing.field_versions = versions
    if ctx.batch is not None and (key := (target.id, listing.product_id)) in ctx.batch.pairs:
        ctx.batch.pairs[key].append(listing.id)
    return save(ctx, listing, "listing", bump=False)


@handles("favourite.add")
def favourite_add(ctx: Ctx, mut: Mutation, _payload: p.FavouriteChange) -> Outcome:
    if ctx.session.get(m.Product, mut.entity_id) is None:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such product: {mut.entity_id}")
    fav = ctx.session.get(m.Favourite, (ctx.caller.id, mut.entity_id))
    if fav is None:
        fav = m.Favourite(
            creator_id=ctx.caller.id, product_id=mut.entity_id, version=0, created_at=ctx.now
        )
    elif not fav.deleted:
        return unchanged(fav, "favourite")
    fav.deleted = False
    fav.created_at = ctx.now
    return save(ctx, fav, "favourite")


@handles("favourite.remove")
def favourite_remove(ctx: Ctx, mut: Mutation, _payload: p.FavouriteChange) -> Outcome:
    fav = ctx.session.get(m.Favourite, (ctx.caller.id, mut.entity_id))
    if fav is None or fav.deleted:
        return Outcome(entity="favourite", entity_id=mut.entity_id)
    if mut.base_version is not None and fav.version > mut.base_version:
        return unchanged(fav, "favourite")  # re-added elsewhere since: add wins
    fav.deleted = True
    return save(ctx, fav, "favourite")


@handles("saved_filter.put", validate_first=True)
def saved_filter_put(ctx: Ctx, mut: Mutation, payload: p.SavedFilterPut) -> Outcome:
    row = ctx.get(m.SavedFilter, _new_id(mut))
    if row is None:
        _check_filter_size(payload)
        new = m.SavedFilter(
            id=mut.entity_id,
            owner_id=ctx.caller.id,
            name=payload.name,
            query=payload.query,
            deleted=False,
            version=0,
        )
        return save_new(ctx, new, "saved_filter")
    if row.owner_id != ctx.caller.id:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, "that id is taken")
    if mut.base_version is not None and row.version > mut.base_version and not row.deleted:
        return conflict(
            row,
            "saved_filter",
            ["name", "query"],
            "the filter changed on another device: yours is kept as a conflict",
        )
    _check_filter_size(payload)
    row.name, row.query, row.deleted = payload.name, payload.query, False
    return save(ctx, row, "saved_filter")


def _check_filter_size(payload: p.SavedFilterPut) -> None:
    if len(str(payload.query)) > 10_000:
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "the filter is too large")


@handles("saved_filter.delete")
def saved_filter_delete(ctx: Ctx, mut: Mutation, _payload: p.Empty) -> Outcome:
    row = owned(ctx, m.SavedFilter, mut.entity_id, "owner_id")
    row.deleted = True
    return save(ctx, row, "saved_filter")


@handles("account.upgrade")
def account_upgrade(ctx: Ctx, mut: Mutation, payload: p.AccountUpgrade) -> Outcome:
    """视频号带货者 → 微信小店带货者: history stays (same account id), idempotent."""
    account = _account(ctx)
    if mut.entity_id != account.id:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, "you can only upgrade your own account")
    if account.identity == CreatorIdentity.TALENT.value:
        return unchanged(account, "account")
    account.identity = CreatorIdentity.TALENT.value
    account.talent_appid = payload.talent_appid or f"wxtalent{account.id.replace('-', '')[:16]}"
    outcome = save(ctx, account, "account")
    republish(ctx.session, account)  # the merchants they deal with see the new identity
    return outcome
