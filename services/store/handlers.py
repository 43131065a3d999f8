"""What the store does with a batch of normalized articles, as plain functions (no Redis here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import structlog

from shared.events import Event
from shared.logging import bound_correlation
from shared.messages import NormalizedArticle
from shared.wire import RawEntry, data_of

log = structlog.get_logger()


@dataclass
class StoreBatch:
    entry_ids: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event_counts: dict[str, int] = field(default_factory=dict)
    unreadable_ids: list[str] = field(default_factory=list)


def read_batch(entries: list[RawEntry]) -> StoreBatch:
    """An entry that does not parse is left pending (and dead-lettered after its retries)."""
    batch = StoreBatch()
    for entry_id, fields in entries:
        try:
            normalized = NormalizedArticle.model_validate_json(data_of(fields))
        except ValueError:
            log.exception("normalized.unreadable", entry_id=entry_id)
            batch.unreadable_ids.append(entry_id)
            continue
        batch.entry_ids.append(entry_id)
        batch.events.append(normalized.article)
        batch.events.extend(normalized.events)
        batch.event_counts[normalized.article.article.article_id] = 1 + len(normalized.events)
    return batch


class Appender(Protocol):
    async def append_idempotent(self, events: list[Event]) -> int: ...


class Acker(Protocol):
    async def ack(self, entry_ids: list[str]) -> None: ...


async def handle_normalized_batch(entries: list[RawEntry], store: Appender, acker: Acker) -> int:
    """Append every article of the batch in one transaction, then ack: a crash in between only
    causes a redelivery, which the idempotent append turns into a no-op."""
    batch = read_batch(entries)
    appended = await store.append_idempotent(batch.events) if batch.events else 0
    await acker.ack(batch.entry_ids)
    for article_id, events in batch.event_counts.items():
        with bound_correlation(article_id):
            log.info("article.stored", events=events)
    log.info("batch.stored", articles=len(batch.entry_ids), events_appended=appended)
    return appended
