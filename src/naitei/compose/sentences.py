"""Sentences built from phrase banks and from the user's own words (reason_detail, why_detail,
strengths).

The user's words are analysed first (compose/words.py) and given the form their slot needs
(compose/restyle.py): a noun phrase for 「…を生かし」, a cause for 「辞退を申し上げたのは、…でした」,
polite sentences for what changed. An answer that cannot be put into its slot safely (casual
words, an unfinished clause …) is refused when the case is read (compose/review.py); should one
reach these functions anyway, they fall back to the phrase bank and never glue it in.

A form of address in the user's words (御社, 貴社, 御行, 貴院…) becomes the one this document uses
for its employer (`for_medium`: 貴行 in a letter to a bank, 御行 on the phone, 同行 or 先方 in a
text to the agent, never 貴社 meaning the agent); the bank's {ref} and {join} are filled the
same way (`fill`). Fixed phrases are chosen by the facts of the story (story_facts): the
reason, what changed, how the decline was made (told, proxy, silent), how long ago, how the
user tells it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from naitei.compose.phrases import bank, choose, neutral_other, other_is_company
from naitei.compose.restyle import as_cause, as_noun, as_result, as_sentences
from naitei.compose.situation import Mode
from naitei.compose.words import analyse
from naitei.employers import Employer, forms_in
from naitei.knowledge import Facts, fact
from naitei.vocabulary import Medium

REF = {"written": "貴社", "spoken": "御社"}
ELAPSED_MONTH = 30  # days: under this, a decline is not 当時
# A title after a form of address (御社様, 貴行さま, 貴院殿, 貴社御中): the form is already the
# respectful name, so the title is dropped with it (二重敬称; checker rule honorific-title).
# 辞退の before the message that conveyed it, dropped when the sentence's lead names 辞退.
_DECLINE_SAID = re.compile(r"辞退の(?=ご連絡|連絡|お返事|返事|お申し出|申し出|意思)")
TITLE_AFTER_FORM = re.compile(r"[ \u3000]*(?:様(?!々)|さま(?!ざ)|さん|殿|御中)")


@dataclass(frozen=True)
class Naming:
    """How one document names its employer: `ref` (貴行 in writing to it, 御行 when speaking to
    it, 同行 or 先方 in a text to the agent), the joining noun (入行), and the employer's own
    forms of address (for forms that are also ordinary words, such as 御所)."""

    ref: str
    join: str = "入社"
    own: tuple[str, str] | None = None
    # The addressee's title and how sentences name them (社長, 丸山様): the user's 社長から … in a
    # text to 丸山社長 is the reader, named as such (丸山様から), never in the third person.
    person: tuple[str, str] | None = None
    # The employer's own name (株式会社ミライ): said with a title in the user's words
    # (株式会社ミライ様の社風), it is the reader's organisation, named by `ref` (reader 4, A1).
    name: str = ""


def naming(employer: Employer, medium: Medium, *, to_agent: bool = False, name: str = "") -> Naming:
    """The Naming of a document for `employer` (named `name`) in `medium`, addressed to it or
    to the agent."""
    if to_agent:
        ref = employer.same if medium == "written" else "先方"
    else:
        ref = employer.honorific(medium)
    return Naming(ref, employer.join, employer.forms, name=name)


def fill(text: str, medium: Medium, naming: Naming | None = None) -> str:
    """A phrase-bank text with {ref} and {join} filled in for the document's employer."""
    chosen = naming or Naming(REF[medium])
    return text.replace("{ref}", chosen.ref).replace("{join}", chosen.join)


def for_medium(text: str, medium: Medium, naming: Naming | None = None) -> str:
    """`text` with every form of address (御社, 貴社, 御行, 貴院…, of any kind and medium) made
    the one the document uses: `naming.ref`, or 貴社/御社 by the medium without a naming.
    Ordinary words that share a form (京都御所, 御都合) are left as they are."""
    ref = naming.ref if naming else REF[medium]
    pieces, last = [], 0
    for found in forms_in(text, naming.own if naming else None):
        pieces += [text[last : found.start], ref]
        glued = TITLE_AFTER_FORM.match(text, found.end)  # 御社様 → 貴社 (a form is a title)
        last = glued.end() if glued else found.end
    text = _addressed("".join(pieces) + text[last:], ref)
    if naming and naming.name:
        text = own_name(naming.name).sub(ref, text)
    if naming and naming.person:
        title, name = naming.person
        text = re.sub(f"(?<![一-龥]){re.escape(title)}(?![一-龥])", name, text)
    return _joined(text, naming.join) if naming else text


def titled_name(name: str) -> re.Pattern[str]:
    """The employer's name, whole or without its legal form, followed by a title (様, さま, 殿,
    御中): 株式会社ミライ様, ミライ様."""
    from naitei.check.names import split_legal_form

    bare = split_legal_form(name)[1]
    names = sorted({name, bare} - {""}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(f"(?:{alternatives})" + TITLE_AFTER_FORM.pattern)


@cache
def own_name(name: str) -> re.Pattern[str]:
    """The ways the user's words name the addressee `name` itself, with or without a title:
    the whole name, the name without its legal form (ミナトテック), each part of a name in two
    (青葉総合病院 of 医療法人社団青葉会 青葉総合病院), and a kind's familiar short name (労金,
    東北労金 for 東北労働金庫: words.toml [short_names]). Never inside a longer word written in
    katakana or Latin letters (アイ in アイデア), nor after a kanji (労金 in 中央労金 of another)."""
    from naitei.check.names import split_legal_form

    bare = split_legal_form(name)[1]
    parts = re.split(r"[ \u3000]+", bare)
    parts += [re.sub("^(?:社団|財団)", "", part) for part in parts]  # 社団青葉会 → 青葉会
    # a short all-kanji part (日本 of 株式会社日本) is an ordinary word: only the whole name counts
    names = {n for n in {bare, *parts} if len(n) > 1 and not re.fullmatch("[一-龥々]{1,2}", n)}
    names.add(name)
    for short, full in bank("words")["short_names"].items():
        for part in parts:
            if full in part:
                head = part[: part.index(full)]
                names |= {head + short, short} if head else {short}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        f"(?<![ァ-ヶーA-Za-z一-龥])(?:{alternatives})(?![ァ-ヶーA-Za-z])"
        f"(?:{TITLE_AFTER_FORM.pattern})?"
    )


def _joined(text: str, join: str) -> str:
    """The user's 入社日, 入社予定日, 入社前 … made the employer's joining noun (入所日 to a 事務所,
    入行日 to a bank), when nothing before it in the answer names another employer (他社への入社
    stays: words.toml [address] antecedents)."""
    if join == "入社":
        return text
    antecedents = bank("words")["address"]["antecedents"]
    out, last = [], 0
    for match in re.finditer("入社(?=日|予定日|式|前|後|時|の準備|手続)", text):
        if any(word in text[: match.start()] for word in antecedents):
            break
        out += [text[last : match.start()], join]
        last = match.end()
    return "".join(out) + text[last:]


def _addressed(text: str, ref: str) -> str:
    """The user's other ways of naming the reader's organisation made `ref`: 先生の事務所 (said to
    a lawyer), and そちら when nothing before it in the answer names another employer (やはり
    そちらで働きたい; but 他社から内定をいただき、そちらを選んだ keeps it). In a text to the agent,
    そちら would mean the agent's own firm."""
    table = bank("words")["address"]
    for phrase in table["phrases"]:
        text = text.replace(phrase, ref)
    out, last = [], 0
    pattern = "|".join(sorted(map(re.escape, table["pronouns"]), key=len, reverse=True))
    for match in re.finditer(pattern, text):
        if not any(word in text[: match.start()] for word in table["antecedents"]):
            out += [text[last : match.start()], ref]
            last = match.end()
    return "".join(out) + text[last:]


def story_facts(
    reason: str,
    why: str = "",
    *,
    days: int = 0,
    silent: bool = False,
    words: tuple[str, ...] = (),
    mode: Mode | None = None,
) -> dict[str, str]:
    """The facts that choose the story's phrases (see the choice tables of withdraw.toml).
    `mode` is how the decline was made (told, proxy, silent; by default silent when `silent`,
    else told). `words` are the user's own (reason_detail, why_detail): they may call the
    decline hasty."""
    hasty = any(analyse(text).hasty for text in words if text.strip())
    chosen: Mode = mode or ("silent" if silent else "told")
    own = words[1] if len(words) > 1 else ""  # the why_detail
    return {
        "reason": reason,
        "why": why,
        "elapsed": "under_month" if days < ELAPSED_MONTH else "month_or_more",
        # a decline made the same or the previous day is no 先日 (reader 3, B2)
        "recent": fact(days <= 1),
        "mode": chosen,
        "silent": fact(chosen == "silent"),
        "hasty": fact(hasty),
        "own": fact(bool(own.strip())),
        "other_company": fact(other_is_company(*words)),
        "own_reply": fact(
            any(word in words[0] for word in ("返事", "返答", "連絡")) if words else False
        ),
        "own_wish": fact(bool(own.strip()) and analyse(own).wishes),
        "own_regret": fact(
            any(word in text for text in words for word in bank("words")["regret"]["words"])
        ),
        # The why_detail tells of the other offer, but not that it was lost (入社前研修で、仕事の
        # 内容が説明と違うと分かりました): a line saying 他社の内定を失った would be untrue.
        "own_fallback": fact(
            any(word in own for word in bank("words")["fallback"]["words"])
            or any(re.search(p, own) for p in bank("words")["fallback"].get("patterns", []))
        ),
        "own_other": fact(
            bool(own.strip())
            and not any(word in own for word in bank("words")["offer_lost"]["words"])
        ),
        # The reason or what changed already says 他社の内定 (set by the composer once those
        # lines are written): the candour line refers back to it rather than naming it again.
        "offer_said": "false",
    }


def _facts(facts: Facts | None, **known: str) -> dict[str, str]:
    """The story's facts: defaults, then `facts`, then what the caller itself passes on."""
    story = story_facts(known.get("reason", ""), known.get("why", ""))
    story.update(facts or {})
    if "mode" not in (facts or {}):  # facts that only say silent (older callers)
        story["mode"] = "silent" if story["silent"] == "true" else "told"
    story.update({key: value for key, value in known.items() if value})
    return story


def _silence(silent: bool | None, facts: Facts | None) -> dict[str, str]:
    """What an explicit `silent` says of the mode: silent, or (not silent) told unless the facts
    say a proxy conveyed the decline."""
    if silent is None:
        return {}
    mode = (facts or {}).get("mode", "told")
    if silent:
        mode = "silent"
    elif mode == "silent":
        mode = "told"
    return {"silent": fact(silent), "mode": mode}


def past_reason(
    reason: str,
    detail: str,
    medium: Medium,
    *,
    silent: bool | None = None,
    facts: Facts | None = None,
    naming: Naming | None = None,
) -> str:
    """Why the applicant declined back then (withdrawal documents). `silent` (the decline was
    never communicated) defaults to the facts' own; the user's words name the employer as
    `naming` does."""
    story = _facts(facts, reason=reason) | _silence(silent, facts)
    lead = choose("withdraw", "reason_lead", story)
    if detail.strip():
        answer = analyse(detail)
        cause = as_cause(answer)
        if cause is not None and lead:  # never a bare 「…ためでした。」 with nothing it explains
            if "辞退" in lead:  # 辞退を申し上げたのは、…辞退のご連絡を差し上げたため (B7)
                cause = _DECLINE_SAID.sub("", cause)
            return f"{lead}{for_medium(cause, medium, naming)}でした。"
        result = as_result(answer)
        if result is not None:
            frame = choose("withdraw", "reason_result", story)
            return frame.replace("{detail}", for_medium(result, medium, naming))
        sentences = as_sentences(answer)
        if sentences is not None:
            story_lead = choose("withdraw", "reason_story_lead", story)
            return story_lead + for_medium(sentences, medium, naming)
        if cause is not None:  # the lead the silent applicant's own words would have replaced
            silent_lead = choose("withdraw", "reason_lead", story | {"own_reply": "false"})
            return f"{silent_lead}{for_medium(cause, medium, naming)}でした。"
    phrases = bank("withdraw")
    clause = fill(str(phrases["reason_clause"][reason]), medium, naming)
    if story.get("other_company") == "false":
        clause = neutral_other(clause)
    if clause:
        return f"{lead}{clause}でした。"
    return str(phrases["reason_untold"][story["mode"]])


def present_reason(
    reason: str, detail: str, medium: Medium, *, naming: Naming | None = None
) -> str:
    """Why the applicant declines now (decline documents)."""
    default = fill(str(bank("decline")["reason"][reason]), medium, naming)
    if not detail.strip():
        return default
    answer = analyse(detail)
    result = as_result(answer)
    if result is not None:
        return f"{for_medium(result, medium, naming)}、辞退を決意いたしました。"
    # One finished sentence too is the cause it states (関東で働くことにした → …ことにしたため、
    # 辞退を決意いたしました): a bare sentence after the apology explains nothing (reader 4, A3).
    cause = as_cause(answer)
    if cause is not None:
        decided = any(word in cause for word in ("決め", "決意", "決断"))  # never 決めた…決意
        frame = "このような結論に至りました" if decided else "辞退を決意いたしました"
        return f"{for_medium(cause, medium, naming)}、{frame}。"
    sentences = as_sentences(answer)
    return default if sentences is None else for_medium(sentences, medium, naming)


def what_changed(
    why: str,
    detail: str,
    medium: Medium,
    facts: Facts | None = None,
    *,
    naming: Naming | None = None,
) -> str:
    """What changed since the decline: the user's words when given, in the text's polite style."""
    story = _facts(facts, why=why)
    if detail.strip():
        answer = analyse(detail)
        if answer.endings == ("noun",) and not answer.issues:
            text = fill(choose("withdraw", "changed_noun", story), medium, naming)
            own = for_medium(answer.sentences[0].text, medium, naming)
            return text.replace("{detail}", own)
        sentences = as_sentences(answer)
        if sentences is not None:
            if story.get("employed") == "true":
                sentences = of_current_employer(sentences)
            own = for_medium(sentences, medium, naming)
            return (
                _of_current_job(own) if story.get("retained_at_work") == "true" else _with_lead(own)
            )
    return fill(choose("withdraw", "changed", story), medium, naming)


def of_current_employer(text: str) -> str:
    """A working applicant's 「会社の」 (昇進の話が会社の組織変更でなくなりました) made 「現職の」,
    only when it cannot mean another employer: 会社 once, as a word of its own (not 建設会社,
    子会社), and no other employer named in the answer (words.toml [current_employer] others)."""
    table = bank("words")["current_employer"]
    found = list(re.finditer(r"(?<![一-龥ァ-ヶー])会社(?=の|で|から|に|が|は)", text))
    if len(found) != 1 or text.count("会社") != 1 or any(w in text for w in table["others"]):
        return text
    return text[: found[0].start()] + "現職" + text[found[0].end() :]


def _of_current_job(sentences: str) -> str:
    """その後、現職で引き止めの際に… when the answer opens on its current employer's retention
    without naming it (words.toml [current_employer]); otherwise as _with_lead."""
    table = bank("words")["current_employer"]
    first = sentences.split("。")[0]
    if sentences.startswith(tuple(table["cues"])) and not any(w in first for w in table["named"]):
        return str(table["lead"]) + sentences
    return _with_lead(sentences)


def _with_lead(sentences: str) -> str:
    """その後、 before the user's sentences, unless they open with a time word of their own."""
    words = bank("words")
    first = sentences.split("。")[0]
    if sentences.startswith(tuple(words["own_lead"]["words"])):
        return sentences
    if any(word in first for word in words["no_lead"]["words"]):
        return sentences  # not a later event: a lasting wish, or how the decline came about
    if any(word in first for word in words["regret"]["words"]) and first.endswith("おります"):
        return sentences  # a present regret (…を反省しております) is no event that came after
    return str(bank("withdraw")["changed_lead"]["text"]) + sentences


def candour(
    why: str, medium: Medium, facts: Facts | None = None, *, naming: Naming | None = None
) -> str:
    """The honest acknowledgement after what changed, chosen by the facts of the story."""
    story = _facts(facts, why=why)
    return fill(choose("withdraw", "candour", story), medium, naming)


def choice_regret(facts: Facts) -> str:
    """The visit memo's answer to 「なぜ最初から御社を選ばなかったのか」."""
    return choose("withdraw", "choice_regret", _facts(facts))


def strengths_phrase(
    strengths: list[str], medium: Medium = "written", *, naming: Naming | None = None
) -> str:
    """['設計の基礎', '接客の経験'] -> '設計の基礎や、接客の経験'; a sentence becomes 「…した経験」,
    and an answer that is no noun phrase is left out (the case file refuses it)."""
    answers = list(map(analyse, strengths))
    made = [(as_noun(answer), as_noun(answer) != answer.text) for answer in answers]
    kept = [(for_medium(item, medium, naming), converted) for item, converted in made if item]
    items = [item for item, _ in kept]
    for i in range(len(items) - 1):  # …研究したことや、…していた経験 (not 経験 twice)
        if kept[i][1] and items[i].endswith("た経験") and items[i + 1].endswith("経験"):
            items[i] = items[i].removesuffix("経験") + "こと"
    shared = _shared_tail(items)
    if shared:  # 簿記2級やFP2級の資格 (not 簿記2級の資格や、FP2級の資格; reader 3, C6)
        return f"{shared[0]}や{shared[1]}{shared[2]}"
    if len(items) <= 2:
        return "や、".join(items)
    return "、".join(items)


def _shared_tail(items: list[str]) -> tuple[str, str, str] | None:
    """Two short items that end in the same 「の＋noun」 (簿記2級の資格, FP2級の資格): their heads
    and that tail, said once. None when the heads are long or hold の or 、 themselves (the
    tail would then read as belonging to the second item only)."""
    if len(items) != 2:
        return None
    first, second = (item.rpartition("の") for item in items)
    if not first[1] or first[2] != second[2] or not second[1]:
        return None
    heads = (first[0], second[0])
    if any(not head or len(head) > 10 or "の" in head or "、" in head for head in heads):
        return None
    return heads[0], heads[1], "の" + first[2]


def dated(text: str) -> str:
    """A phrase whose {declined_on} became 本日 or 昨日 without the particle a date takes:
    本日には → 本日は; 本日にお伝えした → 本日お伝えした; 昨日に内定を → 昨日、内定を."""
    return re.sub(r"(本日|昨日)に(は|、|(?=お))?", _undated, text)


def _undated(match: re.Match[str]) -> str:
    return match[1] + (match[2] if match[2] is not None else "、")


def short_date(day: dt.date, today: dt.date) -> str:
    """11月20日 within the same year as today, otherwise 2025年12月20日."""
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
