"""Keigo stacked on keigo: double-honorific, humble-overlap, sasete-itadaku-overuse.

double-honorific works on tokens: a respectful verb (おっしゃる, いらっしゃる …) or an
お／ご〜になる phrase in its 未然形, followed by the auxiliary れる. The forms that
『敬語の指針』 accepts by custom (お召し上がりになる, お見えになる, お伺いする) carry no
れる and are never flagged; 来られる, 行かれる (a plain verb + られる) are correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from naitei.check.data import lexicon, lexicon_words, rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.tokenizer import Tokens
from naitei.precompiled import regex

RULES = ("double-honorific", "humble-overlap", "sasete-itadaku-overuse")

_RARE = regex("られ")
_SASETE = regex("さ?せて(?:いただ[かきくけこい]|頂)")
_OVERUSE_FROM = 3
_PREFIXES = ("お", "ご", "御")
_VERB_FORMS = {"ます": "masu", "た": "ta", "て": "ta", "たり": "ta", "ない": "nai", "ず": "nai"}


@dataclass(frozen=True)
class _Humble:
    masu: str
    ta: str
    plain: str


@cache
def _honorifics() -> dict[str, bool]:
    """Respectful verbs and whether they take the い onbin before ます."""
    return {honorific.word: honorific.onbin for honorific in lexicon().honorific}


@cache
def _become() -> frozenset[str]:
    """Nouns for which お／ご…になる means "become" (お世話になる), not respect."""
    return frozenset(lexicon_words("become"))


@cache
def _humbles() -> tuple[re.Pattern[str], dict[str, _Humble]]:
    table = {}
    for humble in lexicon().humble:
        table[humble.stem] = _Humble(humble.masu, humble.ta, humble.plain)
    stems = "|".join(re.escape(stem) for stem in sorted(table, key=len, reverse=True))
    endings = "(?P<end>き(?:ます|ました|まして|ません|たく|たい)?|い(?:た|て)|く|[かけこ])"
    pattern = regex(f"(?P<stem>{stems})せて(?:いただ|頂){endings}")
    return pattern, table


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "double-honorific" in active and "られ" in doc.text:
        yield from _double_honorific(doc)
    if "せていただ" in doc.text or "せて頂" in doc.text:
        if "humble-overlap" in active:
            yield from _humble_overlap(doc)
        if "sasete-itadaku-overuse" in active:
            yield from _overuse(doc)


def _double_honorific(doc: Document) -> Iterator[Finding]:
    for match in _RARE.finditer(doc.text):
        tokens = doc.tokens_at(match.start())
        i = tokens.index_at(match.start())
        if i < 0 or i + 1 >= len(tokens) or tokens.ends[i] != match.start() + 1:
            continue
        if tokens.dictionary_form(i + 1) != "れる":
            continue
        start = _honorific_start(tokens, i)
        if start is None:
            continue
        tail = _inflection_end(tokens, i + 2)
        end = tokens.ends[tail - 1] if tail > i + 2 else tokens.ends[i + 1]
        rest = doc.text[tokens.ends[i + 1] : end]
        suggestion = doc.text[start : tokens.begins[i]] + _respectful(tokens, i) + rest
        found = doc.text[start:end]
        message = rule_info("double-honorific").say(found=found, suggestion=suggestion)
        yield doc.finding("double-honorific", start, end, message, suggestion)


def _honorific_start(tokens: Tokens, i: int) -> int | None:
    """Where the respectful phrase ending at verb token i begins, or None if it is none."""
    pos = tokens.pos(i)
    if pos[0] != "動詞":
        return None
    word = tokens.dictionary_form(i)
    if word in _honorifics():
        return tokens.begins[i]
    if word != "なる" or i < 2 or tokens.surface(i - 1) != "に":
        return None
    noun = tokens.surface(i - 2)
    if noun.startswith(_PREFIXES) and noun[1:] not in _become():  # ご覧 + に + なる
        return tokens.begins[i - 2]
    if i >= 3 and tokens.surface(i - 3) in _PREFIXES and noun not in _become():  # お + 越し
        return tokens.begins[i - 3]
    return None


def _inflection_end(tokens: Tokens, k: int) -> int:
    """The index after the auxiliaries (and て) that follow token k-1: ました, た, て."""
    while k < len(tokens):
        pos = tokens.pos(k)
        if not (pos[0] == "助動詞" or (pos[1] == "接続助詞" and tokens.surface(k) in ("て", "で"))):
            break
        k += 1
    return k


def _respectful(tokens: Tokens, i: int) -> str:
    """The verb token i (in 未然形 ら) conjugated as its following れる was."""
    stem = tokens.surface(i)[:-1]  # おっしゃら → おっしゃ
    form = tokens.pos(i + 1)[5]
    following = tokens.dictionary_form(i + 2) if i + 2 < len(tokens) else ""
    if form.startswith(("終止形", "連体形")):
        return stem + "る"
    if form.startswith("仮定形"):
        return stem + "れ"
    if form.startswith("未然形"):
        return stem + "ら"
    kind = _VERB_FORMS.get(following)
    if kind == "masu":
        return stem + ("い" if _honorifics().get(tokens.dictionary_form(i), False) else "り")
    if kind == "ta":
        return stem + "っ"
    return stem + "り"


@cache
def _prefixed_sasete() -> re.Pattern[str]:
    """ご送付させていただきます, ご説明させていただきました: お／ご〜する (謙譲語I, the act goes
    to the reader) + させていただく, said as a plain statement of one's own act. Not the wish
    or the request for leave (ご相談させていただきたく, ご説明させていただけますか), where
    させていただく asks the reader's permission, and not an act directed at no one (ご持参:
    honorific-direction's, the ご itself is wrong there)."""
    nouns = sorted(lexicon_words("no_recipient"), key=len, reverse=True)
    skip = "|".join(map(re.escape, nouns))
    return regex(
        f"(?P<stem>[おご御](?!(?:{skip})さ)[一-龥]{{2}})させて(?:いただ|頂)"
        "(?P<end>き(?:ます|ました|まして)|いた)"
    )


def _humble_overlap(doc: Document) -> Iterator[Finding]:
    yield from _prefixed_overlap(doc)
    pattern, table = _humbles()
    info = rule_info("humble-overlap")
    for match in pattern.finditer(doc.text):
        forms = table[match["stem"]]
        ending = match["end"]
        suggestion = {"き": forms.masu, "い": forms.ta, "く": forms.plain}.get(ending[0])
        if suggestion is not None:
            suggestion += ending[1:]
        message = info.say(found=match["stem"] + "せていただく", suggestion=forms.plain)
        yield doc.finding("humble-overlap", match.start(), match.end(), message, suggestion)


def _prefixed_overlap(doc: Document) -> Iterator[Finding]:
    info = rule_info("humble-overlap")
    for match in _prefixed_sasete().finditer(doc.text):
        if doc.spoken_by_others(match.start()):
            continue
        stem, ending = match["stem"], match["end"]
        suggestion = stem + ("いたし" + ending[1:] if ending[0] == "き" else "いたした")
        message = info.say(found=stem + "させていただく", suggestion=stem + "いたします")
        yield doc.finding("humble-overlap", match.start(), match.end(), message, suggestion)


def _overuse(doc: Document) -> Iterator[Finding]:
    """One finding from the first させていただく to the last, when there are three or more."""
    matches = list(_SASETE.finditer(doc.text))
    if len(matches) < _OVERUSE_FROM:
        return
    start, end = matches[0].start(), matches[-1].end()
    message = rule_info("sasete-itadaku-overuse").say(count=len(matches))
    yield doc.finding("sasete-itadaku-overuse", start, end, message, None)
