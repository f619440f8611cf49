"""The user's own words, analysed before they are woven into a formal text.

A free-text answer (a strength, a reason_detail, a why_detail) is read with SudachiPy (through
the checker's tokenizer, loaded on first use) and classified sentence by sentence:

    noun         a noun phrase: 父の介護, 機械工学の研究で培った設計の基礎
    noun_clause  a clause that ends in a noun without a verb: 英語が得意, 勤務地が遠方
    cause        a clause ending in ため / から / ので: 内定をいただいたため
    plain        a sentence in the plain style: 内定が取り消しになった
    polite       a sentence in the polite style: 内定が取り消されました
    open         a clause left unfinished: 父が倒れて, …ですが

Casual register (やっぱり, ちょっと, 〜たい as the point, 〜んだ, 終助詞, contractions, the checker's
casual words) is collected as issues; an answer with issues is never woven in. The slot
functions give the answer in the form a slot needs — a noun phrase for 「…を生かし」, a cause for
「辞退を申し上げたのは、…でした」, polite sentences — or None when that cannot be done safely.
The knowledge (casual words, safe fixes, verb forms) is in data/phrases/words.toml.

    >>> as_noun(analyse("在庫管理を研究しました。"))  # doctest: +SKIP
    '在庫管理を研究した経験'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from naitei.compose.phrases import bank

Ending = Literal["noun", "noun_clause", "cause", "plain", "polite", "open"]
# The checker's rules about words (not about the shape of a whole message).
WORD_RULES = frozenset(
    {
        "double-honorific",
        "humble-overlap",
        "sa-insertion",
        "ra-omission",
        "ryokai",
        "casual-word",
        "sumimasen",
        "baito-keigo",
        "title-sama",
        "kabu-abbreviation",
        "redundant-expression",
        "informal-symbol",
    }
)
_NOUNS = ("名詞", "代名詞", "接尾辞")
_PREDICATES = ("動詞", "形容詞", "助動詞")
# Particles that need a predicate after them (英語が得意, 在庫管理を研究): a noun phrase holds
# them only before の. に, で, と … do occur in noun phrases (品質管理で八年の実務経験).
_BARE_PARTICLES = frozenset({"が", "を", "は", "も"})
_CONTENT = ("名詞", "代名詞", "動詞", "形容詞", "副詞", "接頭辞", "連体詞")
_HALF_KANA = re.compile(r"[\uff61-\uff9f]+")


@dataclass(frozen=True)
class Morph:
    surface: str
    pos: tuple[str, ...]
    base: str

    @property
    def head(self) -> str:
        return self.pos[0]

    @property
    def conjugation(self) -> str:
        return self.pos[4]

    @property
    def form(self) -> str:
        return self.pos[5]

    @property
    def label(self) -> str:
        """The dictionary form, with the two auxiliaries SudachiPy writes だ told apart: the past
        (読んだ) is た, the copula (遠方だ) is だ."""
        if self.conjugation == "助動詞-タ":
            return "た"
        if self.conjugation == "助動詞-ダ":
            return "だ"
        return self.base


@dataclass(frozen=True)
class Issue:
    """A reason not to weave the answer in: kind (a message of words.toml), the words found."""

    kind: str
    found: str
    say: str = ""
    message: str = ""


@dataclass(frozen=True)
class Sentence:
    text: str  # without its final 。
    morphs: tuple[Morph, ...]
    ending: Ending

    @property
    def polite(self) -> bool:
        return any(m.base in ("ます", "です") for m in _chain(self.morphs))


@dataclass(frozen=True)
class Answer:
    text: str  # normalised
    sentences: tuple[Sentence, ...]
    issues: tuple[Issue, ...]
    second_choice: tuple[str, ...]
    hasty: bool
    process: tuple[str, ...] = ()  # sentences about dealings with an agent or contact, left out

    @property
    def endings(self) -> tuple[Ending, ...]:
        return tuple(sentence.ending for sentence in self.sentences)

    @property
    def wishes(self) -> bool:
        """The answer says what the applicant wishes (働きたい, お願いしたい, 働かせていただきたい):
        a fixed line after it does not say the wish again."""
        return any(
            morph.conjugation == "助動詞-タイ" or morph.base in ("希望", "志望")
            for sentence in self.sentences
            for morph in sentence.morphs
        )


def _data() -> dict[str, Any]:
    return bank("words")


# --- reading -------------------------------------------------------------------------------


def normalise(text: str, *, rewrite: bool = True) -> str:
    """Safe corrections: half-width kana, punctuation, the words of words.toml's [[fix]], and
    (unless `rewrite` is false) the spoken turns of phrase of its [[rewrite]]."""
    text = _HALF_KANA.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text.strip())
    text = re.sub(r"(?<!\d)[,，]|[,，](?!\d)", "、", text)
    text = re.sub(r"(?<=[^\x00-\x7f])\.|．", "。", text)
    for fix in _data()["fix"]:
        for word in fix["find"]:
            text = text.replace(word, fix["to"])
    if rewrite:
        text = rewritten(text)
    text = re.sub(r"[ \t\u3000]*\n+[ \t\u3000]*", "\n", text)
    text = re.sub(r"(?<![。\n])\n", "。", text).replace("\n", "")
    text = re.sub(r"。+", "。", text)
    return re.sub(r"[、\s]+$", "", text.strip()).strip("、")


def rewritten(text: str) -> str:
    """`text` with words.toml's [[rewrite]] applied (そちらに行くことにした → そちらへの就職を決めた),
    and a final clause that tells how the decline was conveyed made the decline itself."""
    for entry in _data()["rewrite"]:
        text = re.sub(entry["find"], entry["to"], text)
    return _without_transmission(text)


def conveyance(clause: str) -> bool:
    """The clause tells how the decline was conveyed (代行に連絡を頼んだ, メールで伝えた)."""
    table = _data()["transmission"]
    return any(m in clause for m in table["means"]) and any(a in clause for a in table["acts"])


def _without_transmission(text: str) -> str:
    """…内定をいただき、代行サービスに連絡を頼んだため → …内定をいただき、辞退しました: the
    reason keeps what decided the decline; how it was conveyed is the documents' own line."""
    head, comma, last = text.rstrip("。").rpartition("、")
    if comma and head.strip() and "。" not in last and conveyance(last):
        return f"{head}、辞退しました"
    return text


@lru_cache(maxsize=2048)
def analyse(text: str) -> Answer:
    """The answer read sentence by sentence, with its issues (cached: answers repeat)."""
    raw = normalise(text, rewrite=False)
    clean, process = _without_process(own_acts(formal_verbs(rewritten(raw))))
    pieces = [p.strip(" \u3000、") for p in re.split(r"(?<=[。？?])", clean)]
    texts = [p.rstrip("。？? ") for p in pieces]
    sentences = tuple(s for text in texts if text for s in _sentences(_morphs(text)))
    issues = _issues(clean, sentences)
    data = _data()
    # Ranking words are found in what the user wrote, also where a rewrite removed them (第一志望の
    # 会社 → 他社), so that the user is told.
    found = [w for entry in data["second_choice"] for w in entry["words"] if w in raw]
    hasty = any(word in clean for word in data["hasty"]["words"])
    return Answer(clean, sentences, tuple(issues), tuple(dict.fromkeys(found)), hasty, process)


def process_sentence(sentence: str) -> bool:
    """The sentence tells dealings with an agent or a contact person (エージェントの藤田様に相談
    しましたが、断られました): a fact of the process, not what changed (words.toml [process])."""
    table = _data()["process"]
    sentence = re.sub("|".join(table["not_parties"]), "", sentence)  # 皆様 is no contact person
    return any(p in sentence for p in table["parties"]) and any(
        a in sentence for a in table["acts"]
    )


def _without_process(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` without its sentences about dealings with an agent or a contact person, and those
    sentences; an answer that tells nothing else is kept whole (review.refusal refuses it)."""
    sentences = [s for s in re.split(r"(?<=。)", text) if s.strip()]
    process = tuple(s.rstrip("。") for s in sentences if process_sentence(s))
    kept = [s for s in sentences if not process_sentence(s)]
    if not process or not kept:
        return text, ()
    return re.sub(r"。+$", "", "".join(kept)), process


def formal_verbs(text: str) -> str:
    """〜てしまう dropped, as a written reason says it (倒れてしまって、 → 倒れ、; 感じてしまった →
    感じた; 崩してしまいました → 崩しました). The verb keeps its own form: the 連用形 before 、,
    its past before た. A form this cannot rebuild is left for the register check to refuse."""
    if "しま" not in text:
        return text
    return _rewrite_morphs(text, _without_shimau)


def _without_shimau(morphs: tuple[Morph, ...], i: int) -> tuple[str, int] | None:
    """(the verb without 〜てしまう, how many morphs it replaces) for Vてしまう at `i`, or None."""
    from naitei.compose.conjugate import renyou

    morph = morphs[i]
    te = morphs[i + 1] if i + 1 < len(morphs) else None
    shimau = morphs[i + 2] if i + 2 < len(morphs) else None
    if not (
        morph.head == "動詞"
        and te is not None
        and te.surface in ("て", "で")
        and te.pos[1] == "接続助詞"
        and shimau is not None
        and shimau.base == "しまう"
    ):
        return None
    rest = morphs[i + 3 :]
    after = rest[0].surface if rest else ""
    stem = morph.surface if morph.form == "連用形-一般" else renyou(morph.base, morph.conjugation)
    if after in ("た", "だ") and shimau.surface == "しまっ":
        return morph.surface + ("た" if te.surface == "て" else "だ"), 4
    if stem and shimau.surface == "しまい" and after == "まし":
        return stem, 3
    if stem and (
        (shimau.surface == "しまい" and after not in ("ます", "まし", "ませ"))
        or (shimau.surface == "しまっ" and after in ("て", "で"))
    ):
        return stem, 3 if shimau.surface == "しまい" else 4
    return None


def _rewrite_morphs(
    text: str, rewrite: Callable[[tuple[Morph, ...], int], tuple[str, int] | None]
) -> str:
    """`text` with each place where `rewrite` gives (what to write, how many morphs it
    replaces) rewritten, the other morphs as they are."""
    morphs = _morphs(text)
    out: list[str] = []
    i = 0
    while i < len(morphs):
        made = rewrite(morphs, i)
        if made is None:
            out.append(morphs[i].surface)
            i += 1
        else:
            out.append(made[0])
            i += made[1]
    return "".join(out)


_THANKED = ("ありがと", "感謝", "お礼", "御礼", "光栄", "嬉し", "うれし", "幸い")


def own_acts(text: str) -> str:
    """〜させていただいた said of the applicant's own past acts, made plain: 他社の選考を受けさせて
    いただき → 受け, 比較させていただいた → 比較した, 参加させていただいた友人 → 参加した友人
    (whose permission? and three in one answer is させていただく overuse: reader 4, B10). A
    wish or a request (働かせていただきたい, させていただけませんか) and a favour thanked for
    (お話を聞かせていただき、ありがとうございました) keep their humility."""
    if "せていただ" not in text:
        return text
    return _rewrite_morphs(text, _own_act)


def _own_act(morphs: tuple[Morph, ...], i: int) -> tuple[str, int] | None:
    """(the plain verb, how many morphs it replaces) for Vさせていただき/いただいた/いただいて
    at `i`, or None."""
    from naitei.compose.conjugate import renyou, ta_form

    verb, rest = morphs[i], morphs[i + 1 : i + 5]
    if not (
        verb.head == "動詞"
        and len(rest) >= 3
        and rest[0].base in ("せる", "させる")
        and rest[1].surface == "て"
        and rest[2].base == "いただく"
    ):
        return None
    sentence = "".join(m.surface for m in morphs[i:]).split("。")[0]
    if any(word in sentence for word in _THANKED):
        return None
    after = rest[3] if len(rest) > 3 else None
    if rest[2].surface == "いただき" and (after is None or after.head != "助動詞"):
        stem = renyou(verb.base, verb.conjugation)
        return None if stem is None else (stem, 4)
    if rest[2].surface == "いただい" and after is not None and after.surface in ("た", "て"):
        past = ta_form(verb.base, verb.conjugation)
        if past is None:
            return None
        if after.surface == "て":
            past = past[:-1] + {"た": "て", "だ": "で"}[past[-1]]
        return past, 5
    return None


def _morphs(text: str) -> tuple[Morph, ...]:
    from naitei.check.tokenizer import Tokens

    tokens = Tokens(text)
    return tuple(
        Morph(tokens.surface(i), tokens.pos(i), tokens.dictionary_form(i))
        for i in range(len(tokens))
    )


def _sentences(morphs: tuple[Morph, ...]) -> list[Sentence]:
    """The sentences of one piece of text: a finished predicate followed by 、 (内定が取り消しに
    なった、父が…) ends a sentence, as 。 would."""
    out, start = [], 0
    for i, morph in enumerate(morphs):
        if morph.surface == "、" and i > start and _finished(morphs[i - 1]):
            out.append(_sentence(morphs[start:i]))
            start = i + 1
        elif i > start and _polite_end(morphs[start:i]) and morph.head in _CONTENT:
            out.append(_sentence(morphs[start:i]))  # 体調不良でした父が… (a 。 left out)
            start = i
    out.append(_sentence(morphs[start:]))
    return [sentence for sentence in out if sentence.morphs]


def _polite_end(morphs: tuple[Morph, ...]) -> bool:
    """…ました, …です, …でした: a polite predicate, which never modifies a noun."""
    bases = [m.label for m in morphs[-2:]]
    return bases[-1:] in (["ます"], ["です"]) or (
        len(bases) == 2 and bases in (["ます", "た"], ["です", "た"])
    )


def _finished(morph: Morph) -> bool:
    """A predicate that ends a sentence (た before 、 is one, whatever its tag says)."""
    return morph.head in _PREDICATES and (morph.form.startswith("終止形") or morph.label == "た")


def _sentence(morphs: tuple[Morph, ...]) -> Sentence:
    while morphs and morphs[-1].head in ("補助記号", "空白"):
        morphs = morphs[:-1]
    while morphs and morphs[0].head in ("補助記号", "空白") and morphs[0].surface in "、 　":
        morphs = morphs[1:]
    core = morphs
    while core and core[-1].pos[1] == "終助詞":
        core = core[:-1]
    return Sentence("".join(m.surface for m in morphs), morphs, _ending(core))


def _ending(morphs: tuple[Morph, ...]) -> Ending:
    if not morphs:
        return "open"
    if cause_core(morphs) is not None:
        return "cause"
    last = morphs[-1]
    if (last.head in _NOUNS and not _verbal_suffix(last)) or last.base in ("など", "等"):
        return "noun" if is_noun_phrase(morphs) else "noun_clause"
    if last.head == "形状詞":
        return "noun_clause"
    if (last.head in _PREDICATES or _verbal_suffix(last)) and not last.form.startswith(
        ("連用形", "未然形")
    ):
        return "polite" if any(m.base in ("ます", "です") for m in _chain(morphs)) else "plain"
    return "open"


def _verbal_suffix(morph: Morph) -> bool:
    """がる, ぶる, っぽい: a suffix that conjugates like a verb or an adjective ends a
    predicate, not a noun (a strength 「がる」 is no noun to 生かす)."""
    return morph.head == "接尾辞" and morph.pos[1] in ("動詞的", "形容詞的")


def _chain(morphs: tuple[Morph, ...]) -> tuple[Morph, ...]:
    """The auxiliaries that end a predicate, with the word they follow."""
    i = len(morphs)
    while i > 0 and morphs[i - 1].head == "助動詞":
        i -= 1
    return morphs[max(0, i - 1) :]


def is_noun_phrase(morphs: tuple[Morph, ...]) -> bool:
    """No predicate, or a relative clause (…培った) before the head noun; no bare が/を/は."""
    last_predicate = max(
        (i for i, m in enumerate(morphs) if m.head in _PREDICATES or _verbal_suffix(m)), default=-1
    )
    if last_predicate >= 0 and not morphs[last_predicate].form.startswith("連体形"):
        return False
    tail = morphs[last_predicate + 1 :]
    for i, morph in enumerate(tail):
        after = tail[i + 1] if i + 1 < len(tail) else None
        if morph.head != "助詞" or morph.surface not in _BARE_PARTICLES:
            continue
        if after is not None and after.surface == "の":
            continue
        return False
    return True


def cause_core(morphs: tuple[Morph, ...]) -> tuple[Morph, ...] | None:
    """The clause before a final ため / から / ので (ためです, からです, ためでした too), or None;
    …ことによります / …ことによるものです give the clause before による."""
    by = _by_cause(morphs)
    if by is not None:
        return by
    i = len(morphs)
    while i > 0 and morphs[i - 1].head == "助動詞" and morphs[i - 1].label in ("です", "だ", "た"):
        i -= 1
    if 0 < i < len(morphs) and _is_tame(morphs[i - 1]):
        return morphs[: i - 1]
    if morphs and _is_tame(morphs[-1]):
        return morphs[:-1]
    if 0 < i < len(morphs) and morphs[i - 1].surface in ("から", "ので"):
        morphs = morphs[:i]  # …からです, …ので(した)
    node = len(morphs) >= 2 and morphs[-1].surface == "で" and morphs[-1].label == "だ"
    if node and morphs[-2].pos[1] == "準体助詞":
        return morphs[:-2]  # …ので, …んで
    kara = len(morphs) >= 2 and morphs[-1].surface == "から" and morphs[-1].head == "助詞"
    if kara and (morphs[-2].head in _PREDICATES or morphs[-2].base == "こと"):
        return morphs[:-1]
    return None


def _by_cause(morphs: tuple[Morph, ...]) -> tuple[Morph, ...] | None:
    """…ことによります, …ことによるものです, …によるものでした: the clause before に よる."""
    at = next(
        (
            i
            for i in range(len(morphs) - 1, 0, -1)
            if morphs[i].base == "よる" and morphs[i - 1].surface == "に"
        ),
        None,
    )
    if at is None or at < 2:
        return None
    rest = morphs[at + 1 :]
    if not all(m.head == "助動詞" or m.base in ("もの", "の") for m in rest):
        return None
    return morphs[: at - 1]


def _is_tame(morph: Morph) -> bool:
    return morph.base in ("ため", "為") and morph.head == "名詞"


# --- issues --------------------------------------------------------------------------------


def _issues(text: str, sentences: tuple[Sentence, ...]) -> list[Issue]:
    # The checker reads the sentences as they will be written (…考えた。だから…).
    issues = _checker_issues("".join(f"{s.text}。" for s in sentences) or text)
    casual = {w: entry for entry in _data()["casual"] for w in entry["words"]}
    judged = {w for entry in _data()["judgement"] for w in entry["words"]}
    for sentence in sentences:
        morphs = sentence.morphs
        issues += _register_issues(morphs)
        for i, morph in enumerate(morphs):
            entry = casual.get(morph.surface) or casual.get(morph.base)
            if morph.base in ("てる", "でる") and morph.head == "助動詞":
                continue  # い抜き: _register_issues names the dropped い
            if morph.surface in judged or morph.base in judged:
                issues.append(Issue("judgement", morph.surface))
            elif entry is not None:
                issues.append(Issue("casual", _word(morphs, i), entry["say"]))
            elif morph.pos[1] == "終助詞":
                issues.append(Issue("particle", morph.surface))
            elif morph.surface == "ん" and morph.pos[1] == "準体助詞":
                issues.append(Issue("explanatory", "".join(m.surface for m in morphs[i : i + 3])))
        wish = _wish(morphs)
        if wish:
            issues.append(Issue("wish", wish))
    for phrase in _data()["casual_phrase"]:
        for sentence in sentences:
            match = re.search(phrase["find"], sentence.text)
            if match:
                issues.append(Issue("casual", match[0], phrase["say"]))
    texts = [s.text for s in sentences]
    items = [item for s in sentences if s.ending == "noun" for item in s.text.split("、")]
    repeated = next((t for group in (texts, items) for t in group if group.count(t) > 1), "")
    if repeated:
        issues.append(Issue("repeat", repeated))
    if "？" in text or "?" in text:
        issues.append(Issue("question", "？"))
    return _one_per_word(list(dict.fromkeys(issues + _symbol_issues(text))))


def _one_per_word(issues: list[Issue]) -> list[Issue]:
    """One message per word: a casual word the checker already names (もらい and もらいました,
    ちゃった and ちゃっ) keeps only the checker's message, which gives the inflected form."""
    named = [issue.found for issue in issues if issue.kind == "checker" and issue.found]
    return [
        issue
        for issue in issues
        if issue.kind != "casual"
        or not any(issue.found in other or other in issue.found for other in named)
    ]


def _word(morphs: tuple[Morph, ...], i: int) -> str:
    """A verb with the て or た after it (もらって), so that a message quotes a whole word."""
    word = morphs[i].surface
    if morphs[i].head != "動詞":
        return word
    for after in morphs[i + 1 : i + 4]:
        if after.head != "助動詞" and after.surface not in ("て", "で"):
            break
        word += after.surface
    return word


def _register_issues(morphs: tuple[Morph, ...]) -> list[Issue]:
    """Spoken register found by the parts of speech: い抜き (やってました), the conjunctive し
    that lists reasons (近いし), the plain ない before です (申し訳ないです), 〜てしました for
    〜てしまいました, and a sentence opening with a spoken connective (それに、)."""
    found: list[Issue] = []
    connectives: dict[str, str] = _data()["connectives"]
    for i, morph in enumerate(morphs):
        before = morphs[i - 1].surface if i else ""
        after = morphs[i + 1] if i + 1 < len(morphs) else None
        if morph.base in ("てる", "でる") and morph.head == "助動詞":
            rest = "".join(m.surface for m in morphs[i + 1 : i + 3] if m.head == "助動詞")
            dropped = morph.surface[0] + "い" + morph.surface[1:]
            spoken = before + morph.surface + rest
            if morph.surface in ("て", "で"):
                dropped = morph.surface + "い"
            found.append(Issue("i_omission", spoken, before + dropped + rest))
        elif morph.surface == "し" and morph.pos[1] == "接続助詞":
            found.append(Issue("shi", before + "し"))
        elif morph.base in ("ない", "無い") and after is not None and after.base == "です":
            found.append(Issue("nai_desu", before + morph.surface + after.surface))
        elif (
            morph.surface in ("て", "で")
            and morph.pos[1] == "接続助詞"
            and after is not None
            and after.base == "する"
            and i + 2 < len(morphs)
            and morphs[i + 2].base == "ます"
        ):
            tail = "".join(m.surface for m in morphs[i + 2 : i + 4] if m.head == "助動詞")
            wrong = before + morph.surface + after.surface + tail
            found.append(Issue("typo", wrong, before + morph.surface + "しまい" + tail))
    text = "".join(m.surface for m in morphs)
    for spoken, formal in connectives.items():
        if text.startswith(spoken) or f"、{spoken}" in text:
            found.append(Issue("casual", spoken.rstrip("、"), formal.rstrip("、")))
            break
    return found


def _symbol_issues(text: str) -> list[Issue]:
    symbols = _data()["symbols"]
    chars = "".join(char for char in dict.fromkeys(text) if char in symbols["refused"])
    found = [Issue("symbol", "　".join(chars))] if chars else []
    for pair in symbols["pairs"]:
        if text.count(pair[0]) != text.count(pair[1]):
            found.append(Issue("bracket", pair))
    return found


def _wish(morphs: tuple[Morph, ...]) -> str:
    """「行きたかった」 when a たい-form is the point of the sentence (not 〜たいと考え)."""
    for i, morph in enumerate(morphs):
        if morph.conjugation != "助動詞-タイ":
            continue
        rest = morphs[i + 1 :]
        if all(
            m.head in ("助動詞", "補助記号")
            or m.base == "なる"
            or m.pos[1] in ("終助詞", "接続助詞", "準体助詞")
            or m.base in ("ため", "から")
            for m in rest
        ):
            start = max(0, i - 1)
            return "".join(m.surface for m in morphs[start:])
    return ""


def _checker_issues(text: str) -> list[Issue]:
    from naitei.check import check_text

    report = check_text(text, "email", "withdraw", only=WORD_RULES)
    return [
        Issue("checker", text[f.start : f.end], message=f.message)
        for f in report.findings
        if f.severity in ("error", "warning")
    ]
