"""Shared pieces of the wire models: strict base class, id and unit types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Fen = Annotated[int, Field(ge=0, le=10**12, description="money in 分 (1/100 yuan)")]
Ppm = Annotated[int, Field(ge=0, le=1_000_000, description="rate in parts per million")]
EntityId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")
]
Text = Annotated[str, StringConstraints(max_length=2000)]
ShortText = Annotated[str, StringConstraints(max_length=200)]


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are refused, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class OutModel(BaseModel):
    """Base of responses: tolerant of fields added by a newer server."""

    model_config = ConfigDict(extra="ignore", frozen=True, from_attributes=True)
