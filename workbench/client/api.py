"""The API client: one object per account and server, used by the sync engine and the UI.

It owns ONE ``httpx.Client`` (building one costs about 20 ms) and adds what every call needs:
the bearer access token (kept in memory only), a transparent token refresh on 401 (the rotated
refresh token goes to the :class:`TokenStore`), retries through :class:`~workbench.client.sending.RetryingSender`, error
mapping to :mod:`workbench.client.errors`, and validation of every answer against the contract.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import orjson
from pydantic import BaseModel, ValidationError

import workbench
from workbench.client.backoff import Retry
from workbench.client.errors import ApiError, AuthRequired, NetworkError
from workbench.client.problems import bad_response, error_for
from workbench.client.sending import RetryingSender
from workbench.client.tokens import TokenStore
from workbench.client.urls import check_server_url, is_loopback
from workbench.contract import API_PREFIX
from workbench.contract.auth import (
    AccountOut,
    LoginRequest,
    LogoutRequest,
    RefreshRequest,
    TokenPair,
)
from workbench.contract.sync import (
    ChangesPage,
    MutationBatch,
    MutationResults,
    Scope,
    SnapshotManifest,
)
from workbench.core.errors import ErrorCode

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

USER_AGENT = f"ShopWorkbench/{workbench.__version__}"
_REFRESH_ON = frozenset({ErrorCode.TOKEN_EXPIRED.value, ErrorCode.UNAUTHENTICATED.value})
_ENTITY = re.compile(r"^[a-z_]{1,40}$")
_ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
THUMBNAIL_SIZES = (64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Logout is a courtesy to the server: the local token is gone already, so do not linger.
_LOGOUT_RETRY = Retry(max_attempts=2, base=0.2, cap=1.0, max_retry_after=1.0)
# A thumbnail is decoration: fail fast (the loader asks again later) rather than hold a thread.
_IMAGE_RETRY = Retry(max_attempts=2, base=0.2, cap=1.0, max_retry_after=2.0)


def _encoding(base_url: str) -> str:
    """What the client accepts: gzip from a server across a network; nothing from this machine
    (the embedded server), where the bytes cost nothing and (de)compressing a million-line
    order snapshot costs ~4 s of CPU on both sides."""
    host = urlsplit(base_url).hostname or ""
    return "identity" if is_loopback(host) else "gzip"


class ApiClient:
    """Talks to one server as one account; safe to share between threads of a network lane."""

    def __init__(
        self,
        base_url: str,
        *,
        tokens: TokenStore,
        token_key: str,
        timeout: float = 30.0,
        connect_timeout: float = 5.0,
        retry: Retry | None = None,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.account: AccountOut | None = None
        self._tokens = tokens
        self._token_key = token_key
        self._access: str | None = None
        self._auth_lock = threading.Lock()
        http_timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=http_timeout,
            headers={"Accept-Encoding": _encoding(self.base_url), "User-Agent": USER_AGENT},
            transport=transport,
            follow_redirects=False,
        )
        self._sender = RetryingSender(
            self._http,
            timeout=http_timeout,
            retry=retry or Retry(),
            cancel=cancel,
            sleep=sleep,
            rng=rng,
        )

    # -- session ---------------------------------------------------------------------------

    def login(self, login: str, password: str, device_name: str = "") -> AccountOut:
        """Log in; the refresh token goes to the token store, the access token stays in memory.

        Wrong credentials raise ApiError with code ``invalid_credentials`` and store nothing.
        """
        body = LoginRequest(login=login, password=password, device_name=device_name)
        response = self._sender.send(
            "POST", f"{API_PREFIX}/auth/login", json=body.model_dump(), resend_after_sent=False
        )
        if response.status_code != 200:
            error = error_for(response)
            if isinstance(error, AuthRequired):  # a refused login is not "log in again"
                error = ApiError(error.status, error.code, error.detail, error.problem)
            raise error
        pair = self._parse(response, TokenPair)
        with self._auth_lock:
            self._accept(pair)
        return pair.account

    def resume(self) -> AccountOut:
        """Continue the stored login: refresh (rotating the stored token) and return the account.

        Raises AuthRequired when no token is stored or the server no longer accepts it.
        """
        with self._auth_lock:
            self._refresh_locked()
        assert self.account is not None
        return self.account

    def logout(self) -> None:
        """Forget the login here first, then tell the server (best effort: offline is fine)."""
        with self._auth_lock:
            self._access = None
            self.account = None
            token = self._tokens.get(self._token_key)
            self._tokens.delete(self._token_key)
        if token is None:
            return
        try:
            response = self._sender.send(
                "POST",
                f"{API_PREFIX}/auth/logout",
                json=LogoutRequest(refresh_token=token).model_dump(),
                retry=_LOGOUT_RETRY,
            )
        except NetworkError as exc:
            log.warning("logout: the server was not told (%s)", exc)
            return
        if response.status_code >= 400:
            log.warning("logout: the server answered %s", error_for(response))

    @property
    def logged_in(self) -> bool:
        """Whether an access token is held (it may have expired; calls refresh it)."""
        return self._access is not None

    # -- endpoints ---------------------------------------------------------------------------

    def me(self) -> AccountOut:
        account = self._parse(self._get(f"{API_PREFIX}/me"), AccountOut)
        self.account = account
        return account

    def changes(self, scope: Scope, cursor: str | None, limit: int = 1000) -> ChangesPage:
        """One page of the change feed after ``cursor`` (None: from the start of ``scope``).

        Raises CursorExpired when the cursor is older than the server keeps deletions.
        """
        params: dict[str, Any] = {"scope": Scope(scope).value, "limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        return self._parse(self._get(f"{API_PREFIX}/sync/changes", params), ChangesPage)

    def snapshot_manifest(
        self, entity: str = "product", page_size: int = 20000
    ) -> SnapshotManifest:
        params = {"entity": _checked_entity(entity), "page_size": page_size}
        return self._parse(self._get(f"{API_PREFIX}/sync/snapshot", params), SnapshotManifest)

    def snapshot_page(
        self, entity: str, after: str | None, limit: int
    ) -> tuple[list[list[Any]], str | None]:
        """One snapshot page: its rows (arrays in the manifest's column order) and the next key.

        The key is None after the last page. Asking again with the same ``after`` is safe.
        """
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        response = self._get(f"{API_PREFIX}/sync/snapshot/{_checked_entity(entity)}", params)
        rows: list[list[Any]] = []
        try:
            for line in response.content.splitlines():
                if not line.strip():
                    continue
                row = orjson.loads(line)
                if not isinstance(row, list):
                    raise ValueError("a snapshot row is not an array")
                rows.append(row)
        except ValueError as exc:  # orjson.JSONDecodeError is a ValueError
            raise bad_response(response.status_code, "snapshot page") from exc
        next_after = response.headers.get("x-next-after") or None
        return rows, next_after

    def push(self, batch: MutationBatch) -> MutationResults:
        """Send a batch of mutations; resending the same batch is safe (results are replayed)."""
        return self.results(self.push_raw(batch))

    def push_raw(self, batch: MutationBatch, *, sent: Callable[[], None] | None = None) -> bytes:
        """``push``, its answer's body left unread (:meth:`results` reads it), so the caller
        can send the next batch before spending the time to validate this one's answer.

        ``sent``: called (from this thread, maybe more than once) when the request is out and
        its answer awaited, so a caller can hold back work that would compete with sending it.
        """
        # Serialised by pydantic itself (a tenth of the CPU of ``json=`` on a 200-mutation
        # batch: no dict of dicts, no ``json.dumps``); the same compact UTF-8 JSON.
        response = self._request(
            "POST",
            f"{API_PREFIX}/sync/mutations",
            json_bytes=batch.model_dump_json().encode(),
            extensions=None if sent is None else {"trace": _on_awaiting(sent)},
        )
        return response.content

    @staticmethod
    def results(body: bytes) -> MutationResults:
        """The answer to a push (:meth:`push_raw`'s body), validated against the contract."""
        return _validated(body, MutationResults, 200, f"{API_PREFIX}/sync/mutations")

    def thumbnail(self, product_id: str, size: int = 128) -> bytes:
        """The server's PNG picture of a product, ``size`` pixels square (64, 128 or 256).

        Raises ApiError ``not_found`` for an unknown product, and ``bad_response`` when the
        answer is not a PNG image. Retries less than other calls (one resend after a short
        wait): a missing picture is not worth holding a network thread for half a minute.
        """
        if size not in THUMBNAIL_SIZES:
            raise ValueError(f"thumbnail size must be one of {THUMBNAIL_SIZES}: {size!r}")
        path = f"{API_PREFIX}/products/{_checked_id(product_id)}/thumbnail"
        response = self._request("GET", path, params={"size": size}, retry=_IMAGE_RETRY)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "image/png" or not response.content.startswith(PNG_SIGNATURE):
            raise bad_response(response.status_code, "PNG image")
        return response.content

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """An authenticated GET of ``path`` (e.g. ``/v1/listings``) on this server: its JSON."""
        if not path.startswith("/") or path.startswith("//"):
            # An absolute URL would carry the bearer token to another host.
            raise ValueError(f"path must be absolute on this server, like /v1/me: {path!r}")
        response = self._get(path, params)
        try:
            return response.json()
        except ValueError as exc:
            raise bad_response(response.status_code, "JSON document") from exc

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        who = self.account.login if self.account is not None else None
        return f"ApiClient({self.base_url!r}, account={who!r})"

    # -- internals ---------------------------------------------------------------------------

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
        return self._request("GET", path, params=params)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        json_bytes: bytes | None = None,
        retry: Retry | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """An authenticated call: refreshes once on an expired or unknown access token.

        ``json_bytes``: a JSON body already serialised (instead of ``json``); ``extensions``:
        httpx request extensions.
        ``retry`` overrides the client's retry policy for this call (None: the client's).
        """
        headers = {"Content-Type": "application/json"} if json_bytes is not None else {}
        access = self._access
        refreshed = False
        if access is None:
            access = self._refresh(None)
            refreshed = True
        while True:
            response = self._sender.send(
                method,
                path,
                headers={**headers, "Authorization": f"Bearer {access}"},
                params=params,
                json=json,
                content=json_bytes,
                retry=retry,
                extensions=extensions,
            )
            if response.status_code < 400:
                return response
            error = error_for(response)
            if error.status == 401 and error.code in _REFRESH_ON and not refreshed:
                log.debug("%s %s: %s, refreshing the access token", method, path, error.code)
                access = self._refresh(access)
                refreshed = True
                continue
            raise error

    def _refresh(self, failed_access: str | None) -> str:
        """A usable access token: a new one, unless another thread already replaced ``failed``."""
        with self._auth_lock:
            if self._access is not None and self._access != failed_access:
                return self._access
            return self._refresh_locked()

    def _refresh_locked(self) -> str:
        """Spend the stored refresh token for a new pair (hold ``_auth_lock``)."""
        token = self._tokens.get(self._token_key)
        if token is None:
            self._access = None
            raise AuthRequired(401, ErrorCode.UNAUTHENTICATED.value, "not logged in: log in")
        response = self._sender.send(
            "POST",
            f"{API_PREFIX}/auth/refresh",
            json=RefreshRequest(refresh_token=token).model_dump(),
            resend_after_sent=False,
        )
        if response.status_code != 200:
            error = error_for(response)
            if error.status == 401:
                # The login is over (revoked, expired, or spent elsewhere): forget it here too.
                self._tokens.delete(self._token_key)
                self._access = None
                self.account = None
                raise AuthRequired(error.status, error.code, error.detail, error.problem)
            raise error
        pair = self._parse(response, TokenPair)
        self._accept(pair)
        assert self._access is not None
        return self._access

    def _accept(self, pair: TokenPair) -> None:
        self._tokens.set(self._token_key, pair.refresh_token)
        self._access = pair.access_token
        self.account = pair.account

    @staticmethod
    def _parse(response: httpx.Response, model: type[M]) -> M:
        return _validated(response.content, model, response.status_code, response.request.url.path)


def _validated(body: bytes, model: type[M], status: int, path: str) -> M:
    """``body`` as ``model``, in one pass of pydantic's own parser (no ``json.loads`` into dicts
    to validate after); ``bad_response`` when it is not one."""
    try:
        return model.model_validate_json(body)
    except (ValueError, ValidationError):
        # ``from None``: a validation error quotes the input, which may hold a token.
        log.debug("bad answer from %s: not a valid %s", path, model.__name__)
        raise bad_response(status, model.__name__) from None


def _on_awaiting(sent: Callable[[], None]) -> Callable[[str, dict[str, Any]], None]:
    """An httpcore ``trace`` callback calling ``sent`` when the request has left and the
    answer's headers are being waited for."""

    def trace(event: str, _info: dict[str, Any]) -> None:
        if event.endswith("receive_response_headers.started"):
            sent()

    return trace


def _checked_id(row_id: str) -> str:
    """A row id safe to put in a URL path (no slash, dot or percent can change the path)."""
    if not _ROW_ID.fullmatch(row_id):
        raise ValueError(f"not a row id: {row_id!r}")
    return row_id


def _checked_entity(entity: str) -> str:
    if not _ENTITY.match(entity):
        raise ValueError(f"not an entity name: {entity!r}")
    return entity
