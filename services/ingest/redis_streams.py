"""Ingest's Redis adapter: the de-duplication set and the atomic commit of a batch.

A batch's outputs (accepted and rejected entries, de-duplication keys, counters) and the XACK of its
raw entries go in one MULTI/EXEC, so a crash leaves either all of it or none of it: a redelivered
batch can never publish a second rejection or lose an acceptance.
"""

from __future__ import annotations

import json
from typing import Any

from services.ingest.handlers import IntakePlan
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import encode

SEEN_PREFIX = "bilateral:ingest:seen:"
COUNTS_KEY = "bilateral:ingest:counts"
REPLY_TTL_S = 60


class IntakeStreams:
    def __init__(self, redis: Any, dedupe_ttl_s: int) -> None:
        self.redis = redis
        self.dedupe_ttl_s = dedupe_ttl_s

    async def seen(self, article_ids: list[str]) -> set[str]:
        if not article_ids:
            return set()
        async with self.redis.pipeline(transaction=False) as pipe:
            for article_id in article_ids:
                pipe.exists(SEEN_PREFIX + article_id)
            found = await pipe.execute()
        return {article_id for article_id, hit in zip(article_ids, found, strict=True) if hit}

    async def commit(self, plan: IntakePlan) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            for event in plan.accepted:
                pipe.xadd(ARTICLES_ACCEPTED, encode(event))
                pipe.set(SEEN_PREFIX + event.article.article_id, 1, ex=self.dedupe_ttl_s)
            for rejected in plan.rejected:
                pipe.xadd(ARTICLES_REJECTED, encode(rejected))
            for name, count in (
                ("accepted", len(plan.accepted)),
                ("duplicate", len(plan.duplicates)),
                ("rejected", len(plan.rejected)),
            ):
                if count:
                    pipe.hincrby(COUNTS_KEY, name, count)
            for key, reply in plan.replies.items():
                pipe.rpush(key, json.dumps(reply))
                pipe.expire(key, REPLY_TTL_S)
            if plan.entry_ids:
                pipe.xack(ARTICLES_RAW, INGEST_GROUP, *plan.entry_ids)
            await pipe.execute()
