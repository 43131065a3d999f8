"""`bilateral extract FILE...` and `bilateral eval DIR`: run the news extractor on article files."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bilateral.scoring import format_report, score
from services.normalize.domain import Extraction, extract


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="print the meetings and statements of article files as JSON lines"
    )
    parser.add_argument(
        "files", nargs="+", type=Path, help="article .json files or .txt files (title, then body)"
    )
    parser.add_argument("--published-at", type=_parse_time, help="publication time for .txt files (ISO 8601)")
    parser.set_defaults(run=run_extract)
    evaluate = subparsers.add_parser("eval", help="score the extractor on a gold corpus folder")
    evaluate.add_argument("corpus", type=Path)
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious item")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(run=run_eval)


def _parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def load_article(path: Path, published_at: datetime | None = None) -> dict[str, Any]:
    """An article dict (id, title, body, published_at) from a JSON or a .txt file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        title, _, body = text.partition("\n")
        when = published_at or datetime.fromtimestamp(path.stat().st_mtime, UTC)
        return {"id": path.stem, "title": title.strip(), "body": body, "published_at": when.isoformat()}
    article = json.loads(text)
    article.setdefault("id", path.stem)
    return article


def article_extraction(article: dict[str, Any]) -> Extraction:
    published = article.get("published_at")
    when = _parse_time(published) if isinstance(published, str) and published else None
    return extract(str(article.get("body") or ""), when, article.get("title"))


def extraction_json(article_id: str, extraction: Extraction) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "meetings": [m.model_dump(mode="json") for m in extraction.meetings],
        "statements": [s.model_dump(mode="json") for s in extraction.statements],
    }


def run_extract(args: argparse.Namespace) -> int:
    for path in args.files:
        article = load_article(path, args.published_at)
        line = extraction_json(str(article.get("id") or path.stem), article_extraction(article))
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    files = sorted(args.corpus.glob("*.json"))
    docs = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    preds = [
        extraction_json(str(d.get("id") or f.stem), article_extraction(d))
        for d, f in zip(docs, files, strict=True)
    ]
    report = score(docs, preds, verbose=args.verbose)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
