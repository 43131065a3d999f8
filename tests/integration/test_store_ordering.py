"""Global order without skips, optimistic concurrency, idempotent appends, one leader per projection."""

from __future__ import annotations

import asyncio
import random

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench.replay import article_events, synthetic_events
from services.store.leadership import leadership
from services.store.postgres.event_store import EventStore, WrongExpectedVersion, append_idempotent_in
from services.store.postgres.projection import read_checkpoint
from services.store.projector import CHECKPOINT, project_once
from services.store.relay import relay_once
from shared.streams import EVENTS_MEETINGS, EVENTS_STATEMENTS

pytestmark = pytest.mark.integration


async def checkpoint(engine: AsyncEngine, name: str) -> int:
    async with engine.begin() as conn:
        return await read_checkpoint(conn, name)


async def waiting_for_append_lock(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        row = await conn.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        )
        return int(row.scalar_one()) > 0


async def published_positions(redis) -> list[int]:
    entries = await redis.xrange(EVENTS_MEETINGS) + await redis.xrange(EVENTS_STATEMENTS)
    return sorted(int(entry_id.decode().split("-")[0]) for entry_id, _ in entries)


@pytest.mark.timeout(60)
async def test_a_late_commit_is_never_skipped_by_projector_or_relay(engine: AsyncEngine, redis) -> None:
    store = EventStore(engine)
    rng, meetings = random.Random(1), []
    first, held, later = (article_events(i, rng, meetings) for i in range(3))
    await store.append_idempotent(first)
    while await project_once(engine):
        pass
    await relay_once(engine, redis)
    committed = await store.head()
    assert await checkpoint(engine, CHECKPOINT) == committed

    # An append that has taken its positions but not committed yet.
    async with engine.connect() as open_append:
        await open_append.begin()
        assert await append_idempotent_in(open_append, held) == len(held)
        late = asyncio.create_task(store.append_idempotent(later))
        while not await waiting_for_append_lock(engine):
            await asyncio.sleep(0.01)
        # The later append waits for the open one instead of committing past it ...
        assert not late.done()
        # ... so the projector and the relay find nothing new and their checkpoints stay put.
        assert await project_once(engine) == 0
        assert await relay_once(engine, redis) == 0
        assert await checkpoint(engine, CHECKPOINT) == committed
        assert await checkpoint(engine, "relay") == committed
        await open_append.commit()
    await late

    while await project_once(engine):
        pass
    while await relay_once(engine, redis):
        pass
    every = await store.read_all(0, 1000)
    held_positions = [e.global_position for e in every if e.event_id in {h.event_id for h in held}]
    later_positions = [e.global_position for e in every if e.event_id in {h.event_id for h in later}]
    assert max(held_positions) < min(later_positions)
    relayed = [e.global_position for e in every if e.event_type in ("MeetingReported", "StatementReported")]
    assert await published_positions(redis) == relayed
    async with engine.connect() as conn:
        sources = (
            (await conn.execute(text("SELECT unnest(sources) FROM projection.meetings"))).scalars().all()
        )
    assert held[0].correlation_id in sources


async def test_wrong_expected_version_is_a_typed_error(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    events = [e for e in synthetic_events(1) if e.stream_id.startswith("article-")]
    assert await store.append(events[0].stream_id, events[:1], expected_version=0) == 1
    with pytest.raises(WrongExpectedVersion) as raised:
        await store.append(events[0].stream_id, events[1:2], expected_version=0)
    assert (raised.value.expected, raised.value.actual) == (0, 1)
    assert await store.append(events[0].stream_id, events[1:2], expected_version=1) == 2


async def test_of_two_concurrent_appends_to_one_stream_exactly_one_wins(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    ingested, normalized = synthetic_events(1)[:2]
    assert ingested.stream_id == normalized.stream_id
    results = await asyncio.gather(
        store.append(ingested.stream_id, [ingested], expected_version=0),
        store.append(normalized.stream_id, [normalized], expected_version=0),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["WrongExpectedVersion", "int"]
    assert len(await store.read_all(0, 10)) == 1


async def test_appends_are_idempotent_on_event_id(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    events = synthetic_events(3)
    assert await store.append_idempotent(events) == len(events)
    assert await store.append_idempotent(events) == 0
    more = synthetic_events(4)[-6:]
    assert await store.append_idempotent(events[:4] + more) == len(more)
    stream = events[0].stream_id
    version = sum(1 for e in events if e.stream_id == stream)
    assert await store.append(stream, [events[0]], expected_version=0) == version  # stored: a no-op
    assert await store.head() == len(events) + len(more)


async def test_one_leader_per_projection(engine: AsyncEngine) -> None:
    stopping = asyncio.Event()
    async with leadership(engine, "projector:test", stopping) as first:
        assert first
        second_stopping = asyncio.Event()
        second = asyncio.create_task(_lead(engine, second_stopping))
        await asyncio.sleep(0.3)
        assert not second.done()  # still waiting for the lock
    assert await second  # takes over once the first leader is gone


async def _lead(engine: AsyncEngine, stopping: asyncio.Event) -> bool:
    async with leadership(engine, "projector:test", stopping, retry_s=0.05) as leading:
        return leading
