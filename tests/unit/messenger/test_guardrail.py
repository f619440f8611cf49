"""The 非弁 guardrail: a table of messages a messenger may and may not send."""

from __future__ import annotations

import pytest

from naitei.messenger.guardrail import guardrail, raised_in, screen, sources

BLOCKED = [
    # negotiation
    ("来年度の採用でご検討いただけないでしょうか。", "negotiation"),
    ("次年度の選考で、改めてご本人をご検討いただけますと幸いです。", "negotiation"),
    ("入社を1年遅らせることはできますでしょうか。", "negotiation"),
    ("入社時期を秋にずらしていただければ、お受けできるかもしれません。", "negotiation"),
    ("給与面で再提示をいただければ、ご本人も再考されるかもしれません。", "negotiation"),
    ("勤務地の変更が可能であれば、入社を考えたいとのことです。", "negotiation"),
    ("年収を上乗せしていただけるなら話は別です。", "negotiation"),
    ("ご本人を説得してみます。", "negotiation"),
    ("条件について交渉させていただけますか。", "negotiation"),
    # money
    ("お支払いについて一切応じないとのことです。", "money"),
    ("違約金はお支払いできません。", "money"),
    ("損害賠償のご請求には応じかねます。", "money"),
    ("研修費は返金いたします。", "money"),
    ("交通費はご本人が負担いたします。", "money"),
    ("支度金の返還について、ご相談させてください。", "money"),
    ("違約金の件は承知しました。", "money"),
    # dispute
    ("ご要望には一切応じかねます。", "dispute"),
    ("この件は調停で解決したいと考えております。", "dispute"),
    # threat
    ("このままでは出るところに出ることになります。", "threat"),
    ("対応によってはしかるべき措置を検討いたします。", "threat"),
    ("労働基準監督署に相談いたします。", "threat"),
    ("SNSで公表することも考えております。", "threat"),
    # legal claim
    ("そのご要求は法令違反です。", "legal_claim"),
    ("内定辞退を認めないのは違法です。", "legal_claim"),
    ("ご本人には辞退する権利があります。", "legal_claim"),
    ("民法第627条により、二週間で契約は終了します。", "legal_claim"),
    ("誓約書は無効です。", "legal_claim"),
    # legal opinion
    ("法的には問題ないと考えます。", "legal_opinion"),
    ("違約金を支払う必要はありません。", "legal_opinion"),
    ("その請求は認められないと思います。", "legal_opinion"),
]

ALLOWED = [
    "違約金についてのお話は、ご本人にそのままお伝えいたします。",
    "損害賠償のお話があったことは、山田様にそのままお伝えいたします。",
    "その点につきましては、私からはお答えいたしかねます。ご本人にそのままお伝えいたします。",
    "山田様は、熟慮の末、貴社の内定を辞退させていただきたいとのことです。",
    "お返事やご質問は、そのまま山田様にお伝えいたします。",
    "内定のご連絡をいただいたことに、心より感謝申し上げます。",
    "来年4月のご入社に向けてご準備いただいていたところ、誠に申し訳ございません。",
    "条件面を含めて熟慮を重ねた結果、辞退するという結論に至りました。",
    "委任状を添付いたしましたので、ご確認くださいますようお願い申し上げます。",
    "お手続きに必要な書類がございましたら、山田様にお伝えいたします。",
]


@pytest.mark.parametrize(("text", "category"), BLOCKED)
def test_blocks_what_goes_beyond_conveying(text: str, category: str) -> None:
    result = screen(text)
    assert result.blocked, text
    assert category in result.categories, (text, result.categories)


@pytest.mark.parametrize("text", ALLOWED)
def test_allows_conveying_the_clients_intent(text: str) -> None:
    assert screen(text).hits == ()


def test_conveying_does_not_excuse_an_act() -> None:
    # Passing a stance on money on is still taking it: only a topic is excused.
    result = screen("お支払いについて一切応じない旨、ご本人にそのままお伝えいたします。")
    assert result.blocked
    assert {"money", "dispute"} <= set(result.categories)


def test_hit_points_at_the_words_and_names_the_law() -> None:
    text = "お世話になっております。来年度の採用でご検討ください。"
    (hit,) = screen(text).hits
    assert text[hit.start : hit.end] == hit.found
    assert hit.found.startswith("来年度")
    assert "弁護士法第72条" in hit.source


def test_every_rule_has_a_legal_source() -> None:
    assert all(rule.source.url.startswith("https://") for rule in guardrail().rules)
    assert any("第72条" in source.title for source in sources())


def test_a_blocked_screening_offers_the_lawyer_referral() -> None:
    data = screen("違約金はお支払いできません。").to_dict()
    assert data["blocked"] is True
    assert "弁護士" in data["referral"]
    assert screen("承知いたしました。").to_dict()["referral"] is None


def test_a_reply_raising_money_is_found_even_when_phrased_as_information() -> None:
    assert raised_in("入社前研修の費用について、ご本人に請求させていただきます。") == ("money",)
    assert raised_in("承知いたしました。ご本人によろしくお伝えください。") == ()
