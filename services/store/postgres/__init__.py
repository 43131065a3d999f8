"""The store's PostgreSQL adapter: the event store, the read models and the queries over them."""
