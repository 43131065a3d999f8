"""`bilateral replay PROJECTION`: rebuild a projection from position 0 and swap it in atomically.

Queries keep answering from the live read model during the rebuild; the live projector carries on
from the rebuilt position afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from sqlalchemy.ext.asyncio import AsyncEngine
from tqdm import tqdm

from bilateral.runtime import servers
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import database_url, engine_for
from services.store.replay import PROJECTIONS, ReplayAlreadyRunning, ReplayResult, replay


async def replay_with_progress(engine: AsyncEngine, range_size: int = 200_000) -> ReplayResult:
    """The replay with a progress bar on stderr (stored events gone through, and events/s)."""
    with tqdm(unit="event", unit_scale=True, desc="replaying", file=sys.stderr) as bar:

        def started(total: int) -> None:
            bar.total = total
            bar.refresh()

        return await replay(engine, range_size, on_start=started, on_range=lambda _, n: bar.update(n))


async def _run(args: argparse.Namespace) -> ReplayResult:
    with servers() as settings:
        await upgrade_to_head(database_url(settings))
        engine = engine_for(settings, pool_size=2)
        try:
            return await replay_with_progress(engine, args.range_size)
        finally:
            await engine.dispose()


def run(args: argparse.Namespace) -> int:
    try:
        result = asyncio.run(_run(args))
    except ReplayAlreadyRunning:
        print(f"a replay of {args.projection} is already running", file=sys.stderr)
        return 1
    print(
        f"replayed {args.projection}: {result.events} events in {result.seconds:.2f}s"
        f" = {result.events_per_s:,.0f} events/s; checkpoint at {result.position}"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("replay", help="rebuild a projection from the event store and swap it in")
    parser.add_argument("projection", choices=PROJECTIONS)
    parser.add_argument(
        "--range-size", type=int, default=200_000, help="positions folded per step (progress granularity)"
    )
    parser.set_defaults(run=run)
