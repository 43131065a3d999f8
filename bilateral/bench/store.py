"""`bilateral bench store`: events/s appended three ways in one run, and the ratios between them.

The same generated events go through the project's event store, the `eventsourcing` library's
PostgreSQL recorder and raw asyncpg `COPY` (see `_store_ways`). It runs in a database of its own,
`bilateral_bench_store`, created for the run and dropped after it: on the PostgreSQL server of
`DATABASE_URL` when that is set, else on a temporary embedded one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bilateral.bench._fresh import temporary_embedded_servers
from bilateral.bench._store_ways import (
    CopyWay,
    EventsourcingWay,
    EventStoreWay,
    bench_events,
    best_times,
    payload_json,
)
from bilateral.tables import render
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import async_url

BENCH_DATABASE = "bilateral_bench_store"


async def _recreate_database(server_url: str, drop_only: bool = False) -> None:
    engine = create_async_engine(async_url(server_url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
            if not drop_only:
                await conn.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    finally:
        await engine.dispose()


@contextmanager
def bench_database() -> Iterator[str]:
    """The URL of a new, migrated database `bilateral_bench_store`, dropped on exit."""
    with nullcontext() if os.environ.get("DATABASE_URL") else temporary_embedded_servers("bench-store"):
        server_url = os.environ["DATABASE_URL"]
        database_url = urlunsplit(urlsplit(server_url)._replace(path="/" + BENCH_DATABASE))
        asyncio.run(_recreate_database(server_url))
        try:
            asyncio.run(upgrade_to_head(database_url))
            yield database_url
        finally:
            asyncio.run(_recreate_database(server_url, drop_only=True))


def run(args: argparse.Namespace) -> int:
    events = bench_events(args.events)
    size = sum(len(payload_json(e)) for e in events[:100]) / 100
    print(
        f"bench store: {len(events)} MeetingReported events (~{size:.0f} bytes of JSON each),"
        f" {args.batch} per transaction, best of {args.rounds} rounds"
    )
    with bench_database() as database_url:
        seconds = asyncio.run(best_times(database_url, events, args.batch, args.rounds))
    rate = {way: len(events) / s for way, s in seconds.items()}
    es, copy = rate[EventsourcingWay.name], rate[CopyWay.name]
    ours = rate[EventStoreWay.name]
    rows = [
        [way, f"{seconds[way]:.2f}", f"{r:,.0f}", f"{r / es:.2f}x", f"{r / copy:.2f}x"]
        for way, r in rate.items()
    ]
    print(render(["way", "seconds", "events/s", "vs eventsourcing", "vs COPY"], rows))
    print(f"bilateral store: {ours / es:.2f}x the eventsourcing recorder, {ours / copy:.2f}x raw COPY")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("store", help="event store appends vs eventsourcing vs raw COPY")
    parser.add_argument("--events", type=int, default=100_000, help="how many events to append each way")
    parser.add_argument("--batch", type=int, default=500, help="events per transaction")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each way; the fastest counts")
    parser.set_defaults(run=run)
