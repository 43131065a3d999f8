"""The store's own metrics: events appended, the event store head, and each checkpoint against it.

Projection and relay rates are `deriv(bilateral_checkpoint_position[1m])`; how far behind they are is
`bilateral_checkpoint_behind` (events of the types they read, past their checkpoint).
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

from services.store.postgres import api_queries
from services.store.postgres.engine import engine_for
from shared.metrics import ServiceMetrics
from shared.settings import Settings


class StoreMetrics:
    def __init__(self, metrics: ServiceMetrics, settings: Settings) -> None:
        self.settings = settings
        registry = metrics.registry
        self.appended = Counter(
            "bilateral_events_appended", "Events appended to the event store", registry=registry
        )
        self.head = Gauge(
            "bilateral_event_store_head", "Highest global position in the store", registry=registry
        )
        self.position = Gauge(
            "bilateral_checkpoint_position",
            "Position a projection or relay has reached",
            ["name"],
            registry=registry,
        )
        self.behind = Gauge(
            "bilateral_checkpoint_behind",
            "Events past the checkpoint it still has to read",
            ["name"],
            registry=registry,
        )
        metrics.probes.append(self.sample)

    async def sample(self) -> None:
        """One short-lived connection per sample: the probe holds nothing between samples."""
        engine = engine_for(self.settings, pool_size=1)
        try:
            async with engine.connect() as conn:
                rows = await api_queries.checkpoints(conn)
                self.head.set(await api_queries.store_head(conn))
        finally:
            await engine.dispose()
        for row in rows:
            self.position.labels(row.name).set(row.position)
            self.behind.labels(row.name).set(row.behind)
