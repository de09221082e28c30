"""The OpenAPI document bounds every value a client sends, so new endpoints are safe by default.

Every string parameter or request field must carry a pattern that refuses NUL (or be an enum),
every integer both bounds as exact integers within 63 bits; free-form JSON objects only where
named below, each validated some other way. Mutation payloads (not in the document: they travel
as ``payload`` objects) are held to the same rule. This is what keeps PostgreSQL from answering
a 500 to a NUL or an overflow: use the types of ``workbench.contract.base`` and
``workbench.server.params`` and this test passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.mutations import MUTATIONS
from workbench.server.app import create_app
from workbench.server.config import FaultSettings, ServerSettings

FREE_FORM = {
    "payload": "a mutation's payload: validated by its type's model (MUTATIONS), checked below",
    "query": "a saved filter's query: JsonObject refuses NUL, lone surrogates and huge numbers",
}
FREE_TEXT = {
    "entity_id": "a mutation's row id: a NUL is that mutation rejected (server/mutations.py), "
    "so one bad edit does not get a device's whole batches refused",
}
INT64_MAX = 2**63 - 1


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path: Path = tmp_path_factory.mktemp("contract") / "server.sqlite3"
    settings = ServerSettings(database_url=f"sqlite:///{path}", faults=FaultSettings(enabled=True))
    app = create_app(settings)
    return app.openapi()


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def violations(
    node: dict[str, Any], root: dict[str, Any], where: str, seen: frozenset[str] = frozenset()
) -> Iterator[str]:
    """Every string or integer under ``node`` that is not bounded as the contract requires."""
    ref = node.get("$ref")
    if ref in seen:
        return
    node = _resolve(node, root)
    seen = seen | {ref} if ref else seen
    for key in ("anyOf", "oneOf", "allOf"):
        for i, option in enumerate(node.get(key, [])):
            yield from violations(option, root, f"{where}|{i}", seen)
    kind = node.get("type")
    if "enum" in node or "const" in node:
        return
    if kind == "string" and where.rsplit(".", 1)[-1] not in FREE_TEXT:
        pattern = node.get("pattern")
        if pattern is None or re.search(pattern, "a\x00") or re.search(pattern, "\x00"):
            yield f"{where}: a string without a pattern refusing NUL"
    elif kind == "integer":
        for bound in ("minimum", "maximum"):
            value = node.get(bound)
            if not isinstance(value, int) or abs(value) > INT64_MAX:
                yield f"{where}: integer {bound} {value!r} (not an exact 63-bit integer)"
    elif kind == "array":
        yield from violations(node.get("items", {}), root, f"{where}[]", seen)
    elif kind == "object":
        for name, prop in node.get("properties", {}).items():
            yield from violations(prop, root, f"{where}.{name}", seen)
        extra = node.get("additionalProperties")
        if extra not in (None, False) and where.rsplit(".", 1)[-1] not in FREE_FORM:
            yield f"{where}: a free-form object"


def _inputs(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                yield f"{method} {path} {parameter['name']}", parameter["schema"]
            body = operation.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                yield f"{method} {path} body({media})", content["schema"]


def test_every_input_of_the_api_is_bounded(document: dict[str, Any]) -> None:
    found = [v for where, schema in _inputs(document) for v in violations(schema, document, where)]
    assert not found, "\n".join(found)


def test_every_mutation_payload_is_bounded() -> None:
    found = []
    for name, (model, _role) in sorted(MUTATIONS.items()):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        found.extend(violations(schema, schema, name))
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string"},
        {"type": "string", "pattern": "^.*$"},
        {"type": "integer", "minimum": 1},
        {"type": "integer", "minimum": 1, "maximum": 4.6e18},
        {"type": "object", "properties": {"x": {"type": "array", "items": {"type": "string"}}}},
        {"type": "object", "additionalProperties": True},
    ],
)
def test_the_check_sees_an_unbounded_value(schema: dict[str, Any]) -> None:
    assert list(violations(schema, schema, "probe"))


def test_integer_bounds_are_published_exactly(document: dict[str, Any]) -> None:
    seq = document["components"]["schemas"]["Mutation"]["properties"]["seq"]
    assert seq["maximum"] == 2**62 and isinstance(seq["maximum"], int)
    assert seq["minimum"] == 1 and isinstance(seq["minimum"], int)


def test_snapshot_pages_are_documented_as_ndjson(document: dict[str, Any]) -> None:
    answers = document["paths"]["/v1/sync/snapshot/{entity}"]["get"]["responses"]
    assert set(answers["200"]["content"]) == {"application/x-ndjson"}
