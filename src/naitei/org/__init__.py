"""Organisation mode: one deployment for a career office or an agency, on PostgreSQL.

Modules: `config` (TOML + NAITEI_ORG_*), `db` (engine; every transaction runs as the
non-owner role naitei_app with the acting user set, so row-level security applies),
`schema` (Alembic, naitei_org_version), `keys` (master key and per-case AES-GCM keys in the key
folder: crypto-shredding), `audit` (hash-chained, append-only), `accounts`, `sessions`,
`cases`, `consent`, `jobs` (Procrastinate worker), `web` (the FastAPI app of
`naitei serve --org`). The single-user local mode never imports this package.
"""
