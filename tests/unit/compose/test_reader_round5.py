"""Fifth reader's findings on the user's own words (A2, C1 and their siblings): pay described
as low in any adjective, the filler 正直、, 全然/まったく with an affirmative, いろんな."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.compose.review import process_notes, refusal
from naitei.compose.sentences import past_reason
from naitei.compose.words import analyse


@pytest.mark.parametrize(
    "said",
    [
        "年収が他社よりやや少なかったので",
        "初任給がかなり低めだったから",
        "提示された月給が予想よりずいぶん低かったため",
        "手取りが思っていたより少なかった",
    ],
)
def test_pay_said_to_be_low_in_any_adjective_is_the_aspect_considered(said: str) -> None:
    text = past_reason("conditions", said, "written")
    assert text == "辞退を申し上げたのは、給与面の条件を考慮したためでした。", text


def test_low_pay_joined_to_a_second_clause_keeps_the_clause() -> None:
    text = analyse("基本給がだいぶ安くて、家賃を払えるか不安だったので").text
    assert text.startswith("給与面の条件を考慮し、家賃を払えるか不安")
    assert "安く" not in text


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("正直なところ、勤務地が遠く通えないと考えたため", "勤務地が遠く"),
        (
            "実家の事情もあり、正直に言うと、転居が難しかったため",
            "実家の事情もあり、転居が難しかった",
        ),
    ],
)
def test_the_filler_honestly_is_dropped(said: str, kept: str) -> None:
    text = analyse(said).text
    assert "正直" not in text and kept in text, text


def test_honestly_as_the_adverb_of_a_verb_stays() -> None:
    assert "正直にお伝えする" in analyse("正直にお伝えするべきだと考え直しました").text


def test_zenzen_with_a_negative_becomes_mattaku_and_with_an_affirmative_is_refused() -> None:
    assert analyse("全然眠れない日が続いたため").text.startswith("まったく眠れない")
    for said in ("研修が全然楽しそうだったので", "勤務地がまったく遠かったため"):
        message = refusal(said, "cause", "reason_detail")
        assert message is not None and "否定とともに" in message, said


def test_mattaku_in_its_written_uses_is_kept() -> None:
    for said in (
        "まったく新しい分野に挑戦する道を選んだため",
        "まったく経験のない業務で自信が持てなかった",
    ):
        assert refusal(said, "cause", "reason_detail") is None, said


def test_ironna_is_written_samazamana() -> None:
    assert "さまざまな業界を調べ" in analyse("いろんな業界を調べて考え直しました").text


@pytest.mark.parametrize(
    ("draft", "word"),
    [
        ("正直、他の内定と迷っておりました。", "正直"),
        ("色んな企業を比べた結果でございます。", "色んな"),
        ("勤務時間が全然長かったためです。", "全然"),
        ("通勤がまったく遠かったためです。", "まったく"),
    ],
)
def test_the_checker_names_the_spoken_word(draft: str, word: str) -> None:
    report = check_text(draft, "email", "withdraw")
    found = [f for f in report.findings if f.rule == "casual-word"]
    assert found and any(word in f.message for f in found), [f.message for f in report.findings]


def test_the_checker_leaves_honest_adverbs_and_negated_zenzen_alone_as_fillers() -> None:
    report = check_text(
        "正直にお伝えいたします。全然問題ございません。まったく新しい分野でございます。",
        "email",
        "withdraw",
    )
    messages = [f.message for f in report.findings if f.rule == "casual-word"]
    assert not any("つなぎ" in m or "否定とともに" in m for m in messages), messages


# --- A1: dealings with an agent or a contact person are a process fact, not what changed ----


def test_a_sentence_about_the_agent_is_left_out_and_the_user_is_told() -> None:
    said = "家族の介護の見通しが立ちました。紹介会社の担当者に連絡しましたが、返事がありません"
    answer = analyse(said)
    assert answer.text == "家族の介護の見通しが立ちました"
    assert answer.process == ("紹介会社の担当者に連絡しましたが、返事がありません",)
    (note,) = process_notes(said, "why_detail_situation_resolved")
    assert "紹介会社の担当者" in note and "何が変わったのか" in note


def test_dealings_with_a_contact_at_the_employer_are_left_out_too() -> None:
    said = "転居の予定がなくなりました。人事の小川様にご相談しましたが、難しいと言われました"
    assert "小川様" not in analyse(said).text


def test_an_answer_that_only_tells_the_dealings_is_refused() -> None:
    message = refusal(
        "エージェントに撤回を相談しましたが、断られました", "sentence", "why_detail_other"
    )
    assert message is not None and "何が変わったのか" in message and "（例:" in message


def test_a_colleague_whose_talk_changed_the_mind_is_no_dealing() -> None:
    said = "先輩社員の佐藤様のお話を伺い、改めて貴社の仕事に魅力を感じました"
    assert analyse(said).process == () and "佐藤様" in analyse(said).text


# --- B8: what a doctor said is a diagnosis ----------------------------------------------


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("内科で貧血は治ったと言われました", "内科で貧血は治ったと言われました"),  # a verb: left
        ("主治医から就労に支障なしと言われました", "主治医から就労に支障なしとの診断を受けました"),
        (
            "眼科でもう心配ないと言われて、安心しました",
            "眼科でもう心配ないとの診断を受け、安心しました",
        ),
        ("先輩から向いていると言われました", "先輩から向いていると言われました"),
    ],
)
def test_what_a_doctor_said_is_a_diagnosis(said: str, written: str) -> None:
    assert analyse(said).text == written


# --- B1: the user's own name for the addressee is its form of address --------------------


@pytest.mark.parametrize(
    ("name", "ref", "said", "written"),
    [
        (
            "西都信用金庫",
            "貴庫",
            "西都信金の地域密着の姿勢に惹かれました",
            "貴庫の地域密着の姿勢に惹かれました",
        ),
        ("みなみ信用組合", "御組合", "信組さんの面接で伺ったお話", "御組合の面接で伺ったお話"),
        (
            "株式会社アイ",
            "貴社",
            "アイの社風に改めて共感しました",
            "貴社の社風に改めて共感しました",
        ),
        ("株式会社アイ", "貴社", "アイデアを形にする仕事", "アイデアを形にする仕事"),
        ("社会福祉法人わかば会 わかば園", "貴法人", "わかば園の皆様のお話", "貴法人の皆様のお話"),
        ("株式会社ソラ電機", "貴社", "御社さんの製品", "貴社の製品"),
    ],
)
def test_the_users_name_for_the_addressee_becomes_its_form(
    name: str, ref: str, said: str, written: str
) -> None:
    from naitei.compose.sentences import Naming, for_medium

    assert for_medium(said, "written", Naming(ref, name=name)) == written


def test_the_user_is_told_of_the_short_name_once() -> None:
    from naitei.compose.review import own_name_notes

    notes = own_name_notes("西都信金の理念と、西都信金の地域活動に共感しました", ("西都信用金庫",))
    assert len(notes) == 1 and "「西都信金」" in notes[0] and "西都信用金庫" in notes[0]
    assert own_name_notes("地元の信用金庫に惹かれました", ("西都信用金庫",)) == []


# --- B4: 〇〇に行くことにした is the joining of an employer ------------------------------


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("地元の信用金庫に行くことにしたため", "地元の信用金庫への就職を決めたため"),
        ("隣の市の役所にいくことになったため", "隣の市の役所への就職が決まったため"),
        (
            "実家近くの工場に行くことにして、引越しも決めました",
            "実家近くの工場への就職を決め、引越しも決めました",
        ),
        ("専門学校に行くことにした", "専門学校への進学を決めた"),
        ("地元に行くことにした", "地元に行くことにした"),
    ],
)
def test_going_to_an_employer_is_the_joining_of_it(said: str, written: str) -> None:
    assert analyse(said).text == written


# --- B5: the applicant's own plan that fell through; 会社の of a working applicant ----------


@pytest.mark.parametrize(
    ("said", "fallback"),
    [
        ("海外赴任の内示が本社の方針転換で白紙になりました", "true"),
        ("予定していた留学が、受け入れ先の事情で中止となりました", "true"),
        ("夫の転勤の心配がなくなりました", "false"),
    ],
)
def test_a_plan_that_fell_through_is_a_fallback(said: str, fallback: str) -> None:
    from naitei.compose.sentences import story_facts

    assert story_facts("other", "other", words=("", said))["own_fallback"] == fallback


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("会社で部署の統合が決まり、異動の話がなくなりました", "現職で部署の統合が決まり"),
        ("子会社への出向が取りやめになりました", "子会社への出向"),
        ("他社の内定を受けたあと、会社の方針が変わりました", "会社の方針"),
    ],
)
def test_a_working_applicants_company_is_the_current_one_only_when_unambiguous(
    said: str, written: str
) -> None:
    from naitei.compose.sentences import what_changed

    text = what_changed("other", said, "written", {"employed": "true"})
    assert written in text, text
    assert "現職" not in what_changed("other", said, "written", {"employed": "false"})


# --- C2: the example's staff word is the employer's -----------------------------------------


@pytest.mark.parametrize(
    ("join", "staff"),
    [("入社", "先輩社員"), ("入行", "先輩行員"), ("入庁", "先輩職員"), (None, "先輩の方")],
)
def test_the_example_names_the_staff_as_the_employer_does(join: str | None, staff: str) -> None:
    from naitei.compose.review import example

    text = example("why_detail_changed_mind", join)
    assert text.startswith(staff) and "{" not in text


def test_a_refusal_for_a_company_shows_its_staff_word() -> None:
    from naitei.check import CheckContext

    context = CheckContext(employer_join="入社")
    message = refusal("なんか合わないと思った", "sentence", "why_detail_changed_mind", context)
    assert message is not None and "先輩社員" in message and "先輩職員" not in message


def test_the_staff_as_a_whole_is_no_contact_person() -> None:
    said = "面接で職員の皆様に相談に乗っていただき、改めて貴院で働きたいと考えました"
    assert analyse(said).process == () and refusal(said, "sentence", "why_detail") is None


def test_a_short_kanji_name_is_an_ordinary_word_unless_whole() -> None:
    from naitei.compose.sentences import Naming, for_medium

    naming = Naming("貴社", name="株式会社日本")
    assert for_medium("日本の文化を伝える仕事", "written", naming) == "日本の文化を伝える仕事"
    assert for_medium("株式会社日本の理念", "written", naming) == "貴社の理念"


def test_an_agent_that_refused_is_named_with_the_way_to_go_direct() -> None:
    from naitei.compose.review import case_warnings
    from tests.support.cases import AGENT, make_case

    refused = "家族の介護の分担が決まりました。エージェントの担当者に相談しましたが、対応できないとのお返事でした"
    warned = case_warnings(make_case(**AGENT, withdrawal__why_detail=refused))
    assert [p.field for p in warned].count("[offer].via") == 1
    assert any(p.field == "[withdrawal].why_detail" for p in warned)
    direct = make_case(**(AGENT | {"offer__via": "direct"}), withdrawal__why_detail=refused)
    assert "[offer].via" not in [p.field for p in case_warnings(direct)]
    helped = (
        "家族の介護の分担が決まりました。エージェントの担当者に相談し、先方への連絡をお願いしました"
    )
    assert "[offer].via" not in [
        p.field for p in case_warnings(make_case(**AGENT, withdrawal__why_detail=helped))
    ]
