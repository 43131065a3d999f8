"""The relay: committed events to Redis in global order, never twice, across a crash; `bilateral tail`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench.replay import synthetic_events
from bilateral.commands.tail import tail
from services.store.postgres.event_store import EventStore
from services.store.postgres.projection import read_checkpoint
from services.store.relay import CHECKPOINT, TARGETS, publish, read_relayed, relay_once
from shared.streams import EVENTS_MEETINGS, EVENTS_STATEMENTS

pytestmark = pytest.mark.integration


class RelayCrashed(Exception):
    pass


async def crash_after_publishing(engine: AsyncEngine, redis, how_many: int) -> None:
    """What a relay killed between XADD and its checkpoint commit leaves behind."""
    with pytest.raises(RelayCrashed):
        async with engine.begin() as conn:
            checkpoint = await read_checkpoint(conn, CHECKPOINT, for_update=True)
            events = await read_relayed(conn, checkpoint, 500)
            await publish(redis, events[:how_many])
            raise RelayCrashed


async def positions(redis, stream: str) -> list[int]:
    return [int(entry_id.decode().split("-")[0]) for entry_id, _ in await redis.xrange(stream)]


async def test_relay_publishes_in_order_and_never_twice_across_a_crash(engine: AsyncEngine, redis) -> None:
    store = EventStore(engine)
    await store.append_idempotent(synthetic_events(20))
    assert await relay_once(engine, redis, batch_size=30) == 30
    await store.append_idempotent(synthetic_events(40)[-120:])
    await crash_after_publishing(engine, redis, how_many=25)
    while await relay_once(engine, redis, batch_size=30):
        pass
    stored = await store.read_all(0, 10_000, types=tuple(TARGETS))
    for event_type, stream in TARGETS.items():
        expected = [e.global_position for e in stored if e.event_type == event_type]
        assert await positions(redis, stream) == expected  # each once, ascending
    _, fields = (await redis.xrange(EVENTS_MEETINGS, count=1))[0]
    document = json.loads(fields[b"data"])
    assert (
        document["event_type"] == "MeetingReported"
        and document["global_position"] == stored[0].global_position
    )


async def test_tail_starts_from_any_position_and_filters_by_country(
    engine: AsyncEngine, redis, capsys
) -> None:
    store = EventStore(engine)
    await store.append_idempotent(synthetic_events(30))
    while await relay_once(engine, redis):
        pass
    meetings = await store.read_all(0, 10_000, types=("MeetingReported",))
    start = meetings[10].global_position
    capsys.readouterr()
    printed = await tail(redis, "meetings", None, start, None, follow=False, limit=None)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert printed == len(meetings) - 10
    assert [d["global_position"] for d in lines] == [e.global_position for e in meetings[10:]]

    country = meetings[0].data["meeting"]["countries"][0]
    await tail(redis, "meetings", country, 0, "audit", follow=False, limit=None)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = [e.global_position for e in meetings if country in e.data["meeting"]["countries"]]
    assert [d["global_position"] for d in lines] == expected
    assert await tail(redis, "meetings", country, 0, "audit", follow=False, limit=None) == 0  # resumes
    assert await redis.xlen(EVENTS_STATEMENTS) > 0
