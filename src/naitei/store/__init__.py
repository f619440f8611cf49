"""The case store: cases and their timelines in SQLite (default) or PostgreSQL.

- models: the tables; rules: how events move a case (data in naitei/data/cases.toml);
- repository: rows inside a transaction (never commits); services: the use cases, one
  transaction each; engine: the URL, pragmas and error messages; migrate: Alembic;
- transfer: the export file; backup: WAL checkpoints and verified backups.

Import the submodules directly (``from naitei.store import services``): this package
imports nothing itself, so that the CLI starts fast.
"""
