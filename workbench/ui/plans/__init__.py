"""The Plans pages (推广计划)."""
