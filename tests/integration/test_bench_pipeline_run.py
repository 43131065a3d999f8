"""A tiny run of `bench pipeline`'s building blocks: services as processes, steady pushes, the latency
watcher and the per-process costs (figures are printed by the benchmark, never checked here)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import create_async_engine

from bilateral.bench._latency import measure_latency
from bilateral.bench._processes import bench_services, costs, service_names
from bilateral.bench.generate import generated_articles
from bilateral.drain import wait_until_drained
from services.store.postgres.engine import async_url

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def _steady_run(redis_url: str, database_url: str) -> tuple[int, int]:
    redis = aioredis.Redis.from_url(redis_url)
    engine = create_async_engine(async_url(database_url), connect_args={"statement_cache_size": 0})
    try:
        await wait_until_drained(redis, engine, timeout_s=60)
        report = await measure_latency(redis, engine, generated_articles(4, seed=11), 20.0, 256 * 1024, 90.0)
        return report.pushed, report.projected
    finally:
        await redis.aclose()
        await engine.dispose()


@pytest.mark.timeout(180)
def test_services_project_steadily_pushed_articles(clean_servers: tuple[str, str], tmp_path: Path) -> None:
    with bench_services(tmp_path, normalize_workers=2) as processes:
        assert list(processes) == service_names(2) == ["ingest", "normalize-1", "normalize-2", "store"]
        pushed, projected = asyncio.run(_steady_run(*clean_servers))
        spent = costs(processes)
    assert (pushed, projected) == (4, 4)
    assert all(cost.peak_rss_mb > 10 and cost.cpu_s > 0 for cost in spent)
