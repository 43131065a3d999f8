"""The relations projection's fold over one batch of stored events. Pure: no I/O.

Read models keep only each article's latest extraction: an `ArticleNormalized` event makes its
version the article's current one, reports of any other version are retracted, and reports whose
version is not current are ignored. The same fold serves the live projector, a replay and the
time-travel queries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from services.store.upcasting import upcast

Pair = tuple[str, str]


def pairs_of(countries: list[str] | tuple[str, ...]) -> set[Pair]:
    return set(combinations(sorted(set(countries)), 2))


@dataclass
class ReportChanges:
    """What one batch changes in the report tables, and the checkpoint it moves to."""

    last_position: int = 0
    current_versions: dict[str, tuple[str, int]] = field(default_factory=dict)
    meeting_rows: list[tuple[Any, ...]] = field(default_factory=list)
    statement_rows: list[tuple[Any, ...]] = field(default_factory=list)
    touched_meetings: set[str] = field(default_factory=set)
    touched_pairs: set[Pair] = field(default_factory=set)


def _meeting_row(data: dict[str, Any], position: int) -> tuple[Any, ...]:
    meeting = data["meeting"]
    return (
        data["meeting_key"],
        data["article_id"],
        data["extractor_version"],
        position,
        list(meeting["countries"]),
        meeting.get("date"),
        json.dumps(meeting.get("participants", [])),
        json.dumps(meeting.get("location")),
        meeting.get("format", "in_person"),
        list(meeting.get("topics", [])),
        json.dumps(meeting.get("evidence", [])),
    )


def _statement_row(event_id: str, data: dict[str, Any], position: int) -> tuple[Any, ...]:
    statement = data["statement"]
    speaker = statement.get("speaker") or {}
    return (
        event_id,
        data["article_id"],
        data["extractor_version"],
        position,
        speaker.get("name"),
        speaker.get("title"),
        speaker.get("country"),
        statement.get("mode"),
        statement.get("text", ""),
        statement.get("date"),
        list(statement.get("about", [])),
        json.dumps(statement.get("evidence", [])),
    )


def fold_batch(events: list[Any], stored_versions: dict[str, str]) -> ReportChanges:
    """`events` are `StoredEvent`s in global order; `stored_versions` the current extraction version of
    the articles they report on, as the read model holds it before this batch."""
    changes = ReportChanges()
    meetings: list[tuple[str, tuple[Any, ...]]] = []
    statements: list[tuple[str, tuple[Any, ...]]] = []
    for event in events:
        changes.last_position = event.global_position
        data = upcast(event.event_type, event.schema_version, event.data)
        if event.event_type == "ArticleNormalized":
            changes.current_versions[data["article_id"]] = (data["extractor_version"], event.global_position)
        elif event.event_type == "MeetingReported":
            meetings.append((data["article_id"], _meeting_row(data, event.global_position)))
        elif event.event_type == "StatementReported":
            statements.append(
                (data["article_id"], _statement_row(str(event.event_id), data, event.global_position))
            )

    def is_current(article_id: str, version: str) -> bool:
        latest = changes.current_versions.get(article_id)
        return (latest[0] if latest else stored_versions.get(article_id)) == version

    # One report per (meeting, article): an extraction that finds the same meeting twice counts once.
    current_reports = {(row[0], row[1]): row for article, row in meetings if is_current(article, row[2])}
    changes.meeting_rows = list(current_reports.values())
    changes.statement_rows = [row for article, row in statements if is_current(article, row[2])]
    for row in changes.meeting_rows:
        changes.touched_meetings.add(row[0])
        changes.touched_pairs |= pairs_of(row[4])
    for row in changes.statement_rows:
        changes.touched_pairs |= pairs_of(row[10])
    return changes


def articles_needing_versions(events: list[Any]) -> set[str]:
    """Articles whose reports arrive in this batch without their `ArticleNormalized` marker."""
    marked = {e.data.get("article_id") for e in events if e.event_type == "ArticleNormalized"}
    reported = {
        e.data.get("article_id") for e in events if e.event_type in ("MeetingReported", "StatementReported")
    }
    return {a for a in reported - marked if a}
