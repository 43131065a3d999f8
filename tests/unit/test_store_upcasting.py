"""Schema evolution and the fold's one-report-per-article rule, without servers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.store.domain import fold_batch
from services.store.postgres.event_store import StoredEvent, as_event
from services.store.upcasting import current_version, upcast
from shared.events import MeetingReported

pytestmark = pytest.mark.unit

V1_MEETING = {
    "kind": "MeetingReported",
    "article_id": "a1",
    "meeting_key": "k1",
    "extractor_version": "v1",
    "meeting": {
        "participants": [{"name": "Olzhas Bektenov", "title": "Prime Minister", "country": "KAZ"}],
        "countries": ["IRN", "KAZ"],
        "date": "2025-01-30",
        "venue": "Astana",
    },
}


def stored(position: int, event_type: str, data: dict, schema_version: int) -> StoredEvent:
    return StoredEvent(
        global_position=position,
        event_id=uuid.uuid5(uuid.NAMESPACE_URL, f"{position}"),
        stream_id="meeting-k1",
        stream_version=position,
        event_type=event_type,
        schema_version=schema_version,
        data=data,
        metadata={"occurred_at": "2025-01-31T10:00:00+00:00"},
        correlation_id="a1",
        causation_id=None,
        recorded_at=datetime(2025, 1, 31, tzinfo=UTC),
    )


def test_meeting_reported_is_at_schema_version_2() -> None:
    assert current_version("MeetingReported") == MeetingReported.schema_version == 2


def test_a_v1_venue_becomes_a_v2_location() -> None:
    data = upcast("MeetingReported", 1, V1_MEETING)
    assert data["meeting"]["location"] == {"name": "Astana", "country": None}
    assert "venue" not in data["meeting"]
    assert V1_MEETING["meeting"]["venue"] == "Astana"  # the stored payload is not rewritten


def test_a_stored_v1_row_reads_as_a_v2_event() -> None:
    event = as_event(stored(1, "MeetingReported", V1_MEETING, 1))
    assert isinstance(event, MeetingReported)
    assert event.meeting.location is not None and event.meeting.location.name == "Astana"
    assert event.meeting.format == "in_person"


def test_current_payloads_pass_through_unchanged() -> None:
    data = upcast("MeetingReported", 1, V1_MEETING)
    assert upcast("MeetingReported", 2, data) is data


def test_one_report_per_meeting_and_article_the_latest_winning() -> None:
    marker = {"article_id": "a1", "extractor_version": "v1"}
    later = {**V1_MEETING, "meeting": {**V1_MEETING["meeting"], "topics": ["trade"]}}
    changes = fold_batch(
        [
            stored(1, "ArticleNormalized", marker, 1),
            stored(2, "MeetingReported", V1_MEETING, 1),
            stored(3, "MeetingReported", later, 1),
        ],
        {},
    )
    assert [(row[0], row[1], row[3], row[9]) for row in changes.meeting_rows] == [("k1", "a1", 3, ["trade"])]
