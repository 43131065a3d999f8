"""A tiny run of `bench store`'s three ways against the real PostgreSQL (figures are not checked)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from bilateral.bench._store_ways import CopyWay, EventsourcingWay, EventStoreWay, bench_events, best_times
from bilateral.bench.store import bench_database

pytestmark = pytest.mark.integration


async def _counts(database_url: str) -> tuple[int, int, int]:
    conn = await asyncpg.connect(database_url)
    try:
        row = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM bench_copy_events),"
            " (SELECT count(*) FROM bench_es_stored_events)"
        )
        return int(row[0]), int(row[1]), int(row[2])
    finally:
        await conn.close()


@pytest.mark.timeout(90)
def test_each_way_appends_every_event(server_urls: tuple[str, str]) -> None:
    events = bench_events(120)
    with bench_database() as database_url:
        times = asyncio.run(best_times(database_url, events, batch=50, rounds=1))
        assert set(times) == {EventStoreWay.name, EventsourcingWay.name, CopyWay.name}
        assert all(seconds > 0 for seconds in times.values())
        assert asyncio.run(_counts(database_url)) == (120, 120, 120)
