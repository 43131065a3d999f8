"""A graceful stop that leaves nothing fetched behind.

FastStream's own stop lets a handler that is running finish, but a batch that XREADGROUP has just
returned, and that no handler has started on, is dropped: it stays pending under this consumer's
name until some reclaimer's idle time runs out. So on SIGTERM we stop the subscribers ourselves
(in-flight handlers finish and ack), then read this consumer's own pending entries (XREADGROUP
from id 0 returns exactly those) and run them through the service's reclaiming handler, which
processes, acks or dead-letters them, before the app shuts down.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from faststream import FastStream
from faststream.redis.message import BatchStreamMessage

from shared.redis_connection import client_for
from shared.settings import Settings

log = structlog.get_logger()


def _reclaimer(app: FastStream) -> Any:
    """The subscriber that handles reclaimed entries (the one reading with XAUTOCLAIM)."""
    broker = app.broker
    assert broker is not None
    subscribers: list[Any] = broker.subscribers
    return next(sub for sub in subscribers if sub.stream_sub.min_idle_time is not None)


async def _own_pending(
    redis: Any, stream: str, group: str, consumer: str, after: str, count: int
) -> list[tuple[bytes, dict[bytes, bytes]]]:
    """This consumer's pending entries with ids above `after` (XREADGROUP with an id reads history)."""
    reply = await redis.xreadgroup(group, consumer, {stream: after}, count=count)
    return list(reply[0][1]) if reply else []


async def finish_fetched(app: FastStream, settings: Settings, stream: str, group: str) -> int:
    """Stop fetching, let in-flight batches finish, then handle (once each) what this consumer still
    holds. Returns how many held entries it handled."""
    broker = app.broker
    assert broker is not None
    for subscriber in broker.subscribers:
        await subscriber.stop()
    reclaimer = _reclaimer(app)
    redis = client_for(settings)
    handled, after = 0, "0"
    try:
        while entries := await _own_pending(
            redis, stream, group, settings.consumer_name, after, settings.batch_size
        ):
            after = entries[-1][0].decode()
            # an entry deleted from the stream while pending comes back without its fields
            readable = [(entry_id, fields) for entry_id, fields in entries if fields]
            if readable:
                message = BatchStreamMessage(
                    type="bstream",
                    channel=stream,
                    data=[fields for _, fields in readable],
                    message_ids=[entry_id for entry_id, _ in readable],
                )
                await reclaimer.process_message(message)
                handled += len(readable)
    finally:
        await redis.aclose()
    return handled


async def graceful_exit(
    app: FastStream, settings: Settings, stream: str, group: str, timeout_s: float
) -> None:
    try:
        handled = await asyncio.wait_for(finish_fetched(app, settings, stream, group), timeout_s)
        log.info("service.stopping", held_entries_handled=handled)
    except Exception:
        log.exception("service.stop_incomplete", hint="entries left pending are reclaimed by other consumers")
    finally:
        app.exit()
