"""The relay: publishes committed meeting and statement events to Redis, in global order, never twice.

Each event is XADDed with the entry id `<global_position>-0`. Redis refuses an id at or below the
stream's last one, so an event re-sent after a crash (published, checkpoint not yet moved) is refused
instead of duplicated, and a consumer can start reading from any position.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from redis.exceptions import ResponseError
from sqlalchemy.ext.asyncio import AsyncEngine

from services.store.leadership import tail_while_leading
from services.store.postgres.event_store import StoredEvent, read_all
from services.store.postgres.projection import advance_checkpoint, read_checkpoint
from services.store.upcasting import current_version, upcast
from shared.streams import EVENTS_MEETINGS, EVENTS_STATEMENTS

CHECKPOINT = "relay"
TARGETS = {"MeetingReported": EVENTS_MEETINGS, "StatementReported": EVENTS_STATEMENTS}
BATCH_SIZE = 500


def published_form(event: StoredEvent) -> dict[str, str]:
    data = upcast(event.event_type, event.schema_version, event.data)
    document = {
        "global_position": event.global_position,
        "event_id": str(event.event_id),
        "stream_id": event.stream_id,
        "stream_version": event.stream_version,
        "event_type": event.event_type,
        "schema_version": current_version(event.event_type),
        "occurred_at": event.metadata.get("occurred_at"),
        "recorded_at": event.recorded_at.isoformat(),
        "correlation_id": event.correlation_id,
        "causation_id": event.causation_id,
        "data": data,
    }
    countries = data.get("meeting", {}).get("countries") or data.get("statement", {}).get("about") or []
    return {
        "data": json.dumps(document, ensure_ascii=False),
        "event_type": event.event_type,
        "countries": ",".join(countries),
    }


def _already_published(error: Exception) -> bool:
    return isinstance(error, ResponseError) and "equal or smaller" in str(error)


async def publish(redis: Any, events: list[StoredEvent]) -> int:
    async with redis.pipeline(transaction=False) as pipe:
        for event in events:
            pipe.xadd(TARGETS[event.event_type], published_form(event), id=f"{event.global_position}-0")
        results = await pipe.execute(raise_on_error=False)
    for result in results:
        if isinstance(result, Exception) and not _already_published(result):
            raise result
    return sum(1 for result in results if not isinstance(result, Exception))


async def relay_once(engine: AsyncEngine, redis: Any, batch_size: int = BATCH_SIZE) -> int:
    async with engine.begin() as conn:
        checkpoint = await read_checkpoint(conn, CHECKPOINT, for_update=True)
        events = await read_all(conn, checkpoint, batch_size, types=tuple(TARGETS))
        if not events:
            return 0
        await publish(redis, events)
        await advance_checkpoint(conn, CHECKPOINT, checkpoint, events[-1].global_position)
        return len(events)


async def run_relay(
    engine: AsyncEngine, redis: Any, stopping: asyncio.Event, wake: asyncio.Event, poll_s: float
) -> None:
    await tail_while_leading(
        engine, "relay", lambda: relay_once(engine, redis, BATCH_SIZE), BATCH_SIZE, stopping, wake, poll_s
    )
