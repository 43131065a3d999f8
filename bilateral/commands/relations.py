"""`bilateral relations`: the current state of relations between every pair of countries."""

from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from bilateral.runtime import servers
from bilateral.tables import render
from services.store.migrate import upgrade_to_head
from services.store.postgres import queries
from services.store.postgres.engine import database_url, engine_for
from services.store.time_travel import relations_at_position
from shared.settings import Settings

HEADERS = ("pair", "meetings", "last meeting", "last participants", "statements")


def participants_text(participants: list[dict[str, Any]]) -> str:
    return ", ".join(f"{p.get('name') or 'unnamed'} ({p.get('country') or '?'})" for p in participants)


async def fetch(settings: Settings, args: argparse.Namespace) -> list[queries.RelationRow]:
    settings = settings.for_queries()  # a read-only role when DATABASE_READ_URL is set
    await upgrade_to_head(database_url(settings))
    engine = engine_for(settings, pool_size=2)
    try:
        async with engine.connect() as conn:
            if args.at_position is not None:
                rows = await relations_at_position(engine, args.at_position, args.as_of)
            elif args.as_of:
                rows = await queries.relations_as_of(conn, args.as_of)
            else:
                return await queries.relations(conn, args.country)
            return [r for r in rows if not args.country or args.country in (r.country_a, r.country_b)]
    finally:
        await engine.dispose()


def table(rows: list[queries.RelationRow]) -> str:
    return render(
        HEADERS,
        [
            (
                r.pair,
                r.meeting_count,
                r.last_meeting or "",
                participants_text(r.last_participants),
                r.statement_count,
            )
            for r in rows
        ],
    )


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        rows = asyncio.run(fetch(settings, args))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], default=str, ensure_ascii=False, indent=1))
        return 0
    print(table(rows))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("relations", help="print the relations table")
    parser.add_argument("--country", type=str.upper, help="only pairs with this ISO 3166-1 alpha-3 code")
    parser.add_argument("--as-of", type=date.fromisoformat, metavar="DATE", help="meetings up to this date")
    parser.add_argument(
        "--at-position", type=int, metavar="N", help="the state after event N (folded from the event store)"
    )
    parser.add_argument("--json", action="store_true", help="JSON instead of a table")
    parser.set_defaults(run=run)
