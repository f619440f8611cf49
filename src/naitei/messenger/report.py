"""The service's dashboard and its reporting CSV.

The summary counts requests by status, those due today and overdue (not yet all sent), those
all answered, and the median time from request to all companies answered. The CSV has one row
per company with no sensitive field: an opaque request id, the employer kind (never a name),
statuses, dates and the reply's outcome — enough for a career office's season report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter
from typing import Any

from naitei.export.decline import csv_cell
from naitei.messenger.request import STATUS_LABELS, ServiceRequest

CSV_COLUMNS = (
    "request",
    "company",
    "employer_kind",
    "status",
    "requested_on",
    "sent_on",
    "answered_on",
    "days_to_answer",
    "outcome",
)


def _pending(request: ServiceRequest) -> bool:
    return not request.withdrawn and any(
        t.status in ("drafted", "approved") for t in request.targets
    )


def summary(requests: list[ServiceRequest], now: dt.datetime) -> dict[str, Any]:
    """The dashboard's figures at `now` (aware; days are Japan's, as `now`'s zone)."""
    today = now.date()
    by_status = Counter(request.status for request in requests)
    hours = [
        (answered - request.created_at).total_seconds() / 3600
        for request in requests
        if (answered := request.answered_at) is not None
    ]
    return {
        "total": len(requests),
        "by_status": {status: by_status.get(status, 0) for status in STATUS_LABELS},
        "due_today": sum(
            1 for r in requests if _pending(r) and r.due.astimezone(now.tzinfo).date() == today
        ),
        "overdue": sum(1 for r in requests if _pending(r) and r.due < now),
        "answered": sum(1 for r in requests if r.all_answered),
        "median_hours_to_all_answered": round(statistics.median(hours), 1) if hours else None,
    }


def _day(moment: dt.datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def report_csv(requests: list[ServiceRequest]) -> str:
    """One row per company, without names, words, reasons or contacts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for request in requests:
        for index, target in enumerate(request.targets, start=1):
            days = (
                str((target.answered_at.date() - request.created_at.date()).days)
                if target.answered_at
                else ""
            )
            writer.writerow(
                csv_cell(value)
                for value in (
                    request.id,
                    index,
                    target.kind,
                    "withdrawn" if request.withdrawn else target.status,
                    _day(request.created_at),
                    _day(target.sent_at),
                    _day(target.answered_at),
                    days,
                    target.outcome or "",
                )
            )
    return out.getvalue()


def outcome_counts(requests: list[ServiceRequest]) -> dict[str, int]:
    """Counts by reply outcome for a season (unanswered companies as `none`)."""
    counts = Counter(
        target.outcome or "none"
        for request in requests
        if not request.withdrawn
        for target in request.targets
    )
    return dict(sorted(counts.items()))
