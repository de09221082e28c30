"""The wire contract shared by the client and the server.

Pydantic models for every request and response, the error codes, and the API version. The
server's OpenAPI document is generated from these models; the client validates answers with them.
"""

API_VERSION = "1"
API_PREFIX = "/v1"
PROBLEM_MEDIA_TYPE = "application/problem+json"
