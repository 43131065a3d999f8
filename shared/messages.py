"""Messages on the inter-service streams (each entry has one field, `data`, holding the JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events import AnyEvent, ArticleIngested, utc_now

RejectionReason = Literal[
    "not_json",
    "not_object",
    "invalid_utf8",
    "missing_body",
    "empty_body",
    "body_too_large",
    "field_too_large",
    "bad_published_at",
    "published_in_future",
    "invalid_field",
    "delivery_limit",
]


class NormalizedArticle(BaseModel):
    """normalize -> store: one article with every event its extraction produced, appended together."""

    model_config = ConfigDict(frozen=True)

    article: ArticleIngested
    events: tuple[AnyEvent, ...]


class ArticleRejected(BaseModel):
    """Anything a service could not accept, with the original fields so that nothing is lost."""

    model_config = ConfigDict(frozen=True)

    reason: RejectionReason
    detail: str
    source_stream: str
    source_id: str
    original: dict[str, str]
    delivery_count: int = 1
    rejected_at: datetime = Field(default_factory=utc_now)
