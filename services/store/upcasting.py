"""Upcasters: stored payloads of an older `schema_version` are turned into the current shape on read.

Each upcaster takes one version to the next; `upcast` chains them. Stored rows are never rewritten.
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
