"""Misses of an independent HR reader (issue 13 §3/§8, /tmp/reader report A1–A9 and D): 貴法人
to a corporation, おられる and くれる to the reader, auxiliaries in kanji, spoken clause links,
plain ので, a reason with no head. Each family with the sentences that must stay clean."""

from __future__ import annotations

import datetime as dt

import pytest

from naitei.check import check_text
from naitei.check.fix import apply
from naitei.check.model import CheckContext, Finding


def apply_fixes(text: str, findings: list[Finding]) -> str:
    fixes = [f.fix for f in findings if f.fix is not None]
    assert len(fixes) == len(findings), "every finding carries a fix"
    return apply(text, sorted(fixes, key=lambda fix: fix.start))


def hits(text: str, rule: str, kind: str = "email", purpose: str = "withdraw") -> list[str]:
    report = check_text(text, kind, purpose)  # type: ignore[arg-type]
    return [text[f.start : f.end] for f in report.findings if f.rule == rule]


BODY = "\n\nお世話になっております。\n東西大学の山田太郎と申します。\n貴法人に伺い、直接お詫び申し上げたく存じます。\n"


@pytest.mark.parametrize(
    "addressee",
    [
        "医療法人社団緑風会\n事務局 御中",
        "学校法人桜丘学園\n法人本部 御中",
        "国立大学法人北陸工業大学\n人事課 御中",
        "社会福祉法人若葉会 わかば保育園\n法人本部 人事課 御中",
        "公益財団法人みどり文化財団\n総務課 御中",
    ],
)
def test_kihoujin_is_right_for_any_corporation(addressee: str) -> None:
    assert hits(addressee + BODY, "address-form-mismatch") == []


def test_kihoujin_to_a_corporation_named_by_the_case() -> None:
    context = CheckContext(
        company_name="医療法人社団緑風会", employer_forms=("貴院", "御院"), employer_kind="hospital"
    )
    text = "医療法人社団緑風会\n事務局 御中" + BODY
    report = check_text(text, "email", "withdraw", context)
    assert [f for f in report.findings if f.rule == "address-form-mismatch"] == []


def test_kihoujin_to_an_organisation_that_is_not_a_corporation_is_still_flagged() -> None:
    text = "北陸工業大学\n人事課 御中" + BODY
    report = check_text(text, "email", "withdraw")
    [finding] = [f for f in report.findings if f.rule == "address-form-mismatch"]
    assert (text[finding.start : finding.end], finding.suggestion) == ("貴法人", "貴学")


@pytest.mark.parametrize(
    ("text", "found", "fixed"),
    [
        ("人事課の松本様はおられますか。", "おられま", "人事課の松本様はいらっしゃいますか。"),
        (
            "人事部長がおられましたら、お取り次ぎください。",
            "おられま",
            "人事部長がいらっしゃいましたら、お取り次ぎください。",
        ),
        (
            "担当の方が社内におられる時間を伺えますか。",
            "おられる",
            "担当の方が社内にいらっしゃる時間を伺えますか。",
        ),
        (
            "部長がおられたら、お伝えください。",
            "おられた",
            "部長がいらっしゃったら、お伝えください。",
        ),
        (
            "佐藤様は本日も出社しておられますか。",
            "おられま",
            "佐藤様は本日も出社していらっしゃいますか。",
        ),
        ("佐藤様が丁寧に説明してくれました。", "くれま", "佐藤様が丁寧に説明してくださいました。"),
    ],
)
def test_weak_honorific(text: str, found: str, fixed: str) -> None:
    report = check_text(text, "phone", "withdraw")
    weak = [f for f in report.findings if f.rule == "weak-honorific"]
    assert [text[f.start : f.end] for f in weak] == [found]
    assert apply_fixes(text, weak) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "人事課の松本様はいらっしゃいますか。",
        "書類を折られる心配はございません。",
        "母が許してくれました。",
        "佐藤様から、よく考えてくれと言われました。",
        "叱られることも覚悟しております。",
    ],
)
def test_weak_honorific_clean(text: str) -> None:
    assert hits(text, "weak-honorific", "phone") == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("内定を辞退させて頂きました。", "内定を辞退させていただきました。"),
        ("ご連絡頂きありがとうございます。", "ご連絡いただきありがとうございます。"),
        ("お越し頂ければ幸いです。", "お越しいただければ幸いです。"),
        ("ご確認下さい。", "ご確認ください。"),
        (
            "お待ち下さいますよう、お願い申し上げます。",
            "お待ちくださいますよう、お願い申し上げます。",
        ),
        ("改めてご連絡致します。", "改めてご連絡いたします。"),
    ],
)
def test_auxiliary_in_kanji_is_written_in_kana(text: str, fixed: str) -> None:
    report = check_text(text, "email", "withdraw")
    found = [f for f in report.findings if f.rule == "auxiliary-in-kanji"]
    assert found and all(f.severity == "info" for f in found)
    assert apply_fixes(text, found) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "結構なお菓子を頂きました。",
        "山の頂上が見えました。",
        "お手紙を下さり、ありがとうございます。",
        "ご判断を下される前にご連絡ください。",
        "すべて私の不徳の致すところです。",
        "条件が一致しました。",
        "貴重な機会を頂戴しました。",
        "ご指導いただき、ありがとうございます。",
    ],
)
def test_main_verbs_keep_their_kanji(text: str) -> None:
    assert hits(text, "auxiliary-in-kanji") == []


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("引越しするかもしれなくて通勤が難しくなりました。", "なくて", "ず"),
        ("体調が優れず、連絡できなくて申し訳ございません。", "なくて", "ず"),
        ("返信しなくて申し訳ございません。", "しなくて", "せず"),
        ("正社員じゃなくて契約社員の募集でした。", "じゃなくて", "ではなく"),
        ("その後、よく考えたら貴社の仕事が合っていると気づきました。", "たら", "たところ"),
        ("説明会の資料を読んだら、よく分かりました。", "だら", "だところ"),
    ],
)
def test_casual_clause(text: str, found: str, suggestion: str) -> None:
    report = check_text(text, "email", "withdraw")
    [finding] = [f for f in report.findings if f.rule == "casual-clause"]
    assert (text[finding.start : finding.end], finding.suggestion) == (found, suggestion)


def test_volitional_inside_a_reason_is_advice_only() -> None:
    text = "給与面を考え、他の会社にしようと考えたためでした。"
    report = check_text(text, "letter", "withdraw")
    [finding] = [f for f in report.findings if f.rule == "casual-clause"]
    assert text[finding.start : finding.end] == "しようと考え"
    assert finding.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "内定承諾書は返送しなくても問題ないと伺いました。",
        "ご都合がよろしければ、お電話いたします。",
        "書類が届きましたら、ご連絡いたします。",
        "採用ご担当の方からは「気持ちが変わったらいつでも連絡を」と言っていただきました。",
        "今後も努力しようと思います。",
        "少なくて申し訳ございません。",
    ],
)
def test_casual_clause_clean(text: str) -> None:
    assert hits(text, "casual-clause") == []


def test_plain_node_is_a_hint_in_email_and_a_warning_in_a_letter() -> None:
    text = "年収が下がるのが不安だったので、現職に残る決断をしました。"
    assert hits(text, "plain-node") == ["年収が下がるのが不安だったので"]
    assert hits(text, "plain-node-formal") == []
    assert hits(text, "plain-node-formal", "letter") == ["年収が下がるのが不安だったので"]
    letter_form = "拝啓　初冬の候、ますますご清栄のこととお慶び申し上げます。\n" + text + "\n敬具\n"
    assert hits(letter_form, "plain-node-formal") == ["年収が下がるのが不安だったので"]
    assert hits(letter_form, "plain-node") == []


@pytest.mark.parametrize(
    "text",
    [
        "ご指示をいただけますので、安心しております。",
        "入社を希望しておりますので、よろしくお願いいたします。",
        "お許しいただけるのであれば、伺います。",
        "よろしいのでしょうか。",
        "不慣れなもので、失礼いたしました。",
        "体調を崩しましたので、欠席いたしました。",
    ],
)
def test_polite_node_is_clean(text: str) -> None:
    assert hits(text, "plain-node") == [] and hits(text, "plain-node-formal", "letter") == []


def test_headless_reason_opening_a_paragraph() -> None:
    text = (
        "貴社には多大なご迷惑をおかけし、心よりお詫び申し上げます。\n\n"
        "他社に決めかけていて連絡できずにいたためでした。\n"
    )
    assert hits(text, "headless-reason") == ["ためでした"]


@pytest.mark.parametrize(
    "text",
    [
        "辞退を決めたのは、他社からも内定をいただいたためでした。",
        "内定を辞退いたしました。家族の事情のためです。",
        "内定を辞退させていただきたいと思っております。\n他社で内定をいただいたためです。",
        "お返事が遅れましたのは、他社と迷い、決めかねていたためでした。",
    ],
)
def test_a_reason_with_its_head_is_clean(text: str) -> None:
    assert hits(text, "headless-reason") == []


def test_sonogo_with_atode_is_redundant() -> None:
    text = "その後、メールを送ったあとで、地元で働きたいと気づきました。"
    assert hits(text, "redundant-expression") == ["あとで"]
    assert hits("その後、改めて考え、気づきました。", "redundant-expression") == []


# --- season-mismatch: the letter's date below the body (reader x3) ---------------------------

LETTER_DATE_BELOW = (
    "さいたま市役所\n総務局 人事部 人事課 御中\n\n"
    "拝啓　{greeting}、貴市ますますご清栄のこととお慶び申し上げます。\n"
    "　さて、内定辞退の撤回をご検討いただけませんでしょうか。\n"
    "　まずは書中にてお願い申し上げます。\n\n"
    "{date}\n小鳥遊 悠\n"
)


def test_season_is_checked_against_a_date_below_the_body() -> None:
    text = LETTER_DATE_BELOW.format(greeting="盛夏の候", date="2026年12月7日")
    assert hits(text, "season-mismatch", "letter") == ["盛夏の候"]
    fitting = LETTER_DATE_BELOW.format(greeting="初冬の候", date="2026年12月7日")
    assert hits(fitting, "season-mismatch", "letter") == []


def test_an_appointment_in_a_ki_block_is_not_the_letters_date() -> None:
    text = (
        "拝啓　盛夏の候、ますますご清栄のこととお慶び申し上げます。\n"
        "　下記のとおりお伺いいたします。\n記\n12月10日\n以上\n"
    )
    assert hits(text, "season-mismatch", "letter") == []


# --- weekday-mismatch: a date without a year, read from --now or the document's date --------


def weekday_hits(text: str, today: dt.date | None) -> list[str]:
    report = check_text(text, "email", "other", CheckContext(today=today))
    return [f.suggestion or "" for f in report.findings if f.rule == "weekday-mismatch"]


def test_a_yearless_date_is_read_from_the_day_of_the_check() -> None:
    text = "面接は12月8日（水）14時からと伺っております。"
    assert weekday_hits(text, dt.date(2026, 12, 3)) == ["火"]  # 2026-12-08 is a Tuesday
    assert weekday_hits(text, dt.date(2027, 12, 3)) == []  # 2027-12-08 is a Wednesday
    assert weekday_hits(text, None) == []  # no reference: nothing to read the year from
    # 1月5日 read in December is next January's
    assert weekday_hits("1月5日（月）に伺います。", dt.date(2026, 12, 3)) == ["火"]


def test_an_ambiguous_year_gives_no_finding() -> None:
    # 6月3日 read on 12月3日: last June and next June are as near
    assert weekday_hits("6月3日（月）のお話を覚えております。", dt.date(2026, 12, 3)) == []


def test_the_documents_own_date_is_the_reference() -> None:
    text = "2027年12月1日\n面接は12月8日（水）14時からと伺っております。"
    assert weekday_hits(text, dt.date(2026, 12, 3)) == []


# --- missing-self-introduction: a name other than the case's (reader x4) ---------------------


def test_a_different_name_is_reported_as_different_not_as_missing() -> None:
    context = CheckContext(applicant_name="佐々木 陽菜", school="北陸大学", new_grad=True)
    text = "あなた：お世話になります。北関東大学の小鳥遊です。人事課の松本様はいらっしゃいますか。"
    report = check_text(text, "phone", "withdraw", context)
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert "「小鳥遊」と名乗っていますが" in finding.message and "佐々木 陽菜" in finding.message
    assert "名乗っていません" not in finding.message


def test_a_missing_school_is_reported_as_such() -> None:
    context = CheckContext(applicant_name="小鳥遊 悠", school="北関東大学", new_grad=True)
    text = "あなた：お世話になります。小鳥遊と申します。人事課の松本様はいらっしゃいますか。"
    report = check_text(text, "phone", "withdraw", context)
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert "学校名「北関東大学」がありません" in finding.message


def test_no_introduction_at_all_keeps_the_message() -> None:
    context = CheckContext(applicant_name="小鳥遊 悠")
    report = check_text(
        "あなた：人事課の松本様はいらっしゃいますか。", "phone", "withdraw", context
    )
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert finding.message.startswith("冒頭で名乗っていません")


# --- --purpose auto: a thank-you after a granted withdrawal (reader D) -----------------------

THANKS_AFTER = (
    "件名：{subject}\n\n株式会社北國みらい銀行\n人事部\n西田様\n\n"
    "お世話になっております。\n渡邉 真之介と申します。\n"
    "本日はお電話にて、内定辞退の撤回をお認めいただけるとのお返事をいただき、誠にありがとうございました。\n"
    "貴行の一員として精一杯努めてまいります。\n今後ともよろしくお願い申し上げます。\n\n渡邉 真之介\n"
)


@pytest.mark.parametrize(
    "subject", ["内定辞退撤回についてのお礼（渡邉 真之介）", "ご連絡ありがとうございました"]
)
def test_auto_reads_a_thank_you_after_a_granted_withdrawal(subject: str) -> None:
    report = check_text(THANKS_AFTER.format(subject=subject), "email", "auto")
    assert (report.purpose, report.purpose_inferred) == ("thanks", True)


def test_auto_reads_a_letters_title_line() -> None:
    text = (
        "株式会社北國みらい銀行\n人事部\n西田様\n\n　　内定辞退撤回についてのお礼\n\n"
        "拝啓　初冬の候、貴行ますますご清栄のこととお慶び申し上げます。\n"
        "　このたびは、内定辞退の撤回をお認めいただき、誠にありがとうございました。\n敬具\n"
    )
    assert check_text(text, "letter", "auto").purpose == "thanks"


def test_auto_still_reads_a_withdrawal_request() -> None:
    text = (
        "件名：内定辞退撤回のお願い\n\n内定辞退を撤回させていただけないでしょうか。\n"
        "ご検討のほど、何卒よろしくお願い申し上げます。"
    )
    assert check_text(text, "email", "auto").purpose == "withdraw"


def test_a_date_in_wide_digits_is_read_too() -> None:
    assert weekday_hits("１月１４日（水）の１５時に伺います。", dt.date(2026, 12, 3)) == ["木"]
