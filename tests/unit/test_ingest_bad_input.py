"""Every kind of bad input the issue lists ends with its own reason code; the hostile inputs that are
still articles (markup, scripts, control characters, 10,000 quotation marks) are accepted clean."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.ingest.domain import FIELD_MAX_BYTES, Rejection, accept
from services.ingest.handlers import article_ingested, plan_intake, validate_entries
from services.normalize.handlers import normalize
from shared.events import Article

pytestmark = pytest.mark.unit
NOW = datetime(2025, 2, 1, tzinfo=UTC)
LIMIT = 256 * 1024
WHEN = "2025-01-31T20:00:00Z"


def data(document: object) -> dict[bytes, bytes]:
    return {b"data": json.dumps(document).encode()}


def article(**fields: object) -> dict[bytes, bytes]:
    return data({"body": "Iran's president met Kazakh officials.", "published_at": WHEN, **fields})


BAD_INPUT = {
    "not JSON": ({b"data": b"{'body': 'single quotes'}"}, "not_json"),
    "truncated JSON": ({b"data": b'{"body": "Iran'}, "not_json"),
    "JSON nested too deep": ({b"data": b"[" * 100_000}, "not_json"),
    "JSON array": (data(["body", "text"]), "not_object"),
    "JSON string": (data("an article"), "not_object"),
    "JSON null": ({b"data": b"null"}, "not_object"),
    "no fields at all": ({}, "missing_body"),
    "missing body": (data({"title": "No body", "published_at": WHEN}), "missing_body"),
    "empty body": (article(body=""), "empty_body"),
    "body of whitespace": (article(body=" \n\t\u3000 "), "empty_body"),
    "body of only a script": (article(body="<script>alert(1)</script>"), "empty_body"),
    "body of only control characters": (article(body="\x00\x07\x1b\x7f"), "empty_body"),
    "body over the limit": (article(body="x" * (LIMIT + 1)), "body_too_large"),
    "a million tiny paragraphs": (article(body="a\n" * 1_000_000), "body_too_large"),
    "a message far over any limit": ({b"data": b" " * (LIMIT * 8)}, "body_too_large"),
    "a title over the field limit": (article(title="t" * (FIELD_MAX_BYTES + 1)), "field_too_large"),
    "metadata over the field limit": (article(extra={"k": "v" * FIELD_MAX_BYTES}), "field_too_large"),
    "invalid UTF-8 in a field": (
        {b"body": b"\xff\xfe caf\xe9", b"published_at": WHEN.encode()},
        "invalid_utf8",
    ),
    "invalid UTF-8 in a field name": ({b"\xc3(": b"x", b"body": b"text"}, "invalid_utf8"),
    "an unpaired surrogate escaped in JSON": (
        {b"data": b'{"body": "x\\ud800", "published_at": "2025-01-01"}'},
        "invalid_utf8",
    ),
    "no published_at": (data({"body": "text"}), "bad_published_at"),
    "published_at not a date": (article(published_at="yesterday"), "bad_published_at"),
    "published_at an impossible date": (article(published_at="2025-02-30T10:00:00Z"), "bad_published_at"),
    "published_at a number": (article(published_at=1738353600), "bad_published_at"),
    "published_at before 1900": (article(published_at="0001-01-01T00:00:00+14:00"), "bad_published_at"),
    "published_at far in the future": (article(published_at="2999-01-01T00:00:00Z"), "published_in_future"),
    "published_at at the end of time": (
        article(published_at="9999-12-31T23:59:59-14:00"),
        "published_in_future",
    ),
    "a title that is not text": (article(title=["a", "list"]), "invalid_field"),
    "a body that is not text": (article(body={"html": "<p>x</p>"}), "invalid_field"),
}


@pytest.mark.parametrize("fields, reason", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_each_bad_input_has_its_reason(fields: dict[bytes, bytes], reason: str) -> None:
    outcome = accept(fields, NOW, LIMIT)
    assert isinstance(outcome, Rejection), outcome
    assert outcome.reason == reason
    assert outcome.detail


def test_html_and_scripts_are_removed_and_the_text_kept() -> None:
    body = (
        '<p onclick="x()">Iran and Oman met.</p><script>steal()</script><style>p{}</style><p>In Muscat.</p>'
    )
    outcome = accept(article(body=body), NOW, LIMIT)
    assert isinstance(outcome, Article)
    assert outcome.body == "Iran and Oman met.\nIn Muscat."


def test_control_characters_are_removed() -> None:
    outcome = accept(article(body="Iran\x00 and\x1b[31m Oman\u200b met.\x7f"), NOW, LIMIT)
    assert isinstance(outcome, Article)
    assert outcome.body == "Iran and[31m Oman met."


def test_ten_thousand_quotation_marks_are_an_article_normalize_copes_with() -> None:
    for marks in ('"' * 10_000, "\u201c" * 5_000 + "\u201d" * 5_000, 'He said "' + '"' * 10_000 + '."'):
        outcome = accept(article(body=f"Iran and Oman met. {marks}"), NOW, LIMIT)
        assert isinstance(outcome, Article)
        normalized = normalize(article_ingested(outcome, "1-0"))
        assert normalized.article.article.article_id == outcome.article_id


def test_one_bad_entry_disturbs_nothing_else_in_its_batch() -> None:
    good = [(f"{n}-0", article(title=f"Report {n}")) for n in range(3)]
    bad = [(f"{n}-1", fields) for n, (fields, _) in enumerate(BAD_INPUT.values())]
    entries = [entry for pair in zip(good, bad, strict=False) for entry in pair] + bad[len(good) :]
    plan = plan_intake(validate_entries(entries, NOW, LIMIT), seen=set())
    assert [event.article.title for event in plan.accepted] == ["Report 0", "Report 1", "Report 2"]
    assert [r.reason for r in plan.rejected] == [reason for _, reason in BAD_INPUT.values()]
    assert plan.entry_ids == [entry_id for entry_id, _ in entries]
