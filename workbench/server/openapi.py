"""The OpenAPI document, as exact as the models it comes from.

FastAPI passes bounds through its ``Schema`` model, whose ``minimum``/``maximum`` are floats, so
``le=2**62`` is published as ``4.611686018427388e+18`` and a client (or schemathesis) comparing
as floats takes 4611686018427387999 for valid. Integer bounds of integer schemas are written
back as integers here.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def install(app: FastAPI) -> None:
    """Serve ``app``'s document with exact integer bounds (built once, on first request)."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = _exact_integers(schema)
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]


def _exact_integers(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in _BOUNDS:
                value = node.get(key)
                if isinstance(value, float) and value.is_integer():
                    node[key] = int(value)
        for value in node.values():
            _exact_integers(value)
    elif isinstance(node, list):
        for value in node:
            _exact_integers(value)
    return node
