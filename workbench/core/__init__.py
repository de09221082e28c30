"""The domain of the workbench in plain Python: enums, units, ids, plan and workflow rules.

Nothing here does I/O or imports another layer of the package; everything above builds on it.
"""
