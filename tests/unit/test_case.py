"""Every error path of the case-file format (CONTRACTS §1): the message names the file,
the table and the key, and lists the allowed values for enumerations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from naitei.case import DeclineCase, WithdrawalCase, load_case, parse_case, parse_case_text
from naitei.errors import CaseError
from tests.support.cases import EXAMPLES, case_data


def problems(data: dict[str, Any]) -> str:
    with pytest.raises(CaseError) as caught:
        parse_case(data, source="case.toml")
    return str(caught.value)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_examples_are_valid(path: Path) -> None:
    assert isinstance(load_case(path), WithdrawalCase | DeclineCase)


def test_contract_error_names_file_table_key_and_allowed_values() -> None:
    message = problems(case_data(decline__channel="fax"))
    assert message.startswith("case.toml: [decline].channel: 'fax'")
    assert "phone, visit, email, letter, chat, agent, proxy, none" in message


@pytest.mark.parametrize(
    ("table", "key", "allowed"),
    [
        ("applicant", "kind", "new_grad, mid_career"),
        ("offer", "via", "direct, agent, school"),
        (
            "decline",
            "reason",
            "other_offer, family, health, relocation, conditions, fit, study, undisclosed",
        ),
        ("decline", "company_response", "retained, acknowledged, angry, none"),
        ("withdrawal", "why", "other_offer_lost, situation_resolved, changed_mind, other"),
        ("withdrawal", "position", "open, filled, unknown"),
        ("company", "kind", "company, bank, shinkin, cooperative, hospital, nursery, school"),
    ],
)
def test_every_enumeration_lists_its_values(table: str, key: str, allowed: str) -> None:
    message = problems(case_data(**{f"{table}__{key}": "bogus"}))
    assert f"[{table}].{key}: 'bogus'" in message
    assert allowed in message


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("applicant", "name"),
        ("applicant", "kind"),
        ("company", "name"),
        ("offer", "accepted"),
        ("decline", "declined_at"),
        ("decline", "channel"),
        ("decline", "reason"),
        ("decline", "explained"),
        ("decline", "thanked"),
        ("decline", "company_response"),
        ("withdrawal", "why"),
    ],
)
def test_missing_required_key_is_named(table: str, key: str) -> None:
    assert f"case.toml: [{table}].{key}: 必須の項目がありません" in problems(
        case_data(**{f"{table}__{key}": None})
    )


@pytest.mark.parametrize("table", ["applicant", "company", "offer", "decline", "withdrawal"])
def test_missing_table_is_named(table: str) -> None:
    data = case_data()
    del data[table]
    assert f"case.toml: [{table}]: 必須の表がありません" in problems(data)


@pytest.mark.parametrize("table", ["applicant", "company", "offer", "decline", "withdrawal"])
def test_unknown_key_is_rejected_with_the_allowed_keys(table: str) -> None:
    message = problems(case_data(**{f"{table}__nickname": "x"}))
    assert f"case.toml: [{table}].nickname: 知らない項目です（使える項目: " in message


def test_unknown_top_level_key_is_rejected() -> None:
    data = case_data()
    data["extra"] = 1
    assert "case.toml: extra: 知らない項目です" in problems(data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"offer__accepted": "yes"}, "[offer].accepted: true か false で書いてください（'yes'"),
        ({"decline__explained": 1}, "[decline].explained: true か false"),
        ({"applicant__name": 42}, "[applicant].name: 文字列"),
        ({"withdrawal__strengths": "強み"}, "[withdrawal].strengths: 配列"),
        ({"withdrawal__strengths": ["a", 3]}, "[withdrawal].strengths[2]: 文字列"),
        (
            {"offer__start_date": "2027-13-01"},
            "[offer].start_date: '2027-13-01' は日付の形ではありません",
        ),
        ({"offer__start_date": dt.datetime(2027, 4, 1, 9, 0)}, "[offer].start_date: 日付だけを"),
        (
            {"decline__declined_at": "きのう"},
            "[decline].declined_at: 'きのう' は日時の形ではありません",
        ),
        ({"company__closed_days": ["someday"]}, "[company].closed_days[1]: 'someday' は日付の形"),
        ({"company__hours": "9-18"}, "[company].hours: '9-18' は営業時間の形ではありません"),
        (
            {"company__hours": "11:00-14:00"},
            "[company].hours: '11:00-14:00' では電話をかけてよい時間帯",
        ),
        ({"company__name": "(株)サンプル"}, "[company].name: (株) のような略称ではなく"),
        ({"company__name": "㈱サンプル"}, "[company].name: ㈱ のような略称"),
        ({"company__name": ""}, "[company].name: 空にはできません"),
        (
            {"company__name": "株式会社サンプル\r\nBcc: x@example.com"},
            "[company].name: 改行や制御文字",
        ),
        ({"applicant__name": "山田\x00太郎"}, "[applicant].name: 改行や制御文字"),
        (
            {"applicant__email": "taro at example"},
            "[applicant].email: メールアドレスの形ではありません",
        ),
        (
            {"applicant__email": "<script>x</script>@x.jp"},
            "[applicant].email: メールアドレスの形ではありません",
        ),
        ({"company__phone": "call me"}, "[company].phone: 電話番号の形ではありません"),
        ({"applicant__name": "山" * 201}, "[applicant].name: 長すぎます"),
        ({"decline__reason_detail": "あ" * 2001}, "[decline].reason_detail: 長すぎます"),
        ({"applicant__school": None}, '[applicant].school: kind = "new_grad" のときは必須です'),
        ({"offer__via": "agent"}, '[offer].agent_name: via = "agent" のときは'),
    ],
)
def test_bad_values_are_explained(change: dict[str, Any], expected: str) -> None:
    assert f"case.toml: {expected}" in problems(case_data(**change))


def test_every_problem_is_reported_at_once() -> None:
    message = problems(case_data(decline__channel="fax", offer__accepted="yes"))
    assert "[decline].channel" in message and "[offer].accepted" in message


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (None, "version: 必須の項目がありません"),
        (2, "version: 2 は読めません"),
        (True, "version: True は読めません"),
    ],
)
def test_version_must_be_one(version: Any, expected: str) -> None:
    data = case_data()
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    assert f"case.toml: {expected}" in problems(data)


def test_purpose_must_be_known() -> None:
    data = case_data()
    data["purpose"] = "complain"
    assert (
        "case.toml: purpose: 'complain' は次のいずれかにしてください: withdraw, decline"
        in problems(data)
    )


def test_local_datetime_is_taken_as_japan_time() -> None:
    case = parse_case(case_data(decline__declined_at=dt.datetime(2026, 11, 20, 15, 0)))
    assert isinstance(case, WithdrawalCase)
    assert case.decline.declined_at.utcoffset() == dt.timedelta(hours=9)


def test_json_style_strings_are_accepted_for_dates() -> None:
    case = parse_case(
        case_data(decline__declined_at="2026-11-20T15:00:00+09:00", offer__start_date="2027-04-01")
    )
    assert isinstance(case, WithdrawalCase)
    assert case.offer.start_date == dt.date(2027, 4, 1)


# --- decline files ---------------------------------------------------------------------


def decline_data(companies: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": 1,
        "purpose": "decline",
        "applicant": {"name": "小林 葵", "kind": "mid_career"},
        "decline": {"reason": "other_offer"},
        "companies": companies,
    }


def company(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "accepted": False, **extra}


def test_decline_file_needs_one_to_twenty_companies() -> None:
    assert "[companies]: 少なすぎます" in problems(decline_data([]))
    many = [company(f"株式会社テスト{i}") for i in range(21)]
    assert "[companies]: 長すぎます" in problems(decline_data(many))


def test_decline_company_errors_name_the_entry() -> None:
    message = problems(
        decline_data([company("株式会社A"), company("株式会社B", accepted=1, fax=2)])
    )
    assert "case.toml: [[companies]][2].accepted: true か false" in message
    assert "case.toml: [[companies]][2].fax: 知らない項目です" in message


def test_decline_file_rejects_duplicates_and_withdrawal_tables() -> None:
    assert "[[companies]][2].name: 同じ会社が二度あります" in problems(
        decline_data([company("株式会社A"), company("株式会社A")])
    )
    data = decline_data([company("株式会社A")])
    data["withdrawal"] = {"why": "other"}
    assert "case.toml: [withdrawal]: 知らない項目です" in problems(data)


def test_decline_override_reason_is_validated() -> None:
    message = problems(decline_data([company("株式会社A", reason="boredom")]))
    assert "[[companies]][1].reason: 'boredom' は次のいずれかにしてください" in message


def test_decline_companies_take_an_employer_kind_and_honorific() -> None:
    data = decline_data(
        [company("東西銀行", kind="bank"), company("株式会社B", honorific=["貴機構", "御機構"])]
    )
    loaded = parse_case(data)
    assert isinstance(loaded, DeclineCase)
    assert loaded.companies[0].employer.join == "入行"
    assert loaded.companies[1].employer.written == "貴機構"
    message = problems(decline_data([company("株式会社A", kind="fax")]))
    assert "[[companies]][1].kind: 'fax' は次のいずれかにしてください: company, bank" in message


@pytest.mark.parametrize(
    ("honorific", "expected"),
    [
        (["御行", "貴行"], "[company].honorific: [書き言葉, 話し言葉] の順に"),
        (["貴行"], "[company].honorific: 書き言葉と話し言葉の二つを"),
        (["貴行", "御行", "貴社"], "[company].honorific: 書き言葉と話し言葉の二つを"),
        (["貴行", "貴行"], "[company].honorific: 書き言葉と話し言葉の二つを"),
        (["貴 行", "御行"], "[company].honorific[1]: '貴 行' は呼び方の形ではありません"),
        (["貴行", ""], "[company].honorific[2]: '' は呼び方の形ではありません"),
        ("貴行", "[company].honorific: 配列"),
    ],
)
def test_a_bad_honorific_is_named(honorific: Any, expected: str) -> None:
    assert expected in problems(case_data(company__honorific=honorific))


def test_the_employer_follows_the_case_file() -> None:
    loaded = parse_case(case_data(company__name="横浜市役所"))
    assert isinstance(loaded, WithdrawalCase)
    assert (loaded.company.employer.written, loaded.company.employer.source) == ("貴市", "name")
    custom = parse_case(case_data(company__kind="hospital", company__honorific=["貴会", "御会"]))
    assert isinstance(custom, WithdrawalCase)
    employer = custom.company.employer
    assert (employer.kind, employer.written, employer.join) == ("hospital", "貴会", "入職")


# --- reading files ----------------------------------------------------------------------


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("version = \n", encoding="utf-8")
    with pytest.raises(CaseError, match=r"^broken\.toml: TOML として読めません"):
        load_case(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("name = '\u00e9'".encode("latin-1"))
    with pytest.raises(CaseError, match=r"^latin\.toml: UTF-8 として読めません"):
        load_case(latin)
    with pytest.raises(CaseError, match=r"^missing\.toml: ファイルを読めません"):
        load_case(tmp_path / "missing.toml")
    huge = tmp_path / "huge.toml"
    huge.write_text("x = '" + "a" * 1_100_000 + "'", encoding="utf-8")
    with pytest.raises(CaseError, match="大きすぎます"):
        load_case(huge)


def test_round_trip_through_toml_writer() -> None:
    data = case_data(company__closed_days=[dt.date(2026, 12, 28)])
    case = parse_case_text(tomli_w.dumps(data))
    assert isinstance(case, WithdrawalCase)
    assert case.company.closed_days == [dt.date(2026, 12, 28)]


def test_a_form_of_address_with_a_final_line_break_is_refused() -> None:
    """Found by the schema property test: "$" matched before a final "\\n"."""
    from naitei.case import _form_of_address

    assert _form_of_address("貴行") == "貴行"
    with pytest.raises(ValueError, match="呼び方の形ではありません"):
        _form_of_address("貴行\n")


@pytest.mark.parametrize(
    ("changes", "field"),
    [  # reader B14: an offer dated after its decline was accepted without a word
        (
            {
                "offer__offered_on": "2026-11-25",
                "decline__declined_at": "2026-11-20T15:00:00+09:00",
            },
            "[offer].offered_on",
        ),
        (
            {"offer__offered_on": "2026-10-01", "offer__start_date": "2026-09-30"},
            "[offer].start_date",
        ),
        (
            {
                "offer__start_date": "2026-11-01",
                "decline__declined_at": "2026-11-20T15:00:00+09:00",
            },
            "[decline].declined_at",
        ),
    ],
)
def test_the_case_dates_must_come_in_order(changes: dict[str, Any], field: str) -> None:
    message = problems(case_data(**changes))
    assert f"case.toml: {field}: " in message
    assert "より" in message


def test_an_offer_declined_the_day_it_came_is_accepted() -> None:
    case = parse_case(
        case_data(offer__offered_on="2026-11-20", decline__declined_at="2026-11-20T18:00:00+09:00")
    )
    assert isinstance(case, WithdrawalCase)
