"""The local SQLite cache of one account: confirmed rows, pending edits, cursors, catalogue.

One file per account (``paths.cache_path``). The cache is plain Python on the standard
library's ``sqlite3``: writes are short ``BEGIN IMMEDIATE`` transactions, and each write returns
what it changed (:class:`Changed`) so views refresh only that. Imports ``core`` and ``contract``.
"""

from workbench.store.cache import Cache, Changed
from workbench.store.schema import CacheTooNew

__all__ = ["Cache", "CacheTooNew", "Changed"]
