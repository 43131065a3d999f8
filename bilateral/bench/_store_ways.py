"""Three ways to append the same events to PostgreSQL, for `bilateral bench store`.

Every way starts from the same `Event` objects and serialises them inside the timing with the event
store's own `payload_json` (and `metadata_json`), in batches of the same size, one transaction per
batch:
- the project's `EventStore.append_idempotent` (advisory lock, idempotence check, stream versions);
- the `eventsourcing` library's `PostgresApplicationRecorder.insert_events` (psycopg 3, table lock);
- asyncpg `COPY` into a table of the same shape as `events` (same columns, constraints and
  indexes), with nothing checked: the ceiling.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from services.store.postgres.engine import async_url
from services.store.postgres.event_store import EventStore, metadata_json, payload_json
from shared.events import (
    Event,
    Evidence,
    Location,
    MeetingFacts,
    MeetingReported,
    Participant,
    derived_event_id,
    meeting_stream,
)

COPY_TABLE = "bench_copy_events"
ES_TABLE = "bench_es_stored_events"
COPY_COLUMNS = (
    "event_id",
    "stream_id",
    "stream_version",
    "event_type",
    "schema_version",
    "data",
    "metadata",
    "correlation_id",
    "causation_id",
)
EVIDENCE = (
    "The two ministers held talks in the capital on Tuesday, focusing on trade, energy and transport links,"
    " and agreed to meet again before the end of the year, the foreign ministry said in a statement."
)


def bench_events(count: int, events_per_stream: int = 4) -> list[Event]:
    """`count` MeetingReported events (~1 KB of JSON each), `events_per_stream` per meeting stream."""
    events: list[Event] = []
    for i in range(count):
        key = f"bench{i // events_per_stream:08d}"
        article = f"article{i:08d}"
        meeting = MeetingFacts(
            participants=(
                Participant(name="Hakan Fidan", title="Foreign Minister", country="TUR"),
                Participant(name="Jeyhun Bayramov", title="Foreign Minister", country="AZE"),
            ),
            countries=("AZE", "TUR"),
            date=date(2025, 1, 1 + i % 28),
            topics=("trade", "energy", "transport"),
            location=Location(name="Ankara", country="TUR"),
            evidence=(
                Evidence(start=i % 3000, end=i % 3000 + len(EVIDENCE), text=EVIDENCE),
                Evidence(start=i % 3000 + 400, end=i % 3000 + 400 + len(EVIDENCE) // 2, text=EVIDENCE[:150]),
            ),
        )
        events.append(
            MeetingReported(
                event_id=derived_event_id("bench", str(i)),
                stream_id=meeting_stream(key),
                occurred_at="2025-01-31T12:00:00Z",  # type: ignore[arg-type]
                correlation_id=article,
                causation_id=str(uuid.uuid5(uuid.NAMESPACE_URL, article)),
                article_id=article,
                meeting_key=key,
                extractor_version="bench",
                meeting=meeting,
            )
        )
    return events


def batches(events: Sequence[Event], size: int) -> list[Sequence[Event]]:
    return [events[i : i + size] for i in range(0, len(events), size)]


def stream_versions(events: Sequence[Event]) -> list[int]:
    """The version each event takes in its stream (the other two ways need it given)."""
    current: dict[str, int] = {}
    versions = []
    for event in events:
        current[event.stream_id] = current.get(event.stream_id, 0) + 1
        versions.append(current[event.stream_id])
    return versions


def copy_record(event: Event, version: int) -> tuple[Any, ...]:
    return (
        event.event_id,
        event.stream_id,
        version,
        event.event_type,
        event.schema_version,
        payload_json(event),
        metadata_json(event),
        event.correlation_id,
        event.causation_id,
    )


class EventStoreWay:
    name = "bilateral EventStore.append_idempotent"

    def __init__(self, database_url: str) -> None:
        self.engine = create_async_engine(async_url(database_url), connect_args={"statement_cache_size": 0})
        self.store = EventStore(self.engine)

    async def reset(self) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(text("TRUNCATE events RESTART IDENTITY"))

    async def append(self, events: Sequence[Event], versions: Sequence[int], batch: int) -> None:
        for start in range(0, len(events), batch):
            await self.store.append_idempotent(events[start : start + batch])

    async def close(self) -> None:
        await self.engine.dispose()


class EventsourcingWay:
    name = "eventsourcing PostgresApplicationRecorder"

    def __init__(self, database_url: str) -> None:
        from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

        url = make_url(database_url)
        self.datastore = PostgresDatastore(
            dbname=url.database or "postgres",
            host=url.host or str(url.query.get("host", "localhost")),
            port=url.port or 5432,
            user=url.username or "postgres",
            password=url.password or "",
            # Its default write path (psycopg pipeline mode) hung for good once in a 100,000-event run
            # here, the server waiting in ClientRead (psycopg/psycopg#685). Its database-function path
            # (NOTIFY and one INSERT ... unnest per batch, in one plain call) skips the table lock.
            enable_db_functions=True,
        )
        self.recorder = PostgresApplicationRecorder(self.datastore, events_table_name=ES_TABLE)
        self.recorder.create_table()

    async def reset(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(f"TRUNCATE {ES_TABLE} RESTART IDENTITY")

    async def append(self, events: Sequence[Event], versions: Sequence[int], batch: int) -> None:
        from eventsourcing.persistence import StoredEvent

        for start in range(0, len(events), batch):
            chunk = zip(events[start : start + batch], versions[start : start + batch], strict=True)
            self.recorder.insert_events(
                [
                    StoredEvent(
                        originator_id=uuid.uuid5(uuid.NAMESPACE_URL, event.stream_id),
                        originator_version=version,
                        topic=f"shared.events:{event.event_type}",
                        state=payload_json(event).encode(),
                    )
                    for event, version in chunk
                ]
            )

    async def close(self) -> None:
        self.datastore.close()


class CopyWay:
    name = "asyncpg COPY (ceiling)"

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.conn: asyncpg.Connection | None = None

    async def reset(self) -> None:
        if self.conn is None:
            self.conn = await asyncpg.connect(self.database_url)
            await self.conn.execute(f"CREATE TABLE IF NOT EXISTS {COPY_TABLE} (LIKE events INCLUDING ALL)")
        await self.conn.execute(f"TRUNCATE {COPY_TABLE} RESTART IDENTITY")

    async def append(self, events: Sequence[Event], versions: Sequence[int], batch: int) -> None:
        assert self.conn is not None
        for start in range(0, len(events), batch):
            chunk = zip(events[start : start + batch], versions[start : start + batch], strict=True)
            records = [copy_record(event, version) for event, version in chunk]
            async with self.conn.transaction():
                await self.conn.copy_records_to_table(COPY_TABLE, records=records, columns=COPY_COLUMNS)

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()


Way = EventStoreWay | EventsourcingWay | CopyWay


async def best_times(database_url: str, events: Sequence[Event], batch: int, rounds: int) -> dict[str, float]:
    """The fastest of `rounds` runs of each way, the ways taking turns so that a busy moment on the
    machine does not fall on one way only. Each run starts from an empty table."""
    ways: list[Way] = [EventsourcingWay(database_url), CopyWay(database_url), EventStoreWay(database_url)]
    versions = stream_versions(events)
    best: dict[str, float] = {}
    try:
        for _ in range(rounds):
            for way in ways:
                await way.reset()
                started = time.perf_counter()
                await way.append(events, versions, batch)
                elapsed = time.perf_counter() - started
                best[way.name] = min(best.get(way.name, elapsed), elapsed)
    finally:
        for way in ways:
            await way.close()
    return best
