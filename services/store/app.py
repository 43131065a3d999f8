"""The store service: normalized articles in, appended events; the projector and relay run beside it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from faststream import AckPolicy, Context, ContextRepo, FastStream
from faststream.redis.annotations import Redis
from faststream.redis.message import RedisBatchStreamMessage

from services.store.handlers import handle_normalized_batch
from services.store.metrics import StoreMetrics
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import database_url, engine_for
from services.store.postgres.event_store import EventStore
from services.store.projector import run_projector
from services.store.redis_streams import NormalizedAcks
from services.store.relay import run_relay
from services.store.transient import retry_transient
from shared.metrics import ServiceMetrics, instrumented
from shared.redis_connection import broker_for, client_for
from shared.settings import Settings
from shared.streams import ARTICLES_NORMALIZED, EVENTS_MEETINGS, EVENTS_STATEMENTS, STORE_GROUP
from shared.wire import dead_letter_exhausted, entries_of, keep_claimed, keep_raw_entries, stream_subs


def build_app(settings: Settings) -> FastStream:
    broker = broker_for(settings)
    metrics = ServiceMetrics("store", (ARTICLES_NORMALIZED, EVENTS_MEETINGS, EVENTS_STATEMENTS))
    store_metrics = StoreMetrics(metrics, settings)
    broker.add_middleware(metrics.middleware())
    fresh, reclaimed = stream_subs(ARTICLES_NORMALIZED, STORE_GROUP, settings)

    @asynccontextmanager
    async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
        await upgrade_to_head(database_url(settings))
        engine = engine_for(settings)
        redis = client_for(settings)
        stopping, wake_projector, wake_relay = asyncio.Event(), asyncio.Event(), asyncio.Event()
        context.set_global("event_store", EventStore(engine))
        context.set_global("wake", (wake_projector, wake_relay))
        poll = settings.projector_poll_s
        tasks = [
            asyncio.create_task(run_projector(engine, stopping, wake_projector, poll, batch_size=2000)),
            asyncio.create_task(run_relay(engine, redis, stopping, wake_relay, poll)),
        ]
        try:
            yield
        finally:
            stopping.set()
            wake_projector.set()
            wake_relay.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            await redis.aclose()
            await engine.dispose()

    async def store(
        entries: list, redis: Redis, event_store: EventStore, wake: tuple[asyncio.Event, ...]
    ) -> None:
        metrics.received(ARTICLES_NORMALIZED, len(entries))
        held = [entry_id for entry_id, _ in entries]
        appended = await retry_transient(
            lambda: handle_normalized_batch(entries, event_store, NormalizedAcks(redis)),
            between=lambda: keep_claimed(
                redis, ARTICLES_NORMALIZED, STORE_GROUP, settings.consumer_name, held
            ),
        )
        store_metrics.appended.inc(appended)
        if appended:
            for event in wake:
                event.set()

    @broker.subscriber(stream=fresh, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_normalized(
        redis: Redis,
        msg: RedisBatchStreamMessage = Context("message"),
        event_store: EventStore = Context(),
        wake: tuple[asyncio.Event, ...] = Context(),
    ) -> None:
        await store(entries_of(msg.raw_message), redis, event_store, wake)

    @broker.subscriber(stream=reclaimed, parser=keep_raw_entries, ack_policy=AckPolicy.MANUAL)
    async def on_normalized_reclaimed(
        redis: Redis,
        msg: RedisBatchStreamMessage = Context("message"),
        event_store: EventStore = Context(),
        wake: tuple[asyncio.Event, ...] = Context(),
    ) -> None:
        entries = entries_of(msg.raw_message)
        retry = await dead_letter_exhausted(
            redis, entries, ARTICLES_NORMALIZED, STORE_GROUP, settings.max_deliveries
        )
        metrics.failed(ARTICLES_NORMALIZED, len(entries) - len(retry), "delivery_limit")
        if retry:
            await store(retry, redis, event_store, wake)

    return instrumented(FastStream(broker, lifespan=lifespan), metrics, settings)
