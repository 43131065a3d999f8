"""What ingest does with a batch of raw entries, as plain functions (no Redis here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import structlog

from services.ingest.domain import Rejection, accept, reply_key
from shared.events import Article, ArticleIngested, article_stream, derived_event_id
from shared.logging import bound_correlation
from shared.messages import ArticleRejected
from shared.streams import ARTICLES_RAW
from shared.wire import RawEntry, printable_fields

log = structlog.get_logger()


@dataclass
class IntakePlan:
    """One batch's outcome; committed to Redis atomically with the acks of `entry_ids`."""

    entry_ids: list[str] = field(default_factory=list)
    accepted: list[ArticleIngested] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[ArticleRejected] = field(default_factory=list)
    replies: dict[str, dict[str, str]] = field(default_factory=dict)
    # per entry: which list its outcome went to, at which index, and its reply key if any (the
    # commit publishes an entry's outputs only if its ack is the first one)
    outcome_of: dict[str, tuple[str, int]] = field(default_factory=dict)
    reply_of: dict[str, str] = field(default_factory=dict)


def article_ingested(article: Article, entry_id: str) -> ArticleIngested:
    return ArticleIngested(
        event_id=derived_event_id(article.article_id, "ArticleIngested"),
        stream_id=article_stream(article.article_id),
        occurred_at=article.published_at,
        correlation_id=article.article_id,
        causation_id=f"{ARTICLES_RAW}/{entry_id}",
        article=article,
    )


def rejection_record(
    rejection: Rejection, entry: RawEntry, source_stream: str, deliveries: int = 1
) -> ArticleRejected:
    entry_id, fields = entry
    return ArticleRejected(
        reason=rejection.reason,
        detail=rejection.detail,
        source_stream=source_stream,
        source_id=entry_id,
        original=printable_fields(fields),
        delivery_count=deliveries,
    )


Validated = list[tuple[RawEntry, Article | Rejection]]


def validate_entries(entries: list[RawEntry], now: datetime, max_body_bytes: int) -> Validated:
    return [(entry, accept(entry[1], now, max_body_bytes)) for entry in entries]


def article_ids(validated: Validated) -> list[str]:
    return [outcome.article_id for _, outcome in validated if isinstance(outcome, Article)]


def plan_intake(validated: Validated, seen: set[str]) -> IntakePlan:
    """Sort each entry into accepted, duplicate (in `seen` or earlier in this batch) or rejected."""
    plan = IntakePlan()
    seen = set(seen)
    for entry, outcome in validated:
        entry_id, fields = entry
        plan.entry_ids.append(entry_id)
        reply = _sort_entry(plan, entry, outcome, seen)
        if (key := reply_key(fields)) is not None:
            plan.replies[key] = reply
            plan.reply_of[entry_id] = key
    return plan


def _sort_entry(
    plan: IntakePlan, entry: RawEntry, outcome: Article | Rejection, seen: set[str]
) -> dict[str, str]:
    entry_id = entry[0]
    if isinstance(outcome, Rejection):
        log.info("article.rejected", entry_id=entry_id, reason=outcome.reason, detail=outcome.detail)
        plan.outcome_of[entry_id] = ("rejected", len(plan.rejected))
        plan.rejected.append(rejection_record(outcome, entry, ARTICLES_RAW))
        return {"status": "rejected", "reason": outcome.reason, "detail": outcome.detail}
    with bound_correlation(outcome.article_id):
        if outcome.article_id in seen:
            log.info("article.duplicate", entry_id=entry_id)
            plan.outcome_of[entry_id] = ("duplicate", len(plan.duplicates))
            plan.duplicates.append(outcome.article_id)
            return {"status": "duplicate", "article_id": outcome.article_id}
        seen.add(outcome.article_id)
        log.info("article.accepted", entry_id=entry_id)
        plan.outcome_of[entry_id] = ("accepted", len(plan.accepted))
        plan.accepted.append(article_ingested(outcome, entry_id))
        return {"status": "accepted", "article_id": outcome.article_id}


class IntakePort(Protocol):
    async def seen(self, article_ids: list[str]) -> set[str]: ...
    async def commit(self, plan: IntakePlan) -> None: ...


async def handle_raw_batch(entries: list[RawEntry], intake: IntakePort, max_body_bytes: int) -> IntakePlan:
    validated = validate_entries(entries, datetime.now(UTC), max_body_bytes)
    plan = plan_intake(validated, await intake.seen(article_ids(validated)))
    await intake.commit(plan)
    return plan
