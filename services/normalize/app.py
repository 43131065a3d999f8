"""The normalize service: accepted articles in, one message per article with its events out."""

from __future__ import annotations

from faststream import AckPolicy, Context, FastStream
from faststream.redis.annotations import Redis
from faststream.redis.message import RedisBatchStreamMessage

from services.normalize.handlers import handle_accepted_batch
from services.normalize.redis_streams import NormalizedStreams
from shared.metrics import ServiceMetrics, instrumented
from shared.redis_connection import broker_for
from shared.settings import Settings
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, NORMALIZE_GROUP
from shared.wire import RawEntry, dead_letter_exhausted, entries_of, keep_raw_entries, stream_subs


def build_app(settings: Settings) -> FastStream:
    broker = broker_for(settings)
    metrics = ServiceMetrics("normalize", (ARTICLES_ACCEPTED, ARTICLES_NORMALIZED))
    broker.add_middleware(metrics.middleware())
    fresh, reclaimed = stream_subs(ARTICLES_ACCEPTED, NORMALIZE_GROUP, settings)

    async def normalize_counted(entries: list[RawEntry], redis: Redis) -> None:
        metrics.received(ARTICLES_ACCEPTED, len(entries))
        plan = await handle_accepted_batch(entries, NormalizedStreams(redis))
        metrics.sent(ARTICLES_NORMALIZED, len(plan.normalized))
        metrics.failed(ARTICLES_ACCEPTED, len(plan.failed_ids), "failed")

    @broker.subscriber(stream=fresh, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_accepted(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        await normalize_counted(entries_of(msg.raw_message), redis)

    @broker.subscriber(stream=reclaimed, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_accepted_reclaimed(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        entries = entries_of(msg.raw_message)
        retry = await dead_letter_exhausted(
            redis, entries, ARTICLES_ACCEPTED, NORMALIZE_GROUP, settings.max_deliveries
        )
        metrics.failed(ARTICLES_ACCEPTED, len(entries) - len(retry), "delivery_limit")
        if retry:
            await normalize_counted(retry, redis)

    return instrumented(FastStream(broker), metrics, settings)
