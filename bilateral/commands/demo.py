"""`bilateral demo`: the whole pipeline on this machine, from a push to the relations table.

Starts (or reuses) the servers, runs the three services as separate processes, pushes the bundled
sample articles, waits until they are projected, prints the relations table, and stops everything.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bilateral.articles import read_article
from bilateral.commands.push import push_articles
from bilateral.commands.relations import table
from bilateral.drain import wait_until_drained
from bilateral.processes import running_services
from bilateral.runtime import servers
from services.store.migrate import upgrade_to_head
from services.store.postgres import queries
from services.store.postgres.engine import database_url, engine_for
from shared.redis_connection import client_for
from shared.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


async def push_and_wait(settings: Settings, timeout_s: float) -> list[queries.RelationRow]:
    articles = [read_article(path) for path in sorted(SAMPLES.glob("*.json"))]
    ids = await push_articles(settings, articles)
    print(f"pushed {len(ids)} sample article(s); waiting for them to be projected...", file=sys.stderr)
    redis, engine = client_for(settings), engine_for(settings, pool_size=1)
    try:
        await wait_until_drained(redis, engine, timeout_s)
        async with engine.connect() as conn:
            return await queries.relations(conn)
    finally:
        await redis.aclose()
        await engine.dispose()


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        asyncio.run(upgrade_to_head(database_url(settings)))
        with running_services(settings.data_dir / "logs") as processes:
            rows = asyncio.run(push_and_wait(settings, args.timeout))
            failed = [name for name, p in processes.items() if p.poll() is not None]
    print(table(rows))
    if failed:
        print(f"services that died: {', '.join(failed)} (see {settings.data_dir / 'logs'})", file=sys.stderr)
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="run the pipeline end to end on the sample articles")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the projection")
    parser.set_defaults(run=run)
