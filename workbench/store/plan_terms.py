"""Each visible plan's terms, typed: what the listing health check reads instead of plan JSON.

``plan_term`` holds one row per plan row of ``record`` that names a product:

- its type, status, begin and end (Julian days, as SQLite's ``julianday`` reads the ISO text)
  and rate, the JSON's own values (``json_extract``) in untyped columns, so the check compares
  exactly what it compared when it read the JSON;
- on a plan that is not general and names me: ``my_rate_ppm``, my rate while my cooperation
  stands (an entry without a status counts as accepted), or ``my_cancelled`` 1 when it was
  rejected or cancelled (:data:`CANCELLED`);
- ``earns``: whether I earn under it when it runs (general, or my rate is set);
- ``rates_seen``: how many rates ``commission_history`` holds for it, 1, or 2 for more (its rate
  changed; the sync notes a plan's rate before it writes the row);
- for the creator's Plans page (``store/plans.py``): ``named_ppm``, the rate the plan names for
  me (a general plan's rate; a targeted or exclusive plan's rate in my entry, whatever its
  status, else the plan's), and the cut under notice, ``cut_ppm`` from ``cut_j`` (Julian day),
  with the indexes its default order walks (``plan_term_kind``, ``plan_term_rate``,
  ``plan_term_cut``).

Clustered by product: a listing's plans are one range of the table. ``records.refresh_many``,
the one writer of ``record``, keeps it equal to the visible plan rows (:func:`keep`); the cache
schema step that creates it fills it from ``record`` (:data:`SCHEMA`), and so does :func:`fill`
when a cache gets its owner (my entries depend on who I am).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from workbench.core.enums import CooperationStatus, PlanType
from workbench.store import tables

TABLE = "plan_term"

_ME = "coalesce((SELECT value FROM meta WHERE key = 'account_id'), '')"
CANCELLED = (
    CooperationStatus.REJECTED.value,
    CooperationStatus.INVITATION_CANCELLED.value,
    CooperationStatus.COOPERATION_CANCELLED.value,
)
"""My cooperation on a plan naming me ended: the plan does not count as mine."""

# The terms of the plan rows of ``record`` that ``{restrict}`` keeps (``r``: the record row;
# ``mine``: my entry on a plan that is not general).
_TERMS = f"""
SELECT pid, id, typ, st, b, e, rate, my, gone, (typ = '{PlanType.GENERAL.value}' OR my IS NOT NULL),
  seen, CASE WHEN typ = '{PlanType.GENERAL.value}' THEN rate
    ELSE coalesce(json_extract(mine, '$.rate_ppm'), rate) END, cut, cut_j
FROM (
  SELECT *,
    CASE WHEN mine IS NOT NULL AND coalesce(json_extract(mine, '$.status'), 2) NOT IN {CANCELLED}
      THEN json_extract(mine, '$.rate_ppm') END AS my,
    CASE WHEN mine IS NOT NULL AND json_extract(mine, '$.status') IN {CANCELLED}
      THEN 1 END AS gone
  FROM (
    SELECT r.id, json_extract(r.data, '$.product_id') AS pid,
      json_extract(r.data, '$.plan_type') AS typ, json_extract(r.data, '$.status') AS st,
      julianday(json_extract(r.data, '$.begin_at')) AS b,
      julianday(json_extract(r.data, '$.end_at')) AS e,
      json_extract(r.data, '$.rate_ppm') AS rate,
      json_extract(r.data, '$.pending_rate_ppm') AS cut,
      julianday(json_extract(r.data, '$.pending_at')) AS cut_j,
      CASE WHEN json_extract(r.data, '$.plan_type') != '{PlanType.GENERAL.value}' THEN (
        SELECT c.value FROM json_each(r.data, '$.creators') c
        WHERE CASE WHEN c.type = 'object' THEN json_extract(c.value, '$.creator_id') END = {_ME}
      ) END AS mine,
      (SELECT count(*) FROM (SELECT 1 FROM commission_history h
        WHERE h.subject = 'plan' AND h.subject_id = r.id LIMIT 2)) AS seen
    FROM record r WHERE r.entity = 'plan' {{restrict}}
  ) WHERE pid IS NOT NULL
)
"""

_INSERT = f"INSERT OR REPLACE INTO {TABLE} (product_id, id, plan_type, status, begin_j, end_j, "
_INSERT += "rate_ppm, my_rate_ppm, my_cancelled, earns, rates_seen, named_ppm, cut_ppm, cut_j) "

SCHEMA = [
    # No column types on the JSON's values: they keep their own (an affinity would turn a
    # status "1" into 1, which the JSON check never matched).
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        product_id NOT NULL, id TEXT NOT NULL, plan_type, status, begin_j, end_j, rate_ppm,
        my_rate_ppm, my_cancelled, earns, rates_seen INTEGER NOT NULL, named_ppm, cut_ppm, cut_j,
        PRIMARY KEY (product_id, id)
    ) WITHOUT ROWID""",
    f"CREATE UNIQUE INDEX IF NOT EXISTS plan_term_id ON {TABLE} (id)",
    # The creator's Plans page in its default order (store/plans.py ``_by_rate``): the plans
    # that may be invitations, the rest by the rate they name, the cuts by their date.
    f"CREATE INDEX IF NOT EXISTS plan_term_kind ON {TABLE} (plan_type, named_ppm DESC, id)",
    f"CREATE INDEX IF NOT EXISTS plan_term_rate ON {TABLE} (named_ppm DESC, id)",
    f"CREATE INDEX IF NOT EXISTS plan_term_cut ON {TABLE} (cut_j) WHERE cut_j IS NOT NULL",
    f"DELETE FROM {TABLE}",
    _INSERT + _TERMS.format(restrict=""),
]
"""The cache schema step: the table, filled from the plan rows already cached."""

REBUILD = [f"DROP TABLE IF EXISTS {TABLE}", *SCHEMA]
"""The step that made a table without the Plans page's columns again (as :data:`SCHEMA`)."""

_CHUNK = 400


def keep(conn: sqlite3.Connection, plan_ids: Sequence[str]) -> None:
    """Make the terms of these plans equal to their rows in ``record`` (written just now; a
    plan not there any more loses its terms). A cache opened at a schema before the table has
    none: the step that makes it fills it."""
    if not plan_ids or not tables.exists(conn, TABLE):
        return
    for start in range(0, len(plan_ids), _CHUNK):
        chunk = list(plan_ids[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM {TABLE} WHERE id IN ({marks})", chunk)
        conn.execute(_INSERT + _TERMS.format(restrict=f"AND r.id IN ({marks})"), chunk)


def fill(conn: sqlite3.Connection) -> None:
    """Every plan's terms again (the cache's owner was just set: my entries change)."""
    if tables.exists(conn, TABLE):
        for statement in SCHEMA[-2:]:
            conn.execute(statement)
