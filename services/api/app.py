"""The HTTP query API (`bilateral serve api`): relations, meetings, statements, events, intake, metrics.

A composition root like the command line: it reads the store's read models through
`services.store.postgres` query modules and hands articles to ingest through the raw stream. It
never writes to PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from services.api import intake_routes, query_routes
from services.api.schemas import Health
from services.api.telemetry import ApiMetrics
from services.store.postgres.engine import async_url
from shared.metrics import Telemetry
from shared.redis_connection import client_for
from shared.settings import Settings

REPLY_TIMEOUT_S = 10.0


def read_engine(settings: Settings) -> AsyncEngine:
    """Reads with DATABASE_READ_URL when set (a read-only role), else DATABASE_URL."""
    return create_async_engine(
        async_url(settings.read_database_url()),
        pool_size=5,
        max_overflow=5,
        pool_pre_ping=True,
        connect_args={"statement_cache_size": 0, "server_settings": {"application_name": "bilateral-api"}},
    )


async def health(request: Request) -> JSONResponse:
    state = request.app.state
    try:
        redis_ok = bool(await state.redis.ping())
    except Exception:
        redis_ok = False
    try:
        async with state.engine.connect() as conn:
            database_ok = (await conn.execute(text("SELECT 1"))).scalar_one() == 1
    except Exception:
        database_ok = False
    ok = redis_ok and database_ok
    document = Health(status="ok" if ok else "degraded", redis=redis_ok, database=database_ok)
    return JSONResponse(document.model_dump(), status_code=200 if ok else 503)


async def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)


def build_app(settings: Settings, reply_timeout_s: float = REPLY_TIMEOUT_S) -> FastAPI:
    """The app; it connects to nothing until it starts."""
    api_metrics = ApiMetrics(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = read_engine(settings)
        app.state.redis = client_for(settings)
        telemetry = Telemetry(api_metrics, settings)
        await telemetry.start()
        try:
            yield
        finally:
            await telemetry.stop()
            await app.state.redis.aclose()
            await app.state.engine.dispose()

    app = FastAPI(
        title="bilateral",
        summary="Relations between countries, from diplomatic news; and an HTTP door to the intake.",
        version="1",
        lifespan=lifespan,
    )
    app.state.metrics = api_metrics
    app.state.intake_outcomes = api_metrics.intake_outcomes
    app.state.reply_timeout_s = reply_timeout_s
    app.state.max_request_bytes = 4 * settings.max_body_bytes + 64 * 1024
    app.middleware("http")(api_metrics.observe)
    app.add_api_route("/health", health, methods=["GET"], response_model=Health, tags=["operations"])
    app.add_api_route("/metrics", metrics, methods=["GET"], tags=["operations"])
    app.include_router(query_routes.router)
    app.include_router(intake_routes.router)
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    uvicorn.run(build_app(settings), host=host, port=port, log_config=None, access_log=False)
