"""A company's reply: labelled for the client, routed to a lawyer when it raises money or a claim."""

from __future__ import annotations

import pytest

from naitei.messenger.replies import classify

TABLE = [
    ("辞退の件、承知いたしました。山田様のご活躍をお祈りしております。", "acknowledged"),
    ("大変残念ですが、ご辞退の件、承りました。", "acknowledged"),
    ("承知しました。つきましては、内定承諾書をご返送ください。", "acknowledged"),
    ("お手数ですが、辞退届をご提出ください。", "documents"),
    ("恐れ入りますが、ご本人から直接お電話をいただけますでしょうか。", "direct_contact"),
    ("代理の方からのご連絡はお受けできかねます。", "direct_contact"),
    ("一度、山田様と直接お話しさせていただけませんか。", "direct_contact"),
    ("大変残念です。もう一度ご検討いただけないでしょうか。", "retention"),
    ("配属先の希望を伺ったうえで、再考いただくことはできませんか。", "retention"),
    ("入社前研修の費用について、ご本人に請求させていただきます。", "legal"),
    ("内定承諾後の辞退ですので、損害賠償を検討しております。", "legal"),
    ("承知しました。なお、支度金は返還していただく必要があります。", "legal"),
    ("このような辞退は誓約書違反であり、法的措置も辞さない考えです。", "legal"),
    ("承知いたしました。交通費のご請求はございませんので、ご安心ください。", "acknowledged"),
    ("損害賠償を求めることはございません。承知いたしました。", "acknowledged"),
    ("辞退の理由を教えていただけますか？", "question"),
    ("ご連絡ありがとうございます。", "unclear"),
]


@pytest.mark.parametrize(("text", "outcome"), TABLE)
def test_each_reply_gets_its_outcome(text: str, outcome: str) -> None:
    assert classify(text).outcome == outcome, classify(text).to_dict()


def test_a_legal_reply_carries_the_note_for_the_client() -> None:
    reply = classify("違約金として10万円をお支払いください。")
    assert reply.needs_lawyer and reply.raised == ("money",)
    assert reply.note is not None and "弁護士" in reply.note


def test_other_cues_are_kept_beside_the_outcome() -> None:
    reply = classify("承知いたしました。辞退届をご返送いただけますか？")
    assert reply.outcome == "acknowledged"
    assert reply.flags == ("acknowledged", "documents", "question")
    assert reply.note is None
