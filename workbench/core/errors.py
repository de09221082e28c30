"""Stable error codes and the domain error that carries one.

The codes are the API's contract (``contract.errors`` re-exports them with the problem model):
clients branch on them and the UI translates them, so a code is never renamed or reused.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every error code the server may answer with, request-level or per mutation."""

    # request level
    VALIDATION_FAILED = "validation_failed"
    MALFORMED_JSON = "malformed_json"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    RATE_LIMITED = "rate_limited"
    INTERNAL_ERROR = "internal_error"
    INJECTED_FAULT = "injected_fault"
    UNSUPPORTED_API_VERSION = "unsupported_api_version"
    # auth
    UNAUTHENTICATED = "unauthenticated"
    TOKEN_EXPIRED = "token_expired"
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_LOCKED = "account_locked"
    INVALID_REFRESH_TOKEN = "invalid_refresh_token"
    FORBIDDEN = "forbidden"
    WRONG_ROLE = "wrong_role"
    # sync
    BAD_CURSOR = "bad_cursor"
    CURSOR_EXPIRED = "cursor_expired"
    SEQUENCE_GAP = "sequence_gap"
    MUTATION_ID_REUSED = "mutation_id_reused"
    UNKNOWN_MUTATION = "unknown_mutation"
    INVALID_PAYLOAD = "invalid_payload"
    UNKNOWN_ENTITY = "unknown_entity"
    VERSION_CONFLICT = "version_conflict"
    # plan rules
    RATE_OUT_OF_RANGE = "rate_out_of_range"
    PLAN_WINDOW_INVALID = "plan_window_invalid"
    TOO_MANY_PRODUCTS = "too_many_products"
    TOO_MANY_CREATORS = "too_many_creators"
    CREATORS_REQUIRED = "creators_required"
    CREATORS_NOT_ALLOWED = "creators_not_allowed"
    GENERAL_PLAN_REQUIRED = "general_plan_required"
    EXCLUSIVE_CONFLICT = "exclusive_conflict"
    DUPLICATE_GENERAL_PLAN = "duplicate_general_plan"
    PLAN_NOT_ACTIVE = "plan_not_active"
    PLAN_CHANGED = "plan_changed"
    NOT_YOUR_PRODUCT = "not_your_product"
    # workflow
    INVALID_TRANSITION = "invalid_transition"
    ALREADY_DECIDED = "already_decided"
    DUPLICATE_APPLICATION = "duplicate_application"
    NOT_ELIGIBLE = "not_eligible"
    REASON_REQUIRED = "reason_required"
    LISTING_EXISTS = "listing_exists"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"
    CHANNEL_GONE = "channel_gone"  # a move's target channel: deleted, or not the caller's
    PRODUCT_NOT_PROMOTABLE = "product_not_promotable"
    AMOUNT_OUT_OF_RANGE = "amount_out_of_range"


class DomainError(Exception):
    """A rule of the business was broken. ``code`` is stable and machine-readable."""

    def __init__(self, code: ErrorCode, detail: str, **context: object) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.context = context

    def __repr__(self) -> str:
        return f"DomainError({self.code.value!r}, {self.detail!r})"
