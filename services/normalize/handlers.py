"""What normalize does with a batch of accepted articles, as plain functions (no Redis here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import structlog

from services.normalize.domain import EXTRACTOR_VERSION, extract
from services.normalize.reports import normalized_article
from shared.events import ArticleIngested
from shared.logging import bound_correlation
from shared.messages import NormalizedArticle
from shared.wire import RawEntry, data_of

log = structlog.get_logger()


@dataclass
class NormalizePlan:
    """The entries that succeeded (to publish and ack together) and those that failed (left pending)."""

    done_ids: list[str] = field(default_factory=list)
    normalized: list[NormalizedArticle] = field(default_factory=list)
    failed_ids: list[str] = field(default_factory=list)


def normalize(ingested: ArticleIngested) -> NormalizedArticle:
    article = ingested.article
    extraction = extract(article.body, article.published_at, article.title)
    return normalized_article(ingested, extraction.meetings, extraction.statements, EXTRACTOR_VERSION)


def plan_normalize(entries: list[RawEntry]) -> NormalizePlan:
    """A failing article does not hold up the batch: it stays pending and is retried alone."""
    plan = NormalizePlan()
    for entry_id, fields in entries:
        try:
            ingested = ArticleIngested.model_validate_json(data_of(fields))
            with bound_correlation(ingested.article.article_id):
                result = normalize(ingested)
                log.info(
                    "article.normalized",
                    meetings=sum(1 for e in result.events if e.kind == "MeetingReported"),
                    statements=sum(1 for e in result.events if e.kind == "StatementReported"),
                )
        except Exception:
            log.exception("article.normalize_failed", entry_id=entry_id)
            plan.failed_ids.append(entry_id)
            continue
        plan.done_ids.append(entry_id)
        plan.normalized.append(result)
    return plan


class NormalizedPort(Protocol):
    async def commit(self, plan: NormalizePlan) -> None: ...


async def handle_accepted_batch(entries: list[RawEntry], outbox: NormalizedPort) -> NormalizePlan:
    plan = plan_normalize(entries)
    await outbox.commit(plan)
    return plan
