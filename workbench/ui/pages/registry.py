"""Every page of the app in one registry: id, title, who sees it, and how to build it.

The navigation rail shows the pages the open account's :class:`Audience` (role and creator
identity) may see, in registry order; the window builds a page on its first visit through the
entry's factory. A creator and a merchant get different rails (a merchant runs plans, reviews
applications and samples; a creator picks products and places them on channels). To add a
page: write its widget (reading through ``host.controller.reader`` and listening to
``host.controller.changed``), then add a :class:`PageSpec` to :func:`registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from workbench.core.enums import ChannelKind, CreatorIdentity, Role

if TYPE_CHECKING:
    from workbench.contract.auth import AccountOut
    from workbench.settings import Settings
    from workbench.store.cache import Cache
    from workbench.ui.sync_controller import SyncController

CREATOR = frozenset({Role.CREATOR})
MERCHANT = frozenset({Role.MERCHANT})
EVERYONE = CREATOR | MERCHANT


@dataclass(frozen=True)
class Audience:
    """Who the open account is: what pages and actions the UI offers it."""

    role: Role = Role.CREATOR
    identity: CreatorIdentity | None = None

    @classmethod
    def of(cls, account: AccountOut) -> Audience:
        return cls(account.role, account.identity)

    @property
    def creator(self) -> bool:
        return self.role is Role.CREATOR

    @property
    def legacy(self) -> bool:
        """A 视频号带货者 who has not upgraded: 视频号 channels only."""
        return self.creator and self.identity is CreatorIdentity.FINDER

    def may_use(self, kind: ChannelKind) -> bool:
        """Whether the server would let this account have a channel of ``kind``."""
        return self.creator and not (self.legacy and kind.needs_talent_identity)


@dataclass(frozen=True)
class PageHost:
    """What a page's factory gets: the app's parts it may use (no global app object)."""

    settings: Settings
    controller: SyncController


@dataclass(frozen=True)
class PageSpec:
    """One page: its id, who sees it and how it is built (``factory(host)``)."""

    id: str
    factory: Callable[[PageHost], QWidget]
    roles: frozenset[Role] = EVERYONE
    identities: frozenset[CreatorIdentity] | None = None  # None: every identity
    count: Callable[[Cache], int] | None = None  # the rail's count (background lane), if any
    count_of: tuple[str, ...] = ()  # the entities whose changes may change that count

    def visible_to(self, audience: Audience) -> bool:
        if audience.role not in self.roles:
            return False
        return self.identities is None or audience.identity in self.identities


def title(page_id: str, role: Role = Role.CREATOR) -> str:
    """The page's name in the rail (a few pages are named for the role that sees them)."""
    t = QCoreApplication.translate
    if role is Role.MERCHANT and page_id == "plans":
        return t("MainWindow", "My plans")
    return {
        "my_plans": t("MainWindow", "My plans"),
        "sample_reviews": t("MainWindow", "Samples"),
        "selection": t("MainWindow", "Selection center"),
        "channels": t("MainWindow", "My channels"),
        "plans": t("MainWindow", "Plans"),  # short: the rail adds the invitations' count
        "reviews": t("MainWindow", "Reviews"),
        "samples": t("MainWindow", "Samples"),
        "analytics": t("MainWindow", "Analytics"),
        "settings": t("MainWindow", "Settings"),
    }.get(page_id, page_id)


def _selection(host: PageHost) -> QWidget:
    from workbench.ui.selection.page import SelectionPage
    from workbench.ui.thumbnails import ThumbnailLoader

    thumbnails = ThumbnailLoader(host.controller.lanes, None, None, size=64)
    return SelectionPage(host.settings, host.controller, thumbnails)


def _settings(host: PageHost) -> QWidget:
    from workbench.ui.pages.settings_page import SettingsPage

    return SettingsPage(host.settings)


def _channels(host: PageHost) -> QWidget:
    from workbench.ui.channels.page import ChannelsPage

    return ChannelsPage(host.controller)


def _plans(host: PageHost) -> QWidget:
    from workbench.ui.plans.page import PlansPage

    return PlansPage(host.controller)


def _invitations(cache: Cache) -> int:
    from workbench.store.plans import invitation_count

    return invitation_count(cache)


def _samples(host: PageHost) -> QWidget:
    from workbench.ui.samples.page import SamplesPage

    return SamplesPage(host.controller)


def _samples_due(cache: Cache) -> int:
    from workbench.store.samples import needing_action

    return needing_action(cache)


def _my_plans(host: PageHost) -> QWidget:
    from workbench.ui.merchant.plans_page import MerchantPlansPage

    return MerchantPlansPage(host.controller)


def _review_queue(entity: str) -> Callable[[PageHost], QWidget]:
    def build(host: PageHost) -> QWidget:
        from workbench.ui.merchant.reviews_page import ReviewsPage

        return ReviewsPage(host.controller, entity)

    return build


def _waiting(entity: str) -> Callable[[Cache], int]:
    def count(cache: Cache) -> int:
        from workbench.store.merchant_pages import pending_counts

        return pending_counts(cache)[entity]

    return count


def _analytics(host: PageHost) -> QWidget:
    from workbench.ui.analytics.page import AnalyticsPage

    return AnalyticsPage(host.controller)


def registry() -> list[PageSpec]:
    """Every page, in the rail's order."""
    return [
        PageSpec("selection", _selection),
        PageSpec("channels", _channels, CREATOR),
        PageSpec(
            "plans",
            _plans,
            CREATOR,
            count=_invitations,
            count_of=("plan", "application"),
        ),  # invitations counted beside its name
        PageSpec("my_plans", _my_plans, MERCHANT),  # a merchant's plans: ui/merchant/
        PageSpec(
            "reviews",
            _review_queue("application"),
            MERCHANT,
            count=_waiting("application"),
            count_of=("application",),
        ),
        PageSpec(
            "samples", _samples, CREATOR, count=_samples_due, count_of=("sample",)
        ),  # content due soon or late counted beside its name
        PageSpec(
            "sample_reviews",
            _review_queue("sample"),
            MERCHANT,
            count=_waiting("sample"),
            count_of=("sample",),
        ),
        PageSpec("analytics", _analytics),
        PageSpec("settings", _settings),
    ]


def pages_for(audience: Audience) -> list[PageSpec]:
    """The pages ``audience`` sees, in the rail's order."""
    return [spec for spec in registry() if spec.visible_to(audience)]
