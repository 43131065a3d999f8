"""Prometheus metrics and a liveness heartbeat, the same for every service process.

Each process gets its own registry (so tests can build several apps in one process) holding:
- FastStream's Redis middleware metrics (batches received and processed, their duration, exceptions);
- `bilateral_messages_in_total` / `bilateral_messages_out_total` / `bilateral_failures_total`
  (entries, not batches), counted by the app around its handlers;
- gauges sampled every few seconds: stream lengths, and per consumer group its lag, pending count
  and oldest pending age, plus whatever probes the service adds (the store: event store head and
  checkpoints). Rates are PromQL's job: `rate(bilateral_messages_out_total[1m])`,
  `deriv(bilateral_checkpoint_position[1m])`.
The sampler also refreshes `bilateral:heartbeat:<service>:<consumer>` (TTL three samples, at least 30 s), which is
how `bilateral status` tells which services are alive. `/metrics` is served on
`BILATERAL_METRICS_PORT` (0, the default, serves nothing; the HTTP API serves its own `/metrics`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from faststream import FastStream
from faststream.redis.prometheus import RedisPrometheusMiddleware
from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.redis_connection import client_for
from shared.settings import Settings
from shared.stream_stats import stream_stats

HEARTBEAT_PREFIX = "bilateral:heartbeat:"
# normalize extracts a whole batch without yielding to its event loop, so the heartbeat may be late
# by a batch's time: a dead process shows as dead after at most this long.
HEARTBEAT_MIN_TTL_S = 30.0
Probe = Callable[[], Awaitable[None]]
log = structlog.get_logger()


class TelemetrySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    metrics_port: int = Field(default=0, alias="BILATERAL_METRICS_PORT", ge=0, le=65535)
    metrics_host: str = Field(default="0.0.0.0", alias="BILATERAL_METRICS_HOST")  # noqa: S104
    sample_s: float = Field(default=5.0, alias="BILATERAL_SAMPLE_S", gt=0)


class ServiceMetrics:
    """One process's metrics; `streams` are the streams (and their groups) its gauges sample."""

    def __init__(self, service: str, streams: tuple[str, ...]) -> None:
        self.service = service
        self.streams = streams
        self.registry = CollectorRegistry()
        self.probes: list[Probe] = []
        labels = ["service", "stream"]
        self.messages_in = Counter(
            "bilateral_messages_in", "Stream entries read", labels, registry=self.registry
        )
        self.messages_out = Counter(
            "bilateral_messages_out", "Stream entries written", labels, registry=self.registry
        )
        self.failures = Counter(
            "bilateral_failures",
            "Entries that failed (left pending for a retry) or were rejected",
            [*labels, "kind"],
            registry=self.registry,
        )
        self.stream_length = Gauge(
            "bilateral_stream_length", "Entries in the stream", ["stream"], registry=self.registry
        )
        group = ["stream", "group"]
        self.group_lag = Gauge(
            "bilateral_group_lag", "Entries not yet delivered to the group", group, registry=self.registry
        )
        self.group_pending = Gauge(
            "bilateral_group_pending", "Entries delivered but not acked", group, registry=self.registry
        )
        self.oldest_pending_age = Gauge(
            "bilateral_group_oldest_pending_age_seconds",
            "Age of the group's oldest unacked entry (0 when none)",
            group,
            registry=self.registry,
        )

    def received(self, stream: str, count: int) -> None:
        self.messages_in.labels(self.service, stream).inc(count)

    def sent(self, stream: str, count: int) -> None:
        if count:
            self.messages_out.labels(self.service, stream).inc(count)

    def failed(self, stream: str, count: int, kind: str) -> None:
        if count:
            self.failures.labels(self.service, stream, kind).inc(count)

    def middleware(self) -> RedisPrometheusMiddleware:
        return RedisPrometheusMiddleware(registry=self.registry, app_name=self.service)

    async def sample(self, redis: Any) -> None:
        for stream in self.streams:
            stats = await stream_stats(redis, stream)
            self.stream_length.labels(stream).set(stats.length)
            for group in stats.groups:
                self.group_lag.labels(stream, group.group).set(group.lag)
                self.group_pending.labels(stream, group.group).set(group.pending)
                self.oldest_pending_age.labels(stream, group.group).set(group.oldest_pending_age_s or 0)
        for probe in self.probes:
            await probe()


def heartbeat_key(service: str, consumer: str) -> str:
    return f"{HEARTBEAT_PREFIX}{service}:{consumer}"


class Telemetry:
    """Runs the sampler and heartbeat (and the `/metrics` server when a port is set) while started."""

    def __init__(self, metrics: ServiceMetrics, settings: Settings) -> None:
        self.metrics = metrics
        self.settings = settings
        self.options = TelemetrySettings()
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._server: Any = None

    def heartbeat(self) -> str:
        return json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "metrics_port": self.options.metrics_port}
        )

    async def _run(self) -> None:
        redis = client_for(self.settings)
        key = heartbeat_key(self.metrics.service, self.settings.consumer_name)
        ttl_ms = int(max(self.options.sample_s * 3, HEARTBEAT_MIN_TTL_S) * 1000)
        try:
            while not self._stopping.is_set():
                try:
                    await redis.set(key, self.heartbeat(), px=ttl_ms)
                    await self.metrics.sample(redis)
                except Exception:
                    log.warning("metrics.sample_failed", exc_info=True)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self.options.sample_s)
        finally:
            with contextlib.suppress(Exception):
                await redis.delete(key)
            await redis.aclose()

    async def start(self) -> None:
        if self.options.metrics_port and self._server is None:
            self._server, _ = start_http_server(
                self.options.metrics_port, self.options.metrics_host, registry=self.metrics.registry
            )
            log.info("metrics.serving", port=self.options.metrics_port)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            # Asked to stop rather than cancelled: a cancellation that lands inside a redis-py call
            # can be swallowed there, and awaiting the task would then hang the service's shutdown.
            self._stopping.set()
            _, pending = await asyncio.wait({self._task}, timeout=5.0)
            for task in pending:
                task.cancel()
            self._task = None
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def attach(self, app: FastStream) -> FastStream:
        app.after_startup(self.start)
        app.on_shutdown(self.stop)
        return app


def instrumented(app: FastStream, metrics: ServiceMetrics, settings: Settings) -> FastStream:
    """The app, with `metrics` sampled and served while it runs (see the module docstring)."""
    return Telemetry(metrics, settings).attach(app)
