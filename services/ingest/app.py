"""The ingest service: raw articles in, accepted or rejected articles out."""

from __future__ import annotations

from faststream import AckPolicy, Context, FastStream
from faststream.redis import RedisBroker
from faststream.redis.annotations import Redis
from faststream.redis.message import RedisBatchStreamMessage

from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import IntakeStreams
from shared.metrics import ServiceMetrics, instrumented
from shared.redis_connection import broker_for
from shared.settings import Settings
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import RawEntry, dead_letter_exhausted, entries_of, keep_raw_entries, stream_subs


def build_app(settings: Settings) -> FastStream:
    broker: RedisBroker = broker_for(settings)
    metrics = ServiceMetrics("ingest", (ARTICLES_RAW, ARTICLES_ACCEPTED, ARTICLES_REJECTED))
    broker.add_middleware(metrics.middleware())
    fresh, reclaimed = stream_subs(ARTICLES_RAW, INGEST_GROUP, settings)

    async def intake_counted(entries: list[RawEntry], redis: Redis) -> None:
        metrics.received(ARTICLES_RAW, len(entries))
        intake = IntakeStreams(redis, settings.dedupe_ttl_s)
        plan = await handle_raw_batch(entries, intake, settings.max_body_bytes)
        metrics.sent(ARTICLES_ACCEPTED, len(plan.accepted))
        metrics.sent(ARTICLES_REJECTED, len(plan.rejected))
        metrics.failed(ARTICLES_RAW, len(plan.rejected), "rejected")

    @broker.subscriber(stream=fresh, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_raw(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        await intake_counted(entries_of(msg.raw_message), redis)

    @broker.subscriber(stream=reclaimed, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_raw_reclaimed(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        entries = entries_of(msg.raw_message)
        retry = await dead_letter_exhausted(
            redis, entries, ARTICLES_RAW, INGEST_GROUP, settings.max_deliveries
        )
        metrics.failed(ARTICLES_RAW, len(entries) - len(retry), "delivery_limit")
        if retry:
            await intake_counted(retry, redis)

    return instrumented(FastStream(broker), metrics, settings)
