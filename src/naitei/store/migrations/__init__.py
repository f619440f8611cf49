"""Alembic migrations of the case store (run by naitei.store.migrate)."""
