"""The case store: cases and their timelines in SQLite (default) or PostgreSQL.

- models: the tables; status: a case's status and what is due, from naitei.timeline;
- repository: rows inside a transaction (never commits); engine: the URL, pragmas and error
  messages; migrate: Alembic;
- transfer: the export file; backup: WAL checkpoints and verified backups.
The use cases over the store, one transaction each, are naitei.services.cases.

Import the submodules directly (``from naitei.store import models``): this package
imports nothing itself, so that the CLI starts fast.
"""
