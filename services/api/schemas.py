"""The HTTP API's request and response documents (they are what OpenAPI shows)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.store.postgres.api_queries import EventRow
from shared.messages import RejectionReason


class Loose(BaseModel):
    """Read-model JSON as stored; fields a later event schema adds pass through."""

    model_config = ConfigDict(extra="allow")


class Participant(Loose):
    name: str | None
    title: str | None = None
    country: str | None = None


class Location(Loose):
    name: str
    country: str | None = None


class Evidence(Loose):
    start: int
    end: int
    text: str


class RawArticle(BaseModel):
    """What a producer sends: the fields ingest reads. Unknown fields are kept as metadata.

    This model documents the intake; it does not validate it. Ingest validates every article, however
    it arrived, and answers with a reason code when it rejects one.
    """

    model_config = ConfigDict(extra="allow")

    body: str = Field(description="the article text (plain text or HTML)")
    published_at: str = Field(description="ISO 8601 date-time; without an offset it is read as UTC")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


class ArticleAccepted(BaseModel):
    status: Literal["accepted", "duplicate"]
    article_id: str


class ArticleRefused(BaseModel):
    status: Literal["rejected"] = "rejected"
    reason: RejectionReason
    detail: str


class IntakeUnavailable(BaseModel):
    status: Literal["unavailable", "timeout"]
    detail: str


class StatementSummary(BaseModel):
    speaker: str | None
    country: str | None
    text: str
    date: date | None
    article_id: str


class Relation(BaseModel):
    country_a: str
    country_b: str
    meeting_count: int
    first_meeting: date | None
    last_meeting: date | None
    last_participants: list[Participant]
    topics: list[str]
    statement_count: int
    latest_statements: list[StatementSummary]


class Partner(Relation):
    partner: str = Field(description="the other country of the pair")


class SourceEvidence(BaseModel):
    article_id: str
    evidence: list[Evidence]


class Meeting(BaseModel):
    meeting_key: str
    countries: list[str]
    date: date | None
    participants: list[Participant]
    location: Location | None
    format: str
    topics: list[str]
    sources: list[str] = Field(description="ids of the articles that reported this meeting, oldest first")
    evidence: list[SourceEvidence]
    first_position: int
    last_position: int


class Statement(BaseModel):
    event_id: str
    article_id: str
    speaker_name: str | None
    speaker_title: str | None
    speaker_country: str | None
    mode: str | None
    text: str
    date: date | None
    about: list[str]
    evidence: list[Evidence]
    position: int


class EventPage(BaseModel):
    events: list[EventRow]  # the query's own row type: pydantic reads dataclasses
    next_after: int = Field(description="pass as `after` for the next page")
    has_more: bool


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    redis: bool
    database: bool
