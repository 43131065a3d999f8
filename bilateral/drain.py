"""Knowing when everything pushed so far has gone all the way through to the read models."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.store.projector import CHECKPOINT
from shared.streams import CONSUMER_GROUPS

CONSUMED = tuple(CONSUMER_GROUPS.values())


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


async def group_drained(redis: Any, stream: str, group: str) -> bool:
    """Every entry of `stream` delivered to `group` and acked (works on Redis 6.2, which has no `lag`)."""
    if not await redis.exists(stream):
        return True
    last_id = _text((await redis.xinfo_stream(stream))["last-generated-id"])
    for info in await redis.xinfo_groups(stream):
        if _text(info["name"]) == group:
            return _text(info["last-delivered-id"]) == last_id and int(info["pending"]) == 0
    return False


async def projection_caught_up(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        row = await conn.execute(
            text(
                "SELECT (SELECT coalesce(max(global_position), 0) FROM events"
                "        WHERE event_type IN ('ArticleNormalized', 'MeetingReported', 'StatementReported')),"
                " (SELECT coalesce(max(position), 0) FROM checkpoints WHERE name = :name)"
            ),
            {"name": CHECKPOINT},
        )
        head, checkpoint = row.one()
        return bool(checkpoint >= head)


async def wait_until_drained(redis: Any, engine: AsyncEngine, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        groups = [await group_drained(redis, stream, group) for stream, group in CONSUMED]
        if all(groups) and await projection_caught_up(engine):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"pipeline not drained after {timeout_s:.0f}s (groups drained: {groups})")
        await asyncio.sleep(0.1)
