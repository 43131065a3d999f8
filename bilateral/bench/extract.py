"""`bilateral bench extract`: articles per second of the news extractor on one core."""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime
from pathlib import Path

from bilateral.bench.generate import generated_articles as generated_news
from services.normalize.domain import extract

PEOPLE = [
    ("Iranian", "First Vice President", "Muhammad Karimi"),
    ("Kazakh", "Prime Minister", "Olzhas Serikov"),
    ("Turkish", "Foreign Minister", "Emre Yilmaz"),
    ("Azerbaijani", "President", "Rashad Aliyev"),
    ("Japanese", "Foreign Minister", "Kenji Tanaka"),
    ("Brazilian", "President", "Paulo Ferreira"),
]
SENTENCES = [
    "{a} held talks with {b} in {city} on {day}, discussing trade, energy and transport links.",
    "{sa} stressed the importance of expanding economic cooperation between the two countries.",
    "\u201cOur relations are growing in every field and we are ready to do more,\u201d {sa} said.",
    "He also invited his counterpart to attend the regional summit scheduled for next month.",
    "{sb}, for his part, noted that bilateral trade had grown by a third over the past year.",
    "The two sides signed agreements on customs, tourism, education and health cooperation.",
    "Officials said the meeting took place in a friendly and constructive atmosphere.",
    "{sb} said his government would speed up work on the railway corridor and new border crossings.",
    "Analysts expect the talks to pave the way for a free trade agreement within two years.",
    "{a} spoke by phone with {b} on {day} about security in the region.",
]
CITIES = ["Astana", "Tehran", "Ankara", "Baku", "Tokyo", "Brasilia"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated_articles(count: int, seed: int = 7) -> list[str]:
    """Deterministic ~500-word articles built from diplomatic-news sentences."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        (ca, ta, na), (cb, tb, nb) = rng.sample(PEOPLE, 2)
        words = {
            "a": f"{ca} {ta} {na}",
            "b": f"{cb} {tb} {nb}",
            "sa": na.split()[-1],
            "sb": nb.split()[-1],
            "city": rng.choice(CITIES),
            "day": rng.choice(DAYS),
        }
        sentences = [rng.choice(SENTENCES).format(**words) for _ in range(30)]
        out.append(f"{rng.choice(CITIES).upper()} \u2013 " + " ".join(sentences))
    return out


def loaded_articles(folder: Path) -> list[str]:
    return [
        str(json.loads(p.read_text(encoding="utf-8")).get("body") or "")
        for p in sorted(folder.glob("*.json"))
    ]


def news_articles(count: int) -> list[tuple[str, datetime]]:
    """The pipeline benchmark's generated news (bilateral.bench.generate), with their own dates."""
    return [
        (a["body"], datetime.fromisoformat(a["published_at"].replace("Z", "+00:00")))
        for a in generated_news(count, seed=5)
    ]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("extract", help="articles per second of the extractor, one core")
    parser.add_argument(
        "--articles", type=int, default=200, help="how many distinct articles to cycle through"
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to run")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, help="load article bodies from this folder instead")
    source.add_argument(
        "--news", action="store_true", help="use the pipeline benchmark's generated news articles"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Runs the extractor for --seconds and reports articles per CPU-second of this process (the
    figure to compare on a shared machine, where wall-clock time includes waiting for a core) and
    per wall-clock second."""
    count = max(1, args.articles)
    published = datetime(2025, 1, 31, 12, tzinfo=UTC)
    if args.news:
        articles = news_articles(count)
    else:
        bodies = loaded_articles(args.corpus) if args.corpus else generated_articles(count)
        articles = [(body, published) for body in bodies]
    words = sum(len(body.split()) for body, _ in articles) / max(1, len(articles))
    done = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    deadline = started + args.seconds
    while time.perf_counter() < deadline or done == 0:
        body, at = articles[done % len(articles)]
        extract(body, at)
        done += 1
    cpu = time.process_time() - cpu_started
    elapsed = time.perf_counter() - started
    print(
        f"extract: {done} articles, {words:.0f} words per article on average: "
        f"{done / max(cpu, 1e-9):.0f} articles per CPU-second ({cpu:.2f} CPU-s), "
        f"{done / elapsed:.0f} articles/s wall-clock ({elapsed:.2f}s, one core)"
    )
    return 0
