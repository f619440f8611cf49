"""The worker of organisation mode (`naitei worker`): Procrastinate on the same PostgreSQL.

Tasks:
- `deliver_mail(outbox_id)`: one queued message, at most once (outbox.py).
- `send_messenger_email(send_id)`: one approved email of the decline service (issue 19), at
  most once per (request, company) (service.py; service_sends is UNIQUE on the pair).
- `reminders` (every minute): due reminders become outbox rows; the reminder row is marked in
  the same transaction, so a reminder is queued once whatever happens to the worker.
- `retention` (hourly): cases whose outcome is older than `retention_days`, and after
  `season_end` every case of the season, are erased (row, then key file), each purge audited.
- `sweep` (every minute): requeues jobs of a killed worker (Procrastinate does not on its own),
  settles outbox rows and service sends stuck in `sending` as `uncertain` (never resent), delivers
  queued rows and service sends whose job was lost, turns the decline service's events into
  progress emails to the client (once each, unless they opted out), removes key files no row uses, old rate-limit windows and dead sessions/links.
- `poll_replies` (every `[imap] poll_minutes`, only when `[imap]` is configured): companies'
  replies to the service's sends, read from its mailbox and recorded once each (replies.py).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, text

from naitei.errors import InputError
from naitei.org import audit, outbox, ratelimit, replies, service
from naitei.org.config import OrgConfig
from naitei.org.db import system_transaction
from naitei.org.keys import KeyRing

log = logging.getLogger("naitei.org.jobs")
REMINDER_SUBJECT = "{name}: 予定していた連絡の時刻です"
REMINDER_BODY = (
    "ケース番号 {case} に登録した予定の時刻になりました。\n"
    "{base}/cases/{case} を開き、次にすることを確認してください。\n"
)


def connector_url(config: OrgConfig) -> str:
    return config.sqlalchemy_url().replace("postgresql+psycopg://", "postgresql://", 1)


def build_app(config: OrgConfig, engine: Engine, **worker_defaults: Any) -> Any:
    """The Procrastinate app with organisation mode's tasks bound to this deployment."""
    import procrastinate

    defaults = {"update_heartbeat_interval": config.worker_heartbeat_seconds,
                "stalled_worker_timeout": config.worker_stalled_seconds} | worker_defaults  # fmt: skip
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=connector_url(config)),
        worker_defaults=defaults,  # type: ignore[arg-type]
    )
    tick = _cron(config.worker_tick_seconds)
    keys = KeyRing(config.key_dir)

    @app.task(name="deliver_mail", queue="mail")
    def deliver_mail(outbox_id: int) -> str:
        return outbox.deliver(engine, config, outbox_id)

    @app.task(name="send_messenger_email", queue="mail")
    def send_messenger_email(send_id: int) -> str:
        # issue 19: one approved email of the decline service, at most once (org/service.py)
        return service.deliver(engine, config, send_id)

    @app.periodic(cron=tick, periodic_id="reminders")
    @app.task(name="reminders", queue="periodic")
    def reminders(timestamp: int) -> int:
        queued = queue_reminders(engine, config)
        for outbox_id in queued:
            deliver_mail.defer(outbox_id=outbox_id)
        return len(queued)

    @app.periodic(cron="17 * * * *", periodic_id="retention")
    @app.task(name="retention", queue="periodic")
    def retention(timestamp: int) -> int:
        return purge_expired(engine, keys, config.retention_days, config.season_end or None)

    @app.periodic(cron=tick, periodic_id="sweep")
    @app.task(name="sweep", queue="periodic", pass_context=True)
    async def sweep(context: Any, timestamp: int) -> None:
        from starlette.concurrency import run_in_threadpool

        manager = context.app.job_manager
        stalled = await manager.get_stalled_jobs(
            seconds_since_heartbeat=config.worker_stalled_seconds
        )
        for job in stalled:
            await manager.retry_job(job)
            log.info("job %s requeued after a lost worker", job.id)
        await run_in_threadpool(housekeeping, engine, keys)
        lost = max(120, 4 * config.worker_tick_seconds) if config.worker_tick_seconds >= 60 else 5
        for outbox_id in await run_in_threadpool(outbox.pending, engine, lost):
            await deliver_mail.defer_async(outbox_id=outbox_id)
        await run_in_threadpool(service.settle_stalled, engine)
        for send_id in await run_in_threadpool(service.pending_sends, engine):
            await send_messenger_email.defer_async(send_id=send_id)
        for outbox_id in await run_in_threadpool(service.notify_clients, engine, config):
            await deliver_mail.defer_async(outbox_id=outbox_id)

    if config.imap is not None:

        @app.periodic(cron=f"*/{config.imap.poll_minutes} * * * *", periodic_id="replies")
        @app.task(name="poll_replies", queue="periodic")
        def poll_replies(timestamp: int) -> str:
            # issues 18, 19: replies to the service's sends, each recorded once
            return replies.poll(engine, config).status

    return app


def _cron(seconds: int) -> str:
    """Every `seconds` (Procrastinate's sixth cron column is seconds), at most every minute."""
    if seconds >= 60 or seconds <= 0:
        return "* * * * *"
    return f"* * * * * */{seconds}"


DUE_REMINDERS = (
    "SELECT r.id, r.case_id, r.owner_id, u.email FROM org_reminders r"
    " JOIN org_users u ON u.id = r.owner_id AND u.status = 'active'"
    " WHERE r.outbox_id IS NULL AND r.due_at <= now()"
    " ORDER BY r.due_at LIMIT 200 FOR UPDATE OF r SKIP LOCKED"
)


def queue_reminders(engine: Engine, config: OrgConfig) -> list[int]:
    """Due reminders → outbox rows, each reminder marked in the same transaction (once)."""
    return outbox.sweep(engine, DUE_REMINDERS, {}, partial(_remind, config))


def _remind(config: OrgConfig, connection: Connection, reminder: Any) -> int:
    body = REMINDER_BODY.format(case=reminder.case_id, base=config.base_url)
    subject = REMINDER_SUBJECT.format(name=config.name)
    outbox_id = outbox.queue(
        connection, "reminder", reminder.owner_id, reminder.email, subject, body
    )
    connection.execute(
        text("UPDATE org_reminders SET outbox_id = :o WHERE id = :i"),
        {"o": outbox_id, "i": reminder.id},
    )
    return outbox_id


def purge_expired(engine: Engine, keys: KeyRing, days: int, season_end: str | None = None) -> int:
    """Erase the cases whose outcome is older than the retention period, and, once the
    season's last day (Japan time) is over, every case created before it; each audited."""
    with system_transaction(engine) as connection:
        rows = connection.execute(
            text(
                "DELETE FROM org_cases WHERE outcome_at < now() - make_interval(days => :d)"
                " OR (CAST(:season AS date) IS NOT NULL"
                "     AND now() >= (CAST(:season AS date) + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'"
                "     AND created_at < (CAST(:season AS date) + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')"
                " RETURNING id, owner_id"
            ),
            {"d": days, "season": season_end},
        ).all()
        for case_id, owner in rows:
            audit.record(connection, "case.purge", "case", case_id, owner, "worker")
    for case_id, _owner in rows:
        keys.shred(case_id)
    if rows:
        log.info("retention: %d cases erased", len(rows))
    return len(rows)


def housekeeping(engine: Engine, keys: KeyRing) -> None:
    outbox.settle_stalled(engine)
    with system_transaction(engine) as connection:
        ratelimit.prune(connection)
        connection.execute(
            text("DELETE FROM org_links WHERE expires_at < now() - interval '1 day'")
        )
        connection.execute(text("DELETE FROM org_challenges WHERE expires_at < now()"))
        connection.execute(
            text("DELETE FROM org_sessions WHERE seen_at < now() - interval '2 days'")
        )
        live = connection.execute(
            text("SELECT id, key_generation FROM org_cases WHERE sealed IS NOT NULL")
        ).all()
    keys.sweep({(int(a), int(b)) for a, b in live})


def deferrer(config: OrgConfig) -> Any:
    """For an app worker: a function that defers `deliver_mail(outbox_id)`; the Procrastinate
    connection opens on first use. A failure to defer loses nothing (the row stays queued and
    the worker's sweep delivers it)."""
    state: dict[str, Any] = {}

    def defer(outbox_id: int) -> None:
        try:
            if "app" not in state:
                from naitei.org.db import make_engine

                state["app"] = build_app(config, make_engine(config, pool_size=1)).open()
            state["app"].configure_task("deliver_mail").defer(outbox_id=outbox_id)
        except Exception as error:
            log.warning(
                "outbox %d: not deferred (%s); the sweep will send it",
                outbox_id,
                type(error).__name__,
            )

    return defer


def run_worker(config: OrgConfig, **worker_defaults: Any) -> None:
    """`naitei worker`: every queue, until SIGTERM or SIGINT."""
    from naitei.org.config import IMAP_PASSWORD_ENV
    from naitei.org.db import make_engine

    if config.imap is not None and not config.imap.password:
        raise InputError(
            "[imap] のメールアカウントのパスワードを環境変数で渡してください",
            field=IMAP_PASSWORD_ENV,
        )
    engine = make_engine(config, pool_size=2)
    app = build_app(config, engine, **worker_defaults)
    try:
        app.run_worker(queues=["mail", "periodic"], install_signal_handlers=True)
    finally:
        engine.dispose()
