"""Ingest's Redis adapter: the de-duplication set and the atomic commit of a batch.

A batch's outputs (accepted and rejected entries, de-duplication keys, counters, replies) and the
XACK of its raw entries go in one script (`ack_then_publish`), so a crash leaves either all of it or
none of it, and an entry's outputs are published only if its XACK was the first: a redelivered batch,
or a commit retried after Redis dropped its reply, can never publish a second rejection or lose an
acceptance.
"""

from __future__ import annotations

import json
from typing import Any

from services.ingest.handlers import IntakePlan
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import DATA_FIELD, Command, ack_then_publish, encode

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
        await ack_then_publish(self.redis, ARTICLES_RAW, INGEST_GROUP, self.outputs(plan))

    def outputs(self, plan: IntakePlan) -> dict[str, list[Command]]:
        """Per raw entry, the commands that publish its outcome (see `ack_then_publish`)."""
        outputs: dict[str, list[Command]] = {}
        for entry_id in plan.entry_ids:
            kind, index = plan.outcome_of[entry_id]
            commands: list[Command] = [("HINCRBY", COUNTS_KEY, kind, 1)]
            if kind == "accepted":
                event = plan.accepted[index]
                commands += [
                    ("XADD", ARTICLES_ACCEPTED, "*", DATA_FIELD, encode(event)[DATA_FIELD]),
                    ("SET", SEEN_PREFIX + event.article.article_id, 1, "EX", self.dedupe_ttl_s),
                ]
            elif kind == "rejected":
                commands.append(
                    ("XADD", ARTICLES_REJECTED, "*", DATA_FIELD, encode(plan.rejected[index])[DATA_FIELD])
                )
            if (key := plan.reply_of.get(entry_id)) is not None:
                commands += [("RPUSH", key, json.dumps(plan.replies[key])), ("EXPIRE", key, REPLY_TTL_S)]
            outputs[entry_id] = commands
        return outputs
