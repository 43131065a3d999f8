"""The normalize service: accepted articles in, one message per article with its events out."""

from __future__ import annotations

from faststream import AckPolicy, Context, FastStream
from faststream.redis.annotations import Redis
from faststream.redis.message import RedisBatchStreamMessage

from services.normalize.handlers import handle_accepted_batch
from services.normalize.redis_streams import NormalizedStreams
from shared.redis_connection import broker_for
from shared.settings import Settings
from shared.streams import ARTICLES_ACCEPTED, NORMALIZE_GROUP
from shared.wire import dead_letter_exhausted, entries_of, keep_raw_entries, stream_subs


def build_app(settings: Settings) -> FastStream:
    broker = broker_for(settings)
    fresh, reclaimed = stream_subs(ARTICLES_ACCEPTED, NORMALIZE_GROUP, settings)

    @broker.subscriber(stream=fresh, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_accepted(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        await handle_accepted_batch(entries_of(msg.raw_message), NormalizedStreams(redis))

    @broker.subscriber(stream=reclaimed, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_accepted_reclaimed(redis: Redis, msg: RedisBatchStreamMessage = Context("message")) -> None:
        entries = entries_of(msg.raw_message)
        retry = await dead_letter_exhausted(
            redis, entries, ARTICLES_ACCEPTED, NORMALIZE_GROUP, settings.max_deliveries
        )
        if retry:
            await handle_accepted_batch(retry, NormalizedStreams(redis))

    return FastStream(broker)
