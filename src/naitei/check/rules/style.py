"""Style across sentences: style-mix, long-sentence, repeated-ending, doubled-joshi.

A sentence's ending is read from its last tokens (before 。！？ and any 終助詞 か・ね・よ):
polite when its predicate carries ます or です (いたしました, でしょうか, ございません),
plain when it ends on a 終止形 without them (思う, である, だ, した, ない). Nouns
(体言止め: 以上。) and requests (ください。) count as neither.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.tokenizer import POS, Tokens, pos_ids
from naitei.precompiled import regex

RULES = ("style-mix", "long-sentence", "repeated-ending", "doubled-joshi")

_LONG = 80
_REPEAT = 3
_SAME = 5  # characters of the ending compared by repeated-ending
# Fixed closing and greeting sentences: nobody varies them, so they end no run. (A suffix
# test, one C call per ending, where a regex search ending in $ was tried at 24 positions.)
_FORMULA = (
    "よろしくお願いいたします",
    "よろしくお願い申し上げます",
    "よろしくお願いします",
    "失礼いたします",
    "お世話になっております",
    "ありがとうございます",
    "ありがとうございました",
    "お祈り申し上げます",
    "お慶び申し上げます",
    "お喜び申し上げます",
)
_POLITE = frozenset({"ます", "まし", "ませ", "ましょ", "です", "でし", "でしょ"})
_PLAIN_AUX = frozenset({"だ", "た", "ない", "ぬ", "う", "よう", "たい", "まい", "らしい"})
_PLAIN_FIX = (("であった", "でした"), ("だった", "でした"), ("である", "です"), ("だ", "です"))
_JOSHI_CHARS = regex("[がをは]")
# The same particle character twice with no 、 and no sentence end between.
_REPEATED_JOSHI = regex(r"([がをは])[^、。！？!?\n]*?\1")
# Most sentences of a business message end politely: recognised without the tokens.
# (A suffix test, not a regex search: one C call per sentence.)
_POLITE_TAIL = tuple(
    ending + particle
    for ending in (
        "ます",
        "ました",
        "ません",
        "ませんでした",
        "ましょう",
        "です",
        "でした",
        "でしょう",
    )
    for particle in ("", "か", "ね", "よ")
)
# A sentence whose predicate can be neither polite nor plain, recognised without the tokens:
# no polite auxiliary can be among its tokens (none of ます, まし, ませ, です, でし occurs in it:
# the polite test needs a token written so), and its last token ends in a kanji (a name, 以上,
# 氏名：小林美咲) or is ください (下さる, 命令形), which no plain test accepts (a 終止形 verb or
# adjective ends in kana, and so do the plain auxiliaries).
_POLITE_INSIDE = regex("ま[すしせ]|で[すし]")
# Stage directions and notes in a script: （不在の場合）, 【確認事項】.
_TERMINAL_OR_CLOSING = frozenset("。！？!?」』）)")
_BRACKETS = frozenset("（(【［[")


def _skippable(pos: POS) -> bool:
    return pos[0] in ("補助記号", "空白") or pos[1] == "終助詞"


def _particle(pos: POS) -> bool:
    return pos[0] == "助詞" and pos[1] in ("格助詞", "係助詞")


def _clause_break(pos: POS) -> bool:
    """A predicate, a conjunctive particle, or a case particle that opens an adverbial
    phrase (業績悪化を理由に内定を: を理由に works as one compound particle)."""
    return pos[0] in ("動詞", "形容詞", "助動詞", "形状詞") or pos[1] in ("接続助詞", "格助詞")


_COMMAS = frozenset({"、", "，", ","})


def _auxiliary(pos: POS) -> bool:
    return pos[0] == "助動詞"


def _hanging(pos: POS) -> bool:
    """Bound verbs (いる, おる, ある after で) and て: they hang on the word before."""
    return pos[1] in ("非自立可能", "接続助詞")


def _inflecting(pos: POS) -> bool:
    """Words a bound verb or て can hang on; サ変 nouns too (反省 + している)."""
    return pos[0] in ("動詞", "形容詞", "助動詞", "形状詞", "助詞") or pos[2] == "サ変可能"


def _plain_predicate(pos: POS) -> bool:
    return pos[0] in ("動詞", "形容詞") and pos[5].startswith("終止形")


def _final_auxiliary(pos: POS) -> bool:
    return pos[0] == "助動詞" and pos[5].startswith("終止形")


class Ending(NamedTuple):
    start: int  # the predicate at the end: 思う, である, 決めた, いたしました
    end: int
    last: str  # the last two characters before 。: ます, した, です, 思う
    style: str  # polite | plain | neutral


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if active & {"style-mix", "repeated-ending"}:
        endings = _endings(doc)
        if "style-mix" in active:
            yield from _style_mix(doc, endings)
        if "repeated-ending" in active:
            yield from _repeated(doc, endings)
    if "long-sentence" in active:
        yield from _long(doc)
    if "doubled-joshi" in active and ("が" in doc.text or "を" in doc.text or "は" in doc.text):
        yield from _doubled_joshi(doc)


def _endings(doc: Document) -> list[Ending | None]:
    """The ending of every sentence the writer says (not the other party, not a note).

    Most sentences end politely and are recognised from their last characters; the
    others are read from their tokens.
    """
    text = doc.text
    skipped = {line.start for line in doc.content_lines if line.text[0] in _BRACKETS}
    skipped.update(line.start for line in doc.others_lines)
    result: list[Ending | None] = []
    new = tuple.__new__  # Ending(...) without its Python-level __new__: one per sentence
    for start, _end, sentence in doc.sentences:
        if sentence[-1] not in _TERMINAL_OR_CLOSING:
            continue
        body = sentence.rstrip("」』）)").rstrip("。！？!?")
        if len(body) == len(sentence) or not body:
            continue  # no 。！？ (a line of an address, a heading)
        if skipped and text.rfind("\n", 0, start) + 1 in skipped:
            continue
        if "「" in body and _reported_speech(body):
            continue

        end = start + len(body)
        if body.endswith(_POLITE_TAIL):
            result.append(new(Ending, (end - 2, end, body[-2:], "polite")))
        elif ("\u4e00" <= body[-1] <= "\u9fff" or body.endswith("ください")) and (
            _POLITE_INSIDE.search(body) is None
        ):
            result.append(new(Ending, (end - 1, end, body[-2:], "neutral")))
        else:
            result.append(_ending(doc.tokens_at(start), start, end))
    return result


def _reported_speech(body: str) -> bool:
    """Does the 。 close a quotation inside a sentence (佐藤様は「扉は開けておく。」と…)?

    A line that is itself in brackets (「お世話になっております。…」, a script's line) is the
    writer's own speech and is checked."""
    opening = body.rfind("「")
    if opening <= body.rfind("」"):
        return False
    before = body[:opening].strip(" \u3000-・")
    return bool(before) and not before.endswith(("：", ":"))


def _ending(tokens: Tokens, start: int, body_end: int) -> Ending | None:
    """The ending of the sentence [start, body_end) (body_end: before its 。)."""
    begins, pos_id = tokens.begins, tokens.pos_id
    skip = pos_ids(_skippable)
    j = tokens.index_at(body_end - 1)
    while j >= 0 and begins[j] >= start and pos_id(j) in skip:
        j -= 1
    if j < 0 or begins[j] < start:
        return None
    head = j
    while head > 0 and begins[head - 1] >= start and _chained(tokens, head):
        head -= 1
    auxiliaries = pos_ids(_auxiliary)
    last = tokens.surface(j)  # the last word: 思う, だ, た
    style = "neutral"
    if any(pos_id(k) in auxiliaries and tokens.surface(k) in _POLITE for k in range(head, j + 1)):
        style = "polite"
    elif pos_id(j) in pos_ids(_plain_predicate) or (
        pos_id(j) in pos_ids(_final_auxiliary) and last in _PLAIN_AUX
    ):
        style = "plain"
    end = tokens.ends[j]
    return Ending(begins[head], end, tokens.text[max(start, end - 2) : end], style)


def _chained(tokens: Tokens, k: int) -> bool:
    """Does token k hang on the token before it (an auxiliary, a bound verb, て)?"""
    if tokens.pos_id(k) in pos_ids(_auxiliary):
        return True
    return tokens.pos_id(k) in pos_ids(_hanging) and tokens.pos_id(k - 1) in pos_ids(_inflecting)


def _style_mix(doc: Document, endings: list[Ending | None]) -> Iterator[Finding]:
    if not any(e is not None and e.style == "polite" for e in endings):
        return
    info = rule_info("style-mix")
    for ending in endings:
        if ending is None or ending.style != "plain":
            continue
        found = doc.text[ending.start : ending.end]
        suggestion = _fix(found)
        message = info.say(found=found)
        yield doc.finding("style-mix", ending.start, ending.end, message, suggestion)


def _fix(found: str) -> str | None:
    for plain, polite in _PLAIN_FIX:
        if found.endswith(plain):
            return found[: -len(plain)] + polite
    return None


def _repeated(doc: Document, endings: list[Ending | None]) -> Iterator[Finding]:
    """Three sentences in a row ending on the same predicate (思っております。反省しております。
    相談しております。): the last ``_SAME`` characters agree, not just ます. A closing formula
    (よろしくお願いいたします。失礼いたします。) is fixed wording and breaks the run."""
    text = doc.text
    run = 0
    previous = None
    for ending in endings:
        key = _ending_key(text, ending) if ending is not None else None
        run = run + 1 if key is not None and key == previous else 1
        previous = key
        if ending is not None and key is not None and run == _REPEAT:
            message = rule_info("repeated-ending").say(found=key)
            yield doc.finding("repeated-ending", ending.end - len(key), ending.end, message, None)


def _ending_key(text: str, ending: Ending) -> str | None:
    """The predicate's last characters (いたします, ております), or None for a formula."""
    tail = text[max(0, ending.end - _SAME) : ending.end]
    tail = tail[max(tail.rfind("。"), tail.rfind("\n"), tail.rfind("、")) + 1 :]
    # (tail holds no line break: the end is not after one, where $ would also have matched)
    if len(tail) < _SAME or text.endswith(_FORMULA, 0, ending.end):
        return None
    return tail


def _long(doc: Document) -> Iterator[Finding]:
    for sentence in doc.sentences:
        if len(sentence.text) <= _LONG:
            continue
        length = len(sentence.text) - sentence.text.count(" ") - sentence.text.count("\u3000")
        if length > _LONG:
            message = rule_info("long-sentence").say(length=length)
            yield doc.finding("long-sentence", sentence.start, sentence.end, message, None)


def _candidates(doc: Document) -> Iterator[re.Match[str]]:
    """が, を, は in the sentences that hold one of them twice with no 、 between (one search
    over the text): 、 is always a token of its own, and a comma between two particles parts
    their clauses (_doubled_joshi), so the other sentences need no tokens."""
    starts, sentences = doc.sentence_starts, doc.sentences
    last = -1
    for repeat in _REPEATED_JOSHI.finditer(doc.text):
        # The repeat holds no 。！？ or line break: it lies inside one sentence.
        number = bisect_right(starts, repeat.start()) - 1
        if number > last:
            last = number
            sentence = sentences[number]
            yield from _JOSHI_CHARS.finditer(doc.text, sentence.start, sentence.end)


def _doubled_joshi(doc: Document) -> Iterator[Finding]:
    """The second が, を or は of one clause (は after another particle, as in には, is not).

    Two particles are in one clause when only nouns, prefixes and の stand between them
    (私は貴社は…): a predicate (verb, adjective, auxiliary), a conjunctive particle or a
    comma between them starts another clause, where the same particle again reads naturally
    (辞退を申し上げたのは、進学を考えていたため)."""
    particles = pos_ids(_particle)
    breaks = pos_ids(_clause_break)
    starts = doc.sentence_starts
    last: dict[tuple[int, str], tuple[Tokens, int]] = {}
    flagged: set[int] = set()
    for match in _candidates(doc):
        offset = match.start()
        tokens = doc.tokens_at(offset)
        k = tokens.index_at(offset)
        if tokens.begins[k] != offset or tokens.ends[k] != offset + 1:
            continue
        if tokens.pos_id(k) not in particles or (k > 0 and tokens.pos_id(k - 1) in particles):
            continue
        sentence = bisect_right(starts, offset) - 1
        key = (sentence, match.group())
        previous = last.get(key)
        last[key] = (tokens, k)
        if previous is None or previous[0] is not tokens or sentence in flagged:
            continue
        between = range(previous[1] + 1, k)
        if any(tokens.pos_id(j) in breaks or tokens.surface(j) in _COMMAS for j in between):
            continue
        flagged.add(sentence)
        message = rule_info("doubled-joshi").say(found=match.group())
        yield doc.finding("doubled-joshi", offset, offset + 1, message)
