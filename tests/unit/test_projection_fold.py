"""The projection's pure fold: only each article's latest extraction counts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from services.store.domain import articles_needing_versions, fold_batch, pairs_of
from services.store.postgres.event_store import StoredEvent

pytestmark = pytest.mark.unit


def stored(position: int, event_type: str, data: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        position, uuid.uuid4(), "s", position, event_type, 1, data, {}, None, None, datetime.now(UTC)
    )


def marker(position: int, article: str, version: str) -> StoredEvent:
    data = {"article_id": article, "extractor_version": version, "meeting_count": 1, "statement_count": 0}
    return stored(position, "ArticleNormalized", data)


def reported_meeting(position: int, article: str, version: str, countries: list[str]) -> StoredEvent:
    meeting = {"participants": [], "countries": countries, "date": "2025-01-30", "topics": ["trade"]}
    data = {
        "article_id": article,
        "extractor_version": version,
        "meeting_key": f"k-{article}",
        "meeting": meeting,
    }
    return stored(position, "MeetingReported", data)


def test_pairs_of_a_multilateral_meeting() -> None:
    assert pairs_of(["KGZ", "IRN", "KAZ", "IRN"]) == {("IRN", "KAZ"), ("IRN", "KGZ"), ("KAZ", "KGZ")}


def test_reports_of_a_superseded_extraction_are_ignored() -> None:
    events = [
        marker(1, "a", "v1"),
        reported_meeting(2, "a", "v1", ["IRN", "KAZ"]),
        marker(3, "a", "v2"),
        reported_meeting(4, "a", "v2", ["BLR", "IRN"]),
    ]
    changes = fold_batch(events, {})
    assert [row[2] for row in changes.meeting_rows] == ["v2"]
    assert changes.current_versions == {"a": ("v2", 3)}
    assert changes.touched_pairs == {("BLR", "IRN")}
    assert changes.last_position == 4


def test_reports_without_their_marker_in_the_batch_use_the_stored_version() -> None:
    events = [reported_meeting(7, "a", "v1", ["IRN", "KAZ"]), reported_meeting(8, "b", "v1", ["IRN", "KGZ"])]
    assert articles_needing_versions(events) == {"a", "b"}
    changes = fold_batch(events, {"a": "v1", "b": "v0"})
    assert [row[1] for row in changes.meeting_rows] == ["a"]
