"""The demo dataset's accounts, known to the seeder (which creates them) and the app (which
offers them with one click). Demo only: a real server has its own accounts and passwords."""

from __future__ import annotations

DEMO_PASSWORD = "demo1234"
DEMO_LOGINS = {
    "creator": "creator_demo",
    "creator_legacy": "creator_legacy",
    "merchant": "merchant_demo",
    "merchant_b": "merchant_b",
}
