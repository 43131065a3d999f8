"""Domain events and their envelope: the contract between the services and the event store.

Every event is a frozen pydantic model with a past-tense name. Derived events get a deterministic
`event_id` (a UUID5 of what they were derived from) so that a re-delivered message yields the same id
and the store's idempotent append drops it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_NAMESPACE = uuid.UUID("6f1c2b1e-4c55-4f0e-9a7b-1d8c3e2f5a10")

MeetingFormat = Literal["in_person", "phone_call", "virtual"]
StatementMode = Literal["direct", "partial", "indirect"]


def derived_event_id(*parts: str) -> uuid.UUID:
    """A stable id for an event derived from `parts` (the same inputs always give the same id)."""
    return uuid.uuid5(EVENT_NAMESPACE, "\x1f".join(parts))


def utc_now() -> datetime:
    return datetime.now(UTC)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Participant(Frozen):
    name: str | None
    title: str | None = None
    country: str | None = None


class Location(Frozen):
    name: str
    country: str | None = None


class Evidence(Frozen):
    start: int
    end: int
    text: str


class MeetingFacts(Frozen):
    """One meeting as the extractor read it from one article (EXTRACTION.md)."""

    participants: tuple[Participant, ...]
    countries: tuple[str, ...]
    date: dt.date | None
    location: Location | None = None
    format: MeetingFormat = "in_person"
    topics: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


class StatementFacts(Frozen):
    """One statement as the extractor read it from one article (EXTRACTION.md)."""

    speaker: Participant
    mode: StatementMode
    text: str
    date: dt.date | None = None
    about: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


class Article(Frozen):
    """A canonical article: validated, canonicalised text with a stable id."""

    article_id: str
    title: str | None = None
    body: str
    published_at: datetime
    source: str | None = None
    url: str | None = None
    language: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)


class Event(Frozen):
    """The envelope every event carries (DESIGN.md, Events)."""

    event_type: ClassVar[str]
    schema_version: ClassVar[int] = 1

    event_id: uuid.UUID
    stream_id: str
    occurred_at: datetime
    recorded_at: datetime = Field(default_factory=utc_now)
    correlation_id: str
    causation_id: str | None = None

    def payload(self) -> dict[str, Any]:
        """The event's own fields, without the envelope, as stored in the `data` column."""
        return self.model_dump(mode="json", exclude=set(Event.model_fields))


class ArticleIngested(Event):
    event_type: ClassVar[str] = "ArticleIngested"
    kind: Literal["ArticleIngested"] = "ArticleIngested"
    article: Article


class ArticleNormalized(Event):
    """Marks one complete extraction of an article; read models keep only each article's latest."""

    event_type: ClassVar[str] = "ArticleNormalized"
    kind: Literal["ArticleNormalized"] = "ArticleNormalized"
    article_id: str
    extractor_version: str
    meeting_count: int
    statement_count: int


class MeetingReported(Event):
    """Schema v2: the meeting's place is `location` {name, country}; v1 stored a bare `venue` string
    (upcast on read by services/store/upcasting.py)."""

    event_type: ClassVar[str] = "MeetingReported"
    schema_version: ClassVar[int] = 2
    kind: Literal["MeetingReported"] = "MeetingReported"
    article_id: str
    meeting_key: str
    extractor_version: str
    meeting: MeetingFacts


class StatementReported(Event):
    event_type: ClassVar[str] = "StatementReported"
    kind: Literal["StatementReported"] = "StatementReported"
    article_id: str
    extractor_version: str
    statement: StatementFacts


AnyEvent = Annotated[
    ArticleIngested | ArticleNormalized | MeetingReported | StatementReported, Field(discriminator="kind")
]
EVENT_TYPES: dict[str, type[Event]] = {
    cls.event_type: cls for cls in (ArticleIngested, ArticleNormalized, MeetingReported, StatementReported)
}


def article_stream(article_id: str) -> str:
    return f"article-{article_id}"


def meeting_stream(meeting_key: str) -> str:
    return f"meeting-{meeting_key}"
