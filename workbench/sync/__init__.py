"""The sync engine: pull the change feed, push the outbox, record conflicts. Plain Python, no Qt.

The UI runs ``SyncEngine.run`` on a worker thread and listens to its progress callback.
"""
