"""The AsyncAPI document, generated from the code, documents every stream and its messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bilateral.asyncapi import asyncapi_document
from bilateral.cli import main
from shared.streams import (
    ALL_STREAMS,
    ARTICLES_ACCEPTED,
    ARTICLES_NORMALIZED,
    ARTICLES_RAW,
    INGEST_GROUP,
    NORMALIZE_GROUP,
    STORE_GROUP,
)

pytestmark = pytest.mark.unit


def test_every_stream_is_listed_with_its_message_schema() -> None:
    document = asyncapi_document()
    channels = document["channels"]
    addresses = {channel["address"] for channel in channels.values()}
    assert addresses == set(ALL_STREAMS)
    schemas = document["components"]["schemas"]
    assert {"RawArticle", "ArticleIngested", "ArticleRejected", "NormalizedArticle"} <= set(schemas)
    assert {"PublishedMeetingReported", "PublishedStatementReported"} <= set(schemas)
    meeting_data = schemas["MeetingReportedData"]["properties"]
    assert {"meeting_key", "article_id", "meeting"} <= set(meeting_data)


def test_consumer_groups_come_from_the_service_apps() -> None:
    groups = {
        (channel["address"], channel["bindings"]["redis"].get("groupName"))
        for channel in asyncapi_document()["channels"].values()
    }
    assert {
        (ARTICLES_RAW, INGEST_GROUP),
        (ARTICLES_ACCEPTED, NORMALIZE_GROUP),
        (ARTICLES_NORMALIZED, STORE_GROUP),
    } <= groups


def test_docs_command_writes_json_and_yaml(tmp_path: Path) -> None:
    assert main(["docs", "asyncapi", "-o", str(tmp_path / "asyncapi.json")]) == 0
    assert json.loads((tmp_path / "asyncapi.json").read_text())["asyncapi"] == "3.0.0"
    assert main(["docs", "asyncapi", "--schema-version", "2.6.0", "-o", str(tmp_path / "asyncapi.yaml")]) == 0
    assert yaml.safe_load((tmp_path / "asyncapi.yaml").read_text())["asyncapi"] == "2.6.0"
