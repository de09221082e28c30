"""The channels page (我的渠道)."""
