"""`bilateral push FILE...`: push article files onto the raw stream, as any producer would."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bilateral.articles import read_article
from bilateral.runtime import servers
from shared.redis_connection import client_for
from shared.settings import Settings
from shared.streams import ARTICLES_RAW

PIPELINE_SIZE = 500


async def push_articles(
    settings: Settings, articles: list[dict[str, Any]], progress: bool = False
) -> list[str]:
    """XADD each article as one `data` field holding JSON, through pipelines; returns the entry ids."""
    redis = client_for(settings)
    ids: list[str] = []
    try:
        with tqdm(total=len(articles), unit="article", disable=not progress, file=sys.stderr) as bar:
            for start in range(0, len(articles), PIPELINE_SIZE):
                chunk = articles[start : start + PIPELINE_SIZE]
                async with redis.pipeline(transaction=False) as pipe:
                    for article in chunk:
                        pipe.xadd(ARTICLES_RAW, {"data": json.dumps(article, ensure_ascii=False)})
                    ids += [i.decode() if isinstance(i, bytes) else i for i in await pipe.execute()]
                bar.update(len(chunk))
    finally:
        await redis.aclose()
    return ids


def run(args: argparse.Namespace) -> int:
    articles = [read_article(Path(f), args.published_at) for f in args.files]
    with servers() as settings:
        ids = asyncio.run(
            push_articles(settings, articles, progress=len(articles) > 20 and sys.stderr.isatty())
        )
    print(f"pushed {len(ids)} article(s) to {ARTICLES_RAW}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("push", help="push article files (.json or .txt) to the raw stream")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--published-at", help="ISO 8601 date-time to set on every article")
    parser.set_defaults(run=run)
