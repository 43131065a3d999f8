"""The relay: publishes committed meeting and statement events to Redis, in global order, never twice.

Each event is XADDed with the entry id `<global_position>-0`. Redis refuses an id at or below the
stream's last one, so an event re-sent after a crash (published, checkpoint not yet moved) is refused
instead of duplicated, and a consumer can start reading from any position.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redis.exceptions import ResponseError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.store.leadership import tail_while_leading
from services.store.postgres.projection import advance_checkpoint, read_checkpoint
from services.store.upcasting import current_version, upcast
from shared.streams import EVENTS_MEETINGS, EVENTS_STATEMENTS

CHECKPOINT = "relay"
TARGETS = {"MeetingReported": EVENTS_MEETINGS, "StatementReported": EVENTS_STATEMENTS}
BATCH_SIZE = 500


# The payload stays JSON text from PostgreSQL to Redis (decoded only to upcast an old version), and
# the countries come out of SQL: decoding and re-encoding ~1 KB per event was most of the relay's CPU.
_READ = text(
    """
    SELECT global_position, event_id::text, stream_id, stream_version, event_type, schema_version,
           data::text, metadata->>'occurred_at', correlation_id, causation_id, recorded_at,
           array_to_string(ARRAY(SELECT jsonb_array_elements_text(coalesce(
               data->'meeting'->'countries', data->'statement'->'about', '[]'::jsonb))), ',')
    FROM events
    WHERE global_position > :after AND event_type = ANY(CAST(:types AS text[]))
    ORDER BY global_position LIMIT :limit
    """
)


@dataclass(frozen=True)
class RelayedEvent:
    global_position: int
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    schema_version: int
    data_json: str
    occurred_at: str | None
    correlation_id: str | None
    causation_id: str | None
    recorded_at: datetime
    countries: str


async def read_relayed(conn: AsyncConnection, after: int, limit: int) -> list[RelayedEvent]:
    rows = await conn.execute(_READ, {"after": after, "limit": limit, "types": list(TARGETS)})
    return [RelayedEvent(*row) for row in rows]


def published_form(event: RelayedEvent) -> dict[str, str]:
    """The entry's fields: `data` (the envelope and, last, the payload), `event_type`, `countries`."""
    data_json, countries = event.data_json, event.countries
    if event.schema_version < current_version(event.event_type):
        data = upcast(event.event_type, event.schema_version, json.loads(data_json))
        data_json = json.dumps(data, ensure_ascii=False)
        countries = ",".join(
            data.get("meeting", {}).get("countries") or data.get("statement", {}).get("about") or []
        )
    envelope = json.dumps(
        {
            "global_position": event.global_position,
            "event_id": event.event_id,
            "stream_id": event.stream_id,
            "stream_version": event.stream_version,
            "event_type": event.event_type,
            "schema_version": current_version(event.event_type),
            "occurred_at": event.occurred_at,
            "recorded_at": event.recorded_at.isoformat(),
            "correlation_id": event.correlation_id,
            "causation_id": event.causation_id,
        },
        ensure_ascii=False,
    )
    return {
        "data": f'{envelope[:-1]}, "data": {data_json}}}',
        "event_type": event.event_type,
        "countries": countries,
    }


def _already_published(error: Exception) -> bool:
    return isinstance(error, ResponseError) and "equal or smaller" in str(error)


async def publish(redis: Any, events: list[RelayedEvent]) -> int:
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
        events = await read_relayed(conn, checkpoint, batch_size)
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
