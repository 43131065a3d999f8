"""Riding out a PostgreSQL restart or a dropped connection without failing the batch.

A batch that fails on a connection error is not a bad batch: if it were left to the reclaimer, each
retry would count as a delivery and good articles would be dead-lettered after an outage longer
than a few retries. So the store retries such errors itself, with back-off, and meanwhile keeps its
entries claimed (XCLAIM JUSTID resets their idle time without counting a delivery) so that no
reclaimer takes them over. The append is idempotent, so a retry after a commit whose reply was lost
adds nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import asyncpg
import structlog
from sqlalchemy.exc import DBAPIError

log = structlog.get_logger()
T = TypeVar("T")
TRANSIENT = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.PostgresConnectionError,  # the connection is gone
    asyncpg.OperatorInterventionError,  # admin shutdown, crash shutdown, cannot connect now
    asyncpg.InterfaceError,  # "connection was closed in the middle of operation"
    asyncpg.TooManyConnectionsError,
)


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return any(isinstance(cause, TRANSIENT) for cause in _causes(error))


async def retry_transient(
    attempt: Callable[[], Awaitable[T]],
    between: Callable[[], Awaitable[Any]],
    give_up_after_s: float = 300.0,
    max_wait_s: float = 2.0,
) -> T:
    """`attempt()` until it succeeds or fails for a reason that is not transient; `between()` runs
    before each retry. After `give_up_after_s` the last error is raised (the reclaimer takes over)."""
    loop = asyncio.get_running_loop()
    deadline, wait = loop.time() + give_up_after_s, 0.05
    while True:
        try:
            return await attempt()
        except Exception as error:
            if not is_transient(error) or loop.time() > deadline:
                raise
            log.warning("store.database_unavailable", error=type(error).__name__, retry_in_s=wait)
        await asyncio.sleep(wait)
        wait = min(wait * 2, max_wait_s)
        await between()
