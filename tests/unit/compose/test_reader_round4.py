"""Findings of the fourth independent reader (2026-12-03, /tmp/reader4): the mechanisms behind
them, tried on cases the reader did not write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from naitei.case import parse_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from naitei.compose.model import CHECK_KIND
from naitei.compose.review import case_warnings, review_answer
from naitei.plan import make_plan
from tests.support.cases import NOW, example, make_case
from tests.support.tables import table
from tests.unit.compose.matrix import documents

TABLES = Path(__file__).with_name("tables") / "reader_round4.toml"
# make_case's changes for an offer made on a school's recommendation (学校推薦).
SCHOOL_OFFER = {"offer__via": "school", "applicant__school": "北上学院大学"}


@table(TABLES, "glued_title", "name", "said", "written", "spoken")
def test_a_title_glued_to_a_form_of_address_is_dropped_and_told(
    name: str, said: str, written: str, spoken: str
) -> None:
    """A1: 御社様 in a user's answer is 二重敬称; every document writes the form of its own
    employer and medium without the title, passes the checker, and the user is told which
    field held it."""
    detail = f"その後、{said}の社員の方のお話を伺い、{said}で働きたいという思いが強くなりました"
    case = make_case(
        company__name=name, withdrawal__why="changed_mind", withdrawal__why_detail=detail
    )
    notes = [p for p in case_warnings(case) if p.field == "[withdrawal].why_detail"]
    assert len(notes) == 1 and "二重敬称" in notes[0].message, notes
    context = CheckContext.from_case(case)
    for _, document in documents(case, NOW):
        text = document.text
        form = spoken if document.kind in ("phone", "visit") else written
        assert f"{form}の社員の方" in text, (document.kind, text)
        for title in ("様", "さま", "殿", "御中"):
            assert f"{form}{title}" not in text and f"{form} {title}" not in text
        report = check_text(text, CHECK_KIND[document.kind], "withdraw", context)  # type: ignore[arg-type]
        assert [f.rule for f in report.findings if f.severity == "error"] == [], document.kind


def test_a_title_in_a_decline_reason_is_dropped_too() -> None:
    reviewed = review_answer("reason_detail_decline", "御社様より条件の合う他社に決めたため")
    assert any("二重敬称" in note for note in reviewed.warnings)
    assert "御社様" not in reviewed.sentence and "貴社様" not in reviewed.sentence


def test_words_that_only_start_like_a_title_are_kept() -> None:
    """様々 and さまざま after a form of address are no title (御社様々な → no cut)."""
    reviewed = review_answer(
        "why_detail", "その後、御社の様々な取り組みを知り、思いが強くなりました"
    )
    assert reviewed.warnings == () and "様々な取り組み" in reviewed.sentence


@pytest.mark.parametrize("via", ["direct", "school", "agent"])
def test_without_an_address_the_plan_sends_no_email_to_nobody(via: str) -> None:
    """A2: no employer email (no agent email on the agent route): the plan asks for the address
    on the call, calls again the next business day instead of writing, and follows up after the
    call, as the phone script says; with an address the steps are the usual ones."""
    extra: dict[str, object] = {"company__email": None}
    if via == "agent":
        extra |= {"offer__agent_name": "ミライキャリア", "decline__channel": "agent"}
    if via == "school":
        extra |= {"applicant__school": "東都大学"}
    case = make_case(offer__via=via, **extra)
    steps = {step.id: step for step in make_plan(case, NOW).steps}
    assert "メールの宛先を伺い" in steps["confirm_email"].title
    unreached = steps["email_if_unreached"]
    assert unreached.channel == "phone" and "翌営業日にもう一度電話" in unreached.title
    assert unreached.window is not None and steps["call_retry"].window is not None
    assert unreached.window.start.date() > steps["call_retry"].window.start.date()
    assert "メールを送ってから" not in steps["follow_up"].detail
    assert "電話とメールのあと" not in steps["letter"].detail
    phone = draft("phone", case, NOW).text
    assert "email-unreached.txt" not in phone and "翌営業日にもう一度電話" in phone
    usual = {step.id: step for step in make_plan(make_case(offer__via="direct"), NOW).steps}
    assert usual["email_if_unreached"].channel == "email"
    assert "メールを送ってから" in usual["follow_up"].detail


def test_a_decline_without_an_address_asks_for_it_on_the_call() -> None:
    data = example("decline-three.toml")
    data["companies"][0].pop("email", None)
    data["companies"][0]["via"] = "direct"
    case = parse_case(data)
    steps = [step for step in make_plan(case, NOW).steps if step.id == "email-1"]
    assert "メールの宛先を伺う" in steps[0].title and "宛先を教えていただいて" in steps[0].detail


def test_an_applicant_without_phone_or_email_is_warned_and_told_in_the_plan() -> None:
    case = make_case(applicant__email=None, applicant__phone=None)
    notes = [p for p in case_warnings(case) if p.field == "[applicant].phone"]
    assert len(notes) == 1 and "郵便でしか届きません" in notes[0].message
    assert "phone か email を書き足して" in make_plan(case, NOW).steps[0].detail
    reached = make_case()
    assert not [p for p in case_warnings(reached) if p.field == "[applicant].phone"]
    assert "郵便" not in make_plan(reached, NOW).steps[0].detail


@pytest.mark.parametrize(
    ("said", "written"),
    [
        (
            "地元を離れて関東で働くことにした",
            "地元を離れて関東で働くことにしたため、辞退を決意いたしました。",
        ),
        ("家業を継ぐことになりました", "家業を継ぐことになったため、辞退を決意いたしました。"),
        ("大学院への進学を決めました", "大学院への進学を決めたため、このような結論に至りました。"),
    ],
)
def test_a_decline_reason_in_one_sentence_is_framed_as_the_cause(said: str, written: str) -> None:
    """A3: one finished sentence is the cause of the decline, never pasted bare after the
    apology; a reason that is itself a decision is not followed by 決意 (決めた…決意)."""
    from naitei.compose.sentences import present_reason

    assert present_reason("other_offer", said, "written") == written


def test_an_email_first_company_gets_a_phone_script_that_follows_the_email() -> None:
    """A3: an offer not accepted, direct, with an address: the kit says the email comes first;
    the phone script and the plan say the same (no 「電話の前には送りません」)."""
    case = parse_case(example("decline-three.toml"))
    assert case.companies[1].email_first and not case.companies[0].email_first
    phone = draft("decline-phone", case, NOW, company=2).text
    assert "辞退のメールを送ったあと" in phone and "電話の前には送りません" not in phone
    assert "電話を終えたら、辞退のメールを送ります" not in phone
    first = draft("decline-phone", case, NOW, company=1).text
    assert "電話の前には送りません" in first and "メールでもお送りいたしました" not in first
    email = draft("decline-email", case, NOW, company=2).text
    assert "お電話" not in email
    ids = [step.id for step in make_plan(case, NOW).steps]
    assert ids.index("email-2") < ids.index("call-2") and ids.index("call-1") < ids.index("email-1")


@pytest.mark.parametrize(
    ("reason_detail", "why_detail"),
    [
        (
            "国の機関から内定をいただいたので",
            "採用予定だった機関の組織再編により、内定が取り消しになりました",
        ),
        ("大学病院から内定をいただいたため", ""),
        ("市役所の採用試験に合格したため", ""),
    ],
)
def test_an_other_offer_that_was_no_company_is_never_called_other_company(
    reason_detail: str, why_detail: str
) -> None:
    """B1: the user's words say the chosen offer was a 国の機関, a hospital, a city office: the
    fixed lines say 他の内定 / 他の就職先, never 他社 or 入社 of it."""
    case = make_case(
        decline__reason_detail=reason_detail,
        withdrawal__why="other_offer_lost",
        withdrawal__why_detail=why_detail or None,
    )
    for _, document in documents(case, NOW):
        assert "他社" not in document.text, (document.kind, document.text)
    company = make_case(decline__reason_detail="他社から内定をいただいたため")
    assert any("他社" in d.text for _, d in documents(company, NOW))


def test_an_english_department_and_title_are_not_read_aloud() -> None:
    """B6: the phone script asks for 採用ご担当のSmith様; the written address keeps the English."""
    case = make_case(
        company__department="Talent Acquisition & Early Careers, Human Resources Japan",
        company__contact_name="Smith",
        company__contact_title="Talent Acquisition Partner",
    )
    phone = draft("phone", case, NOW).text
    assert "採用ご担当のSmith様はいらっしゃいますでしょうか" in phone
    assert "Talent Acquisition Partnerの" not in phone
    assert "Talent Acquisition & Early Careers" in draft("email", case, NOW).text
    japanese = make_case(company__department="人事部", company__contact_title="課長")
    assert "人事部 課長の佐藤様" in draft("phone", japanese, NOW).text


@pytest.mark.parametrize(
    ("said", "written"),
    [
        (
            "他社の選考を受けさせていただき、比較させていただいた結果",
            "他社の選考を受け、比較した結果",
        ),
        ("懇親会に参加させていただいた友人から伺いました", "懇親会に参加した友人から伺いました"),
        ("資料を読ませていただいて、感じました", "資料を読み、感じました"),
        (
            "岡田様が言われていたお言葉を思い出しました",
            "岡田様がおっしゃっていたお言葉を思い出しました",
        ),
        ("佐藤様が言われました", "佐藤様がおっしゃいました"),
    ],
)
def test_the_users_own_acts_and_the_readers_words_are_restyled(said: str, written: str) -> None:
    """B10, B7: させていただいた of the applicant's own past acts is plain; 様が言われた is
    おっしゃった."""
    from naitei.compose.words import analyse

    assert analyse(said).text == written


@pytest.mark.parametrize(
    "kept",
    [
        "貴社で働かせていただきたいと考えております",
        "お話を聞かせていただき、ありがとうございました",
        "医師から言われました",
    ],
)
def test_a_wish_a_thanks_and_a_passive_keep_their_words(kept: str) -> None:
    from naitei.compose.words import analyse

    assert analyse(kept).text == kept


def test_the_decline_is_not_named_twice_in_the_reason_sentence() -> None:
    """B7: 「辞退を申し上げたのは、…辞退のご連絡を差し上げたため」 says 辞退 twice."""
    case = make_case(
        decline__reason="family",
        decline__reason_detail="家族が入院し、冷静に考える余裕がないまま辞退のご連絡を差し上げたため",
    )
    for _, document in documents(case, NOW):
        for sentence in re.split("[。\n]", document.text):
            if "辞退を申し上げたのは" in sentence:
                assert sentence.count("辞退") == 1, sentence


def test_apologies_too_long_for_one_sentence_never_repeat_their_ending() -> None:
    """B3: two extra apologies that do not fit in one sentence: the second opens with また and
    ends as a joined sentence does, never two 「…ことも、申し訳なく…」 in a row."""
    case = make_case(
        **SCHOOL_OFFER,
        decline__company_response="retained",
        decline__channel="phone",
        company__contact_title="課長",
    )
    for kind in ("email", "letter"):
        text = draft(kind, case, NOW).text
        assert "また、学校推薦をいただいた内定で、貴社と大学にご心配" in text, text
        assert "ことにつきましても、深く反省しております" in text
        assert not re.search("ことも、申し訳なく[^。]*。\n?[^。]*ことも、申し訳なく", text)


def test_spoken_apologies_that_end_alike_are_said_once() -> None:
    """B4: 「…済ませてしまい、大変失礼いたしました。その際、理由もお伝えせず、失礼いたしました。」"""
    case = make_case(decline__channel="chat", decline__explained=False)
    for kind in ("phone", "visit"):
        text = draft(kind, case, NOW).text
        assert text.count("失礼いたしました。その際") == 0
        assert "メッセージだけで済ませてしまい、理由もお伝えせず、大変失礼いたしました。" in text


def test_the_agent_hears_the_apology_before_the_ask_and_is_never_gone_round() -> None:
    """B8: in the text to the agent the apology comes before the request; the plan's visit and
    letter go through the agent."""
    case = parse_case(example("mid-career-agent.toml"))
    for kind in ("phone", "email"):
        text = draft(kind, case, NOW).text
        assert text.index("誠に申し訳ございません") < text.index(
            "お取り次ぎいただくことはできませんでしょうか"
        )
    steps = {step.id: step for step in make_plan(case, NOW).steps}
    assert "を通して行います" in steps["visit"].detail
    assert "の了解を得てから送ります" in steps["letter"].detail
    direct = {step.id: step for step in make_plan(make_case(), NOW).steps}
    assert "エージェント" not in direct["visit"].detail + direct["letter"].detail


@pytest.mark.parametrize(
    "opening", ["御社と最後まで迷いましたが", "最後まで悩んだ末に辞退しましたが"]
)
def test_a_story_that_opens_before_the_decline_gets_no_sono_go(opening: str) -> None:
    """B9: その後、 glued before a clause about the time before the decline says the applicant
    hesitated after declining."""
    from naitei.compose.sentences import what_changed

    said = f"{opening}、研修を通じて、御社の姿勢に強く惹かれていることに気づきました"
    assert not what_changed("changed_mind", said, "written").startswith("その後")


def test_a_document_for_one_company_notes_only_its_employer() -> None:
    """C6: `draft decline-keep --company 2` names the second employer's address form only."""
    from naitei import services

    data = example("decline-three.toml")
    data["companies"][1]["name"] = "北九州市役所"
    data["companies"][2]["name"] = "国立大学法人西海大学"
    case = parse_case(data)
    notes = services.employer_notices(case, 2)
    assert len(notes) == 1 and notes[0].startswith("2社目（北九州市役所）")
    assert len(services.employer_notices(case)) == 2


def test_on_the_school_route_the_call_waits_for_the_schools_instructions() -> None:
    """C11: the call on the day of the school consultation says to wait for its instructions."""
    case = make_case(**SCHOOL_OFFER)
    call = next(step for step in make_plan(case, NOW).steps if step.id == "call")
    assert "指示を受けてからかけます" in call.detail
    direct = next(step for step in make_plan(make_case(), NOW).steps if step.id == "call")
    assert "指示" not in direct.detail


def test_an_after_call_email_without_an_address_says_so() -> None:
    """C7: a visit confirmation to an employer whose address the case lacks is flagged: call,
    or ask for the address first."""
    from tests.unit.compose.golden_after import bare_facts

    facts = bare_facts("visit-confirm", NOW)
    bare = draft("visit-confirm", make_case(company__email=None), NOW, facts=facts)
    assert any("そのままでは送れません" in note for note in bare.notes)
    known = draft("visit-confirm", make_case(), NOW, facts=facts)
    assert not any("そのままでは送れません" in note for note in known.notes)


def test_the_agent_is_named_without_its_legal_form_when_spoken() -> None:
    """C3: the visit's opening named リクルートキャリアパートナーズ株式会社 in full (81 chars)."""
    case = make_case(
        offer__via="agent",
        offer__agent_name="リクルートキャリアパートナーズ株式会社",
        decline__channel="agent",
    )
    visit = draft("visit", case, NOW).text
    assert "リクルートキャリアパートナーズを通じて" in visit and "株式会社を通じて" not in visit
    assert "リクルートキャリアパートナーズ株式会社を通じて" in draft("letter", case, NOW).text


@pytest.mark.parametrize("said", ["株式会社ミライ様", "ミライさま", "株式会社ミライ 御中"])
def test_the_employers_own_name_with_a_title_becomes_its_form_of_address(said: str) -> None:
    """A1 sibling: 株式会社ミライ様の社員の方 in the user's words is the reader's organisation:
    貴社 in writing, 御社 on the phone, and the user is told."""
    detail = f"その後、{said}の社員の方のお話を伺い、働きたいという思いが強くなりました"
    case = make_case(
        company__name="株式会社ミライ",
        withdrawal__why="changed_mind",
        withdrawal__why_detail=detail,
    )
    assert "貴社の社員の方" in draft("email", case, NOW).text
    assert "御社の社員の方" in draft("phone", case, NOW).text
    notes = [p for p in case_warnings(case) if p.field == "[withdrawal].why_detail"]
    assert notes and "不自然" in notes[0].message


def test_leaving_home_told_to_a_local_government_is_warned() -> None:
    """A3: 「地元を離れて関東で働くことにした」 to a city office reads as turning down the place."""
    data = example("decline-three.toml")
    data["companies"][1] |= {
        "name": "北九州市役所",
        "reason_detail": "地元を離れて関東で働くことにした",
    }
    data["companies"][2] |= {"reason_detail": "地元を離れて関東で働くことにした"}
    notes = [p for p in case_warnings(parse_case(data)) if "地元を離れ" in p.message]
    assert [p.field for p in notes] == ["[[companies]][2].reason_detail"]


def test_the_assessment_says_other_offer_in_the_users_terms() -> None:
    """B1: the assessment of a case whose other offer was a 国の機関 says 他の内定."""
    from naitei.assess import assess

    case = make_case(decline__reason_detail="国の機関から内定をいただいたので")
    text = str(assess(case, NOW).to_dict())
    assert "他社" not in text and "他の内定" in text
    assert "他社" in str(assess(make_case(), NOW).to_dict())


def test_an_english_title_in_the_address_is_pointed_out() -> None:
    """C4: 「CEO ジョンソン様」 is written as given; the user is told it is English."""
    from naitei import services

    notes = services.employer_notices(make_case(company__contact_title="CEO"))
    assert any("英語（CEO）" in note for note in notes)
    assert not any(
        "英語" in n for n in services.employer_notices(make_case(company__contact_title="部長"))
    )


def test_now_is_said_once_when_the_users_words_say_it() -> None:
    """B7: 「…母も回復した今、…。状況が変わった今、…」 says 今 twice in two sentences."""
    case = make_case(
        withdrawal__why="situation_resolved",
        withdrawal__why_detail="母が回復した今、貴社で働きたいという気持ちを抑えることができませんでした",
    )
    for kind in ("email", "letter", "phone"):
        text = draft(kind, case, NOW).text
        assert "状況が変わった今" not in text and "回復した今" in text
    plain = make_case(
        withdrawal__why="situation_resolved", withdrawal__why_detail="母が回復しました"
    )
    assert "状況が変わった今" in draft("email", plain, NOW).text
