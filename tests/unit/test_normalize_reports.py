"""Events built from an extraction: stable ids, and one meeting key per real meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.normalize.reports import meeting_key, normalized_article
from shared.events import (
    Article,
    ArticleIngested,
    MeetingFacts,
    Participant,
    StatementFacts,
    derived_event_id,
)

pytestmark = pytest.mark.unit


def ingested(article_id: str) -> ArticleIngested:
    article = Article(article_id=article_id, body="b", published_at=datetime(2025, 1, 31, tzinfo=UTC))
    return ArticleIngested(
        event_id=derived_event_id(article_id),
        stream_id=f"article-{article_id}",
        occurred_at=article.published_at,
        correlation_id=article_id,
        article=article,
    )


def meeting(*names: str, day: date | None = date(2025, 1, 30)) -> MeetingFacts:
    return MeetingFacts(
        participants=tuple(Participant(name=n) for n in names), countries=("IRN", "KAZ"), date=day
    )


def test_two_articles_naming_the_same_people_differently_share_a_meeting_key() -> None:
    a = meeting("Muhammad Reza Aref", "Olzhas Bektenov")
    b = meeting("Mohammad-Reza Aref", "Bektenov")
    assert meeting_key(a, "article-1") == meeting_key(b, "article-2")


def test_a_different_day_or_different_people_is_a_different_meeting() -> None:
    base = meeting_key(meeting("Aref", "Bektenov"), "a")
    assert meeting_key(meeting("Aref", "Bektenov", day=date(2025, 1, 31)), "a") != base
    assert meeting_key(meeting("Aref", "Smailov"), "a") != base


def test_undated_meetings_stay_with_their_article() -> None:
    undated = meeting("Aref", "Bektenov", day=None)
    assert meeting_key(undated, "a") != meeting_key(undated, "b")


def test_normalizing_twice_yields_identical_events_with_the_marker_first() -> None:
    statement = StatementFacts(
        speaker=Participant(name="Aref", country="IRN"), mode="direct", text="Hello there"
    )
    first = normalized_article(ingested("a1"), (meeting("Aref", "Bektenov"),), (statement,), "v1")
    again = normalized_article(ingested("a1"), (meeting("Aref", "Bektenov"),), (statement,), "v1")
    assert [e.event_id for e in first.events] == [e.event_id for e in again.events]
    assert [e.kind for e in first.events] == ["ArticleNormalized", "MeetingReported", "StatementReported"]
    newer = normalized_article(ingested("a1"), (meeting("Aref", "Bektenov"),), (statement,), "v2")
    assert {e.event_id for e in newer.events}.isdisjoint({e.event_id for e in first.events})
