"""Ingest's pure rules: both producer formats, canonical text, stable ids, de-duplication."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.ingest.canonical import article_id_for, canonical_text
from services.ingest.domain import Rejection, accept
from services.ingest.handlers import plan_intake, validate_entries
from shared.events import Article

pytestmark = pytest.mark.unit
NOW = datetime(2025, 2, 1, tzinfo=UTC)
LIMIT = 256 * 1024
ARTICLE = {
    "title": "Talks",
    "body": "Iran's president met Kazakh officials.",
    "published_at": "2025-01-31T20:00:00Z",
}


def as_json_entry(document: dict[str, object]) -> dict[bytes, bytes]:
    return {b"data": json.dumps(document).encode()}


def as_field_entry(document: dict[str, str]) -> dict[bytes, bytes]:
    return {k.encode(): v.encode() for k, v in document.items()}


def accepted(fields: dict[bytes, bytes]) -> Article:
    outcome = accept(fields, NOW, LIMIT)
    assert isinstance(outcome, Article), outcome
    return outcome


def test_both_producer_formats_give_the_same_article() -> None:
    from_json, from_fields = accepted(as_json_entry(ARTICLE)), accepted(as_field_entry(ARTICLE))
    assert from_json == from_fields
    assert from_json.published_at == datetime(2025, 1, 31, 20, tzinfo=UTC)


def test_unknown_fields_are_kept_as_metadata() -> None:
    article = accepted(as_json_entry({**ARTICLE, "feed": "kayhan", "tags": ["eaeu", "iran"]}))
    assert article.metadata == {"feed": "kayhan", "tags": '["eaeu", "iran"]'}


def test_a_date_without_zone_is_read_as_utc() -> None:
    article = accepted(as_json_entry({**ARTICLE, "published_at": "2025-01-31T20:00:00"}))
    assert article.published_at.tzinfo is not None


def test_html_is_reduced_to_its_text_and_scripts_are_dropped() -> None:
    body = "<p>Aref met <b>Bektenov</b>&nbsp;on Thursday.</p><script>alert(1)</script><p>Second&amp;last.</p>"
    assert canonical_text(body) == "Aref met Bektenov on Thursday.\nSecond&last."


def test_whitespace_control_characters_and_unicode_forms_are_canonical() -> None:
    decomposed = "Caf\u0065\u0301 talks\x00\x07 \t here\r\n\r\n\n  next   paragraph  "
    assert canonical_text(decomposed) == "Caf\u00e9 talks here\nnext paragraph"


def test_article_id_is_stable_across_cosmetic_differences() -> None:
    a = accepted(as_json_entry(ARTICLE))
    b = accepted(as_json_entry({**ARTICLE, "body": "  " + ARTICLE["body"].replace(" ", "   ") + "\n\n"}))
    assert a.article_id == b.article_id == article_id_for("Talks", ARTICLE["body"])
    assert a.article_id != accepted(as_json_entry({**ARTICLE, "title": "Other"})).article_id


def test_a_batch_drops_repeats_within_itself_and_of_articles_already_seen() -> None:
    other = {**ARTICLE, "body": "Another meeting took place."}
    entries = [
        ("1-0", as_json_entry(ARTICLE)),
        ("1-1", as_field_entry(ARTICLE)),
        ("1-2", as_json_entry(other)),
        ("1-3", {b"data": b"nonsense"}),
    ]
    validated = validate_entries(entries, NOW, LIMIT)
    seen_before = {accepted(as_json_entry(other)).article_id}
    plan = plan_intake(validated, seen_before)
    assert plan.entry_ids == ["1-0", "1-1", "1-2", "1-3"]
    assert [e.article.title for e in plan.accepted] == ["Talks"]
    assert len(plan.duplicates) == 2
    assert [r.reason for r in plan.rejected] == ["not_json"]
    assert len(plan.accepted) + len(plan.duplicates) + len(plan.rejected) == len(entries)


def test_the_ingested_event_id_is_derived_from_the_article() -> None:
    first = plan_intake(validate_entries([("1-0", as_json_entry(ARTICLE))], NOW, LIMIT), set())
    again = plan_intake(validate_entries([("9-0", as_field_entry(ARTICLE))], NOW, LIMIT), set())
    assert first.accepted[0].event_id == again.accepted[0].event_id


def test_a_reply_is_planned_only_for_keys_under_the_reply_prefix() -> None:
    entries = [
        ("1-0", {**as_json_entry(ARTICLE), b"reply_to": b"bilateral:reply:abc"}),
        ("1-1", {b"data": b"[]", b"reply_to": b"bilateral:reply:def"}),
        ("1-2", {**as_field_entry({**ARTICLE, "title": "x"}), b"reply_to": b"some:other:key"}),
    ]
    plan = plan_intake(validate_entries(entries, NOW, LIMIT), set())
    assert plan.replies["bilateral:reply:abc"]["status"] == "accepted"
    assert plan.replies["bilateral:reply:def"] == {
        "status": "rejected",
        "reason": "not_object",
        "detail": "field 'data' holds a JSON list, not an object",
    }
    assert len(plan.replies) == 2
    assert "reply_to" not in plan.accepted[-1].article.metadata


def test_rejections_say_why() -> None:
    outcome = accept({b"body": b"text"}, NOW, LIMIT)
    assert isinstance(outcome, Rejection)
    assert (outcome.reason, outcome.detail) == (
        "bad_published_at",
        "published_at is required, as an ISO 8601 date-time",
    )
