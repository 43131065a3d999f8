"""How entries look on the Redis streams, and how to read them untouched.

Producers write raw articles in either of two shapes (one `data` field holding JSON, or one field per
article field); the services write one `data` field holding JSON. FastStream's default batch parser
decodes every field as UTF-8 JSON and fails (leaving the batch pending forever) on bytes it cannot
decode, so subscribers use `keep_raw_entries` and read `raw_message` themselves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from faststream.redis import StreamSub
from pydantic import BaseModel

from shared.messages import ArticleRejected
from shared.settings import Settings
from shared.streams import ARTICLES_REJECTED

DATA_FIELD = "data"
RawEntry = tuple[str, dict[bytes, bytes]]


def encode(model: BaseModel) -> dict[str, bytes]:
    return {DATA_FIELD: model.model_dump_json().encode()}


def data_of(fields: Mapping[bytes, bytes]) -> bytes:
    return fields.get(DATA_FIELD.encode(), b"")


def printable_fields(fields: Mapping[bytes, bytes]) -> dict[str, str]:
    """The fields as text for a rejection record: undecodable bytes become U+FFFD, nothing is dropped."""
    return {k.decode("utf-8", "replace"): v.decode("utf-8", "replace") for k, v in fields.items()}


async def keep_raw_entries(message: Any, original: Callable[[Any], Awaitable[Any]]) -> Any:
    """A FastStream parser that builds the message without decoding bodies (see the module docstring)."""
    parsed = await original({**message, "data": [{} for _ in message["data"]]})
    parsed.raw_message = message
    return parsed


def entries_of(raw_message: Mapping[str, Any]) -> list[RawEntry]:
    ids = [i.decode() if isinstance(i, bytes) else str(i) for i in raw_message["message_ids"]]
    return list(zip(ids, raw_message["data"], strict=True))


async def delivery_counts(redis: Any, stream: str, group: str, entry_ids: list[str]) -> dict[str, int]:
    """How many times each pending entry has been delivered (XPENDING), 1 for unknown ones."""
    counts = {}
    for entry_id in entry_ids:
        pending = await redis.xpending_range(stream, group, min=entry_id, max=entry_id, count=1)
        counts[entry_id] = int(pending[0]["times_delivered"]) if pending else 1
    return counts


def stream_subs(stream: str, group: str, settings: Settings) -> tuple[StreamSub, StreamSub]:
    """The two readers every service stacks on one stream: new entries, and entries left pending.

    FastStream never redelivers a pending entry by itself; the second reader (XAUTOCLAIM after
    `reclaim_idle_ms`) takes over what a crashed or failing consumer left behind.
    """
    common: dict[str, Any] = {"group": group, "consumer": settings.consumer_name, "batch": True}
    fresh = StreamSub(stream, max_records=settings.batch_size, polling_interval=200, **common)
    reclaimed = StreamSub(stream, min_idle_time=settings.reclaim_idle_ms, polling_interval=1000, **common)
    return fresh, reclaimed


async def dead_letter_exhausted(
    redis: Any, entries: list[RawEntry], stream: str, group: str, max_deliveries: int
) -> list[RawEntry]:
    """Move entries delivered more than `max_deliveries` times to the rejected stream; return the rest."""
    counts = await delivery_counts(redis, stream, group, [entry_id for entry_id, _ in entries])
    exhausted = [(entry, counts[entry[0]]) for entry in entries if counts[entry[0]] > max_deliveries]
    if exhausted:
        outputs: dict[str, list[Command]] = {}
        for (entry_id, fields), count in exhausted:
            record = ArticleRejected(
                reason="delivery_limit",
                detail=f"processing failed {count - 1} times; giving up",
                source_stream=stream,
                source_id=entry_id,
                original=printable_fields(fields),
                delivery_count=count,
            )
            outputs[entry_id] = [("XADD", ARTICLES_REJECTED, "*", DATA_FIELD, encode(record)[DATA_FIELD])]
        await ack_then_publish(redis, stream, group, outputs)
    return [entry for entry in entries if counts[entry[0]] <= max_deliveries]


async def ensure_group(redis: Any, stream: str, group: str) -> None:
    """Create the consumer group at the stream's start (not at `$`, FastStream's default), so entries
    pushed while a group was missing, for example after Redis restarted empty, are still read."""
    try:
        await redis.xgroup_create(stream, group, id="0", mkstream=True)
    except Exception as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def keep_claimed(redis: Any, stream: str, group: str, consumer: str, entry_ids: list[str]) -> None:
    """Reset the idle time of entries this consumer is still working on (XCLAIM JUSTID counts no
    delivery), so that no reclaimer takes them over during a long retry."""
    if entry_ids:
        await redis.xclaim(stream, group, consumer, 0, entry_ids, justid=True)


# Acks each entry and runs the commands that publish its outcome only if that ack was the first:
# a commit retried after its reply was lost (redis-py retries a MULTI/EXEC on a dropped connection,
# and a restarting Redis drops replies) then publishes nothing twice. One script is atomic like a
# MULTI/EXEC. ARGV: group, then per entry: id, number of commands, and per command: its word count
# followed by its words. Standalone Redis only (the keys are not declared; so is the MULTI it replaces).
_ACK_THEN_PUBLISH = """
local group, i, fresh_count = ARGV[1], 2, 0
while i <= #ARGV do
  local fresh = redis.call('XACK', KEYS[1], group, ARGV[i]) == 1
  local commands = tonumber(ARGV[i + 1])
  i = i + 2
  if fresh then fresh_count = fresh_count + 1 end
  for _ = 1, commands do
    local words = tonumber(ARGV[i])
    if fresh then redis.call(unpack(ARGV, i + 1, i + words)) end
    i = i + words + 1
  end
end
return fresh_count
"""
Command = tuple[str | bytes | int, ...]


async def ack_then_publish(redis: Any, stream: str, group: str, outputs: Mapping[str, list[Command]]) -> int:
    """XACK each entry of `outputs` (entry id -> the commands publishing its outcome) and run its
    commands only if the entry was still pending. Returns how many entries were still pending."""
    if not outputs:
        return 0
    argv: list[str | bytes | int] = [group]
    for entry_id, commands in outputs.items():
        argv += [entry_id, len(commands)]
        for command in commands:
            argv += [len(command), *command]
    return int(await redis.eval(_ACK_THEN_PUBLISH, 1, stream, *argv))
