"""style-mix and repeated-ending read a sentence's ending from its tokens, except where the
text alone settles it: a polite tail (ます, でした …), or a sentence that can be neither polite
nor plain (no ます, まし, ませ, です, でし in it; its last character a kanji, or its last word
ください). The gate must give the ending the tokens give: the same style and the same end (the
only fields style-mix and repeated-ending read of a non-plain ending)."""

from __future__ import annotations

import pytest

from naitei.check.document import Document
from naitei.check.rules import style
from tests.unit.check.corpus_eval import load_drafts

_TRICKY = [
    "氏名：小林美咲（こばやし みさき）",
    "以上。",
    "お手数ですがご確認ください。",
    "資料をお送りしますので、ご確認ください。",
    "至急ご連絡ください。",
    "見ないでください。",
    "拝見させてください。",
    "お待ちくださいませ。",
    "ご査収くださいますようお願い申し上げます時。",
    "ご連絡いたします時。",
    "明日伺います際。",
    "私が行く時。",
    "父が反対した件。",
    "本当に残念だ。",
    "内定を辞退した理由。",
    "ご検討のほど。",
    "面接は十時から。",
    "株式会社さくら出版。",
    "大学４年（PDF）",
    "会場は東京本社！",
    "電話番号は03-1234-5678。",
    "よろしくお願いしますネ。",
]


def _by_tokens(doc: Document) -> list[tuple[str, int] | None]:
    """The endings read from the tokens for every sentence the fast paths would read."""
    fast = style._endings(doc)
    reference = []
    for ending in fast:
        if ending is None:
            reference.append(None)
            continue
        sentence = next(s for s in doc.sentences if s.start <= ending.end - 1 < s.end)
        body_end = sentence.start + len(sentence.text.rstrip("」』）)").rstrip("。！？!?"))
        read = style._ending(doc.tokens_at(sentence.start), sentence.start, body_end)
        reference.append(None if read is None else (read.style, read.end))
    return reference


def _pairs(text: str) -> tuple[list[tuple[str, int] | None], list[tuple[str, int] | None]]:
    """The neutral endings (those the gate gives, and those read from tokens anyway) and what
    the tokens give for the same sentences. (The older polite fast path ends a polite ending
    at the 。 even after a 終助詞; repeated-ending reads it so, and it is not compared here.)"""
    doc = Document(text, "email", "withdraw", None)
    fast = [None if e is None else (e.style, e.end) for e in style._endings(doc)]
    tokens = _by_tokens(doc)
    kept = [i for i, e in enumerate(fast) if e is not None and e[0] == "neutral"]
    return [fast[i] for i in kept], [tokens[i] for i in kept]


@pytest.mark.parametrize("sentence", _TRICKY)
def test_the_gate_gives_the_ending_the_tokens_give(sentence: str) -> None:
    fast, tokens = _pairs(sentence)
    assert fast == tokens


def test_a_name_and_a_request_need_no_tokens() -> None:
    doc = Document("山田太郎。\nご確認ください。", "email", "withdraw", None)
    endings = style._endings(doc)
    assert [e.style for e in endings if e is not None] == ["neutral", "neutral"]
    assert doc._segments == {}  # nothing was tokenized


def test_a_polite_auxiliary_inside_still_reads_the_tokens() -> None:
    """ます before a final kanji: the gate cannot rule out a polite chain, the tokens decide."""
    for text in ("ご連絡いたします時。", "お待ちしております件。", "拝見しました資料。"):
        doc = Document(text, "email", "withdraw", None)
        style._endings(doc)
        assert doc._segments, text  # read from the tokens


def test_every_corpus_sentence_gets_the_ending_its_tokens_give() -> None:
    for draft in load_drafts():
        fast, tokens = _pairs(draft.text)
        assert fast == tokens, draft.id
