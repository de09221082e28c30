"""Shared pieces of the wire models: strict base class, id, text, number and time types.

Every string and number that crosses the wire is one of the types here, so what a database
cannot store is refused at the contract, with a ``validation_failed`` problem, before any
handler runs: no NUL in text (PostgreSQL refuses it; pydantic's ``str`` already refuses lone
surrogates), integers bounded (PostgreSQL's ``integer`` and ``bigint`` overflow), dates and
times in one ISO 8601 spelling within years the server can compute with.
``tests/server/test_api_contract.py`` checks that every parameter and field of the OpenAPI
document (and every mutation payload) carries such bounds, so a new endpoint gets them too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

NO_NUL = r"^[^\x00]*$"
"""The pattern of every free text on the wire: anything but NUL."""

INT32_MAX = 2**31 - 1
"""Largest value of an ``integer`` column (category ids)."""
BIG_MAX = 2**62
"""Largest sequence number or version the wire accepts (well inside ``bigint``)."""


def _number(value: Any) -> Any:
    """A JSON number: not ``true``/``false`` and not a numeric string, which lax ints take."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a number is written without quotes")
    return value


JSON_NUMBER = BeforeValidator(_number)
"""Put last on an integer of a JSON body, after its ``Field`` bounds (so they are published):
``Annotated[int, Field(ge=0, le=9), JSON_NUMBER]``. Query parameters arrive as text: not there."""
Fen = Annotated[int, Field(ge=0, le=10**12, description="money in 分 (1/100 yuan)"), JSON_NUMBER]
Ppm = Annotated[
    int, Field(ge=0, le=1_000_000, description="rate in parts per million"), JSON_NUMBER
]
EntityId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")
]
Uuid = Annotated[
    str,
    StringConstraints(
        min_length=36,
        max_length=36,
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    ),
]
SafeStr = Annotated[str, StringConstraints(pattern=NO_NUL)]
"""Free text a database can store; add a length: ``Annotated[SafeStr, StringConstraints(…)]``."""
Text = Annotated[SafeStr, StringConstraints(max_length=2000)]
ShortText = Annotated[SafeStr, StringConstraints(max_length=200)]
CategoryId = Annotated[int, Field(ge=1, le=INT32_MAX)]
Seq = Annotated[int, Field(ge=1, le=BIG_MAX), JSON_NUMBER]
Version = Annotated[int, Field(ge=0, le=BIG_MAX), JSON_NUMBER]
LooseInt = Annotated[int, Field(ge=-BIG_MAX, le=BIG_MAX), JSON_NUMBER]
"""An integer whose business range a rule checks later, with its own code (a plan's rate)."""

_YEAR = r"(19[7-9][0-9]|2[0-9]{3})"  # 1970-2999: no overflow when a time zone is applied
_DAY = _YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
DAY_PATTERN = f"^{_DAY}$"
MOMENT_PATTERN = (
    f"^{_DAY}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{{1,6}})?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)


def _spelled(pattern: str, what: str) -> Callable[[Any], Any]:
    """A before-validator: only strings spelled as ``pattern`` go on to be parsed."""
    compiled = re.compile(pattern)

    def check(value: Any) -> Any:
        if isinstance(value, date):  # already parsed (a model built in Python)
            return value
        if not isinstance(value, str) or not compiled.match(value):
            raise ValueError(f"{what}, years 1970-2999")
        return value

    return check


Day = Annotated[
    date,
    BeforeValidator(_spelled(DAY_PATTERN, "a date is written YYYY-MM-DD")),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]
"""A calendar day, exactly ``YYYY-MM-DD`` (no timestamps, no times), years 1970–2999."""
Moment = Annotated[
    AwareDatetime,
    BeforeValidator(_spelled(MOMENT_PATTERN, "a time is written YYYY-MM-DDThh:mm:ss[.f]Z/±hh:mm")),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT_PATTERN}),
]
"""An instant, RFC 3339 with ``Z`` or an offset, years 1970–2999."""


def _storable(value: Any) -> Any:
    """Refuse what a database JSON column cannot store: NUL, lone surrogates, NaN, huge ints."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("text must be valid Unicode") from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable(item)
    elif isinstance(value, list):
        for item in value:
            _storable(item)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("numbers must be finite")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > BIG_MAX:
        raise ValueError("integers must fit in 63 bits")
    return value


JsonObject = Annotated[dict[str, Any], AfterValidator(_storable)]
"""A free-form JSON object (a saved filter's query) that a database can store as it is."""


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are refused, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class OutModel(BaseModel):
    """Base of responses: tolerant of fields added by a newer server."""

    model_config = ConfigDict(extra="ignore", frozen=True, from_attributes=True)
