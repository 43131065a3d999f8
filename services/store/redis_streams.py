"""The store's Redis adapter: acknowledging stored entries."""

from __future__ import annotations

from typing import Any

from shared.streams import ARTICLES_NORMALIZED, STORE_GROUP


class NormalizedAcks:
    def __init__(self, redis: Any) -> None:
        self.redis = redis

    async def ack(self, entry_ids: list[str]) -> None:
        if entry_ids:
            await self.redis.xack(ARTICLES_NORMALIZED, STORE_GROUP, *entry_ids)
