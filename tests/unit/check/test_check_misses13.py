"""Misses of an independent HR reader (issue 13 §3/§8, /tmp/reader report A1–A9 and D): 貴法人
to a corporation, おられる and くれる to the reader, auxiliaries in kanji, spoken clause links,
plain ので, a reason with no head. Each family with the sentences that must stay clean."""

from __future__ import annotations

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
