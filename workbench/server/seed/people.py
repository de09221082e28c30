"""The demo's people and what creators keep: accounts, channels (带货渠道), listings, favourites
and saved filters.

Four accounts are the ones a person logs into (``seeder.DEMO_LOGINS``); the extra creators give
merchants someone to target and to see in their sales, the extra merchants own the other shops.
Every row is a dict of its columns, so the seeder can write it and log it to the change feed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from workbench.core.enums import ChannelKind, CreatorIdentity, ProductStatus, Role
from workbench.server.seed.catalog import ProductInfo, category1_id
from workbench.server.seed.ids import random_between, uuid7_at
from workbench.server.seed.vocabulary import CITIES

_EXTRA_CREATOR_NAMES = (
    "阿珍爱分享",
    "吃货小胖",
    "宝妈日记",
    "数码老张",
    "茶叶哥阿峰",
    "健身小姐姐Lily",
    "厨房里的王师傅",
    "读书的猫",
    "户外老K",
    "美妆课代表",
    "萌宠铲屎官",
    "居家好物控",
    "穿搭小能手",
    "酒鬼老李",
    "零食测评君",
    "宝爸严选",
    "学霸妈妈",
    "野生露营家",
    "护肤成分党",
    "好物研究所",
)
_NEWCOMER_NAMES = ("新人主播小周", "乡村好物阿梅", "宠物博主糖糖")
_COMPANY_WORDS = (
    "禾丰",
    "瑞祥",
    "优品",
    "鑫源",
    "嘉禾",
    "恒通",
    "锦程",
    "汇聚",
    "启航",
    "信诚",
    "佳美",
    "乐购",
    "博雅",
    "华盛",
)
_SELLING_POINTS = (
    "品牌直发，正品保障",
    "直播间专属价",
    "宝妈自用回购3次",
    "送礼体面",
    "性价比高，回购率高",
    "7天无理由，售后无忧",
    "48小时内发货",
    "顺丰包邮",
    "买一送一",
    "限时领券立减",
)
_CREATOR_DEMO_CHANNELS = (
    (ChannelKind.SHOWCASE, "小鹿的橱窗"),
    (ChannelKind.LIVE, "小鹿直播间"),
    (ChannelKind.SHORT_VIDEO, "小鹿好物短视频"),
    (ChannelKind.OFFICIAL_ACCOUNT, "小鹿好物说"),
    (ChannelKind.SERVICE_ACCOUNT, "小鹿会员服务号"),
    (ChannelKind.MINI_PROGRAM, "小鹿优选小程序"),
    (ChannelKind.COMMUNITY, "小鹿宝妈福利群"),
    (ChannelKind.COMMUNITY, "小鹿零食分享群"),  # two of a kind: sales are per channel
)
_CREATOR_LEGACY_CHANNELS = (
    (ChannelKind.SHOWCASE, "山野茶人的橱窗"),
    (ChannelKind.LIVE, "山野茶人直播间"),
    (ChannelKind.SHORT_VIDEO, "山野茶人·茶山日记"),
)
_SUFFIX = {
    ChannelKind.SHOWCASE: "的橱窗",
    ChannelKind.LIVE: "直播间",
    ChannelKind.SHORT_VIDEO: "短视频",
    ChannelKind.OFFICIAL_ACCOUNT: "公众号",
    ChannelKind.SERVICE_ACCOUNT: "服务号",
    ChannelKind.MINI_PROGRAM: "小程序",
    ChannelKind.COMMUNITY: "粉丝群",
}
_TALENT_ONLY = tuple(k for k in ChannelKind if k.needs_talent_identity)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    login: str
    display_name: str
    role: str
    identity: str | None
    created_at: datetime


@dataclass
class People:
    creator_demo: Person
    creator_legacy: Person
    merchant_demo: Person
    merchant_b: Person
    extra_creators: list[Person]
    extra_merchants: list[Person]
    rows: list[dict[str, Any]] = field(default_factory=list)
    # Creators new to the platform: no channels, no sales, only a first application to
    # merchant_demo (``seeder``), so merchant_b has nothing to do with them.
    newcomers: list[Person] = field(default_factory=list)

    @property
    def merchant_ids(self) -> list[str]:
        """merchant_demo, merchant_b, then the extra merchants: the owners ``build_shops`` takes."""
        return [self.merchant_demo.id, self.merchant_b.id, *(p.id for p in self.extra_merchants)]


def _finder_id(rng: random.Random) -> str:
    return "sph" + "".join(
        rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(12)
    )


def build_accounts(
    rng: random.Random,
    now: datetime,
    password_hash: str,
    logins: dict[str, str],
    extra_creators: int,
    extra_merchants: int,
    newcomers: int = 0,
) -> People:
    """Account rows for the four demo logins plus the extra creators and merchants, and
    ``newcomers`` creators after them (drawn last: the others stay as they were)."""
    rows: list[dict[str, Any]] = []

    def add(
        login: str, name: str, role: Role, identity: CreatorIdentity | None, at: datetime
    ) -> Person:
        person = Person(
            uuid7_at(at, rng), login, name, role.value, identity.value if identity else None, at
        )
        rows.append(
            {
                "id": person.id,
                "login": login,
                "display_name": name,
                "role": role.value,
                "identity": person.identity,
                "finder_id": _finder_id(rng) if role is Role.CREATOR else None,
                "talent_appid": f"wx{rng.getrandbits(64):016x}"
                if identity is CreatorIdentity.TALENT
                else None,
                # One scrypt hash (one salt) serves every demo account: scrypt is slow on purpose
                # and these accounts share a published password anyway.
                "password_hash": password_hash,
                "created_at": at,
                "version": 1,
            }
        )
        return person

    start = now - timedelta(days=540)
    people = People(
        creator_demo=add(
            logins["creator"], "小鹿好物", Role.CREATOR, CreatorIdentity.TALENT, start
        ),
        creator_legacy=add(
            logins["creator_legacy"],
            "山野茶人",
            Role.CREATOR,
            CreatorIdentity.FINDER,
            start + timedelta(days=3),
        ),
        merchant_demo=add(
            logins["merchant"], "山野优选", Role.MERCHANT, None, start - timedelta(days=200)
        ),
        merchant_b=add(
            logins["merchant_b"], "简木生活", Role.MERCHANT, None, start - timedelta(days=120)
        ),
        extra_creators=[],
        extra_merchants=[],
    )
    for n in range(extra_creators):
        identity = CreatorIdentity.FINDER if n % 5 == 4 else CreatorIdentity.TALENT
        name = _EXTRA_CREATOR_NAMES[n % len(_EXTRA_CREATOR_NAMES)]
        if n >= len(_EXTRA_CREATOR_NAMES):
            name = f"{name}{n // len(_EXTRA_CREATOR_NAMES) + 1}"
        at = random_between(rng, now - timedelta(days=900), now - timedelta(days=400))
        people.extra_creators.append(add(f"creator_{n + 3:03d}", name, Role.CREATOR, identity, at))
    for n in range(extra_merchants):
        name = f"{rng.choice(CITIES)}{rng.choice(_COMPANY_WORDS)}商贸有限公司"
        at = random_between(rng, now - timedelta(days=1400), now - timedelta(days=800))
        people.extra_merchants.append(add(f"merchant_{n + 3:03d}", name, Role.MERCHANT, None, at))
    for n in range(newcomers):
        identity = CreatorIdentity.FINDER if n % 3 == 2 else CreatorIdentity.TALENT
        name = _NEWCOMER_NAMES[n % len(_NEWCOMER_NAMES)]
        at = random_between(rng, now - timedelta(days=20), now - timedelta(days=7))
        login = f"creator_{extra_creators + n + 3:03d}"
        people.newcomers.append(add(login, name, Role.CREATOR, identity, at))
    people.rows = rows
    return people


def build_channels(rng: random.Random, people: People) -> dict[str, list[dict[str, Any]]]:
    """Channel rows per creator id: all seven kinds for creator_demo (two 社群), the 视频号 three for the
    legacy finder, two to four for each extra creator (finders only on 视频号 kinds)."""
    wanted: list[tuple[Person, list[tuple[ChannelKind, str]]]] = [
        (people.creator_demo, list(_CREATOR_DEMO_CHANNELS)),
        (people.creator_legacy, list(_CREATOR_LEGACY_CHANNELS)),
    ]
    for person in people.extra_creators:
        kinds = [ChannelKind.SHOWCASE, ChannelKind.LIVE]
        if rng.random() < 0.6:
            kinds.append(ChannelKind.SHORT_VIDEO)
        if person.identity == CreatorIdentity.TALENT.value and rng.random() < 0.6:
            kinds.append(rng.choice(_TALENT_ONLY))
        wanted.append((person, [(k, person.display_name + _SUFFIX[k]) for k in kinds]))
    channels: dict[str, list[dict[str, Any]]] = {}
    for person, named_kinds in wanted:
        for kind, name in named_kinds:
            if kind.needs_talent_identity and person.identity != CreatorIdentity.TALENT.value:
                raise ValueError(f"{person.login} may not sell on {kind.value}")
            at = person.created_at + timedelta(days=rng.randrange(1, 60))
            channels.setdefault(person.id, []).append(
                {
                    "id": uuid7_at(at, rng),
                    "creator_id": person.id,
                    "kind": kind.value,
                    "name": name,
                    "deleted": False,
                    "version": 1,
                }
            )
    return channels


def build_listings(
    rng: random.Random,
    creator: Person,
    channels: list[dict[str, Any]],
    candidates: list[ProductInfo],
    count: int,
    now: datetime,
) -> list[dict[str, Any]]:
    """About ``count`` listings spread over the creator's channels, positions 0.. per channel."""
    picked = rng.sample(candidates, min(count, len(candidates)))
    by_channel: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for n, product in enumerate(picked):
        channel = channels[n % len(channels)] if n < len(channels) else rng.choice(channels)
        position = by_channel.get(channel["id"], 0)
        by_channel[channel["id"]] = position + 1
        created = random_between(rng, max(product.listed_at, now - timedelta(days=200)), now)
        start_at = end_at = None
        if channel["kind"] == ChannelKind.LIVE.value and rng.random() < 0.4:
            # A live-session slot: 20:00-23:00 Beijing time, some past, some coming.
            day = now + timedelta(days=rng.randrange(-20, 10))
            day = day.replace(hour=12, minute=0, second=0)
            start_at, end_at = day, day + timedelta(hours=3)
        short = product.title.split(" ")[1] if " " in product.title else product.title
        rows.append(
            {
                "id": uuid7_at(created, rng),
                "creator_id": creator.id,
                "channel_id": channel["id"],
                "product_id": product.id,
                "position": position,
                "pinned": position < 2 and rng.random() < 0.5,
                "hidden": rng.random() < 0.08,
                "custom_title": f"【{creator.display_name}推荐】{short}"[:60]
                if rng.random() < 0.3
                else None,
                "selling_points": "；".join(rng.sample(_SELLING_POINTS, 2))
                if rng.random() < 0.45
                else None,
                "start_at": start_at,
                "end_at": end_at,
                "field_versions": {},
                "deleted": False,
                "version": 1,
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows


def build_favourites(
    rng: random.Random, creator: Person, candidates: list[ProductInfo], count: int, now: datetime
) -> list[dict[str, Any]]:
    picked = rng.sample(candidates, min(count, len(candidates)))
    rows: list[dict[str, Any]] = []
    for product in picked:
        created = random_between(rng, max(product.listed_at, now - timedelta(days=180)), now)
        rows.append(
            {
                "id": product.id,  # the wire id of a favourite is its product id
                "creator_id": creator.id,
                "product_id": product.id,
                "created_at": created,
                "deleted": False,
                "version": 1,
            }
        )
    rows.sort(key=lambda r: r["created_at"])
    return rows


def build_saved_filters(
    rng: random.Random, creator: Person, now: datetime, *, tea_first: bool
) -> list[dict[str, Any]]:
    """One or two saved selection-center filters (the query keys of the selection filter bar)."""
    tea = category1_id("茶")
    queries: list[tuple[str, dict[str, Any]]] = [
        ("百元内好茶", {"keyword": "茶", "price_max_fen": 10000, "sort": "sales"}),
        (
            "高佣零食",
            {
                "keyword": "零食",
                "commission_min_ppm": 200000,
                "status": ["listed"],
                "sort": "commission_rate",
            },
        ),
    ]
    if tea_first:
        queries = [
            (
                "高佣茶叶",
                {
                    "category_id": tea,
                    "commission_min_ppm": 150000,
                    "guarantee_flags": 1,
                    "sort": "commission_rate",
                },
            )
        ]
    rows: list[dict[str, Any]] = []
    for name, query in queries:
        at = now - timedelta(days=rng.randrange(5, 90))
        rows.append(
            {
                "id": uuid7_at(at, rng),
                "owner_id": creator.id,
                "name": name,
                "query": query,
                "deleted": False,
                "version": 1,
            }
        )
    return rows


def promotable(products: list[ProductInfo]) -> list[ProductInfo]:
    return [p for p in products if p.status == ProductStatus.LISTED.value]
