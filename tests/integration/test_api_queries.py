"""The HTTP query API over real HTTP, reading read models the real extractor and projector filled."""

from __future__ import annotations

import pytest
from api_server import api_client, store_sample
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.settings import Settings

pytestmark = pytest.mark.integration


async def test_relations_meetings_statements_and_events(settings: Settings, engine: AsyncEngine) -> None:
    ingested = await store_sample(engine)
    async with api_client(settings) as api:
        relations = (await api.get("/relations")).json()
        pairs = {(r["country_a"], r["country_b"]) for r in relations}
        assert ("IRN", "KAZ") in pairs

        pair = await api.get("/relations/KAZ/IRN")
        assert pair.status_code == 200
        assert pair.json()["meeting_count"] >= 1
        assert (await api.get("/relations/FRA/IRN")).status_code == 404

        partners = (await api.get("/countries/IRN/partners")).json()
        assert {p["partner"] for p in partners} >= {"KAZ", "BLR", "KGZ"}

        meetings = (await api.get("/meetings", params={"pair": "IRN-KAZ"})).json()
        assert meetings and all({"IRN", "KAZ"} <= set(m["countries"]) for m in meetings)
        assert meetings[0]["sources"] == [ingested.article.article_id]
        assert meetings[0]["evidence"][0]["evidence"], "each source carries its evidence spans"
        key = meetings[0]["meeting_key"]
        assert (await api.get(f"/meetings/{key}")).json()["meeting_key"] == key

        day = meetings[0]["date"]
        in_range = (await api.get("/meetings", params={"country": "IRN", "since": day, "until": day})).json()
        assert key in {m["meeting_key"] for m in in_range}
        assert (await api.get("/meetings", params={"country": "IRN", "until": "2000-01-01"})).json() == []

        statements = (await api.get("/statements", params={"country": "IRN"})).json()
        assert statements
        speaker = next(s["speaker_name"] for s in statements if s["speaker_name"])
        by_speaker = (await api.get("/statements", params={"speaker": speaker.split()[-1].lower()})).json()
        assert by_speaker and all(speaker.split()[-1] in (s["speaker_name"] or "") for s in by_speaker)

        first = (await api.get("/events", params={"after": 0, "limit": 2})).json()
        assert [e["global_position"] for e in first["events"]] == [1, 2] and first["has_more"]
        rest = (await api.get("/events", params={"after": first["next_after"], "limit": 1000})).json()
        assert rest["events"][0]["global_position"] == 3 and not rest["has_more"]
        assert rest["next_after"] == rest["events"][-1]["global_position"]

        assert (await api.get("/meetings", params={"limit": 0})).status_code == 422
        schema = (await api.get("/openapi.json")).json()
        assert {"/relations", "/meetings", "/statements", "/events", "/articles", "/health"} <= set(
            schema["paths"]
        )


async def test_health_and_metrics(settings: Settings, engine: AsyncEngine) -> None:
    async with api_client(settings) as api:
        health = await api.get("/health")
        assert health.status_code == 200 and health.json() == {
            "status": "ok",
            "redis": True,
            "database": True,
        }
        await api.get("/relations")
        metrics = (await api.get("/metrics")).text
    assert 'bilateral_http_requests_total{method="GET",route="/relations",status="200"} 1.0' in metrics
    assert "bilateral_group_lag" in metrics or "bilateral_stream_length" in metrics
