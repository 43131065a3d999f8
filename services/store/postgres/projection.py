"""Running the fold against PostgreSQL: one batch of events into a read-model schema.

`project_batch` is shared by the live projector (with its checkpoint), the replay (into a fresh
schema) and time travel (into a temporary schema, up to a position).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.domain import articles_needing_versions, fold_batch
from services.store.postgres.event_store import read_all
from services.store.postgres.read_models import apply_changes, stored_versions

PROJECTED_TYPES = ("ArticleNormalized", "MeetingReported", "StatementReported")


async def project_batch(
    conn: AsyncConnection, schema: str, after: int, limit: int, upto: int | None = None
) -> tuple[int, int]:
    """Fold the events after `after` (at most `limit`, none past `upto`) into `schema`.
    Returns (last position read, events read); (after, 0) when there is nothing new."""
    events = await read_all(conn, after, limit, types=PROJECTED_TYPES, upto=upto)
    if not events:
        return after, 0
    versions = await stored_versions(conn, schema, articles_needing_versions(events))
    changes = fold_batch(events, versions)
    await apply_changes(conn, schema, changes)
    return changes.last_position, len(events)


async def read_checkpoint(conn: AsyncConnection, name: str, for_update: bool = False) -> int:
    query = "SELECT position FROM checkpoints WHERE name = :name"
    row = await conn.execute(text(query + (" FOR UPDATE" if for_update else "")), {"name": name})
    value = row.scalar_one_or_none()
    if value is None:
        await conn.execute(
            text("INSERT INTO checkpoints (name, position) VALUES (:name, 0) ON CONFLICT DO NOTHING"),
            {"name": name},
        )
        return 0
    return int(value)


async def advance_checkpoint(conn: AsyncConnection, name: str, expected: int, position: int) -> None:
    """Compare-and-swap: fails (and so rolls the batch back) if another projector moved it meanwhile."""
    result = await conn.execute(
        text(
            "UPDATE checkpoints SET position = :position, updated_at = now() WHERE name = :name AND position = :expected"
        ),
        {"name": name, "expected": expected, "position": position},
    )
    if result.rowcount != 1:
        raise RuntimeError(f"checkpoint {name!r} moved under us (expected {expected})")
