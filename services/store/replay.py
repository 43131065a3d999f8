"""Replaying a projection: rebuild it from position 0 in a new schema, then swap it in atomically.

Queries keep reading the live schema (`projection`) during the rebuild. The swap runs in one
transaction that holds the projector's checkpoint row (FOR UPDATE), so the live projector cannot
interleave: the transaction folds whatever was appended during the rebuild, renames the schemas and
moves the checkpoint to the rebuilt position. The live projector then carries on from there, in
the new schema (its SQL names the schema, and statement caching is off, see engine.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.store.leadership import lock_key
from services.store.postgres.projection import advance_checkpoint, project_batch, read_checkpoint
from services.store.postgres.rebuild import Progress, bulk_fold, fresh_schema, head_position
from services.store.postgres.schemas import LIVE_SCHEMA, REBUILD_SCHEMA, RETIRED_SCHEMA, checked
from services.store.projector import CHECKPOINT

PROJECTIONS = (CHECKPOINT,)


class ReplayAlreadyRunning(Exception):
    """Another `bilateral replay` of the same projection holds its lock."""


@dataclass(frozen=True)
class ReplayResult:
    events: int  # stored events gone through (every type), up to the head at the start
    position: int
    seconds: float

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


PRIVILEGES = """
SELECT DISTINCT format('GRANT %s ON ALL TABLES IN SCHEMA %I TO %s', a.privilege_type, CAST(:target AS text),
                       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
WHERE n.nspname = :source AND c.relkind IN ('r', 'p') AND a.grantee <> c.relowner
UNION
SELECT format('GRANT USAGE ON SCHEMA %I TO %s', CAST(:target AS text),
              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
FROM pg_namespace n, aclexplode(n.nspacl) a
WHERE n.nspname = :source AND a.privilege_type = 'USAGE' AND a.grantee <> n.nspowner
"""


async def copy_privileges(conn: AsyncConnection, source: str, target: str) -> None:
    """Roles that may read the live read model may read the rebuilt one (table grants are applied to
    every table of the new schema)."""
    rows = await conn.execute(text(PRIVILEGES), {"source": checked(source), "target": checked(target)})
    for (statement,) in rows.all():
        await conn.execute(text(statement))


async def swap_in(conn: AsyncConnection, rebuilt: str) -> None:
    await conn.execute(text(f"DROP SCHEMA IF EXISTS {RETIRED_SCHEMA} CASCADE"))
    await conn.execute(text(f"ALTER SCHEMA {LIVE_SCHEMA} RENAME TO {RETIRED_SCHEMA}"))
    await conn.execute(text(f"ALTER SCHEMA {checked(rebuilt)} RENAME TO {LIVE_SCHEMA}"))


async def _swap_after_catch_up(engine: AsyncEngine, folded_upto: int, batch_size: int) -> int:
    async with engine.begin() as conn:
        checkpoint = await read_checkpoint(conn, CHECKPOINT, for_update=True)
        position = folded_upto
        while True:
            position, count = await project_batch(conn, REBUILD_SCHEMA, position, batch_size)
            if not count:
                break
        await copy_privileges(conn, LIVE_SCHEMA, REBUILD_SCHEMA)
        await swap_in(conn, REBUILD_SCHEMA)
        await advance_checkpoint(conn, CHECKPOINT, checkpoint, max(position, checkpoint))
    async with engine.begin() as conn:
        await conn.execute(text(f"DROP SCHEMA IF EXISTS {RETIRED_SCHEMA} CASCADE"))
    return position


async def replay(
    engine: AsyncEngine,
    range_size: int = 200_000,
    on_start: Callable[[int], object] | None = None,
    on_range: Progress | None = None,
    catch_up_batch: int = 5000,
) -> ReplayResult:
    """Rebuild the relations projection from position 0 and swap it in. `on_start` receives the
    number of stored events the rebuild will go through, `on_range` is called after each range."""
    async with engine.connect() as lock:
        key = lock_key("replay:" + CHECKPOINT)
        if not (await lock.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})).scalar_one():
            raise ReplayAlreadyRunning(CHECKPOINT)
        await lock.commit()
        try:
            started = time.perf_counter()
            async with engine.begin() as conn:
                upto = await head_position(conn)
                if on_start is not None:
                    on_start(upto)
                await fresh_schema(conn, REBUILD_SCHEMA, indexes=False)
                await bulk_fold(conn, REBUILD_SCHEMA, upto, range_size, on_range)
            position = await _swap_after_catch_up(engine, upto, catch_up_batch)
            return ReplayResult(upto, position, time.perf_counter() - started)
        finally:
            await lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            await lock.commit()
