"""The composition root's environment: settings, and the servers they point at.

With `REDIS_URL` and `DATABASE_URL` both set, those servers are used. Otherwise the embedded ones in
the data folder are started (or reused) and the URLs exported, so child processes use them too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from bilateral.embedded import embedded_servers
from shared.settings import Settings


@contextmanager
def servers(settings: Settings | None = None) -> Iterator[Settings]:
    settings = settings or Settings()
    if settings.redis_url is not None and settings.database_url is not None:
        yield settings
        return
    with embedded_servers(settings.data_dir) as (redis_url, database_url):
        os.environ.setdefault("REDIS_URL", redis_url)
        os.environ.setdefault("DATABASE_URL", database_url)
        yield Settings()
