"""Advisory-lock leadership: however many store processes run, one of them runs each tailing loop.

The lock is held by a dedicated session for as long as the leader lives; if the process dies, its
connection closes and PostgreSQL releases the lock, so another process takes over.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

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
