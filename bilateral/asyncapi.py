"""The AsyncAPI document of every stream and message, generated from the code (`bilateral docs asyncapi`).

Consumers come from the services' own FastStream apps (built with placeholder URLs; building an app
connects to nothing): their streams, consumer groups and read method. What is written to each stream
comes from the contracts in `shared/`: one FastStream publisher per stream, declared here only for
documentation, carries the pydantic model of its entries. The services write with raw pipelined
XADDs (so publishing and acking are one MULTI/EXEC), so their apps hold no publishers to read.
"""

from __future__ import annotations

import importlib
import uuid
from datetime import datetime
from typing import Any

from faststream.redis import RedisBroker
from faststream.specification import AsyncAPI
from pydantic import BaseModel, Field, create_model

from services.api.schemas import RawArticle
from shared.events import ArticleIngested, Event, MeetingReported, StatementReported
from shared.messages import ArticleRejected, NormalizedArticle
from shared.settings import Settings
from shared.streams import (
    ARTICLES_ACCEPTED,
    ARTICLES_NORMALIZED,
    ARTICLES_RAW,
    ARTICLES_REJECTED,
    EVENTS_MEETINGS,
    EVENTS_STATEMENTS,
)

PLACEHOLDER_REDIS = "redis://localhost:6379"
SERVICES = ("ingest", "normalize", "store")


def payload_model(event: type[Event]) -> type[BaseModel]:
    """The event's own fields (the `data` of a published event), without the envelope."""
    fields: dict[str, Any] = {
        name: (info.annotation, info)
        for name, info in event.model_fields.items()
        if name not in Event.model_fields
    }
    return create_model(f"{event.__name__}Data", **fields)


def published_model(event: type[Event]) -> type[BaseModel]:
    """What the relay XADDs: the JSON document in field `data` (fields `event_type` and `countries`
    repeat its type and countries so consumers can filter without parsing)."""
    return create_model(
        f"Published{event.__name__}",
        global_position=(int, Field(description="position in the event store; also the entry id `<n>-0`")),
        event_id=(uuid.UUID, ...),
        stream_id=(str, ...),
        stream_version=(int, ...),
        event_type=(str, event.event_type),
        schema_version=(int, ...),
        occurred_at=(datetime | None, ...),
        recorded_at=(datetime, ...),
        correlation_id=(str | None, Field(description="the article id")),
        causation_id=(str | None, ...),
        data=(payload_model(event), ...),
    )


WRITTEN: tuple[tuple[str, str, Any, str], ...] = (
    (
        ARTICLES_RAW,
        "producers (redis-cli, any client, POST /articles)",
        RawArticle,
        "Either one field `data` holding this object as JSON, or one stream field per article field.",
    ),
    (ARTICLES_ACCEPTED, "ingest", ArticleIngested, "An accepted, canonical article (field `data`)."),
    (
        ARTICLES_REJECTED,
        "ingest, and any service dead-lettering an entry",
        ArticleRejected,
        "Anything refused, with a reason code and the original fields (field `data`).",
    ),
    (
        ARTICLES_NORMALIZED,
        "normalize",
        NormalizedArticle,
        "One article with every event its extraction produced (field `data`).",
    ),
    (
        EVENTS_MEETINGS,
        "store (relay)",
        published_model(MeetingReported),
        "Committed MeetingReported events in global order; entry id `<global_position>-0`.",
    ),
    (
        EVENTS_STATEMENTS,
        "store (relay)",
        published_model(StatementReported),
        "Committed StatementReported events in global order; entry id `<global_position>-0`.",
    ),
)


def documentation_broker() -> RedisBroker:
    broker = RedisBroker(PLACEHOLDER_REDIS)
    for stream, writer, schema, description in WRITTEN:
        broker.publisher(
            stream=stream,
            title=f"{stream}:written",
            description=f"Written by {writer}. {description}",
            schema=schema,
        )
    return broker


def asyncapi_document(schema_version: str = "3.0.0") -> dict[str, Any]:
    settings = Settings.model_validate(
        {
            "REDIS_URL": PLACEHOLDER_REDIS,
            "DATABASE_URL": "postgresql://localhost/bilateral",
            "BILATERAL_CONSUMER": "<consumer>",
        }
    )
    brokers = [documentation_broker()]
    for service in SERVICES:
        brokers.append(importlib.import_module(f"services.{service}.app").build_app(settings).broker)
    spec = AsyncAPI(
        *brokers,
        title="bilateral streams",
        version="1",
        description="Redis streams of the bilateral pipeline: what is written to each, and who reads it.",
        schema_version=schema_version,
    )
    document: dict[str, Any] = spec.to_specification().to_jsonable()
    return document
