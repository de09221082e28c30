"""Send one request until it gets a final answer: retries with backoff, Retry-After, cancel.

Transport errors and 5xx answers are retried after a jittered exponential wait; 429 and 503
wait at least as long as the server's ``Retry-After``. Requests whose effect must not happen
twice without the client knowing (login, token refresh) are resent only when they never left
the machine. Auth and error mapping are the caller's business (``api.ApiClient``).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from workbench.client.backoff import Retry, parse_retry_after
from workbench.client.errors import Cancelled, NetworkError

log = logging.getLogger(__name__)

Sleep = Callable[[float], None]

# The request certainly never reached the server: safe to send again whatever it does.
_NEVER_SENT: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# The request may have reached the server (and taken effect) but the answer was lost or garbled.
_MAYBE_SENT: tuple[type[Exception], ...] = (httpx.TransportError, httpx.DecodingError)
_WAIT_FOR_SERVER = frozenset({429, 503})


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class RetryingSender:
    """Sends requests over one shared ``httpx.Client`` with the retry policy and a cancel event."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        timeout: httpx.Timeout,
        retry: Retry,
        cancel: threading.Event | None = None,
        sleep: Sleep = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.http = http
        self.timeout = timeout
        self.retry = retry
        self.cancel = cancel
        self._sleep = sleep
        self._rng = rng or random.Random()

    def check_cancel(self) -> None:
        """Raise Cancelled if the caller's cancel event is set."""
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("cancelled")

    def wait(self, seconds: float) -> None:
        """Wait ``seconds``, waking up at once (with Cancelled) when the cancel event is set."""
        self.check_cancel()
        if self._sleep is time.sleep and self.cancel is not None:
            if self.cancel.wait(seconds):
                raise Cancelled("cancelled while waiting to retry")
        else:
            self._sleep(seconds)
        self.check_cancel()

    def send(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        resend_after_sent: bool = True,
        retry: Retry | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """The final answer to the request.

        Returns any answer below 500 except a 429 that retrying may fix (an exhausted 429 is
        returned too). Raises NetworkError when every attempt failed with a transport error or a
        5xx, or at once for a request that may have been sent when ``resend_after_sent`` is
        false; Cancelled when the cancel event is set. ``extensions``: httpx request extensions
        (e.g. a ``trace`` callback).
        """
        policy = retry or self.retry
        for attempt in range(policy.max_attempts):
            self.check_cancel()
            final = attempt == policy.max_attempts - 1
            try:
                response = self.http.request(
                    method, path, headers=headers, json=json, content=content, params=params,
                    timeout=self.timeout, extensions=extensions,
                )  # fmt: skip
            except _NEVER_SENT as exc:
                error: Exception = exc
            except _MAYBE_SENT as exc:
                if not resend_after_sent:
                    log.warning("%s %s: answer lost (%s); not resent", method, path, _describe(exc))
                    raise NetworkError(
                        f"the server's answer was lost ({_describe(exc)}); not resent, as the "
                        "request may already have taken effect"
                    ) from exc
                error = exc
            else:
                status = response.status_code
                if status < 500 and status != 429:
                    return response
                if final:
                    log.warning(
                        "%s %s: still %d after %d attempts", method, path, status, attempt + 1
                    )
                    if status == 429:
                        return response
                    raise NetworkError(
                        f"the server kept failing: HTTP {status} after {attempt + 1} attempts",
                        status=status,
                    )
                delay = policy.delay(attempt, self._rng)
                if status in _WAIT_FOR_SERVER:
                    asked = parse_retry_after(response.headers.get("retry-after"))
                    if asked is not None:
                        delay = max(min(asked, policy.max_retry_after), delay)
                log.debug("%s %s: HTTP %d, retrying in %.2f s", method, path, status, delay)
                self.wait(delay)
                continue
            if final:
                log.warning("%s %s: gave up after %d attempts", method, path, attempt + 1)
                raise NetworkError(
                    f"could not reach the server after {attempt + 1} attempts: {_describe(error)}"
                ) from error
            delay = policy.delay(attempt, self._rng)
            log.debug("%s %s: %s, retrying in %.2f s", method, path, _describe(error), delay)
            self.wait(delay)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover
