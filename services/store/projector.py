"""The live projector: tails the event store after its checkpoint and keeps the read models current.

Each batch updates the read model and moves the checkpoint (compare-and-swap) in one transaction, so
a projector killed at any point resumes exactly where its last commit left it.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from services.store.leadership import tail_while_leading
from services.store.postgres.projection import advance_checkpoint, project_batch, read_checkpoint
from services.store.postgres.schemas import LIVE_SCHEMA

CHECKPOINT = "relations"


async def project_once(engine: AsyncEngine, batch_size: int = 1000) -> int:
    """Project one batch into the live schema; returns how many events it read."""
    async with engine.begin() as conn:
        checkpoint = await read_checkpoint(conn, CHECKPOINT, for_update=True)
        position, count = await project_batch(conn, LIVE_SCHEMA, checkpoint, batch_size)
        if count:
            await advance_checkpoint(conn, CHECKPOINT, checkpoint, position)
        return count


async def run_projector(
    engine: AsyncEngine, stopping: asyncio.Event, wake: asyncio.Event, poll_s: float, batch_size: int = 1000
) -> None:
    await tail_while_leading(
        engine,
        "projector:" + CHECKPOINT,
        lambda: project_once(engine, batch_size),
        batch_size,
        stopping,
        wake,
        poll_s,
    )
