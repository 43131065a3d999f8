"""`bilateral bench extract`: articles per second of the news extractor on one core."""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime
from pathlib import Path

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


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("extract", help="articles per second of the extractor, one core")
    parser.add_argument(
        "--articles", type=int, default=200, help="how many distinct articles to cycle through"
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to run")
    parser.add_argument("--corpus", type=Path, help="load article bodies from this folder instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    bodies = loaded_articles(args.corpus) if args.corpus else generated_articles(max(1, args.articles))
    published = datetime(2025, 1, 31, 12, tzinfo=UTC)
    words = sum(len(b.split()) for b in bodies) / max(1, len(bodies))
    done = 0
    started = time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline or done == 0:
        extract(bodies[done % len(bodies)], published)
        done += 1
    elapsed = time.perf_counter() - started
    print(
        f"extract: {done} articles in {elapsed:.2f}s = {done / elapsed:.0f} articles/s "
        f"(one core, {words:.0f} words per article)"
    )
    return 0
