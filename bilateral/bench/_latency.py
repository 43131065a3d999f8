"""Push-to-projection latency at a steady offered load.

A pusher XADDs articles at a fixed rate and notes when each XADD returned; a watcher polls the
projection's `article_extractions` table (written in the projector's transaction, so a row there is
projected and committed) and notes when each article first appears. The article id is computed here
with ingest's own rules, so the two sides meet on it. The watcher's poll interval bounds the error.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.ingest.domain import accept
from shared.events import Article
from shared.streams import ARTICLES_RAW

POLL_S = 0.005
TICK_S = 0.01


@dataclass(frozen=True)
class LatencyReport:
    offered_per_s: float
    pushed: int
    projected: int
    p50_ms: float
    p99_ms: float
    max_ms: float


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p99 is a latency that happened)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def entry_fields(article: dict[str, Any]) -> dict[str, str]:
    return {"data": json.dumps(article, ensure_ascii=False)}


def article_id_of(fields: dict[str, str], max_body_bytes: int) -> str:
    outcome = accept({k.encode(): v.encode() for k, v in fields.items()}, datetime.now(UTC), max_body_bytes)
    if not isinstance(outcome, Article):
        raise ValueError(f"a generated article was rejected: {outcome}")
    return outcome.article_id


async def push_steadily(
    redis: Any, entries: list[tuple[str, dict[str, str]]], rate: float
) -> dict[str, float]:
    """XADD `entries` at `rate` per second; returns when each one's XADD came back, by article id."""
    pushed_at: dict[str, float] = {}
    started = time.monotonic()
    sent = 0
    while sent < len(entries):
        due = min(len(entries), int((time.monotonic() - started) * rate) + 1)
        if due > sent:
            batch = entries[sent:due]
            async with redis.pipeline(transaction=False) as pipe:
                for _, fields in batch:
                    pipe.xadd(ARTICLES_RAW, fields)
                await pipe.execute()
            now = time.time()
            pushed_at.update((article_id, now) for article_id, _ in batch)
            sent = due
        await asyncio.sleep(TICK_S)
    return pushed_at


async def watch_projection(engine: AsyncEngine, wanted: set[str], stop: asyncio.Event) -> dict[str, float]:
    """When each wanted article first appears in the projection, until all did or `stop` is set."""
    seen: dict[str, float] = {}
    position = 0
    query = text(
        "SELECT article_id, position FROM projection.article_extractions WHERE position > :p ORDER BY position"
    )
    async with engine.connect() as conn:
        while len(seen) < len(wanted) and not stop.is_set():
            rows = (await conn.execute(query, {"p": position})).all()
            await conn.commit()
            now = time.time()
            for article_id, row_position in rows:
                position = max(position, row_position)
                if article_id in wanted:
                    seen.setdefault(article_id, now)
            await asyncio.sleep(POLL_S)
    return seen


async def measure_latency(
    redis: Any,
    engine: AsyncEngine,
    articles: list[dict[str, Any]],
    rate: float,
    max_body_bytes: int,
    drain_timeout_s: float = 60.0,
) -> LatencyReport:
    entries = [(article_id_of(f, max_body_bytes), f) for f in map(entry_fields, articles)]
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_projection(engine, {a for a, _ in entries}, stop))
    pushed_at = await push_steadily(redis, entries, rate)
    try:
        seen = await asyncio.wait_for(asyncio.shield(watcher), drain_timeout_s)
    except TimeoutError:
        stop.set()
        seen = await watcher
    latencies = [(seen[a] - pushed_at[a]) * 1000 for a in pushed_at if a in seen]
    return LatencyReport(
        offered_per_s=rate,
        pushed=len(pushed_at),
        projected=len(latencies),
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        max_ms=max(latencies, default=float("nan")),
    )
