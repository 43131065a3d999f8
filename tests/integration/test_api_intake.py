"""`POST /articles` goes through the real ingest service (a separate process) and answers its verdict."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis
from api_server import api_client, free_port, sample_article

from bilateral.processes import start_service, stop_process
from shared.metrics import HEARTBEAT_PREFIX
from shared.settings import Settings
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED

pytestmark = [pytest.mark.integration, pytest.mark.timeout(90)]


@pytest.fixture
def ingest(clean_servers: tuple[str, str], tmp_path: Path) -> Iterator[int]:
    """The ingest service as a real process, serving its metrics; yields the metrics port."""
    port = free_port()
    process = start_service(
        "ingest", tmp_path / "logs", {"BILATERAL_METRICS_PORT": str(port), "BILATERAL_SAMPLE_S": "0.5"}
    )
    try:
        yield port
    finally:
        assert stop_process(process) == 0, (tmp_path / "logs" / "ingest.log").read_text()


async def wait_for_heartbeat(redis: aioredis.Redis, service: str) -> None:
    for _ in range(300):
        if [key async for key in redis.scan_iter(match=f"{HEARTBEAT_PREFIX}{service}:*")]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{service} never started")


async def test_post_answers_as_the_stream_intake_does(
    ingest: int, settings: Settings, redis: aioredis.Redis
) -> None:
    await wait_for_heartbeat(redis, "ingest")
    article = sample_article()
    async with api_client(settings) as api:
        accepted = await api.post("/articles", json=article)
        assert accepted.status_code == 202, accepted.text
        assert accepted.json()["status"] == "accepted"
        article_id = accepted.json()["article_id"]

        again = await api.post("/articles", json=article)
        assert (again.status_code, again.json()) == (200, {"status": "duplicate", "article_id": article_id})

        no_body = await api.post("/articles", json={"published_at": article["published_at"]})
        assert no_body.status_code == 422 and no_body.json()["reason"] == "missing_body"
        not_json = await api.post(
            "/articles", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert not_json.status_code == 422 and not_json.json()["reason"] == "not_json"
        future = await api.post("/articles", json={**article, "published_at": "2999-01-01T00:00:00Z"})
        assert future.json()["reason"] == "published_in_future"

    assert await redis.xlen(ARTICLES_RAW) == 5, "every request went through the raw stream"
    assert await redis.xlen(ARTICLES_ACCEPTED) == 1
    reasons = [json.loads(f[b"data"])["reason"] for _, f in await redis.xrange(ARTICLES_REJECTED)]
    assert sorted(reasons) == ["missing_body", "not_json", "published_in_future"]
    assert not [key async for key in redis.scan_iter(match="bilateral:reply:*")], "replies are consumed"

    async with httpx.AsyncClient() as client:
        metrics = (await client.get(f"http://127.0.0.1:{ingest}/metrics")).text
    assert 'bilateral_messages_in_total{service="ingest",stream="articles.raw.v1"} 5.0' in metrics
    assert 'bilateral_messages_out_total{service="ingest",stream="articles.accepted.v1"} 1.0' in metrics
    assert (
        'bilateral_failures_total{kind="rejected",service="ingest",stream="articles.raw.v1"} 3.0' in metrics
    )
    assert "faststream_received_messages_total" in metrics


async def test_post_without_ingest_queues_nothing(settings: Settings, redis: aioredis.Redis) -> None:
    async with api_client(settings) as api:
        response = await api.post("/articles", json=sample_article())
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert await redis.xlen(ARTICLES_RAW) == 0
