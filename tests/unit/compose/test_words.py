"""The user's own words: how each answer is read, and the form it takes in each slot."""

from __future__ import annotations

import pytest

from naitei.compose.restyle import as_cause, as_noun, as_sentences
from naitei.compose.review import refusal, warnings_of
from naitei.compose.words import analyse, normalise


@pytest.mark.parametrize(
    ("text", "endings"),
    [
        ("父の介護", ("noun",)),
        ("機械工学の研究で培った設計の基礎", ("noun",)),
        ("食品の品質管理で八年の実務経験", ("noun",)),
        ("英語が得意", ("noun_clause",)),
        ("在庫管理を研究", ("noun_clause",)),
        ("内定をいただいたため", ("cause",)),
        ("遠方なので", ("cause",)),
        ("内定が取り消されたことから", ("cause",)),
        ("入社を決めたためです", ("cause",)),
        ("内定が取り消しになった", ("plain",)),
        ("内定が取り消されました", ("polite",)),
        ("父が倒れて", ("open",)),
        ("内定をいただきました。その企業が倒産しました", ("polite", "polite")),
        ("内定が取り消しになった、父が倒れた", ("plain", "plain")),
        ("体調不良でした父が倒れた", ("polite", "plain")),
    ],
)
def test_answers_are_read_sentence_by_sentence(text: str, endings: tuple[str, ...]) -> None:
    assert analyse(text).endings == endings


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("設計の経験", "設計の経験"),
        ("在庫管理を研究しました。", "在庫管理を研究した経験"),
        ("アルバイトでリーダーをしていました", "アルバイトでリーダーをしていた経験"),
        ("英語が話せます", "英語が話せること"),
        ("営業を十年やってきた", "営業を十年担当してきた経験"),
        ("研究に打ち込んだ", "研究に打ち込んだ経験"),
        ("英語が得意です", None),
        ("英語が得意", None),
        ("在庫管理を研究しました。リーダーをしていました", None),
        ("英語ができない", None),
        ("父が倒れたため、介護をした", None),
    ],
)
def test_the_noun_slot_takes_a_noun_phrase_or_what_the_user_did(
    text: str, noun: str | None
) -> None:
    assert as_noun(analyse(text)) == noun


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("父の介護", "父の介護のため"),
        ("父の介護のため", "父の介護のため"),
        ("遠方なので", "遠方のため"),
        ("勤務地が遠方だから", "勤務地が遠方であるため"),
        ("英語が得意", "英語が得意であるため"),
        ("体調不良でした", "体調不良であったため"),
        ("他社への入社を決めました", "他社への入社を決めたため"),
        ("治療が終わりましたので", "治療が終わったため"),
        ("体調が回復いたしました", "体調が回復したため"),
        ("持病の治療に専念する必要がありましたから", "持病の治療に専念する必要があったため"),
        ("内定をいただいたため", "内定をいただいたため"),
        ("入社を決めたためです", "入社を決めたため"),
        ("内定が取り消されたことから", "内定が取り消されたため"),
        ("問題ございません", "問題ないため"),
        ("行かなかった", "行かなかったため"),
        ("そちらへの入社を選んだため", "そちらへの入社を選んだため"),  # the past だ, no copula
        ("研究に打ち込んだので", "研究に打ち込んだため"),
        ("父が倒れたため、介護が必要になりました", None),  # a story, told as sentences
        ("父が倒れて", None),
    ],
)
def test_the_cause_slot_takes_a_clause_ending_in_tame(text: str, cause: str | None) -> None:
    assert as_cause(analyse(text)) == cause


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("内定が取り消しになった", "内定が取り消しになりました。"),
        ("入社予定の企業が採用を取りやめた", "入社予定の企業が採用を取りやめました。"),
        ("父は元気だ", "父は元気です。"),
        ("勤務地が遠方だった", "勤務地が遠方でした。"),
        ("支障がなかった", "支障がありませんでした。"),
        ("就業に支障はない", "就業に支障はありません。"),
        ("行かなかった", "行きませんでした。"),
        ("論文を読んだ", "論文を読みました。"),
        ("大会で泳いだ", "大会で泳ぎました。"),
        ("内定が取り消されたため", "内定が取り消されました。"),
        (
            "内定をいただきました。その企業が倒産した",
            "内定をいただきました。その企業が倒産しました。",
        ),
        ("体調不良でした父が倒れた", "体調不良でした。父が倒れました。"),
        ("一。二。三。四", None),
        ("父の介護", None),
    ],
)
def test_the_sentence_slot_takes_polite_sentences(text: str, sentences: str | None) -> None:
    assert as_sentences(analyse(text)) == sentences


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("とりあえず御社で働きたい", "checker"),
        ("給料が良い会社に行きたかったから", "wish"),
        ("勤務地が遠いんだ", "explanatory"),
        ("事情が変わったよ", "particle"),
        ("マジで後悔してる", "checker"),
        ("僕の判断でした", "casual"),
        ("本当ですか？", "question"),
        ("<b>強調</b>", "symbol"),
        ("（父の介護", "bracket"),
        ("父の介護。父の介護", "repeat"),
    ],
)
def test_casual_register_is_an_issue(text: str, kind: str) -> None:
    answer = analyse(text)
    assert kind in {issue.kind for issue in answer.issues}
    assert (as_noun(answer), as_cause(answer), as_sentences(answer)) == (None, None, None)


def test_wishes_stated_as_a_thought_are_not_casual() -> None:
    assert analyse("研究を続けたいと考えたため").issues == ()


def test_safe_fixes_are_made_before_the_analysis() -> None:
    assert normalise("お父さんの介護！") == "父の介護。"
    assert normalise("英語,中国語，簿記") == "英語、中国語、簿記"
    assert normalise("ｶﾞｸﾁｶ") == "ガクチカ"
    assert normalise("1,000時間の研修") == "1,000時間の研修"
    assert normalise("内定が取り消された\n父が倒れた") == "内定が取り消された。父が倒れた"


@pytest.mark.parametrize(
    ("text", "slot", "needle"),
    [
        ("在庫管理を研究しました。アルバイトでリーダーをしていました", "noun", "文が2つ"),
        ("英語が得意です", "noun", "名詞の形"),
        ("給料が良い会社に行きたかったから", "cause", "願いの形"),
        ("ちょっと地元で働きたいと思ったので", "cause", "少々"),
        ("父の体調が安定", "sentence", "文として終わっていません"),
        ("内定が取り消されて", "sentence", "「取り消されて」で文が途中で終わって"),
        ("一。二。三。四", "sentence", "3文以内"),
    ],
)
def test_refusals_say_why_and_give_an_example(text: str, slot: str, needle: str) -> None:
    message = refusal(text, slot, "strengths")  # type: ignore[arg-type]
    assert message is not None and needle in message
    assert message.endswith("（例: 機械工学の研究で培った設計の基礎）")


@pytest.mark.parametrize("word", ["第一志望", "滑り止め", "本命"])
def test_words_that_rank_the_company_are_warned_about_not_refused(word: str) -> None:
    text = f"{word}の企業から内定をいただいたため"
    assert refusal(text, "cause", "reason_detail") is None
    (warning,) = warnings_of(text)
    assert f"「{word}」" in warning


# One verb of each conjugation class: plain past, polite past, plain and polite non-past.
VERBS = [
    ("資料を読んだ", "資料を読みました", "資料を読む", "資料を読みます"),
    ("手紙を書いた", "手紙を書きました", "手紙を書く", "手紙を書きます"),
    ("現地に行った", "現地に行きました", "現地に行く", "現地に行きます"),
    ("大会で泳いだ", "大会で泳ぎました", "大会で泳ぐ", "大会で泳ぎます"),
    ("先生と話した", "先生と話しました", "先生と話す", "先生と話します"),
    ("連絡を待った", "連絡を待ちました", "連絡を待つ", "連絡を待ちます"),
    ("先輩を呼んだ", "先輩を呼びました", "先輩を呼ぶ", "先輩を呼びます"),
    ("資格を取った", "資格を取りました", "資格を取る", "資格を取ります"),
    ("教材を買った", "教材を買いました", "教材を買う", "教材を買います"),
    ("進路を決めた", "進路を決めました", "進路を決める", "進路を決めます"),
    ("現場を見た", "現場を見ました", "現場を見る", "現場を見ます"),
    ("研究した", "研究しました", "研究する", "研究します"),
    ("父が来た", "父が来ました", "父が来る", "父が来ます"),
    ("内定をいただいた", "内定をいただきました", "内定をいただく", "内定をいただきます"),
    ("内定が取り消された", "内定が取り消されました", "内定が取り消される", "内定が取り消されます"),
]


@pytest.mark.parametrize(("plain_past", "polite_past", "plain", "polite"), VERBS)
def test_each_conjugation_class_is_restyled_both_ways(
    plain_past: str, polite_past: str, plain: str, polite: str
) -> None:
    assert as_sentences(analyse(plain_past)) == f"{polite_past}。"
    assert as_sentences(analyse(plain)) == f"{polite}。"
    assert as_cause(analyse(polite_past)) == f"{plain_past}ため"
    assert as_cause(analyse(polite)) == f"{plain}ため"
    assert as_cause(analyse(f"{plain_past}ので")) == f"{plain_past}ため"


def test_a_legal_form_outside_the_addressees_name_is_refused() -> None:
    from naitei.check import CheckContext

    context = CheckContext(company_name="株式会社サンプル")
    assert (
        refusal("株式会社サンプルの説明会に参加しました", "sentence", "why_detail", context) is None
    )
    for text in ("株式会社ミライの内定が取り消されました", "父の介護・株式会社"):
        message = refusal(text, "sentence", "why_detail", context)
        assert message is not None and "ほかの会社や法人の名前" in message


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # reader 3, B1: 非常に goes with 悩む, not with 思う or 感じる
        ("やっぱり現場の仕事がしたいとすごく思った", "やはり現場の仕事がしたいと強く思った"),
        ("めっちゃ感じました", "強く感じました"),
        ("すごく悩んだ", "非常に悩んだ"),
        # reader 3, A1: a feeling is stated as what was felt (never 気がした in a letter)
        ("自分に合わない気がしたため", "自分に合わないと感じたため"),
        ("続けられないような気がした", "続けられないと感じた"),
        ("気が引けた", "気が引けた"),
        # reader 3, B10: receiving an offer is no reason to decline; taking it is
        ("第一志望の会社から内定が出たため", "他社の内定をお受けすることにしたため"),
        ("他社の内定が出て、そちらに決めた", "他社からも内定をいただき、そちらに決めた"),
        # reader 3, B9: a bare term is no cause
        ("年収の条件", "年収の条件が折り合わなかった"),
        ("条件面", "条件が折り合わなかった"),
        ("年収の条件が合わなかった", "年収の条件が合わなかった"),
    ],
)
def test_spoken_intensity_and_hedges_are_rewritten_as_a_writer_would(
    text: str, written: str
) -> None:
    assert analyse(text).text == written


def test_the_filler_nanka_is_refused_with_a_hint() -> None:
    message = refusal("なんか自分に合わない気がしたので", "cause", "reason_detail")
    assert message is not None and "なんか" in message and "削り" in message


@pytest.mark.parametrize(
    ("strengths", "said"),
    [
        (["簿記2級の資格", "FP2級の資格"], "簿記2級やFP2級の資格"),  # reader 3, C6
        (["設計の基礎", "接客の経験"], "設計の基礎や、接客の経験"),
        (["機械工学の研究で培った設計の基礎", "品質管理の基礎"], None),
    ],
)
def test_two_strengths_with_one_tail_say_it_once(strengths: list[str], said: str | None) -> None:
    from naitei.compose.sentences import strengths_phrase

    phrase = strengths_phrase(strengths)
    assert phrase == (said or "や、".join(strengths))
