"""`naitei init`: ask the questions of data/interview.toml and write a valid case file.

Input and output are injected (`read` returns one line, '' at the end of input), so the
interview works the same at a terminal, with piped answers and in tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from naitei.calendar import JST
from naitei.case import parse_case
from naitei.employers import EMPLOYER_KINDS, employer_of, kind_labels
from naitei.errors import InputError
from naitei.fsutil import atomic_write
from naitei.labels import table as label_table
from naitei.questions import Question, interview

if TYPE_CHECKING:
    from naitei.check import CheckContext
    from naitei.compose.sentences import Naming

Read = Callable[[], str]
Write = Callable[[str], Any]
MAX_ATTEMPTS = 3
_YES = {"はい", "y", "yes", "1", "true"}
_NO = {"いいえ", "n", "no", "2", "false"}
HEADER = "# naitei init で作成したケースファイルです。内容は自由に書き直せます。\n"


@dataclass(frozen=True)
class _Asked:
    """A question as asked here: one of data/interview.toml, with the choices given in place
    (the purpose, the employer kinds) and the answer that Enter alone gives."""

    question: Question
    inline: dict[str, str] | None = None
    default: str | None = None


class _Interview:
    def __init__(self, read: Read, write: Write) -> None:
        self.read, self.write = read, write
        self.data = interview()  # naitei.questions: the typed, checked data/interview.toml
        self.company: dict[str, Any] = {}  # the company the answers are written to, once known

    def ask(self, asked: _Asked, answers: dict[str, Any]) -> None:
        """Ask one question (if its `when` holds) and store the parsed answer in `answers`."""
        question = asked.question
        when = question.when or {}
        if any(answers.get(key) not in values for key, values in when.items()):
            return
        required = question.required_when or {}
        if required and all(answers.get(k) in values for k, values in required.items()):
            asked = replace(asked, question=replace(question, optional=False))
        if question.type == "employer_kind":
            name = str(answers.get("name", ""))
            if not employer_of(name).needs_notice:
                return  # plainly a company (株式会社…): nothing to confirm
            asked = _kind_question(question, name)
        question = asked.question
        for _ in range(MAX_ATTEMPTS):
            self.write(_prompt(asked, answers, self.naming()))
            line = self.read()
            if line == "":
                raise InputError(
                    f"回答が途中で終わりました（{question.ask}）。ファイルは作成していません"
                )
            try:
                value = _parse(asked, line.strip())
                if question.words is not None and value:
                    self.review(question.words, value, answers)
            except ValueError as error:
                self.write(f"  {error}。もう一度お願いします。")
                continue
            if value is not None:
                answers[question.key] = value
            return
        raise InputError(
            "答えを読み取れませんでした。ファイルは作成していません", field=question.key
        )

    def review(self, kind: str, value: str | list[str], answers: dict[str, Any]) -> None:
        """A free-text answer as the documents will use it: refused (ValueError: asked again),
        warned about, or shown in its sentence."""
        from naitei.compose.review import review_answer

        reviewed = review_answer(kind, value, answers, self.context(), self.naming())
        if reviewed.refusals:
            raise ValueError("\n  ".join(reviewed.refusals).removesuffix("。"))
        for warning in reviewed.warnings:
            self.write(f"  注意: {warning}")
        self.write(f"  文面では: {reviewed.sentence}")

    def naming(self) -> Naming | None:
        """How the documents will name the employer (貴行, 入行 …), once its name is known."""
        from naitei.compose.sentences import naming

        name = str(self.company.get("name", ""))
        if not name:
            return None
        kind = self.company.get("kind")
        return naming(
            employer_of(name, kind if kind in EMPLOYER_KINDS else None), "written", name=name
        )

    def context(self) -> CheckContext | None:
        """What the checker needs to tell the company's own name from another company's."""
        from naitei.check import CheckContext

        if not self.company.get("name"):
            return None
        allowed = (self.company.get("agent_name", ""), self.company.get("school", ""))
        return CheckContext(
            company_name=self.company["name"], allowed_names=tuple(a for a in allowed if a)
        )

    def section(self, name: str) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in self.data.section(name):
            self.ask(_Asked(question), answers)
        return answers

    def choose(self, question: str, choices: dict[str, str]) -> str:
        answers: dict[str, Any] = {}
        self.ask(_Asked(Question(key="x", ask=question, type="choice"), inline=choices), answers)
        return str(answers["x"])

    def confirm(self, question: str) -> bool:
        answers: dict[str, Any] = {}
        self.ask(_Asked(Question(key="x", ask=question, type="bool")), answers)
        return bool(answers["x"])


def run_interview(path: Path, *, force: bool, read: Read, write: Write) -> dict[str, Any]:
    """Ask, validate with the case-file rules, then write `path` atomically."""
    if path.exists() and not force:
        raise InputError(f"{path}: すでにあります（上書きするときは --force）")
    interview = _Interview(read, write)
    choices = {str(key): text for key, text in interview.data.purpose_choices.items()}
    purpose = interview.choose(interview.data.purpose_question, choices)
    data: dict[str, Any] = {
        "version": 1,
        "purpose": purpose,
        "applicant": interview.section("applicant"),
    }
    if purpose == "withdraw":
        for name in ("company", "offer", "decline", "withdrawal"):
            data[name] = interview.section(name)
            interview.company |= data[name] if name in ("company", "offer") else {}
        interview.company["school"] = data["applicant"].get("school", "")
    else:
        data["decline"] = interview.section("decline_reason")
        data["companies"] = []
        while True:
            company = interview.section("company") | interview.section("decline_company")
            data["companies"].append(company)
            if len(data["companies"]) >= 20 or not interview.confirm(interview.data.more_companies):
                break
    parse_case(data, source=path.name)  # the same rules as every other case file
    atomic_write(path, (HEADER + tomli_w.dumps(data)).encode("utf-8"))
    write(
        f"{path} を作成しました。次は: naitei assess {path}"
        if purpose == "withdraw"
        else f"{path} を作成しました。次は: naitei decline {path} --out 辞退"
    )
    return data


def _kind_question(question: Question, name: str) -> _Asked:
    """The employer-kind question, with the kind detected from the name as the default."""
    detected = employer_of(name)
    ask = (
        f"{question.ask}。名前から「{detected.noun}」と判断しました"
        f"（{detected.written}・{detected.spoken}、{detected.join}）。"
        "違う場合は番号で選んでください"
    )
    return _Asked(replace(question, ask=ask), inline=kind_labels(), default=detected.kind)


def _prompt(
    asked: _Asked,
    answers: dict[str, Any] | None = None,
    naming: Naming | None = None,
) -> str:
    question = asked.question
    text = question.ask
    choices = _choices(asked)
    if choices:
        listed = "  ".join(f"{n}) {label_}" for n, label_ in enumerate(choices.values(), 1))
        text += f"\n  {listed}"
    elif question.type == "bool":
        text += "（はい／いいえ）"
    if asked.default is not None:
        text += f"［空のままEnterで「{choices[asked.default]}」］"
    elif question.optional:
        text += "［空のままEnterで省略］"
    if question.words is not None:
        from naitei.compose.review import example_sentence

        example, sentence = example_sentence(question.words, answers, naming)
        text += f"\n  例: {example}\n  文面では: {sentence}"
    return text + "\n> "


def _choices(asked: _Asked) -> dict[str, str]:
    question = asked.question
    if asked.inline is not None:
        return dict(asked.inline)
    if question.type == "employer_kind":
        return kind_labels()
    if question.type != "choice" or question.choices is None:
        return {}
    return dict(label_table(question.choices))


def _parse(asked: _Asked, answer: str) -> Any:
    if not answer:
        if asked.default is not None:
            return asked.default
        if asked.question.optional:
            return None
        raise ValueError("この質問には答えが必要です")
    kind = asked.question.type
    if kind in ("choice", "employer_kind"):
        return _parse_choice(_choices(asked), answer)
    if kind == "bool":
        return _parse_bool(answer)
    if kind == "date":
        return _parse_date(answer)
    if kind == "datetime":
        return _parse_datetime(answer)
    if kind == "list":
        return [item.strip() for item in re.split(r"[、,，]", answer) if item.strip()]
    return str(answer)


def _parse_choice(choices: dict[str, str], answer: str) -> str:
    keys = list(choices)
    if answer.isdigit() and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    for key, text in choices.items():
        if answer in (key, text):
            return key
    raise ValueError(f"1〜{len(keys)} の番号で選んでください")


def _parse_bool(answer: str) -> bool:
    lowered = answer.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise ValueError("「はい」か「いいえ」で答えてください")


def _parse_date(answer: str) -> dt.date:
    try:
        return dt.date.fromisoformat(answer.replace("/", "-"))
    except ValueError:
        raise ValueError("日付は 2027-04-01 の形で書いてください") from None


def _parse_datetime(answer: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(answer.replace("/", "-"))
    except ValueError:
        raise ValueError("日時は 2026-11-20 15:00 の形で書いてください") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=JST)
