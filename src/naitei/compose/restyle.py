"""The user's answer in the form a slot needs, or None when that cannot be done safely.

    as_noun(answer)       a noun phrase for 「…を生かし」: 在庫管理を研究しました → 在庫管理を研究した経験
    as_cause(answer)      a cause for 「…でした」「…、辞退を決意いたしました」: 遠方なので → 遠方のため
    as_sentences(answer)  polite sentences: 内定が取り消しになった → 内定が取り消しになりました。

Only the final predicate changes (ました ↔ た, です ↔ だ, ません ↔ ない); the user's other words
are kept as they wrote them. An answer with issues (casual words …) gives None everywhere, so
a caller that gets None uses its own default wording and never glues the answer in.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from naitei.compose.conjugate import mizen, renyou, ta_form
from naitei.compose.phrases import bank
from naitei.compose.words import Answer, Morph, cause_core, is_noun_phrase

Kind = Literal["verb", "adj", "copula"]
_NEGATIVE_EXISTENCE = ("ない", "無い")


@dataclass(frozen=True)
class Plain:
    """A predicate in the plain style. For a copula, ``text`` stops before だ (遠方)."""

    text: str
    kind: Kind
    past: bool


def _text(morphs: tuple[Morph, ...]) -> str:
    return "".join(m.surface for m in morphs)


def _plain_verb(morph: Morph) -> tuple[str, str]:
    """The verb's dictionary form and type, humble verbs replaced (いたす → する)."""
    mapped: dict[str, list[str]] = bank("words")["grammar"]["plain_of"]
    base, conjugation = mapped.get(morph.base, [morph.base, morph.conjugation])
    return base, conjugation


# --- polite → plain ------------------------------------------------------------------------


def to_plain(morphs: tuple[Morph, ...]) -> Plain | None:
    """The sentence's final predicate in the plain style (the cause and noun slots need it)."""
    bases = [m.label for m in morphs]
    if bases[-4:] == ["ます", "ぬ", "です", "た"] and len(morphs) >= 5:
        return _verb(morphs[:-5], morphs[-5], "past_negative")
    if bases[-2:] == ["ます", "た"] and len(morphs) >= 3:
        return _verb(morphs[:-3], morphs[-3], "ta")
    if bases[-1:] == ["ます"] and len(morphs) >= 2:
        return _verb(morphs[:-2], morphs[-2], "base")
    if bases[-2:] == ["ます", "ぬ"] and len(morphs) >= 3:
        return _verb(morphs[:-3], morphs[-3], "negative")
    if bases[-2:] == ["です", "た"] and len(morphs) >= 3:
        return _copula(morphs[:-2], past=True)
    if bases[-1:] == ["です"] and len(morphs) >= 2:
        return _before_desu(morphs[:-1])
    return _already_plain(morphs)


def _verb(prefix: tuple[Morph, ...], verb: Morph, form: str) -> Plain | None:
    if verb.base == "ござる" and prefix and prefix[-1].surface == "で":  # でございます
        return _copula(prefix[:-1], past=form == "ta")
    if verb.head not in ("動詞", "助動詞"):
        return None
    base, conjugation = _plain_verb(verb)
    start = _text(prefix)
    if form == "base":
        return Plain(start + base, "verb", past=False)
    if form == "ta":
        done = ta_form(base, conjugation)
        return None if done is None else Plain(start + done, "verb", past=True)
    if base == "ある":
        return Plain(start + ("なかった" if form == "past_negative" else "ない"), "verb", False)
    stem = mizen(base, conjugation)
    if stem is None:
        return None
    ending = "なかった" if form == "past_negative" else "ない"
    return Plain(start + stem + ending, "verb", past=form == "past_negative")


def _before_desu(morphs: tuple[Morph, ...]) -> Plain | None:
    last = morphs[-1]
    if last.head == "形容詞":
        return Plain(_text(morphs), "adj", past=False)
    if last.label == "た":  # 難しかったです
        return Plain(_text(morphs), "adj", past=True)
    if last.head == "助動詞":
        return None
    return _copula(morphs, past=False)


def _copula(morphs: tuple[Morph, ...], *, past: bool) -> Plain | None:
    return Plain(_text(morphs), "copula", past) if morphs else None


def _already_plain(morphs: tuple[Morph, ...]) -> Plain | None:
    bases = [m.label for m in morphs]
    last = morphs[-1]
    if bases[-2:] == ["だ", "た"]:
        return _copula(morphs[:-2], past=True)
    if bases[-1] == "だ":
        return _copula(morphs[:-1], past=False)
    if bases[-3:] == ["だ", "ある", "た"] and morphs[-3].surface == "で":
        return _copula(morphs[:-3], past=True)
    if bases[-2:] == ["だ", "ある"] and morphs[-2].surface == "で":
        return _copula(morphs[:-2], past=False)
    if last.head == "形容詞":
        return Plain(_text(morphs), "adj", past=False)
    if bases[-1] == "た" and len(morphs) >= 2:
        return Plain(_text(morphs), "adj" if morphs[-2].head == "形容詞" else "verb", past=True)
    # The last word: SudachiPy may tag a final verb 連体形 (the two forms are written alike).
    if last.head in ("動詞", "助動詞") and last.form.startswith(("終止形", "連体形")):
        return Plain(_text(morphs), "verb", past=False)
    return None


# --- plain → polite ------------------------------------------------------------------------


def to_polite(morphs: tuple[Morph, ...]) -> str | None:
    """The sentence with its final predicate in the polite style (without 。)."""
    if any(m.base in ("ます", "です") for m in morphs[-3:]):
        return _text(morphs)
    plain = _already_plain(morphs)
    if plain is None:
        return None
    if plain.kind == "copula":
        return plain.text + ("でした" if plain.past else "です")
    if plain.kind == "adj":
        return _polite_adjective(morphs, plain)
    past = plain.past
    verb_at = len(morphs) - (2 if past else 1)
    return _polite_verb(morphs[:verb_at], morphs[verb_at], past)


def _polite_adjective(morphs: tuple[Morph, ...], plain: Plain) -> str:
    adjective = morphs[-2] if plain.past else morphs[-1]
    if adjective.base in _NEGATIVE_EXISTENCE:  # 支障がない → 支障がありません
        prefix = morphs[:-2] if plain.past else morphs[:-1]
        return _text(prefix) + ("ありませんでした" if plain.past else "ありません")
    return plain.text + "です"


def _polite_verb(prefix: tuple[Morph, ...], verb: Morph, past: bool) -> str | None:
    if verb.base == "ない" and verb.head == "助動詞" and prefix:  # 行かない → 行きません
        stem = renyou(prefix[-1].base, prefix[-1].conjugation)
        ending = "ませんでした" if past else "ません"
        return None if stem is None else _text(prefix[:-1]) + stem + ending
    if verb.conjugation in ("助動詞-タイ", "助動詞-ダ", "助動詞-ヌ"):
        return None
    stem = renyou(verb.base, verb.conjugation)
    if stem is None:
        return None
    return _text(prefix) + stem + ("ました" if past else "ます")


# --- slots ---------------------------------------------------------------------------------


def _limit() -> int:
    limits: dict[str, Any] = bank("words")["limits"]
    return int(limits["sentences"])


def as_noun(answer: Answer) -> str | None:
    """A noun phrase that can be 生かす'd: 経験, 知識, 資格 … as its head (words.toml
    [strengths]): 介護福祉士 → 介護福祉士の資格, 販路開拓 → 販路開拓に携わった経験, 経理と総務を
    10年 → 経理と総務に10年間携わった経験, 在庫管理を研究しました → 在庫管理を研究した経験."""
    if answer.issues or len(answer.sentences) != 1:
        return None
    sentence = answer.sentences[0]
    morphs = _joined(sentence.morphs)
    if sentence.ending == "noun":
        return _strength(morphs)
    if sentence.ending == "noun_clause":
        return _strength_clause(morphs)
    if sentence.ending not in ("plain", "polite"):
        return None
    held = _held(morphs)
    if held is not None:
        return held
    plain = to_plain(_verbs_for_strengths(morphs))
    if plain is None or plain.kind != "verb" or _inner_cause(sentence.morphs):
        return None
    if plain.text.endswith(("ない", "なかった")):  # not a strength
        return None
    return plain.text + ("経験" if plain.past else "こと")


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = bank("words")["strengths"]
    return rules


def _joined(morphs: tuple[Morph, ...]) -> tuple[Morph, ...]:
    """Spaces between Japanese words made の (税理士試験 簿記論 → 税理士試験の簿記論), dropped
    before 合格, kept next to Latin letters and digits (TOEIC 800点)."""
    out: list[Morph] = []
    for i, morph in enumerate(morphs):
        after = morphs[i + 1] if i + 1 < len(morphs) else None
        if morph.head != "空白":
            out.append(morph)
        elif not out or after is None or after.head == "空白" or after.base in _rules()["passed"]:
            continue
        elif out[-1].surface[-1].isascii() or after.surface[0].isascii():
            out.append(morph)
        else:
            out.append(Morph("の", ("助詞", "格助詞", "*", "*", "*", "*"), "の"))
    return tuple(out)


def _is_head(text: str) -> bool:
    rules = _rules()
    return text.endswith(tuple(rules["heads"])) or text.endswith(tuple(rules["head_endings"]))


def _years(morphs: tuple[Morph, ...]) -> tuple[tuple[Morph, ...], str] | None:
    """(what, 4年間) when a noun phrase ends in a number of years or months (補助4年)."""
    if len(morphs) >= 3 and morphs[-1].base in _rules()["years"] and morphs[-2].pos[1] == "数詞":
        unit = morphs[-1].surface
        unit = unit + "間" if unit == "年" else unit
        return morphs[:-2], morphs[-2].surface + unit
    return None


def _strength(morphs: tuple[Morph, ...]) -> str:
    """A noun phrase with a head that can be 生かす'd."""
    text, rules = _text(morphs), _rules()
    years = _years(morphs)
    if years is not None and years[0]:
        what, span = _text(years[0]), years[1]
        if _is_head(what):
            return f"{span}の{what}"
        return f"{what.removesuffix('の')}に{span}携わった経験"
    last = morphs[-1]
    if last.base in rules["passed"] and len(morphs) > 1:
        return f"{_text(morphs[:-1]).removesuffix('の')}に合格して得た知識"
    if _is_head(text):
        return text
    if text.endswith(tuple(rules["qualifications"])):
        return f"{text}の資格"
    if last.head == "名詞" and last.pos[2] == "サ変可能":
        return f"{text}の経験"
    return text


def _strength_clause(morphs: tuple[Morph, ...]) -> str | None:
    """Xを10年 → Xに10年間携わった経験; Xを担当 → Xを担当した経験."""
    years = _years(morphs)
    if years is not None and years[0] and years[0][-1].surface == "を" and len(years[0]) > 1:
        return f"{_text(years[0][:-1])}に{years[1]}携わった経験"
    last = morphs[-1]
    if len(morphs) > 2 and morphs[-2].surface == "を" and last.pos[2] == "サ変可能":
        return f"{_text(morphs)}した経験"
    return None


def _held(morphs: tuple[Morph, ...]) -> str | None:
    """FP2級を持っています → FP2級の資格 (a qualification held, 持つ/取得/保有)."""
    at = next((i for i, m in enumerate(morphs) if m.base in _rules()["holding"]), None)
    if at is None or at < 2 or morphs[at - 1].surface != "を":
        return None
    if morphs[at].base != "持つ" and not (at + 1 < len(morphs) and morphs[at + 1].base == "する"):
        return None
    what = morphs[: at - 1]
    if any(m.head in _PREDICATE_HEADS for m in what):
        return None
    return _strength(what)


_PREDICATE_HEADS = ("動詞", "形容詞", "助動詞")


def _verbs_for_strengths(morphs: tuple[Morph, ...]) -> tuple[Morph, ...]:
    """Colloquial verbs of a strength made formal (やる → 担当する)."""
    verbs: dict[str, list[str]] = _rules()["verbs"]
    out = []
    for morph in morphs:
        if morph.head == "動詞" and morph.base in verbs:
            base, conjugation = verbs[morph.base]
            stem = renyou(base, conjugation)
            if stem is None or not morph.form.startswith("連用形"):
                return morphs
            out.append(Morph(stem, (*morph.pos[:4], conjugation, morph.form), base))
        else:
            out.append(morph)
    return tuple(out)


def _result_rules() -> dict[str, Any]:
    rules: dict[str, Any] = bank("words")["result"]
    return rules


def _before_decline(morphs: tuple[Morph, ...]) -> tuple[Morph, ...] | None:
    """The clause before the decline an answer ends with (家族と相談した結果、辞退しました →
    家族と相談した結果; 熟慮の末、内定を辞退いたしました → 熟慮の末), or None when the answer
    does not end in the decline. Empty when the answer says nothing but the decline."""
    rules = _result_rules()
    at = max((i for i, m in enumerate(morphs) if m.base in rules["decline_nouns"]), default=-1)
    if at < 0:
        return None
    for morph in morphs[at + 1 :]:
        if morph.head not in ("助動詞", "助詞") and morph.base not in rules["decline_verbs"]:
            return None
    start = at
    while start > 0 and (
        morphs[start - 1].surface in ("を", "の")
        or morphs[start - 1].base in rules["decline_objects"]
    ):
        start -= 1
    core = morphs[:start]
    while core and core[-1].head in ("補助記号", "空白"):
        core = core[:-1]
    return core


def _result_core(morphs: tuple[Morph, ...]) -> tuple[Morph, ...]:
    """`morphs` without a particle after a result noun (…結果の, 迷った末に)."""
    if len(morphs) > 1 and morphs[-1].surface in ("の", "に") and morphs[-1].head == "助詞":
        return morphs[:-1]
    return morphs


def _ends_in_result(morphs: tuple[Morph, ...]) -> bool:
    """…結果, …の末, 迷ったすえ, …のうえ (a trailing の or に too: …結果の, 迷った末に)."""
    core = _result_core(morphs)
    return bool(core) and core[-1].base in _result_rules()["nouns"] and len(core) > 1


def as_result(answer: Answer) -> str | None:
    """The answer as a clause that leads into the decision (「…、辞退を決めました」): one that
    ends in 結果 / 末 / うえ (家族と相談した結果), or the clause before a decline the answer
    states itself (家族と相談して、辞退しました → 家族と相談して). None for any other answer."""
    if answer.issues or len(answer.sentences) != 1:
        return None
    morphs = answer.sentences[0].morphs
    stated = _before_decline(morphs)
    core = morphs if stated is None else stated
    if not core:
        return None
    if _ends_in_result(core):
        kept = _result_core(core)
        written = _result_rules()["written"]  # 迷ったすえ → 迷った末 (a written text's noun)
        return _text(kept[:-1]) + str(written.get(kept[-1].base, kept[-1].surface))
    if stated is None:
        return None
    last = core[-1]
    if last.surface in ("て", "で") and last.pos[1] == "接続助詞":
        return _text(core)
    if last.head == "動詞" and last.form.startswith("連用形") and last.form != "連用形-促音便":
        return _text(core)  # 家族と相談し、(辞退しました)
    cause = cause_core(core)
    if cause:
        return _cause_of(cause)
    return None


def as_cause(answer: Answer) -> str | None:
    """The answer as a clause ending in ため: 父の介護のため, 内定をいただいたため. None for a
    result clause (…結果) or an answer that states the decline itself: see as_result."""
    if answer.issues or len(answer.sentences) != 1:
        return None
    sentence = answer.sentences[0]
    morphs = sentence.morphs
    if _before_decline(morphs) is not None or _ends_in_result(cause_core(morphs) or morphs):
        return None
    if sentence.ending in ("noun", "noun_clause"):
        return _cause_of(morphs)
    if sentence.ending == "cause":
        core = cause_core(morphs)
        return None if not core else _cause_of(core)
    if sentence.ending in ("plain", "polite") and not _inner_cause(morphs):
        return _tame(to_plain(morphs))
    return None


def _cause_of(core: tuple[Morph, ...]) -> str | None:
    if _ends_in_result(core):
        return None  # never 「…結果のため」
    last = core[-1]
    if last.base == "こと" and len(core) > 1:
        return _cause_of(core[:-1])
    if last.surface == "の" and last.head == "助詞" and len(core) > 1:
        return _text(core[:-1]) + "のため"
    if last.label == "だ" and len(core) > 1:  # 遠方な(ので), 遠方だ(から)
        return _noun_cause(core[:-1])
    if last.head in ("名詞", "代名詞", "接尾辞", "形状詞"):
        return _noun_cause(core)
    if last.head == "助詞":
        return None
    return _tame(to_plain(core))


def _noun_cause(morphs: tuple[Morph, ...]) -> str:
    """父の介護のため; a clause with its own subject: 勤務地が遠方であるため."""
    return _text(morphs) + ("のため" if is_noun_phrase(morphs) else "であるため")


def _tame(plain: Plain | None) -> str | None:
    if plain is None:
        return None
    if plain.kind == "copula":
        return plain.text + ("であったため" if plain.past else "であるため")
    return plain.text + "ため"


def _inner_cause(morphs: tuple[Morph, ...]) -> bool:
    """A cause inside the sentence (…倒れたため、…): the sentence is a story, not a cause."""
    return any(
        m.base in ("ため", "為") or (m.surface in ("から", "ので") and m.pos[1] == "接続助詞")
        for m in morphs[:-1]
    ) or any(
        a.pos[1] == "準体助詞" and b.surface == "で" and b.label == "だ"
        for a, b in pairwise(morphs[:-1])
    )


def as_sentences(answer: Answer) -> str | None:
    """Polite sentences, each ending in 。; a cause clause becomes the sentence it states."""
    if answer.issues or not answer.sentences or len(answer.sentences) > _limit():
        return None
    out = []
    for sentence in answer.sentences:
        text = _polite_sentence(sentence.morphs, sentence.ending)
        if text is None:
            return None
        out.append(text + "。")
    return "".join(out)


def _polite_sentence(morphs: tuple[Morph, ...], ending: str) -> str | None:
    if ending in ("plain", "polite"):
        return to_polite(morphs)
    if ending == "cause":
        core = cause_core(morphs)
        while core and core[-1].base == "こと":
            core = core[:-1]
        if not core or core[-1].head not in ("動詞", "形容詞", "助動詞"):
            return None
        return to_polite(core)
    return None
