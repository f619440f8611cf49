"""Free-text answers as users type them, and the property every document keeps with them.

For any reason_detail, why_detail and strengths — noun phrases, plain and polite sentences,
cause clauses, casual lines, several sentences, mixed punctuation, lists with 、 and ・ — the
case is either refused with a message naming the field, or every document passes `naitei
check` with no error, holds no casual word, and never puts a sentence where a noun belongs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from hypothesis import strategies as st

from naitei.case import Case, DeclineCase, WithdrawalCase, parse_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from naitei.compose.model import CHECK_KIND
from naitei.errors import CaseError

NOUNS = [
    "父の介護",
    "設計の経験",
    "英語での接客経験",
    "内定取り消し",
    "家族の転勤",
    "TOEIC900点",
    "簿記二級・英検準一級",
    "英語、中国語",
    "食品の品質管理で八年の実務経験",
    "御社の製品への理解",
    "勤務地が遠方",
    "英語が得意",
]
PLAIN = [
    "内定が取り消しになった",
    "父の手術が無事に終わった",
    "体調が回復した",
    "研究を続けたいと考えた",
    "英語が話せる",
    "勤務地が遠方だ",
    "支障がなかった",
    "在庫管理を研究した",
    "改めて御社の説明会の資料を読み返した",
    "就職を見送った",
    "論文を読んだ",
    "大会で泳いだ",
    "連絡を待つ",
    "先輩を呼んだ",
    "現地に行った",
]
POLITE = [
    "内定が取り消されました",
    "在庫管理を研究しました",
    "アルバイトでリーダーをしていました",
    "問題ございません",
    "体調が回復いたしました",
    "体調不良でした",
    "他社への入社を決めました",
    "貴社で働きたいと考えるようになりました",
    "実家の事情で転居が必要になりませんでした",
    "父が来ました",
    "資格を取ります",
    "教材を買いませんでした",
]
CAUSES = [
    "父の介護のため",
    "遠方なので",
    "内定をいただいたため",
    "体調が回復したので",
    "入社を決めたためです",
    "内定が取り消されたことから",
    "治療が終わりましたので",
    "勤務地が遠方だから",
    "父が倒れたため、介護が必要になった",
    "そちらへの入社を選んだため",
    "研究に打ち込んだので",
]
CASUAL = [
    "やっぱり御社で働きたい",
    "給料が良い会社に行きたかったから",
    "ちょっと事情が変わったんだよね",
    "マジで後悔してる",
    "親父が倒れちゃって",
    "了解しました",
    "すごく悩みました",
    "第一志望の企業から内定をいただいたため",
    "株式会社ミライの内定が取り消されました",
    "父が倒れて",
    "内定は辞退したけど",
    "本当ですか？",
    "<b>強調</b>",
    "（父の介護",
]
PIECES = NOUNS + PLAIN + POLITE + CAUSES + CASUAL
SEPARATORS = ["。", "．", ".", "、", "\n", "！", "", "，", ",", "・", "。\n", " "]
KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼぱ"
ODD = st.text(
    alphabet=KANA + "父母介護内定入社辞退会社研究経験様御中貴株式法人見来れる。、・！？「」（）",
    max_size=24,
)


@st.composite
def answers(draw: st.DrawFn) -> str:
    """One free-text answer: one to four pieces with the punctuation users really type."""
    if draw(st.integers(0, 9)) == 0:
        return draw(ODD)
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))
    text = pieces[0]
    for piece in pieces[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + piece
    return text + draw(st.sampled_from(["", "。", ".", "！", "、", "\n"]))


@st.composite
def strength_lists(draw: st.DrawFn) -> list[str]:
    return draw(st.lists(answers(), max_size=3))


FIELD = re.compile(
    r"^case\.toml: (\[decline\]\.reason_detail|\[withdrawal\]\.why_detail|"
    r"\[withdrawal\]\.strengths\[\d+\]|\[\[companies\]\]\[\d+\]\.reason_detail): .+$"
)
NEVER = (
    "。や、",
    "ましたを",
    "ますを",
    "ですを",
    "でしたを",
    "ためため",
    "のためのため",
    "。。",
    "、。",
    "ためでしたでした",
    "でしたでした",
    "。でした",
    "。のため",
    "。を生かし",
    "、を生かし",
)
# The noun slot: what comes before 「を生かし」 must not end like a sentence.
NOUN_SLOT = re.compile(r"(?:ましたら|入社後は)、([^。\n]*?)を生かし")
SENTENCE_END = ("ました", "ます", "です", "でした", "た", "だ", "る", "ない")
WORD_RULES = frozenset({"casual-word", "informal-symbol", "ryokai", "sumimasen"})


def outcome(data: dict[str, Any], now: dt.datetime) -> list[str]:
    """[] when the case is refused with field-naming messages or every document holds;
    otherwise what went wrong."""
    try:
        case = parse_case(data)
    except CaseError as error:
        return [problem for problem in error.lines() if not FIELD.match(problem)]
    return [problem for doc in documents(case, now) for problem in problems_of(case, *doc)]


def documents(case: Case, now: dt.datetime) -> list[tuple[int, str, str]]:
    if isinstance(case, DeclineCase):
        return [
            (i, kind, draft(kind, case, now, company=i + 1).text)
            for i in range(len(case.companies))
            for kind in ("decline-email", "decline-phone")
        ]
    assert isinstance(case, WithdrawalCase)
    out = [(0, kind, draft(kind, case, now).text) for kind in ("phone", "visit", "email", "letter")]
    return [*out, (0, "email", draft("email", case, now, after_call=False).text)]


@cache
def _tokenizer() -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.C)


def _ends_in_predicate(item: str) -> bool:
    """Does the item end in a verb, an adjective, an auxiliary or a suffix that conjugates
    (培った, がる), by SudachiPy's own reading? A noun that happens to end in る (ざる, 猿)
    is a noun."""
    morphs = [m for m in _tokenizer().tokenize(item) if m.part_of_speech()[0] != "補助記号"]
    if not morphs:
        return False
    pos = morphs[-1].part_of_speech()
    return pos[0] in ("動詞", "形容詞", "助動詞") or (
        pos[0] == "接尾辞" and pos[1] in ("動詞的", "形容詞的")
    )


def problems_of(case: Case, index: int, kind: str, text: str) -> list[str]:
    purpose = "decline" if kind.startswith("decline") else "withdraw"
    found = []
    for context in (CheckContext.from_case(case, index), None):
        report = check_text(text, CHECK_KIND[kind], purpose, context)  # type: ignore[arg-type]
        found += [
            f"{kind}: {f.rule}: {text[f.start : f.end]}"
            for f in report.findings
            if f.severity == "error" or f.rule in WORD_RULES
        ]
    found += [f"{kind}: contains {bad}" for bad in NEVER if bad in text]
    for slot in NOUN_SLOT.findall(text):
        for item in re.split("や?、", slot):
            if item.endswith(SENTENCE_END) and _ends_in_predicate(item):
                found.append(f"{kind}: a sentence in the noun slot: {slot}")
    return found
