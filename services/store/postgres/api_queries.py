"""Read-side queries for the HTTP API and `bilateral status`: meetings, statements, events, checkpoints.

Relations come from `queries.py`. Every filter is a bound parameter; schema names come from
`schemas.py` constants only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.postgres.schemas import LIVE_SCHEMA, checked

# Which event types each checkpoint's reader consumes, so "behind" counts only events it would read.
CHECKPOINT_TYPES: dict[str, tuple[str, ...]] = {
    "relations": ("ArticleNormalized", "MeetingReported", "StatementReported"),
    "relay": ("MeetingReported", "StatementReported"),
}


@dataclass(frozen=True)
class MeetingRow:
    meeting_key: str
    countries: list[str]
    date: date | None
    participants: list[dict[str, Any]]
    location: dict[str, Any] | None
    format: str
    topics: list[str]
    sources: list[str]
    evidence: list[dict[str, Any]]
    first_position: int
    last_position: int


@dataclass(frozen=True)
class StatementRow:
    event_id: str
    article_id: str
    speaker_name: str | None
    speaker_title: str | None
    speaker_country: str | None
    mode: str | None
    text: str
    date: date | None
    about: list[str]
    evidence: list[dict[str, Any]]
    position: int


@dataclass(frozen=True)
class EventRow:
    global_position: int
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    schema_version: int
    data: dict[str, Any]
    correlation_id: str | None
    causation_id: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class CheckpointRow:
    name: str
    position: int
    head: int
    behind: int
    updated_at: datetime | None


MEETING_COLUMNS = (
    "meeting_key, countries, date, participants, location, format, topics, sources, evidence,"
    " first_position, last_position"
)


async def meetings(
    conn: AsyncConnection,
    countries: list[str],
    since: date | None = None,
    until: date | None = None,
    limit: int = 100,
    offset: int = 0,
    schema: str = LIVE_SCHEMA,
) -> list[MeetingRow]:
    """Meetings involving every country in `countries` (one: its meetings; two: the pair's), newest first."""
    rows = await conn.execute(
        text(
            f"SELECT {MEETING_COLUMNS} FROM {checked(schema)}.meetings"  # noqa: S608
            " WHERE countries @> CAST(:countries AS text[])"
            " AND (CAST(:since AS date) IS NULL OR date >= CAST(:since AS date))"
            " AND (CAST(:until AS date) IS NULL OR date <= CAST(:until AS date))"
            " ORDER BY date DESC NULLS LAST, last_position DESC LIMIT :limit OFFSET :offset"
        ),
        {"countries": countries, "since": since, "until": until, "limit": limit, "offset": offset},
    )
    return [MeetingRow(*row) for row in rows]


async def meeting(conn: AsyncConnection, meeting_key: str, schema: str = LIVE_SCHEMA) -> MeetingRow | None:
    row = await conn.execute(
        text(
            f"SELECT {MEETING_COLUMNS} FROM {checked(schema)}.meetings WHERE meeting_key = :key"  # noqa: S608
        ),
        {"key": meeting_key},
    )
    found = row.first()
    return MeetingRow(*found) if found else None


async def statements(
    conn: AsyncConnection,
    speaker: str | None = None,
    country: str | None = None,
    limit: int = 100,
    offset: int = 0,
    schema: str = LIVE_SCHEMA,
) -> list[StatementRow]:
    """Statements by a speaker (case-insensitive substring of the name) and/or by or about a country."""
    rows = await conn.execute(
        text(
            "SELECT CAST(event_id AS text), article_id, speaker_name, speaker_title, speaker_country, mode,"  # noqa: S608
            f" text, date, about, evidence, position FROM {checked(schema)}.statements"
            " WHERE (CAST(:speaker AS text) IS NULL OR speaker_name ILIKE '%' || CAST(:speaker AS text) || '%')"
            " AND (CAST(:country AS text) IS NULL OR speaker_country = CAST(:country AS text)"
            "      OR about @> ARRAY[CAST(:country AS text)])"
            " ORDER BY date DESC NULLS LAST, position DESC LIMIT :limit OFFSET :offset"
        ),
        {"speaker": speaker, "country": country, "limit": limit, "offset": offset},
    )
    return [StatementRow(*row) for row in rows]


async def events_after(
    conn: AsyncConnection, after: int, limit: int, event_type: str | None = None
) -> list[EventRow]:
    rows = await conn.execute(
        text(
            "SELECT global_position, CAST(event_id AS text), stream_id, stream_version, event_type,"
            " schema_version, data, correlation_id, causation_id, recorded_at FROM events"
            " WHERE global_position > :after"
            " AND (CAST(:type AS text) IS NULL OR event_type = CAST(:type AS text))"
            " ORDER BY global_position LIMIT :limit"
        ).columns(data=JSONB),
        {"after": after, "limit": limit, "type": event_type},
    )
    return [EventRow(*row) for row in rows]


async def store_head(conn: AsyncConnection) -> int:
    return int(
        (await conn.execute(text("SELECT coalesce(max(global_position), 0) FROM events"))).scalar_one()
    )


BEHIND_COUNT_CAP = 100_000  # a sample stays cheap however large the backlog


async def checkpoints(conn: AsyncConnection) -> list[CheckpointRow]:
    """Each checkpoint against the store head, and how many events of its types lie past it
    (counted up to BEHIND_COUNT_CAP)."""
    head = await store_head(conn)
    rows = (
        await conn.execute(text("SELECT name, position, updated_at FROM checkpoints ORDER BY name"))
    ).all()
    result = []
    for name, position, updated_at in rows:
        types = CHECKPOINT_TYPES.get(name)
        behind = await conn.execute(
            text(
                "SELECT count(*) FROM (SELECT 1 FROM events WHERE global_position > :position"
                " AND (CAST(:types AS text[]) IS NULL OR event_type = ANY(CAST(:types AS text[])))"
                " LIMIT :cap) AS past"
            ),
            {"position": position, "types": list(types) if types else None, "cap": BEHIND_COUNT_CAP},
        )
        result.append(CheckpointRow(name, int(position), head, int(behind.scalar_one()), updated_at))
    return result
