"""The ingest service: raw articles in, accepted or rejected articles out."""

from __future__ import annotations

from faststream import AckPolicy, Context, FastStream
from faststream.redis import RedisBroker
from faststream.redis.annotations import Redis
from faststream.redis.message import RedisBatchStreamMessage

from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import IntakeStreams
from shared.redis_connection import broker_for
from shared.settings import Settings
from shared.streams import ARTICLES_RAW, INGEST_GROUP
from shared.wire import dead_letter_exhausted, entries_of, keep_raw_entries, stream_subs


def build_app(settings: Settings) -> FastStream:
    broker: RedisBroker = broker_for(settings)
    fresh, reclaimed = stream_subs(ARTICLES_RAW, INGEST_GROUP, settings)

    @broker.subscriber(stream=fresh, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_raw(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        intake = IntakeStreams(redis, settings.dedupe_ttl_s)
        await handle_raw_batch(entries_of(msg.raw_message), intake, settings.max_body_bytes)

    @broker.subscriber(stream=reclaimed, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_raw_reclaimed(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        entries = entries_of(msg.raw_message)
        retry = await dead_letter_exhausted(
            redis, entries, ARTICLES_RAW, INGEST_GROUP, settings.max_deliveries
        )
        if retry:
            intake = IntakeStreams(redis, settings.dedupe_ttl_s)
            await handle_raw_batch(retry, intake, settings.max_body_bytes)

    return FastStream(broker)
