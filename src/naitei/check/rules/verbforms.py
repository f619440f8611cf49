"""Verb forms beside ら抜き: re-insertion (れ足す言葉) and i-omission (い抜き言葉), on tokens.

re-insertion: the potential of a 五段 verb is already a verb of its own (書く → 書ける,
活かす → 活かせる); adding れる to it again (書けれる, 活かせれる, 行けれます) is れ足す.
SudachiPy lists such potentials with the 五段 verb as their normalized form (活かせる →
生かす), which tells them from ordinary 一段 verbs (任せる, 続ける, 見せる): those take
られる, and 見せれる is ら抜き (ra-omission), not れ足す. The fix drops the extra れ:
活かせれる → 活かせる. An imperative followed by れる (帰れれる) is the same mistake.

i-omission: ている with its い dropped (思ってます, してる, 読んでます). SudachiPy tags the
contracted auxiliary as てる／でる; the fix puts the い back (思っています). Written kinds only:
in speech the contraction is common and less marked.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.tokenizer import Tokens, lookup_conjugations
from naitei.precompiled import regex

RULES = ("re-insertion", "i-omission", "dialect-honorific")

# 〜はる (おっしゃってはった, 言わはる, してはります): the Kansai honorific auxiliary, which
# SudachiPy tags 助動詞 はる. Only a は after a verb-ending kana and before っ/り/る/れ/ら is
# looked at, so やはり and はっきり cost no tokens.
# after て/で or a 連用形／未然形 ending (言わはる, しはる); not やはり, はっきり.
_HARU = regex("(?<=[てでしわかさたなまらい来見居出寝])は(?=[っりるれら])(?!っき)")
# After て/で the auxiliary stands where ている would: てはった → ていた (a safe fix).
_HARU_FIX = {"はる": "いる", "はり": "い", "はっ": "い", "はら": "い", "はれ": "いれ"}

# Only a れ after an e-row kana can be an extra れ (活かせれ, 書けれ, 帰れれ); これ, それ, られ
# and the conditional (行ければ) are never looked at, so most sentences need no tokens.
_RE = regex("(?<=[えけげせぜてでねべぺめれ])れ(?!ば)")
# ている without い: て／で directly before る, ま(す|し|せ), た, な(い|か|く).
_TE = regex("[てで](?=る|ま[すしせ]|た|な[いかく])")
_CONDITIONAL = frozenset({"ば", "ど", "ども"})


@cache
def _godan(verb: str) -> bool:
    return any(t.startswith("五段") for t in lookup_conjugations(verb, ""))


def potential_of_godan(tokens: Tokens, i: int) -> bool:
    """Is token i the potential verb of a 五段 verb (活かせ, 書け, 話せれ)?"""
    pos = tokens.pos(i)
    if pos[0] != "動詞" or not pos[4].startswith("下一段"):
        return False
    base = tokens.normalized_form(i)
    return base != tokens.dictionary_form(i) and _godan(base)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "dialect-honorific" in active and _HARU.search(doc.text):
        yield from _dialect_honorific(doc)
    if "re-insertion" in active and "れ" in doc.text:
        yield from _re_insertion(doc)
    if "i-omission" in active and doc.written and ("て" in doc.text or "で" in doc.text):
        yield from _i_omission(doc)


def _re_insertion(doc: Document) -> Iterator[Finding]:
    info = rule_info("re-insertion")
    for offset, tokens, i in doc.tokens_matching(_RE):
        found = _extra_re(tokens, i, offset)
        if found is None:
            continue
        start, end, fixed = found
        message = info.say(found=doc.text[start:end], suggestion=fixed)
        yield doc.finding("re-insertion", start, end, message, fixed)


def _extra_re(tokens: Tokens, i: int, offset: int) -> tuple[int, int, str] | None:
    """(start, end, fix) of a れ足す form around the れ at ``offset``, or None."""
    surface = tokens.surface(i)
    if tokens.begins[i] == offset and i > 0 and tokens.dictionary_form(i) == "れる":
        verb = i - 1  # 活かせ + れる, 帰れ (命令形) + れる
        pos = tokens.pos(verb)
        imperative = pos[0] == "動詞" and pos[4].startswith("五段") and pos[5] == "命令形"
        if tokens.pos(i)[0] != "助動詞" or not (potential_of_godan(tokens, verb) or imperative):
            return None
        return tokens.begins[verb], tokens.ends[i], tokens.surface(verb) + surface[1:]
    # 生かせれ + ます: SudachiPy reads the extra れ as the 仮定形 of the potential verb.
    if not surface.endswith("れ") or tokens.ends[i] != offset + 1:
        return None
    if not potential_of_godan(tokens, i) or not tokens.pos(i)[5].startswith("仮定形"):
        return None
    if i + 1 < len(tokens) and tokens.surface(i + 1) in _CONDITIONAL:
        return None  # 行ければ: a real conditional
    if i + 1 >= len(tokens) or tokens.pos(i + 1)[0] != "助動詞":
        return None
    return tokens.begins[i], tokens.ends[i], surface[:-1]


def _i_omission(doc: Document) -> Iterator[Finding]:
    info = rule_info("i-omission")
    for match in _TE.finditer(doc.text):
        tokens = doc.tokens_at(match.start())
        i = tokens.index_at(match.start())
        if i < 0 or tokens.begins[i] != match.start():
            continue
        if tokens.pos(i)[0] != "助動詞" or tokens.dictionary_form(i) not in ("てる", "でる"):
            continue
        surface = tokens.surface(i)
        fixed = surface[0] + "い" + surface[1:]
        start, end = tokens.begins[i], tokens.ends[i]
        # Show the verb with it: 思って → 思ってい (the span itself is only the auxiliary).
        shown = doc.text[tokens.begins[i - 1] if i > 0 else start : end]
        message = info.say(found=shown, suggestion=shown[: len(shown) - len(surface)] + fixed)
        yield doc.finding("i-omission", start, end, message, fixed)


def _dialect_honorific(doc: Document) -> Iterator[Finding]:
    """おっしゃってはった, 言わはる: the Kansai honorific はる (misses14, a blind phone note)."""
    info = rule_info("dialect-honorific")
    for offset, tokens, i in doc.tokens_matching(_HARU):
        if tokens.begins[i] != offset or i < 1 or doc.spoken_by_others(offset):
            continue
        surface, before = tokens.surface(i), tokens.surface(i - 1)
        after_te = before.endswith(("て", "で"))
        base = tokens.dictionary_form(i)
        # おっしゃってはった: in a sentence SudachiPy may read the kana after て as the verb
        # はう (這う) — never meant in a business message.
        auxiliary = tokens.pos(i)[0] == "助動詞" and base == "はる"
        if not (after_te or tokens.pos(i - 1)[0] == "動詞"):
            continue  # 株式会社はるかぜ食品: はる after a noun is no auxiliary
        # …てはったと伺い: after て it may read はったと as the adverb (はったと睨む)
        misread = (tokens.pos(i)[0] == "動詞" and base in ("はう", "はる")) or base == "はったと"
        if not auxiliary and not (after_te and misread):
            continue
        end = tokens.ends[i] if auxiliary or base != "はったと" else offset + 2
        surface = doc.text[offset:end]
        fixed = _HARU_FIX.get(surface) if after_te else None
        shown = doc.text[tokens.begins[i - 1] : end]
        message = info.say(found=shown)
        yield doc.finding("dialect-honorific", offset, end, message, fixed)
