"""`bilateral serve ingest|normalize|store|api`: one service per process.

`api` is the HTTP query API (uvicorn; `--host`, `--port`); the others are the stream consumers.

The service is restarted in-process when FastStream stops it for a lost consumer group (Redis
restarted empty): the restart re-creates the group at the stream's start. SIGTERM and SIGINT stop it
for good, after in-flight batches finish and are acked, and after the entries this consumer fetched
but had not started on are handled too (see `_graceful.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import signal

import structlog
from faststream import FastStream

from bilateral.commands._graceful import graceful_exit
from bilateral.runtime import servers
from shared.logging import configure_logging
from shared.redis_connection import client_for
from shared.settings import Settings
from shared.streams import CONSUMER_GROUPS
from shared.wire import ensure_group

SERVICES = CONSUMER_GROUPS
log = structlog.get_logger()
GRACEFUL_TIMEOUT_S = 20.0


async def prepare_group(settings: Settings, service: str) -> None:
    redis = client_for(settings)
    try:
        await ensure_group(redis, *SERVICES[service])
    finally:
        await redis.aclose()


async def supervise(service: str, settings: Settings) -> None:
    module = importlib.import_module(f"services.{service}.app")
    stopping = asyncio.Event()
    exiting: set[asyncio.Future[None]] = set()
    loop = asyncio.get_running_loop()
    while not stopping.is_set():
        await prepare_group(settings, service)
        app = module.build_app(settings)
        running = asyncio.create_task(app.run())
        await asyncio.sleep(0)

        def stop(current: FastStream = app) -> None:
            if stopping.is_set():
                return
            stopping.set()
            exiting.add(
                asyncio.ensure_future(
                    graceful_exit(current, settings, *SERVICES[service], timeout_s=GRACEFUL_TIMEOUT_S)
                )
            )

        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop)
        await running
        if not stopping.is_set():
            log.warning(
                "service.restarting", service=service, reason="a subscriber stopped (consumer group lost?)"
            )
            await asyncio.sleep(1.0)


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        configure_logging(args.service, settings.log_level)
        if args.service == "api":
            from services.api.app import serve

            serve(settings, args.host, args.port)
        else:
            asyncio.run(supervise(args.service, settings))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="run one service (one per process)")
    parser.add_argument("service", choices=sorted([*SERVICES, "api"]))
    parser.add_argument("--host", default="127.0.0.1", help="api only: address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="api only: port to listen on")
    parser.set_defaults(run=run)
