"""Advisory-lock leadership: however many store processes run, one of them runs each tailing loop.

The lock is held by a dedicated session for as long as the leader lives; if the process dies, its
connection closes and PostgreSQL releases the lock, so another process takes over.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


def lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"bilateral:{name}".encode()).digest()[:8], "big", signed=True)


class Lead:
    """Truthy while this process holds the lock; `still_held()` asks PostgreSQL, since a restart or a
    dropped connection releases an advisory lock without telling the holder."""

    def __init__(self, conn: AsyncConnection | None, key: int) -> None:
        self.conn, self.key = conn, key

    def __bool__(self) -> bool:
        return self.conn is not None

    async def still_held(self) -> bool:
        if self.conn is None:
            return False
        try:
            held = await self.conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": self.key},
            )
            count = held.scalar_one()
            await self.conn.commit()
            return bool(count)
        except Exception:
            return False


@asynccontextmanager
async def leadership(
    engine: AsyncEngine, name: str, stopping: asyncio.Event, retry_s: float = 1.0
) -> AsyncIterator[Lead]:
    """Yields a true `Lead` once this process leads `name`, a false one if it is stopping before."""
    async with engine.connect() as conn:
        key = lock_key(name)
        while not stopping.is_set():
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})).scalar_one()
            await conn.commit()
            if got:
                try:
                    yield Lead(conn, key)
                finally:
                    with suppress(Exception):  # the connection may be gone, and the lock with it
                        await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                        await conn.commit()
                return
            with suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), retry_s)
        yield Lead(None, key)


async def tail_while_leading(
    engine: AsyncEngine,
    name: str,
    step: Callable[[], Awaitable[int]],
    full_batch: int,
    stopping: asyncio.Event,
    wake: asyncio.Event,
    poll_s: float,
    check_s: float = 5.0,
) -> None:
    """Run `step` (one batch; returns how many events it handled) over and over while this process
    leads `name`. A short batch means it caught up: wait to be woken, or `poll_s` at the most.
    Every `check_s` it makes sure it still holds the lock, and competes for it again if not."""
    log = structlog.get_logger().bind(loop=name)
    while not stopping.is_set():
        try:
            async with leadership(engine, name, stopping) as lead:
                if not lead:
                    return
                log.info("tail.leading")
                await _tail(lead, step, full_batch, stopping, wake, poll_s, check_s, log)
        except Exception:
            log.exception("tail.leadership_failed")
            await asyncio.sleep(1.0)


async def _tail(
    lead: Lead,
    step: Callable[[], Awaitable[int]],
    full_batch: int,
    stopping: asyncio.Event,
    wake: asyncio.Event,
    poll_s: float,
    check_s: float,
    log: Any,
) -> None:
    checked_at = time.monotonic()
    while not stopping.is_set():
        if time.monotonic() - checked_at > check_s:
            if not await lead.still_held():
                log.warning("tail.leadership_lost")
                return
            checked_at = time.monotonic()
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
