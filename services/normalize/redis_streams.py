"""Normalize's Redis adapter: publish each article's result only together with the XACK of its entry.

`ack_then_publish` runs both in one script and publishes an entry's result only if its XACK was the
first, so neither a redelivered batch nor a commit retried after Redis dropped its reply publishes
an article twice.
"""

from __future__ import annotations

from typing import Any

from services.normalize.handlers import NormalizePlan
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, NORMALIZE_GROUP
from shared.wire import DATA_FIELD, Command, ack_then_publish, encode


class NormalizedStreams:
    def __init__(self, redis: Any) -> None:
        self.redis = redis

    async def commit(self, plan: NormalizePlan) -> None:
        outputs: dict[str, list[Command]] = {
            entry_id: [("XADD", ARTICLES_NORMALIZED, "*", DATA_FIELD, encode(normalized)[DATA_FIELD])]
            for entry_id, normalized in zip(plan.done_ids, plan.normalized, strict=True)
        }
        await ack_then_publish(self.redis, ARTICLES_ACCEPTED, NORMALIZE_GROUP, outputs)
