"""Fuzzing the raw message fields: every message ends accepted or rejected, and nothing a producer can
send crashes ingest, normalize, or the encoding of what they publish (which the store then reads)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from services.ingest.domain import EARLIEST, FUTURE_TOLERANCE, KNOWN_FIELDS, Rejection, accept
from services.ingest.handlers import article_ingested, rejection_record
from services.normalize.handlers import normalize
from shared.events import Article
from shared.messages import ArticleRejected, NormalizedArticle
from shared.streams import ARTICLES_RAW
from shared.wire import encode

pytestmark = pytest.mark.unit
NOW = datetime(2025, 2, 1, tzinfo=UTC)
LIMIT = 4096
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
names = st.sampled_from([*KNOWN_FIELDS, "data", "reply_to", "id", "lang"]) | any_text
dates = (
    st.datetimes(
        min_value=datetime(1890, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.timezones() | st.none()
    )
    | st.datetimes(timezones=st.timezones() | st.none())
).map(datetime.isoformat)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text | dates,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
prose = st.lists(
    st.sampled_from(
        [
            "Iran's president met Kazakh Prime Minister Olzhas Bektenov in Astana on Monday.",
            '"We agreed on trade," he said.',
            "<p>Turkey and Azerbaijan signed a rail deal.</p>",
            "<script>alert('x')</script>",
            "\x00\x1b[0m\u200b",
            '"' * 50,
            "\n\n",
        ]
    )
    | any_text,
    max_size=8,
).map("".join)
documents = st.fixed_dictionaries(
    {},
    optional={
        "body": prose | json_values,
        "title": any_text | json_values,
        "published_at": dates | any_text | json_values,
        "source": any_text,
        "url": any_text,
        "language": any_text,
    },
).flatmap(
    lambda known: st.dictionaries(any_text, json_values, max_size=3).map(lambda extra: {**extra, **known})
)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


raw_fields = st.dictionaries(st.binary(max_size=20) | names.map(_utf8), st.binary(max_size=300), max_size=6)
json_messages = st.tuples(
    documents, st.dictionaries(names.map(_utf8), st.binary(max_size=50), max_size=2)
).map(lambda pair: {**pair[1], b"data": _utf8(json.dumps(pair[0], ensure_ascii=False))})
field_messages = documents.map(
    lambda document: {
        _utf8(key): _utf8(value if isinstance(value, str) else json.dumps(value))
        for key, value in document.items()
    }
)


def end_to_end(fields: dict[bytes, bytes]) -> None:
    """What ingest and normalize would do with the message; raises only on a bug."""
    outcome = accept(fields, NOW, LIMIT)
    event(outcome.reason if isinstance(outcome, Rejection) else "accepted")
    if isinstance(outcome, Rejection):
        record = rejection_record(outcome, ("1-0", fields), ARTICLES_RAW)
        assert ArticleRejected.model_validate_json(encode(record)["data"]) == record
        return
    assert isinstance(outcome, Article)
    assert outcome.body and len(outcome.body.encode()) <= LIMIT
    assert EARLIEST <= outcome.published_at <= NOW + FUTURE_TOLERANCE + timedelta(seconds=1)
    ingested = article_ingested(outcome, "1-0")
    normalized = normalize(ingested)
    assert NormalizedArticle.model_validate_json(encode(normalized)["data"]) == normalized


@FUZZ
@given(raw_fields)
def test_any_stream_fields(fields: dict[bytes, bytes]) -> None:
    end_to_end(fields)


@FUZZ
@given(json_messages)
def test_any_json_document(fields: dict[bytes, bytes]) -> None:
    end_to_end(fields)


@FUZZ
@given(field_messages)
def test_any_document_as_stream_fields(fields: dict[bytes, bytes]) -> None:
    end_to_end(fields)
