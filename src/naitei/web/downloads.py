"""Files the browser downloads: content types, names without personal data, the kit's zip."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from naitei.case import Case, parse_case
from naitei.errors import InputError
from naitei.services import parse_now
from naitei.web.deps import render

CONTENT_TYPES = {
    ".eml": "message/rfc822",
    ".ics": "text/calendar; charset=utf-8",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


def attachment(data: bytes, filename: str) -> Response:
    """A download; `filename` is ASCII and never carries a name or a company."""
    suffix = filename[filename.rfind(".") :]
    return Response(
        content=data,
        media_type=CONTENT_TYPES[suffix],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def zip_bytes(files: dict[str, bytes], now: dt.datetime) -> bytes:
    """The files in a zip, in name order, stamped with `now` (the same input, the same zip)."""
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o600 << 16  # private when unpacked: it holds personal data
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def posted_case(form: dict[str, str], clock_now: dt.datetime) -> tuple[Case, dt.datetime]:
    """The case (JSON in a hidden field) and the `now` of the page it came from."""
    try:
        data = json.loads(form.get("case", ""))
    except json.JSONDecodeError:
        raise InputError(
            "ケースの内容を読み取れませんでした。最初からやり直してください", field="case"
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            "ケースの内容を読み取れませんでした。最初からやり直してください", field="case"
        )
    now = parse_now(form["now"], "now") if form.get("now") else clock_now
    return parse_case(data, "case"), now


def case_json(case: Case) -> str:
    """The case as it travels in a hidden field (escaped by the template)."""
    return json.dumps(case.model_dump(mode="json", exclude_none=True), ensure_ascii=False)


def render_result(
    request: Request,
    template: str,
    case: Case,
    kit: Any,
    now: dt.datetime,
    saved_id: str | None,
    **values: Any,
) -> Any:
    """A kit's result page: the kit, the page's own `values`, and the hidden fields its download
    forms post back for `posted_case` (the case and the moment the kit was made for)."""
    return render(
        request,
        template,
        case=case,
        kit=kit,
        case_json=case_json(case),
        now_iso=now.isoformat(),
        saved_id=saved_id,
        **values,
    )
