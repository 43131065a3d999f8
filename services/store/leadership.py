"""Advisory-lock leadership: however many store processes run, one of them runs each tailing loop.

The lock is held by a dedicated session for as long as the leader lives; if the process dies, its
connection closes and PostgreSQL releases the lock, so another process takes over.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


def lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"bilateral:{name}".encode()).digest()[:8], "big", signed=True)


@asynccontextmanager
async def leadership(
    engine: AsyncEngine, name: str, stopping: asyncio.Event, retry_s: float = 1.0
) -> AsyncIterator[bool]:
    """Yields True once this process leads `name`, False if it is stopping before it could."""
    async with engine.connect() as conn:
        key = lock_key(name)
        while not stopping.is_set():
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})).scalar_one()
            await conn.commit()
            if got:
                try:
                    yield True
                finally:
                    await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    await conn.commit()
                return
            with suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), retry_s)
        yield False


async def tail_while_leading(
    engine: AsyncEngine,
    name: str,
    step: Callable[[], Awaitable[int]],
    full_batch: int,
    stopping: asyncio.Event,
    wake: asyncio.Event,
    poll_s: float,
) -> None:
    """Run `step` (one batch; returns how many events it handled) over and over while this process
    leads `name`. A short batch means it caught up: wait to be woken, or `poll_s` at the most."""
    async with leadership(engine, name, stopping) as leading:
        if not leading:
            return
        log = structlog.get_logger().bind(loop=name)
        log.info("tail.leading")
        while not stopping.is_set():
            try:
                count = await step()
            except Exception:
                log.exception("tail.batch_failed")
                count = 0
                await asyncio.sleep(1.0)
            if count < full_batch:
                wake.clear()
                with suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), poll_s)
