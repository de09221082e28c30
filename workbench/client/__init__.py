"""The httpx API client: auth and token refresh, retries with backoff, error mapping.

The desktop side's only way to talk to a server (embedded or remote). Plain Python on top of
``contract``; it never imports Qt, the store or the sync engine. Import what you need from its
modules (``api``, ``errors``, ``tokens``, ``urls``, ``backoff``); nothing is re-exported here so
importing the package stays cheap.
"""
