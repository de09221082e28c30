"""The local SQLite cache of one account: models, migrations, queries, the outbox.

Built by the sync issue; imports ``core`` and ``contract`` only.
"""
