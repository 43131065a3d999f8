"""The news extractor: meetings and statements read from one English news article (EXTRACTION.md).

`extract` is pure and deterministic: the same text always gives the same facts, and any string is
accepted. Bump EXTRACTOR_VERSION whenever its output can change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.normalize.domain.assemble import assemble
from shared.events import MeetingFacts, StatementFacts

EXTRACTOR_VERSION = "2026.11.15"


@dataclass(frozen=True)
class Extraction:
    meetings: tuple[MeetingFacts, ...]
    statements: tuple[StatementFacts, ...]


def extract(body: str, published_at: datetime | None, title: str | None = None) -> Extraction:
    """Meetings and statements of one article; relative dates resolve against `published_at`.

    The title is accepted for the interface but not read: headlines repeat the body in the
    present tense ("X meets Y"), which would only add duplicates.
    """
    meetings, statements = assemble(body, published_at.date() if published_at else None)
    return Extraction(meetings, statements)


__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]
