"""The API's read handlers as plain functions: a connection and parameters in, documents out.

The API is a composition root like the command line: it reads the store's read models through
`services.store.postgres` query modules (the store owns the schema; the API only reads).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.postgres import api_queries, queries


def pair_of(a: str, b: str) -> tuple[str, str]:
    first, second = sorted((a.upper(), b.upper()))
    return first, second


async def all_relations(conn: AsyncConnection, as_of: date | None) -> list[dict[str, Any]]:
    rows = await queries.relations_as_of(conn, as_of) if as_of else await queries.relations(conn)
    return [asdict(row) for row in rows]


async def one_relation(conn: AsyncConnection, a: str, b: str) -> dict[str, Any] | None:
    country_a, country_b = pair_of(a, b)
    for row in await queries.relations(conn, country_a):
        if row.country_b == country_b:
            return asdict(row)
    return None


async def partners(conn: AsyncConnection, country: str) -> list[dict[str, Any]]:
    code = country.upper()
    return [
        {**asdict(row), "partner": row.country_b if row.country_a == code else row.country_a}
        for row in await queries.relations(conn, code)
    ]


def meeting_countries(countries: list[str], pair: str | None) -> list[str]:
    """`country` may repeat (meetings involving all of them); `pair=IRN-RUS` is a shorthand for two."""
    codes = [c.upper() for c in countries]
    if pair:
        codes += [c.upper() for c in pair.replace(",", "-").split("-") if c]
    return sorted(set(codes))


async def find_meetings(
    conn: AsyncConnection,
    countries: list[str],
    since: date | None,
    until: date | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    rows = await api_queries.meetings(conn, countries, since, until, limit, offset)
    return [asdict(row) for row in rows]


async def one_meeting(conn: AsyncConnection, meeting_key: str) -> dict[str, Any] | None:
    row = await api_queries.meeting(conn, meeting_key)
    return asdict(row) if row else None


async def find_statements(
    conn: AsyncConnection, speaker: str | None, country: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    rows = await api_queries.statements(conn, speaker, country.upper() if country else None, limit, offset)
    return [asdict(row) for row in rows]


async def event_page(conn: AsyncConnection, after: int, limit: int, event_type: str | None) -> dict[str, Any]:
    """One page of the event store in global order; `next_after` continues where it stopped."""
    rows = await api_queries.events_after(conn, after, limit + 1, event_type)
    page = rows[:limit]
    return {
        "events": [asdict(row) for row in page],
        "next_after": page[-1].global_position if page else after,
        "has_more": len(rows) > limit,
    }
