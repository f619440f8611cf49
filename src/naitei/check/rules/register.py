"""Register and honorific misses found by an independent reader (issue 13, §3 and §8).

- weak-honorific: honorific-looking forms that fall short of the respect due to a superior or
  an outsider: おられる (→ いらっしゃる), 〜てくれる for the reader's favour (→ くださる). Data in
  phrases.toml.
- auxiliary-in-kanji (info): 頂く, 下さる, 致す used as auxiliaries (辞退させて頂き, ご確認下さい,
  ご連絡致します) are written in kana by the 公用文 and newspaper conventions; as main verbs
  (お菓子を頂く) they keep their kanji. Data in phrases.toml.
- casual-clause: spoken clause forms in a written message: 〜なくて (かもしれなくて → かもしれず),
  a narrative 〜たら in a sentence about the past (よく考えたら → よく考えたところ), a plain
  volitional inside a reason (他社にしようと思ったため).
- plain-node / plain-node-formal: a plain form before ので (不安だったので) in an email (info)
  or in a letter or a text opened with a 頭語 (warning); polite forms (ましたので, ですので) are
  fine.
- headless-reason: a sentence that ends in 〜ためでした／〜ためです with nothing saying what it
  is the reason for (no 「…のは、」, no topic), opening a paragraph or following a sentence that
  states no act (an apology, a request).

Every check is gated on a substring before any scan, so a text without the trigger costs one
``in`` per check.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document, Sentence
from naitei.check.model import Finding
from naitei.check.rules.phrases import scan
from naitei.precompiled import regex

RULES = (
    "weak-honorific",
    "auxiliary-in-kanji",
    "casual-clause",
    "plain-node",
    "plain-node-formal",
    "headless-reason",
)
_PHRASE_RULES = frozenset({"weak-honorific", "auxiliary-in-kanji"})

# 〜なくて: a negative te-form joining two clauses (speech); not なくても, なくては.
_NAKUTE = regex(r"(?<=.)なくて(?![もはよ])")
# Adjectives that end in ない (もったいない, だらしない, 情けない): their なくて is no verb's negative.
_ADJECTIVE_NAI = regex(
    r"(?:もったい|頼り|たより|だらし|はか|情け|なさけ|あっけ|そっけ|申し訳|味気|切|少|危|幼|おさ"
    r"|ぎこち|やるせ|心もと|何気|なにげ|さりげ|大人げ|仕方|しかた|しょうが|つまら|せわし|えげつ)$"
)
# A narrative 〜たら (考えたら, 読んだら) after a plain past: not the polite ましたら/でしたら.
_TARA = regex(r"(?<!まし)(?<!でし)(?<!かっ)(?<![ぁ-ゖ]た)(?P<hit>たら|だら)(?![なずれせ])")
_PAST_END = regex(r"(?:ました|でした)[。！]?$")
# A plain volitional + と思う/考える (しようと思った, 入ろうと考えた).
_VOLITIONAL = regex(
    r"(?:[こそとのもろごぼ]う|[えけせてねべめれいきしちにびみりじぎ]よう)と(?:考え|思)"
)
_REASON = regex(r"ため|ので|から")
# A plain form before ので: not ます/です/ません/ました/でした/ございます, not もので, のであれば,
# のでしょうか, のでは, のです.
# The literal comes first, so that the search skips to each ので (the conditions look back).
_NODE = regex(
    r"ので(?<=[ぁ-ゖ一-龥]ので)(?<!ますので)(?<!ですので)(?<!ませんので)(?<!ましたので)"
    r"(?<!でしたので)(?<![もん]ので)(?!しょう|す|は|ご|あれ|あろ)"
)
_HEAD_WORDS = ("拝啓", "謹啓", "拝復", "前略", "啓上", "粛啓")
_HEADLESS = regex(r"(?:ため|から)(?:でした|です|でございます)[。]?$")
_TOPIC = regex(r"は|も、|のが|なぜなら|というのも|と申しますのも")
# A sentence after which a bare reason does not read as that sentence's reason.
_NOT_EXPLAINED = regex(
    r"(?:申し上げます|申し訳(?:ございません|ありません)(?:でした)?|失礼いたしました"
    r"|承知しております|反省しております|存じます|ください|でしょうか)[。！]?$"
)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    phrase_rules = active & _PHRASE_RULES
    if phrase_rules:
        for finding in scan(doc, phrase_rules):
            if not doc.spoken_by_others(finding.start):
                yield finding
    if not doc.written:
        return
    text = doc.own_text
    if "casual-clause" in active and (
        "なくて" in text or "たら" in text or "だら" in text or "うと" in text
    ):
        yield from _casual(doc, text)
    if "ので" in text and active & {"plain-node", "plain-node-formal"}:
        yield from _node(doc, text, active)
    if "headless-reason" in active and ("ためで" in text or "からで" in text):
        yield from _headless(doc)


def _casual(doc: Document, text: str) -> Iterator[Finding]:
    info = rule_info("casual-clause")
    if "なくて" in text:
        for match in _NAKUTE.finditer(text):
            start, end = match.start(), match.end()
            before = text[start - 1]
            if before in "くっ" or not ("\u3041" <= before <= "\u309f" or before == "ー"):
                continue  # よくなくて (an adjective), 少なくて (a kanji stem): not a verb's
            if _ADJECTIVE_NAI.search(text[max(0, start - 6) : start]) or _quoted(text, start):
                continue  # もったいなくて, だらしなくて: an adjective; 「…」: someone's words
            if before in "がはもで":
                suggestion = "なく"
            elif before == "し":
                start, suggestion = start - 1, "せず"
            elif before == "ゃ" and text[start - 2 : start] == "じゃ":
                start, suggestion = start - 2, "ではなく"
            else:
                suggestion = "ず"
            found = text[start:end]
            message = info.say(found=found, suggestion=suggestion)
            yield doc.finding("casual-clause", start, end, message, suggestion)
    if "たら" in text or "だら" in text:
        for sentence in doc.sentences:
            if "ら" not in sentence.text or not _PAST_END.search(sentence.text):
                continue
            for match in _TARA.finditer(sentence.text):
                if _quoted(sentence.text, match.start()):
                    continue  # 「気持ちが変わったら…」: someone else's words
                start = sentence.start + match.start("hit")
                hit = match["hit"]
                suggestion = hit[0] + "ところ"
                message = info.say(found=hit, suggestion=f"〜{suggestion}")
                yield doc.finding("casual-clause", start, start + len(hit), message, suggestion)
    if "うと" in text:
        for sentence in doc.sentences:
            if "うと" not in sentence.text or not _REASON.search(sentence.text):
                continue
            for match in _VOLITIONAL.finditer(sentence.text):
                start = sentence.start + match.start()
                found = match.group()
                message = info.say(found=found, suggestion="〜することにした・〜を決めた")
                yield doc.finding(
                    "casual-clause", start, start + len(found), message, None, fixable=False
                )


def _quoted(text: str, offset: int) -> bool:
    """Is ``offset`` inside 「…」 (an open bracket before it, not closed)?"""
    return text.rfind("「", 0, offset) > text.rfind("」", 0, offset)


_READING = regex(r"[ぁ-ゖァ-ヺー・ \u3000]")


def _reading(text: str, offset: int) -> bool:
    """Is ``offset`` inside a run of kana set apart as a reading: in brackets （おのでら みさき）,
    or a line of kana words alone (おのでら みさき under the name)?"""
    start = offset
    while start > 0 and _READING.fullmatch(text[start - 1]):
        start -= 1
    end = offset
    while end < len(text) and _READING.fullmatch(text[end]):
        end += 1
    opened = text[start - 1] if start else "\n"
    closed = text[end] if end < len(text) else "\n"
    if (opened, closed) in (("（", "）"), ("(", ")")):
        return True
    words = text[start:end].strip(" \u3000")
    return (opened, closed) == ("\n", "\n") and (" " in words or "\u3000" in words)


def _formal(doc: Document) -> bool:
    """A letter, or a text opened with a 頭語 (拝啓…敬具 in an email too)."""
    if doc.kind == "letter":
        return True
    head = doc.text[:400]
    return any(word in head for word in _HEAD_WORDS)


def _node(doc: Document, text: str, active: frozenset[str]) -> Iterator[Finding]:
    rule = "plain-node-formal" if _formal(doc) else "plain-node"
    if rule not in active:
        return
    info = rule_info(rule)
    for match in _NODE.finditer(text):
        if _reading(text, match.start()):
            continue  # 小野寺 美咲（おのでら みさき）: a name's reading, no ので (reader 4, C1)
        # The clause before ので, at most 12 characters back (不安だったので).
        start = match.start() - 1  # the character before ので
        clause = max(text.rfind(mark, 0, start) for mark in "、。\n") + 1
        run = max(clause, start - 15)
        found = text[run : match.end()]
        yield doc.finding(rule, run, match.end(), info.say(found=found), None)


def _headless(doc: Document) -> Iterator[Finding]:
    info = rule_info("headless-reason")
    sentences = doc.sentences
    text = doc.text
    for number, sentence in enumerate(sentences):
        body = sentence.text
        ending = _HEADLESS.search(body)
        if ending is None or _TOPIC.search(body[: ending.start()]):
            continue
        if doc.spoken_by_others(sentence.start):
            continue
        if number > 0 and _explains_previous(text, sentences[number - 1], sentence):
            continue  # 辞退いたしました。家族の事情のためです。: the reason of that act
        found = body[ending.start() :].rstrip("。")
        message = info.say(found=f"〜{found}")
        start = sentence.start + ending.start()
        yield doc.finding("headless-reason", start, start + len(found), message, None)


def _explains_previous(text: str, previous: Sentence, sentence: Sentence) -> bool:
    """Does ``sentence`` follow, in the same paragraph, a sentence it can be the reason of
    (an act or a decision, not an apology or a request)?"""
    between = text[previous.end : sentence.start]
    if between.count("\n") > 1:
        return False  # a blank line: a new paragraph
    return _NOT_EXPLAINED.search(previous.text) is None
