"""`bilateral status [--json]`: the pipeline at a glance, for operators and scripts.

Per stream its length; per consumer group its lag (entries not yet delivered), pending count and
oldest pending entry; rejected entries by reason; each checkpoint against the event store head; and
whether each service is alive: how many of its processes refreshed their heartbeat key
(`shared/metrics.py`) lately, and how many of its consumers read entries within the last seconds
(Redis 7.0 resets a consumer's idle time only when a read returns entries, so an idle consumer of
an empty stream is not a dead one: the heartbeat decides).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.runtime import servers
from bilateral.tables import render
from services.store.postgres import api_queries
from services.store.postgres.engine import engine_for
from shared.metrics import HEARTBEAT_PREFIX
from shared.redis_connection import client_for
from shared.settings import Settings, default_consumer_name
from shared.stream_stats import StreamStats, as_text, stream_stats
from shared.streams import ALL_STREAMS, ARTICLES_REJECTED, CONSUMER_GROUPS

SERVICE_GROUPS: dict[str, tuple[str, str] | None] = {**CONSUMER_GROUPS, "api": None}
SCAN_PAGE = 1000


@dataclass(frozen=True)
class ServiceStatus:
    service: str
    alive: bool
    processes: int
    active_consumers: int


@dataclass
class StatusReport:
    streams: list[StreamStats]
    rejected_by_reason: dict[str, int]
    checkpoints: list[api_queries.CheckpointRow]
    store_head: int
    services: list[ServiceStatus] = field(default_factory=list)


async def rejected_by_reason(redis: Any) -> dict[str, int]:
    """Counts every entry of the rejected stream by its reason code (unreadable ones as `unreadable`)."""
    counts: Counter[str] = Counter()
    start = "-"
    while True:
        page = await redis.xrange(ARTICLES_REJECTED, min=start, max="+", count=SCAN_PAGE)
        for _, fields in page:
            try:
                counts[str(json.loads(fields[b"data"])["reason"])] += 1
            except (KeyError, ValueError, TypeError):
                counts["unreadable"] += 1
        if len(page) < SCAN_PAGE:
            return dict(counts.most_common())
        start = "(" + as_text(page[-1][0])


async def heartbeats(redis: Any) -> Counter[str]:
    found: Counter[str] = Counter()
    async for key in redis.scan_iter(match=HEARTBEAT_PREFIX + "*", count=500):
        found[as_text(key)[len(HEARTBEAT_PREFIX) :].split(":", 1)[0]] += 1
    return found


def service_statuses(streams: list[StreamStats], beating: Counter[str]) -> list[ServiceStatus]:
    groups = {(g.stream, g.group): g for s in streams for g in s.groups}
    statuses = []
    for service, consumed in SERVICE_GROUPS.items():
        group = groups.get(consumed) if consumed else None
        active = group.active_consumers if group else 0
        statuses.append(ServiceStatus(service, beating[service] > 0, beating[service], active))
    return statuses


async def gather(settings: Settings) -> StatusReport:
    redis, engine = client_for(settings), engine_for(settings, pool_size=1)
    try:
        streams = [await stream_stats(redis, stream) for stream in ALL_STREAMS]
        rejected = await rejected_by_reason(redis)
        beating = await heartbeats(redis)
        async with engine.connect() as conn:
            checkpoints = await api_queries.checkpoints(conn)
            head = await api_queries.store_head(conn)
    finally:
        await redis.aclose()
        await engine.dispose()
    return StatusReport(streams, rejected, checkpoints, head, service_statuses(streams, beating))


def seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}s"


def as_table(report: StatusReport) -> str:
    stream_rows: list[tuple[object, ...]] = []
    for s in report.streams:
        stream_rows.append((s.stream, s.length, "", "", "", "", ""))
        for g in s.groups:
            lag = f"{g.lag}+" if g.lag_capped else g.lag
            consumers = f"{g.active_consumers}/{len(g.consumers)}"
            stream_rows.append(("", "", g.group, lag, g.pending, seconds(g.oldest_pending_age_s), consumers))
    sections = [
        render(("stream", "length", "group", "lag", "pending", "oldest pending", "consumers"), stream_rows),
        render(("rejected reason", "count"), sorted(report.rejected_by_reason.items()) or [("(none)", 0)]),
        render(
            ("checkpoint", "position", "store head", "events behind"),
            [(c.name, c.position, c.head, c.behind) for c in report.checkpoints]
            or [("(none)", "", report.store_head, "")],
        ),
        render(
            ("service", "alive", "processes", "consumers read <10s ago"),
            [
                (s.service, "yes" if s.alive else "NO", s.processes, s.active_consumers)
                for s in report.services
            ],
        ),
    ]
    return "\n\n".join(sections)


def as_json(report: StatusReport) -> str:
    document = asdict(report)
    for stream in document["streams"]:
        for group in stream["groups"]:
            group["backlog"] = group["lag"] + group["pending"]
    return json.dumps(document, default=str, indent=1)


async def beating_here(settings: Settings, service: str) -> bool:
    """A process of `service` on this host refreshed its heartbeat (consumer names are host-pid)."""
    host = default_consumer_name().rsplit("-", 1)[0]
    redis = client_for(settings)
    try:
        async for _ in redis.scan_iter(match=f"{HEARTBEAT_PREFIX}{service}:{host}-*", count=500):
            return True
        return False
    finally:
        await redis.aclose()


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        if args.check:
            return 0 if asyncio.run(beating_here(settings, args.check)) else 1
        report = asyncio.run(gather(settings))
    print(as_json(report) if args.json else as_table(report))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("status", help="streams, lag, rejections, checkpoints and live services")
    parser.add_argument("--json", action="store_true", help="JSON instead of tables")
    parser.add_argument(
        "--check",
        choices=sorted(SERVICE_GROUPS),
        metavar="SERVICE",
        help="print nothing; exit 0 if SERVICE runs on this host (its heartbeat is fresh), else 1",
    )
    parser.set_defaults(run=run)
