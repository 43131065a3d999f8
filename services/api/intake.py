"""`POST /articles` through the stream intake itself: no second validation path.

The request body is XADDed to `articles.raw.v1` as the `data` field, exactly as a `redis-cli` producer
would, with one transport field `reply_to` naming a list under `bilateral:reply:`. Ingest validates
the entry like any other and, in the same script that publishes the outcome and acks the entry,
RPUSHes the outcome there; the API waits for it with BLPOP.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from shared.metrics import HEARTBEAT_PREFIX
from shared.streams import ARTICLES_RAW

# The same names ingest uses (services/ingest/domain.py); copied, since services never import each other.
REPLY_FIELD = "reply_to"
REPLY_PREFIX = "bilateral:reply:"


@dataclass(frozen=True)
class IntakeOutcome:
    kind: Literal["answered", "unavailable", "timeout"]
    reply: dict[str, Any]


async def ingest_running(redis: Any) -> bool:
    """Some ingest process refreshed its heartbeat within the last few seconds (see shared/metrics.py).
    (A consumer's idle time in XINFO CONSUMERS is no liveness signal: Redis 7.0 resets it only when
    a read returns entries.)"""
    async for _ in redis.scan_iter(match=f"{HEARTBEAT_PREFIX}ingest:*", count=500):
        return True
    return False


async def submit_article(redis: Any, body: bytes, timeout_s: float) -> IntakeOutcome:
    """Queue `body` for ingest and wait for its verdict.

    Nothing is queued when no ingest consumer is running (`unavailable`), so a refused request
    never turns into an article accepted later. A `timeout` means the entry is queued and will be
    processed, but its outcome did not arrive in time.
    """
    if not await ingest_running(redis):
        return IntakeOutcome(
            "unavailable", {"status": "unavailable", "detail": "the ingest service is not running"}
        )
    key = f"{REPLY_PREFIX}{uuid.uuid4().hex}"
    await redis.xadd(ARTICLES_RAW, {"data": body, REPLY_FIELD: key})
    answer = await redis.blpop([key], timeout=timeout_s)
    if answer is None:
        detail = f"queued on {ARTICLES_RAW}, but ingest did not answer within {timeout_s:g}s"
        return IntakeOutcome("timeout", {"status": "timeout", "detail": detail})
    await redis.delete(key)
    return IntakeOutcome("answered", json.loads(answer[1]))
