"""Raw intake rules: decode either producer format, validate, canonicalise. Pure: no I/O.

`accept(fields, now)` returns an `Article` or a `Rejection` for every possible input; it never raises.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.ingest.canonical import article_id_for, canonical_line, canonical_text
from shared.events import Article
from shared.messages import RejectionReason

KNOWN_FIELDS = ("title", "body", "published_at", "source", "url", "language")
REPLY_FIELD = "reply_to"
REPLY_PREFIX = "bilateral:reply:"
TRANSPORT_FIELDS = (REPLY_FIELD,)
FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True)
class Rejection:
    reason: RejectionReason
    detail: str


class Rejected(Exception):
    def __init__(self, reason: RejectionReason, detail: str) -> None:
        super().__init__(detail)
        self.rejection = Rejection(reason, detail)


def decode_fields(fields: Mapping[bytes, bytes]) -> dict[str, object]:
    """Either `data` holding a JSON object, or one stream field per article field."""
    try:
        text_fields = {k.decode(): v.decode() for k, v in fields.items()}
    except UnicodeDecodeError as exc:
        raise Rejected(
            "invalid_utf8", f"a field is not valid UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
    if "data" not in text_fields:
        return dict(text_fields)
    try:
        document = json.loads(text_fields["data"])
    except (ValueError, RecursionError) as exc:
        raise Rejected("not_json", f"field 'data' is not JSON: {str(exc)[:200]}") from None
    if not isinstance(document, dict):
        raise Rejected("not_object", f"field 'data' holds a JSON {type(document).__name__}, not an object")
    extra = {k: v for k, v in text_fields.items() if k != "data"}
    return {**extra, **document}


def _optional_text(document: Mapping[str, object], name: str) -> str | None:
    value = document.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected("invalid_field", f"'{name}' must be a string, not {type(value).__name__}")
    return canonical_line(value) or None


def parse_published_at(value: object, now: datetime) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise Rejected("bad_published_at", "published_at is required, as an ISO 8601 date-time")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Rejected("bad_published_at", f"published_at is not ISO 8601: {value[:80]!r}") from None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if parsed - now > FUTURE_TOLERANCE:
        raise Rejected("published_in_future", f"published_at {parsed.isoformat()} is after {now.isoformat()}")
    return parsed


def parse_body(value: object, max_bytes: int) -> str:
    if value is None:
        raise Rejected("missing_body", "the article has no 'body'")
    if not isinstance(value, str):
        raise Rejected("invalid_field", f"'body' must be a string, not {type(value).__name__}")
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise Rejected("body_too_large", f"body is {size} bytes; the limit is {max_bytes}")
    body = canonical_text(value)
    if not body:
        raise Rejected("empty_body", "body is empty once tags, control characters and whitespace are removed")
    return body


def metadata_of(document: Mapping[str, object]) -> dict[str, str]:
    """Unknown fields are kept, as text (JSON for non-strings), so nothing a producer sent is lost."""
    return {
        key: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for key, value in document.items()
        if key not in KNOWN_FIELDS and key not in TRANSPORT_FIELDS
    }


def reply_key(fields: Mapping[bytes, bytes]) -> str | None:
    """Where a synchronous producer (`POST /articles`) waits for this entry's outcome, if anywhere.
    Only keys under `REPLY_PREFIX`, so a producer cannot make ingest write to any other key."""
    key = fields.get(REPLY_FIELD.encode(), b"").decode("utf-8", "replace")
    return key if key.startswith(REPLY_PREFIX) else None


def accept(fields: Mapping[bytes, bytes], now: datetime, max_body_bytes: int) -> Article | Rejection:
    try:
        document = decode_fields(fields)
        body = parse_body(document.get("body"), max_body_bytes)
        title = _optional_text(document, "title")
        return Article(
            article_id=article_id_for(title, body),
            title=title,
            body=body,
            published_at=parse_published_at(document.get("published_at"), now),
            source=_optional_text(document, "source"),
            url=_optional_text(document, "url"),
            language=_optional_text(document, "language"),
            metadata=metadata_of(document),
        )
    except Rejected as rejected:
        return rejected.rejection
