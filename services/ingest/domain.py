"""Raw intake rules: decode either producer format, validate, canonicalise. Pure: no I/O.

`accept(fields, now)` returns an `Article` or a `Rejection` for every possible input; it never raises.
Each kind of bad input has its own reason code (shared/messages.py `RejectionReason`):

- `invalid_utf8`: a field's bytes are not UTF-8, or the JSON escapes an unpaired surrogate (`\\ud800`)
- `not_json` / `not_object`: the `data` field is not JSON, or is JSON but not an object
- `missing_body` / `empty_body`: no body, or nothing left once markup and control characters go
- `body_too_large`: the body (or the whole message) is over `BILATERAL_MAX_BODY_BYTES`; a million
  tiny paragraphs end here
- `field_too_large`: another field over `FIELD_MAX_BYTES`
- `bad_published_at` / `published_in_future`: missing, not ISO 8601, before `EARLIEST`, or later
  than a day from now
- `invalid_field`: a field of the wrong JSON type

HTML, scripts and control characters are not reasons: they are removed by canonicalisation
(canonical.py) and the article is accepted if text remains.
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
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FIELD_MAX_BYTES = 8 * 1024
# JSON may spell one character as `\\uXXXX` (6 bytes): no message longer than this can hold a valid body.
JSON_INFLATION = 6


@dataclass(frozen=True)
class Rejection:
    reason: RejectionReason
    detail: str


class Rejected(Exception):
    def __init__(self, reason: RejectionReason, detail: str) -> None:
        super().__init__(detail)
        self.rejection = Rejection(reason, detail)


def check_message_size(fields: Mapping[bytes, bytes], max_body_bytes: int) -> None:
    """Refuse, before any parsing, a message too large to hold an acceptable article."""
    size = sum(len(k) + len(v) for k, v in fields.items())
    if size > max_body_bytes * JSON_INFLATION + FIELD_MAX_BYTES * 8:
        raise Rejected("body_too_large", f"the message is {size} bytes; the body limit is {max_body_bytes}")


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
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Rejected(
            "invalid_utf8", "field 'data' escapes an unpaired surrogate (not valid Unicode)"
        ) from None
    except RecursionError:
        raise Rejected("not_json", "field 'data' is nested too deeply") from None
    extra = {k: v for k, v in text_fields.items() if k != "data"}
    return {**extra, **document}


def check_field_sizes(document: Mapping[str, object]) -> None:
    for name, value in document.items():
        if name == "body":
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        size = len(name.encode()) + len(text.encode())
        if size > FIELD_MAX_BYTES:
            raise Rejected(
                "field_too_large", f"field {name[:40]!r} is {size} bytes; the limit is {FIELD_MAX_BYTES}"
            )


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
    if (parsed.utcoffset() or timedelta()) % timedelta(minutes=1):
        # an offset with seconds (historical local mean time) does not survive ISO 8601 round trips
        parsed = parsed.astimezone(UTC)
    if parsed < EARLIEST:
        raise Rejected("bad_published_at", f"published_at {value[:80]!r} is before {EARLIEST.year}")
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
        check_message_size(fields, max_body_bytes)
        document = decode_fields(fields)
        check_field_sizes(document)
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
