"""`bilateral dlq list|redrive`: see the rejected messages, and re-submit them after a fix.

Everything a service could not take ends on `articles.rejected.v1` with a reason code, the stream and
entry it came from, how often it was delivered, and its original fields. `redrive` puts the original
back on the stream it came from (raw articles go through ingest again; dead-lettered messages of a
later stream go back to that stream) and removes the record, both in one MULTI/EXEC, so a record is
re-submitted once however often the command runs. A record that is still bad is rejected again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, get_args

from bilateral.runtime import servers
from bilateral.tables import render
from shared.messages import ArticleRejected, RejectionReason
from shared.redis_connection import client_for
from shared.streams import ARTICLES_REJECTED

PAGE = 500
REDRIVEN_FROM = "redriven_from"
HEADERS = ("rejected entry", "rejected at", "reason", "from", "deliveries", "detail")


@dataclass(frozen=True)
class RejectedEntry:
    entry_id: str
    record: ArticleRejected


async def rejected_entries(redis: Any, reason: str | None = None) -> AsyncIterator[RejectedEntry]:
    """The records on the rejected stream, oldest first (only those with `reason`, if given)."""
    start = "-"
    while page := await redis.xrange(ARTICLES_REJECTED, min=start, count=PAGE):
        for raw_id, fields in page:
            entry_id = raw_id.decode() if isinstance(raw_id, bytes) else raw_id
            record = ArticleRejected.model_validate_json(fields[b"data"])
            if reason is None or record.reason == reason:
                yield RejectedEntry(entry_id, record)
        start = "(" + (page[-1][0].decode() if isinstance(page[-1][0], bytes) else page[-1][0])


async def redrive(redis: Any, reason: str | None = None, dry_run: bool = False) -> Counter[str]:
    """Re-submit the originals of the matching records to their source streams; returns how many went
    to each stream. The original gets a `redriven_from` field naming the record it came from."""
    sent: Counter[str] = Counter()
    async for entry in rejected_entries(redis, reason):
        record = entry.record
        sent[record.source_stream] += 1
        if dry_run:
            continue
        async with redis.pipeline(transaction=True) as pipe:
            pipe.xadd(record.source_stream, {**record.original, REDRIVEN_FROM: entry.entry_id})
            pipe.xdel(ARTICLES_REJECTED, entry.entry_id)
            await pipe.execute()
    return sent


def listing(entries: list[RejectedEntry]) -> str:
    rows = [
        (
            e.entry_id,
            e.record.rejected_at.isoformat(timespec="seconds"),
            e.record.reason,
            f"{e.record.source_stream}/{e.record.source_id}",
            e.record.delivery_count,
            e.record.detail if len(e.record.detail) <= 60 else e.record.detail[:59] + "…",
        )
        for e in entries
    ]
    counts = Counter(e.record.reason for e in entries)
    summary = ", ".join(f"{reason}: {count}" for reason, count in counts.most_common()) or "none"
    return f"{render(HEADERS, rows)}\n\n{len(entries)} rejected ({summary})"


async def _list(args: argparse.Namespace) -> int:
    with servers() as settings:
        redis = client_for(settings)
        try:
            entries = [e async for e in rejected_entries(redis, args.reason)]
        finally:
            await redis.aclose()
    shown = entries[-args.limit :] if args.limit else entries
    if args.json:
        for e in shown:
            print(
                json.dumps({"entry_id": e.entry_id, **e.record.model_dump(mode="json")}, ensure_ascii=False)
            )
    else:
        print(listing(shown))
    return 0


async def _redrive(args: argparse.Namespace) -> int:
    with servers() as settings:
        redis = client_for(settings)
        try:
            sent = await redrive(redis, args.reason, args.dry_run)
        finally:
            await redis.aclose()
    verb = "would re-submit" if args.dry_run else "re-submitted"
    streams = ", ".join(f"{count} to {stream}" for stream, count in sorted(sent.items())) or "nothing"
    print(f"{verb} {sum(sent.values())} message(s): {streams}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("dlq", help="list or re-submit rejected messages (articles.rejected.v1)")
    commands = parser.add_subparsers(dest="dlq_command", required=True, metavar="ACTION")
    reasons = sorted(get_args(RejectionReason))

    listing_parser = commands.add_parser("list", help="show rejected messages, oldest first")
    listing_parser.add_argument(
        "--reason", choices=reasons, metavar="CODE", help=f"only one reason: {', '.join(reasons)}"
    )
    listing_parser.add_argument("--limit", type=int, default=0, help="only the N most recent")
    listing_parser.add_argument("--json", action="store_true", help="one JSON object per line")
    listing_parser.set_defaults(run=lambda args: asyncio.run(_list(args)))

    redrive_parser = commands.add_parser(
        "redrive", help="re-submit rejected messages to the streams they came from"
    )
    redrive_parser.add_argument(
        "--reason", choices=reasons, metavar="CODE", help="only messages rejected for CODE"
    )
    redrive_parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
    redrive_parser.set_defaults(run=lambda args: asyncio.run(_redrive(args)))
