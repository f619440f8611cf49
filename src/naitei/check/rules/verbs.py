"""Verb forms: sa-insertion (さ入れ言葉) and ra-omission (ら抜き言葉), on tokens.

sa-insertion: a 五段 verb takes せる for its causative (読ませる); 読まさせる is wrong.
SudachiPy gives 読ま + させ, or lexicalises the verb (休まさせて → 休ます + せ), so both
shapes are checked; genuine 五段サ行 verbs (鳴らす, いたす, 済ます …) are allow-listed.

ra-omission: the potential of a 一段 verb or 来る takes られる (見られる, 来られる).
SudachiPy keeps 見れる as one token whose normalized form is 見る; the potential of a 五段
verb looks the same (帰れる → 帰る) and is correct, so the base verb's conjugation type is
looked up in the dictionary. 借りれる (借り + れる) and 信じれる (信じ + れる) are caught too.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from naitei.check.data import lexicon_words, rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.rules.verbforms import potential_of_godan
from naitei.check.tokenizer import POS, Tokens, lookup_conjugations, lookup_readings, pos_ids
from naitei.precompiled import regex

RULES = ("sa-insertion", "ra-omission")

_SASE = regex("させ")
_KANJI = regex("[一-龥々]")
# The れ of ら抜き follows the stem of a 一段 verb (見れる, 借りれる, 食べれる, 忘れれる) or of
# 来る (来れる, これる), or the じ of a -ずる verb (信じれる): a kanji, a katakana, or a kana of
# the i- or e-row, こ or じ. After a kana of the a-, u- or o-row (され, られ, くれ, それ, あれ),
# ん or っ, it cannot be one, and the sentence around it need not be analysed.
_RE = regex(
    "(?<![あかがさざただなはばぱまやらわうくぐすずつづぬふぶぷむゆるおごそぞとどのほぼぽもよろをんっゃゅょぁぅぉゎー])れ"
)
_A_ROW_SU = regex("[かがさたなばまらわ]す$")
_ICHIDAN = ("上一段", "下一段", "カ行変格")


def _potential_verb(pos: POS) -> bool:
    return pos[0] == "動詞" and pos[4] == "下一段-ラ行"


def _ichidan_stem(pos: POS) -> bool:
    """借り, 食べ before れる (SudachiPy tags the stem 未然形 or, in context, 連用形)."""
    return (
        pos[0] == "動詞" and pos[4].startswith(_ICHIDAN) and pos[5].startswith(("未然形", "連用形"))
    )


def _zuru_stem(pos: POS) -> bool:
    return pos[0] == "動詞" and pos[4] == "サ行変格" and pos[5].startswith("未然形")


@cache
def _sa_allowed() -> frozenset[str]:
    return frozenset(lexicon_words("sa_allow"))


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "sa-insertion" in active and "させ" in doc.text:
        yield from _sa_insertion(doc)
    if "ra-omission" in active and "れ" in doc.text:
        yield from _ra_omission(doc)


def _sa_insertion(doc: Document) -> Iterator[Finding]:
    text = doc.text
    for match in _SASE.finditer(text):
        if match.start() > 0 and _KANJI.match(text, match.start() - 1):
            # 連絡させ, 辞退させ: a 五段 verb's 未然形 ends in kana (読ま, 分かん), and a
            # lexicalised 休まさ has a kana before さ, so the tokens cannot hold a finding.
            continue
        tokens = doc.tokens_at(match.start())
        i = tokens.index_at(match.start())
        if i < 0:
            continue
        if tokens.begins[i] == match.start():  # 読ま + させ
            verb = i - 1
            if verb < 0 or not _godan_mizen(tokens, verb):
                continue
            if tokens.surface(verb) + "す" in _sa_allowed():  # 鳴ら+させ is 鳴らさ(鳴らす)+せ
                continue
            fixed = tokens.surface(verb) + "せ"
        elif tokens.ends[i] == match.start() + 1:  # 休まさ(休ます) + せ
            verb = i
            if not _lexicalised_causative(tokens, verb):
                continue
            fixed = tokens.surface(verb)[:-1] + "せ"
        else:
            continue
        start, end = tokens.begins[verb], match.end()
        found = doc.text[start:end]
        message = rule_info("sa-insertion").say(found=found, suggestion=fixed)
        yield doc.finding("sa-insertion", start, end, message, fixed)


def _godan_mizen(tokens: Tokens, i: int) -> bool:
    pos = tokens.pos(i)
    return pos[0] == "動詞" and pos[4].startswith("五段") and pos[5].startswith("未然形")


def _lexicalised_causative(tokens: Tokens, i: int) -> bool:
    """休まさ (休ます) before せ: a causative-looking 五段サ行 verb not on the allow-list."""
    pos = tokens.pos(i)
    if pos[0] != "動詞" or pos[4] != "五段-サ行" or not tokens.surface(i).endswith("さ"):
        return False
    word = tokens.dictionary_form(i)
    return bool(_A_ROW_SU.search(word)) and word not in _sa_allowed()


def _ra_omission(doc: Document) -> Iterator[Finding]:
    """Every token around a れ: 見れる (one token) or 借り + れる (two)."""
    single = pos_ids(_potential_verb)
    split = pos_ids(_ichidan_stem) | pos_ids(_zuru_stem)
    for offset, tokens, i in doc.tokens_matching(_RE):
        if tokens.pos_id(i) in single:
            fixed, start, end = _single_token_fix(tokens, i), tokens.begins[i], tokens.ends[i]
        elif i > 0 and tokens.begins[i] == offset and tokens.pos_id(i - 1) in split:
            if potential_of_godan(tokens, i - 1):
                continue  # 活かせ + れる is れ足す (re-insertion), not ら抜き
            fixed, start, end = _split_fix(tokens, i - 1), tokens.begins[i - 1], offset + 1
        else:
            continue
        if fixed is None:
            continue
        found = doc.text[start:end]
        message = rule_info("ra-omission").say(found=found, suggestion=fixed)
        yield doc.finding("ra-omission", start, end, message, fixed)


def _single_token_fix(tokens: Tokens, i: int) -> str | None:
    """見れる (one token, normalized 見る) → 見られる; None when the form is correct."""
    word = tokens.dictionary_form(i)
    base = tokens.normalized_form(i)
    if not word.endswith("れる") or base == word or not base.endswith("る"):
        return None
    if not _is_ichidan(word, base):
        return None
    surface = tokens.surface(i)
    cut = len(word) - 2
    if surface[:cut] != word[:cut]:
        cut = max(surface.find("れ"), 0)
    return surface[:cut] + "ら" + surface[cut:]


def _split_fix(tokens: Tokens, i: int) -> str | None:
    """借り + れる, 信じ(信ずる) + れる → 借りられ, 信じられ."""
    following = tokens.surface(i + 1)
    if not following.startswith("れ") or tokens.dictionary_form(i + 1) != "れる":
        return None
    surface = tokens.surface(i)
    pos = tokens.pos(i)
    if pos[4] == "サ行変格":
        zuru = surface.endswith("じ") and tokens.dictionary_form(i).endswith("ずる")
        if not zuru:
            return None
    return surface + "られ"


@cache
def _is_ichidan(word: str, base: str) -> bool:
    """Is ``base`` (the verb ``word`` is the potential of) a 一段 verb or 来る?

    The base must be read as the potential minus レ (ミレル → ミル), so that 呉れる (くれる)
    is not taken for the potential of 来る; a 五段 reading (帰れる → カエル) means correct.
    """
    if base in ("来る", "くる"):
        return True
    types: set[str] = set()
    for reading in lookup_readings(word):
        if reading.endswith("レル"):
            types |= lookup_conjugations(base, reading[:-2] + "ル")
    if not types or any(t.startswith("五段") for t in types):
        return False
    return all(t.startswith(_ICHIDAN) for t in types)
