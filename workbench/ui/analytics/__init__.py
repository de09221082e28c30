"""The 数据 page: dashboard, charts, tables, commission ledger, orders view."""
