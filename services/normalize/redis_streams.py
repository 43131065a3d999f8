"""Normalize's Redis adapter: publish a batch's results and ack its entries in one MULTI/EXEC."""

from __future__ import annotations

from typing import Any

from services.normalize.handlers import NormalizePlan
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, NORMALIZE_GROUP
from shared.wire import encode


class NormalizedStreams:
    def __init__(self, redis: Any) -> None:
        self.redis = redis

    async def commit(self, plan: NormalizePlan) -> None:
        if not plan.done_ids:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            for normalized in plan.normalized:
                pipe.xadd(ARTICLES_NORMALIZED, encode(normalized))
            pipe.xack(ARTICLES_ACCEPTED, NORMALIZE_GROUP, *plan.done_ids)
            await pipe.execute()
