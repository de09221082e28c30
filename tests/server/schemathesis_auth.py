"""schemathesis hook (``SCHEMATHESIS_HOOKS``): each request as the demo creator or merchant, in turn.

One run then covers both roles. The access tokens come in ``WORKBENCH_ST_TOKENS`` (comma
separated), set by ``test_schemathesis.py`` after logging in.
"""

from __future__ import annotations

import itertools
import os
from typing import Any

import schemathesis

_TOKENS = itertools.cycle(os.environ.get("WORKBENCH_ST_TOKENS", "none").split(","))


@schemathesis.auth(refresh_interval=None)
class BothRoles:
    """Bearer tokens of both roles, alternately (a new one for every request)."""

    def get(self, case: Any, context: Any) -> str:
        return next(_TOKENS)

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
