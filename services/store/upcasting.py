"""Upcasters: stored payloads of an older `schema_version` are turned into the current shape on read.

Each upcaster takes one version to the next; `upcast` chains them. Stored rows are never rewritten,
so every read path (the projection fold, the relay, `EventStore.read_events`) goes through `upcast`.

History of the shapes:
- MeetingReported v1 -> v2: v1 stored the meeting's place as `meeting.venue`, a bare place name;
  v2 stores `meeting.location` = {"name", "country"} (the country is unknown for v1 payloads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.events import EVENT_TYPES

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]

UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def upcaster(event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    def register(function: Upcaster) -> Upcaster:
        UPCASTERS[(event_type, from_version)] = function
        return function

    return register


def current_version(event_type: str) -> int:
    cls = EVENT_TYPES.get(event_type)
    return cls.schema_version if cls else 1


def upcast(event_type: str, schema_version: int, data: Payload) -> Payload:
    target = current_version(event_type)
    while schema_version < target:
        data = UPCASTERS[(event_type, schema_version)](data)
        schema_version += 1
    return data


@upcaster("MeetingReported", 1)
def meeting_venue_to_location(data: Payload) -> Payload:
    meeting = dict(data["meeting"])
    venue = meeting.pop("venue", None)
    meeting.setdefault("location", {"name": venue, "country": None} if venue else None)
    return {**data, "meeting": meeting}
