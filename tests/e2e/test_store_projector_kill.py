"""A projector SIGKILLed mid-batch and restarted leaves the read model of one that was never killed."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

import pytest
from read_models import snapshot
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench.replay import synthetic_events
from bilateral.processes import start_service, stop_process
from services.store.postgres.event_store import EventStore
from services.store.postgres.projection import PROJECTED_TYPES, project_batch
from services.store.postgres.rebuild import fresh_schema

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(240)]


async def scalar(engine: AsyncEngine, query: str, **params: Any) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(text(query), params)).scalar_one()


async def checkpoint(engine: AsyncEngine) -> int:
    return int(
        await scalar(engine, "SELECT coalesce(max(position), 0) FROM checkpoints WHERE name = 'relations'")
    )


async def projecting_mid_batch(engine: AsyncEngine) -> bool:
    """Some batch already committed, and a projector transaction is writing the read model now."""
    writing = await scalar(
        engine,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bilateral'"
        " AND backend_xid IS NOT NULL AND query ILIKE '%projection.%'",
    )
    return await checkpoint(engine) > 0 and int(writing) > 0


async def test_sigkilled_projector_resumes_to_the_same_read_model(
    engine: AsyncEngine, redis: Any, tmp_path: Path
) -> None:
    await EventStore(engine).append_idempotent(synthetic_events(1000))
    last = int(
        await scalar(
            engine,
            "SELECT max(global_position) FROM events WHERE event_type = ANY(CAST(:t AS text[]))",
            t=list(PROJECTED_TYPES),
        )
    )
    store = start_service("store", tmp_path / "logs")
    try:
        while not await projecting_mid_batch(engine):
            assert store.poll() is None, "the store died"
            await asyncio.sleep(0.005)
        store.send_signal(signal.SIGKILL)
        store.wait()
        killed_at = await checkpoint(engine)
        assert 0 < killed_at < last
        store = start_service("store", tmp_path / "logs")
        while await checkpoint(engine) < last:
            assert store.poll() is None, "the restarted store died"
            await asyncio.sleep(0.1)
    finally:
        stop_process(store)

    async with engine.begin() as conn:
        await fresh_schema(conn, "projection_uninterrupted")
        after, count = 0, 1
        while count:
            after, count = await project_batch(conn, "projection_uninterrupted", after, 2000)
    assert await snapshot(engine, "projection") == await snapshot(engine, "projection_uninterrupted")
