"""The messenger's email, phone script and 委任状: the HR reader's findings, as mechanisms."""

from __future__ import annotations

import dataclasses
import datetime as dt
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from naitei.calendar import JST
from naitei.case import DeclineCase, DeclineTarget
from naitei.errors import InputError
from naitei.messenger.authorisation import authorisation_text, confirm, signed_parts
from naitei.messenger.compose import Request, messenger_email, messenger_phone
from naitei.messenger.kit import messenger_files
from tests.support.messenger import confirmed, request_of

NOW = dt.datetime(2026, 12, 3, 10, 15, tzinfo=JST)


@pytest.fixture
def m1() -> Request:
    return request_of("m1-three-newgrad")[0]


def test_the_phone_script_reads_the_clients_words_not_the_case(m1: Request) -> None:
    words = "家族と話し合い、地元で働くことに決めました。大変お世話になりました。"
    script = messenger_phone(dataclasses.replace(m1, words=words), 1).text
    assert "- あなた：家族と話し合い、地元で働くことに決めました。" in script
    assert "- あなた：大変お世話になりました。" in script
    assert "別の会社への入社" not in script


def test_the_authorisation_is_promised_by_mail_only_to_a_known_address(m1: Request) -> None:
    with_email = messenger_phone(m1, 1).text
    assert "saiyo@minato.example.co.jp宛てのメールに添付してお送りいたします" in with_email
    without_email = messenger_phone(m1, 2).text  # 静岡県: no address in the case
    section = without_email.split("## 4.")[1].split("## 5.")[0]
    said = [line for line in section.splitlines() if line.startswith("- あなた：")]
    assert said and not any("メール" in line for line in said)
    assert "お送りする宛先を伺ってもよろしいでしょうか" in without_email
    unsigned = messenger_phone(dataclasses.replace(m1, authorised=False), 1).text
    assert "委任状をお預かりしておりません" in unsigned


def test_a_school_recommended_offer_needs_the_school_first(m1: Request) -> None:
    with pytest.raises(InputError) as error:
        messenger_email(dataclasses.replace(m1, school_consulted=False), 3)
    assert error.value.field == "school_consulted" and "就職支援のご担当" in str(error.value)
    assert "学校推薦による内定のため" in messenger_email(m1, 3).text
    assert "学校推薦" not in messenger_email(m1, 1).text


@pytest.mark.parametrize("company", [1, 2, 3])
def test_spoken_forms_never_heard_aloud_are_not_used(m1: Request, company: int) -> None:
    script = messenger_phone(m1, company).text
    assert not {"御所", "御県", "御府", "御道", "御都"} & {
        script[i : i + 2] for i in range(len(script))
    }
    if company == 2:
        assert "静岡県からいただいた内定" in script


def test_no_phrase_is_repeated_like_the_old_service_email() -> None:
    for name in ("m1-three-newgrad", "m2-midcareer-agent-bank"):
        request, _ = request_of(name)
        for index in range(1, len(request.case.companies) + 1):
            text = messenger_email(request, index).text
            assert text.count("ご連絡") <= 1
            assert text.count("お伝えいたします") <= 2
            assert text.count("ご本人") <= 3


@pytest.mark.parametrize(
    "words",
    ["マジで別の会社にしました", "ちょっと事情があって無理になった", "内定辞退"],
)
def test_casual_or_unfinished_words_are_refused_with_an_example(m1: Request, words: str) -> None:
    with pytest.raises(InputError, match="例: ") as error:
        messenger_email(dataclasses.replace(m1, words=words), 1)
    assert error.value.field == "words"


def test_words_beyond_conveying_are_refused_with_the_lawyer_referral(m1: Request) -> None:
    words = "違約金はお支払いできませんので、ご了承ください。"
    with pytest.raises(InputError, match="弁護士"):
        messenger_email(dataclasses.replace(m1, words=words), 1)


def test_the_eml_names_its_addressee_exactly_and_carries_the_signed_pdf(m1: Request) -> None:
    files = messenger_files(m1, NOW, confirmed(m1, NOW))
    message = message_from_bytes(files["1-messenger-email.eml"], policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"].addresses[0].display_name == "株式会社みなと精機 佐藤様"
    assert message["From"].addresses[0].display_name == "辞退連絡サービス"
    assert "山田 太郎様の内定辞退について" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "委任状.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert "2-messenger-email.eml" not in files  # no address for 静岡県
    assert "委任状を添付いたしました" in files["2-messenger-email.txt"].decode()


def test_without_a_confirmation_nothing_claims_a_signed_authorisation(m1: Request) -> None:
    files = messenger_files(m1, NOW, None)
    assert "authorisation.txt" in files and "authorisation.pdf" not in files
    assert all("委任状を添付" not in files[f"{i}-messenger-email.txt"].decode() for i in (1, 2, 3))
    eml = message_from_bytes(files["1-messenger-email.eml"], policy=policy.default)
    assert isinstance(eml, EmailMessage) and not list(eml.iter_attachments())


def test_the_authorisation_names_everyone_and_exactly_what_is_delegated(m1: Request) -> None:
    text = authorisation_text(m1, NOW.date())
    for name in (
        "辞退連絡サービス",
        "山田 太郎",
        "株式会社みなと精機",
        "静岡県",
        "株式会社北斗ソフト",
    ):
        assert name in text
    assert "内定辞退の意思を、私が確認した文面のとおりに伝えること" in text
    assert "返事を受け取り、私に伝えること" in text
    assert "このほかのことは委任いたしません" in text
    for vague in ("対象の会社", "入社の条件", "記録しています"):
        assert vague not in text


def test_the_confirmation_is_bound_to_the_text_it_confirmed(m1: Request) -> None:
    text = authorisation_text(m1, NOW.date())
    confirmation = confirm(m1, text, NOW)
    assert confirmation.matches(text) and len(confirmation.sha256) == 64
    assert confirmation.to_dict()["confirmed_at"] == "2026-12-03T10:15:00+09:00"
    assert "10時15分" in signed_parts(m1, NOW.date(), confirmation).paragraphs[-1]
    fewer = dataclasses.replace(
        m1, case=m1.case.model_copy(update={"companies": m1.case.companies[:2]})
    )
    with pytest.raises(InputError, match="文面が変わっています"):
        signed_parts(fewer, NOW.date(), confirmation)


def test_twenty_companies_in_one_request_work_as_well_as_one(m1: Request) -> None:
    base = m1.case.companies[0]
    companies = [
        DeclineTarget.model_validate(
            base.model_dump()
            | {"name": f"株式会社テスト{n:02d}", "email": f"hr{n}@t{n}.example.jp"}
        )
        for n in range(1, 21)
    ]
    case = DeclineCase.model_validate(m1.case.model_dump() | {"companies": companies})
    request = dataclasses.replace(m1, case=case)
    files = messenger_files(request, NOW, confirmed(request, NOW))
    assert sum(name.endswith(".eml") for name in files) == 20
    for n in range(1, 21):
        text = files[f"{n}-messenger-email.txt"].decode()
        assert f"株式会社テスト{n:02d}" in text
        assert all(f"株式会社テスト{m:02d}\n" not in text for m in range(1, 21) if m != n)
    assert all(
        f"株式会社テスト{n:02d}" in files["authorisation.txt"].decode() for n in range(1, 21)
    )


def test_the_clients_quoted_words_stay_as_they_wrote_them(m1: Request) -> None:
    """The 2026-12-03 reader: 別の会社 became 他社 inside the client's own quoted words."""
    words = "別の会社への入社を決めました。大変お世話になりました。"
    mail = messenger_email(dataclasses.replace(m1, words=words), 1).text
    assert "「別の会社への入社を決めました。大変お世話になりました。」" in mail


def test_a_form_of_address_in_the_quote_is_kept_as_the_client_wrote_it(m1: Request) -> None:
    """Quoted words are the client's: 御社 stays 御社 inside 「」 (not 貴社, nor 貴県 for a
    prefecture); read aloud on the phone, the script says the spoken form the employer takes."""
    words = "御社の皆様には大変お世話になりました。"
    for company, spoken in ((1, "御社"), (2, "静岡県")):
        request = dataclasses.replace(m1, words=words)
        assert f"「{words}」" in messenger_email(request, company).text
        assert f"- あなた：{spoken}の皆様には" in messenger_phone(request, company).text


def test_plain_words_are_refused_rather_than_rewritten_inside_the_quote(m1: Request) -> None:
    with pytest.raises(InputError) as error:
        messenger_email(dataclasses.replace(m1, words="別の会社への入社を決めた"), 1)
    assert error.value.field == "words"
    assert "そのままお伝えします" in str(error.value)
