"""Rate limits stored in PostgreSQL (shared by every app worker): a counter per bucket and
hour window, incremented atomically (INSERT … ON CONFLICT DO UPDATE … RETURNING)."""

from __future__ import annotations

from sqlalchemy import Connection, text

WINDOW_SECONDS = 3600


def allow(connection: Connection, bucket: str, limit: int) -> bool:
    """Count one attempt in `bucket`; False once the window holds more than `limit`."""
    hits = connection.execute(
        text(
            "INSERT INTO org_rate (bucket, window_start, hits)"
            " VALUES (:b, to_timestamp(floor(extract(epoch FROM now()) / :w) * :w), 1)"
            " ON CONFLICT (bucket, window_start) DO UPDATE SET hits = org_rate.hits + 1"
            " RETURNING hits"
        ),
        {"b": bucket[:200], "w": WINDOW_SECONDS},
    ).scalar_one()
    return int(hits) <= limit


def prune(connection: Connection) -> int:
    """Drop windows older than a day (the worker's hourly job)."""
    return connection.execute(
        text("DELETE FROM org_rate WHERE window_start < now() - interval '1 day'")
    ).rowcount
