"""The withdrawal documents: phone script, visit notes, email and formal letter.

Values are prepared here from the case and the phrase banks; the wording lives in
compose/templates and data/phrases. The same case and `now` always give the same text.
Every document names the employer as its kind requires (貴行/御行, 入行) and, in a text to the
agent, by its full name once and then as 同社 or 先方.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from naitei.calendar import JST
from naitei.case import WithdrawalCase
from naitei.compose.model import Document, LetterParts
from naitei.compose.parties import Recipient, Writer
from naitei.compose.phrases import bank, choose, neutral_other, season
from naitei.compose.render import render
from naitei.compose.sentences import (
    ELAPSED_MONTH,
    Naming,
    candour,
    choice_regret,
    dated,
    fill,
    naming,
    past_reason,
    short_date,
    story_facts,
    strengths_phrase,
    what_changed,
)
from naitei.compose.situation import (
    Mode,
    employer_words,
    evidence_papers,
    mode_of,
    say,
    school_on_route,
)
from naitei.knowledge import Facts, fact
from naitei.labels import ja_date, ja_day, ja_time, ja_window, kanji_number, reiwa_date_kanji
from naitei.plan import Plan, withdrawal_plan
from naitei.schools import employer_noun, school_word
from naitei.vocabulary import Medium


def _values(
    case: WithdrawalCase,
    now: dt.datetime,
    medium: Medium,
    *,
    to_agent: bool = False,
    kanji_dates: bool = False,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Everything the withdrawal templates use, for one medium and one addressee; `on` is the
    day the document is sent or spoken, when known (the decline that day is 本日, the day
    before 昨日)."""
    employer = case.company.employer
    names = naming(employer, medium, to_agent=to_agent, name=case.company.name)
    recipient = _agent(case) if to_agent else Recipient.company(case.company)
    if recipient.title and recipient.contact:
        names = replace(names, person=(recipient.title, recipient.short))
    writer = Writer.of(case.applicant)
    school = school_on_route(case.applicant, case.offer.via)
    declined = case.decline.declined_at.astimezone(JST).date()
    today = now.astimezone(JST).date()
    words = {
        "company": case.company.name,
        "ref": names.ref,
        "join": names.join,
        "noun": employer_noun(employer.noun, case.company.name, school),
        "person": "先方" if to_agent else recipient.short,
        # who the warm words of a retained decline came from: the contact only when the decline
        # was made to them; through an agent or a proxy they came from the employer (reader 3, A2)
        "giver": ""
        if to_agent
        else f"{names.ref}から"
        if case.decline.channel in ("agent", "proxy")
        else f"{recipient.short}から",
        "agent": _agent(case).short,
        # Said aloud, the agent is named without its legal form (リクルートキャリアパートナーズ):
        # the whole name made the visit's opening a sentence of 81 characters (reader 4, C3).
        "agent_org": _spoken_name(case.offer.agent_name)
        if medium == "spoken"
        else case.offer.agent_name,
        "declined_on": _declined_on(declined, today, kanji=kanji_dates, on=on),
        "school": school.named_office if school else "",
        "school_word": school_word(employer.noun, school),
        "evidence": evidence_papers(case.decline.reason, case.withdrawal.why),
    }
    return (
        {
            "company": case.company.name,
            "agent": case.offer.agent_name,
            "ref": names.ref,
            "addressee": recipient.addressee(),
            "person_short": recipient.short,
            "spoken_person": recipient.spoken,
            "phone": case.company.phone,
            "email_known": bool(recipient.email),
            "intro": writer.intro,
            "mid_career": not case.applicant.is_new_grad,
            "signature": writer.signature(),
            "through_agent": case.decline.channel == "agent",
            "school": school,
            "declined_on": words["declined_on"],
        }
        | employer_words(employer)
        | {"noun": words["noun"]}
        | _story(case, medium, names, words, days=(today - declined).days, to_agent=to_agent)
    )


def _story(
    case: WithdrawalCase,
    medium: Medium,
    names: Naming,
    words: dict[str, str],
    *,
    days: int,
    to_agent: bool = False,
) -> dict[str, Any]:
    """The decline and what changed since (`days` ago): the event, apologies, reason, why, the
    request, with the phrases chosen by the facts of the story."""
    decline, withdrawal = case.decline, case.withdrawal
    mode = mode_of(decline.channel)
    recent = days < ELAPSED_MONTH  # no 長く (long silence) under a month
    event = "agent" if decline.channel == "agent" and case.offer.agent_name else mode
    phrases = bank("withdraw")
    facts = story_facts(
        decline.reason,
        withdrawal.why,
        days=days,
        mode=mode,
        words=(decline.reason_detail, withdrawal.why_detail),
    ) | {
        "retained_at_work": fact(_retained_at_work(case)),
        "employed": fact(not case.applicant.is_new_grad),
    }
    reason = _reason(case, medium, facts, names)
    changed = what_changed(withdrawal.why, withdrawal.why_detail, medium, facts, naming=names)
    since = decline.declined_at.astimezone(JST).date()
    reason, changed = true_span(reason, since, days), true_span(changed, since, days)
    other = OTHER_OFFER if facts["other_company"] == "true" else neutral_other(OTHER_OFFER)
    facts["offer_said"] = fact(other in reason + changed)
    if other in reason:  # said once; what changed refers back to it (その内定)
        changed = changed.replace(f"その後、{other}", _turn(withdrawal.why)).replace(other, "その内定")
    return {
        "mode": mode,
        "event": {
            key: dated(say(str(text), words)) for key, text in phrases["event"][event].items()
        },
        "selfish": {
            key: say(str(table.get(f"{mode}_recent" if recent else mode, table[mode])), words)
            for key, table in phrases["selfish"].items()
        },
        "main_apology": say(str(phrases["main_apology"]["written"]), words),
        "request": {key: str(table[mode]) for key, table in phrases["request"].items()},
        "apologies": _apologies(
            case,
            medium,
            mode,
            words,
            regret=facts["own_regret"] == "true",
            to_agent=to_agent,
            late=_late(case, days, mode),
        ),
        "school_mention": say(str(phrases["school_mention"].get(medium, "")), words),
        "school_consult": say(str(phrases["school_consult"][mode]), words),
        "offer_intro": fill(choose("withdraw", "offer_intro", facts), medium, names),
        "reason": reason,
        "changed": changed,
        "candour": _now_once(changed, candour(withdrawal.why, medium, facts, naming=names)),
        "choice_regret": choice_regret(facts),
        "strengths": strengths_phrase(withdrawal.strengths, medium, naming=names),
        "evidence": withdrawal.evidence and bool(words["evidence"]),
        "evidence_papers": words["evidence"],
        "evidence_offer": say(str(phrases["evidence_offer"][medium]), words),
        "why": withdrawal.why,
        "reason_key": decline.reason,
        "reason_untold": decline.reason == "undisclosed" and not decline.reason_detail.strip(),
        "promise": str(phrases["promise"][mode]),
    }


OTHER_OFFER = "他社の内定"  # said once per document (reader 3 on golden w12: three times)




def _turn(why: str) -> str:
    """その後、他社の内定… said after the reason named it: not 「その後、その内定」 (その twice).
    The loss of the offer one chose is a turn of events (ところが); anything else needs no link."""
    return "ところが、その内定" if why == "other_offer_lost" else "その内定"

def _now_once(changed: str, line: str) -> str:
    """The candour line without its 「状況が変わった今、」 when the user's own sentences already
    say 今 (母も回復した今、…): 今 twice in two sentences (reader 4, B7)."""
    if re.search("[たいる]今、", changed):
        return line.replace("状況が変わった今、", "", 1)
    return line


def _spoken_name(name: str) -> str:
    """An organisation's name as said aloud: without 株式会社, 有限会社 … (never empty)."""
    from naitei.check.names import split_legal_form

    return split_legal_form(name)[1] or name


def _retained_at_work(case: WithdrawalCase) -> bool:
    """A retention the why_detail tells of was the current employer's (a mid-career applicant
    the addressee did not try to keep, or whose reason says 現職 kept them), not the addressee's."""
    if case.applicant.is_new_grad:
        return False
    table, reason = bank("words")["current_employer"], case.decline.reason_detail
    said = any(w in reason for w in table["cues"]) and any(w in reason for w in table["named"])
    return case.decline.company_response != "retained" or said


def _reason(case: WithdrawalCase, medium: Medium, facts: Facts, names: Naming) -> str:
    decline = case.decline
    text = past_reason(decline.reason, decline.reason_detail, medium, facts=facts, naming=names)
    untold = decline.reason == "undisclosed" and not decline.reason_detail.strip()
    if untold and case.withdrawal.why == "other_offer_lost":
        text += choose("withdraw", "untold_offer", facts)
    return text


def _apologies(
    case: WithdrawalCase,
    medium: Medium,
    mode: Mode,
    words: dict[str, str],
    *,
    regret: bool = False,
    to_agent: bool = False,
    late: str = "",
) -> list[str]:
    """The apologies this decline calls for beyond the main one, in order; when the user's own
    words already say 反省 (`regret`), the fixed lines do not say it again. A text to the agent
    apologises for what concerns the agent: how the decline reached the company (メールだけで…)
    is the company's concern, said to it in its own documents, not to the agent. `late` is the
    time since a decline long past (三か月), said with the paperwork apology or on its own."""
    decline, phrases = case.decline, bank("withdraw")
    words = words | {"interval": late}
    response: str = decline.company_response
    if regret and f"{response}_regret" in phrases["response_apology"][medium]:
        response = f"{response}_regret"
    unexplained = not decline.explained and decline.reason != "undisclosed" and mode == "told"
    entries = {  # the entry of each table the facts call for: None for none, "" for a flat table
        "channel": None if to_agent else decline.channel,
        "unexplained": "" if unexplained else None,
        "paperwork": ("late" if late else "plain") if decline.paperwork_done else None,
        "late": "" if late and not decline.paperwork_done else None,
        "response": response,
        "school": "" if case.offer.via == "school" else None,
    }
    chosen = [(key, entry) for key, entry in entries.items() if entry is not None]
    texts = [say(_apology(phrases, key, medium, entry), words) for key, entry in chosen]
    clauses = [say(_apology(phrases, key, "clause", entry), words) for key, entry in chosen]
    if medium == "written" and len([c for c in clauses if c]) > 1:  # one sentence, not several
        tail = "tail_regret" if regret else "tail"
        crowded = [  # the clauses said only when there are too many sentences otherwise
            clause
            or (
                say(_apology(phrases, key, "crowded", entry), words)
                if "crowded" in phrases[f"{key}_apology"]
                else ""
            )
            for (key, entry), clause in zip(chosen, clauses, strict=True)
        ]
        texts = _grouped(phrases["apologies_joined"], texts, clauses, tail, crowded)
    texts = [text for text in texts if text]
    return _one_sorry(texts) if medium == "spoken" else texts


_SORRY = "失礼いたしました。"


def _one_sorry(texts: list[str]) -> list[str]:
    """Spoken apologies that end alike said as one (…済ませてしまい、理由もお伝えせず、大変失礼
    いたしました。), never 「…大変失礼いたしました。その際、…失礼いたしました。」 (reader 4, B4)."""
    out: list[str] = []
    for text in texts:
        if out and out[-1].endswith(_SORRY) and text.endswith(_SORRY) and "、" in text:
            before, _, said = out[-1].rpartition("、")
            body = text.rpartition("、")[0].removeprefix("その際、")
            out[-1] = f"{before}、{body}、{said}"
            continue
        out.append(text)
    return out


LATE_DAYS = 60  # a request this long after the decline says how much time has passed (B7)


def _late(case: WithdrawalCase, days: int, mode: Mode) -> str:
    """The time since the decline when the request comes LATE_DAYS or more after it, else "".
    A silent applicant made no decline: their [selfish] line already says 長くお返事もせず."""
    if days < LATE_DAYS or mode == "silent":
        return ""
    return _interval(case.decline.declined_at.astimezone(JST).date(), days)


def _interval(since: dt.date, days: int) -> str:
    """`days` after `since`, as a writer says it and never more than has passed: 三日 or 十二日
    under a month, then whole calendar months (三か月), or 三か月近く when the next month is
    under ten days away."""
    if days < 30:
        return f"{kanji_number(days)}日"
    today = since + dt.timedelta(days=days)
    months = (today.year - since.year) * 12 + today.month - since.month
    if today.day < since.day:
        months -= 1
    if (today - _months_after(since, months + 1)).days > -10:
        return f"{kanji_number(months + 1)}か月近く" if months < 11 else "一年近く"
    return f"{kanji_number(months)}か月" if months < 12 else "一年以上"


# A span the user says has passed (一週間が過ぎました, 2か月が経ち): its number and unit.
_SPAN = re.compile(
    r"(?P<n>[0-9０-９]+|[一二三四五六七八九十]+)(?P<unit>日|週間|か月|ヶ月|カ月|ケ月|箇月|年)"
    r"(?:以上|ほど|近く|あまり|余り)?(?=が(?:過ぎ|経|た[っち]))"
)
_UNIT_DAYS = {"日": 1, "週間": 7, "年": 365}
_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _span_days(match: re.Match[str]) -> int:
    n = match["n"].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if "十" in n:  # 十, 二十, 十二: tens and ones
        tens, _, ones = n.partition("十")
        n = str(_KANJI.get(tens, 1) * 10 + _KANJI.get(ones, 0))
    elif not n.isdigit():  # 一 … 九
        n = str(sum(_KANJI[c] * 10**i for i, c in enumerate(reversed(n))))
    return int(n) * _UNIT_DAYS.get(match["unit"], 30)


def true_span(text: str, since: dt.date, days: int) -> str:
    """`text` with a span it says has passed (一週間が過ぎました) that is longer than the `days`
    since `since` (the decline, or the last word of a silent applicant) said as the time that
    has passed (三日が過ぎました): the user's own count is no fact the dates bear out (reader 2,
    B4b). A shorter span may count from a later event and stays."""
    if days < 1:
        return text

    def said(match: re.Match[str]) -> str:
        return _interval(since, days) if _span_days(match) > days else match[0]

    return _SPAN.sub(said, text)


def _months_after(day: dt.date, months: int) -> dt.date:
    """The day `months` calendar months after `day` (the month's last day where it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(day.year + year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError(day)


def _grouped(
    form: dict[str, Any], texts: list[str], clauses: list[str], tail: str, crowded: list[str]
) -> list[str]:
    """The apologies with a clause form joined in as few sentences as stay within the form's
    max_length (one left alone is said in its own sentence), then those without a clause; when
    that makes more than two sentences, joined within crowded_length instead: a careful writer
    adds no more than two apologies after the main one (reader 5, B3), with the `crowded`
    clauses (the paperwork apology, which otherwise stands alone) joined in too."""
    said = _grouped_within(form, texts, clauses, tail, int(form["max_length"]))
    if len(said) > 2:
        said = _grouped_within(form, texts, crowded, tail, int(form["crowded_length"]))
    return said


def _grouped_within(
    form: dict[str, Any], texts: list[str], clauses: list[str], tail: str, limit: int
) -> list[str]:
    groups = list[list[str]]()
    for text, clause in zip(texts, clauses, strict=True):
        if not clause:
            continue
        if groups and len(_joined(form, [*groups[-1][1:], clause], tail)) <= limit:
            groups[-1].append(clause)
        else:
            groups.append([text, clause])  # the sentence alone, then the clauses joined
    said = [group[0] if len(group) == 2 else _joined(form, group[1:], tail) for group in groups]
    if len(said) > 1:
        # Too long for one sentence. After a sentence said alone, the second opens with また
        # (its clauses linked by ならびに) and ends as a joined sentence does, never a second
        # 「…ことも、申し訳なく…」 in a row (reader 4, B3). After a joined first sentence (its
        # また and につきましても said), the second says 「…ことも、」 with the other tail's
        # ending, never 「…深く反省しております。…深く反省しております。」 (reader 5, B3).
        *first, last = groups[1][1:]
        body = form["join"].join(first) + form["last"] + last if first else last
        other = "tail" if tail == "tail_regret" else "tail_regret"
        ending = str(form[other if len(groups[0]) > 2 else tail])
        if len(groups[0]) > 2:
            said[1] = body + form["alone"] + ending.removeprefix(str(form["about"]))
        else:
            said[1] = form["again_lead"] + body + ending
    return said + [text for text, clause in zip(texts, clauses, strict=True) if not clause]


def _apology(phrases: dict[str, Any], key: str, part: str, entry: str) -> str:
    """The `part` (written, spoken or clause) of the apology `key` (channel, unexplained …),
    at `entry` for a table keyed by the facts (channel, response); "" when it has none."""
    table = phrases[f"{key}_apology"].get(part, "")
    return str(table.get(entry, "") if entry else table)


def _joined(form: dict[str, str], clauses: list[str], tail: str) -> str:
    """One written sentence for several apologies: A、また、B / A、B、ならびにC につきましても…"""
    *first, last = clauses
    link = form["also"] if len(first) == 1 else form["last"]
    return form["join"].join(first) + link + last + form[tail]


def _agent_values(case: WithdrawalCase, medium: Medium, values: dict[str, Any]) -> dict[str, Any]:
    """The opening of a text to the agent: which offer, the ask, and going round the agent."""
    phrases, mode = bank("withdraw"), values["mode"]
    words = {
        "company": case.company.name,
        "ref": values["ref"],
        "agent": _agent(case).short,
        "agent_org": case.offer.agent_name,
        "declined_on": values["declined_on"],
    }
    through = case.decline.channel == "agent"
    around = phrases["agent_apology"][medium][mode] if not through else ""
    return {
        "agent_event": dated(
            say(str(phrases["agent_event"]["through" if through else mode]), words)
        ),
        "agent_ask": str(phrases["agent_ask"]["silent" if mode == "silent" else "told"]),
        "agent_selfish": say(
            str(phrases["agent_selfish"]["through" if through else "other"]), words
        ),
        "agent_apology": say(str(around), words),
    }


def _agent(case: WithdrawalCase) -> Recipient:
    offer = case.offer
    return Recipient.agent(offer.agent_name, offer.agent_contact, offer.agent_email)


def _declined_on(declined: dt.date, today: dt.date, *, kanji: bool, on: dt.date | None) -> str:
    """The decline's day as an absolute date (12月3日), never 本日 or 昨日: the plan allows a
    retry on a later day, and a relative day is false as soon as the user acts then (reader 3,
    B2). `on` (the day the document is used) only decides the year shown."""
    if kanji:
        return _kanji_date(declined, today)
    return short_date(declined, on or today)


def _step_day(case: WithdrawalCase, now: dt.datetime, step_id: str, plan: Plan | None) -> dt.date:
    """The day the plan does step `step_id` (call, confirm_email …): the document's own day."""
    step = next(s for s in (plan or withdrawal_plan(case, now)).steps if s.id == step_id)
    assert step.window is not None
    return step.window.start.astimezone(JST).date()


def _kanji_date(day: dt.date, today: dt.date) -> str:
    text = f"{kanji_number(day.month)}月{kanji_number(day.day)}日"
    return text if day.year == today.year else f"{reiwa_date_kanji(day)[: -len(text)]}{text}"


def _title(case: WithdrawalCase) -> str:
    """内定辞退撤回のお願い, or 内定についてのお詫びとお願い when no decline was made."""
    return (
        "内定についてのお詫びとお願い" if case.decline.channel == "none" else "内定辞退撤回のお願い"
    )


def _subject(case: WithdrawalCase, to_agent: bool) -> str:
    writer = Writer.of(case.applicant)
    who = f"{case.applicant.school} {writer.name}" if case.applicant.is_new_grad else writer.name
    if to_agent:
        topic = "内定" if case.decline.channel == "none" else "内定辞退撤回"
        return f"{case.company.name}の{topic}についてのご相談（{who}）"
    return f"{_title(case)}（{who}）"


def phone(case: WithdrawalCase, now: dt.datetime, *, plan: Plan | None = None) -> Document:
    """The phone script, with the call windows of the plan (computed when not given)."""
    to_agent = case.offer.via == "agent"
    plan = plan or withdrawal_plan(case, now)
    on = _step_day(case, now, "call", plan)
    values = _values(case, now, "spoken", to_agent=to_agent, on=on)
    if to_agent:
        values |= _agent_values(case, "spoken", values)
    steps = {step.id: step for step in plan.steps}
    for key, step_id in (("call_window", "call"), ("retry_window", "call_retry")):
        window = steps[step_id].window
        assert window is not None
        values[key] = ja_window(window.start, window.end)
    template = "withdraw_phone_agent" if to_agent else "withdraw_phone"
    return Document(kind="phone", title="電話の台本", text=render(template, values))


def visit(case: WithdrawalCase, now: dt.datetime, facts: Any = None) -> Document:
    """The visit notes; with the visit's facts (naitei draft visit --visit-at … --place …
    --bring …, issue 17) they open with its date, place and what to bring."""
    visit_at = facts.visit_at.astimezone(JST) if facts is not None and facts.visit_at else None
    values = _values(case, now, "spoken", on=visit_at.date() if visit_at else None)
    values |= {
        "visit_day": ja_day(visit_at.date()) if visit_at else "",
        "visit_time": ja_time(visit_at) if visit_at else "",
        "place_given": facts.place if facts is not None else "",
        "bring": list(facts.bring) if facts is not None else [],
    }
    return Document(kind="visit", title="訪問メモ", text=render("withdraw_visit", values))


def email(
    case: WithdrawalCase, now: dt.datetime, *, after_call: bool = True, plan: Plan | None = None
) -> Document:
    """The email after the call (sent the day of the call), or the one sent when the calls
    did not reach the person (the day of the retry)."""
    to_agent = case.offer.via == "agent"
    on = _step_day(case, now, "confirm_email" if after_call else "email_if_unreached", plan)
    values = _values(case, now, "written", to_agent=to_agent, on=on) | {"after_call": after_call}
    if to_agent:
        values |= _agent_values(case, "written", values)
    recipient = _agent(case) if to_agent else Recipient.company(case.company)
    template = "withdraw_email_agent" if to_agent else "withdraw_email"
    title = (
        "確認のメール（電話のあとに）"
        if after_call
        else "お詫びとお願いのメール（電話がつながらないとき）"
        if to_agent or case.company.phone
        else "お詫びとお願いのメール（電話番号が分からないとき: 電話をしたとは書きません）"
    )
    return Document(
        kind="email",
        title=title,
        text=render(template, values),
        subject=_subject(case, to_agent),
        to_address=recipient.email or None,
        to_name=f"{recipient.organisation} {recipient.person}",
    )


def posting_day(case: WithdrawalCase, now: dt.datetime, plan: Plan | None = None) -> dt.date:
    """The day the plan posts the letter (its `letter` step), which the letter is dated for."""
    steps = (plan or withdrawal_plan(case, now)).steps
    step = next(step for step in steps if step.id == "letter")
    assert step.window is not None
    return step.window.start.astimezone(JST).date()


def serious(case: WithdrawalCase) -> bool:
    """A serious apology (謹啓 … 謹白): the employer was angry, or the applicant was silent or
    sent a proxy."""
    decline = case.decline
    return decline.company_response == "angry" or decline.channel in ("none", "proxy")


def letter_parts(
    case: WithdrawalCase,
    now: dt.datetime,
    *,
    vertical: bool = False,
    date: dt.date | None = None,
    plan: Plan | None = None,
) -> LetterParts:
    """The letter, dated for its posting day in the plan (or `date`)."""
    day = date or posting_day(case, now, plan)
    values = _values(case, now, "written", kanji_dates=vertical)
    opening, closing = ("謹啓", "謹白") if serious(case) else ("拝啓", "敬具")
    values |= {"season": season(day), "opening": opening}
    paragraphs = render("withdraw_letter", values).strip().split("\n\n")
    recipient = Recipient.company(case.company)
    return LetterParts(
        date=ja_date(day),
        date_vertical=reiwa_date_kanji(day),
        addressee=(*case.company.address.splitlines(), *recipient.addressee(letter=True)),
        sender=tuple(Writer.of(case.applicant).letter_sender()),
        title=_title(case),
        paragraphs=tuple(paragraphs),
        closing=closing,
    )


def letter(
    case: WithdrawalCase,
    now: dt.datetime,
    *,
    date: dt.date | None = None,
    plan: Plan | None = None,
) -> Document:
    from naitei.compose.letter_text import letter_text

    parts = letter_parts(case, now, date=date, plan=plan)
    return Document(kind="letter", title="お詫びの手紙", text=letter_text(parts), letter=parts)
