"""Case files: the TOML format of CONTRACTS §1, loaded and validated.

Two shapes share the format: a withdrawal case (``purpose = "withdraw"``, one company)
and a decline file (``purpose = "decline"``, one to twenty companies). Every problem is
reported with the file, the table and the key, e.g.
``case.toml: [decline].channel: 'fax' は次のいずれかにしてください: phone, visit, ...``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
)

from naitei import case_schema as doc
from naitei.calendar import JST, call_spans
from naitei.chars import hidden_problem, normalise, normalise_address
from naitei.employers import Employer, EmployerKind, employer_of
from naitei.errors import CaseError, Problem, os_reason
from naitei.validation import table_key, validation_message

MAX_FILE_BYTES = 1_000_000

ApplicantKind = Literal["new_grad", "mid_career"]
Via = Literal["direct", "agent", "school"]
Channel = Literal["phone", "visit", "email", "letter", "chat", "agent", "proxy", "none"]
Reason = Literal[
    "other_offer", "family", "health", "relocation", "conditions", "fit", "study", "undisclosed"
]
CompanyResponse = Literal["retained", "acknowledged", "angry", "none"]
Why = Literal["other_offer_lost", "situation_resolved", "changed_mind", "other"]
Position = Literal["open", "filled", "unknown"]

_ABBREVIATIONS = (
    "(株)",
    "（株）",
    "㈱",
    "(有)",
    "（有）",
    "㈲",
    "(同)",
    "（同）",
    "(合)",
    "（合）",
)
# An address as mail systems accept it: an ASCII dot-atom local part and a host name.
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_PHONE = re.compile(r"^\+?[0-9０-９()（）\- ]{6,20}$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_FORM = re.compile(doc.FORM)


def _one_line(value: str) -> str:
    """No control, format (U+200B, U+202E, BOM …) or separator character, no lone surrogate."""
    problem = hidden_problem(value, newlines=False)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _multi_line(value: str) -> str:
    value = value.replace("\r\n", "\n")
    problem = hidden_problem(value, newlines=True)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _required_text(value: str) -> str:
    if not value:
        raise ValueError("空にはできません")
    return value


# What each abbreviation stands for: the refusal offers the name written out (reader 5, C7).
_WRITTEN_OUT = {"株": "株式会社", "有": "有限会社", "同": "合同会社", "合": "合資会社"}


def written_out(name: str) -> str:
    """``name`` with its abbreviated legal form written out where it stands (㈱ミナトテック →
    株式会社ミナトテック, ミナトテック(株) → ミナトテック株式会社: 前株/後株 kept)."""
    for abbreviation in _ABBREVIATIONS:
        if abbreviation in name:
            form = _WRITTEN_OUT[unicodedata.normalize("NFKC", abbreviation).strip("()")]
            head, _, tail = name.partition(abbreviation)
            name = head.rstrip(" \u3000") + form + tail.lstrip(" \u3000")
    return name


def _formal_name(value: str) -> str:
    for abbreviation in _ABBREVIATIONS:
        if abbreviation in value:
            raise ValueError(
                f"{abbreviation} のような略称ではなく、会社が書く通りの正式な名前で書いてください"
                f"（この名前なら「{written_out(value)}」）"
            )
    return value


def _email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValueError(f"メールアドレスの形ではありません: '{value}'")
    return value


def _phone(value: str) -> str:
    if value and not _PHONE.match(value):
        raise ValueError(f"電話番号の形ではありません（例: 03-1234-5678）: '{value}'")
    return value


def _form_of_address(value: str) -> str:
    if not _FORM.fullmatch(value):  # fullmatch: "$" alone lets a final line break through
        raise ValueError(
            f"'{value}' は呼び方の形ではありません（漢字かなで2〜8文字。例: \"貴行\"）"
        )
    return value


def _two_forms(value: Any) -> Any:
    if isinstance(value, list) and len(value) != 2:
        raise ValueError(
            "書き言葉と話し言葉の二つを [書き言葉, 話し言葉] の順に書いてください"
            '（例: ["貴行", "御行"]）'
        )
    return value


def _honorific_pair(value: list[str]) -> list[str]:
    written, spoken = value
    if written == spoken:
        raise ValueError('書き言葉と話し言葉の二つを書いてください（例: ["貴行", "御行"]）')
    if written.startswith("御") or spoken.startswith("貴"):
        raise ValueError(
            f'[書き言葉, 話し言葉] の順に書いてください（例: ["貴行", "御行"]。'
            f'いまは ["{written}", "{spoken}"]）'
        )
    return value


def _hours(value: str) -> str:
    match = _HOURS.match(value)
    if not match:
        raise ValueError(f"'{value}' は営業時間の形ではありません（例: 09:00-18:00）")
    start = int(match[1]) * 60 + int(match[2])
    end = int(match[3]) * 60 + int(match[4])
    if not call_spans(start, end):
        raise ValueError(
            f"'{value}' では電話をかけてよい時間帯が残りません（始業後と終業前の1時間、"
            "11:30〜13:00 を除いて15分以上の時間帯が必要です）"
        )
    return value


# Dates naitei can plan with (the holiday data and the calendar arithmetic stay meaningful).
FIRST_YEAR, LAST_YEAR = 2000, 2099


def check_year(value: dt.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"{FIRST_YEAR}年から{LAST_YEAR}年までの日付にしてください（{value.year}年）"
        )


def _in_range(value: Any) -> Any:
    if isinstance(value, dt.date):  # datetimes too
        check_year(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("日付だけを書いてください（例: 2026-12-28）")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' は日付の形ではありません（例: 2026-12-28）") from None
    return value


def _datetime(value: Any) -> Any:
    """Accept an offset or local datetime (local means Japan time) or a date (midnight)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"'{value}' は日時の形ではありません（例: 2026-11-20T15:00:00+09:00）"
            ) from None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=JST)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=JST)
    return value


# The last metadata of each type documents its rule in the web API's JSON schema (case_schema).
Line = Annotated[StrictStr, AfterValidator(_one_line), Field(max_length=200), doc.pattern(doc.LINE)]
RequiredLine = Annotated[Line, AfterValidator(_required_text), doc.pattern(doc.REQUIRED_LINE)]
Detail = Annotated[
    StrictStr, AfterValidator(_multi_line), Field(max_length=2000), doc.pattern(doc.DETAIL)
]
Email = Annotated[Line, AfterValidator(_email), doc.pattern(doc.EMAIL)]
Phone = Annotated[Line, AfterValidator(_phone), doc.pattern(doc.PHONE)]
CompanyName = Annotated[
    RequiredLine,
    AfterValidator(_formal_name),
    doc.pattern(doc.REQUIRED_LINE, **{"not": {"pattern": doc.ABBREVIATION}}),
]
Hours = Annotated[StrictStr, AfterValidator(_hours), doc.pattern(doc.HOURS)]
FormOfAddress = Annotated[StrictStr, AfterValidator(_form_of_address), doc.pattern(doc.FORM)]
Honorific = Annotated[
    list[FormOfAddress],
    Field(min_length=2, max_length=2),
    BeforeValidator(_two_forms),
    AfterValidator(_honorific_pair),
]
Date = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_in_range), doc.pattern(doc.YEAR)]
DateTime = Annotated[
    dt.datetime, BeforeValidator(_datetime), AfterValidator(_in_range), doc.pattern(doc.YEAR)
]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applicant(_Table):
    model_config = ConfigDict(json_schema_extra=doc.NEW_GRAD_NEEDS_SCHOOL)

    name: RequiredLine
    kana: Line = ""
    kind: ApplicantKind
    school: Line = ""
    faculty: Line = ""
    current_employer: Line = ""
    email: Email = ""
    phone: Phone = ""
    address: Detail = ""

    @property
    def is_new_grad(self) -> bool:
        return self.kind == "new_grad"


class Company(_Table):
    name: CompanyName
    department: Line = ""
    contact_name: Line = ""
    contact_title: Line = ""
    email: Email = ""
    phone: Phone = ""
    address: Detail = ""  # the postal address, for the letter's address block
    kind: EmployerKind | None = None  # detected from the name when left out
    honorific: Honorific | None = None  # [written, spoken], e.g. ["貴機構", "御機構"]
    closed_days: Annotated[list[Date], Field(max_length=366)] = []
    hours: Hours = "09:00-18:00"

    @property
    def employer(self) -> Employer:
        """How to address this employer (貴行/御行), what joining it is called, which law."""
        pair = (self.honorific[0], self.honorific[1]) if self.honorific else None
        return employer_of(self.name, self.kind, pair)

    @property
    def opening_minutes(self) -> tuple[int, int]:
        """Business hours as minutes after midnight: (opens, closes)."""
        match = _HOURS.match(self.hours)
        assert match is not None  # validated
        return int(match[1]) * 60 + int(match[2]), int(match[3]) * 60 + int(match[4])


class OfferTerms(_Table):
    """The keys of an offer that a withdrawal's [offer] and a decline file's companies share."""

    model_config = ConfigDict(json_schema_extra=doc.AGENT_NEEDS_NAME)

    accepted: StrictBool
    via: Via = "direct"
    agent_name: Line = ""
    agent_contact: Line = ""
    agent_email: Email = ""


class Offer(OfferTerms):
    offered_on: Date | None = None
    start_date: Date | None = None  # after offered_on, as the case file lists them


class DeclineRecord(_Table):
    """How a past decline was made (withdrawal cases)."""

    declined_at: DateTime
    channel: Channel
    reason: Reason
    reason_detail: Detail = ""
    explained: StrictBool
    thanked: StrictBool
    company_response: CompanyResponse
    paperwork_done: StrictBool = False


class Withdrawal(_Table):
    why: Why
    why_detail: Detail = ""
    position: Position = "unknown"
    evidence: StrictBool = False
    strengths: Annotated[list[Line], Field(max_length=10)] = []


class WithdrawalCase(_Table):
    version: Literal[1]
    purpose: Literal["withdraw"]
    applicant: Applicant
    company: Company
    offer: Offer
    decline: DeclineRecord
    withdrawal: Withdrawal


class DeclineReason(_Table):
    """Why the applicant is about to decline (decline files)."""

    reason: Reason
    reason_detail: Detail = ""


# Its fields: Company's, then OfferTerms' (pydantic collects them from the last base to the first).
class DeclineTarget(OfferTerms, Company):
    """One company in a decline file: the keys of [company] plus the offer's."""

    start_date: Date | None = None
    reason: Reason | None = None
    reason_detail: Detail | None = None

    @property
    def email_first(self) -> bool:
        """The decline is written first, by email: an offer not yet accepted, direct, whose
        address is known. Otherwise the call comes first (an accepted offer, an agent or school
        route, or no address to write to: reader 4, A2/A3)."""
        return not self.accepted and self.via == "direct" and bool(self.email)


class DeclineCase(_Table):
    version: Literal[1]
    purpose: Literal["decline"]
    applicant: Applicant
    decline: DeclineReason
    companies: Annotated[list[DeclineTarget], Field(min_length=1, max_length=20)]


Case = WithdrawalCase | DeclineCase

_MODELS: dict[str, type[WithdrawalCase] | type[DeclineCase]] = {
    "withdraw": WithdrawalCase,
    "decline": DeclineCase,
}


def load_case(path: Path, *, wording: bool = True) -> Case:
    """Read and validate a case file; raise CaseError naming the file, table and key.
    `wording`: also review the free-text answers (see parse_case)."""
    source = path.name
    try:
        with path.open("rb") as handle:  # at most one byte past the limit: /dev/zero ends too
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise CaseError(
            source, [Problem(None, f"ファイルを読めません（{os_reason(error)}）")]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise CaseError(source, [Problem(None, "ファイルが大きすぎます（1 MB まで）")])
    try:
        text = raw.decode("utf-8-sig")  # editors on Windows often add a BOM
    except UnicodeDecodeError as error:
        raise CaseError(
            source,
            [
                Problem(
                    None,
                    f"UTF-8 として読めません（{error.start} バイト目）。UTF-8 で保存してください",
                )
            ],
        ) from None
    return parse_case_text(text, source, wording=wording)


def parse_case_text(text: str, source: str = "case.toml", *, wording: bool = True) -> Case:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CaseError(source, [Problem(None, f"TOML として読めません: {error}")]) from None
    except RecursionError:
        raise CaseError(source, [Problem(None, "入れ子が深すぎます")]) from None
    return parse_case(data, source, wording=wording)


def parse_case(data: dict[str, Any], source: str = "case.toml", *, wording: bool = True) -> Case:
    """Validate an already-parsed case (from TOML or JSON). With `wording`, the user's free-text
    answers are analysed too (compose/review.py): one that cannot be woven into a formal text
    is refused. Without it (a stored case re-read for its calendar, a draft checked against
    its company) only the structure is checked."""
    if not isinstance(data, dict):
        raise CaseError(source, [Problem(None, "表（キーと値の組）ではありません")])
    version = data.get("version")
    if version is None:
        raise CaseError(
            source, [Problem("version", "必須の項目がありません（version = 1 と書いてください）")]
        )
    if version != 1 or isinstance(version, bool):
        raise CaseError(
            source, [Problem("version", f"{version!r} は読めません（version = 1 のみ対応）")]
        )
    purpose = data.get("purpose")
    if not isinstance(purpose, str) or purpose not in _MODELS:  # a list or table: unhashable
        shown = "なし" if purpose is None else repr(purpose)
        raise CaseError(
            source, [Problem("purpose", f"{shown} は次のいずれかにしてください: withdraw, decline")]
        )
    model = _MODELS[purpose]
    try:
        case = model.model_validate(data)
    except ValidationError as error:
        raise CaseError(source, _problems(error, model)) from None
    cross = _cross_checks(case)
    if not cross and wording:
        cross = _wording(case)
    if cross:
        raise CaseError(source, cross)
    return case


def _cross_checks(case: Case) -> list[Problem]:
    problems = []
    if case.applicant.kind == "new_grad" and not case.applicant.school:
        problems.append(
            Problem("[applicant].school", 'kind = "new_grad" のときは必須です（学校名）')
        )
    if isinstance(case, WithdrawalCase):
        if case.offer.via == "agent" and not case.offer.agent_name:
            problems.append(
                Problem("[offer].agent_name", 'via = "agent" のときはエージェントの名前が必要です')
            )
        problems += _withdrawal_dates(case)
    else:
        problems += _duplicates(case)
        for index, company in enumerate(case.companies, start=1):
            if company.via == "agent" and not company.agent_name:
                problems.append(
                    Problem(f"[[companies]][{index}].agent_name", 'via = "agent" のときは必須です')
                )
    return problems


def _withdrawal_dates(case: WithdrawalCase) -> list[Problem]:
    """The case's dates in the order they happened: the offer, then the decline of it, and
    the start date after both (a decline after the start date is no 内定辞退)."""
    declined = case.decline.declined_at.astimezone(JST).date()
    offered, start = case.offer.offered_on, case.offer.start_date
    problems = _offer_dates(case.offer, "[offer]")
    if offered is not None and offered > declined:
        problems.append(
            Problem(
                "[offer].offered_on",
                f"内定日（{offered.isoformat()}）が、辞退した日（[decline].declined_at の"
                f" {declined.isoformat()}）より後になっています。内定をいただいた日を書いてください",
            )
        )
    if start is not None and declined > start:
        problems.append(
            Problem(
                "[decline].declined_at",
                f"辞退した日（{declined.isoformat()}）が、入社予定日（[offer].start_date の"
                f" {start.isoformat()}）より後になっています。辞退を伝えた日を書いてください",
            )
        )
    return problems


def _offer_dates(offer: Offer, table: str) -> list[Problem]:
    """The offer before the start date it names."""
    offered, start = offer.offered_on, offer.start_date
    if offered is None or start is None or offered <= start:
        return []
    return [
        Problem(
            f"{table}.start_date",
            f"入社予定日（{start.isoformat()}）が、内定日（offered_on の {offered.isoformat()}）"
            "より前になっています。入社予定日を確かめてください",
        )
    ]


def _wording(case: Case) -> list[Problem]:
    """Free-text answers that cannot go into a formal text. SudachiPy is loaded only when some
    answer is not empty."""
    problems = []
    withdrawal = case.withdrawal if isinstance(case, WithdrawalCase) else None
    if withdrawal is not None and withdrawal.why == "other" and not withdrawal.why_detail.strip():
        from naitei.compose.review import why_detail_needed

        problems.append(why_detail_needed())
    if _has_free_text(case):
        from naitei.compose.review import case_problems

        problems += case_problems(case)
    return problems


def _has_free_text(case: Case) -> bool:
    if isinstance(case, WithdrawalCase):
        texts = [case.decline.reason_detail, case.withdrawal.why_detail, *case.withdrawal.strengths]
    else:
        texts = [case.decline.reason_detail, *(c.reason_detail or "" for c in case.companies)]
    return any(text.strip() for text in texts)


def _duplicates(case: DeclineCase) -> list[Problem]:
    """The same company twice (by name once spaces, widths and invisible characters are set
    aside, or by its own address): it would get two emails. Both entries are named."""
    problems = []
    names: dict[str, int] = {}
    addresses: dict[str, int] = {}
    for index, company in enumerate(case.companies, start=1):
        first = names.setdefault(normalise(company.name), index)
        if first != index:
            problems.append(
                Problem(
                    f"[[companies]][{index}].name",
                    f"同じ会社が二度あります（[[companies]][{first}] の"
                    f"「{case.companies[first - 1].name}」と、空白・"
                    "全角と半角・目に見えない文字の違いを除くと同じ名前です）。"
                    "一社につき一度だけ書いてください",
                )
            )
            continue
        if not company.email:
            continue
        first = addresses.setdefault(normalise_address(company.email), index)
        if first != index:
            problems.append(
                Problem(
                    f"[[companies]][{index}].email",
                    f"同じ宛先が二度あります（[[companies]][{first}] の"
                    f"「{case.companies[first - 1].name}」と同じ {company.email}）。"
                    "同じ会社に二通送らないよう、一社につき一度だけ書いてください",
                )
            )
    return problems


def _problems(error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        problems.append(Problem(table_key(loc), validation_message(item, model, loc)))
    return problems


def case_identity(case: Case) -> str:
    """A stable identity (applicant and companies) for calendar UIDs and Message-IDs.
    It is hashed before use, never written out as such."""
    if isinstance(case, WithdrawalCase):
        names = [case.company.name]
    else:
        names = [company.name for company in case.companies]
    return "\x1f".join([case.purpose, case.applicant.name, *names])


def days_between(earlier: dt.datetime, later: dt.datetime) -> int:
    """Whole calendar days in Japan between two instants (0 on the same day)."""
    return (later.astimezone(JST).date() - earlier.astimezone(JST).date()).days
