"""The rule families of issue 13: keigo pointed the wrong way, words rude to a superior,
titles, the form of a letter, れ足す and い抜き, ？, repeated sentences, leftover names."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text
from naitei.check.data import rule_infos


def found(text: str, rule: str, kind: str = "email") -> list[tuple[str, str | None]]:
    report = check_text(text, kind)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("佐藤様が申されたとおりです。", "申され"),
        ("明日は佐藤様も参られますか。", "参られ"),
        ("資料を拝見されましたか。", "拝見され"),
        ("佐藤様が伺われた件について", "伺われ"),
        ("田村がおっしゃっていました。", "おっしゃっていました"),
        ("弊社の田村がいらっしゃいます。", "いらっしゃいます"),
        ("父がおっしゃるには、地元で働くのがよいとのことでした。", "おっしゃる"),
        ("佐藤様が申しておりました。", "申しておりました"),
        ("佐藤様は明日おりますか。", "おります"),
        ("佐藤様がお話しした内容を覚えております。", "お話しし"),
        ("明日、貴社へ来させていただきます。", "来させて"),
    ],
)
def test_keigo_pointed_the_wrong_way(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "honorific-direction")] == [span]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("当日は印鑑をご持参してください。", "ご持参して", "ご持参"),
        ("内容をご確認してください。", "ご確認して", "ご確認"),
        ("資料をお送りしていただけますか。", "お送りして", "お送り"),
    ],
)
def test_humble_form_in_a_request_is_fixed(text: str, span: str, fix: str) -> None:
    assert found(text, "honorific-direction") == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "山田が申しておりました。",
        "私もお伺いします。",  # 『敬語の指針』: accepted by custom
        "佐藤様がお見えになりました。",
        "佐藤様がお召し上がりになりました。",
        "佐藤様からご連絡をいただきました。",
        "私がご説明いたします。",
        "努力の跡が伺われる。",  # 伺われる = "can be seen"
        "佐藤様がおっしゃったとおり、私が申し上げます。",
        "ご迷惑をおかけしてしまい、申し訳ございません。",
        "ご家族がおっしゃるとおりです。",
        "佐藤様はおられますか。",
        "私は佐藤様がおっしゃった件を覚えております。",
    ],
)
def test_keigo_pointed_the_right_way_is_not_flagged(text: str) -> None:
    assert found(text, "honorific-direction") == []


def test_the_other_partys_lines_of_a_script_are_not_judged() -> None:
    text = "受付：田村がおっしゃっていました。\n自分：承知いたしました。"
    assert found(text, "honorific-direction", "phone") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("強みを活かせれると考えております。", "活かせれる", "活かせる"),
        ("すぐに書けれる状態です。", "書けれる", "書ける"),
        ("明日なら行けれます。", "行けれ", "行け"),
        ("英語も話せれないわけではありません。", "話せれ", "話せ"),
    ],
)
def test_re_insertion_drops_the_extra_re(text: str, span: str, fix: str) -> None:
    assert found(text, "re-insertion") == [(span, fix)]
    assert found(text, "ra-omission") == []  # not called ら抜き any more


@pytest.mark.parametrize("text", ["行ければ幸いです。", "経験を活かせる仕事です。", "書けます。"])
def test_potentials_without_an_extra_re_are_correct(text: str) -> None:
    assert found(text, "re-insertion") == []


def test_ichidan_verbs_with_re_stay_ra_omission() -> None:
    assert found("資料を見せれる状態です。", "ra-omission") == [("見せれる", "見せられる")]
    assert found("資料を見せれる状態です。", "re-insertion") == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [("そのように思ってます。", "てい"), ("現在も就職活動をしてます。", "てい")],
)
def test_i_omission_in_writing(text: str, fix: str) -> None:
    assert [f for _, f in found(text, "i-omission")] == [fix]
    assert found(text, "i-omission", "phone") == []  # speech: not flagged


def test_te_iru_and_te_oru_are_fine() -> None:
    assert found("そのように思っております。現在も活動しています。", "i-omission") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("面接でのご対応、ご苦労様です。", "ご苦労様です"),
        ("お話は大変参考になりました。", "大変参考になりました"),
        ("佐藤様のお話に感心しました。", "感心しました"),
        ("なるほどです。承知いたしました。", "なるほどです"),
        ("面接を受けさせてもらいました。", "させてもらい"),
        ("ご提示の日程で大丈夫です。", "大丈夫です"),
    ],
)
def test_words_rude_to_a_superior(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "rude-to-superior")] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "お疲れ様です。大変勉強になりました。",
        "佐藤様のお話に感銘を受けました。",
        "面接を受けさせていただきました。",
        "ご提示の日程で差し支えございません。",
        "ご体調は大丈夫でしょうか。",
        "苦労しましたが、よい経験になりました。",
    ],
)
def test_polite_alternatives_are_fine(text: str) -> None:
    assert found(text, "rude-to-superior") == []


def test_question_mark_in_writing_only() -> None:
    assert found("ご都合はいかがでしょうか？", "question-mark") == [("？", "。")]
    assert found("ご都合はいかがでしょうか？", "question-mark", "phone") == []
    assert found("https://example.jp/?id=3 をご覧ください。", "question-mark") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("貴社様の説明会に参加しました。", "貴社様", "貴社"),
        ("貴行様のご発展を祈念いたします。", "貴行様", "貴行"),
        ("関係者各位様", "各位様", "各位"),
        ("株式会社サンプル 人事部 御中 殿", "御中 殿", "御中"),
    ],
)
def test_stacked_titles(text: str, span: str, fix: str) -> None:
    assert found(text, "honorific-title") == [(span, fix)]


@pytest.mark.parametrize("text", ["御社殿の修繕", "御園様にお会いしました。", "皆様のおかげです。"])
def test_words_that_only_look_like_stacked_titles(text: str) -> None:
    assert found(text, "honorific-title") == []


def test_tono_to_a_recruiter() -> None:
    assert found("株式会社サンプル\n人事部長殿\n", "tono-in-recruiting") == [("殿", "様")]
    assert found("採用ご担当 佐藤殿、先日は", "tono-in-recruiting") == [("殿", "様")]
    assert found("京都の宮殿、御殿、", "tono-in-recruiting") == []


LETTER = "株式会社サンプル\n人事部 御中\n\n{head}　本文です。\n\n{closing}\n"


@pytest.mark.parametrize(
    ("head", "closing", "rule"),
    [
        ("拝啓", "草々", "salutation-mismatch"),
        ("前略", "敬具", "salutation-mismatch"),
        ("謹啓", "早々", "salutation-mismatch"),
        ("拝啓", "よろしくお願いいたします。", "salutation-missing"),
    ],
)
def test_salutations_that_do_not_pair(head: str, closing: str, rule: str) -> None:
    assert found(LETTER.format(head=head, closing=closing), rule, "letter")


@pytest.mark.parametrize(
    ("head", "closing"),
    [("拝啓", "敬具"), ("謹啓", "謹白"), ("前略", "草々"), ("拝復", "敬具"), ("謹啓", "敬具")],
)
def test_salutations_that_pair(head: str, closing: str) -> None:
    text = LETTER.format(head=head, closing=closing)
    assert found(text, "salutation-mismatch", "letter") == []
    assert found(text, "salutation-missing", "letter") == []


def test_closing_without_opening() -> None:
    text = "株式会社サンプル\n人事部 御中\n\n本文です。\n敬具\n"
    assert found(text, "salutation-missing") == [("敬具", None)]


def test_ki_needs_ijo() -> None:
    base = "株式会社サンプル\n人事部 御中\n\n拝啓　本文です。\n\n敬具\n\n記\n一、内定承諾書\n"
    assert found(base, "ki-without-ijo", "letter") == [("記", None)]
    assert found(base + "\n以上\n", "ki-without-ijo", "letter") == []


@pytest.mark.parametrize(
    ("date", "greeting", "flagged"),
    [
        ("2026年8月3日", "新緑の候", True),
        ("令和八年五月十日", "新緑の候", False),
        ("2026年12月21日", "師走の候", False),
        ("2027年1月4日", "師走の候", True),
        ("2027年1月4日", "新春の候", False),
        ("２０２６年１１月２日", "晩秋の候", False),
    ],
)
def test_season_greeting_against_the_date(date: str, greeting: str, flagged: bool) -> None:
    text = f"{date}\n株式会社サンプル\n人事部 御中\n\n拝啓　{greeting}、貴社ますますご清栄のことと存じます。\n\n敬具\n"
    assert bool(found(text, "season-mismatch", "letter")) is flagged


def test_season_greeting_without_a_date_is_not_judged() -> None:
    text = "株式会社サンプル\n人事部 御中\n\n拝啓　新緑の候、貴社ますますご清栄のことと存じます。\n\n敬具\n"
    assert found(text, "season-mismatch", "letter") == []


def test_repeated_sentence() -> None:
    line = "先日は面接の機会をいただき、ありがとうございました。"
    assert found(f"{line}\n{line}\n", "repeated-sentence") == [(line, None)]
    assert found(f"{line}\n> {line}\n", "repeated-sentence") == []  # a quoted reply
    assert found("以上です。\n以上です。\n", "repeated-sentence") == []  # short formulas


ADDRESSED = "株式会社やまびこ製菓\n人事部 御中\n\n"


@pytest.mark.parametrize(
    "body",
    [
        "先日、株式会社みなと精機様より内定のご連絡をいただきました。",
        "株式会社みなと精機の一員として貢献したいと考えております。",
    ],
)
def test_leftover_organisation_treated_as_the_reader(body: str) -> None:
    assert found(ADDRESSED + body, "other-organisation") == [("株式会社みなと精機", None)]


@pytest.mark.parametrize(
    "body",
    [
        "株式会社みなと精機から内定をいただき、辞退を決めました。",
        "他社から内定をいただきました。",
        "株式会社やまびこ製菓の一員として働きたく存じます。",
    ],
)
def test_other_company_named_as_a_fact_is_fine(body: str) -> None:
    assert found(ADDRESSED + body, "other-organisation") == []


def test_leftover_organisation_is_left_to_the_case_when_there_is_one() -> None:
    context = CheckContext(company_name="株式会社やまびこ製菓")
    text = ADDRESSED + "株式会社みなと精機様より内定のご連絡をいただきました。"
    report = check_text(text, "email", context=context)
    assert "other-organisation" not in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("ご住所はこちらで宜しかったでしょうか。", "宜しかった"),
        ("入社は4月1日の予定になります。", "になります"),
        ("添付の書類は、承諾書の控えを写したものになります。", "になります"),
    ],
)
def test_baito_keigo_siblings(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "baito-keigo")] == [span]


def test_ni_narimasu_that_means_become_is_fine() -> None:
    assert found("4月から社会人になります。辞退することになります。", "baito-keigo") == []


def test_yaku_with_a_range_and_hodo() -> None:
    assert found("約15分から20分ほどお時間をいただけますか。", "redundant-expression")


def test_demo_without_a_comma_at_the_start_of_a_sentence() -> None:
    assert found("辞退しました。でもそれは本意ではありません。", "casual-word")
    assert found("いつでもご連絡ください。", "casual-word") == []


@pytest.mark.parametrize(
    "text",
    [
        "その後、入社を予定していた企業から、業績悪化を理由に内定を取り消されました。",
        "辞退を申し上げたのは、進学を考えていたためでした。",
        "お詫びとお願いを書面でもお伝えしたく、筆を執りました。",
    ],
)
def test_doubled_joshi_across_clauses_is_natural(text: str) -> None:
    assert found(text, "doubled-joshi") == []


def test_fix_flag_marks_safe_replacements() -> None:
    infos = rule_infos()
    assert infos["re-insertion"].fix and infos["honorific-title"].fix
    assert not infos["honorific-direction"].fix  # whose action it is: no literal fix


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("受付で伺ってください。", "伺ってください"),
        ("受付でお伺いください。", "お伺いください"),
        ("資料を拝見してください。", "拝見してください"),
        ("部長の田村にお伝えします。", "お伝えし"),
        ("父にご相談したところ、賛成してくれました。", "ご相談し"),
    ],
)
def test_humble_verbs_asked_of_the_reader_or_raising_ones_own_side(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "honorific-direction")] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "お気軽にお申し付けください。",
        "ご不明点はお申し出ください。",
        "佐藤様にお伝えします。",
        "私にご連絡ください。",
        "貴行に伺い、直接お詫びを申し上げたく存じます。",
        "家族に相談しました。",
    ],
)
def test_requests_and_targets_pointed_the_right_way(text: str) -> None:
    assert found(text, "honorific-direction") == []


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("略儀ながら本状にてお詫び申し上げます。", "email", "本状"),
        ("メールにて失礼いたします。", "letter", "メールにて失礼"),
        ("書中をもちましてお詫び申し上げます。", "phone", "書中をもちまして"),
    ],
)
def test_medium_contradiction(text: str, kind: str, span: str) -> None:
    assert [s for s, _ in found(text, "medium-contradiction", kind)] == [span]


def test_a_plan_for_another_medium_is_not_a_contradiction() -> None:
    assert found("改めて書面にてお詫び申し上げます。", "medium-contradiction") == []
    assert (
        found("略儀ながら書中をもちましてお願い申し上げます。", "medium-contradiction", "letter")
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年12月15日（水）に伺います。", ["火"]),
        ("2026年12月15日（火）に伺います。", []),
        ("令和8年12月21日\n1月5日（火）はいかがでしょうか。", []),  # the next year
        ("12月15日（火）に伺います。12月15日（水）で確定です。", ["火"]),
        ("12月15日（火）と12月16日（水）が候補です。", []),  # no year: nothing to say
    ],
)
def test_weekday_against_the_calendar(text: str, expected: list[str]) -> None:
    assert [fix for _, fix in found(text, "weekday-mismatch")] == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("面接の持ち物をご教授いただけますでしょうか。", "ご教授"),
        ("的を得たご指摘をいただきました。", "的を得"),
        ("入社後は汚名挽回に努めます。", "汚名挽回"),
        ("私には役不足かもしれませんが、精一杯努めます。", "役不足"),
    ],
)
def test_word_confusion(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "word-confusion")] == [span]


def test_word_confusion_leaves_the_right_words_alone() -> None:
    text = "長年のご教授に感謝しております。的を射たご指摘でした。彼には役不足の仕事です。"
    assert found(text, "word-confusion") == []


def test_zenryaku_to_an_employer() -> None:
    text = LETTER.format(head="前略", closing="草々")
    assert found(text, "zenryaku-to-employer", "letter") == [("前略", "拝啓")]
    assert found(LETTER.format(head="拝啓", closing="敬具"), "zenryaku-to-employer", "letter") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "母がお見えになりました。",
            "お見えになり",
        ),  # accepted by custom, but not for one's mother
        ("受付で伺ってもらえますか。", "伺ってもらえ"),
        ("部長の鈴木がご覧になっていました。", "ご覧になっ"),
        ("当社の社長がおっしゃいました。", "おっしゃいました"),
    ],
)
def test_direction_by_the_side_not_by_the_word(text: str, span: str) -> None:
    assert [s for s, _ in found(text, "honorific-direction")] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "面接官の方がおっしゃっていた内容です。",
        "兄が申し上げたとおりです。",  # 申し上げる raises the reader, whom the brother addressed
        "私の考えが至りませんでした。",
    ],
)
def test_direction_keeps_the_right_readings(text: str) -> None:
    assert found(text, "honorific-direction") == []
