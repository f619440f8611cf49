"""Sentences built from phrase banks and from the user's own words (reason_detail, why_detail,
strengths).

The user's words are analysed first (compose/words.py) and given the form their slot needs
(compose/restyle.py): a noun phrase for 「…を生かし」, a cause for 「辞退をお伝えしたのは、…でした」,
polite sentences for what changed. An answer that cannot be put into its slot safely (casual
words, an unfinished clause …) is refused when the case is read (compose/review.py); should one
reach these functions anyway, they fall back to the phrase bank and never glue it in. 御社/貴社
in the user's words follow the medium (for_medium). Fixed phrases are chosen by the facts of
the story (story_facts): the reason, what changed, how long ago, how the user tells it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from naitei.compose.phrases import bank, choose
from naitei.compose.restyle import as_cause, as_noun, as_sentences
from naitei.compose.words import analyse
from naitei.knowledge import Facts, fact

Medium = Literal["written", "spoken"]
REF = {"written": "貴社", "spoken": "御社"}
ELAPSED_MONTH = 30  # days: under this, a decline is not 当時


def for_medium(text: str, medium: Medium) -> str:
    """The user's words with 御社/貴社 matching the medium."""
    wrong = "御社" if medium == "written" else "貴社"
    return text.replace(wrong, REF[medium])


def as_sentence(text: str) -> str:
    text = text.strip().rstrip("。．.")
    return f"{text}。" if text else ""


def story_facts(
    reason: str,
    why: str = "",
    *,
    days: int = 0,
    silent: bool = False,
    words: tuple[str, ...] = (),
) -> dict[str, str]:
    """The facts that choose the story's phrases (see the choice tables of withdraw.toml).
    `words` are the user's own (reason_detail, why_detail): they may call the decline hasty."""
    hasty = any(analyse(text).hasty for text in words if text.strip())
    return {
        "reason": reason,
        "why": why,
        "elapsed": "under_month" if days < ELAPSED_MONTH else "month_or_more",
        "silent": fact(silent),
        "hasty": fact(hasty),
    }


def _facts(facts: Facts | None, **known: str) -> dict[str, str]:
    """The story's facts: defaults, then `facts`, then what the caller itself passes on."""
    story = story_facts(known.get("reason", ""), known.get("why", ""))
    story.update(facts or {})
    story.update({key: value for key, value in known.items() if value})
    return story


def past_reason(
    reason: str,
    detail: str,
    medium: Medium,
    *,
    silent: bool | None = None,
    facts: Facts | None = None,
) -> str:
    """Why the applicant declined back then (withdrawal documents). `silent` (the decline was
    never communicated) defaults to the facts' own."""
    story = _facts(facts, reason=reason, silent="" if silent is None else fact(silent))
    lead = choose("withdraw", "reason_lead", story)
    if detail.strip():
        answer = analyse(detail)
        cause = as_cause(answer)
        if cause is not None:
            return f"{lead}{for_medium(cause, medium)}でした。"
        sentences = as_sentences(answer)
        if sentences is not None:
            return choose("withdraw", "reason_story_lead", story) + for_medium(sentences, medium)
    phrases = bank("withdraw")
    clause = str(phrases["reason_clause"][reason])
    if clause:
        return f"{lead}{clause}でした。"
    return str(phrases["reason_untold"]["silent" if story["silent"] == "true" else "told"])


def present_reason(reason: str, detail: str, medium: Medium) -> str:
    """Why the applicant declines now (decline documents)."""
    default = str(bank("decline")["reason"][reason])
    if not detail.strip():
        return default
    answer = analyse(detail)
    if set(answer.endings) & {"noun", "noun_clause", "cause"}:
        cause = as_cause(answer)
        if cause is not None:
            return f"{for_medium(cause, medium)}、辞退を決意いたしました。"
    sentences = as_sentences(answer)
    return default if sentences is None else for_medium(sentences, medium)


def what_changed(why: str, detail: str, medium: Medium, facts: Facts | None = None) -> str:
    """What changed since the decline: the user's words when given, in the text's polite style."""
    story = _facts(facts, why=why)
    ref = REF[medium]
    if detail.strip():
        answer = analyse(detail)
        if answer.endings == ("noun",) and not answer.issues:
            text = choose("withdraw", "changed_noun", story)
            return text.format(detail=for_medium(answer.sentences[0].text, medium), ref=ref)
        sentences = as_sentences(answer)
        if sentences is not None:
            return _with_lead(for_medium(sentences, medium))
    return choose("withdraw", "changed", story).format(ref=ref)


def _with_lead(sentences: str) -> str:
    """その後、 before the user's sentences, unless they open with a time word of their own."""
    own = bank("words")["own_lead"]["words"]
    if sentences.startswith(tuple(own)):
        return sentences
    return str(bank("withdraw")["changed_lead"]["text"]) + sentences


def candour(why: str, medium: Medium, facts: Facts | None = None) -> str:
    """The honest acknowledgement after what changed, chosen by the facts of the story."""
    story = _facts(facts, why=why)
    return choose("withdraw", "candour", story).format(ref=REF[medium])


def choice_regret(facts: Facts) -> str:
    """The visit memo's answer to 「なぜ最初から御社を選ばなかったのか」."""
    return choose("withdraw", "choice_regret", _facts(facts))


def strengths_phrase(strengths: list[str], medium: Medium = "written") -> str:
    """['設計の基礎', '接客の経験'] -> '設計の基礎や、接客の経験'; a sentence becomes 「…した経験」,
    and an answer that is no noun phrase is left out (the case file refuses it)."""
    made = [(as_noun(answer), answer.endings != ("noun",)) for answer in map(analyse, strengths)]
    kept = [(for_medium(item, medium), converted) for item, converted in made if item]
    items = [item for item, _ in kept]
    for i in range(len(items) - 1):  # …研究したことや、…していた経験 (not 経験 twice)
        if kept[i][1] and items[i].endswith("た経験") and items[i + 1].endswith("経験"):
            items[i] = items[i].removesuffix("経験") + "こと"
    if len(items) <= 2:
        return "や、".join(items)
    return "、".join(items)


def short_date(day: dt.date, today: dt.date) -> str:
    """11月20日 within the same year as today, otherwise 2025年12月20日."""
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
