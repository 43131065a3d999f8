"""Read routes: relations, meetings, statements and the event store, all from the read models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncConnection

from services.api import handlers
from services.api.schemas import EventPage, Meeting, Partner, Relation, Statement

router = APIRouter()
Country = Annotated[str, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]


async def connection(request: Request) -> AsyncIterator[AsyncConnection]:
    async with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[AsyncConnection, Depends(connection)]


def found(document: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if document is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return document


@router.get("/relations", response_model=list[Relation], tags=["relations"])
async def list_relations(conn: Conn, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every pair of countries with a meeting or a statement, busiest first (`as_of`: up to that date)."""
    return await handlers.all_relations(conn, as_of)


@router.get("/relations/{country_a}/{country_b}", response_model=Relation, tags=["relations"])
async def get_relation(conn: Conn, country_a: str, country_b: str) -> dict[str, Any]:
    """One pair, in either order."""
    return found(await handlers.one_relation(conn, country_a, country_b), "pair")


@router.get("/countries/{country}/partners", response_model=list[Partner], tags=["relations"])
async def list_partners(conn: Conn, country: str) -> list[dict[str, Any]]:
    """The relations of one country, each with the partner's code."""
    return await handlers.partners(conn, country)


@router.get("/meetings", response_model=list[Meeting], tags=["meetings"])
async def list_meetings(
    conn: Conn,
    country: Annotated[list[str], Query(description="repeat for meetings involving all of them")] = [],  # noqa: B006
    pair: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}-[A-Za-z]{3}$", examples=["IRN-RUS"])] = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Meetings, newest first, each with its sources (article ids) and the evidence each gave."""
    countries = handlers.meeting_countries(country, pair)
    return await handlers.find_meetings(conn, countries, since, until, limit, offset)


@router.get("/meetings/{meeting_key}", response_model=Meeting, tags=["meetings"])
async def get_meeting(conn: Conn, meeting_key: str) -> dict[str, Any]:
    return found(await handlers.one_meeting(conn, meeting_key), "meeting")


@router.get("/statements", response_model=list[Statement], tags=["statements"])
async def list_statements(
    conn: Conn,
    speaker: Annotated[str | None, Query(description="part of the speaker's name")] = None,
    country: Annotated[
        str | None, Query(description="the speaker's country, or a country spoken about")
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Statements, newest first."""
    return await handlers.find_statements(conn, speaker, country, limit, offset)


@router.get("/events", response_model=EventPage, tags=["events"])
async def list_events(
    conn: Conn,
    after: Annotated[int, Query(ge=0, description="global position to start after (0: the beginning)")] = 0,
    limit: Limit = 100,
    type: Annotated[str | None, Query(description="only this event type, e.g. MeetingReported")] = None,
) -> dict[str, Any]:
    """The event store in global order, one page at a time."""
    return await handlers.event_page(conn, after, limit, type)
