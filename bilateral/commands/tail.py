"""`bilateral tail meetings|statements`: the reference downstream consumer of the published events.

Reads `events.meetings.v1` (or `events.statements.v1`), where each entry id is `<global_position>-0`,
so `--from N` starts at event N. With `--group` it reads through a consumer group of its own
(created at `--from`) and acknowledges what it printed, so a restart resumes where it stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from bilateral.runtime import servers
from shared.redis_connection import client_for
from shared.streams import EVENTS_MEETINGS, EVENTS_STATEMENTS

STREAMS = {"meetings": EVENTS_MEETINGS, "statements": EVENTS_STATEMENTS}


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def start_id(position: int) -> str:
    """The exclusive XREAD id after which event `position` comes first."""
    return f"{max(position - 1, 0)}-0"


def wanted(fields: dict[Any, Any], country: str | None) -> bool:
    countries = _text(fields.get(b"countries", fields.get("countries", ""))).split(",")
    return country is None or country in countries


async def _read(redis: Any, stream: str, last_id: str, group: str | None, block_ms: int | None) -> list:
    if group is None:
        replies = await redis.xread({stream: last_id}, count=500, block=block_ms)
    else:
        replies = await redis.xreadgroup(group, "tail", {stream: ">"}, count=500, block=block_ms)
    return [entry for _, entries in replies or [] for entry in entries]


async def tail(
    redis: Any, what: str, country: str | None, start: int, group: str | None, follow: bool, limit: int | None
) -> int:
    """Print matching events as JSON lines; returns how many were printed."""
    stream, printed, last_id = STREAMS[what], 0, start_id(start)
    if group is not None:
        try:
            await redis.xgroup_create(stream, group, id=last_id, mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise
    while limit is None or printed < limit:
        entries = await _read(redis, stream, last_id, group, 1000 if follow else None)
        if not entries and not follow:
            break
        for entry_id, fields in entries:
            last_id = _text(entry_id)
            if wanted(fields, country) and (limit is None or printed < limit):
                document = json.loads(_text(fields.get(b"data", fields.get("data", "{}"))))
                sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
                printed += 1
            if group is not None:
                await redis.xack(stream, group, entry_id)
        sys.stdout.flush()
    return printed


async def _run(args: argparse.Namespace) -> int:
    with servers() as settings:
        redis = client_for(settings)
        try:
            return await tail(redis, args.what, args.country, args.start, args.group, args.follow, args.limit)
        finally:
            await redis.aclose()


def run(args: argparse.Namespace) -> int:
    asyncio.run(_run(args))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tail", help="print published meeting or statement events as JSON lines")
    parser.add_argument("what", choices=sorted(STREAMS))
    parser.add_argument("--country", type=str.upper, help="only events involving this ISO3 country")
    parser.add_argument("--from", dest="start", type=int, default=0, metavar="N", help="start at event N")
    parser.add_argument("--group", help="read through this consumer group (resumes after a restart)")
    parser.add_argument("--limit", type=int, help="stop after printing this many events")
    parser.add_argument(
        "--no-follow", dest="follow", action="store_false", help="stop at the end instead of waiting"
    )
    parser.set_defaults(run=run)
