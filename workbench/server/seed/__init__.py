"""The deterministic demo dataset of the reference server (演示数据).

A realistic Chinese catalogue, the demo creator and merchant accounts, plans, applications,
samples and a year of orders, written in bulk so that the embedded server can seed on first run
and load tests can seed a million products. ``seeder.seed_database`` is the entry point.
"""
