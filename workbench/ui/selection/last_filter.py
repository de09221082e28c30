"""The selection center's last filter, kept per account in the settings and restored when that
account opens (at start or on a switch): a filter set for one account is not another's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.store import filter_codec
from workbench.store.products import ProductFilter

if TYPE_CHECKING:
    from workbench.settings import Settings
    from workbench.sync.session import AccountSession

SETTING = "selection_filters"


def account_key(session: AccountSession) -> str:
    """'server|login', as the settings name accounts (the demo server is "embedded")."""
    return f"{session.server_key}|{session.account.login}"


def load(settings: Settings, session: AccountSession) -> ProductFilter:
    """The account's last filter (no filter if it has none)."""
    saved = settings.get(SETTING).get(account_key(session))
    return filter_codec.from_json(saved) if isinstance(saved, dict) else ProductFilter()


def store(settings: Settings, session: AccountSession, f: ProductFilter) -> None:
    """Remember ``f`` for the account (written with the settings when the window closes)."""
    filters = settings.get(SETTING)
    filters[account_key(session)] = filter_codec.to_json(f)
    settings.set(SETTING, filters)
