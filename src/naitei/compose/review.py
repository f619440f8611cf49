"""The user's free-text answers, reviewed when a case is read: refused, warned about, or shown.

    refusal(text, slot, example)   why an answer cannot go into its slot (None: it can)
    warnings_of(text)              what an answer tells the company that it may not want to
    case_problems(case)            every refusal of a case, as CaseError problems naming the key
    case_warnings(case)            every warning of a case, naming the key
    preview(field, text, facts)    the sentence an answer will appear in

A slot is the place an answer takes in the documents: ``noun`` (strengths: 「…を生かし」),
``cause`` (reason_detail: 「辞退を申し上げたのは、…でした」, 「…、辞退を決意いたしました」) or
``sentence`` (why_detail: what changed, in polite sentences). Every refusal ends with an
example of a good answer (data/phrases/words.toml [examples]).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from naitei.compose.phrases import bank
from naitei.compose.restyle import as_cause, as_noun, as_result, as_sentences
from naitei.compose.words import Answer, Issue, Sentence, analyse, conveyance, process_sentence
from naitei.errors import Problem

if TYPE_CHECKING:
    from naitei.case import Case
    from naitei.check import CheckContext
    from naitei.compose.sentences import Naming

Slot = Literal["noun", "cause", "sentence"]
MAX_ISSUES = 3
# How the email uses the strengths (compose/templates/withdraw_email.txt.j2).
STRENGTHS_SENTENCE = "お認めいただけましたら、{phrase}を生かし、{ref}に貢献できるよう精一杯努めてまいります。"  # a message names the first few; the user fixes them and sees the rest


@dataclass(frozen=True)
class FreeText:
    """One free-text answer of a case: where it is, what it says, which slot it fills."""

    where: str  # [withdrawal].strengths[2], [[companies]][1].reason_detail
    text: str
    slot: Slot
    example: str  # a key of words.toml [examples]
    company: int = 0  # the company it is written to (decline files)

    @property
    def slot_kind(self) -> str:
        return self.example


def _messages() -> dict[str, str]:
    messages: dict[str, str] = bank("words")["messages"]
    return messages


def example(key: str, join: str | None = None) -> str:
    """The example answer `key`, its staff word the employer's (先輩社員 for a company joined by
    入社, 先輩職員 for a hospital or a city; 先輩の方 when the employer is not known: reader 5, C2)."""
    text = str(bank("words")["examples"][key])
    if "{staff}" not in text:
        return text
    staff = bank("words")["staff"]
    return text.replace(
        "{staff}", staff.get(join or "", staff["default"]) if join else staff["unknown"]
    )


def free_texts(case: Case) -> Iterator[FreeText]:
    from naitei.case import WithdrawalCase

    if isinstance(case, WithdrawalCase):
        why = case.withdrawal.why
        facts = {"why": why, "reason": case.decline.reason}
        yield FreeText(
            "[decline].reason_detail",
            case.decline.reason_detail,
            "cause",
            kind_of("reason_detail", facts),
        )
        key = kind_of("why_detail", facts)
        yield FreeText("[withdrawal].why_detail", case.withdrawal.why_detail, "sentence", key)
        for n, strength in enumerate(case.withdrawal.strengths, start=1):
            yield FreeText(f"[withdrawal].strengths[{n}]", strength, "noun", "strengths")
        return
    shared = case.decline.reason_detail
    yield FreeText("[decline].reason_detail", shared, "cause", "reason_detail_decline")
    for n, company in enumerate(case.companies, start=1):
        if company.reason_detail is not None:
            where = f"[[companies]][{n}].reason_detail"
            yield FreeText(where, company.reason_detail, "cause", "reason_detail_decline", n - 1)


# --- refusals ------------------------------------------------------------------------------


def refusal(
    text: str, slot: Slot, example_key: str, context: CheckContext | None = None
) -> str | None:
    """Why `text` cannot fill `slot` safely, with an example of a good answer; None when it can."""
    if not text.strip():
        return None
    answer = analyse(text)
    reasons = [_issue_message(issue) for issue in answer.issues[:MAX_ISSUES]]
    if not reasons and slot == "cause" and conveyance(answer.text):
        reasons = [_messages()["transmission"].format(found=answer.text)]
    if not reasons and slot != "noun":
        reasons = _process_only(answer, example_key)
    if not reasons:
        reasons = _shape_problems(answer, slot)
    if not reasons and example_key == "reason_detail_decline":
        kept = [word for word in ranking(text) if word in answer.text]  # not rewritten to 他社
        reasons = [_messages()["ranking_decline"].format(found=w) for w in kept[:1]]
    if not reasons and example_key.startswith("why_detail"):
        reasons = _apology_only(answer)
    if not reasons:
        reasons = _other_companies(answer.text, context)
    if not reasons:
        return None
    join = context.employer_join if context is not None else None
    return "。".join(reasons) + _messages()["example"].format(example=example(example_key, join))


def _what(example_key: str) -> str:
    """What the answer of `example_key` is for, as its messages say it."""
    return (
        "辞退のあと何が変わったのか" if example_key.startswith("why_detail") else "辞退を決めた理由"
    )


def _process_only(answer: Answer, example_key: str) -> list[str]:
    """An answer that only tells dealings with an agent or a contact person (reader 5, A1)."""
    pieces = [p for p in answer.text.split("。") if p.strip()]
    if pieces and not answer.process and all(process_sentence(p) for p in pieces):
        return [_messages()["process_only"].format(found=pieces[0], what=_what(example_key))]
    return []


def process_notes(text: str, kind: str) -> list[str]:
    """The sentences of an answer about dealings with an agent or a contact person, left out of
    the documents (words.analyse): the user is told, once per sentence."""
    if not text.strip():
        return []
    return [
        _messages()["process"].format(found=sentence, what=_what(kind))
        for sentence in analyse(text).process
    ]


def _apology_only(answer: Answer) -> list[str]:
    """A why_detail whose every sentence ends in an apology: no change is told (reader 2, B3)."""
    words = bank("words")["apology_only"]["words"]

    def apology(sentence: Sentence) -> bool:
        """One clause (no 、, no verb ending a clause before the last: 知り、反省した is two)
        whose predicate apologises."""
        morphs = sentence.morphs
        linked = any(
            m.head == "動詞"
            and m.form.startswith("連用形")
            and after.head not in ("助動詞", "助詞")
            for m, after in pairwise(morphs)
        )
        return "、" not in sentence.text and not linked and any(w in sentence.text for w in words)

    if answer.sentences and all(apology(sentence) for sentence in answer.sentences):
        return [_messages()["apology_only"].format(found=answer.sentences[0].text)]
    return []


def _issue_message(issue: Issue) -> str:
    template = _messages()[issue.kind]
    return template.format(found=issue.found, say=issue.say, message=issue.message.rstrip("。"))


def _shape_problems(answer: Answer, slot: Slot) -> list[str]:
    messages, limit = _messages(), int(bank("words")["limits"]["sentences"])
    count = len(answer.sentences)
    if count == 0:
        return [messages["open"].format(found=answer.text)]
    if slot == "noun":
        if count > 1:
            return [messages["one_item"].format(count=count)]
        if as_noun(answer) is None:  # the strength's own message and example, never 「文の形で」
            return [messages["noun_needed"].format(found=answer.text)]
        return []
    if count > limit:
        return [messages["too_many"].format(count=count, limit=limit)]
    fits = as_sentences(answer) is not None
    if slot == "cause":
        fits = fits or as_cause(answer) is not None or as_result(answer) is not None
    elif answer.endings == ("noun",):
        fits = True
    return [] if fits else [_unfit(answer) or messages["open"].format(found=answer.text)]


def _unfit(answer: Answer) -> str:
    """The message for the first sentence that is neither a finished sentence nor a cause."""
    messages = _messages()
    for sentence in answer.sentences:
        if sentence.ending == "open":
            return messages["open"].format(found=_last_words(sentence))
        if sentence.ending in ("noun", "noun_clause"):
            return messages["noun_clause"].format(found=sentence.text)
    return ""


def _last_words(sentence: Sentence) -> str:
    """The end of a sentence, whole words, about eight characters: 「取り消されて」."""
    words: list[str] = []
    for morph in reversed(sentence.morphs):
        if sum(map(len, words)) >= 6 or morph.surface == "、":
            break
        words.insert(0, morph.surface)
    return "".join(words)


def _other_companies(text: str, context: CheckContext | None) -> list[str]:
    """Organisation names the documents must not carry: every legal form (株式会社, 医療法人 …)
    outside the addressee's own exact name (or the agent's, the school's). Words around the
    answer in a document could otherwise make a name of it (父の介護・株式会社…)."""
    from naitei.check.names import legal_form_spans, name_pattern, names_in, split_legal_form

    allowed = [] if context is None else [context.company_name or "", *context.allowed_names]
    covered = [m.span() for name in allowed if name for m in name_pattern(name).finditer(text)]
    loose = [
        (start, end)
        for start, end, _ in legal_form_spans(text)
        if not any(s <= start and end <= e for s, e in covered)
    ]
    bases = [split_legal_form(name)[1] or name for name in allowed if name]
    own = [m.span() for base in bases if base for m in re.finditer(re.escape(base), text)]
    bare = _bare_names(text, covered + own)
    if not loose:
        return [_messages()["other_company"].format(found="、".join(bare))] if bare else []
    names = {(n.start, n.end): text[n.start : n.end] for n in names_in(text)}
    found = [
        next((name for (s, e), name in names.items() if s <= start and end <= e), text[start:end])
        for start, end in loose
    ]
    return [_messages()["other_company"].format(found="、".join(dict.fromkeys(found + bare)))]


def _bare_names(text: str, covered: list[tuple[int, int]]) -> list[str]:
    """Names of organisations written without a legal form (ミライ商事, トヨタ自動車): see
    words.toml [organisation]. A name inside an allowed one (`covered`) is not reported."""
    from naitei.check.tokenizer import Tokens

    heads = tuple(bank("words")["organisation"]["heads"])
    tokens = Tokens(text)
    runs: list[list[tuple[int, str, tuple[str, ...]]]] = [[]]
    at = 0
    for i in range(len(tokens)):
        surface, pos = tokens.surface(i), tuple(tokens.pos(i))
        start = text.find(surface, at)
        at = start + len(surface) if start >= 0 else at
        if pos[0] == "名詞" and start >= 0:
            runs[-1].append((start, surface, pos))
        else:
            runs.append([])
    found = []
    for run in runs:
        if not run:
            continue
        start = run[0][0]
        end = run[-1][0] + len(run[-1][1])
        name = text[start:end]
        last = run[-1]
        if not name.endswith(heads) or any(s <= start and end <= e for s, e in covered):
            continue
        before = run[:-1] if last[1].endswith(heads) and last[1] in heads else []
        proper = last[2][1] == "固有名詞" and last[1] not in heads
        named = bool(before) and all(
            pos[1] == "固有名詞" or re.fullmatch(r"[ぁ-ゖァ-ヺーA-Za-z0-9&・]+", surface)
            for _, surface, pos in before
        )
        if proper or named:
            found.append(name)
    return list(dict.fromkeys(found))


# --- warnings and previews -----------------------------------------------------------------


def ranking(text: str) -> list[str]:
    """The words of the answer that rank the employers (第一志望, 滑り止め …), except those said of
    the addressee itself (御社が第一志望でした: true of this employer, and no slight)."""
    from naitei.employers import forms_in

    clean = analyse(text).text
    addresses = forms_in(clean)
    found = []
    for word in analyse(text).second_choice:
        at = clean.find(word)
        own = any(0 <= at - form.end <= 2 for form in addresses)
        if not own:
            found.append(word)
    return found


def warnings_of(text: str, *, decline: bool = False) -> list[str]:
    """What a withdrawal answer tells the company about its rank (a decline's answer is refused
    for it instead: see refusal)."""
    if not text.strip() or decline:
        return []
    clean = analyse(text).text
    kinds = {
        word: entry.get("message", "second_choice")
        for entry in bank("words")["second_choice"]
        for word in entry["words"]
    }
    return [
        _messages()[kinds[word] if word in clean else "second_choice_rewritten"].format(found=word)
        for word in ranking(text)[:1]
    ]


def case_problems(case: Case) -> list[Problem]:
    """Every free-text answer of `case` that cannot be woven in, each naming its key."""
    from naitei.check import CheckContext

    problems = []
    for item in free_texts(case):
        context = CheckContext.from_case(case, item.company)
        message = refusal(item.text, item.slot, item.example, context)
        if message is not None:
            problems.append(Problem(item.where, message))
    return problems


def title_notes(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """A title glued to a form of address (御社様, 貴行さま, 貴院殿) or to the employer's own
    name (株式会社ミライ様): the documents write the form of address without it
    (sentences.for_medium) and the user is told, once per form."""
    from naitei.compose.sentences import TITLE_AFTER_FORM, titled_name
    from naitei.employers import forms_in

    if not any(title in text for title in ("様", "さま", "殿", "御中")):
        return []
    clean = analyse(text).text
    notes: dict[str, str] = {}
    for name in names:
        for match in titled_name(name).finditer(clean):
            title = TITLE_AFTER_FORM.search(match[0])
            assert title is not None
            notes.setdefault(
                match[0],
                _messages()["title_after_name"].format(
                    found=match[0], title=title[0].strip(" \u3000")
                ),
            )
    for found in forms_in(clean):
        title = TITLE_AFTER_FORM.match(clean, found.end)
        if title is None:
            continue
        notes.setdefault(
            clean[found.start : title.end()],
            _messages()["title_after_form"].format(
                found=clean[found.start : title.end()],
                title=title[0].strip(" \u3000"),
                form=found.form,
            ),
        )
    return list(notes.values())


def own_name_notes(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """The addressee named in the user's words by its name or a short name, without a title
    (労金の理念, ミナトテックの社風): the documents write its form of address (貴庫, 御庫) and the
    user is told, once per name (reader 5, B1). Titled names are title_notes'."""
    from naitei.compose.sentences import TITLE_AFTER_FORM, own_name

    clean = analyse(text).text if text.strip() else ""
    notes: dict[str, str] = {}
    for name in names:
        for match in own_name(name).finditer(clean):
            if TITLE_AFTER_FORM.search(match[0]):
                continue
            notes.setdefault(match[0], _messages()["own_name"].format(found=match[0], name=name))
    return list(notes.values())


def _notes(text: str, kind: str, names: tuple[str, ...] = ()) -> list[str]:
    return (
        title_notes(text, names)
        + own_name_notes(text, names)
        + warnings_of(text, decline=kind == "reason_detail_decline")
        + process_notes(text, kind)
    )


def _names(case: Case, item: FreeText) -> tuple[str, ...]:
    """The employer names an answer is written to: the withdrawal's company, the decline
    file's company of a per-company reason, or every company for the shared reason."""
    from naitei.case import WithdrawalCase

    if isinstance(case, WithdrawalCase):
        return (case.company.name,)
    if item.where.startswith("[[companies]]"):
        return (case.companies[item.company].name,)
    return tuple(company.name for company in case.companies)


def _leaving_home(case: Case, item: FreeText) -> list[str]:
    """「地元を離れて…」 in a reason sent to a local government (reader 4, A3)."""
    from naitei.case import WithdrawalCase

    if item.slot != "cause":
        return []
    from naitei.compose.phrases import words_bank

    table = words_bank().leaving_home
    found = next((word for word in table.words if word in item.text), None)
    if found is None:
        return []
    if isinstance(case, WithdrawalCase):
        employers = [case.company.employer]
    elif item.where.startswith("[[companies]]"):
        employers = [case.companies[item.company].employer]
    else:
        employers = [company.employer for company in case.companies]
    local = next((e for e in employers if e.written in table.forms), None)
    if local is None:
        return []
    return [_messages()["leaving_home"].format(found=found, label=local.label)]


def case_warnings(case: Case) -> list[Problem]:
    """What the user may want to change before sending: notes on the free-text answers, and an
    applicant the employer cannot answer but by post (no phone, no email: reader 4, A2)."""
    notes = [
        Problem(item.where, message)
        for item in free_texts(case)
        for message in _notes(item.text, item.slot_kind, _names(case, item))
        + _leaving_home(case, item)
    ]
    if not case.applicant.phone and not case.applicant.email:
        notes.append(Problem("[applicant].phone", _messages()["no_contact"]))
    return notes + _agent_refused(case)


def _agent_refused(case: Case) -> list[Problem]:
    """The user's words tell that the agent refused to help (エージェントに相談しましたが、断られ
    ました) while the case still routes through it: the user is told how to go to the employer
    directly (reader 5, A1). The case file is not changed behind their back."""
    from naitei.case import WithdrawalCase

    if not isinstance(case, WithdrawalCase) or case.offer.via != "agent":
        return []
    refusals = bank("words")["process"]["refusals"]
    sentences = [  # left out of the documents, or the whole answer (refused)
        sentence
        for text in (case.withdrawal.why_detail, case.decline.reason_detail)
        for sentence in analyse(text).text.split("。") + list(analyse(text).process)
        if process_sentence(sentence)
    ]
    if not any(word in sentence for sentence in sentences for word in refusals):
        return []
    message = _messages()["agent_refused"].format(label=case.company.employer.noun)
    return [Problem("[offer].via", message)]


def why_detail_needed() -> Problem:
    """The refusal of an empty why_detail when why = "other"."""
    text = _messages()["why_other_needed"]
    tail = _messages()["example"].format(example=example("why_detail_other"))
    return Problem("[withdrawal].why_detail", f"{text}{tail}")


# The kinds of free-text answer and the slot each fills. A kind may have a variant by the
# case's facts, with its own example (why_detail_changed_mind, reason_detail_fit …: keys of
# words.toml [examples]); the variant fills its kind's slot.
SLOTS: dict[str, Slot] = {
    "reason_detail": "cause",
    "reason_detail_decline": "cause",
    "why_detail": "sentence",
    "why_detail_other": "sentence",
    "strengths": "noun",
}


def base_kind(kind: str) -> str:
    """why_detail_changed_mind → why_detail; reason_detail_decline stays itself."""
    if kind in ("reason_detail_decline", "strengths"):
        return kind
    return next((k for k in ("reason_detail", "why_detail") if kind.startswith(k)), kind)


def slot_of(kind: str) -> Slot:
    return SLOTS[base_kind(kind)]


def kind_of(kind: str, facts: Mapping[str, Any] | None = None) -> str:
    """The variant of `kind` whose example fits the case: why_detail by why (changed_mind,
    situation_resolved, other …), reason_detail by reason; the kind itself when none has one."""
    facts = facts or {}
    fact = {"why_detail": "why", "reason_detail": "reason"}.get(kind)
    if fact and facts.get(fact):
        variant = f"{kind}_{facts[fact]}"
        if variant in bank("words")["examples"]:
            return variant
    return kind


def preview(
    kind: str,
    text: str,
    facts: Mapping[str, Any] | None = None,
    naming: Naming | None = None,
) -> str:
    """The sentence `text` will appear in, in a written document (for init and the wizard).
    `kind` is a key of SLOTS; strengths are one per line. `naming` is the employer's, when
    known (貴行 for a bank …); without it the sentence says 貴社."""
    from naitei.compose import sentences
    from naitei.compose.situation import mode_of

    story = {key: str(value) for key, value in (facts or {}).items() if value is not None}
    mode = mode_of(story.get("channel", ""))  # init's answers: how the decline was made
    story |= {"mode": mode, "silent": "true" if mode == "silent" else "false"}
    kind = base_kind(kind)
    reason, why = story.get("reason", "other_offer"), story.get("why", "other_offer_lost")
    if kind == "strengths":
        lines = [line for line in text.split("\n") if line.strip()]
        phrase = sentences.strengths_phrase(lines, naming=naming)
        ref = naming.ref if naming else sentences.REF["written"]
        return STRENGTHS_SENTENCE.format(phrase=phrase, ref=ref) if phrase else ""
    if kind == "reason_detail_decline":
        return sentences.present_reason(reason, text, "written", naming=naming)
    if kind == "reason_detail":
        return sentences.past_reason(reason, text, "written", facts=story, naming=naming)
    return sentences.what_changed(why, text, "written", story, naming=naming)


@dataclass(frozen=True)
class Reviewed:
    """What a face shows for one answer: refusals (ask again), warnings, and the sentence."""

    refusals: tuple[str, ...]
    warnings: tuple[str, ...]
    sentence: str


def review_answer(
    kind: str,
    answer: str | list[str],
    facts: Mapping[str, Any] | None = None,
    context: CheckContext | None = None,
    naming: Naming | None = None,
) -> Reviewed:
    """One answer as `naitei init` and the wizard review it before the case file is written."""
    kind = kind_of(kind, facts)
    items = answer if isinstance(answer, list) else [answer]
    refusals, warnings = [], []
    for number, item in enumerate(items, start=1):
        message = refusal(item, slot_of(kind), kind, context)
        if message is not None:
            refusals.append(f"{number}つ目: {message}" if len(items) > 1 else message)
        names = (context.company_name,) if context is not None and context.company_name else ()
        warnings += _notes(item, kind, names)
    sentence = "" if refusals else preview(kind, "\n".join(items), facts, naming)
    return Reviewed(tuple(refusals), tuple(warnings), sentence)


def example_sentence(
    kind: str, facts: Mapping[str, Any] | None = None, naming: Naming | None = None
) -> tuple[str, str]:
    """The example answer of `kind` and the sentence it appears in."""
    kind = kind_of(kind, facts)
    text = example(kind, naming.join if naming else None)
    return text, preview(kind, text, facts, naming)
