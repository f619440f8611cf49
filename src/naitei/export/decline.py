"""The files of a decline kit (`naitei decline FILE --out DIR`), as bytes keyed by path.

    DIR/summary.md, summary.json, summary.csv     one row per company, with its status
    DIR/NN-<company>/decline-email.txt            subject and addressee above the body
    DIR/NN-<company>/decline-email.eml            when the recipient's address is known
    DIR/NN-<company>/decline-phone.md             the phone script

Folder names come from company names typed by the user: they are reduced to characters that
are safe in a file name on every system, behind a two-digit number, so no name can reach
outside DIR, hide itself with a leading dot, or collide with another company's folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Collection
from email.message import Message
from typing import Any

from naitei.case import DeclineCase, case_identity
from naitei.compose.decline_kit import CompanyDecline, DeclineKit
from naitei.export.eml import build_message, message_id, to_bytes
from naitei.export.kit import email_text
from naitei.schools import school_of

FORMAT = "naitei-decline"
STATUS_LABELS = {
    "unsent": "未送信",
    "sent": "送信済み",
    "unknown": "届いたか不明（送信の途中で止まりました）",
}
CHANNEL_LABELS = {"phone": "電話が先（そのあと確認のメール）", "email": "メール"}
_MAX_NAME = 40
_FORBIDDEN = frozenset('<>:"/\\|?*')
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def decline_id(case: DeclineCase) -> str:
    """Who declines, to whom, and the file's content (not its layout or comments), hashed."""
    content = json.dumps(
        case.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    seed = f"{case_identity(case)}\x1e{content}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]


def decline_message_id(case: DeclineCase, company: CompanyDecline) -> str:
    """The Message-ID of a company's decline email: the same tomorrow as today, whoever sends it."""
    seed = f"naitei-decline\x1f{decline_id(case)}\x1f{company.index}\x1f{company.company}"
    return message_id(seed, case.applicant.email or None)


def folder_name(index: int, company: str) -> str:
    """01-株式会社さくら出版: a number, then the name with anything unsafe replaced."""
    text = unicodedata.normalize("NFC", company)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in _DROPPED_CATEGORIES or char in _FORBIDDEN:
            kept.append("_")
        else:
            kept.append(" " if category == "Zs" and char != "\u3000" else char)
    name = re.sub(r"_+", "_", "".join(kept)).strip(" ._\u3000")
    name = name[:_MAX_NAME].rstrip(" ._\u3000")
    return f"{index:02d}-{name or 'company'}"


def outgoing(
    case: DeclineCase,
    company: CompanyDecline,
    now: dt.datetime,
    *,
    from_address: str | None,
    draft: bool = False,
) -> Message | None:
    """The email to a company as it is sent, or as a `draft` .eml; None without an address."""
    document = company.email
    if not document.to_address or document.subject is None:
        return None
    return build_message(
        subject=document.subject,
        body=document.text,
        to_address=document.to_address,
        to_name=document.to_name or "",
        from_address=from_address,
        from_name=case.applicant.name,
        date=now,
        message_id_value=decline_message_id(case, company),
        draft=draft,
    )


def kit_files(
    kit: DeclineKit,
    case: DeclineCase,
    now: dt.datetime,
    sent: Collection[int] = (),
    unknown: Collection[int] = (),
) -> dict[str, bytes]:
    """Every file of the kit; `sent` holds the indexes of the companies already emailed."""
    files: dict[str, bytes] = {}
    for company in kit.companies:
        folder = folder_name(company.index, company.company)
        files[f"{folder}/decline-email.txt"] = email_text(company.email).encode("utf-8")
        message = outgoing(
            case, company, now, from_address=case.applicant.email or None, draft=True
        )
        if message is not None:
            files[f"{folder}/decline-email.eml"] = to_bytes(message)
        files[f"{folder}/decline-phone.md"] = company.phone.text.encode("utf-8")
    return files | summary_files(kit, case, sent, unknown)


def summary_rows(
    kit: DeclineKit, case: DeclineCase, sent: Collection[int] = (), unknown: Collection[int] = ()
) -> list[dict[str, Any]]:
    """One row per company; `unknown`: handed to the server when a run stopped (outcome not
    known, never sent again without the user's word)."""
    rows = []
    for company in kit.companies:
        target = case.companies[company.index - 1]
        status = "sent" if company.index in sent else "unsent"
        status = "unknown" if company.index in unknown and status == "unsent" else status
        rows.append(
            {
                "index": company.index,
                "company": company.company,
                "folder": folder_name(company.index, company.company),
                "recipient": company.recipient,
                "email": company.email.to_address,
                "phone": "" if company.via == "agent" else target.phone,
                "via": company.via,
                "channel_advised": company.channel_advised,
                "channel_label": CHANNEL_LABELS[company.channel_advised],
                "status": status,
                "status_label": STATUS_LABELS[status],
            }
        )
    return rows


def summary_files(
    kit: DeclineKit, case: DeclineCase, sent: Collection[int] = (), unknown: Collection[int] = ()
) -> dict[str, bytes]:
    rows = summary_rows(kit, case, sent, unknown)
    data = {"format": FORMAT, "version": 1, "decline": decline_id(case), "companies": rows}
    return {
        "summary.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "summary.md": summary_markdown(rows, school_of(case.applicant.school).consult).encode(
            "utf-8"
        ),
        "summary.csv": summary_csv(rows).encode("utf-8-sig"),
    }


def summary_markdown(rows: list[dict[str, Any]], school_office: str = "") -> str:
    """The summary table with its notes; `school_office` is whom a school-route applicant
    consults first (進路指導の先生や担任の先生, キャリアセンター（就職課）)."""
    lines = [
        f"# 内定辞退の連絡（{len(rows)}件）",
        "",
        "| # | 応募先 | 宛先 | 連絡先 | 先にする連絡 | 状態 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        contact = " / ".join(value for value in (row["email"], row["phone"]) if value) or "—"
        cells = [row["company"], row["recipient"], contact, row["channel_label"]]
        lines.append(
            f"| {row['index']} | "
            + " | ".join(_md_cell(cell) for cell in cells)
            + f" | {row['status_label']} |"
        )
    return "\n".join([*lines, "", *_notes(rows, school_office)]) + "\n"


def _notes(rows: list[dict[str, Any]], school_office: str) -> list[str]:
    notes = [
        "- 「電話が先」の会社には、まず電話で辞退を伝え、そのあと確認のメールを送ります"
        "（内定を承諾していた場合や、エージェント・学校を通した内定の場合）。"
        "台本は各フォルダの decline-phone.md です。",
    ]
    if any(row["via"] == "agent" for row in rows):
        notes.append("- エージェント経由の内定は、会社ではなくエージェントに連絡します。")
    if any(row["via"] == "school" for row in rows):
        office = school_office or "学校の就職担当"
        notes.append(f"- 学校推薦の内定は、会社に連絡する前に、{office}に相談します。")
    if any(not row["email"] for row in rows):
        notes.append("- メールアドレスの分からない宛先には、naitei からは送信できません。")
    notes.append("- 状態は、naitei decline --send で送信すると「送信済み」になります。")
    return notes


def _md_cell(value: str) -> str:
    flat = " ".join(str(value).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|")


_CSV_COLUMNS = (
    ("index", "番号"),
    ("company", "会社"),
    ("folder", "フォルダ"),
    ("recipient", "宛先"),
    ("email", "メールアドレス"),
    ("phone", "電話番号"),
    ("channel_label", "先にする連絡"),
    ("status_label", "状態"),
)


def summary_csv(rows: list[dict[str, Any]]) -> str:
    """A table for spreadsheets; no cell can start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title for _key, title in _CSV_COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(row[key]) for key, _title in _CSV_COLUMNS])
    return buffer.getvalue()


def csv_cell(value: object) -> str:
    """A cell that spreadsheets show as text: a leading apostrophe before = + - @ tab CR."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
