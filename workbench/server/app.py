"""The FastAPI application: middleware, problem handlers, routes, and the schema on start."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel, Field
from sqlalchemy import text
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import workbench
from workbench.contract import API_VERSION
from workbench.server import openapi, problems
from workbench.server.config import ServerSettings
from workbench.server.db import Database
from workbench.server.deps import ServerState
from workbench.server.faults import CONTROL_PATH, FaultInjector
from workbench.server.hot import HotPaths
from workbench.server.limits import BodyLimit, RateLimiter, ThreadLimit
from workbench.server.login import PasswordCheck
from workbench.server.migrate import upgrade
from workbench.server.routes import auth, images, money, read, sync
from workbench.server.thumbnails import ThumbnailRenderer

IMAGE_RATE_FACTOR = 8  # thumbnails' bucket: 8x the API's (tiny, cached, read while scrolling)


def create_app(
    settings: ServerSettings, *, db: Database | None = None, passwords: PasswordCheck | None = None
) -> FastAPI:
    """Build the app on ``settings``; migrates the database to the newest schema first.

    ``passwords``: how passwords are checked (tests pass one that watches the check).
    """
    database = db or Database(settings.database_url)
    upgrade(database.engine)
    app = FastAPI(
        title="Shop Workbench API",
        version=f"{API_VERSION} ({workbench.__version__})",
        description="Reference server of Shop Workbench (小店工作台).",
    )
    app.state.wb = ServerState(
        settings=settings,
        db=database,
        limiter=RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst),
        image_limiter=RateLimiter(
            settings.rate_limit_per_second * IMAGE_RATE_FACTOR,
            settings.rate_limit_burst * IMAGE_RATE_FACTOR,
        ),
        passwords=passwords or PasswordCheck(),
    )
    app.state.thumbnails = ThumbnailRenderer()
    problems.install(app)
    openapi.install(app)
    app.include_router(auth.router)
    app.include_router(read.router)
    app.include_router(money.router)
    app.include_router(images.router)
    app.include_router(sync.router)
    app.include_router(_health_router())
    # Innermost: under the body limit, thread limit and fault injection like every route.
    app.add_middleware(HotPaths, wb=app.state.wb)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ThreadLimit, threads=settings.threads)
    if settings.trusted_proxies:
        # The client address is the peer's unless the peer is a proxy we were told to trust
        # (servers run uvicorn with proxy_headers off, so this is the only place that decides).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    if settings.faults.enabled:
        app.include_router(_fault_router())
        app.add_middleware(FaultInjector, settings=settings.faults)
    return app


def _health_router() -> APIRouter:
    router = APIRouter(tags=["meta"])

    @router.get("/healthz")
    def healthz(request: Request) -> dict[str, Any]:
        # A Core connection, not an ORM session: on PostgreSQL no ROLLBACK round trip after.
        with request.app.state.wb.db.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "api_version": API_VERSION, "version": workbench.__version__}

    return router


class FaultUpdate(BaseModel):
    error_rate: float | None = Field(default=None, ge=0, le=1)
    drop_rate: float | None = Field(default=None, ge=0, le=1)
    latency_ms: int | None = Field(default=None, ge=0, le=60_000)
    seed: int | None = Field(
        default=None, ge=0, le=2**62, description="re-seed the fault dice, for a replay"
    )


def _fault_router() -> APIRouter:
    router = APIRouter(tags=["test"])

    @router.put(CONTROL_PATH)
    def set_faults(body: FaultUpdate, request: Request) -> dict[str, Any]:
        injector = _find_injector(request.app)
        changes = body.model_dump(exclude_none=True)
        if (seed := changes.pop("seed", None)) is not None:
            injector.reseed(seed)
        new = injector.update(**changes)
        return {
            "error_rate": new.error_rate,
            "drop_rate": new.drop_rate,
            "latency_ms": new.latency_ms,
        }

    return router


def _find_injector(app: FastAPI) -> FaultInjector:
    layer: Any = app.middleware_stack
    while layer is not None:
        if isinstance(layer, FaultInjector):
            return layer
        layer = getattr(layer, "app", None)
    raise RuntimeError("fault injection is not installed")
