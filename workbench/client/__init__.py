"""The httpx API client: auth and token refresh, retries with backoff, error mapping.

Built by the sync issue on top of ``contract``; it never imports Qt or the store.
"""
