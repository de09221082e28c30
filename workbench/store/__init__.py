"""The local SQLite cache of one account: confirmed rows, pending edits, cursors, catalogue.

One file per account (``paths.cache_path``). The cache is plain Python on the standard
library's ``sqlite3``: writes are short ``BEGIN IMMEDIATE`` transactions, and each write returns
what it changed (:class:`Changed`) so views refresh only that. Imports ``core`` and ``contract``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.store.schema import CacheTooNew

__all__ = ["Cache", "CacheTooNew", "Changed"]


def __getattr__(name: str) -> Any:
    # Lazy (PEP 562): the selection center's query modules live in this package, and the window
    # imports them at start-up; the cache pulls in pydantic through the contract (~140 ms).
    if name == "Cache":
        from workbench.store.cache import Cache

        return Cache
    if name == "Changed":
        from workbench.store.changed import Changed

        return Changed
    if name == "CacheTooNew":
        from workbench.store.schema import CacheTooNew

        return CacheTooNew
    raise AttributeError(f"module 'workbench.store' has no attribute {name!r}")
