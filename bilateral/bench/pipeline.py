"""`bilateral bench pipeline`: the three services as separate processes, end to end.

1. Checks the generated articles against the real extractor (meetings and statements per article).
2. Starts ingest, `--normalize-workers` normalize processes and store, and warms them up.
3. Latency: pushes `--rate` articles/s for `--latency-seconds` and measures push-to-projection.
4. Throughput: pushes `--articles` articles as fast as pipelines allow and times until the last one
   is projected (every consumer group drained and the projector at the head of the store).
5. Prints articles/s, events appended/s, the latencies, and each process's peak RSS and CPU time
   (the CPU times show where the time went).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench._fresh import BenchServers, NotFresh, fresh_servers
from bilateral.bench._latency import LatencyReport, measure_latency
from bilateral.bench._processes import ProcessCost, bench_services, costs, server_cpu, server_cpu_spent
from bilateral.bench.generate import generated_articles, sample_report
from bilateral.commands.push import push_articles
from bilateral.drain import wait_until_drained
from bilateral.tables import render
from services.store.postgres.engine import engine_for
from shared.redis_connection import client_for
from shared.settings import Settings

WARM_UP_ARTICLES = 20
LATENCY_SEED, THROUGHPUT_SEED, WARM_UP_SEED = 2, 1, 3


@dataclass(frozen=True)
class ThroughputReport:
    articles: int
    push_s: float
    total_s: float
    events: int
    projected: int

    def lines(self) -> list[str]:
        return [
            f"throughput: {self.articles} articles pushed in {self.push_s:.1f}s, all projected after"
            f" {self.total_s:.1f}s = {self.articles / self.total_s:.0f} articles/s end to end",
            f"events appended: {self.events} = {self.events / self.total_s:.0f} events/s"
            f" ({self.events / max(1, self.articles):.1f} per article); articles projected: {self.projected}",
        ]


def drain_timeout(articles: int) -> float:
    """Generous: a slow pipeline should give slow figures, not a time-out."""
    return max(300.0, articles / 10)


async def counts(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as conn:
        row = await conn.execute(
            text(
                "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM projection.article_extractions)"
            )
        )
        events, projected = row.one()
        return int(events), int(projected)


async def warm_up(settings: Settings, redis: Any, engine: AsyncEngine) -> None:
    """Wait for the services to be up (the store runs migrations) with a few articles through them."""
    await push_articles(settings, generated_articles(WARM_UP_ARTICLES, WARM_UP_SEED))
    await wait_until_drained(redis, engine, timeout_s=180)


async def throughput(settings: Settings, redis: Any, engine: AsyncEngine, count: int) -> ThroughputReport:
    articles = generated_articles(count, THROUGHPUT_SEED)
    events_before, projected_before = await counts(engine)
    started = time.monotonic()
    await push_articles(settings, articles)
    pushed = time.monotonic()
    await wait_until_drained(redis, engine, timeout_s=drain_timeout(count))
    finished = time.monotonic()
    events_after, projected_after = await counts(engine)
    return ThroughputReport(
        count,
        pushed - started,
        finished - started,
        events_after - events_before,
        projected_after - projected_before,
    )


async def measure(args: argparse.Namespace, bench: BenchServers, processes: dict) -> list[str]:
    settings = bench.settings
    redis, engine = client_for(settings), engine_for(settings, pool_size=2)
    try:
        await warm_up(settings, redis, engine)
        latency: LatencyReport | None = None
        if args.latency_seconds > 0:
            steady = generated_articles(int(args.rate * args.latency_seconds), LATENCY_SEED)
            latency = await measure_latency(
                redis, engine, steady, args.rate, settings.max_body_bytes, drain_timeout(len(steady))
            )
            await wait_until_drained(redis, engine, timeout_s=drain_timeout(len(steady)))
        before_services = {c.name: c.cpu_s for c in costs(processes)}
        before_servers = server_cpu(bench.embedded)
        report = await throughput(settings, redis, engine, args.articles)
        services = costs(processes)
        servers = server_cpu_spent(before_servers, server_cpu(bench.embedded))
    finally:
        await redis.aclose()
        await engine.dispose()
    lines = report.lines()
    if latency:
        lines.append(
            f"latency push -> projection at {latency.offered_per_s:.0f} articles/s offered"
            f" ({latency.pushed} articles, {latency.projected} projected): p50 {latency.p50_ms:.0f} ms,"
            f" p99 {latency.p99_ms:.0f} ms, max {latency.max_ms:.0f} ms"
        )
    lines.append(cost_table(services, before_services, servers, report))
    return lines


def cost_table(
    services: list[ProcessCost], before: dict[str, float], servers: dict[str, float], run: ThroughputReport
) -> str:
    """Peak RSS, and the CPU each process spent on the throughput run: in all, per article (which
    does not depend on how busy the machine was) and as a share of one core over the run."""
    spent = [(c.name, f"{c.peak_rss_mb:.0f}", c.cpu_s - before.get(c.name, 0.0)) for c in services]
    spent += [(name, "", seconds) for name, seconds in servers.items()]
    rows = [
        [name, rss, f"{cpu:.1f}", f"{cpu * 1000 / max(1, run.articles):.2f}", f"{cpu / run.total_s:.0%}"]
        for name, rss, cpu in spent
    ]
    total = sum(cpu for _, _, cpu in spent)
    rows.append(
        [
            "all",
            "",
            f"{total:.1f}",
            f"{total * 1000 / max(1, run.articles):.2f}",
            f"{total / run.total_s:.0%}",
        ]
    )
    return render(["process", "peak RSS MB", "CPU s", "CPU ms/article", "of one core"], rows)


def run(args: argparse.Namespace) -> int:
    print(sample_report(generated_articles(args.sample, THROUGHPUT_SEED)).line())
    try:
        with (
            fresh_servers(args.fresh, "bench") as bench,
            bench_services(bench.logs, args.normalize_workers) as processes,
        ):
            lines = asyncio.run(measure(args, bench, processes))
            dead = [name for name, p in processes.items() if p.poll() is not None]
    except NotFresh as refused:
        print(refused, file=sys.stderr)
        return 2
    print(f"services: ingest, {args.normalize_workers} x normalize, store (logs in {bench.logs})")
    print("\n".join(lines))
    if dead:
        print(f"services that died: {', '.join(dead)}", file=sys.stderr)
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pipeline", help="end-to-end throughput, latency and memory of the services"
    )
    parser.add_argument("--articles", type=int, default=20_000, help="articles for the throughput run")
    parser.add_argument("--normalize-workers", type=int, default=2, help="normalize processes to run")
    parser.add_argument(
        "--rate", type=float, default=100.0, help="offered load for the latency run, articles/s"
    )
    parser.add_argument(
        "--latency-seconds", type=float, default=20.0, help="length of the latency run (0: skip)"
    )
    parser.add_argument(
        "--sample", type=int, default=200, help="articles to check against the extractor first"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="allow emptying the Redis database and PostgreSQL event store given by REDIS_URL/DATABASE_URL",
    )
    parser.set_defaults(run=run)
