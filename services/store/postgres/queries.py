"""Read-side queries over the read models (used by the CLI and the HTTP API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.postgres import relations_sql
from services.store.postgres.schemas import LIVE_SCHEMA, checked


@dataclass(frozen=True)
class RelationRow:
    country_a: str
    country_b: str
    meeting_count: int
    first_meeting: date | None
    last_meeting: date | None
    last_participants: list[dict[str, Any]]
    topics: list[str]
    statement_count: int
    latest_statements: list[dict[str, Any]]

    @property
    def pair(self) -> str:
        return f"{self.country_a}–{self.country_b}"


ORDER = " ORDER BY meeting_count DESC, last_meeting DESC NULLS LAST, country_a, country_b"


async def relations(
    conn: AsyncConnection, country: str | None = None, schema: str = LIVE_SCHEMA
) -> list[RelationRow]:
    rows = await conn.execute(
        text(
            "SELECT country_a, country_b, meeting_count, first_meeting, last_meeting, last_participants,"  # noqa: S608
            f" topics, statement_count, latest_statements FROM {checked(schema)}.relations"
            " WHERE CAST(:country AS text) IS NULL OR :country IN (country_a, country_b)" + ORDER
        ),
        {"country": country},
    )
    return [RelationRow(*row) for row in rows]


async def relations_as_of(
    conn: AsyncConnection, as_of: date | None, schema: str = LIVE_SCHEMA
) -> list[RelationRow]:
    """The same derivation as the live projection, over meetings and statements up to `as_of`."""
    select = relations_sql.relations_select(schema, given_pairs=False)
    rows = await conn.execute(
        text(f"SELECT * FROM ({select}) r WHERE meeting_count > 0 OR statement_count > 0" + ORDER),  # noqa: S608
        {**relations_sql.EVERY_PAIR, "as_of": as_of},
    )
    return [RelationRow(*row) for row in rows]
