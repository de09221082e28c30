"""Image endpoints: the generated thumbnail of each product (see :mod:`workbench.server.thumbnails`).

Answers are PNG bytes with a strong ``ETag`` (product, version, size, art style) and a day of
private caching; ``If-None-Match`` with a current tag gets a bodiless 304.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy import select

from workbench.contract.base import SafeStr
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.deps import ImageCallerDep, StateDep
from workbench.server.params import IdPath
from workbench.server.problems import PROBLEM_RESPONSES
from workbench.server.thumbnails import PNG_MEDIA_TYPE, ThumbnailRenderer, ThumbnailSize, etag

router = APIRouter(prefix="/v1", tags=["read"], responses=PROBLEM_RESPONSES)

CACHE_CONTROL = "private, max-age=86400"
_PNG_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {PNG_MEDIA_TYPE: {}}, "description": "the thumbnail, a square PNG"},
    304: {"description": "not modified: the client's copy (If-None-Match) is current"},
}


def renderer(request: Request) -> ThumbnailRenderer:
    """The app's renderer (``app.state.thumbnails``, set by ``create_app``)."""
    found: ThumbnailRenderer = request.app.state.thumbnails
    return found


def _matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``tag`` (weak comparison, as RFC 9110 says)."""
    if not if_none_match:
        return False
    candidates = {c.strip().removeprefix("W/") for c in if_none_match.split(",")}
    return "*" in candidates or tag in candidates


@router.get(
    "/products/{product_id}/thumbnail",
    response_class=Response,
    responses=_PNG_RESPONSES,
    summary="Product thumbnail",
)
def thumbnail(
    product_id: IdPath,
    _caller: ImageCallerDep,
    wb: StateDep,
    request: Request,
    size: Annotated[ThumbnailSize, Query()] = ThumbnailSize.MEDIUM,
    if_none_match: Annotated[SafeStr | None, Header(max_length=2048)] = None,
) -> Response:
    """A generated picture of the product, ``size`` pixels square (any logged-in account)."""
    with wb.db.read() as session:
        row = session.execute(
            select(m.Product.version, m.Product.category1_id).where(m.Product.id == product_id)
        ).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, "no such product")
    version, category1_id = row
    tag = etag(product_id, version, int(size))
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if _matches(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    body = renderer(request).png(product_id, version, category1_id, int(size))
    return Response(content=body, media_type=PNG_MEDIA_TYPE, headers=headers)
