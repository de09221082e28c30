"""The reference backend: FastAPI + SQLAlchemy 2 over SQLite or PostgreSQL.

It imports ``core`` and ``contract`` only. The desktop app starts it in-process as its embedded
default; a deployment runs ``workbench-server serve`` on PostgreSQL, with all state in the database.
"""
