"""Names of the schemas the read models live in. Never user input: checked before use in SQL."""

from __future__ import annotations

import re

LIVE_SCHEMA = "projection"
REBUILD_SCHEMA = "projection_rebuild"
RETIRED_SCHEMA = "projection_retired"
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def checked(schema: str) -> str:
    if not _SCHEMA_NAME.fullmatch(schema):  # `$` would let a trailing newline through
        raise ValueError(f"not a schema name: {schema!r}")
    return schema
