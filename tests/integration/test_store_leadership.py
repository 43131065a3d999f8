"""A leader whose PostgreSQL session dies notices that it lost the lock and competes for it again."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.store.leadership import lock_key, tail_while_leading

pytestmark = pytest.mark.integration
NAME = "projector:leadership-test"


async def lock_holder(engine: AsyncEngine) -> int | None:
    async with engine.connect() as conn:
        row = await conn.execute(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND ((classid::bigint << 32) | objid::bigint) = :key"
            ),
            {"key": lock_key(NAME)},
        )
        return row.scalar_one_or_none()


async def wait_for_holder(engine: AsyncEngine, other_than: int | None = None) -> int:
    for _ in range(100):
        pid = await lock_holder(engine)
        if pid is not None and pid != other_than:
            return pid
        await asyncio.sleep(0.1)
    raise AssertionError("nobody holds the lock")


async def test_a_leader_that_lost_its_session_takes_the_lock_again(engine: AsyncEngine) -> None:
    steps = 0

    async def step() -> int:
        nonlocal steps
        steps += 1
        return 0

    stopping, wake = asyncio.Event(), asyncio.Event()
    loop = asyncio.create_task(tail_while_leading(engine, NAME, step, 10, stopping, wake, 0.05, check_s=0.2))
    try:
        first = await wait_for_holder(engine)
        async with engine.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        second = await wait_for_holder(engine, other_than=first)
        assert second != first
        before = steps
        await asyncio.sleep(0.3)
        assert steps > before, "the loop goes on under its new session"
    finally:
        stopping.set()
        wake.set()
        await asyncio.wait_for(loop, 10)
    assert await lock_holder(engine) is None, "a stopped leader releases the lock"
