"""The sync engine: pull the change feed, push the outbox, record conflicts. Plain Python, no Qt."""
