"""Connecting to Redis the same way everywhere: retries with back-off, so a publish survives a restart.

The URL carries the credentials (`redis://user:password@host/0`, an ACL user, or `redis://:password@`
for `requirepass`) and the transport (`rediss://` for TLS); the TLS files come from the settings.
"""

from __future__ import annotations

import logging
from typing import Any

import redis.asyncio as aioredis
from faststream.redis import RedisBroker
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import BusyLoadingError, ConnectionError, TimeoutError

from shared.settings import Settings

RETRY_ON = [ConnectionError, TimeoutError, BusyLoadingError, ConnectionResetError]


def retry_policy() -> Retry:
    """Up to ~30 s of retries: long enough for a Redis restart, short enough to surface an outage."""
    return Retry(ExponentialBackoff(cap=2.0, base=0.05), retries=25)


def redis_url(settings: Settings) -> str:
    if settings.redis_url is None:
        raise RuntimeError("REDIS_URL is not set (run through `bilateral` to use the embedded Redis)")
    return settings.redis_url.get_secret_value()


def tls_options(settings: Settings) -> dict[str, Any]:
    """redis-py's `ssl_*` connection options for a `rediss://` URL (none for any other URL)."""
    if not redis_url(settings).startswith("rediss://"):
        return {}
    options: dict[str, Any] = {
        "ssl_cert_reqs": "required",
        "ssl_check_hostname": settings.redis_check_hostname,
    }
    for option, path in (
        ("ssl_ca_certs", settings.redis_ca),
        ("ssl_certfile", settings.redis_cert),
        ("ssl_keyfile", settings.redis_key),
    ):
        if path is not None:
            options[option] = str(path)
    return options


def broker_for(settings: Settings) -> RedisBroker:
    return RedisBroker(
        redis_url(settings),
        retry=retry_policy(),
        retry_on_error=list(RETRY_ON),
        health_check_interval=10,
        log_level=logging.DEBUG,
        logger=logging.getLogger("faststream.access.redis"),  # routed to JSON by shared/logging.py
        graceful_timeout=20.0,
        **tls_options(settings),
    )


def client_for(settings: Settings) -> aioredis.Redis:
    return aioredis.Redis.from_url(
        redis_url(settings),
        retry=retry_policy(),
        retry_on_error=list(RETRY_ON),
        health_check_interval=10,
        **tls_options(settings),
    )
