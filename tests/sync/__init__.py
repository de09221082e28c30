"""Sync tests: real server over HTTP, real SQLite caches, faults, kills, properties."""
