"""Reading article files (JSON shaped like the seed article, or `.txt` with the title on line one)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ANNOTATIONS = ("gold", "notes")


def read_article(path: Path, published_at: str | None = None) -> dict[str, Any]:
    if path.suffix == ".txt":
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
        article: dict[str, Any] = {
            "title": title.strip(),
            "body": body,
            "published_at": mtime,
            "id": path.stem,
        }
    else:
        document = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(document, dict):
            raise ValueError(f"{path}: not a JSON object")
        article = {k: v for k, v in document.items() if k not in ANNOTATIONS}
    if published_at:
        article["published_at"] = published_at
    return {k: v for k, v in article.items() if v is not None}
