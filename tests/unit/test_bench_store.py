"""The store benchmark's events, and the serialisation every way (and the event store) uses."""

from __future__ import annotations

import json

import pytest

from bilateral.bench._store_ways import bench_events, copy_record, payload_json, stream_versions
from services.store.postgres.event_store import metadata_json

pytestmark = pytest.mark.unit


def test_payload_json_is_the_event_payload() -> None:
    for event in bench_events(3):
        assert json.loads(payload_json(event)) == event.payload()
        assert json.loads(metadata_json(event)) == {
            "occurred_at": event.occurred_at.isoformat(),
            "recorded_by": "bilateral",
        }


def test_events_fill_streams_in_order() -> None:
    events = bench_events(10, events_per_stream=4)
    assert stream_versions(events) == [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]
    assert len({e.event_id for e in events}) == 10
    assert len(payload_json(events[0])) > 600


def test_copy_record_has_the_events_table_columns() -> None:
    event = bench_events(1)[0]
    record = copy_record(event, 1)
    assert record[:5] == (event.event_id, event.stream_id, 1, "MeetingReported", event.schema_version)
    assert json.loads(record[6])["recorded_by"] == "bilateral"


def test_the_event_stores_serialisation_matches_payload_for_every_event_type() -> None:
    from datetime import UTC, datetime

    from bilateral.bench.generate import generated_article
    from services.ingest.domain import accept
    from services.ingest.handlers import article_ingested
    from services.normalize.handlers import normalize
    from shared.events import Article

    fields = {b"data": json.dumps(generated_article(1)).encode()}
    article = accept(fields, datetime(2030, 1, 1, tzinfo=UTC), 256 * 1024)
    assert isinstance(article, Article)
    normalized = normalize(article_ingested(article, "1-0"))
    events = [normalized.article, *normalized.events]
    assert {e.event_type for e in events} >= {"ArticleIngested", "ArticleNormalized", "MeetingReported"}
    for event in events:
        assert json.loads(payload_json(event)) == event.payload()
