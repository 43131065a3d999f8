"""The fault suite's harness: the three services as real processes, a steady stream of numbered
articles (with bad ones among them), and the books that must balance after every fault.

Every pushed entry carries a `seq` stream field. Ingest keeps unknown fields (in the article's
metadata, or in the rejection's `original`), so each entry can be followed to exactly one end:
an `ArticleIngested` event in the store, or one record on `articles.rejected.v1`.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.processes import start_service, stop_process
from services.store.postgres import queries
from services.store.postgres.projection import project_batch
from services.store.postgres.read_models import create_read_model
from shared.streams import ARTICLES_RAW, ARTICLES_REJECTED

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FOLD_SCHEMA = "faults_fold"
BAD_EVERY = 7


def corpus_articles() -> list[dict[str, Any]]:
    articles = []
    for path in sorted(CORPUS.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        articles.append(
            {k: document[k] for k in ("title", "body", "published_at", "source") if document.get(k)}
        )
    return articles


BAD_KINDS = ("not_json", "not_object", "missing_body", "invalid_utf8", "bad_published_at")


def bad_entry(seq: int) -> dict[str, bytes | str]:
    """One of the kinds of bad input, chosen by `seq` (its reason is `BAD_KINDS[seq % 5]`)."""
    kinds: list[dict[str, bytes | str]] = [
        {"data": f"not json {seq}"},
        {"data": f"[{seq}]"},
        {"title": f"no body {seq}", "published_at": "2025-01-01T00:00:00Z"},
        {"body": b"\xff\xfe invalid utf-8 " + str(seq).encode(), "published_at": "2025-01-01T00:00:00Z"},
        {"body": f"Body {seq}", "published_at": "yesterday"},
    ]
    return kinds[seq % len(kinds)]


def is_bad(seq: int, bad_every: int) -> bool:
    return bool(bad_every) and seq % bad_every == bad_every - 1


def entry(seq: int, articles: list[dict[str, Any]], bad_every: int = BAD_EVERY) -> dict[str, bytes | str]:
    if is_bad(seq, bad_every):
        return {**bad_entry(seq), "seq": str(seq)}
    article = articles[seq % len(articles)]
    unique = {**article, "body": f"{article['body']}\n(Wire copy {seq}.)"}
    return {"data": json.dumps(unique, ensure_ascii=False), "seq": str(seq)}


@dataclass
class Producer:
    """Pushes numbered entries at a steady rate until stopped; `pushed` is what Redis acknowledged."""

    redis: aioredis.Redis
    rate_per_s: float = 40.0
    bad_every: int = BAD_EVERY
    articles: list[dict[str, Any]] = field(default_factory=corpus_articles)
    pushed: set[int] = field(default_factory=set)
    next_seq: int = 0

    def is_bad(self, seq: int) -> bool:
        return is_bad(seq, self.bad_every)

    async def push(self, count: int) -> None:
        for _ in range(count):
            seq = self.next_seq
            self.next_seq += 1
            await self.redis.xadd(ARTICLES_RAW, entry(seq, self.articles, self.bad_every))  # type: ignore[arg-type]
            self.pushed.add(seq)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.push(1)
            await asyncio.sleep(1 / self.rate_per_s)


class Services:
    """The services as real processes, each with its own consumer name (unique per process)."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir, self.env = log_dir, env
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.killed: set[str] = set()  # on purpose, and not started again

    def start(self, name: str, **env_overrides: str) -> subprocess.Popen[bytes]:
        """`name` is the consumer name; the service is its prefix (`normalize-2` runs normalize)."""
        service = name.split("-")[0]
        env = {**self.env, **env_overrides, "BILATERAL_CONSUMER": name}
        self.killed.discard(name)
        self.processes[name] = start_service(service, self.log_dir / name, env)
        return self.processes[name]

    def kill(self, name: str) -> None:
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        self.killed.add(name)

    def terminate(self, name: str) -> int:
        return stop_process(self.processes[name], timeout_s=30)

    def assert_alive(self, *names: str) -> None:
        expected = names or [name for name in self.processes if name not in self.killed]
        dead = [name for name in expected if self.processes[name].poll() is not None]
        assert not dead, f"services died: {dead}\n{self.logs()}"

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            stop_process(process)

    def logs(self) -> str:
        return "\n".join(
            f"--- {name}\n"
            + (self.log_dir / name / f"{name.split('-')[0]}.log").read_text(errors="replace")[-3000:]
            for name in self.processes
        )


async def pending_of(redis: aioredis.Redis, stream: str, group: str, consumer: str) -> int:
    try:
        summary = await redis.xpending(stream, group)
    except aioredis.ResponseError:
        return 0
    for row in summary.get("consumers") or []:
        if row["name"] in (consumer, consumer.encode()):
            return int(row["pending"])
    return 0


async def wait_for_pending(
    redis: aioredis.Redis, services: Services, stream: str, group: str, consumer: str, timeout_s: float = 30
) -> bool:
    """Wait until `consumer` holds fetched, unacknowledged entries (it is mid-batch)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        services.assert_alive(consumer)
        if await pending_of(redis, stream, group, consumer):
            return True
        await asyncio.sleep(0.005)
    return False


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _seq_in_message(original: dict[str, str]) -> str | None:
    """The `seq` of an entry dead-lettered from a later stream (an ArticleIngested, or a
    NormalizedArticle that wraps one), if the entry is readable at all."""
    try:
        document = json.loads(original.get("data", ""))
        ingested = document.get("article", {})
        article = ingested.get("article", ingested)
        return article.get("metadata", {}).get("seq")
    except (ValueError, AttributeError):
        return None


async def rejected_seqs(redis: aioredis.Redis) -> Counter[int]:
    """How many rejection records each pushed entry has (there must be at most one); a raw entry
    must carry the reason of its kind of bad input."""
    seqs: Counter[int] = Counter()
    for _, fields in await redis.xrange(ARTICLES_REJECTED):
        record = json.loads(fields[b"data"])
        original = record["original"]
        if record["source_stream"] == ARTICLES_RAW:
            seq = original.get("seq")
            assert seq is None or record["reason"] == BAD_KINDS[int(seq) % len(BAD_KINDS)], record
        else:
            seq = _seq_in_message(original)
        if seq is not None:
            seqs[int(seq)] += 1
    return seqs


async def stored_seqs(engine: AsyncEngine) -> Counter[int]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT data->'article'->'metadata'->>'seq' FROM events WHERE event_type = 'ArticleIngested'"
            )
        )
        return Counter(int(seq) for (seq,) in rows if seq is not None)


async def assert_books_balance(redis: aioredis.Redis, engine: AsyncEngine, producer: Producer) -> None:
    """pushed = stored + rejected, each entry exactly once: every good article stored (none of them
    dead-lettered by an outage), every bad entry rejected; and every stored article normalized."""
    stored, rejected = await stored_seqs(engine), await rejected_seqs(redis)
    assert not set(stored) & set(rejected), f"stored and rejected: {sorted(set(stored) & set(rejected))[:20]}"
    assert set(stored) | set(rejected) == producer.pushed, (
        f"lost: {sorted(producer.pushed - set(stored) - set(rejected))[:20]}, "
        f"unknown: {sorted((set(stored) | set(rejected)) - producer.pushed)[:20]}"
    )
    assert set(rejected) == {seq for seq in producer.pushed if producer.is_bad(seq)}
    assert max(stored.values(), default=1) == 1, "an article was stored twice"
    assert max(rejected.values(), default=1) == 1, "an entry was rejected twice"
    async with engine.connect() as conn:
        counts = dict(
            (
                await conn.execute(
                    text(
                        "SELECT event_type, count(*) FROM events"
                        " WHERE event_type IN ('ArticleIngested', 'ArticleNormalized') GROUP BY event_type"
                    )
                )
            ).all()
        )
    assert counts.get("ArticleNormalized", 0) == counts.get("ArticleIngested", 0) == len(stored)


async def assert_relations_equal_fold(engine: AsyncEngine) -> None:
    """The live `relations` read model equals a fold of every stored event from position 0."""
    async with engine.begin() as conn:
        await conn.execute(text(f"DROP SCHEMA IF EXISTS {FOLD_SCHEMA} CASCADE"))
        await create_read_model(conn, FOLD_SCHEMA)
        position, count = 0, 1
        while count:
            position, count = await project_batch(conn, FOLD_SCHEMA, position, 5000)
        folded = await queries.relations(conn, schema=FOLD_SCHEMA)
        live = await queries.relations(conn)
        await conn.execute(text(f"DROP SCHEMA {FOLD_SCHEMA} CASCADE"))
    assert live == folded
    assert any(row.meeting_count for row in live), "the stream produced no meetings at all"


async def wait_drained(
    redis: aioredis.Redis, engine: AsyncEngine, services: Services, timeout_s: float
) -> None:
    from bilateral.drain import wait_until_drained

    try:
        await wait_until_drained(redis, engine, timeout_s)
    except TimeoutError as exc:
        raise AssertionError(f"{exc}\n{services.logs()}") from None


@asynccontextmanager
async def steady_stream(producer: Producer) -> AsyncIterator[Producer]:
    """Pushes in the background for as long as the block runs."""
    stop = asyncio.Event()
    pushing = asyncio.create_task(producer.run(stop))
    try:
        yield producer
    finally:
        stop.set()
        await pushing


async def assert_end_to_end(
    redis: aioredis.Redis, engine: AsyncEngine, services: Services, producer: Producer
) -> None:
    """Once everything has drained: the books balance and the read model is the fold of the store."""
    await wait_drained(redis, engine, services, timeout_s=60)
    await assert_books_balance(redis, engine, producer)
    await assert_relations_equal_fold(engine)


async def wait_for_stored(
    engine: AsyncEngine, services: Services, articles: int = 20, timeout_s: float = 60
) -> None:
    """Wait until the pipeline is flowing end to end (the services start slowly on a busy machine)."""
    deadline = time.monotonic() + timeout_s
    while sum((await stored_seqs(engine)).values()) < articles:
        services.assert_alive()
        assert time.monotonic() < deadline, f"nothing stored after {timeout_s:.0f}s\n{services.logs()}"
        await asyncio.sleep(0.2)
