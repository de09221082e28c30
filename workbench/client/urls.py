"""Which server URLs the client accepts, and a stable id for a server to name its cache folder.

Tokens travel in headers, so plain http is allowed only to this machine (the embedded server,
a developer's local one); anything else must be https.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from workbench.client.errors import InsecureServer

_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]+")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine: localhost, 127.0.0.0/8 or ::1."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """``url`` normalised (no trailing slash); http only to loopback, else InsecureServer.

    Raises ValueError for anything that is not an http(s) URL with a host.
    """
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"the server address must start with https:// (got {url!r})")
    host = parts.hostname
    if not host:
        raise ValueError(f"the server address has no host: {url!r}")
    if parts.username or parts.password:
        raise ValueError("the server address must not contain a user name or password")
    if parts.query or parts.fragment:
        raise ValueError(f"the server address must not have a query or fragment: {url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise ValueError(f"the server address has a bad port: {url!r}") from exc
    if scheme == "http" and not is_loopback(host):
        raise InsecureServer(
            f"plain http is only allowed to this machine; use https://{parts.netloc}"
        )
    return f"{scheme}://{parts.netloc.lower()}{parts.path}"


def server_id(url: str) -> str:
    """A stable, filesystem-safe id for the server at ``url`` (e.g. ``127.0.0.1_8765``).

    Host, then port when one is given, then the path; everything outside ``[A-Za-z0-9.-]``
    becomes ``_``. Callers use ``"embedded"`` for the embedded server themselves.
    """
    parts = urlsplit(check_server_url(url))
    pieces = [(parts.hostname or "").replace(":", "-")]
    if parts.port is not None:
        pieces.append(str(parts.port))
    if parts.path.strip("/"):
        pieces.append(parts.path.strip("/"))
    return _UNSAFE.sub("_", "_".join(pieces)).strip("_.-") or "server"
