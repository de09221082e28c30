"""Errors on the wire: RFC 9457 problem details with a stable ``code``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from workbench.core.errors import ErrorCode

__all__ = ["ErrorCode", "Problem"]


class Problem(BaseModel):
    """The body of every error answer (``application/problem+json``)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    code: ErrorCode
    detail: str = ""
    errors: list[dict[str, Any]] | None = None
