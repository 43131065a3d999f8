"""`bilateral migrate`: bring the database to the latest schema (the one-shot job before the services)."""

from __future__ import annotations

import argparse
import asyncio

from bilateral.runtime import servers
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import database_url


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        asyncio.run(upgrade_to_head(database_url(settings)))
    print("database at the latest migration")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("migrate", help="apply the database migrations (idempotent)")
    parser.set_defaults(run=run)
